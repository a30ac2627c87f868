"""The preview's one shortcut: MkDocs' config, files, navigation and theme stay loaded
between saves, and only the staged pages whose text changed are rendered again.

MkDocs has no public way to render a single page, so this splits its build() at the page
loop and uses its private helpers (mkdocs/commands/build.py, 1.6). Builds never come here:
they call MkDocs' public build() (innomed/render/engine.py). tests/test_preview.py proves a
series of saves shows byte for byte what rendering everything again shows.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any, NamedTuple

from innomed.render.engine import not_in_nav_option


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
