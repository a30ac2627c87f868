"""Template data for the pages of news, tools, courses, modules, episodes and hand-written
pages, and the listings of those types. Pure: content in, dictionaries out."""

from __future__ import annotations

import datetime as dt

from innomed.generate.pagedata import Link, download_rows
from innomed.generate.structured_data import course_jsonld, episode_jsonld, news_jsonld
from innomed.generate.templating import Markup
from innomed.model.dates import format_date, format_partial_date
from innomed.model.entries import Entry
from innomed.model.links import resolve_internal_links
from innomed.model.registry import asset_path, feed_file, listing_page, page_of, url_for
from innomed.search.front import LANDING_FRONT

HOME = "index.md"


def listing_of(name: str) -> str:
    return listing_page(name)


def body_of(entry: Entry, content) -> Markup:
    """The editor's own markdown, with `kind:slug` links made relative to the page."""
    return own_markdown(entry.body, page_of(entry), content.targets)


def own_markdown(body: str, page: str, targets: dict) -> Markup:
    return Markup(resolve_internal_links(body.strip(), page, targets))


def minutes_text(minutes: int | None) -> str:
    if not minutes:
        return ""
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours} t {rest} min"
    return f"{hours} t" if hours else f"{rest} min"


def related_links(entry: Entry, content) -> list[Link]:
    """The projects an entry names in `related_projects` or links to in its text, so every
    episode, module and tool links back to the projects it is about. A report's `covers` has
    its own row in the fact box."""
    from innomed.model.related import names_projects

    by_slug = content.catalog.by_slug
    covered = set(getattr(entry.meta, "covers", []))
    return [
        Link(by_slug[s].meta.title, page_of(by_slug[s]))
        for s in names_projects(entry)
        if s in by_slug and s not in covered
    ]


def page_context(entry: Entry, content) -> dict:
    meta = entry.meta
    return {
        "front": {
            "title": meta.title,
            "description": meta.description,
            "lang": meta.lang,
            "hide": list(meta.hide),
            "kind": "page",
        },
        "contact": content.contact if meta.contact and content.contact else None,
    }


def news_context(entry: Entry, content) -> dict:
    meta = entry.meta
    image = meta.image
    return {
        "front": {
            "title": meta.title,
            "description": meta.summary,
            "lang": meta.lang,
            "kind": "news",
            "og_type": "article",
            "image": f"/{asset_path(entry, image.file)}" if image else None,
            "image_alt": (image.alt or "") if image else None,
            "jsonld": news_jsonld(entry, content.site_url + url_for(entry)),
        },
        "trail": [("Forside", HOME), ("Aktuelt", listing_of("news"))],
        "date": format_partial_date(meta.date),
        "image": image
        and {
            "alt": "" if image.decorative else (image.alt or ""),
            "target": asset_path(entry, image.file),
        },
        "related": related_links(entry, content),
    }


def report_context(entry: Entry, content) -> dict:
    from innomed.model.dates import format_period

    meta = entry.meta
    catalog = content.catalog
    covered = [
        Link(catalog.by_slug[s].meta.title, page_of(catalog.by_slug[s])) for s in meta.covers
    ]
    return {
        "front": {
            "title": meta.title,
            "description": meta.summary,
            "lang": meta.lang,
            "kind": "report",
            "og_type": "article",
        },
        "trail": [("Forside", HOME), ("Prosjekter", listing_page("project"))],
        "fact_rows": [
            ("Type", ["Erfaringsrapport"]),
            ("Prosjektene i veiledningen", covered),
            (
                "Pasientgrupper",
                [
                    Link(label, catalog.term_page("patient_groups", label))
                    for label in meta.patient_groups
                ],
            ),
            ("Temaer", [Link(label, catalog.term_page("themes", label)) for label in meta.themes]),
            (
                "Veiledning fra InnoMed",
                [format_period(meta.coaching_period)]
                if format_period(meta.coaching_period)
                else [],
            ),
            ("Publisert", [format_date(meta.published)] if meta.published else []),
            ("Oppdatert", [format_date(meta.updated)] if meta.updated else []),
        ],
        "attachments": download_rows(entry, meta.attachments, lambda name: asset_path(entry, name)),
        "related": related_links(entry, content),
    }


def tool_context(entry: Entry, content) -> dict:
    meta = entry.meta
    return {
        "front": {
            "title": meta.title,
            "description": meta.summary,
            "lang": meta.lang,
            "kind": "tool",
        },
        "trail": [("Forside", HOME), ("Verktøy", listing_of("tool"))],
        "files": download_rows(
            entry, meta.downloads, lambda name: asset_path(entry, name), content.file_dates
        ),
        "related": related_links(entry, content),
    }


