"""Related content for a project page, computed from inverted indexes. Pure: entries in, data out.

Comparing every project with every other would cost n² as the archive grows. Instead each
taxonomy term keeps its projects in catalog order (term -> projects), and a project looks up
only its own terms and, within each, at most WINDOW neighbours around itself: the projects
closest in allocation time. So the work per project is bounded by its number of terms, not by
the number of projects. Candidates are then scored on what they really share, and every
suggestion says why it is there ("Samme pasientgruppe: Barn og unge"), naming everything the
two share, and only suggestions that share at least MIN_SCORE are shown.

Editors decide over the computed list: `related:` pins projects first ("Valgt av
redaksjonen"), `unrelated:` removes projects or other content by slug.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field

from innomed.model.entries import Entry
from innomed.model.links import INTERNAL_LINK
from innomed.model.registry import TYPES

MAX_PROJECTS = 5
MAX_OTHERS = 8  # episodes, courses, modules, tools and reports together
WINDOW = 10  # neighbours taken on each side of the project within one term's list

# (facet, reason shown on the page, weight). A shared patient group says more about a
# project than a shared region, which half the archive shares.
FACETS = (
    ("patient_groups", "Samme pasientgruppe", 3),
    ("themes", "Samme tema", 2),
    ("regions", "Samme region", 1),
)
REASONS = tuple(reason for _, reason, _ in FACETS)
# A suggestion must share at least this much: a patient group and a region or a theme, or two
# themes. A region with one broad theme ("Rehabilitering og habilitering", Vest) offered the
# report on colorectal cancer a project on children with CP; fewer, better suggestions, or
# none, instead (on the real site 36 of 42 project pages still get five).
MIN_SCORE = 4
PINNED = "Valgt av redaksjonen"
# Why other content is listed with a project, from how it names the project: only a link in
# its text "mentions" it; a report's `covers` is about it; `related_projects` was picked by
# hand, which is what the page then says (issue 24).
COVERS = "Handler om prosjektet"
MENTIONS = "Nevner prosjektet"
NAMING_REASONS = (COVERS, MENTIONS, PINNED)


# The types whose pages may name a project, in the order the project page lists them.
def other_types() -> list[str]:
    """The types whose pages may name a project, in the order a project page lists them
    (`related_rank` in the registry)."""
    ranked = [t for t in TYPES.values() if t.related_rank is not None]
    return [t.name for t in sorted(ranked, key=lambda t: t.related_rank or 0)]


@dataclass(frozen=True)
class Suggestion:
    entry: Entry
    reasons: tuple[str, ...]


@dataclass
class RelatedIndex:
    """Inverted indexes over the published content, built once per build."""

    projects: list  # catalog order (newest allocation first)
    rank: dict = field(default_factory=dict)  # slug -> position in `projects`
    by_term: dict = field(default_factory=dict)  # (facet, label) -> [rank], ascending
    mentions: dict = field(default_factory=dict)  # project slug -> [(entry, reason)]
    others_by_theme: dict = field(default_factory=dict)  # theme label -> [entry]
    lookups: int = 0  # index reads and candidates examined, for the cost test

    @classmethod
    def build(cls, projects: list[Entry], others: list[Entry]) -> RelatedIndex:
        index = cls(list(projects))
        index.rank = {p.slug: n for n, p in enumerate(index.projects)}
        by_term: dict = defaultdict(list)
        for n, project in enumerate(index.projects):
            for facet, _, _ in FACETS:
                for label in dict.fromkeys(getattr(project.meta, facet)):
                    by_term[(facet, label)].append(n)  # appended in order: already sorted
        index.by_term = dict(by_term)
        mentions: dict = defaultdict(list)
        by_theme: dict = defaultdict(list)
        for entry in others:
            for slug, reason in naming_reasons(entry).items():
                mentions[slug].append((entry, reason))
            for label in dict.fromkeys(getattr(entry.meta, "themes", [])):
                by_theme[label].append(entry)
        index.mentions = dict(mentions)
        index.others_by_theme = dict(by_theme)
        return index

    def candidates(self, project: Entry) -> dict[int, list[tuple[str, str]]]:
        """rank -> (reason, label) pairs, from the project's own terms and their nearest
        neighbours in each term's list."""
        own = self.rank[project.slug]
        found: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for facet, reason, _ in FACETS:
            for label in dict.fromkeys(getattr(project.meta, facet)):
                self.lookups += 1
                members = self.by_term.get((facet, label), [])
                at = bisect_left(members, own)
                for other in members[max(0, at - WINDOW) : at + WINDOW + 1]:
                    self.lookups += 1
                    if other != own:
                        found[other].append((reason, label))
        return found

    def related_projects(self, project: Entry) -> list[Suggestion]:
        meta = project.meta
        excluded = set(meta.unrelated) | {project.slug}
        chosen = [
            Suggestion(self.projects[self.rank[slug]], (PINNED,))
            for slug in dict.fromkeys(meta.related)
            if slug in self.rank and slug not in excluded
        ]
        pinned = {s.entry.slug for s in chosen}
        weight = {reason: w for _, reason, w in FACETS}
        scored = []
        for other in self.candidates(project):
            if self.projects[other].slug in excluded | pinned:
                continue
            # Found through one term's neighbours, but scored and explained by everything
            # the two share: the reason names every shared facet, and the order follows it.
            shared = shared_terms(project, self.projects[other])
            score = sum(weight[reason] for reason, _ in shared)
            if score >= MIN_SCORE:
                scored.append((-score, other, shared))
        # Highest score first, then the catalog's own order: the same input, the same list.
        for _, other, shared in sorted(scored)[: max(0, MAX_PROJECTS - len(chosen))]:
            chosen.append(Suggestion(self.projects[other], explained(shared)))
        return chosen[: max(MAX_PROJECTS, len(pinned))]

    def related_others(self, project: Entry) -> list[Suggestion]:
        """Content that names the project first, then content that shares its themes."""
        excluded = set(project.meta.unrelated)
        named: dict = {}  # entry key -> (entry, how it names the project or "", [(reason, label)])
        self.lookups += 1
        for entry, reason in self.mentions.get(project.slug, []):
            named.setdefault(entry_key(entry), (entry, reason, []))
        for label in dict.fromkeys(project.meta.themes):
            self.lookups += 1
            for entry in self.others_by_theme.get(label, [])[:MAX_OTHERS]:
                self.lookups += 1
                named.setdefault(entry_key(entry), (entry, "", []))[2].append(("Samme tema", label))
        found = [
            Suggestion(entry, ((naming,) if naming else ()) + explained(shared))
            for entry, naming, shared in named.values()
            if entry.slug not in excluded
        ]
        found.sort(key=lambda s: (not set(NAMING_REASONS) & set(s.reasons), type_position(s.entry)))
        return found[:MAX_OTHERS]


