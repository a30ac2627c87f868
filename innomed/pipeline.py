"""The whole build, narrated: read -> validate -> catalog -> generate -> stage -> render."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from .audit_summary import STATEMENT_PAGE, read_summary, statement_section
from .catalog import Catalog, check_cross_references
from .content import Content, check_references, published_only
from .errors import ContentError, ContentErrors
from .feeds import generate_feeds
from .generate_listings import (
    generate_allocation_pages,
    generate_project_listings,
    generate_taxonomy_pages,
)
from .generate_pages import generate_entry_pages, generate_section_listings, home_highlights
from .generate_redirects import generate_redirects
from .gitdates import last_commit_dates
from .pages import Page, StaticFile
from .reading import read_all
from .registry import TYPES
from .stage import copy_tree_files, stage
from .templating import Markup
from .vocabulary import load_vocabularies

VOCABULARY_FILE = Path("data/vocabulary.yml")
STAGING_DIR = Path(".build/docs")
CONFIG_FILE = Path("mkdocs.yml")


@dataclass(frozen=True)
class BuildResult:
    pages: int
    staged: Path
    warnings: list


def load_content(root: Path, drafts: bool = False) -> Content:
    """Read and check all content; raises ContentErrors listing every problem found.

    Drafts are read and checked either way, but only the preview (`drafts=True`) shows them.
    """
    vocabularies = load_vocabularies(root / VOCABULARY_FILE, root)
    entries, errors = read_all(root, vocabularies)  # every reader collects, none stops early
    errors += check_cross_references(entries["project"])
    shown, left_out = (entries, {}) if drafts else published_only(entries)
    content = Content(
        shown,
        Catalog.from_projects(shown["project"], vocabularies),
        file_dates=last_commit_dates(root),
        site_url=read_site_url(root).rstrip("/"),
        drafts=left_out,
        contact=read_contact(root),
    )
    errors += check_references(content)
    if errors:
        raise ContentErrors(errors)
    return content


def read_config(root: Path) -> dict:
    """mkdocs.yml read without MkDocs (its !!python tags are ignored here)."""

    class TolerantLoader(yaml.SafeLoader):
        pass

    TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
    return yaml.load((root / CONFIG_FILE).read_text(encoding="utf-8"), Loader=TolerantLoader)


def read_site_url(root: Path) -> str:
    return read_config(root).get("site_url") or "https://innomed.no/"


def read_contact(root: Path) -> dict:
    """InnoMed's contact details from mkdocs.yml (`extra.contact`), empty values left out."""
    contact = (read_config(root).get("extra") or {}).get("contact") or {}
    return {
        key: str(value).strip()
        for key, value in contact.items()
        if key in ("email", "phone") and value and str(value).strip()
    }


def read_nav_files(root: Path) -> list[str]:
    """Every markdown file the nav in mkdocs.yml points to."""

    def walk(node):
        if isinstance(node, str):
            yield node
        elif isinstance(node, list):
            for item in node:
                yield from walk(item)
        elif isinstance(node, dict):
            for value in node.values():
                yield from walk(value)

    return [path for path in walk(read_config(root).get("nav", [])) if path.endswith(".md")]


def generate_site(content: Content, root: Path) -> list[Page | StaticFile]:
    """Every page and file of the site, as pure data: nothing is written here."""
    catalog = content.catalog
    extras = {"index.md": home_highlights(content)}
    if summary := read_summary(root):
        extras[STATEMENT_PAGE] = Markup(statement_section(summary).lstrip("\n"))
    pages_type = TYPES["page"]
    items: list[Page | StaticFile] = generate_entry_pages(content, extras)
    items += copy_tree_files(
        root / pages_type.folder,
        root,
        skip_suffixes={".md"},
        skip_folders=pages_type.owned_elsewhere(),
    )
    items += generate_project_listings(catalog)
    for taxonomy in catalog.taxonomies.values():
        items += generate_taxonomy_pages(taxonomy, catalog)
    items += generate_allocation_pages(catalog)
    items += generate_section_listings(content)
    items += generate_feeds(content, content.site_url)
    items += generate_redirects(content.all_entries(), content.site_url)
    return with_lastmod(items, content.last_changed())


