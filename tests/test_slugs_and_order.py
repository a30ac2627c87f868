"""Slugs as the old site made them, readable anchors, and Norwegian alphabetical order."""

import pytest

from innomed.model.collation import norwegian_key
from innomed.model.slugs import heading_anchor, slug_for_title

pytestmark = pytest.mark.unit


def test_slug_matches_old_drupal_paths():
    # Paths cited in the 2025 annual report.
    assert (
        slug_for_title("Prosjekterfaring: Prehabilitering for kolorektalkreft")
        == "prosjekterfaring-prehabilitering-kolorektalkreft"
    )
    assert (
        slug_for_title("Prosjekterfaring: Sykepleierstilling på tvers av sykehus og kommune")
        == "prosjekterfaring-sykepleierstilling-pa-tvers-av-sykehus-og-kommune"
    )
    long_title = (
        "Prosjekterfaring: Etablere felles tjeneste om «Digital Hjemmeoppfølging» i "
        "samarbeid mellom UNN og kommunene"
    )
    slug = slug_for_title(long_title)
    assert slug == (
        "prosjekterfaring-etablere-felles-tjeneste-om-digital-hjemmeoppfolging-i-samarbeid-mellom"
    )
    assert len("prosjekt/" + slug) <= 100


def test_slug_transliterates_norwegian_letters():
    assert slug_for_title("Ærlig øving på Åsen") == "aerlig-oving-pa-asen"


def test_heading_anchor_keeps_norwegian_words():
    assert heading_anchor("Økonomi") == "okonomi"
    assert heading_anchor("Resultater og læring") == "resultater-og-laering"
    assert heading_anchor("Gå videre", "_") == "ga_videre"


def test_norwegian_alphabetical_order():
    titles = ["Åsen", "Zeta", "Ørsta", "Ære", "Arendal", "bodø", "Émile", "Aalesund", "10 tiltak"]
    assert sorted(titles, key=norwegian_key) == [
        "10 tiltak",
        "Arendal",
        "bodø",
        "Émile",
        "Zeta",
        "Ære",
        "Ørsta",
        "Aalesund",
        "Åsen",
    ]
