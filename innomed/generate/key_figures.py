"""The key figures page (/nokkeltall/): the portfolio counted from front matter, per year, the
way the annual report presents it. Pure: catalog and the report's own figures in, data out.

Each figure is a table (the accessible version) and a bar chart drawn by the template as
inline SVG; the geometry is computed here as plain numbers, never as markup. Where a count
differs from the annual report's for the same year, the page says why in one sentence.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from dataclasses import dataclass, field

from innomed.generate.pagedata import Link
from innomed.generate.projects import HOME, PROJECTS_INDEX
from innomed.model.catalog import Catalog
from innomed.model.entries import Entry
from innomed.search.front import LANDING_FRONT

PAGE = "nokkeltall.md"
NO_REGION = "Ingen region oppgitt"
NO_ROUND = "Uten oppgitt runde"

# SVG geometry, in the chart's own units (the SVG scales to the column it sits in).
WIDTH = 400
BAR_HEIGHT = 18
LINE_HEIGHT = 20
ROW_GAP = 14
VALUE_ROOM = 48  # room right of the longest bar for its number
WRAP = 44  # characters per label line, so a phone shows labels at about 13 px


@dataclass(frozen=True)
class Figure:
    id: str
    title: str
    label_heading: str
    value_heading: str
    rows: list  # [(label, count)]
    empty: str  # the sentence shown instead when nothing is registered
    note: str | None = None  # why it differs from the annual report
    columns: list | None = None  # a table with more columns than the chart shows
    table: list | None = None
    # The annual report's own figures for the same thing, shown beside ours and marked as
    # the report's: [(label, "61 %")], and what the report says about them.
    reported: list | None = None
    explanation: str | None = None
    summary: str = field(init=False, default="")

    def __post_init__(self):
        object.__setattr__(self, "summary", summary_text(self.rows))

    @property
    def table_columns(self) -> list:
        return self.columns or [self.label_heading, self.value_heading]

    @property
    def table_rows(self) -> list:
        return self.table or [[label, str(count)] for label, count in self.rows]

    @property
    def has_data(self) -> bool:
        return any(count for _, count in self.rows)

    @property
    def chart(self) -> dict:
        return chart_geometry(self.rows)


def summary_text(rows: list) -> str:
    """All values in one sentence, largest first: the chart's text equivalent."""
    shown = sorted(((label, n) for label, n in rows if n), key=lambda r: -r[1])
    if not shown:
        return ""
    return ", ".join(f"{label}: {n}" for label, n in shown) + "."


def chart_geometry(rows: list) -> dict:
    """Label lines, bar widths and positions of a horizontal bar chart."""
    largest = max((n for _, n in rows), default=0) or 1
    bars, y = [], 0
    for label, count in rows:
        lines = textwrap.wrap(label, WRAP) or [label]
        label_y = [y + LINE_HEIGHT * (i + 1) - 5 for i in range(len(lines))]
        bar_y = y + LINE_HEIGHT * len(lines) + 2
        width = round(count / largest * (WIDTH - VALUE_ROOM), 1)
        bars.append(
            {
                "lines": list(zip(label_y, lines, strict=True)),
                "y": bar_y,
                "width": width,
                "value": count,
                "value_x": width + 6,
                "value_y": bar_y + BAR_HEIGHT - 4,
            }
        )
        y = bar_y + BAR_HEIGHT + ROW_GAP
    return {"width": WIDTH, "height": y, "bar_height": BAR_HEIGHT, "bars": bars}


def supports_in(project: Entry, year: int) -> list:
    return [s for s in project.meta.support if s.allocation_year == year]


def count_terms(items: list, labels: list[str], terms_of) -> list:
    """(label, how many items carry it) in vocabulary order; each item counts once a term."""
    counts: Counter = Counter()
    for project in items:
        counts.update(list(dict.fromkeys(terms_of(project))))
    return [(label, counts[label]) for label in labels]


