"""The only module that imports MkDocs: render the staged tree, then swap it into place.

Keeping the engine behind this one function means MkDocs 1.x, ProperDocs or Zensical can be
swapped in here without touching the content pipeline.
"""

from __future__ import annotations

import ctypes
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from .cores import default_workers
from .postprocess import postprocess
from .search_index import SearchIndexError, index_site


class RenderError(Exception):
    """MkDocs refused the staged site (strict mode turns every warning into this)."""

    def __init__(self, text: str, messages: list[str] | None = None):
        super().__init__(text)
        self.messages = messages or []


class WarningCollector(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def pin_build_date(root: Path) -> None:
    """MkDocs stamps pages and the sitemap's gzip header with the build date; pin it to the
    last commit (the reproducible-builds SOURCE_DATE_EPOCH convention MkDocs honours)."""
    from .gitdates import head_commit_timestamp

    if "SOURCE_DATE_EPOCH" not in os.environ:
        stamp = head_commit_timestamp(root)
        os.environ["SOURCE_DATE_EPOCH"] = str(stamp if stamp is not None else 0)


def render(
    config_file: Path,
    docs_dir: Path,
    out: Path,
    not_in_nav: Sequence[str] = (),
    verify: Callable[[Path], None] | None = None,
    workers: int | None = None,
) -> int:
    """Build into a temporary folder beside `out`, let `verify` refuse it, and swap only on
    success. Returns the page count. Callers hold the build lock (lock.py). `workers` share
    the page-by-page steps after MkDocs (postprocess, search index; cores.map_in_order)."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    pin_build_date(config_file.parent)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    out = out.resolve()
    recover(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.new-"))
    collector = WarningCollector()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(collector)
    previous_level = mkdocs_log.level
    mkdocs_log.setLevel(logging.WARNING)
    try:
        config = load_config(
            str(config_file),
            docs_dir=str(docs_dir),
            site_dir=str(temporary),
            strict=True,
            **not_in_nav_option(not_in_nav),
        )
        workers = default_workers() if workers is None else workers
        build(config)  # MkDocs' own public build: the one path every site takes
        postprocess(temporary, workers)
        # On the finished pages, before the swap: a failed index keeps the previous site.
        index_site(temporary, workers)
    except SearchIndexError as error:
        shutil.rmtree(temporary, ignore_errors=True)
        raise RenderError(str(error)) from None
    except BaseException as error:
        shutil.rmtree(temporary, ignore_errors=True)
        if not isinstance(error, (MkDocsException, SystemExit, OSError)):
            raise  # Ctrl+C and the like: nothing half-built stays behind
        details = "\n".join(f"  - {message}" for message in collector.messages)
        raise RenderError(
            f"MkDocs stoppet bygget: {error}\n{details}".rstrip(), collector.messages
        ) from None
    finally:
        mkdocs_log.removeHandler(collector)
        mkdocs_log.setLevel(previous_level)
    if collector.messages:
        shutil.rmtree(temporary, ignore_errors=True)
        raise RenderError(
            "MkDocs ga advarsler (streng modus):\n"
            + "\n".join(f"  - {m}" for m in collector.messages),
            collector.messages,
        )
    try:
        if verify:
            verify(temporary)
        swap_into_place(temporary, out)
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
    return sum(1 for _ in out.rglob("index.html"))


# ------------------------------------------------------------------ the live preview's engine
#
# The preview keeps MkDocs' config, files, navigation and theme loaded between saves and
# renders only the staged pages whose text changed. That needs MkDocs' build() split at its
# page loop, so it uses the module's private helpers; builds never come here.


class Prepared(NamedTuple):
    """What MkDocs' build holds before its page loop, and every page needs."""

    config: Any
    files: Any
    nav: Any
    env: Any
    doc_files: list


def prepare(config) -> Prepared:
    """MkDocs' `build` (mkdocs/commands/build.py, 1.6) up to its page loop, for a full,
    non-dirty build: files, navigation, theme, static files and the theme's own templates."""
    from mkdocs import utils
    from mkdocs.commands.build import (
        _build_extra_template,
        _build_theme_template,
        _populate_page,
    )
    from mkdocs.structure.files import InclusionLevel, get_files, set_exclusions
    from mkdocs.structure.nav import get_navigation
    from mkdocs.structure.pages import Page

    inclusion = InclusionLevel.is_included
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    utils.clean_directory(config.site_dir)
    files = get_files(config)
    env = config.theme.get_env()
    files.add_files_from_theme(env, config)
    files = config.plugins.on_files(files, config=config)
    set_exclusions(files, config)
    nav = get_navigation(files, config)
    nav = config.plugins.on_nav(nav, config=config, files=files)
    in_nav = {id(page) for page in nav.pages}
    for file in files.documentation_pages(inclusion=inclusion):
        if file.page is None and file.inclusion.is_not_in_nav():
            Page(None, file, config)
        if id(file.page) in in_nav:  # every page's sidebar shows these: read them here
            _populate_page(file.page, config, files)
        else:  # the sitemap, rendered here, needs every page's front matter (lastmod)
            file.page.read_source(config)
            file.page.markdown = None  # the worker reads it again; no copy kept here
    env = config.plugins.on_env(env, config=config, files=files)
    files.copy_static_files(dirty=False, inclusion=inclusion)
    for template in config.theme.static_templates:
        _build_theme_template(template, env, files, config, nav)
    for template in config.extra_templates:
        _build_extra_template(template, files, config, nav)
    return Prepared(config, files, nav, env, files.documentation_pages(inclusion=inclusion))


def not_in_nav_option(folders) -> dict:
    """Generated sections are reached from listings, never from the sidebar: Material renders
    the whole nav into every page, so hundreds of projects there would bloat each page."""
    return {"not_in_nav": "\n".join(f"/{folder}/*" for folder in folders)} if folders else {}


def swap_into_place(new: Path, out: Path) -> None:
    """Put the new site in place. On Linux the two folders trade places in one atomic step,
    so a build killed at any moment leaves either the old or the new site, never none."""
    if out.exists() and exchange(new, out):
        return  # the old site is now at `new`, which the caller removes
    old = out.parent / f".{out.name}.old"
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    new.rename(out)  # a kill between the two renames is mended by recover()
    shutil.rmtree(old, ignore_errors=True)


def exchange(first: Path, second: Path) -> bool:
    """renameat2(RENAME_EXCHANGE); False where the system has no such call."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange)
    return result == 0


def recover(out: Path) -> None:
    """Mend what a killed build can leave: the old site set aside but not restored, and
    temporary folders nobody will finish. Callers hold the build lock, so none is in use."""
    old = out.parent / f".{out.name}.old"
    if old.is_dir() and not out.exists():
        old.rename(out)
    shutil.rmtree(old, ignore_errors=True)
    for stale in out.parent.glob(f".{out.name}.new*"):
        shutil.rmtree(stale, ignore_errors=True)


# ------------------------------------------------------------------ the live preview


class Preview:
    """What `serve` shows: the staged tree rendered into `site_dir`, with MkDocs' config,
    files, navigation and theme kept loaded between saves.

    MkDocs' own serve, even "dirty", loads the config and compiles the theme again on every
    save and walks every staged file; at 1,000 projects that was most of the wait. Here a
    save re-renders only the staged pages whose text changed (the page itself, and the
    listings and related pages that show it). Everything renders again when the config, the
    theme or a title in the sidebar changes, since every page shows those.
    """

    def __init__(self, config_file: Path, docs_dir: Path, site_dir: Path, not_in_nav, url: str):
        self.options = {
            "config_file": str(config_file),
            "docs_dir": str(docs_dir),
            "site_dir": str(site_dir),
            "strict": False,  # `check` ran first; a warning must not blank the preview
            **not_in_nav_option(not_in_nav),
        }
        self.url = url
        self.render_all()

    def render_all(self) -> None:
        os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
        from mkdocs.config import load_config

        config = load_config(**self.options)
        config.site_url = self.url
        self.prepared = prepare(config)
        from mkdocs.commands.build import _build_page, _populate_page

        config, files, nav, env, doc_files = self.prepared
        in_nav = {id(page) for page in nav.pages}
        for file in doc_files:
            if file.page.content is None:
                _populate_page(file.page, config, files)
            _build_page(file.page, config, doc_files, nav, env)
            if id(file.page) not in in_nav:  # nav pages keep theirs: their titles come from it
                file.page.content = file.page.markdown = file.page.toc = None

    def refresh(self, changed: Collection[str]) -> int:
        """Render the staged files in `changed` (added, edited or removed) again; returns how
        many pages were rendered."""
        from mkdocs.commands.build import _build_page, _populate_page
        from mkdocs.structure.files import File, Files, InclusionLevel, set_exclusions
        from mkdocs.structure.pages import Page

        config, files, nav, env, _ = self.prepared
        docs_dir = Path(config.docs_dir)
        in_nav = {id(page) for page in nav.pages}
        pages = []
        for path in sorted(changed):  # first every addition and removal, so links resolve
            file = files.get_file_from_path(path)
            if file is not None and not (docs_dir / path).is_file():
                files.remove(file)
                Path(file.abs_dest_path).unlink(missing_ok=True)
                continue
            if file is None:
                file = File(path, config.docs_dir, config.site_dir, config.use_directory_urls)
                set_exclusions(Files([file]), config)
                files.append(file)
            if file.is_documentation_page():
                pages.append(file)
            else:
                file.copy_file()
        titles = [page.title for page in nav.pages]
        for file in pages:
            if id(file.page) in in_nav:
                _populate_page(file.page, config, files)
        if titles != [page.title for page in nav.pages]:
            self.render_all()  # every page's sidebar shows the new title
            return len(self.prepared.doc_files)
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        self.prepared = self.prepared._replace(doc_files=doc_files)
        for file in pages:  # after every new file is known, so links to it resolve
            if file.page is None:
                Page(None, file, config)
            if id(file.page) not in in_nav:
                _populate_page(file.page, config, files)
            _build_page(file.page, config, doc_files, nav, env)
            if id(file.page) not in in_nav:  # nav pages keep theirs: their titles come from it
                file.page.content = file.page.markdown = file.page.toc = None
        return len(pages)


def live_server(site_dir: Path, port: int, update: Callable[[], None]):
    """MkDocs' live-reload server on the rendered preview: it serves `site_dir` on loopback,
    adds its reload script to every page and, once `update` has run after a
    `request_rebuild()`, reloads the open pages. `serve()` blocks until Ctrl+C."""
    from mkdocs.livereload import LiveReloadServer

    class Server(LiveReloadServer):
        def request_rebuild(self) -> None:
            # What the server's own file watcher does on a change. Ours knows sooner: it
            # restages first and knows exactly which files changed.
            with self._rebuild_cond:
                self._want_rebuild = True
                self._rebuild_cond.notify_all()

    def not_found(code: int) -> bytes | None:
        page = site_dir / "404.html"
        return page.read_bytes() if code == 404 and page.is_file() else None

    server = Server(builder=update, host="127.0.0.1", port=port, root=str(site_dir))
    server.error_handler = not_found
    return server
