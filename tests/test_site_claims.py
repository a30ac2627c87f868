"""Claims no source makes stay off the site (issue 24): fixed texts and data the generator
prints that the sources do not give. Pure tests on the real content and the generators."""

from __future__ import annotations

import pytest

from innomed.model.config import VOCABULARY_FILE
from innomed.model.vocabulary import load_vocabularies

from conftest import REPO

pytestmark = pytest.mark.unit


def test_phases_have_no_definition_the_sources_do_not_give():
    # The sources name Prosjektveiviseren's five phases and define none of them.
    phases = load_vocabularies(REPO / VOCABULARY_FILE, REPO)["phases"]
    assert [t.label for t in phases.terms] == [
        "Konsept",
        "Planlegge",
        "Gjennomføre",
        "Realisere",
        "Avslutte",
    ]
    assert all(t.description == "" for t in phases.terms)


def test_innomeds_list_still_asks_for_the_newsletter_sign_up_address():
    # No source gives one, so the site links to none and InnoMed's list asks for it.
    listed = (REPO / "TIL-INNOMED.md").read_text(encoding="utf-8")
    assert "påmelding til nyhetsbrevet" in listed
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "nyhetsbrev" not in config.lower() and "newsletter" not in config.lower()
