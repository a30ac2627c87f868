"""Listing pages: all projects, each taxonomy term, each allocation year and round.

Every listing is paginated so that no page carries more than PAGE_SIZE cards, however large
the archive grows (Material renders whole pages into the search index and the DOM).
"""

from __future__ import annotations

from innomed.generate.pagedata import Card, Link
from innomed.generate.projects import HOME, PROJECTS_INDEX, translator
from innomed.generate.templating import render_template
from innomed.model.catalog import Catalog, Taxonomy
from innomed.model.collation import norwegian_key
from innomed.model.entries import Entry
from innomed.model.pages import Page, link, relative_url
from innomed.model.registry import page_of

PAGE_SIZE = 30
ALPHABETICAL = "prosjekt/alfabetisk.md"
ALLOCATIONS_INDEX = "tildelinger/index.md"


def count_text(count: int) -> str:
    return (
        "Ingen prosjekter ennå."
        if count == 0
        else ("1 prosjekt." if count == 1 else f"{count} prosjekter.")
    )


def card(project: Entry) -> Card:
    meta = project.meta
    tr = translator(meta.lang)  # the card is marked with the project's language
    details = [meta.owner, ", ".join(meta.regions), tr(meta.status) if meta.status else None]
    if meta.kind == "Prosjekterfaring":
        details.append(tr("Prosjekterfaring"))
    return Card(
        title=meta.title,
        target=page_of(project),
        summary=meta.summary,
        lang=meta.lang,
        details=tuple(d for d in details if d),
    )


def page_paths(first: str, count: int) -> list[str]:
    """prosjekt/index.md, prosjekt/side/2.md, ...; regioner/nord.md, regioner/nord/side/2.md."""
    base = first.removesuffix("index.md").removesuffix(".md").rstrip("/")
    return [first] + [f"{base}/side/{n}.md" for n in range(2, count + 1)]


def chunks(items: list, size: int = PAGE_SIZE) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def paginated_listing(
    first: str,
    title: str,
    intro,
    projects: list[Entry],
    trail: list[tuple[str, str]],
    heading=None,
    description: str | None = None,
    first_page: dict | None = None,
) -> list[Page]:
    """The same listing split over pages of PAGE_SIZE cards; `heading` may group the cards.

    `intro` is text, or parts with Links (made relative to each page by the template).
    """
    parts = chunks(projects)
    paths = page_paths(first, len(parts))
    pages = []
    for number, (path, chunk) in enumerate(zip(paths, parts, strict=True)):
        start = number * PAGE_SIZE
        shown = (
            f"{count_text(len(projects))} Viser {start + 1}–{start + len(chunk)}."
            if len(parts) > 1
            else count_text(len(projects))
        )
        page_title = title if number == 0 else f"{title}, side {number + 1}"
        plain_intro = (
            intro
            if isinstance(intro, str) or intro is None
            else "".join(p if isinstance(p, str) else p.text for p in intro)
        )
        text = render_template(
            "project_listing.md.j2",
            page=path,
            title=page_title,
            intro=intro,
            shown=shown,
            front={
                "title": page_title,
                "description": description or plain_intro,
                "kind": "listing",
                "hide": ["toc"],
            },
            trail=trail,
            cards=[card(p) for p in chunk],
            pages=paths,
            number=number,
            groups=grouped(chunk, heading) if heading else None,
            narrow=(first_page or {}).get("narrow", []) if number == 0 else [],
            filters=(first_page or {}).get("filters") if number == 0 else None,
        )
        pages.append(Page(path, text))
    return pages


def grouped(projects: list[Entry], heading) -> list[tuple[str, list[Card]]]:
    """Cards under a heading each, e.g. the initial letter in the A-Å list."""
    groups: list[tuple[str, list[Card]]] = []
    for project in projects:
        key = heading(project)
        if not groups or groups[-1][0] != key:
            groups.append((key, []))
        groups[-1][1].append(card(project))
    return groups


def initial(project: Entry) -> str:
    first = norwegian_key(project.meta.title)[0][:1]
    return {"{": "Æ", "|": "Ø", "}": "Å"}.get(first, first.upper() or "#")


# The filter form on /prosjekt/: (URL key, legend, vocabulary or None, a project's labels).
# URL keys are Norwegian because visitors see and share them.
FILTERS = (
    ("region", "Region", "regions", lambda m: m.regions),
    ("pasientgruppe", "Pasientgruppe", "patient_groups", lambda m: m.patient_groups),
    ("tema", "Tema", "themes", lambda m: m.themes),
    ("fase", "Fase ved start", "phases", lambda m: [m.phase_start] if m.phase_start else []),
    ("stotte", "Type støtte", "support_types", lambda m: [s.type for s in m.support if s.type]),
    ("status", "Status", "statuses", lambda m: [m.status] if m.status else []),
    ("ar", "År for tildeling", None, lambda m: [str(s.allocation_year) for s in m.support]),
)


