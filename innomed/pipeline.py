"""The whole build, narrated: read -> validate -> catalog -> generate -> check -> stage ->
render -> verify -> swap. Each step lives in its own subpackage (see innomed/__init__.py)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from innomed.checks.site_links import check_site
from innomed.generate.site import generate_site
from innomed.model.catalog import Catalog, check_cross_references, generated_sections
from innomed.model.config import (
    CONFIG_FILE,
    VOCABULARY_FILE,
    config_line,
    read_contact,
    read_nav_files,
    read_site_url,
    today,
)
from innomed.model.content import Content, check_references, published_only
from innomed.model.errors import ContentError, ContentErrors
from innomed.model.gitdates import last_commit_dates
from innomed.model.pages import Page
from innomed.model.reading import read_all
from innomed.model.vocabulary import load_vocabularies
from innomed.render.lock import build_lock
from innomed.render.messages import engine_warning, page_origins, verify_output
from innomed.render.stage import stage

STAGING_DIR = Path(".build/docs")


@dataclass(frozen=True)
class BuildResult:
    pages: int
    staged: Path
    warnings: list


def load_content(root: Path, drafts: bool = False, dates: bool = True) -> Content:
    """Read and check all content; raises ContentErrors listing every problem found.

    Drafts are read and checked either way, but only the preview (`drafts=True`) shows them.
    `dates=False` leaves out the files' last commit dates (one `git log` over the whole
    history): they change what pages say, never what is wrong with them, so `check` skips it.
    """
    vocabularies = load_vocabularies(root / VOCABULARY_FILE, root)
    # Every reader collects, none stops early.
    entries, errors, unreadable = read_all(root, vocabularies)
    errors += check_cross_references(
        entries["project"], {slug for kind, slug in unreadable if kind == "project"}
    )
    shown, left_out = (entries, {}) if drafts else published_only(entries, today())
    content = Content(
        shown,
        Catalog.from_projects(shown["project"], vocabularies),
        file_dates=last_commit_dates(root) if dates else {},
        site_url=read_site_url(root).rstrip("/"),
        drafts=left_out,
        contact=read_contact(root),
        unreadable=frozenset(unreadable),
        today=today(),
    )
    errors += check_references(content)
    if any(left_out.values()):
        # A draft's own links are checked as the preview shows it (drafts linking drafts is
        # fine), so `check` never says OK to a file that `serve` refuses.
        preview = replace(
            content,
            entries=entries,
            drafts={},
            catalog=Catalog.from_projects(entries["project"], vocabularies),
        )
        hidden = {e.source.rel for found in left_out.values() for e in found}
        errors += [e for e in check_references(preview) if e.path in hidden]
    if errors:
        raise ContentErrors(errors)
    return content


def check_site_items(root: Path, drafts: bool = False, dates: bool = True) -> tuple[Content, list]:
    """Everything `build` refuses before the engine runs: content, then the generated
    pages' links, anchors, addresses and menu. `check` stops here."""
    content = load_content(root, drafts, dates)
    items = generate_site(content, root)
    refuse_broken_links(root, items)
    return content, items


def refuse_broken_links(root: Path, items: list) -> None:
    nav, sections = read_nav_files(root), generated_sections()
    errors = check_site(items, root, root / STAGING_DIR, nav, sections)
    if errors:
        raise ContentErrors(errors)


def stage_site(root: Path, drafts: bool = False) -> tuple[Path, Content, list]:
    content, items = check_site_items(root, drafts)
    stage(items, root / STAGING_DIR, root)
    return root / STAGING_DIR, content, items


def require_publishable(content: Content, root: Path) -> None:
    """What a public deploy may not lack, though a preview or a test build may."""
    if content.contact_warnings:
        path, field_name, message = content.contact_warnings[0].split(": ", 2)
        raise ContentErrors([ContentError(path, config_line(root, "contact"), field_name, message)])


def build_site(root: Path, out: Path, production: bool = False) -> BuildResult:
    from innomed.render.engine import RenderError, render

    with build_lock(root):
        if production:
            require_publishable(load_content(root), root)
        staged, content, items = stage_site(root)
        warnings = content.warnings
        origins = page_origins(items)  # what verify needs, to name the editor's file
        engine_items = [replace(i, text="") if isinstance(i, Page) else i for i in items]
        # The texts are hundreds of MB at 5,000 projects that the render never reads.
        del content, items
        try:
            pages = render(
                root / CONFIG_FILE,
                staged,
                out,
                generated_sections(),
                verify=lambda site: verify_output(site, origins),
            )
        except RenderError as problem:
            if not problem.messages:
                raise
            raise ContentErrors(
                [engine_warning(m, engine_items, root) for m in problem.messages]
            ) from None
    return BuildResult(pages=pages, staged=staged, warnings=warnings)
