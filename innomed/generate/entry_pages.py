"""One page per entry of every type that has a template, the files each entry points to,
and the listings of the section types. Pure: content in, pages out."""

from __future__ import annotations

from pathlib import Path

from innomed.generate.listings import PAGE_SIZE
from innomed.generate.projects import project_context
from innomed.generate.sections import (
    HOME,
    body_of,
    course_context,
    courses_listing,
    episode_context,
    home_context,
    module_context,
    news_context,
    page_context,
    podcast_listing,
    report_context,
    tool_context,
    tools_listing,
    type_listing_pages,
)
from innomed.generate.templating import Markup, render_template
from innomed.model.entries import Entry
from innomed.model.pages import Page, StaticFile
from innomed.model.registry import TYPES, asset_path, page_of
from innomed.model.validate import referenced_files
from innomed.search.front import search_front

# Types whose pages need more than the entry itself. A type without an entry here gets the
# default context: enough for a page of title, summary and body.
CONTEXT = {
    "project": project_context,
    "page": page_context,
    "report": report_context,
    "news": news_context,
    "tool": tool_context,
    "course": course_context,
    "module": module_context,
    "episode": episode_context,
}


def default_context(entry: Entry, content) -> dict:
    meta = entry.meta
    trail = [("Forside", HOME)]
    if entry.type.listing:
        trail.append((entry.type.noun.capitalize(), entry.type.listing))
    return {
        "front": {
            "title": meta.title,
            "description": getattr(meta, "summary", None),
            "lang": getattr(meta, "lang", "nb"),
            "kind": entry.type.name,
        },
        "trail": trail,
    }


def render_entry(entry: Entry, content, extra: Markup | None = None) -> Page:
    page = page_of(entry)
    body = body_of(entry, content)
    if entry.type.name == "page":
        body = Markup(entry_body_with(body, extra))
    context = (CONTEXT.get(entry.type.name) or default_context)(entry, content)
    # Every entry type's page is searchable, whatever its context function returns.
    context["front"] = {**context["front"], **search_front(entry)}
    text = render_template(
        entry.type.required("template"),
        page=page,
        entry=entry,
        meta=entry.meta,
        body=body,
        **context,
    )
    return Page(page, text, origin=entry.source.rel)


def entry_body_with(body: str, extra: str | None) -> str:
    return body.rstrip() + "\n\n" + extra if extra else body + "\n"


def entry_files(entry: Entry) -> list[StaticFile]:
    """Images, attachments, downloads and transcripts, published beside the entry's page."""
    folder: Path = entry.source.path.parent
    return [
        StaticFile(asset_path(entry, name), folder / name, origin=entry.source.rel)
        for _, name in referenced_files(entry.meta)
    ]


def entries_with_pages(content) -> list[Entry]:
    """Every entry that gets a page of its own, in the order the pages are generated."""
    return [
        entry
        for content_type in TYPES.values()
        if content_type.template is not None
        for entry in content.of(content_type.name)
    ]


def generate_entry_pages(content, extras: dict | None = None) -> list[Page | StaticFile]:
    """`extras`: staged page -> markdown added below an entry's body (the home page's
    highlights, the accessibility statement's audit figures)."""
    items: list[Page | StaticFile] = []
    for entry in entries_with_pages(content):
        items.append(render_entry(entry, content, (extras or {}).get(page_of(entry))))
        items += entry_files(entry)
    return items


def home_highlights(content) -> Markup:
    """Newest projects, news, episodes and live courses, below content/index.md's text."""
    return Markup(render_template("home.md.j2", page="index.md", **home_context(content)))


def generate_section_listings(content) -> list[Page]:
    pages = generate_type_listings(content)
    for name, context in (
        ("tool", tools_listing(content)),
        ("course", courses_listing(content)),
        ("podcast", podcast_listing(content)),
    ):
        path = TYPES[name].required("listing")
        if context is None:
            pages.append(
                Page(
                    path,
                    render_template(
                        "empty_podcast.md.j2",
                        page=path,
                        front={"title": "Podkast", "kind": "podcast"},
                        trail=[("Forside", HOME)],
                    ),
                )
            )
            continue
        # The podcast page is the series' own page: it changes when podcast/index.md does.
        series = content.series
        origin = series.source.rel if name == "podcast" and series else "generert"
        pages.append(
            Page(
                path,
                render_template(TYPES[name].required("listing_template"), page=path, **context),
                origin=origin,
            )
        )
    return pages


# Types whose listing needs more than cards of its entries; every other type with a `listing`
# in the registry gets the generic one. Projects have their own listings (listings.py).
OWN_LISTINGS = {"project", "tool", "course", "podcast"}


def generate_type_listings(content) -> list[Page]:
    pages = []
    for content_type in TYPES.values():
        if content_type.listing is None or content_type.name in OWN_LISTINGS:
            continue
        template = content_type.listing_template or "listing.md.j2"
        for path, context in type_listing_pages(content, content_type, PAGE_SIZE):
            pages.append(Page(path, render_template(template, page=path, **context)))
    return pages