def filter_data(catalog: Catalog, page: str) -> dict:
    """The filter form's fieldsets and, for the script, every project's facet values as
    compact JSON (value positions, not labels), so the form narrows all projects, not just
    the cards on the first page. Facets with fewer than two values in use are left out:
    a choice of one narrows nothing."""
    facets: list[dict] = []
    columns: list[tuple] = []
    for key, legend, vocabulary, labels_of in FILTERS:
        counts: dict = {}
        for project in catalog.projects:
            for label in dict.fromkeys(labels_of(project.meta)):
                counts[label] = counts.get(label, 0) + 1
        if vocabulary:
            terms = catalog.vocabularies[vocabulary]
            values = [(t.slug, t.label) for t in terms.terms if t.label in counts]
        else:
            values = [(label, label) for label in sorted(counts, reverse=True)]
        if len(values) < 2:
            continue
        labels = [label for _, label in values]
        facets.append(
            {
                "key": key,
                "legend": legend,
                "options": [
                    {"value": slug, "label": label, "count": counts[label]}
                    for slug, label in values
                ],
            }
        )
        columns.append((labels, labels_of))
    projects = []
    for project in catalog.projects:
        item = card(project)
        positions = [
            sorted({labels.index(x) for x in labels_of(project.meta) if x in labels})
            for labels, labels_of in columns
        ]
        projects.append(
            [
                item.title,
                relative_url(page, item.target),
                " · ".join(item.details),
                item.summary,
                item.lang,
                positions,
            ]
        )
    return {
        "facets": facets,
        "total": len(projects),
        "data": {
            "keys": [f["key"] for f in facets],
            "values": [[o["value"] for o in f["options"]] for f in facets],
            "projects": projects,
        },
        "script": link(page, "assets/filters.js"),
    }


def generate_project_listings(catalog: Catalog) -> list[Page]:
    trail = [("Forside", HOME)]
    newest = paginated_listing(
        PROJECTS_INDEX,
        "Prosjekter",
        [
            "Prosjekter som har fått prosessveiledning fra InnoMed, nyeste tildeling først. "
            "Se også ",
            Link("alle prosjekter fra A til Å", ALPHABETICAL),
            ".",
        ],
        catalog.projects,
        trail,
        description="Prosjekter som har fått prosessveiledning fra InnoMed.",
        first_page={"filters": filter_data(catalog, PROJECTS_INDEX)},
    )
    alphabetical = paginated_listing(
        ALPHABETICAL,
        "Prosjekter fra A til Å",
        "Alle prosjekter i alfabetisk rekkefølge.",
        catalog.alphabetical(),
        trail + [("Prosjekter", PROJECTS_INDEX)],
        heading=initial,
    )
    return newest + alphabetical


def table_page(
    path: str,
    title: str,
    intro: str,
    trail: list,
    columns: list[str],
    rows: list[list],
    description: str,
) -> Page:
    return Page(
        path,
        render_template(
            "taxonomy_index.md.j2",
            page=path,
            title=title,
            intro=intro,
            trail=trail,
            columns=columns,
            rows=rows,
            front={"title": title, "description": description, "kind": "taxonomy"},
        ),
    )


def generate_taxonomy_pages(
    taxonomy: Taxonomy, catalog: Catalog, in_menu: bool = False
) -> list[Page]:
    """A page per term that has projects, and an index of those terms. A term with no
    projects gets no page, no row and no link (nothing to offer); a taxonomy with no
    projects at all gets no index either, unless the menu links to it (then it says so)."""
    empty = not any(taxonomy.members.values())
    if empty and not in_menu:
        return []
    index = f"{taxonomy.path}/index.md"
    trail = [("Forside", HOME), ("Prosjekter", PROJECTS_INDEX)]
    rows: list[list] = []
    pages: list[Page] = []
    for term, projects in taxonomy.members.items():
        if not projects:
            continue
        first = f"{taxonomy.path}/{term.slug}.md"
        rows.append([Link(term.label, first), str(len(projects))])
        narrow = [
            (heading, [(Link(other.label, path), len(found)) for other, path, found in combos])
            for heading, combos in combinations(taxonomy, term, catalog)
        ]
        pages += paginated_listing(
            first,
            term.label,
            term.description,
            projects,
            trail + [(taxonomy.title, index)],
            first_page={"narrow": [(h, links) for h, links in narrow if links]},
        )
        for other_name, _, noun in COMBINATIONS.get(taxonomy.name, ()):
            for other, path, found in combination_members(taxonomy, term, other_name, catalog):
                pages += paginated_listing(
                    path,
                    f"{term.label}: {other.label}",
                    f"Prosjekter med region {term.label} og {noun} {other.label}.",
                    found,
                    trail + [(taxonomy.title, index), (term.label, first)],
                )
    return [
        table_page(
            index,
            taxonomy.title,
            taxonomy.intro + (" Ingen prosjekter er registrert med dette ennå." if empty else ""),
            trail,
            [taxonomy.title, "Antall prosjekter"],
            rows,
            taxonomy.intro,
        )
    ] + pages


