"""Hand-written pages under content/: checked like projects, staged with links resolved."""

from __future__ import annotations

from pathlib import Path

from .errors import ContentError
from .links import resolve_internal_links
from .models import PageMeta
from .pages import Page, escape_md, front_matter
from .sections import Entry, collect, read_entry
from .vocabulary import Vocabularies

# Sub-folders of content/ whose files have their own model (news, tools), not PageMeta.
SECTION_FOLDERS = ("aktuelt", "verktoy")


def read_content_pages(root: Path, vocabularies: Vocabularies) -> tuple[list[Entry], list[ContentError]]:
    pages, errors = [], []
    content = root / "content"
    for path in sorted(content.rglob("*.md")):
        relative = path.relative_to(content)
        if relative.parts[0] in SECTION_FOLDERS:
            continue
        page = collect(errors, read_entry, path, root, PageMeta, vocabularies, "side")
        if page:
            pages.append(Entry(page.meta, relative.as_posix(), page.source))
    return pages, errors


def generate_content_page(page: Entry, targets: dict) -> Page:
    """`slug` of a hand-written page is its path inside content/, e.g. om/index.md."""
    meta = page.meta
    header = front_matter(title=meta.title, description=meta.description, lang=meta.lang,
                          hide=list(meta.hide), kind="page")
    body = resolve_internal_links(page.body, page.slug, targets)
    # The h1 comes from `title`, as on generated pages: Material would otherwise use the
    # nav label ("Forside") as the heading.
    return Page(page.slug, header + f"# {escape_md(meta.title)}\n\n" + body.lstrip("\n"),
                origin=page.source.rel)