def with_lastmod(items: list, dates: dict) -> list:
    """Stamp each markdown page with the date its source last changed; listings that have
    no single source get the newest date of all content."""
    newest = max(dates.values(), default=None)
    stamped = []
    for item in items:
        date = dates.get(item.origin, newest)
        if (
            isinstance(item, Page)
            and item.path.endswith(".md")
            and date
            and item.text.startswith("---\n")
        ):
            item = replace(item, text=f'---\nlastmod: "{date.isoformat()}"\n' + item.text[4:])
        stamped.append(item)
    return stamped


def stage_site(root: Path, drafts: bool = False) -> tuple[Path, Content]:
    content = load_content(root, drafts)
    return stage(generate_site(content, root), root / STAGING_DIR), content


def require_publishable(content: Content, root: Path) -> None:
    """What a public deploy may not lack, though a preview or a test build may."""
    if content.contact_warnings:
        path, field_name, message = content.contact_warnings[0].split(": ", 2)
        raise ContentErrors([ContentError(path, config_line(root, "contact"), field_name, message)])


def config_line(root: Path, key: str) -> int:
    lines = (root / CONFIG_FILE).read_text(encoding="utf-8").split("\n")
    return next((n for n, line in enumerate(lines, 1) if line.strip().startswith(key + ":")), 1)


def generated_sections() -> list[str]:
    """Top folders of the generated pages: every type's pages and every taxonomy's listings."""
    from .catalog import TAXONOMIES

    folders = {t.page.split("/")[0] for t in TYPES.values() if not t.page.startswith("{")}
    return sorted(folders | {path for path, *_ in TAXONOMIES.values()} | {"tildelinger"})


def build_site(root: Path, out: Path, production: bool = False) -> BuildResult:
    from .render import render

    if production:
        require_publishable(load_content(root), root)
    staged, content = stage_site(root)
    warnings = content.warnings
    del content  # hundreds of MB at 5,000 projects that the render (and its workers) never read
    fingerprint = render_fingerprint(root, staged)
    if out.is_dir() and rendered_stamps(root).get(str(out.resolve())) == fingerprint:
        # Nothing MkDocs reads has changed since it built `out`: rendering again would give
        # the same bytes (builds are reproducible), so a second `make site` stops here.
        pages = sum(1 for _ in out.rglob("index.html"))
        return BuildResult(pages=pages, staged=staged, warnings=warnings)
    pages = render(root / CONFIG_FILE, staged, out, generated_sections())
    stamps = rendered_stamps(root) | {str(out.resolve()): fingerprint}
    (root / RENDERED_STAMPS).write_text(json.dumps(stamps, indent=1), encoding="utf-8")
    return BuildResult(pages=pages, staged=staged, warnings=warnings)


RENDERED_STAMPS = Path(".build/rendered.json")  # output folder -> fingerprint it was built from


def rendered_stamps(root: Path) -> dict:
    try:
        return json.loads((root / RENDERED_STAMPS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def render_fingerprint(root: Path, staged: Path) -> str:
    """A hash of everything the rendered bytes depend on: the staged tree, the configuration
    and theme, the generator's own code, the engine's versions and the pinned build date."""
    from importlib.metadata import version

    from .gitdates import head_commit_timestamp

    digest = hashlib.sha256()
    digest.update(f"{version('mkdocs')} {version('mkdocs-material')}".encode())
    # The date render.pin_build_date will use (it sets the variable on the first render).
    epoch = os.environ.get("SOURCE_DATE_EPOCH") or str(head_commit_timestamp(root) or 0)
    digest.update(epoch.encode())
    digest.update(os.environ.get("INNOMED_WORKERS", "").encode())
    folders = [staged, root / "theme", Path(__file__).parent]
    files = [root / CONFIG_FILE] + [p for f in folders if f.is_dir() for p in sorted(f.rglob("*"))]
    for path in files:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