def course_status(course: Entry) -> str:
    when = format_partial_date(course.meta.available_from) if course.meta.available_from else ""
    # "Lansert", as the annual report says: a course InnoMed offers to the projects it
    # coaches is not one a visitor can take here unless its modules are published.
    if course.meta.status == "Tilgjengelig":
        return f"Lansert{' i ' + when if when else ''}"
    return f"Kommer{' i ' + when if when else ''}"


def course_context(course: Entry, content) -> dict:
    meta = course.meta
    score = (
        f"{meta.participant_score:.2f}".replace(".", ",") + " av 5"
        if meta.participant_score
        else None
    )
    total = minutes_text(course.total_minutes)
    return {
        "front": {
            "title": meta.title,
            "description": meta.summary,
            "lang": meta.lang,
            "kind": "course",
            "og_type": "article",
            "jsonld": course_jsonld(course, content.site_url + url_for(course)),
        },
        "trail": [("Forside", HOME), ("Kurs", listing_of("course"))],
        "fact_rows": [
            ("Status", [course_status(course)]),
            ("Målgruppe", list(meta.audience)),
            ("Tid totalt" if course.children else "Antatt tid", [total] if total else []),
            ("Deltakernes vurdering av relevans", [score] if score else []),
        ],
        "modules": [
            {"title": m.meta.title, "target": page_of(m), "minutes": minutes_text(m.meta.minutes)}
            for m in course.children
        ],
        "total": total,
        "related": related_links(course, content),
    }


def module_context(module: Entry, content) -> dict:
    course = next(c for c in content.courses if c.slug == module.parent)
    siblings = list(course.children)
    position = next(i for i, m in enumerate(siblings) if m.source.rel == module.source.rel)
    meta = module.meta
    step = lambda m: m and {"title": m.meta.title, "target": page_of(m)}  # noqa: E731
    return {
        "front": {
            "title": f"{meta.title} – {course.meta.title}",
            "description": meta.summary or course.meta.summary,
            "lang": meta.lang,
            "kind": "module",
        },
        "trail": [
            ("Forside", HOME),
            ("Kurs", listing_of("course")),
            (course.meta.title, page_of(course)),
        ],
        "position": position + 1,
        "count": len(siblings),
        "minutes": minutes_text(meta.minutes),
        "files": download_rows(module, meta.downloads, lambda name: asset_path(module, name)),
        "previous": step(siblings[position - 1] if position > 0 else None),
        "following": step(siblings[position + 1] if position + 1 < len(siblings) else None),
        "course": step(course),
        "related": related_links(module, content),
    }


def guest_text(guest) -> str:
    return ", ".join(x for x in (guest.name, guest.role, guest.organisation) if x)


def episode_facts(episode: Entry) -> list[str]:
    meta = episode.meta
    facts = [f"Episode {meta.number}"]
    if meta.date:
        facts.append(format_date(meta.date))
    if meta.duration:
        hours, minutes, seconds = (int(x) for x in meta.duration.split(":"))
        facts.append(minutes_text(hours * 60 + minutes + (1 if seconds >= 30 else 0)))
    return facts


def demote_headings(markdown: str) -> str:
    """A transcript's own headings sit below the page's `## Transkripsjon`."""
    return "\n".join("##" + line if line.startswith("#") else line for line in markdown.split("\n"))


def episode_context(episode: Entry, content) -> dict:
    meta = episode.meta
    series = content.series
    transcript = None
    if meta.transcript and episode.transcript is not None:
        text = episode.transcript
        transcript = {
            "target": asset_path(episode, meta.transcript),
            "text": Markup(demote_headings(text)),
        }
    return {
        "front": {
            "title": meta.title,
            "description": meta.summary,
            "lang": meta.lang,
            "kind": "episode",
            "og_type": "article",
            "jsonld": episode_jsonld(
                episode,
                series.meta.title if series else "",
                content.site_url + url_for(episode),
                content.site_url + "/" + listing_of("podcast").removesuffix("index.md"),
            ),
        },
        "trail": [("Forside", HOME), ("Podkast", listing_of("podcast"))],
        "facts": episode_facts(episode),
        "guests": [guest_text(g) for g in meta.guests],
        "transcript": transcript,
        # With no audio and no links of its own, the episode points to the series at the
        # listening services, where the sources say the episodes are.
        "series_links": series.meta.links if series else [],
        "related": related_links(episode, content),
    }


CONTEXT = {
    "project": None,
    "page": page_context,
    "news": news_context,
    "tool": tool_context,
    "course": course_context,
    "module": module_context,
    "episode": episode_context,
}


# Listings of the section types ------------------------------------------------------------


