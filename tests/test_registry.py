"""A content type is declared once: adding one is its model, a template and a registry entry.

The test declares a "testevent" type the way an engineer would, and checks that everything that
asks the registry (reading, validation, addresses, links, listings kept out of the nav,
schemas, the preview's watch list) takes it in without any other change.
"""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from pydantic import Field

from innomed.cms.schemas import SCHEMAS, generate_schemas
from innomed.model import registry
from innomed.model.catalog import generated_sections
from innomed.model.errors import ContentErrors
from innomed.model.models import EntryMeta, Listed, Region, Text
from innomed.model.vocabulary import load_vocabularies
from innomed.pipeline import build_site, load_content

from conftest import heading_text, write, write_project


class EventMeta(EntryMeta):
    title: Text = Field(description="Tittel")
    summary: Text = Field(description="Ingress")
    date: str = Field(description="Dato")
    # Not called `regions`: the search filter must come from the declared facet, not a name.
    venue_regions: Listed[Region] = Field([], description="Helseregioner")


def upcoming_first(entries, today):
    """Coming events soonest first, then past ones newest first."""
    coming = sorted(
        (e for e in entries if e.meta.date >= today.isoformat()), key=lambda e: e.meta.date
    )
    past = sorted(
        (e for e in entries if e.meta.date < today.isoformat()), key=lambda e: e.meta.date
    )
    return coming + past[::-1]


EVENT = registry.ContentType(
    "testevent",
    "testarrangement",
    EventMeta,
    "testarrangementer",
    "files",
    page="testarrangementer/{slug}.md",
    template="entry.md.j2",
    link_kind="testarrangement",
    listing="testarrangementer/index.md",
    listing_title="Arrangementer",
    listing_order=upcoming_first,
    feed="testarrangementer/feed.xml",
    facets=(("region", "venue_regions"),),
    plural="Arrangementer",
    related_rank=6,
)


@pytest.fixture
def with_events(monkeypatch):
    # A name of its own: a real "event" type added later must not collide with the test's.
    assert EVENT.name not in registry.TYPES and EVENT.folder not in registry.source_folders()
    monkeypatch.setitem(registry.TYPES, "testevent", EVENT)
    monkeypatch.setitem(SCHEMAS, "testevent", (EVENT.model, EVENT.schema_globs()))


@pytest.mark.build
def test_a_new_type_needs_only_model_template_and_registry_entry(scratch, with_events):
    write(
        scratch,
        "testarrangementer/frokostmote.md",
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
        Se [frokostmøtet](testarrangement:frokostmote).
        """,
    )
    content = load_content(scratch)
    assert [e.slug for e in content.of("testevent")] == ["frokostmote"]
    assert (
        "testarrangementer" in generated_sections()
        and "testarrangementer" in registry.source_folders()
    )
    build_site(scratch, scratch / "site")
    page = scratch / "site/testarrangementer/frokostmote/index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    heading = soup.select_one("article h1")
    assert heading.get_text().startswith('Frokostmøte om `gevinster` { onclick="x" }')
    assert not heading.has_attr("onclick") and not heading.find("code")
    project = BeautifulSoup((scratch / "site/prosjekt/prosjekt/index.html").read_text(), "lxml")
    assert (
        project.find("a", string="frokostmøtet")["href"] == "../../testarrangementer/frokostmote/"
    )
    schemas = generate_schemas(load_vocabularies(scratch / "data/vocabulary.yml", scratch))
    assert "testevent.schema.json" in schemas


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
        Se [møtet](testarrangement:finnes-ikke).
        """,
    )
    with pytest.raises(ContentErrors) as problem:
        load_content(scratch)
    [error] = problem.value.errors
    assert error.path == "projects/p.md" and error.line == 9
    assert "ingen testarrangement med adressen 'finnes-ikke'" in error.message


@pytest.mark.unit
def test_two_types_may_not_share_a_name_or_a_link_kind():
    project = registry.TYPES["project"]
    with pytest.raises(ValueError, match="share a name: project"):
        registry.declare(project, project)
    with pytest.raises(ValueError, match="share a link_kind: prosjekt"):
        registry.declare(project, EVENT.__class__(**{**EVENT.__dict__, "link_kind": "prosjekt"}))
    assert registry.declare(*registry.TYPES.values()) == registry.TYPES


@pytest.mark.build
def test_the_new_type_gets_a_listing_upcoming_first_and_a_search_filter(
    scratch, with_events, monkeypatch
):
    """What adding "arrangement" took 16 files for: a listing in the type's own order, which
    needs the publishing day, and a search filter by region, from the registry entry alone."""
    for slug, date, region in [
        ("fortid", "2026-01-10", "Nord"),
        ("snart", "2026-06-05", "Vest"),
        ("senere", "2026-09-01", "Nord"),
    ]:
        write(
            scratch,
            f"testarrangementer/{slug}.md",
            f'---\ntitle: Møte {slug}\nsummary: Kort.\ndate: "{date}"\n'
            f"venue_regions: [{region}]\n---\nTekst om [prosjektet](prosjekt:vart-prosjekt).\n",
        )
    write_project(scratch, "vart", title="Vårt prosjekt")
    monkeypatch.setenv("INNOMED_TODAY", "2026-06-01")
    build_site(scratch, scratch / "site")
    project = (scratch / "site/prosjekt/vart-prosjekt/index.html").read_text()
    assert all(f"Møte {slug}" in project for slug in ("fortid", "snart", "senere"))
    listing = BeautifulSoup((scratch / "site/testarrangementer/index.html").read_text(), "lxml")
    titles = [heading_text(h) for h in listing.select("article h2")]
    assert titles[:3] == ["Møte snart", "Møte senere", "Møte fortid"]
    assert heading_text(listing.select_one("h1")) == "Arrangementer"
    feed = BeautifulSoup((scratch / "site/testarrangementer/feed.xml").read_text(), "xml")
    assert sorted(e.title.string for e in feed.find_all("entry")) == [
        "Møte fortid",
        "Møte senere",
        "Møte snart",
    ]
    filters = json.loads((scratch / "site/sokeindeks/filtre.json").read_text())
    assert sorted(filters["region"]) == ["Nord", "Vest"]
    assert len(filters["type"]["Testarrangement"]) == 3  # page ids, delta-coded


@pytest.mark.unit
def test_the_new_type_is_a_collection_in_the_browser_editor(scratch, with_events):
    import yaml

    from innomed.cms.decap import generate_config

    vocabularies = load_vocabularies(scratch / "data/vocabulary.yml", scratch)
    config = yaml.safe_load(generate_config(scratch, vocabularies))
    [events] = [c for c in config["collections"] if c["name"] == "testevent"]
    assert (events["label"], events["folder"]) == ("Arrangementer", "testarrangementer")
    fields = {field["name"]: field for field in events["fields"]}
    assert {"title", "summary", "date", "venue_regions", "body"} <= set(fields)
    regions = fields["venue_regions"]
    assert regions["widget"] == "select" and regions["multiple"]
    assert "Vest" in regions["options"]