def year_figures(year: int, catalog: Catalog, reported: dict) -> dict:
    projects = [p for p in catalog.projects if supports_in(p, year)]
    supports = [s for p in projects for s in supports_in(p, year)]
    vocab = catalog.vocabularies
    labels = {name: vocab[name].labels for name in vocab.by_name}
    key = f"a{year}"

    regions = count_terms(projects, labels["regions"], lambda p: p.meta.regions)
    without_region = sum(1 for p in projects if not p.meta.regions)
    if without_region:
        regions.append((NO_REGION, without_region))
    rounds_counter = Counter((s.round.split("-")[1] if s.round else NO_ROUND) for s in supports)
    rounds = [(name, rounds_counter[name]) for name in sorted(rounds_counter)]
    types = count_terms(supports, labels["support_types"], lambda s: [s.type] if s.type else [])
    hours = [s.hours for s in supports if s.hours]

    figures = [
        Figure(
            f"{key}-regioner",
            "Prosjekter per region",
            "Region",
            "Prosjekter",
            regions,
            f"Ingen prosjekter fra {year} har region oppgitt.",
            region_note(year, projects, without_region, reported.get("regions")),
        ),
        Figure(
            f"{key}-runder",
            "Tildelinger per søknadsrunde",
            "Runde",
            "Tildelinger",
            rounds,
            f"Ingen tildelinger i {year} har runde oppgitt.",
            difference_note(year, rounds, reported.get("rounds"), "tildelingene per runde"),
        ),
        Figure(
            f"{key}-stotte",
            "Tildelinger per type støtte",
            "Type støtte",
            "Tildelinger",
            types,
            f"Ingen tildelinger i {year} har type støtte oppgitt.",
            support_type_note(year, projects, types, reported.get("support_types")),
        ),
        Figure(
            f"{key}-pasientgrupper",
            "Prosjekter per pasientgruppe",
            "Pasientgruppe",
            "Prosjekter",
            count_terms(projects, labels["patient_groups"], lambda p: p.meta.patient_groups),
            f"Ingen av prosjektsidene fra {year} oppgir pasientgruppe.",
            explanation=explained(reported, "patient_groups"),
        ),
        Figure(
            f"{key}-innovasjonstype",
            "Prosjekter per type innovasjon",
            "Type innovasjon",
            "Prosjekter",
            count_terms(
                projects,
                labels["innovation_types"],
                lambda p: [p.meta.innovation_type] if p.meta.innovation_type else [],
            ),
            f"Ingen av prosjektsidene fra {year} oppgir type innovasjon.",
            reported=percentages(reported.get("innovation_types")),
            explanation=explained(reported, "innovation_types"),
        ),
        Figure(
            f"{key}-leveranser",
            "Prosjekter per forventet leveranse",
            "Leveranse",
            "Prosjekter",
            count_terms(projects, labels["deliverables"], lambda p: p.meta.deliverables),
            f"Ingen av prosjektsidene fra {year} oppgir forventede leveranser.",
            reported=percentages(reported.get("deliverables")),
            explanation=explained(reported, "deliverables"),
        ),
        Figure(
            f"{key}-fase-start",
            "Fase ved start av veiledningen",
            "Fase",
            "Prosjekter",
            count_terms(
                projects,
                labels["phases"],
                lambda p: [p.meta.phase_start] if p.meta.phase_start else [],
            ),
            f"Ingen av prosjektsidene fra {year} oppgir fase ved start.",
            explanation=explained(reported, "phases"),
        ),
        Figure(
            f"{key}-fase-slutt",
            "Fase ved slutt av veiledningen",
            "Fase",
            "Prosjekter",
            count_terms(
                projects, labels["phases"], lambda p: [p.meta.phase_end] if p.meta.phase_end else []
            ),
            f"Ingen av prosjektsidene fra {year} oppgir fase ved slutt.",
        ),
    ]
    return {
        "year": year,
        # Without rounds the sources give no allocation list for the year, only projects that
        # still appear on the site (the same caveat as /tildelinger/<year>/).
        "partial": bool(supports) and not any(s.round for s in supports),
        "applications": reported.get("applications"),
        "reported_allocations": reported.get("allocations"),
        "projects": len(projects),
        "allocations": len(supports),
        "hours": sum(hours),
        "hours_known": len(hours),
        "projects_note": difference_note(
            year, [("prosjekter", len(projects))], reported_total(reported), "antall prosjekter"
        ),
        "report": Link(f"Årsrapport {year}", reported["page"]) if reported.get("page") else None,
        "figures": figures,
    }


def reported_total(reported: dict) -> dict | None:
    return {"prosjekter": reported["projects"]} if "projects" in reported else None