def tools_listing(content) -> dict:
    return {
        "front": {
            "title": "Verktøy",
            "kind": "listing",
            "description": "Verktøy og veiledere fra InnoMed.",
            **LANDING_FRONT,
        },
        "trail": [("Forside", HOME)],
        "cards": [
            {"title": t.meta.title, "target": page_of(t), "summary": t.meta.summary}
            for t in content.tools
        ],
    }


def courses_listing(content) -> dict:
    def card(course: Entry) -> dict:
        facts = [course_status(course)]
        if course.children:
            facts.append(f"{len(course.children)} moduler, {minutes_text(course.total_minutes)}")
        return {
            "title": course.meta.title,
            "target": page_of(course),
            "summary": course.meta.summary,
            "facts": facts,
        }

    launched = [c for c in content.courses if c.meta.status == "Tilgjengelig"]
    live = [card(c) for c in launched]
    coming = [card(c) for c in content.courses if c.meta.status != "Tilgjengelig"]
    # Only a course with published modules can be taken on the site.
    takeable = any(c.children for c in launched)
    return {
        "front": {
            "title": "Kurs",
            "kind": "listing",
            "description": "InnoMeds digitale kompetansekurs.",
            **LANDING_FRONT,
        },
        "trail": [("Forside", HOME)],
        "sections": [
            (heading, cards)
            for heading, cards in (
                ("Kurs du kan ta nå" if takeable else "Kurs InnoMed tilbyr", live),
                ("Kurs som kommer", coming),
            )
            if cards
        ],
        "on_site": takeable,
    }


def podcast_listing(content) -> dict | None:
    series = content.series
    if series is None:
        return None
    meta = series.meta
    return {
        "front": {
            "title": meta.title,
            "description": meta.summary,
            "lang": meta.lang,
            "kind": "podcast",
            **LANDING_FRONT,
        },
        "trail": [("Forside", HOME)],
        "meta": meta,
        "body": body_of(series, content),
        # Our own feed exists only once an episode has audio here; until then the series'
        # pages at the listening services are where subscribers go.
        "feed": feed_file("podcast") if any(e.meta.audio for e in content.episodes) else None,
        "cards": [
            {
                "title": e.meta.title,
                "target": page_of(e),
                "summary": e.meta.summary,
                "facts": episode_facts(e),
                "guests": "; ".join(guest_text(g) for g in e.meta.guests),
            }
            for e in content.episodes
        ],
    }


def home_context(content) -> dict:
    from innomed.generate.listings import card

    series = content.series
    return {
        "projects": [card(p) for p in content.catalog.projects[:3]],
        "news": [
            {
                "title": n.meta.title,
                "target": page_of(n),
                "date": f"fra {n.meta.written_from}"
                if n.meta.written_from
                else format_partial_date(n.meta.date),
            }
            for n in content.news[:3]
        ],
        "series_title": series.meta.title if series else "",
        "episodes": [
            {"title": e.meta.title, "target": page_of(e), "number": e.meta.number}
            for e in content.episodes[:3]
        ]
        if series
        else [],
        "courses": [
            {"title": c.meta.title, "target": page_of(c), "summary": c.meta.summary}
            for c in content.courses
            if c.meta.status == "Tilgjengelig"
        ],
        "tools": bool(content.tools),
    }


def type_listing_pages(content, content_type, page_size: int) -> list[tuple[str, dict]]:
    """The generic listing of a type (listing.md.j2): its entries as cards, paginated."""
    from innomed.generate.listings import chunks, page_paths

    entries = content.of(content_type.name)
    if content_type.listing_order is not None:
        entries = content_type.listing_order(entries, content.today or dt.date.today())
    parts = chunks(entries, page_size)
    paths = page_paths(content_type.required("listing"), len(parts))
    heading = content_type.listing_title or content_type.noun.capitalize()
    pages = []
    for number, (path, chunk) in enumerate(zip(paths, parts, strict=True)):
        title = heading if number == 0 else f"{heading}, side {number + 1}"
        cards = [
            {
                "title": entry.meta.title,
                "target": page_of(entry),
                "summary": getattr(entry.meta, "summary", None),
                "date": listing_date(entry),
            }
            for entry in chunk
        ]
        front = {"title": title, "kind": "listing"}
        if content_type.listing_description:
            front["description"] = content_type.listing_description
        pages.append(
            (
                path,
                {
                    "front": front,
                    "trail": [("Forside", HOME)],
                    "title": title,
                    "feed": content_type.feed if entries and content_type.feed else None,
                    "cards": cards,
                    "pages": paths,
                    "number": number,
                },
            )
        )
    return pages


def listing_date(entry: Entry) -> str | None:
    """What a listing card says of when: the source it was written from, else its date."""
    if written_from := getattr(entry.meta, "written_from", None):
        return f"Fra {written_from}"
    date = getattr(entry.meta, "date", None)
    return format_partial_date(date) if isinstance(date, str) and date else None
