"""A project page's data: fact box rows from front matter, files, contacts and related."""

from __future__ import annotations

from functools import cache

from innomed.generate.pagedata import Link, Marked, download_rows
from innomed.generate.structured_data import project_jsonld
from innomed.model.catalog import Catalog
from innomed.model.dates import format_date, format_period
from innomed.model.entries import Entry
from innomed.model.registry import asset_path, listing_page, page_of, url_for

HOME = "index.md"
PROJECTS_INDEX = listing_page("project")


def term_links(
    catalog: Catalog, vocabulary: str, labels: list[str], lang: str | None = None
) -> list[Link]:
    """Links to the terms' listing pages; `lang` marks the (bokmål) labels on a page in
    another written form."""
    return [Link(label, catalog.term_page(vocabulary, label), lang) for label in labels]


def round_page(support) -> str:
    if support.round:
        year, number = support.round.split("-")
        return f"tildelinger/{year}/{number.lower()}.md"
    return f"tildelinger/{support.year}.md"


# The fact box speaks the page's language: a nynorsk report gets nynorsk labels (WCAG 3.1.2
# asks that a part in another language be marked; better still, it is not in another one).
NYNORSK = {
    "Regioner": "Regionar",
    "Prosjekteier": "Prosjekteigar",
    "Samarbeidspartnere": "Samarbeidspartnarar",
    "Temaer": "Tema",
    "Støtte fra InnoMed": "Støtte frå InnoMed",
    "Forventede leveranser": "Forventa leveransar",
    "Fase ved start av veiledningen": "Fase ved start av rettleiinga",
    "Fase ved slutt av veiledningen": "Fase ved slutt av rettleiinga",
    "Veiledning fra InnoMed": "Rettleiing frå InnoMed",
    "Relaterte prosjekter": "Relaterte prosjekt",
    "Erfaringsrapporter om veiledningen": "Erfaringsrapportar om rettleiinga",
    "Pågående": "Pågåande",
    "Avsluttet": "Avslutta",
    "Prosjektbeskrivelse": "Prosjektskildring",
    "timer": "timar",
    "Skreddersydd innovasjonsrådgivning": "Skreddarsydd innovasjonsrådgjeving",
    "Gruppebasert prosessveiledning": "Gruppebasert prosessrettleiing",
    "Mer om prosjektet og temaene": "Meir om prosjektet og temaa",
    # Why a suggestion is there (innomed/model/related.py).
    "Samme pasientgruppe": "Same pasientgruppe",
    "Samme tema": "Same tema",
    "Samme region": "Same region",
    "Valgt av redaksjonen": "Valt av redaksjonen",
    "Nevner prosjektet": "Nemner prosjektet",
    "Handler om prosjektet": "Handlar om prosjektet",
}


@cache  # one function per written form, so equal pages get equal contexts (templating.py)
def translator(lang: str):
    """Bokmål text -> the same text in the page's written form."""
    return (lambda text: NYNORSK.get(text, text)) if lang == "nn" else (lambda text: text)


def support_value(support, tr=None) -> list:
    tr = tr or translator("nb")
    parts: list = [f"{tr(support.type)}, "] if support.type else []
    parts.append(Link(support.round or str(support.year), round_page(support)))
    if support.hours:
        parts.append(f", {support.hours} {tr('timer')}")
    if support.description:
        parts.append(f": {support.description}")
    return parts


