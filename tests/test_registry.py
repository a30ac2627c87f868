"""A content type is declared once: adding one is its model, a template and a registry entry.

The test declares an "event" type the way an engineer would, and checks that everything that
asks the registry (reading, validation, addresses, links, listings kept out of the nav,
schemas, the preview's watch list) takes it in without any other change.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from pydantic import Field

from innomed.cms.schemas import SCHEMAS, generate_schemas
from innomed.model import registry
from innomed.model.catalog import generated_sections
from innomed.model.errors import ContentErrors
from innomed.model.models import EntryMeta, Text
from innomed.model.vocabulary import load_vocabularies
from innomed.pipeline import build_site, load_content

from conftest import write, write_project


class EventMeta(EntryMeta):
    title: Text = Field(description="Tittel")
    summary: Text = Field(description="Ingress")
    date: str = Field(description="Dato")


EVENT = registry.ContentType(
    "event",
    "arrangement",
    EventMeta,
    "arrangementer",
    "files",
    page="arrangementer/{slug}.md",
    template="entry.md.j2",
    link_kind="arrangement",
)


@pytest.fixture
def with_events(monkeypatch):
    monkeypatch.setitem(registry.TYPES, "event", EVENT)
    monkeypatch.setitem(SCHEMAS, "event", (EVENT.model, EVENT.schema_globs()))


@pytest.mark.build
def test_a_new_type_needs_only_model_template_and_registry_entry(scratch, with_events):
    write(
        scratch,
        "arrangementer/frokostmote.md",
        """\
        ---
        title: Frokostmøte om `gevinster` { onclick="x" }
        summary: Vi møtes i Tromsø.
        date: "2026-03-01"
        ---
        Velkommen.
        """,
    )
    write_project(
        scratch,
        "p",
        text="""\
        ---
        title: Prosjekt
        summary: Kort.
        kind: Prosjektbeskrivelse
        status: Pågående
        regions: [Nord]
        owner: Eier
        ---
        Se [frokostmøtet](arrangement:frokostmote).
        """,
    )
    content = load_content(scratch)
    assert [e.slug for e in content.of("event")] == ["frokostmote"]
    assert "arrangementer" in generated_sections() and "arrangementer" in registry.source_folders()
    build_site(scratch, scratch / "site")
    page = scratch / "site/arrangementer/frokostmote/index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    heading = soup.select_one("article h1")
    assert heading.get_text().startswith('Frokostmøte om `gevinster` { onclick="x" }')
    assert not heading.has_attr("onclick") and not heading.find("code")
    project = BeautifulSoup((scratch / "site/prosjekt/prosjekt/index.html").read_text(), "lxml")
    assert project.find("a", string="frokostmøtet")["href"] == "../../arrangementer/frokostmote/"
    schemas = generate_schemas(load_vocabularies(scratch / "data/vocabulary.yml", scratch))
    assert "event.schema.json" in schemas


@pytest.mark.unit
def test_a_link_to_a_missing_entry_of_the_new_type_names_the_type(scratch, with_events):
    write_project(
        scratch,
        "p",
        text="""\
        ---
        title: Prosjekt
        summary: Kort.
        kind: Prosjektbeskrivelse
        status: Pågående
        regions: [Nord]
        owner: Eier
        ---
        Se [møtet](arrangement:finnes-ikke).
        """,
    )
    with pytest.raises(ContentErrors) as problem:
        load_content(scratch)
    [error] = problem.value.errors
    assert error.path == "projects/p.md" and error.line == 9
    assert "ingen arrangement med adressen 'finnes-ikke'" in error.message
