"""Generators are pure: catalog in, pages out. Tested on markdown, without MkDocs."""

import posixpath
import re

import pytest

from innomed.generate.entry_pages import render_entry
from innomed.generate.listings import PAGE_SIZE, generate_project_listings
from innomed.generate.redirects import generate_redirects
from innomed.generate.site import generate_site
from innomed.generate.templating import page_window
from innomed.model.pages import link, url_of
from innomed.pipeline import load_content

from conftest import write_project

pytestmark = pytest.mark.unit

WITH_SUPPORT = """\
---
title: {title}
summary: Sammendrag {title}.
kind: Prosjektbeskrivelse
status: Pågående
regions: [{region}]
owner: Eier {title}
support:
  - type: Skreddersydd innovasjonsrådgivning
    round: {round}
---
Tekst.
"""


def add(root, name, title, region="Nord", round="2025-S1"):
    write_project(root, name, text=WITH_SUPPORT.format(title=title, region=region, round=round))


def test_links_and_urls():
    assert link("prosjekt/a.md", "regioner/nord.md") == "../regioner/nord.md"
    assert link("index.md", "prosjekt/index.md") == "prosjekt/index.md"
    assert url_of("prosjekt/index.md") == "/prosjekt/"
    assert url_of("regioner/nord.md") == "/regioner/nord/"
    assert url_of("index.md") == "/"


def test_newest_round_first_then_norwegian_title(scratch):
    add(scratch, "a", "Åpen dør", round="2025-S1")
    add(scratch, "b", "Bedre flyt", round="2026-S1")
    add(scratch, "c", "Ærlig tale", round="2026-S1")
    add(scratch, "d", "Zebra", round="2025-S3")
    catalog = load_content(scratch).catalog
    assert [p.meta.title for p in catalog.projects] == [
        "Bedre flyt",
        "Ærlig tale",
        "Zebra",
        "Åpen dør",
    ]
    assert [p.meta.title for p in catalog.alphabetical()] == [
        "Bedre flyt",
        "Zebra",
        "Ærlig tale",
        "Åpen dør",
    ]


def newest_first_listing(root, count: int) -> tuple[dict[str, str], list[str]]:
    """`count` projects added; every listing page's text, and the pages of /prosjekt/."""
    for number in range(count):
        add(root, f"p{number:03}", f"Prosjekt {number:03}")
    catalog = load_content(root).catalog
    pages = {page.path: page.text for page in generate_project_listings(catalog)}
    newest = [path for path in pages if path.startswith("prosjekt/") and "alfabetisk" not in path]
    return pages, newest


def test_listing_pages_stay_bounded(scratch):
    pages, newest = newest_first_listing(scratch, PAGE_SIZE * 2 + 5)
    assert newest == ["prosjekt/index.md", "prosjekt/side/2.md", "prosjekt/side/3.md"]
    for path in newest:
        assert pages[path].count('class="project-card"') <= PAGE_SIZE
    assert sum(pages[path].count('class="project-card"') for path in newest) == PAGE_SIZE * 2 + 5
    assert '<a href="../2/" rel="prev">' in pages["prosjekt/side/3.md"]
    assert f"{PAGE_SIZE * 2 + 5} prosjekter." in pages["prosjekt/index.md"]


@pytest.mark.parametrize(
    ("count", "current", "expected"),
    [
        (1, 0, [0]),
        (7, 3, [0, 1, 2, 3, 4, 5, 6]),
        (12, 0, [0, 1, 2, None, 11]),
        (12, 4, [0, 1, 2, 3, 4, 5, 6, None, 11]),  # page 2 stands in for a one-page gap
        (12, 6, [0, None, 4, 5, 6, 7, 8, None, 11]),
        (12, 11, [0, None, 9, 10, 11]),
    ],
)
def test_pagination_names_the_ends_and_the_neighbours(count, current, expected):
    assert page_window(count, current) == expected


def test_pagination_of_a_long_listing_stays_short_and_reaches_every_page(scratch):
    pages, newest = newest_first_listing(scratch, PAGE_SIZE * 11 + 1)
    assert len(newest) == 12
    reached = {"prosjekt/index.md"}
    for path in newest:
        links = re.findall(r'<li><a href="([^"]+)"', pages[path].split('class="pagination"')[1])
        # first, last, two either side, a page for a one-page gap each side, previous, next
        assert len(links) <= 11, path
        for href in links:
            url = posixpath.normpath(posixpath.join(url_of(path), href))
            reached |= {p for p in newest if url_of(p).rstrip("/") == url}
    assert reached == set(newest)


