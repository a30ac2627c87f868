"""What `check` makes of the site: generate_site's pages reduced to what the link check
reads, their links and anchors, made on every core. Each entry page also comes with its
text before and after the editor's body, so that check_memory can recheck an edited body
without making the site again."""

from __future__ import annotations

import zlib
from dataclasses import dataclass, replace
from pathlib import Path

from .content import Content
from .cores import in_background
from .entries import Entry
from .generate_pages import BODY_MARK, entries_with_pages, entry_files, render_entry
from .generate_sections import body_of
from .pages import Page, StaticFile
from .pipeline import (
    generate_other_pages,
    load_content,
    page_extras,
    refuse_broken_links,
    with_lastmod,
)
from .registry import page_of
from .site_links import heading_ids, links_in


@dataclass(frozen=True)
class Outline:
    items: list[Page | StaticFile]  # generate_site's items; an entry page's text is left out
    links: dict[str, list]  # markdown page -> links_in() of it
    ids: dict[str, set[str]]  # markdown page -> heading_ids() of it
    around: dict[str, tuple[bytes, bytes]]  # entry page -> text before and after the body


def check_content(root: Path, workers: int = 1) -> tuple[Content, Outline]:
    """What `check` runs: everything check_site_items refuses, in the same order, with the
    entries' pages made on every core."""
    content = load_content(root, dates=False)
    outline = site_outline(content, root, workers)
    refuse_broken_links(root, outline.items, outline.links, outline.ids)
    return content, outline


# What the forked workers of site_outline read: set just before they start.
_check_state: dict = {}


def site_outline(content: Content, root: Path, workers: int) -> Outline:
    """The entries' pages are made on every core while this process makes the listings.
    Only an entry page's links and anchors come back from a worker, not its text (hundreds
    of MB at 5,000 projects)."""
    entries = entries_with_pages(content)
    dates = content.last_changed()
    extras = page_extras(content, root)
    _check_state.update(content=content, extras=extras, dates=dates, entries=entries)
    try:
        # Jobs are positions: an entry sent to a worker would be pickled, body and all. A
        # helper on every core, not one fewer: this process's listings are done in less
        # time than the entries' pages, and then it only waits (4.0 and 6.2 s at 5,000).
        jobs = range(len(entries))
        helpers = workers if workers > 1 else 0
        with in_background(entry_outline, jobs, helpers) as found:
            others = with_lastmod(generate_other_pages(content, root), dates)
            texts = {
                i.path: i.text for i in others if isinstance(i, Page) and i.path.endswith(".md")
            }
            links = {path: links_in(path, text) for path, text in texts.items()}
            ids = {path: heading_ids(text) for path, text in texts.items()}
            summaries = list(found)
    finally:
        _check_state.clear()
    items: list[Page | StaticFile] = []
    around = {}
    for entry, (page, page_links, page_ids, parts) in zip(entries, summaries, strict=True):
        items.append(page)
        items += entry_files(entry)
        links[page.path], ids[page.path] = page_links, page_ids
        if parts:
            around[page.path] = parts
    return Outline(items + others, links, ids, around)


def entry_outline(position: int) -> tuple[Page, list, set[str], tuple[bytes, bytes] | None]:
    """In a worker of site_outline: the page without its text, its links and anchors, and
    its text around the body (packed: a tenth of the size)."""
    state = _check_state
    entry = state["entries"][position]
    content, extras, dates = state["content"], state["extras"], state["dates"]
    own = body_of(entry, content)
    marked = entry_page(entry, content, extras, dates, BODY_MARK)
    parts = marked.text.split(BODY_MARK)
    if own and len(parts) == 2:
        before, after = parts
        text = "".join((before, own, after))  # not +: Markup would escape the parts
        packed = (zlib.compress(before.encode(), 1), zlib.compress(after.encode(), 1))
    else:
        # An empty body may change what the template puts around it; a body holding the
        # mark splits in three. Either way the page is made as the build makes it.
        text = entry_page(entry, content, extras, dates).text
        packed = None
    return replace(marked, text=""), links_in(marked.path, text), heading_ids(text), packed


def entry_page(entry: Entry, content: Content, extras: dict, dates: dict, own=None) -> Page:
    """An entry's page exactly as generate_site makes it; with `own` in place of the body."""
    page = render_entry(entry, content, extras.get(page_of(entry)), own)
    return with_lastmod([page], dates)[0]


def unpack(parts: tuple[bytes, bytes]) -> tuple[str, str]:
    return zlib.decompress(parts[0]).decode(), zlib.decompress(parts[1]).decode()