def region_note(year: int, projects: list, without: int, reported: dict | None) -> str | None:
    """Why the regions differ from the report's, from what the project pages say: the report
    places each project in one region, a project page may give several or none."""
    if not reported:
        return None
    ours = {label: sum(label in p.meta.regions for p in projects) for label in reported}
    if ours == reported:
        return None
    parts = [
        f"Årsrapporten for {year} plasserer hvert prosjekt i én region ("
        + ", ".join(f"{label} {count}" for label, count in reported.items())
        + f", til sammen {sum(reported.values())}). Her telles et prosjekt under hver region "
        "prosjektsiden oppgir."
    ]
    several = [p.meta.title for p in projects if len(p.meta.regions) > 1]
    if several:
        parts.append(f"Flere regioner: {', '.join(several)}.")
    if without:
        parts.append(f"{without} prosjekter har ingen region i kildene.")
    lower = [
        f"{label} {ours[label]} mot {count}"
        for label, count in reported.items()
        if ours[label] != count
    ]
    parts.append(f"Derfor avviker tallene her: {', '.join(lower)}.")
    return " ".join(parts)


def support_type_note(year: int, projects: list, rows: list, reported: dict | None) -> str | None:
    """Why the support types differ: allocations whose type no source gives, by name, and
    that the report does not say which allocations it counts under each type."""
    if not reported:
        return None
    ours = dict(rows)
    if all(ours.get(label, 0) == count for label, count in reported.items()):
        return None
    untyped = [p.meta.title for p in projects for s in supports_in(p, year) if not s.type]
    differing = "; ".join(
        f"{label} {ours.get(label, 0)} her mot {count}" for label, count in reported.items()
    )
    text = (
        f"Årsrapporten for {year} teller tildelingene per type annerledes ({differing}). "
        "Tallene her bygger på typen hver prosjektside oppgir, og rapporten sier ikke hvilke "
        "tildelinger den teller under hver type."
    )
    if untyped:
        text += f" For {len(untyped)} tildeling oppgir ingen kilde typen: {', '.join(untyped)}."
    return text


def percentages(figures: dict | None) -> list | None:
    return [(label, f"{value} %") for label, value in figures.items()] if figures else None


def explained(reported: dict, name: str) -> str | None:
    return (reported.get("explanations") or {}).get(name)


def difference_note(year: int, rows: list, reported: dict | None, what: str) -> str | None:
    """One sentence where the count from the project pages differs from the report's."""
    if not reported:
        return None
    ours = dict(rows)
    differing = [
        f"{label} {ours.get(label, 0)} her mot {count}"
        for label, count in reported.items()
        if ours.get(label, 0) != count
    ]
    if not differing:
        return None
    return (
        f"Årsrapporten for {year} teller {what} annerledes ({'; '.join(differing)}), fordi "
        "tallene her bygger på det som står på hver prosjektside."
    )


def hours_text(year: dict) -> str:
    if not year["hours_known"]:
        return "–"  # a year without any hours in the sources; the column shows only if some do
    return (
        f"{year['hours']} ({year['hours_known']} av {year['allocations']} tildelinger oppgir timer)"
    )


def key_figures_context(catalog: Catalog, reports: dict) -> dict:
    years = sorted(catalog.allocations, reverse=True)
    per_year = [year_figures(year, catalog, reports.get(year, {})) for year in years]
    with_hours = int(any(y["hours_known"] for y in per_year))
    overview = Figure(
        "prosjekter-per-ar",
        "Prosjekter per år",
        "År",
        "Prosjekter",
        [(str(y["year"]), y["projects"]) for y in reversed(per_year)],
        "Ingen prosjekter har fått tildeling ennå.",
        # Unknowns are left out: the hours column appears once any allocation gives hours.
        columns=["År", "Prosjekter", "Tildelinger"] + ["Tildelte timer"] * with_hours,
        table=[
            [str(y["year"]), str(y["projects"]), str(y["allocations"])]
            + [hours_text(y)] * with_hours
            for y in reversed(per_year)
        ],
    )
    title = "Nøkkeltall"
    return {
        "front": {
            "title": title,
            "description": "Prosjektene som har fått støtte fra InnoMed, talt opp per år: "
            "regioner, runder, type støtte, pasientgrupper, innovasjonstype, leveranser og faser.",
            "kind": "key_figures",
            **LANDING_FRONT,
        },
        "title": title,
        "trail": [("Forside", HOME), ("Prosjekter", PROJECTS_INDEX)],
        "overview": overview,
        "years": per_year,
    }
