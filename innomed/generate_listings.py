"""Listing pages: all projects, each taxonomy term, each allocation year and round.

Every listing is paginated so that no page carries more than PAGE_SIZE cards, however large
the archive grows (Material renders whole pages into the search index and the DOM).
"""

from __future__ import annotations

from .catalog import Catalog, Taxonomy
from .collation import norwegian_key
from .entries import Entry
from .generate_projects import HOME, PROJECTS_INDEX
from .pagedata import Link
from .pages import Page
from .registry import page_of
from .templating import render_template

PAGE_SIZE = 30
ALPHABETICAL = "prosjekt/alfabetisk.md"
ALLOCATIONS_INDEX = "tildelinger/index.md"


def count_text(count: int) -> str:
    return (
        "Ingen prosjekter ennå."
        if count == 0
        else ("1 prosjekt." if count == 1 else f"{count} prosjekter.")
    )


def card(project: Entry) -> dict:
    meta = project.meta
    details = [meta.owner, ", ".join(meta.regions), meta.status]
    if meta.kind == "Prosjekterfaring":
        details.append("Prosjekterfaring")
    return {
        "title": meta.title,
        "target": page_of(project),
        "summary": meta.summary,
        "lang": meta.lang,
        "details": [d for d in details if d],
    }


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
        )
        pages.append(Page(path, text))
    return pages


def grouped(projects: list[Entry], heading) -> list[tuple[str, list[dict]]]:
    """Cards under a heading each, e.g. the initial letter in the A-Å list."""
    groups: list[tuple[str, list[dict]]] = []
    for project in projects:
        key = heading(project)
        if not groups or groups[-1][0] != key:
            groups.append((key, []))
        groups[-1][1].append(card(project))
    return groups


def initial(project: Entry) -> str:
    first = norwegian_key(project.meta.title)[0][:1]
    return {"{": "Æ", "|": "Ø", "}": "Å"}.get(first, first.upper() or "#")


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


def generate_taxonomy_pages(taxonomy: Taxonomy, catalog: Catalog) -> list[Page]:
    index = f"{taxonomy.path}/index.md"
    trail = [("Forside", HOME), ("Prosjekter", PROJECTS_INDEX)]
    rows: list[list] = []
    pages: list[Page] = []
    for term, projects in taxonomy.members.items():
        first = f"{taxonomy.path}/{term.slug}.md"
        # An empty term's page exists (an old link still lands somewhere that says so) but
        # nothing links to it.
        rows.append([Link(term.label, first) if projects else term.label, str(len(projects))])
        pages += paginated_listing(
            first, term.label, term.description, projects, trail + [(taxonomy.title, index)]
        )
    intro = taxonomy.intro
    if not any(taxonomy.members.values()):
        intro += " Ingen prosjekter er registrert med dette ennå."
    return [
        table_page(
            index,
            taxonomy.title,
            intro,
            trail,
            [taxonomy.title, "Antall prosjekter"],
            rows,
            taxonomy.intro,
        )
    ] + pages


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