def test_region_pages_list_exactly_their_projects(scratch):
    add(scratch, "a", "Nordlys", region="Nord")
    add(scratch, "b", "Vestavind", region="Vest")
    items = generate_site(load_content(scratch), scratch)
    pages = {item.path: getattr(item, "text", "") for item in items}
    assert "Nordlys" in pages["regioner/nord.md"] and "Vestavind" not in pages["regioner/nord.md"]
    assert "Vestavind" in pages["regioner/vest.md"] and "Nordlys" not in pages["regioner/vest.md"]
    # A region with no projects offers nothing: no page, no row, no link.
    assert "regioner/sor-ost.md" not in pages
    assert "sor-ost" not in pages["regioner/index.md"]
    # Nor does a taxonomy none of whose terms has a project (no project has a phase here).
    assert not [path for path in pages if path.startswith("faser/")]


def test_project_page_links_to_every_listing_it_belongs_to(scratch):
    write_project(
        scratch,
        "x",
        text="""\
        ---
        title: Fullt prosjekt
        summary: Kort.
        kind: Prosjekterfaring
        status: Avsluttet
        regions: [Vest, Nord]
        owner: Helse Bergen
        patient_groups: [Barn og unge]
        themes: [Pasientforløp]
        phase_start: Planlegge
        support:
          - type: Gruppebasert prosessveiledning
            year: 2024
          - type: Skreddersydd innovasjonsrådgivning
            round: 2025-S2
            hours: 40
        ---
        ## Prosjektbeskrivelse
        """,
    )
    content = load_content(scratch)
    text = render_entry(content.catalog.projects[0], content).text
    for target in (
        "../regioner/vest.md",
        "../regioner/nord.md",
        "../pasientgrupper/barn-og-unge.md",
        "../temaer/pasientforlop.md",
        "../faser/planlegge.md",
        "../tildelinger/2024.md",
        "../tildelinger/2025/s2.md",
    ):
        assert f"]({target})" in text
    assert "40 timer" in text


def test_redirect_page_for_a_changed_address(scratch):
    write_project(
        scratch,
        "x",
        text=WITH_SUPPORT.format(title="Ny tittel", region="Nord", round="2025-S1").replace(
            "summary:", "legacy_paths: [/prosjekt/gammel-adresse, /prosjekt/ny-tittel]\nsummary:"
        ),
    )
    pages = generate_redirects(load_content(scratch).all_entries())
    [page] = [p for p in pages if p.path.endswith(".html")]  # the slug's own path needs none
    [redirects] = [p for p in pages if p.path == "_redirects"]
    assert redirects.text == "/prosjekt/gammel-adresse /prosjekt/ny-tittel/ 301\n"
    assert page.path == "prosjekt/gammel-adresse/index.html"
    assert 'content="0; url=/prosjekt/ny-tittel/"' in page.text
    assert '<link rel="canonical" href="https://innomed.no/prosjekt/ny-tittel/">' in page.text


def test_markup_in_titles_is_escaped(scratch):
    add(scratch, "x", "Tittel med [klammer] & <tagg>")
    content = load_content(scratch)
    text = render_entry(content.catalog.projects[0], content).text
    assert "# Tittel med &#91;klammer&#93; &#38; &#60;tagg&#62;" in text


def test_links_in_intros_are_relative_to_each_page_of_a_listing(scratch):
    for number in range(PAGE_SIZE + 1):
        add(scratch, f"p{number:03}", f"Prosjekt {number:03}")
    items = generate_site(load_content(scratch), scratch)
    pages = {item.path: getattr(item, "text", "") for item in items}
    assert "(alfabetisk.md)" in pages["prosjekt/index.md"]
    assert "(../alfabetisk.md)" in pages["prosjekt/side/2.md"]
    assert "(2025/s1.md)" in pages["tildelinger/2025.md"]
    assert "(../s1.md)" in pages["tildelinger/2025/side/2.md"]


def test_card_details_are_html_escaped_not_markdown_escaped(scratch):
    write_project(
        scratch,
        "x",
        text=WITH_SUPPORT.format(title="Tittel", region="Nord", round="2025-S1").replace(
            "owner: Eier Tittel", "owner: Helse_Nord & *partnere*"
        ),
    )
    catalog = load_content(scratch).catalog
    [page] = [p for p in generate_project_listings(catalog) if p.path == "prosjekt/index.md"]
    assert '<p class="card-meta">Helse&#95;Nord &#38; &#42;partnere&#42; · Nord' in page.text