def shared_terms(one: Entry, other: Entry) -> list[tuple[str, str]]:
    """Every (reason, label) the two projects share, in FACETS order."""
    return [
        (reason, label)
        for facet, reason, _ in FACETS
        for label in dict.fromkeys(getattr(one.meta, facet))
        if label in getattr(other.meta, facet)
    ]


def explained(shared: list[tuple[str, str]]) -> tuple[str, ...]:
    """[(Samme tema, A), (Samme tema, B)] -> ("Samme tema: A, B",), in FACETS order."""
    labels: dict = defaultdict(list)
    for reason, label in shared:
        labels[reason].append(label)
    return tuple(f"{reason}: {', '.join(labels[reason])}" for reason in REASONS if labels[reason])


def entry_key(entry: Entry) -> tuple:
    return (entry.type.name, entry.parent, entry.slug)


def type_position(entry: Entry) -> int:
    names = other_types()
    return names.index(entry.type.name) if entry.type.name in names else 99


def names_projects(entry: Entry) -> list[str]:
    """Slugs of the projects an entry names: in `related_projects`, `covers` or a
    `[tekst](prosjekt:slug)` link in its body, in that order, each once."""
    kind = TYPES["project"].link_kind
    slugs = list(getattr(entry.meta, "covers", [])) + list(
        getattr(entry.meta, "related_projects", [])
    )
    slugs += [m["slug"] for m in INTERNAL_LINK.finditer(entry.body) if m["kind"] == kind]
    return list(dict.fromkeys(slugs))


def naming_reasons(entry: Entry) -> dict[str, str]:
    """Each project an entry names, with the true reason: COVERS for a report's `covers`,
    MENTIONS for a `prosjekt:` link in its text, PINNED for `related_projects` alone."""
    kind = TYPES["project"].link_kind
    linked = {m["slug"] for m in INTERNAL_LINK.finditer(entry.body) if m["kind"] == kind}
    covers = set(getattr(entry.meta, "covers", []))
    return {
        slug: COVERS if slug in covers else MENTIONS if slug in linked else PINNED
        for slug in names_projects(entry)
    }


def other_entries(content) -> list[Entry]:
    """Every published entry of the types that can name a project, in a stable order."""
    entries = []
    names = other_types()
    for name in names:
        entries += content.of(name)
    if "module" in names and not content.of("module"):
        entries += [m for course in content.of("course") for m in course.children]
    return entries
