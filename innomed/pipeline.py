"""The whole build, narrated: read -> validate -> catalog -> generate -> stage -> render."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .catalog import Catalog
from .errors import ContentErrors
from .generate_content import read_content_pages
from .generate_listings import (generate_allocation_pages, generate_project_listings,
                                generate_taxonomy_pages)
from .generate_projects import generate_project_page, project_files
from .generate_redirects import generate_redirects
from .pages import Page, StaticFile
from .stage import copy_tree_files, stage
from .validate import read_projects
from .vocabulary import load_vocabularies

VOCABULARY_FILE = Path("data/vocabulary.yml")
STAGING_DIR = Path(".build/docs")
CONFIG_FILE = Path("mkdocs.yml")


@dataclass(frozen=True)
class Content:
    catalog: Catalog
    pages: list  # hand-written pages from content/


@dataclass(frozen=True)
class BuildResult:
    pages: int
    staged: Path


def load_content(root: Path) -> Content:
    """Read and check all content; raises ContentErrors listing every problem found."""
    vocabularies = load_vocabularies(root / VOCABULARY_FILE, root)
    projects, errors = read_projects(root, vocabularies)
    pages, page_errors = read_content_pages(root, vocabularies)
    errors += page_errors
    catalog = None
    try:
        catalog = Catalog.from_projects(projects, vocabularies)
    except ContentErrors as problem:
        errors += problem.errors
    if errors:
        raise ContentErrors(errors)
    return Content(catalog, pages)


def load_catalog(root: Path) -> Catalog:
    return load_content(root).catalog


def generate_site(content: Content, root: Path) -> list[Page | StaticFile]:
    """Every page and file of the site, as pure data: nothing is written here."""
    catalog = content.catalog
    items: list[Page | StaticFile] = list(content.pages)
    items += copy_tree_files(root / "content", root, skip_suffixes={".md"})
    for project in catalog.projects:
        items.append(generate_project_page(project, catalog))
        items += project_files(project)
    items += generate_project_listings(catalog)
    for taxonomy in catalog.taxonomies.values():
        items += generate_taxonomy_pages(taxonomy, catalog)
    items += generate_allocation_pages(catalog)
    items += generate_redirects(catalog)
    return items


def stage_site(root: Path) -> Path:
    content = load_content(root)
    return stage(generate_site(content, root), root / STAGING_DIR)


def build_site(root: Path, out: Path) -> BuildResult:
    from .render import render
    staged = stage_site(root)
    pages = render(root / CONFIG_FILE, staged, out)
    return BuildResult(pages=pages, staged=staged)
