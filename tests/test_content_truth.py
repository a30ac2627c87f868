"""The content speaks for InnoMed: sourced facts, editor notes kept out of the text, drafts marked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from innomed.cli import main
from innomed.pipeline import load_content

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parent.parent
EDITOR_REMARKS = re.compile(r"Ikke oppgitt|ikke overført|Illustrasjonen er ikke", re.IGNORECASE)


@pytest.fixture(scope="module")
def content():
    return load_content(ROOT)


def test_every_published_entry_names_its_source(content):
    missing = [
        entry.source.rel
        for entry in content.all_entries()
        if not entry.meta.draft
        and not entry.meta.source
        and entry.source.rel != "content/tilgjengelighetserklaering.md"
    ]
    assert missing == []


def test_no_editor_remark_in_any_body_or_shown_field(content):
    found = []
    for entry in content.all_entries():
        shown = entry.meta.model_dump(exclude={"notes", "source"})
        if EDITOR_REMARKS.search(entry.source.body) or EDITOR_REMARKS.search(str(shown)):
            found.append(entry.source.rel)
    assert found == []


def test_project_summary_is_not_repeated_as_first_paragraph(content):
    repeated = []
    for project in content.catalog.projects:
        first = project.source.body.strip().split("\n\n")[0]
        if " ".join(first.split()) == " ".join(project.meta.summary.split()):
            repeated.append(project.source.rel)
    assert repeated == []


def test_check_todo_lists_notes_with_line_and_files_without_source(capsys):
    assert main(["check", "--todo"]) == 0
    lines = capsys.readouterr().out.splitlines()
    note = next(line for line in lines if line.startswith("projects/dho-sor-rogaland.md:"))
    path, line, rest = note.split(":", 2)
    assert rest.startswith(" notes: Prosjekteier er ikke oppgitt")
    assert Path(ROOT / path).read_text().splitlines()[int(line) - 1].lstrip().startswith("- ")
    assert "content/tilgjengelighetserklaering.md:1: source: mangler (ingen kilde oppgitt)" in lines


# The figures: one set, from front matter, equal to the annual report's ------------------

REPORT_PAGE = ROOT / "content/om/arsrapport-2025.md"


def report_table(heading_cell: str) -> dict[str, int]:
    """A two-or-three-column table of the annual report page, first cell -> last number."""
    rows: dict[str, int] = {}
    in_table = False
    for line in REPORT_PAGE.read_text(encoding="utf-8").split("\n"):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells[0] == heading_cell:
            in_table = True
        elif in_table and not line.startswith("|"):
            break
        elif in_table and cells[-1].isdigit():
            rows[cells[0]] = int(cells[-1])
    return rows


def projects_2025(content):
    return [
        p
        for p in content.catalog.projects
        if any(s.allocation_year == 2025 for s in p.meta.support)
    ]


def test_2025_allocations_per_round_and_unique_projects_match_the_annual_report(content):
    rounds = report_table("Runde")
    figures = report_table("Nøkkeltall")
    computed = {
        name.split("-")[1]: len(projects)
        for name, projects in content.catalog.allocations[2025].items()
        if name
    }
    assert computed == {k: v for k, v in rounds.items() if k != "Totalt"}
    allocations = sum(
        1 for p in projects_2025(content) for s in p.meta.support if s.allocation_year == 2025
    )
    assert allocations == rounds["Totalt"] == figures["Tildelinger (innvilgede søknader)"]
    assert len(projects_2025(content)) == figures["Unike prosjekter som fikk støtte"]


def test_2025_projects_per_region_never_exceed_the_report_and_the_gap_is_unknown_regions(content):
    report = report_table("Region")
    total = report.pop("Totalt")
    projects = projects_2025(content)
    for region, expected in report.items():
        assert sum(region in p.meta.regions for p in projects) <= expected, region
    known = [p for p in projects if set(p.meta.regions) & set(report)]
    unknown = [p for p in projects if not set(p.meta.regions) & set(report)]
    assert len(known) + len(unknown) == total
    assert all(p.meta.regions == [] or p.meta.notes for p in unknown)


def test_the_note_on_support_types_states_what_front_matter_says(content):
    by_type: dict[str, set] = {}
    count: dict[str, int] = {}
    for project in projects_2025(content):
        for support in project.meta.support:
            if support.allocation_year == 2025:
                by_type.setdefault(support.type, set()).add(project.slug)
                count[support.type] = count.get(support.type, 0) + 1
    tailored, group = "Skreddersydd innovasjonsrådgivning", "Gruppebasert prosessveiledning"
    both = len(by_type[tailored] & by_type[group])
    text = " ".join(REPORT_PAGE.read_text(encoding="utf-8").split())
    assert (
        f"gir {count[tailored]} tildelinger med skreddersydd og {count[group]} med "
        f"gruppebasert prosessveiledning, og {both} prosjekter med begge"
    ) in text
    untyped = [
        p.meta.title
        for p in projects_2025(content)
        for s in p.meta.support
        if s.allocation_year == 2025 and not s.type
    ]
    assert f"for {len(untyped)} tildeling ({untyped[0]}) oppgir rapporten ingen type" in text


# Forced values: what no source says is left out, not filled in by the schema ----------


def test_a_period_with_an_unknown_start_or_end_is_never_shown_with_a_guess():
    from innomed.model.dates import format_period
    from innomed.model.models import Period

    assert format_period(Period(end="2027-09")) == "til september 2027"
    assert format_period(Period(start="2024")) == "fra 2024"
    assert format_period(Period(start="2024"), "nn") == "frå 2024"
    assert format_period(Period(start="2025-03", end="2025-10")) == "mars 2025 – oktober 2025"


def test_status_and_support_type_are_given_only_where_a_source_supports_them(content):
    import datetime as dt

    from innomed.model.dates import partial_date_end

    for project in content.catalog.projects:
        meta = project.meta
        if meta.status == "Pågående":
            end = meta.project_period.end if meta.project_period else None
            ongoing = any(s.allocation_year >= 2026 for s in meta.support) or (
                end and partial_date_end(end) >= dt.date(2026, 12, 1)
            )
            assert ongoing, project.source.rel
        elif meta.status is None:
            assert any("Status er ikke oppgitt" in note for note in meta.notes), project.slug
    guessed = next(p for p in content.catalog.projects if p.slug == "modell-gevinstrealisering")
    assert [s.type for s in guessed.meta.support] == [None]
    finnmark = next(
        p for p in content.catalog.projects if p.slug == "digital-hjemmeoppfolging-i-finnmark"
    )
    assert finnmark.meta.partners == []  # was inferred from an e-mail domain


# For InnoMed: one list, generated, with file and line ------------------------------------


def test_the_list_for_innomed_holds_draft_notes_and_is_committed_as_generated(content):
    from innomed.checks.innomed_list import LIST_FILE, innomed_items, list_page

    items = innomed_items(content, ROOT)
    drafts = [e for found in content.drafts.values() for e in found]
    assert drafts
    for draft in drafts:
        for note in draft.meta.notes:
            assert any(i.path == draft.source.rel and i.text == note for i in items), note
        assert any(i.path == draft.source.rel and i.field == "draft" for i in items)
    for item in items:
        if item.field in {"notes", "draft"}:
            line = (ROOT / item.path).read_text(encoding="utf-8").split("\n")[item.line - 1]
            assert line.lstrip().startswith("- " if item.field == "notes" else "draft:"), item
    texts = " ".join(i.text for i in items)
    for needed in (
        "nyhetsbrevet",
        "erfaringsrapporten",
        "Finnmark DHO Gamvik",
        "hvordan man søker",
    ):
        assert needed in texts, needed
    if not content.contact.get("email"):
        assert items[0].path == "mkdocs.yml" and items[0].field == "extra.contact.email"
    committed = (ROOT / LIST_FILE).read_text(encoding="utf-8")
    assert committed == list_page(items), "run: build.py check --todo --write"


def test_source_paragraphs_once_lost_are_on_a_page(content):
    bodies = " ".join(" ".join(e.source.body.split()) for e in content.all_entries())
    for sentence in (
        "Tjenesten har til nå blitt utprøvd på i underkant av 25 pasienter totalt i regionen.",
        "Pasienter som får avslag i spesialisthelsetjenesten blir ofte anbefalt å søke "
        "kommunal hjelp.",
        "Vi er seks små kommuner med til sammen rundt 16 000 innbyggere.",
        "Siden etableringen av DHO-teamet har arbeidet vært rettet mot å utvikle tydelige "
        "rammer for tjenesten og teste ut tjenesteforløp.",
    ):
        assert sentence in bodies, sentence
