"""Project pages: the fact box from front matter, the body, attachments, contact, related."""

from __future__ import annotations

from .catalog import Catalog
from .models import format_date, format_period
from .links import resolve_internal_links
from .markup import breadcrumbs, downloads_list
from .structured_data import project_jsonld
from .pages import Page, StaticFile, escape_md, front_matter, link
from .validate import Project

PROJECTS_INDEX = "prosjekt/index.md"
HOME = "index.md"


def project_page_path(project: Project) -> str:
    return f"prosjekt/{project.slug}.md"


def asset_path(project: Project, name: str) -> str:
    return f"filer/{project.slug}/{name.rsplit('/', 1)[-1]}"


def term_link(page: str, catalog: Catalog, vocabulary: str, label: str) -> str:
    taxonomy = catalog.taxonomies[vocabulary]
    term = catalog.vocabularies[vocabulary].term(label)
    return f"[{escape_md(label)}]({link(page, f'{taxonomy.path}/{term.slug}.md')})"


def fact(label: str, values: list[str]) -> str:
    values = [value for value in values if value]
    if not values:
        return ""
    return f"{label}\n:   " + "\n:   ".join(values) + "\n\n"


def support_line(page: str, support) -> str:
    if support.round:
        year, number = support.round.split("-")
        when = f"[{support.round}]({link(page, f'tildelinger/{year}/{number.lower()}.md')})"
    else:
        when = f"[{support.year}]({link(page, f'tildelinger/{support.year}.md')})"
    parts = [f"{escape_md(support.type)}, {when}"]
    if support.hours:
        parts.append(f"{support.hours} timer")
    text = ", ".join(parts)
    return text + (f": {escape_md(support.description)}" if support.description else "")


def fact_box(page: str, project: Project, catalog: Catalog) -> str:
    meta = project.meta
    terms = lambda vocabulary, labels: [term_link(page, catalog, vocabulary, label)
                                        for label in labels]
    rows = "".join([
        fact("Type", [escape_md(meta.kind)]),
        fact("Status", [escape_md(meta.status)]),
        fact("Region" if len(meta.regions) == 1 else "Regioner",
             terms("regions", meta.regions) or ["Ikke oppgitt"]),
        fact("Prosjekteier", [escape_md(meta.owner)]),
        fact("Samarbeidspartnere", [", ".join(escape_md(p) for p in meta.partners)]),
        fact("Pasientgrupper", terms("patient_groups", meta.patient_groups)),
        fact("Temaer", terms("themes", meta.themes)),
        fact("Støtte fra InnoMed", [support_line(page, s) for s in meta.support]),
        fact("Innovasjonstype", [escape_md(meta.innovation_type or "")]),
        fact("Forventede leveranser", [escape_md(d) for d in meta.deliverables]),
        fact("Fase ved start av veiledningen",
             terms("phases", [meta.phase_start]) if meta.phase_start else []),
        fact("Fase ved slutt av veiledningen", [escape_md(meta.phase_end or "")]),
        fact("Prosjektperiode", [format_period(meta.project_period)]),
        fact("Veiledning fra InnoMed", [format_period(meta.coaching_period)]),
        fact("Prosjekt X", ["Ja, prosjektet er med i Prosjekt X"] if meta.prosjekt_x else []),
        fact("Språk", ["Nynorsk"] if meta.lang == "nn" else []),
        fact("Publisert", [format_date(meta.published)] if meta.published else []),
        fact("Oppdatert", [format_date(meta.updated)] if meta.updated else []),
    ])
    return (f'<section class="fact-box" aria-labelledby="fakta" markdown="1">\n\n'
            f"## Fakta om prosjektet {{ #fakta }}\n\n{rows}</section>\n\n")


def attachments_section(page: str, project: Project) -> str:
    if not project.meta.attachments:
        return ""
    items = [(a, asset_path(project, a.file)) for a in project.meta.attachments]
    return "## Vedlegg\n\n" + downloads_list(page, items, project.source.path.parent) + "\n"


def contacts_section(project: Project) -> str:
    if not project.meta.contacts:
        return ""
    lines = []
    for contact in project.meta.contacts:
        details = [escape_md(x) for x in (contact.name, contact.role, contact.organisation) if x]
        line = "- " + ", ".join(details)
        if contact.email:
            line += f": [{escape_md(contact.email)}](mailto:{contact.email})"
        lines.append(line)
    return "## Kontakt\n\n" + "\n".join(lines) + "\n\n"


def related_section(page: str, project: Project, catalog: Catalog) -> str:
    related = catalog.related(project)
    if not related:
        return ""
    lines = [f"- [{escape_md(other.meta.title)}]({link(page, project_page_path(other))})"
             for other in related]
    return "## Relaterte prosjekter\n\n" + "\n".join(lines) + "\n\n"


def cover_image(page: str, project: Project) -> str:
    image = project.meta.image
    if image is None:
        return ""
    alt = "" if image.decorative else escape_md(image.alt or "")
    markdown = f"![{alt}]({link(page, asset_path(project, image.file))})"
    if image.caption:
        return (f'<figure class="cover" markdown="1">\n\n{markdown}\n\n'
                f"<figcaption>{escape_md(image.caption)}</figcaption>\n</figure>\n\n")
    return markdown + "{ .cover }\n\n"


def generate_project_page(project: Project, catalog: Catalog, targets: dict | None = None,
                          site_url: str = "https://innomed.no") -> Page:
    page = project_page_path(project)
    meta = project.meta
    image = meta.image
    header = front_matter(title=meta.title, description=meta.summary, lang=meta.lang,
                          kind="project", og_type="article",
                          image=f"/{asset_path(project, image.file)}" if image else None,
                          image_alt=(image.alt or "") if image else None,
                          jsonld=project_jsonld(project, f"{site_url}/prosjekt/{project.slug}/"))
    text = (header
            + breadcrumbs(page, [("Forside", HOME), ("Prosjekter", PROJECTS_INDEX)])
            + f"# {escape_md(meta.title)}\n\n"
            + f"{escape_md(meta.summary)}\n{{ .lead }}\n\n"
            + cover_image(page, project)
            + fact_box(page, project, catalog)
            + resolve_internal_links(project.body.strip(), page, targets or {}) + "\n\n"
            + attachments_section(page, project)
            + contacts_section(project)
            + related_section(page, project, catalog))
    return Page(page, text, origin=project.source.rel)


def project_files(project: Project) -> list[StaticFile]:
    folder = project.source.path.parent
    names = [a.file for a in project.meta.attachments]
    if project.meta.image:
        names.append(project.meta.image.file)
    return [StaticFile(asset_path(project, name), folder / name, origin=project.source.rel)
            for name in names]
