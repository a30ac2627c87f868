"""Every page and file of the site, as pure data: nothing is written here."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from pathlib import Path

from innomed.cms.decap import admin_files
from innomed.generate.audit_summary import STATEMENT_PAGE, read_summary, statement_section
from innomed.generate.entry_pages import (
    generate_entry_pages,
    generate_section_listings,
    home_highlights,
)
from innomed.generate.feeds import generate_feeds
from innomed.generate.key_figures import PAGE as KEY_FIGURES_PAGE
from innomed.generate.key_figures import key_figures_context
from innomed.generate.listings import (
    generate_allocation_pages,
    generate_project_listings,
    generate_taxonomy_pages,
)
from innomed.generate.redirects import generate_redirects
from innomed.generate.templating import Markup, render_template
from innomed.model.config import read_annual_reports, read_nav_files
from innomed.model.content import Content
from innomed.model.pages import Page, StaticFile
from innomed.model.paths import is_editor_leftover, is_published_file
from innomed.model.registry import TYPES


def generate_site(content: Content, root: Path) -> list[Page | StaticFile]:
    """Every page and file of the site, as pure data: nothing is written here."""
    items = generate_entry_pages(content, page_extras(content, root))
    items += generate_other_pages(content, root)
    return with_lastmod(items, content.last_changed())


def page_extras(content: Content, root: Path) -> dict:
    """Staged page -> what is added below its entry's body: the home page's highlights, the
    accessibility statement's audit figures."""
    extras = {"index.md": home_highlights(content)}
    if summary := read_summary(root):
        extras[STATEMENT_PAGE] = Markup(statement_section(summary).lstrip("\n"))
    return extras


def generate_other_pages(content: Content, root: Path) -> list[Page | StaticFile]:
    """Everything but the entries' own pages: listings, feeds, redirects, files, /admin/."""
    catalog = content.catalog
    pages_type = TYPES["page"]
    items: list[Page | StaticFile] = []
    items += copy_tree_files(
        root / pages_type.folder,
        root,
        skip_suffixes={".md"},
        skip_folders=pages_type.owned_elsewhere(),
    )
    items += generate_project_listings(catalog)
    menu = set(read_nav_files(root))
    for taxonomy in catalog.taxonomies.values():
        items += generate_taxonomy_pages(taxonomy, catalog, f"{taxonomy.path}/index.md" in menu)
    items += generate_allocation_pages(catalog)
    items.append(
        Page(
            KEY_FIGURES_PAGE,
            render_template(
                "key_figures.md.j2",
                page=KEY_FIGURES_PAGE,
                **key_figures_context(catalog, read_annual_reports(root)),
            ),
        )
    )
    items += generate_section_listings(content)
    items += generate_feeds(content, content.site_url)
    items += generate_redirects(content.all_entries(), content.site_url)
    items += admin_files(root)  # /admin/: editing in the browser (innomed/cms/decap.py)
    return items


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


def copy_tree_files(
    source_dir: Path,
    root: Path,
    skip_suffixes: set[str],
    skip_folders: Collection[str] = frozenset(),
) -> list[StaticFile]:
    """Images and downloads that editors keep beside content pages."""
    files = []
    for path in sorted(source_dir.rglob("*")):
        relative = path.relative_to(source_dir)
        if relative.parts[0] in skip_folders:
            continue  # sections copy the files their entries point to, nothing else
        if (
            is_published_file(path, root)  # never follow a symlink out of the tree
            and path.suffix.lower() not in skip_suffixes
            and not is_editor_leftover(path.name)
        ):
            files.append(
                StaticFile(
                    path.relative_to(source_dir).as_posix(),
                    path,
                    origin=path.relative_to(root).as_posix(),
                )
            )
    return files
