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
