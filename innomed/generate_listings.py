"""Listing pages: all projects, each taxonomy term, each allocation year and round.

Every listing is paginated so that no page carries more than PAGE_SIZE cards, however large
the archive grows (Material renders whole pages into the search index and the DOM).
"""

from __future__ import annotations

import posixpath

from .catalog import Catalog, Taxonomy
from .collation import norwegian_key
from .generate_projects import HOME, PROJECTS_INDEX, project_page_path
from .markup import breadcrumbs
from .pages import Page, escape_attr, escape_md, front_matter, link, url_of
from .validate import Project

PAGE_SIZE = 30
ALPHABETICAL = "prosjekt/alfabetisk.md"
ALLOCATIONS_INDEX = "tildelinger/index.md"


def count_text(count: int) -> str:
    return "Ingen prosjekter ennå." if count == 0 else (
        "1 prosjekt." if count == 1 else f"{count} prosjekter.")


def card(page: str, project: Project, level: int) -> str:
    meta = project.meta
    lang = f' lang="{meta.lang}"' if meta.lang != "nb" else ""
    region = ", ".join(meta.regions) or "Region ikke oppgitt"
    # Inside raw HTML: HTML-escape, since markdown escapes (\_) would show as written.
    details = [escape_attr(meta.owner), escape_attr(region), escape_attr(meta.status)]
    if meta.kind == "Prosjekterfaring":
        details.append("Prosjekterfaring")
    return (f'<article class="project-card"{lang} markdown="1">\n\n'
            f"{'#' * level} [{escape_md(meta.title)}]({link(page, project_page_path(project))})\n\n"
            f'<p class="card-meta">{" · ".join(details)}</p>\n\n'
            f"{escape_md(meta.summary)}\n\n</article>\n")


def card_list(page: str, projects: list[Project], level: int = 2) -> str:
    if not projects:
        return ""
    cards = "\n".join(card(page, project, level) for project in projects)
    return f'<div class="project-cards" markdown="1">\n\n{cards}\n</div>\n\n'


def page_paths(first: str, count: int) -> list[str]:
    """prosjekt/index.md, prosjekt/side/2.md, ...; regioner/nord.md, regioner/nord/side/2.md."""
    base = first.removesuffix("index.md").removesuffix(".md").rstrip("/")
    return [first] + [f"{base}/side/{n}.md" for n in range(2, count + 1)]


def pagination(page: str, paths: list[str], current: int) -> str:
    if len(paths) < 2:
        return ""
    items = []
    if current > 0:
        items.append(f'<li><a href="{link_html(page, paths[current - 1])}" rel="prev">'
                     "Forrige side</a></li>")
    for number, target in enumerate(paths, start=1):
        if number - 1 == current:
            items.append(f'<li><a href="{link_html(page, target)}" aria-current="page">'
                         f"Side {number}</a></li>")
        else:
            items.append(f'<li><a href="{link_html(page, target)}">Side {number}</a></li>')
    if current < len(paths) - 1:
        items.append(f'<li><a href="{link_html(page, paths[current + 1])}" rel="next">'
                     "Neste side</a></li>")
    return ('<nav class="pagination" aria-label="Sider i listen">\n<ul>\n'
            + "\n".join(items) + "\n</ul>\n</nav>\n\n")


def link_html(page: str, target: str) -> str:
    """Raw-HTML links are not rewritten by MkDocs: write the directory URL relative to page."""
    relative = posixpath.relpath(url_of(target), url_of(page))
    return escape_attr(relative if relative.endswith("/") else relative + "/")


def paginated_listing(first: str, title: str, intro, projects: list[Project],
                      trail: list[tuple[str, str]], heading=None,
                      description: str | None = None) -> list[Page]:
    """The same listing split over pages of PAGE_SIZE cards; `heading` may group the cards.

    `intro` is text, or a function of the page path when it holds links (a link must be
    relative to the page it appears on, and page 2 sits one folder deeper than page 1).
    """
    chunks = [projects[i:i + PAGE_SIZE] for i in range(0, len(projects), PAGE_SIZE)] or [[]]
    paths = page_paths(first, len(chunks))
    pages = []
    for number, (path, chunk) in enumerate(zip(paths, chunks)):
        start = number * PAGE_SIZE
        shown = (f"{count_text(len(projects))} Viser {start + 1}–{start + len(chunk)}."
                 if len(chunks) > 1 else count_text(len(projects)))
        page_title = title if number == 0 else f"{title}, side {number + 1}"
        text = intro(path) if callable(intro) else intro
        body = (front_matter(title=page_title, description=description or text,
                             kind="listing", hide=["toc"])
                + breadcrumbs(path, trail)
                + f"# {escape_md(page_title)}\n\n"
                + (f"{text}\n\n" if text else "")
                + f'<p class="listing-count">{shown}</p>\n\n'
                + (grouped_cards(path, chunk, heading) if heading else card_list(path, chunk))
                + pagination(path, paths, number))
        pages.append(Page(path, body))
    return pages


