"""Everything the build knows, in one explicit object, and the checks that span types."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property

from .body_checks import check_body
from .catalog import Catalog
from .entries import Entry
from .errors import ContentError
from .links import check_internal_links
from .registry import TYPES, link_kinds, page_of
from .sources import dotted


@dataclass(frozen=True)
class Content:
    entries: dict  # type name -> [Entry] in the type's order (see innomed/registry.py)
    catalog: Catalog  # projects and their taxonomies
    file_dates: dict = field(default_factory=dict)  # source path -> last commit date
    site_url: str = "https://innomed.no"  # from mkdocs.yml, without trailing slash
    drafts: dict = field(default_factory=dict)  # type name -> [Entry] left out of this build
    contact: dict = field(default_factory=dict)  # InnoMed's email and phone (mkdocs.yml)

    def of(self, name: str) -> list[Entry]:
        return self.entries.get(name, [])

    @property
    def pages(self) -> list[Entry]:
        return self.of("page")

    @property
    def news(self) -> list[Entry]:
        return self.of("news")

    @property
    def tools(self) -> list[Entry]:
        return self.of("tool")

    @property
    def courses(self) -> list[Entry]:
        return self.of("course")

    @property
    def episodes(self) -> list[Entry]:
        return self.of("episode")

    @property
    def series(self) -> Entry | None:
        """The podcast series (podcast/index.md), if there is one."""
        return next(iter(self.of("podcast")), None)

    # Cached: every entry's body asks for these, and rebuilding them per entry made a build
    # quadratic in the number of entries (25 million lookups at 5,000 projects).
    @cached_property
    def targets(self) -> dict:
        """(link kind, slug) -> staged page, for `[tekst](kind:slug)` links."""
        return {
            (kind, entry.slug): page_of(entry)
            for kind, content_type in link_kinds().items()
            for entry in self.of(content_type.name)
        }

    @cached_property
    def draft_targets(self) -> set:
        """(link kind, slug) of drafts: a link to one is an error, not just a missing page."""
        return {
            (kind, entry.slug)
            for kind, content_type in link_kinds().items()
            for entry in self.drafts.get(content_type.name, [])
        }

    def all_entries(self) -> list[Entry]:
        """Every markdown source whose body is rendered, for cross-reference checks."""
        return [entry for name in TYPES for entry in self.of(name)]

    def last_changed(self) -> dict:
        """Source path -> the date a reader should see as 'last changed' (sitemap lastmod).

        Front matter `updated` wins, then the file's last commit, then `published`; never the
        build time, so two builds of one commit are identical.
        """
        dates = {}
        for entry in self.all_entries():
            meta = entry.meta
            date = (
                getattr(meta, "updated", None)
                or self.file_dates.get(entry.source.rel)
                or getattr(meta, "published", None)
            )
            if date:
                dates[entry.source.rel] = date
        return dates

    @property
    def warnings(self) -> list[str]:
        """Not errors: the build goes on, but an editor should know."""
        return self.contact_warnings + self.podcast_warnings

    @property
    def contact_warnings(self) -> list[str]:
        if self.contact.get("email"):
            return []
        return [
            "mkdocs.yml: extra.contact.email: mangler (forventet e-postadressen til "
            "InnoMeds sekretariat; den vises i bunnteksten, på søknadssiden og i "
            "tilgjengelighetserklæringen, og nettstedet kan ikke publiseres uten)"
        ]

    @property
    def podcast_warnings(self) -> list[str]:
        if not any(episode.meta.audio for episode in self.episodes):
            return []  # no feed at all until the first episode has audio: nothing is missing
        return [
            f"{episode.source.rel}: audio: episode {episode.meta.number} har ingen lydfil "
            "ennå og er ikke med i podkast-feeden"
            for episode in self.episodes
            if episode.meta.audio is None
        ]


def check_references(content: Content) -> list[ContentError]:
    targets = content.targets
    projects = {p.slug for p in content.catalog.projects}
    drafted = {p.slug for p in content.drafts.get("project", [])}
    errors: list[ContentError] = []
    for entry in content.all_entries():
        errors += check_internal_links(entry.source, targets, content.draft_targets)
        errors += check_body(entry.source)
        for field_name, index, slug in project_references(entry):
            if slug not in projects and slug in drafted:
                loc = (field_name, index)
                errors.append(
                    ContentError(
                        entry.source.rel,
                        entry.source.line_of(loc),
                        dotted(loc),
                        f"prosjektet '{slug}' er et utkast "
                        "(draft: true) og publiseres ikke (forventet et "
                        "publisert prosjekt; fjern det fra listen)",
                    )
                )
            elif slug not in projects and field_name != "related":
                loc = (field_name, index)
                errors.append(
                    ContentError(
                        entry.source.rel,
                        entry.source.line_of(loc),
                        dotted(loc),
                        f"det finnes ikke noe prosjekt med "
                        f"adressen '{slug}' (forventet slug-en til et "
                        "prosjekt under projects/)",
                    )
                )
    return errors + check_episodes(content)


def project_references(entry: Entry):
    """(field, position, slug) of every project an entry points to in its front matter."""
    fields = ("related",) if entry.type.name == "project" else ("related_projects", "covers")
    for field_name in fields:
        for index, slug in enumerate(getattr(entry.meta, field_name, [])):
            yield field_name, index, slug


def published_only(entries: dict) -> tuple[dict, dict]:
    """(published, drafts) by type. A draft child (a module) also leaves its parent's list."""
    published = {name: [e for e in found if not e.meta.draft] for name, found in entries.items()}
    drafts = {name: [e for e in found if e.meta.draft] for name, found in entries.items()}
    for name, found in published.items():
        published[name] = [
            replace(e, children=tuple(c for c in e.children if not c.meta.draft))
            if e.children
            else e
            for e in found
        ]
    return published, drafts


def check_episodes(content: Content) -> list[ContentError]:
    """Episodes need their series, and each number once."""
    errors: list[ContentError] = []
    if content.episodes and content.series is None:
        folder = TYPES["podcast"].folder
        errors.append(
            ContentError(
                folder,
                1,
                "index.md",
                f"serien mangler {folder}/index.md "
                "(forventet tittel, beskrivelse og eier av serien)",
            )
        )
    series = content.series
    if series and any(e.meta.audio for e in content.episodes):
        # Apple Podcasts and Spotify refuse a feed without these; never invent them.
        missing = [
            name
            for name, value in (
                ("image", series.meta.image),
                ("owner_email", series.meta.owner_email),
            )
            if not value
        ]
        for name in missing:
            errors.append(
                ContentError(
                    series.source.rel,
                    series.source.line_of((name,)),
                    name,
                    "mangler, og podkast-feeden kan ikke publiseres uten "
                    "(forventet 'image:' med omslagsbilde, kvadratisk "
                    "1400-3000 px, og 'owner_email:' med eierens e-post, "
                    "når en episode har 'audio:')",
                )
            )
    first: dict = {}
    for episode in sorted(content.episodes, key=lambda e: e.source.rel):
        number = episode.meta.number
        if number in first:
            errors.append(
                ContentError(
                    episode.source.rel,
                    episode.source.line_of(("number",)),
                    "number",
                    f"episode {number} finnes allerede i "
                    f"{first[number].source.rel} (forventet unike "
                    "episodenumre)",
                )
            )
        first.setdefault(number, episode)
    return errors
