"""Pieces every section page shares: section addresses, durations, related projects, files."""

from __future__ import annotations

from .content import Content
from .links import resolve_internal_links
from .pages import StaticFile, escape_md, link
from .sections import Entry

HOME = "index.md"
COURSES = "kurs/index.md"
PODCAST = "podcast/index.md"
NEWS = "aktuelt/index.md"
TOOLS = "verktoy/index.md"


def minutes_text(minutes: int | None) -> str:
    if not minutes:
        return ""
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours} t {rest} min"
    return f"{hours} t" if hours else f"{rest} min"


def related_projects(page: str, entry: Entry, content: Content) -> str:
    slugs = getattr(entry.meta, "related_projects", [])
    if not slugs:
        return ""
    by_slug = content.catalog.by_slug
    lines = [f"- [{escape_md(by_slug[s].meta.title)}]({link(page, f'prosjekt/{s}.md')})"
             for s in slugs]
    return "## Relaterte prosjekter\n\n" + "\n".join(lines) + "\n\n"


def body_of(entry: Entry, page: str, content: Content) -> str:
    return resolve_internal_links(entry.body.strip(), page, content.targets) + "\n\n"


def staged_files(entry: Entry, folder: str) -> list[tuple]:
    """(attachment, staged path) for downloads, kept beside the page that offers them."""
    return [(d, f"{folder}/{d.file.rsplit('/', 1)[-1]}") for d in entry.meta.downloads]


def static_files(entry: Entry, items: list[tuple]) -> list[StaticFile]:
    folder = entry.source.path.parent
    return [StaticFile(staged, folder / item.file, origin=entry.source.rel)
            for item, staged in items]
