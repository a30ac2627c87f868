"""Everything the build knows, in one explicit object, and the checks that span types."""

from __future__ import annotations

from dataclasses import dataclass, field

from .body_checks import check_body
from .catalog import Catalog
from .entries import Entry
from .errors import ContentError
from .links import check_internal_links
from .registry import LINK_KINDS, TYPES, page_of
from .sources import dotted


@dataclass(frozen=True)
class Content:
    entries: dict  # type name -> [Entry] in the type's order (see innomed/registry.py)
    catalog: Catalog  # projects and their taxonomies
    file_dates: dict = field(default_factory=dict)  # source path -> last commit date
    site_url: str = "https://innomed.no"  # from mkdocs.yml, without trailing slash

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

    @property
    def targets(self) -> dict:
        """(link kind, slug) -> staged page, for `[tekst](kind:slug)` links."""
        return {(kind, entry.slug): page_of(entry)
                for kind, content_type in LINK_KINDS.items()
                for entry in self.of(content_type.name)}

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
            date = (getattr(meta, "updated", None) or self.file_dates.get(entry.source.rel)
                    or getattr(meta, "published", None))
            if date:
                dates[entry.source.rel] = date
        return dates

    @property
    def warnings(self) -> list[str]:
        """Not errors: the build goes on, but an editor should know."""
        return [f"{episode.source.rel}: audio: episode {episode.meta.number} har ingen lydfil "
                "ennå og er ikke med i podkast-feeden"
                for episode in self.episodes if episode.meta.audio is None]


def check_references(content: Content) -> list[ContentError]:
    targets = content.targets
    projects = {p.slug for p in content.catalog.projects}
    errors: list[ContentError] = []
    for entry in content.all_entries():
        errors += check_internal_links(entry.source, targets)
        errors += check_body(entry.source)
        for index, slug in enumerate(getattr(entry.meta, "related_projects", [])):
            if slug not in projects:
                loc = ("related_projects", index)
                errors.append(ContentError(entry.source.rel, entry.source.line_of(loc),
                                           dotted(loc), f"det finnes ikke noe prosjekt med "
                                           f"adressen '{slug}' (forventet slug-en til et "
                                           "prosjekt under projects/)"))
    return errors + check_episodes(content)


def check_episodes(content: Content) -> list[ContentError]:
    """Episodes need their series, and each number once."""
    errors: list[ContentError] = []
    if content.episodes and content.series is None:
        folder = TYPES["podcast"].folder
        errors.append(ContentError(folder, 1, "index.md", f"serien mangler {folder}/index.md "
                                   "(forventet tittel, beskrivelse og eier av serien)"))
    first: dict = {}
    for episode in sorted(content.episodes, key=lambda e: e.source.rel):
        number = episode.meta.number
        if number in first:
            errors.append(ContentError(episode.source.rel, episode.source.line_of(("number",)),
                                       "number", f"episode {number} finnes allerede i "
                                       f"{first[number].source.rel} (forventet unike "
                                       "episodenumre)"))
        first.setdefault(number, episode)
    return errors
