"""Language of parts on the real site as built (issue 24, WCAG 3.1.2): wherever text is
marked or inherits nynorsk, it is nynorsk. The templates' and the theme's fixed texts on a
nynorsk page come in nynorsk, or are marked lang="nb" (the menu's titles, vocabulary labels,
other pages' bokmål titles); a paragraph marked lang="nn" does not end in bokmål."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.build

# Words that are bokmål and never nynorsk, among them every bokmål text the templates and the
# theme print on a project page (labels, reasons, headings, search, menu, trail).
BOKMAL = re.compile(
    r"\b(ikke|fra|Fra|Samme|Valgt|Nevner|Handler|Mer|flere|søke|flytter|treffene|veiledning|"
    r"veiledningen|Skreddersydd|rådgivning|Prosjekter|prosjektene|Temaer|Regioner|Tildelinger|"
    r"Nøkkeltall|lidelser|Personer|tidlig|Forebygging|hjemmeoppfølging|behovsdrevet|"
    r"Tilgjengelighetserklæring|Forventede|leveranser|Pågående|Avsluttet|Prosjektbeskrivelse|"
    r"Prosjekteier|Samarbeidspartnere|Erfaringsrapporter|timer|tidligere|utvalgte|Forside|"
    r"Aktuelt|Verktøy|Organisering|Personvern|Prosessveiledning|prosessveiledning|"
    r"Tildelingskriterier|Slik søker du)\b"
)
SKIP = {"script", "style", "title", "[document]"}


def effective_lang(node) -> str | None:
    for parent in node.parents:
        if parent.name and parent.get("lang"):
            return parent["lang"]
    return None


def nynorsk_texts(page) -> list[tuple[str, str]]:
    """(element, text) of every text the page presents as nynorsk."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    return [
        (text.parent.name, " ".join(text.split()))
        for text in soup.find_all(string=True)
        if text.parent.name not in SKIP and text.strip() and effective_lang(text) == "nn"
    ]


def test_every_text_presented_as_nynorsk_is_nynorsk(real_site):
    nynorsk_pages = parts = 0
    found = []
    for page in sorted(real_site.rglob("*.html")):
        texts = nynorsk_texts(page)
        if not texts:
            continue
        html = page.read_text(encoding="utf-8")
        nynorsk_pages += '<html lang="nn"' in html
        parts += '<html lang="nn"' not in html
        for element, text in texts:
            if match := BOKMAL.search(text):
                found.append(f"{page.relative_to(real_site)}: <{element}> {match[0]!r} in {text!r}")
    assert not found, "\n".join(found)
    # The real content has three nynorsk project pages and nynorsk parts in bokmål news.
    assert nynorsk_pages == 3 and parts >= 3


def test_the_marker_finds_what_the_templates_printed_before(real_site):
    # What the nynorsk pages showed unmarked before issue 24's fix, each caught.
    for old in (
        "Samme pasientgruppe: Barn og unge",
        "Mer om prosjektet og temaene",
        "Gruppebasert prosessveiledning, 2025-S1",
        "Skriv et ord for å søke. Piltastene flytter mellom treffene.",
        "Vis flere treff",
        "Forebygging og tidlig innsats",
        "Prosjektet er ett av de utvalgte prosjektene i regjeringens «Prosjekt X», og har "
        "tidligere mottatt gruppebasert prosessveiledning fra InnoMed.",
    ):
        assert BOKMAL.search(old), old
    for nynorsk in (
        "Same pasientgruppe:",
        "Meir om prosjektet og temaa",
        "Gruppebasert prosessrettleiing, 2025-S1",
        "Skriv eit ord for å søkje. Piltastane flyttar mellom treffa.",
        "Vis fleire treff",
        "Relaterte prosjekt",
        "Erfaringsrapportar om rettleiinga",
    ):
        assert not BOKMAL.search(nynorsk), nynorsk
