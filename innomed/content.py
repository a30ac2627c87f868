"""Everything the build knows, in one explicit object, and the checks that span sections."""

from __future__ import annotations

from dataclasses import dataclass, field

from .catalog import Catalog
from .errors import ContentError
from .body_checks import check_body
from .links import check_internal_links
from .sections import Podcast
from .sources import dotted


@dataclass(frozen=True)
class Content:
    catalog: Catalog  # projects and their taxonomies
    pages: list  # hand-written pages under content/ (Entry with PageMeta)
    courses: list = field(default_factory=list)
    podcast: Podcast = field(default_factory=lambda: Podcast(None, []))
    news: list = field(default_factory=list)
    tools: list = field(default_factory=list)
    file_dates: dict = field(default_factory=dict)  # source path -> last commit date
    site_url: str = "https://innomed.no"  # from mkdocs.yml, without trailing slash

    @property
    def targets(self) -> dict:
        """(link kind, slug) -> staged page, for `[tekst](kind:slug)` links."""
        targets = {("prosjekt", p.slug): f"prosjekt/{p.slug}.md" for p in self.catalog.projects}
        targets.update({("kurs", c.slug): f"kurs/{c.slug}/index.md" for c in self.courses})
        targets.update({("podcast", e.slug): f"podcast/{e.slug}.md"
                        for e in self.podcast.episodes})
        targets.update({("aktuelt", n.slug): f"aktuelt/{n.slug}.md" for n in self.news})
        targets.update({("verktoy", t.slug): f"verktoy/{t.slug}.md" for t in self.tools})
        return targets

    def all_entries(self) -> list:
        """Every markdown source whose body is rendered, for cross-reference checks."""
        modules = [module for course in self.courses for module in course.modules]
        series = [self.podcast.series] if self.podcast.series else []
        return (list(self.catalog.projects) + list(self.pages) + list(self.courses) + modules
                + series + list(self.podcast.episodes) + list(self.news) + list(self.tools))

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
                for episode in self.podcast.episodes if episode.meta.audio is None]


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
    return errors