# Two-facet pages for visitors without JavaScript: a region's projects by patient group or
# theme. Only combinations that have projects get a page and a link.
COMBINATIONS = {
    "regions": (
        ("patient_groups", "Etter pasientgruppe", "pasientgruppen"),
        ("themes", "Etter tema", "temaet"),
    ),
}


def combination_members(taxonomy: Taxonomy, term, other_name: str, catalog: Catalog) -> list:
    """(other term, staged page, projects in both) for every combination with projects,
    e.g. regioner/nord/pasientgrupper/barn-og-unge.md."""
    own = taxonomy.members[term]
    other_taxonomy = catalog.taxonomies[other_name]
    found = []
    for other, members in other_taxonomy.members.items():
        wanted = {id(p) for p in members}
        both = [p for p in own if id(p) in wanted]
        if both:
            path = f"{taxonomy.path}/{term.slug}/{other_taxonomy.path}/{other.slug}.md"
            found.append((other, path, both))
    return found


def combinations(taxonomy: Taxonomy, term, catalog: Catalog) -> list:
    return [
        (heading, combination_members(taxonomy, term, other_name, catalog))
        for other_name, heading, _ in COMBINATIONS.get(taxonomy.name, ())
    ]


def generate_allocation_pages(catalog: Catalog) -> list[Page]:
    trail = [("Forside", HOME), ("Prosjekter", PROJECTS_INDEX)]
    index_trail = trail + [("Tildelinger", ALLOCATIONS_INDEX)]
    rows: list[list] = []
    pages: list[Page] = []
    for year, rounds in catalog.allocations.items():
        year_page = f"tildelinger/{year}.md"
        year_projects = unique(
            [p for projects in rounds.values() for p in projects], catalog.projects
        )
        complete = any(rounds)
        rows.append(
            [
                Link(str(year), year_page),
                "alle" if complete else "alle (ufullstendig)",
                str(len(year_projects)),
            ]
        )
        round_links = []
        for round_name in sorted(r for r in rounds if r):
            number = round_name.split("-")[1]
            round_page = f"tildelinger/{year}/{number.lower()}.md"
            round_links.append(Link(f"Runde {number}", round_page))
            rows.append(
                [Link(str(year), year_page), Link(number, round_page), str(len(rounds[round_name]))]
            )
            pages += paginated_listing(
                round_page,
                f"Tildelinger {year}, runde {number}",
                f"Prosjekter som fikk støtte i tildelingsrunde {number} i {year}.",
                rounds[round_name],
                index_trail + [(str(year), year_page)],
            )
        intro: list = [f"Prosjekter som fikk støtte fra InnoMed i {year}."]
        if round_links:
            intro.append(" Per runde: ")
            for position, round_link in enumerate(round_links):
                intro += [", "] * bool(position) + [round_link]
            intro.append(".")
        else:
            # Without rounds the sources describe no allocation list for the year, only
            # projects that still appear on the site: say so, rather than imply a total.
            intro.append(
                f" Oversikten viser bare prosjektene på nettstedet som fikk støtte i "
                f"{year}, ikke alle tildelingene det året."
            )
        pages += paginated_listing(
            year_page,
            f"Tildelinger {year}",
            intro,
            year_projects,
            index_trail,
            description=f"Prosjekter som fikk støtte fra InnoMed i {year}.",
        )
    about = (
        "InnoMed tildeler prosessveiledning i søknadsrunder (S1, S2, S3) gjennom året. "
        "Her er prosjektene etter år og runde."
    )
    return [
        table_page(
            ALLOCATIONS_INDEX,
            "Tildelinger",
            about,
            trail,
            ["År", "Runde", "Antall prosjekter"],
            rows,
            "Prosjektene etter år og tildelingsrunde.",
        )
    ] + pages


def unique(projects: list[Entry], order: list[Entry]) -> list[Entry]:
    wanted = {id(p) for p in projects}
    return [p for p in order if id(p) in wanted]
