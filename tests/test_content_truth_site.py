"""What visitors see of the content truth rules, on the built real site and scratch sites:
no editor note, no draft, language of parts marked, unknowns left out, empty lists unlinked,
and the contact setting used where it is promised."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup
from test_content_truth import EDITOR_REMARKS

from innomed.pipeline import load_content, stage_site

from conftest import REPO, run_build_py, write, write_project

pytestmark = pytest.mark.build


def texts(site):
    return {p: " ".join(p.read_text(encoding="utf-8").split()) for p in site.rglob("*.html")}


def test_no_built_page_shows_an_editor_note_or_a_placeholder(real_site):
    pages = texts(real_site)
    for page, text in pages.items():
        assert not EDITOR_REMARKS.search(text), page
        assert "Skriv her" not in text and "Utkast" not in text, page
    everything = "\n".join(pages.values())
    for entry in load_content(REPO).all_entries():
        for note in entry.meta.notes:
            assert " ".join(note.split())[:60] not in everything, (entry.source.rel, note)


DRAFT_PROJECT = """\
---
title: Hemmelig utkast
summary: Ikke klart.
kind: Prosjektbeskrivelse
status: Pågående
regions: [Nord]
owner: Eier
draft: true
---
Tekst.
"""


def test_drafts_never_reach_the_production_build_but_the_preview_shows_them(scratch):
    write_project(scratch, "utkast", text=DRAFT_PROJECT)
    write_project(scratch, "ferdig")
    write(
        scratch,
        "content/aktuelt/utkast.md",
        """\
        ---
        title: Hemmelig sak
        date: 2025-06-01
        summary: Ikke klart.
        draft: true
        ---
        Tekst.
        """,
    )
    write(
        scratch,
        "content/aktuelt/ferdig.md",
        """\
        ---
        title: Ferdig sak
        date: 2025-06-02
        summary: Klar.
        ---
        Tekst.
        """,
    )
    result = run_build_py(scratch, "build")
    assert result.returncode == 0, result.stderr
    site = scratch / "site"
    everything = "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in site.rglob("*")
        if p.is_file() and p.suffix != ".gz"
    )
    assert "Hemmelig" not in everything
    assert not (site / "prosjekt/hemmelig-utkast").exists()
    assert "Ferdig sak" in (site / "aktuelt/feed.xml").read_text(encoding="utf-8")
    staged, content, _ = stage_site(scratch, drafts=True)  # what `serve` shows
    preview = (staged / "prosjekt/hemmelig-utkast.md").read_text(encoding="utf-8")
    assert 'class="draft-banner"' in preview and "Utkast" in preview


def test_mixed_language_parts_are_marked_on_the_built_pages(real_site):
    marked = re.compile(r"""(?:\{\s*lang="(n[bn])"\s*\}|<div lang="(n[bn])")""")
    checked = 0
    for entry in load_content(REPO).all_entries():
        languages = {a or b for a, b in marked.findall(entry.source.body)}
        if not languages:
            continue
        url = entry.type.page_path(entry.slug, entry.parent).removesuffix(".md")
        url = url.removesuffix("index").rstrip("/")
        page = BeautifulSoup((real_site / url / "index.html").read_text(encoding="utf-8"), "lxml")
        article = page.select_one("article")
        for language in languages:
            assert article.select(f'[lang="{language}"]'), (entry.source.rel, language)
        checked += 1
    assert checked  # the real content has such parts; a rule about nothing proves nothing


def test_nynorsk_pages_have_a_nynorsk_fact_box(real_site):
    for entry in load_content(REPO).catalog.projects:
        if entry.meta.lang != "nn":
            continue
        page = BeautifulSoup(
            (real_site / "prosjekt" / entry.slug / "index.html").read_text(encoding="utf-8"), "lxml"
        )
        labels = [dt.get_text() for dt in page.select(".fact-box dt")]
        assert labels and not {
            "Prosjekteier",
            "Temaer",
            "Støtte fra InnoMed",
            "Samarbeidspartnere",
            "Regioner",
        } & set(labels), labels


def test_unknown_owner_and_region_leave_their_rows_out(scratch):
    write_project(
        scratch,
        "ukjent",
        text="""\
        ---
        title: Ukjent eier
        summary: Kort.
        kind: Prosjektbeskrivelse
        status: Pågående
        regions: []
        ---
        Tekst.
        """,
    )
    assert run_build_py(scratch, "build").returncode == 0
    page = BeautifulSoup((scratch / "site/prosjekt/ukjent-eier/index.html").read_text(), "lxml")
    labels = [dt.get_text() for dt in page.select(".fact-box dt")]
    assert "Prosjekteier" not in labels and not {"Region", "Regioner"} & set(labels)
    assert "oppgitt" not in page.get_text()
    card = BeautifulSoup((scratch / "site/prosjekt/index.html").read_text(), "lxml")
    assert "oppgitt" not in card.select_one(".project-card").get_text()
    jsonld = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert "about" not in jsonld


def test_no_page_links_to_a_listing_with_no_projects(real_site):
    empty = set()
    for listing in real_site.glob("*/*/index.html"):
        if "Ingen prosjekter ennå." in listing.read_text(encoding="utf-8"):
            empty.add(listing.parent.relative_to(real_site).as_posix())
    for page in real_site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for link in soup.find_all("a", href=True):
            target = (page.parent / link["href"]).resolve()
            if target.is_relative_to(real_site.resolve()):
                assert target.relative_to(real_site.resolve()).as_posix() not in empty, (
                    page,
                    link["href"],
                )


def test_contact_details_come_from_one_setting_and_a_deploy_needs_them(scratch):
    write(scratch, "content/om/soknad.md", "---\ntitle: Søknad\ncontact: true\n---\nSpør oss.\n")
    production = run_build_py(scratch, "build", "--production")
    assert production.returncode == 1 and "extra.contact.email: mangler" in production.stderr
    assert "mkdocs.yml:" in production.stderr and not (scratch / "site").exists()
    config = (scratch / "mkdocs.yml").read_text(encoding="utf-8")
    (scratch / "mkdocs.yml").write_text(
        config.replace("    email:\n", "    email: post@innomed.example\n")
    )
    assert run_build_py(scratch, "build", "--production").returncode == 0
    for page in ("index.html", "om/soknad/index.html"):
        soup = BeautifulSoup((scratch / "site" / page).read_text(encoding="utf-8"), "lxml")
        assert soup.find("a", href="mailto:post@innomed.example"), page


def test_the_group_coaching_report_shows_every_workshop_date_as_written(real_site):
    page = real_site / "rapporter/gruppebasert-prosessveiledning-digital-hjemmeoppfolging"
    soup = BeautifulSoup((page / "index.html").read_text(encoding="utf-8"), "lxml")
    heading = soup.find(string=re.compile("Følgende workshops ble gjennomført"))
    items = [li.get_text(" ", strip=True) for li in heading.find_next("ol").find_all("li")]
    assert [item.split(":")[0] for item in items] == [
        "11. april",
        "31. april",  # as the source has it; a note asks InnoMed for the right date
        "14. mai",
        "5. juni",
        "18. juni",
        "20. august",
        "1. oktober",
    ]
    assert not heading.find_next("ol").select("ol ol")


def test_an_unknown_status_support_type_and_period_start_leave_no_guess_on_the_page(real_site):
    def facts(slug):
        page = real_site / "prosjekt" / slug / "index.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        return {
            dt.get_text(strip=True): dt.find_next("dd").get_text(" ", strip=True)
            for dt in soup.select(".fact-box dt")
        }

    model = facts("modell-gevinstrealisering")
    assert "Status" not in model
    assert model["Støtte fra InnoMed"].startswith("2025-S2")
    troms = facts("prosjekterfaring-etablering-av-interkommunalt-dho-team-i-nord-troms")
    assert troms["Prosjektperiode"] == "til september 2027"
    assert "Samarbeidspartnere" not in facts("digital-hjemmeoppfolging-i-finnmark")