def grouped_cards(page: str, projects: list[Project], heading) -> str:
    """Cards under `## <group>` headings, e.g. the initial letter in the A-Å list."""
    out, group, members = [], None, []
    for project in projects + [None]:
        key = heading(project) if project else None
        if key != group and members:
            out.append(f"## {escape_md(group)}\n\n" + card_list(page, members, level=3))
            members = []
        group = key
        if project:
            members.append(project)
    return "".join(out)


def initial(project: Project) -> str:
    first = norwegian_key(project.meta.title)[0][:1]
    return {"{": "Æ", "|": "Ø", "}": "Å"}.get(first, first.upper() or "#")


def generate_project_listings(catalog: Catalog) -> list[Page]:
    trail = [("Forside", HOME)]
    newest = paginated_listing(
        PROJECTS_INDEX, "Prosjekter",
        lambda page: "Prosjekter som har fått prosessveiledning fra InnoMed, nyeste tildeling "
        f"først. Se også [alle prosjekter fra A til Å]({link(page, ALPHABETICAL)}).",
        catalog.projects, trail,
        description="Prosjekter som har fått prosessveiledning fra InnoMed.")
    alphabetical = paginated_listing(
        ALPHABETICAL, "Prosjekter fra A til Å", "Alle prosjekter i alfabetisk rekkefølge.",
        catalog.alphabetical(), trail + [("Prosjekter", PROJECTS_INDEX)], heading=initial)
    return newest + alphabetical


def generate_taxonomy_pages(taxonomy: Taxonomy, catalog: Catalog) -> list[Page]:
    index = f"{taxonomy.path}/index.md"
    trail = [("Forside", HOME), ("Prosjekter", PROJECTS_INDEX)]
    rows = []
    pages = []
    for term, projects in taxonomy.members.items():
        first = f"{taxonomy.path}/{term.slug}.md"
        rows.append(f"| [{escape_md(term.label)}]({link(index, first)}) | {len(projects)} |")
        pages += paginated_listing(first, term.label, term.description, projects,
                                   trail + [(taxonomy.title, index)])
    table = f"| {taxonomy.title} | Antall prosjekter |\n|---|---:|\n"
    body = (front_matter(title=taxonomy.title, description=taxonomy.intro, kind="taxonomy")
            + breadcrumbs(index, trail)
            + f"# {taxonomy.title}\n\n{taxonomy.intro}\n\n" + table + "\n".join(rows) + "\n")
    return [Page(index, body)] + pages


def generate_allocation_pages(catalog: Catalog) -> list[Page]:
    trail = [("Forside", HOME), ("Prosjekter", PROJECTS_INDEX)]
    index_trail = trail + [("Tildelinger", ALLOCATIONS_INDEX)]
    rows, pages = [], []
    for year, rounds in catalog.allocations.items():
        year_page = f"tildelinger/{year}.md"
        year_projects = unique([p for projects in rounds.values() for p in projects],
                               catalog.projects)
        rows.append(f"| [{year}]({link(ALLOCATIONS_INDEX, year_page)}) | alle | "
                    f"{len(year_projects)} |")
        round_pages = []
        for round_name in sorted(r for r in rounds if r):
            number = round_name.split("-")[1]
            round_page = f"tildelinger/{year}/{number.lower()}.md"
            round_pages.append((number, round_page))
            rows.append(f"| [{year}]({link(ALLOCATIONS_INDEX, year_page)}) | "
                        f"[{number}]({link(ALLOCATIONS_INDEX, round_page)}) | "
                        f"{len(rounds[round_name])} |")
            pages += paginated_listing(
                round_page, f"Tildelinger {year}, runde {number}",
                f"Prosjekter som fikk støtte i tildelingsrunde {number} i {year}.",
                rounds[round_name], index_trail + [(str(year), year_page)])
        def intro(page, year=year, round_pages=round_pages):
            text = f"Prosjekter som fikk støtte fra InnoMed i {year}."
            if round_pages:
                text += " Per runde: " + ", ".join(
                    f"[Runde {number}]({link(page, target)})" for number, target in round_pages)
                text += "."
            return text
        pages += paginated_listing(year_page, f"Tildelinger {year}", intro, year_projects,
                                   index_trail, description=f"Prosjekter som fikk støtte fra "
                                   f"InnoMed i {year}.")
    body = (front_matter(title="Tildelinger", kind="taxonomy",
                         description="Prosjektene etter år og tildelingsrunde.")
            + breadcrumbs(ALLOCATIONS_INDEX, trail)
            + "# Tildelinger\n\nInnoMed tildeler prosessveiledning i søknadsrunder (S1, S2, S3) "
            "gjennom året. Her er prosjektene etter år og runde.\n\n"
            "| År | Runde | Antall prosjekter |\n|---|---|---:|\n" + "\n".join(rows) + "\n")
    return [Page(ALLOCATIONS_INDEX, body)] + pages


def unique(projects: list[Project], order: list[Project]) -> list[Project]:
    wanted = {id(p) for p in projects}
    return [p for p in order if id(p) in wanted]
