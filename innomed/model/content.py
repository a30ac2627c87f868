"""Everything the build knows, in one explicit object, and the checks that span types."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from functools import cached_property

from innomed.model.body_checks import check_body, check_meaning
from innomed.model.catalog import Catalog
from innomed.model.dates import partial_date_start
from innomed.model.entries import Entry
from innomed.model.errors import ContentError
from innomed.model.html_policy import check_html
from innomed.model.links import check_internal_links
from innomed.model.registry import TYPES, link_kinds, page_of
from innomed.model.sources import Source, dotted


@dataclass(frozen=True)
class Content:
    entries: dict  # type name -> [Entry] in the type's order (see innomed/model/registry.py)
    catalog: Catalog  # projects and their taxonomies
    file_dates: dict = field(default_factory=dict)  # source path -> last commit date
    site_url: str = "https://innomed.no"  # from mkdocs.yml, without trailing slash
    drafts: dict = field(default_factory=dict)  # type name -> [Entry] left out of this build
    contact: dict = field(default_factory=dict)  # InnoMed's email and phone (mkdocs.yml)
    unreadable: frozenset = frozenset()  # (type name, address) of files with their own errors
    today: dt.date | None = None  # the publishing day (model/config.today), for listings by date

    @cached_property
    def related(self):
        """Inverted indexes for related content, built once per build (innomed/model/related.py)."""
        from innomed.model.related import RelatedIndex, other_entries

        return RelatedIndex.build(self.catalog.projects, other_entries(self))

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

    @property
    def unreadable_targets(self) -> set:
        """(link kind, slug) of files that failed to read: their own error is enough."""
        kinds = {t.name: kind for kind, t in link_kinds().items()}
        return {(kinds[name], slug) for name, slug in self.unreadable if name in kinds}

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
        return (
            self.contact_warnings
            + self.podcast_warnings
            + self.scheduled
            + self.unsourced
            + self.changed_meaning
        )

    @property
    def changed_meaning(self) -> list[str]:
        """Markdown that would show something other than what the author wrote, drafts too:
        they are published one day."""
        drafts = [entry for found in self.drafts.values() for entry in found]
        return [
            str(warning)
            for entry in self.all_entries() + drafts
            for warning in check_meaning(entry.source)
        ]

    @property
    def unsourced(self) -> list[str]:
        """Facts InnoMed cannot trace: every entry names its source document and section."""
        return [
            f"{entry.source.rel}: source: mangler (forventet hvilket dokument og hvilken "
            "del faktaene kommer fra; se build.py check --todo)"
            for entry in self.all_entries()
            if not entry.meta.source
        ]

    @property
    def scheduled(self) -> list[str]:
        """News waiting for its date: the daily build publishes each on the day."""
        return [
            f"{entry.source.rel}: date: publiseres {start.isoformat()}, ikke før"
            for entry in self.drafts.get("news", [])
            if not entry.meta.draft and (start := publish_from(entry))
        ]

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
    projects |= {slug for kind, slug in content.unreadable if kind == "project"}
    drafted = {p.slug for p in content.drafts.get("project", [])}
    errors: list[ContentError] = []
    for entry in content.all_entries():
        errors += check_internal_links(
            entry.source, targets, content.draft_targets, content.unreadable_targets
        )
        errors += body_problems(entry.source)
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
    return errors + check_episodes(content) + check_unrelated(content)


def body_problems(source: Source) -> list[ContentError]:
    """check_body and check_html: what an editor's own text may not do."""
    return check_body(source) + check_html(source, set(link_kinds()))


def check_unrelated(content: Content) -> list[ContentError]:
    """`unrelated:` names something that can be suggested; a misspelt slug would silently
    exclude nothing."""
    known = {slug for _, slug in content.targets} | {
        m.slug for course in content.courses for m in course.children
    }
    errors = []
    for project in content.catalog.projects:
        for index, slug in enumerate(project.meta.unrelated):
            if slug not in known:
                errors.append(
                    ContentError(
                        project.source.rel,
                        project.source.line_of(("unrelated", index)),
                        f"unrelated[{index}]",
                        f"det finnes ikke noe innhold med adressen '{slug}' (forventet slug-en "
                        "til et prosjekt, en episode, et kurs, en kursmodul, et verktøy eller "
                        "en rapport; sjekk skrivemåten)",
                    )
                )
    return errors


def project_references(entry: Entry):
    """(field, position, slug) of every project an entry points to in its front matter."""
    fields = ("related",) if entry.type.name == "project" else ("related_projects", "covers")
    for field_name in fields:
        for index, slug in enumerate(getattr(entry.meta, field_name, [])):
            yield field_name, index, slug


def publish_from(entry: Entry) -> dt.date | None:
    """The day a dated entry (news) may first appear: the first day its date can mean."""
    date = getattr(entry.meta, "date", None)
    if isinstance(date, str):
        return partial_date_start(date)
    return None


def is_hidden(entry: Entry, today: dt.date) -> bool:
    """Drafts, and news dated in the future (as Hugo's buildFuture: false), are not public."""
    start = publish_from(entry) if entry.type.name == "news" else None
    return bool(entry.meta.draft) or (start is not None and start > today)


def published_only(entries: dict, today: dt.date) -> tuple[dict, dict]:
    """(published, left out) by type. A hidden child (a module) also leaves its parent."""
    published = {n: [e for e in found if not is_hidden(e, today)] for n, found in entries.items()}
    left_out = {n: [e for e in found if is_hidden(e, today)] for n, found in entries.items()}
    for name, found in published.items():
        published[name] = [
            replace(e, children=tuple(c for c in e.children if not is_hidden(c, today)))
            if e.children
            else e
            for e in found
        ]
    return published, left_out


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
