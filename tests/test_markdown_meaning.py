"""Markdown that silently changes what the author wrote is a `check` warning with file and line."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from innomed.model.body_checks import check_meaning
from innomed.model.sources import Source
from innomed.pipeline import load_content

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parent.parent


def warnings(body: str) -> list[tuple[int, str]]:
    source = Source(Path("x.md"), "x.md", {}, body, 5)
    return [(w.line, w.message) for w in check_meaning(source)]


def shown(body: str) -> str:
    return markdown.markdown(body)


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ("Workshops:\n\n1. 11. april: Introduksjon\n2. 31. april: Forankring\n", 7),
        ("- 1. mai: Oppstart\n", 5),
        ("## Datoer\n12. mai 2025 startet vi.\n", 6),
        ("Tekst.\n\n2025. Et år med vekst\n", 7),
        ("1. Første\n   - - dobbel\n", 6),
    ],
)
def test_a_line_whose_markdown_hides_what_was_typed_is_warned_at_its_line(body, line):
    found = warnings(body)
    assert found and found[0][0] == line, found
    # the warning is about something real: the typed number is not in what is shown
    typed = body.split("\n")[line - 5]
    assert " ".join(typed.split()) not in " ".join(shown(body).replace("<li>", "").split())


@pytest.mark.parametrize(
    "body",
    [
        "1. Første\n2. Andre\n\n3. Tredje etter en blank linje\n",
        "1. 11\\. april: Introduksjon\n",
        "Vi møttes\n11. april og lagde en plan.\n",
        "Det var 12. mai.\n",
        "- Punkt\n- Punkt to\n",
        "```\n1. 11. april i kode\n```\n",
    ],
)
def test_lists_and_escaped_numbers_that_show_what_was_typed_are_not_warned(body):
    assert warnings(body) == []


def test_the_escape_the_warning_asks_for_shows_the_date():
    message = warnings("1. 11. april: Introduksjon\n")[0][1]
    assert "'11\\.'" in message
    assert "<li>11. april: Introduksjon</li>" in shown("1. 11\\. april: Introduksjon\n")


def test_no_real_content_changes_meaning_and_the_impossible_date_has_a_note():
    content = load_content(ROOT)
    assert content.changed_meaning == []
    report = next(
        e for e in content.of("report") if e.slug.startswith("gruppebasert-prosessveiledning")
    )
    assert "2. 31\\. april: Forankring" in report.source.body
    assert any("31. april" in note for note in report.meta.notes)
