"""Everything known about the content at once: indexes by taxonomy and cross-reference checks."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from innomed.model.entries import Entry
from innomed.model.errors import ContentError
from innomed.model.ordering import by_title
from innomed.model.registry import TYPES, url_for
from innomed.model.vocabulary import Vocabularies

Project = Entry  # of type "project"


@dataclass(frozen=True)
class Taxonomy:
    """One way to browse projects: a vocabulary plus which projects carry each term."""

    name: str  # vocabulary name, e.g. "regions"
    path: str  # site folder, e.g. "regioner"
    title: str  # e.g. "Regioner"
    intro: str
    members: dict  # Term -> list[Project], newest first


# vocabulary name -> (site folder, page title, intro, how to read the terms of a project)
TAXONOMIES = {
    "regions": ("regioner", "Regioner", "Prosjektene etter helseregion.", lambda m: m.regions),
    "patient_groups": (
        "pasientgrupper",
        "Pasientgrupper",
        "Prosjektene etter pasientgruppen de retter seg mot.",
        lambda m: m.patient_groups,
    ),
    "themes": ("temaer", "Temaer", "Prosjektene etter tema.", lambda m: m.themes),
    "phases": (
        "faser",
        "Faser",
        "Prosjektene etter fasen i Prosjektveiviseren da veiledningen fra InnoMed startet.",
        lambda m: [m.phase_start] if m.phase_start else [],
    ),
}


@dataclass(frozen=True)
class Catalog:
    projects: list  # newest first
    vocabularies: Vocabularies
    by_slug: dict
    taxonomies: dict  # name -> Taxonomy
    allocations: dict  # year -> {round or None: [Project]}

    @classmethod
    def from_projects(cls, projects: list[Project], vocabularies: Vocabularies) -> Catalog:
        """Indexes only; check_cross_references reports duplicate addresses and bad links.
        `projects` come in the registry's order for projects."""
        ordered = list(projects)
        taxonomies = {}
        for name, (folder, title, intro, terms_of) in TAXONOMIES.items():
            members: dict = {term: [] for term in vocabularies[name].terms}
            for project in ordered:
                for label in dict.fromkeys(terms_of(project.meta)):
                    members[vocabularies[name].term(label)].append(project)
            taxonomies[name] = Taxonomy(name, folder, title, intro, members)
        return cls(
            projects=ordered,
            vocabularies=vocabularies,
            by_slug={p.slug: p for p in ordered},
            taxonomies=taxonomies,
            allocations=group_allocations(ordered),
        )

    def alphabetical(self) -> list[Project]:
        return sorted(self.projects, key=by_title)

    def term_page(self, vocabulary: str, label: str) -> str:
        """The staged listing page of one term, e.g. regioner/nord.md."""
        term = self.vocabularies[vocabulary].term(label)
        return f"{self.taxonomies[vocabulary].path}/{term.slug}.md"


def group_allocations(projects: list[Project]) -> dict:
    years: dict = defaultdict(lambda: defaultdict(list))
    for project in projects:
        seen = set()
        for support in project.meta.support:
            key = (support.allocation_year, support.round)
            if key not in seen:
                seen.add(key)
                years[support.allocation_year][support.round].append(project)
    return {year: dict(rounds) for year, rounds in sorted(years.items(), reverse=True)}


def check_cross_references(
    projects: list[Project], unreadable: Collection[str] = frozenset()
) -> list[ContentError]:
    """Every address once: two projects with one address, and an old address (legacy path)
    that is now a live page, are errors. The live page wins: the error is on the legacy path,
    never a redirect silently put over a page."""
    errors: list[ContentError] = []
    live: dict = {}
    for project in projects:
        address = url_for(project).rstrip("/")
        if not project.slug:
            errors.append(
                ContentError(
                    project.source.rel,
                    project.source.line_of(("title",)),
                    "title",
                    "tittelen gir ingen adresse (forventet minst "
                    "én bokstav eller ett tall, eller sett 'slug:')",
                )
            )
        elif address in live:
            errors.append(
                ContentError(
                    project.source.rel,
                    project.source.line_of(("slug",) if project.meta.slug else ("title",)),
                    "slug" if project.meta.slug else "title",
                    f"adressen '{address}/' er allerede brukt av {live[address].source.rel} "
                    "(forventet én fil per adresse; gi en av dem en annen 'slug')",
                )
            )
        else:
            live[address] = project
    old: dict = {}
    for project in projects:
        address = url_for(project).rstrip("/")
        for index, path in enumerate(project.meta.legacy_paths):
            if path == address:
                continue
            owner = live.get(path) or old.get(path)
            whose = "siden til" if path in live else "også gammel adresse for"
            if owner is not None:
                errors.append(
                    ContentError(
                        project.source.rel,
                        project.source.line_of(("legacy_paths", index)),
                        f"legacy_paths[{index}]",
                        f"den gamle adressen '{path}/' er {whose} {owner.source.rel} "
                        "(forventet en adresse som ingen side har nå; slett linjen, ellers "
                        "ville videresendingen skjult siden)",
                    )
                )
            else:
                old[path] = project
    # A project that failed to read is still there: `related` to it is not a second error.
    slugs = {project.slug for project in projects} | set(unreadable)
    for project in projects:
        for index, slug in enumerate(project.meta.related):
            if slug not in slugs:
                errors.append(
                    ContentError(
                        project.source.rel,
                        project.source.line_of(("related", index)),
                        f"related[{index}]",
                        f"det finnes ikke noe prosjekt med adressen '{slug}' "
                        "(forventet slug-en til et prosjekt under projects/; sjekk skrivemåten)",
                    )
                )
            elif slug == project.slug:
                errors.append(
                    ContentError(
                        project.source.rel,
                        project.source.line_of(("related", index)),
                        f"related[{index}]",
                        "prosjektet viser til seg selv (forventet et annet prosjekt)",
                    )
                )
    return errors


def generated_sections() -> list[str]:
    """Top folders of the generated pages: every type's pages and every taxonomy's listings."""
    folders = {t.page.split("/")[0] for t in TYPES.values() if not t.page.startswith("{")}
    return sorted(folders | {path for path, *_ in TAXONOMIES.values()} | {"tildelinger"})