def fact_rows(project: Entry, catalog: Catalog) -> list[tuple[str, list]]:
    """(label, values) in the order the fact box shows them; rows without values are left
    out by the template."""
    meta = project.meta
    tr = translator(meta.lang)
    # Vocabulary labels are bokmål (data/vocabulary.yml): marked on a nynorsk page.
    other = "nb" if meta.lang == "nn" else None

    def words(labels) -> list:
        return [Marked(label, other) if other else label for label in labels]

    rows = [
        ("Type", [tr(meta.kind)]),
        ("Status", [tr(meta.status)] if meta.status else []),
        (
            "Region" if len(meta.regions) == 1 else "Regioner",
            term_links(catalog, "regions", meta.regions, other),
        ),
        ("Prosjekteier", [meta.owner] if meta.owner else []),
        ("Samarbeidspartnere", [", ".join(meta.partners)] if meta.partners else []),
        ("Pasientgrupper", term_links(catalog, "patient_groups", meta.patient_groups, other)),
        ("Temaer", term_links(catalog, "themes", meta.themes, other)),
        ("Støtte fra InnoMed", [support_value(s, tr) for s in meta.support]),
        ("Innovasjonstype", words([meta.innovation_type] if meta.innovation_type else [])),
        ("Forventede leveranser", words(meta.deliverables)),
        (
            "Fase ved start av veiledningen",
            term_links(catalog, "phases", [meta.phase_start], other) if meta.phase_start else [],
        ),
        ("Fase ved slutt av veiledningen", words([meta.phase_end] if meta.phase_end else [])),
        (
            "Prosjektperiode",
            [p] if (p := format_period(meta.project_period, meta.lang)) else [],
        ),
        (
            "Veiledning fra InnoMed",
            [c] if (c := format_period(meta.coaching_period, meta.lang)) else [],
        ),
        ("Prosjekt X", ["Ja, prosjektet er med i Prosjekt X"] if meta.prosjekt_x else []),
        ("Språk", ["Nynorsk"] if meta.lang == "nn" else []),
        ("Publisert", [format_date(meta.published)] if meta.published else []),
        ("Oppdatert", [format_date(meta.updated)] if meta.updated else []),
    ]
    return [(tr(label), values) for label, values in rows]


def other_link(entry: Entry, page_lang: str) -> Link:
    """A link to another entry by its title, marked with its language if not the page's."""
    lang = getattr(entry.meta, "lang", "nb")
    return Link(entry.meta.title, page_of(entry), lang if lang != page_lang else None)


def reasons(found: tuple[str, ...], tr) -> list[str]:
    """ "Samme tema: A, B" in the page's written form: the reason translated, the (bokmål)
    vocabulary labels after the colon as they are; the template marks them."""
    return [": ".join([tr(head), *rest]) for head, *rest in (r.split(": ", 1) for r in found)]


def project_context(project: Entry, content) -> dict:
    meta = project.meta
    catalog = content.catalog
    image = meta.image
    tr = translator(meta.lang)
    reports = [
        other_link(report, meta.lang)
        for report in content.of("report")
        if project.slug in report.meta.covers + report.meta.related_projects
    ]
    return {
        "front": {
            "title": meta.title,
            "description": meta.summary,
            "lang": meta.lang,
            "kind": "project",
            "og_type": "article",
            "image": f"/{asset_path(project, image.file)}" if image else None,
            "image_alt": (image.alt or "") if image else None,
            "jsonld": project_jsonld(project, content.site_url + url_for(project)),
        },
        "trail": [("Forside", HOME), ("Prosjekter", PROJECTS_INDEX)],
        "image": image
        and {
            "alt": "" if image.decorative else (image.alt or ""),
            "caption": image.caption,
            "target": asset_path(project, image.file),
        },
        "labels": {"facts": "Fakta om prosjektet"},
        "tr": tr,
        "fact_rows": fact_rows(project, catalog),
        "attachments": download_rows(
            project, meta.attachments, lambda name: asset_path(project, name)
        ),
        "contacts": [
            {"details": [x for x in (c.name, c.role, c.organisation) if x], "email": c.email}
            for c in meta.contacts
        ],
        "related": [
            {"link": other_link(s.entry, meta.lang), "reasons": reasons(s.reasons, tr)}
            for s in content.related.related_projects(project)
        ],
        "reports": reports,
        "others": [
            {
                "link": other_link(s.entry, meta.lang),
                "kind": s.entry.type.noun.capitalize(),
                "reasons": reasons(s.reasons, tr),
            }
            for s in content.related.related_others(project)
            if page_of(s.entry) not in {r.target for r in reports}
        ],
    }
