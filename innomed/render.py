"""The only module that imports MkDocs: render the staged tree, then swap it into place.

Keeping the engine behind this one function means MkDocs 1.x, ProperDocs or Zensical can be
swapped in here without touching the content pipeline.
"""

from __future__ import annotations

import ctypes
import gc
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from .cores import can_fork, default_workers, forked_pool
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
    """Build into a temporary folder beside `out` (on every core), let `verify` refuse it, and
    swap only on success. Returns the page count. Callers hold the build lock (lock.py)."""
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
        if workers > 1 and can_shard(config):
            build_sharded(config, workers)
        else:
            build(config)
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


# ------------------------------------------------------------------ rendering on every core
#
# MkDocs renders pages one after another on one core. A page's HTML depends only on its own
# markdown and the navigation, and the navigation holds only hand-written pages (generated
# ones are not_in_nav), so after the parent has read the nav pages, workers forked from it can
# render disjoint shards of the pages and write them directly. What MkDocs gathers across
# pages is sent back and merged in MkDocs' own page order: the search index entries, the
# anchors for its anchor check, and warnings (strict mode). The output is byte-identical to
# `build(config)`; tests/test_render_parallel.py compares the two.

SHARDABLE_PLUGINS = {"search", "material/search"}  # plugins whose cross-page state we merge
_shard_state: dict = {}  # set in the parent just before forking; read by the workers


def can_shard(config) -> bool:
    return set(config.plugins) <= SHARDABLE_PLUGINS and can_fork()


def search_index_of(config):
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if index is not None and isinstance(getattr(index, "entries", None), list):
            return index
    return None


class _RecordCollector(logging.Handler):
    """In a worker: keep every warning to hand back to the parent, which logs it again."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def _render_shard(shard: int, shards: int) -> dict:
    """In a forked worker: read and render every `shards`-th page, write its HTML, and return
    what the parent needs from it."""
    from mkdocs.commands.build import _build_page, _populate_page

    config, files, nav, env, doc_files = (
        _shard_state[k] for k in ("config", "files", "nav", "env", "doc_files")
    )
    mkdocs_log = logging.getLogger("mkdocs")
    for handler in list(mkdocs_log.handlers):
        mkdocs_log.removeHandler(handler)  # the parent's handlers live in the parent
    collector = _RecordCollector()
    mkdocs_log.addHandler(collector)
    mkdocs_log.propagate = False
    index = search_index_of(config)
    result: dict = {"entries": {}, "anchors": {}, "links": {}, "error": None}
    try:
        for number, file in enumerate(doc_files):
            if number % shards != shard:
                continue
            page = file.page
            if page.content is None:
                _populate_page(page, config, files)
            before = len(index.entries) if index else 0
            _build_page(page, config, doc_files, nav, env)
            uri = file.src_uri
            if index:
                result["entries"][uri] = index.entries[before:]
            result["anchors"][uri] = page.present_anchor_ids
            result["links"][uri] = {
                target.src_uri: links for target, links in (page.links_to_anchors or {}).items()
            }
            page.content = page.markdown = page.toc = None  # free it: the HTML is written
    except Exception as error:  # handed to the parent, which stops the build
        result["error"] = f"{type(error).__name__}: {error}"
    result["warnings"] = collector.records
    return result


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


def release_free_memory() -> None:
    """Hand memory Python has freed (the staged texts, at 5,000 projects hundreds of MB) back
    to the system before forking, so it is neither counted nor copied in the workers."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: the memory stays reserved, no harm
        pass


def render_in_workers(prepared: Prepared, workers: int) -> list[dict]:
    _shard_state.update(prepared._asdict())
    # Without freezing, the workers' garbage collector walks every object inherited from
    # the parent and so copies each memory page it touches: both workers end up with a
    # private copy of the parent's heap.
    gc.collect()
    release_free_memory()
    gc.freeze()
    try:
        with forked_pool(workers) as pool:
            return list(pool.map(_render_shard, range(workers), [workers] * workers))
    finally:
        gc.unfreeze()
        _shard_state.clear()


def build_sharded(config, workers: int) -> None:
    """MkDocs' `build` for a full, non-dirty build, with the page loop split over forked
    workers."""
    from mkdocs import utils
    from mkdocs.exceptions import Abort, BuildError

    mkdocs_log = logging.getLogger("mkdocs")
    warning_counter = utils.CountHandler()
    warning_counter.setLevel(logging.WARNING)
    if config.strict:
        mkdocs_log.addHandler(warning_counter)
    try:
        prepared = prepare(config)
        config, files, doc_files = prepared.config, prepared.files, prepared.doc_files
        results = render_in_workers(prepared, workers)
        merge_shards(results, config, files, doc_files)
        if errors := [r["error"] for r in results if r["error"]]:
            raise BuildError("; ".join(errors))
        for file in doc_files:
            file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        config.plugins.on_post_build(config=config)
        if counts := warning_counter.get_counts():
            message = ", ".join(f"{v} {k.lower()}s" for k, v in counts)
            raise Abort(f"Aborted with {message} in strict mode!")
    except Exception as error:
        config.plugins.on_build_error(error=error)
        if isinstance(error, BuildError):
            mkdocs_log.error(str(error))
            raise Abort("Aborted with a BuildError!") from None
        raise
    finally:
        mkdocs_log.removeHandler(warning_counter)


def merge_shards(results: list[dict], config, files, doc_files) -> None:
    """Put what the workers found back where MkDocs keeps it, in MkDocs' page order."""
    for result in results:
        for name, level, message in result["warnings"]:
            logging.getLogger(name).log(level, message)
    found = {uri: r for r in results for uri in r["anchors"]}
    index = search_index_of(config)
    for file in doc_files:
        shard = found.get(file.src_uri)
        if shard is None:
            continue
        if index is not None:
            index.entries += shard["entries"][file.src_uri]
        file.page.present_anchor_ids = shard["anchors"][file.src_uri]
        file.page.links_to_anchors = {
            files.get_file_from_path(target): links
            for target, links in shard["links"][file.src_uri].items()
        }


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
        results = render_in_workers(self.prepared, default_workers())
        merge_shards(results, self.prepared.config, self.prepared.files, self.prepared.doc_files)
        if errors := [r["error"] for r in results if r["error"]]:
            raise RenderError("; ".join(errors))
        self.warm_up()

    def warm_up(self) -> None:
        """The workers compiled the theme's templates, this process has not: render one page
        of the menu again (same bytes) now rather than on the editor's first save."""
        from mkdocs.commands.build import _build_page

        config, _, nav, env, doc_files = self.prepared
        if nav.pages:
            _build_page(nav.pages[0], config, doc_files, nav, env)

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
