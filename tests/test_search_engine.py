"""The search engine in the browser (theme/assets/sok-motor.js, with the stemmer Snowball's
compiler generated, theme/assets/snowball/) splits, stems and folds words exactly as the
indexer (innomed/search/text.py, snowballstemmer) did: otherwise a query word would
look for a stem the index does not have. Run in Chromium on the real site's index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import snowballstemmer

from innomed.search import text as search_text
from innomed.search.index import OUTPUT_FOLDER

from browser import goto, new_context

pytest_plugins = ["browser"]

# Endings of both written forms, and words short enough to hit the stemmer's edge cases.
TRICKY = [
    "sjukehusa",
    "pasientane",
    "kommunane",
    "sykehusene",
    "hjemmeoppfølgingen",
    "tjenestene",
    "heimetenesta",
    "behandlingane",
    "innbyggjarane",
    "vurderinger",
    "erfaringer",
    "hjertesviktpasienter",
    "sikkerhetens",
    "lærers",
    "kommers",
    "hoppers",
    "kildes",
    "tekst",
    "ikks",
    "pakks",
    "boks",
    "kvinnes",
    "snakkerte",
    "svart",
    "kjøpt",
    "rettslig",
    "lovlig",
    "evig",
    "hetslov",
    "tilgjengeleg",
    "arbeids",
    "r",
    "er",
    "ers",
    "ene",
    "a'b",
    "o'neills",
    "2024",
    "øst",
]

ENGINE = "/assets/sok-motor.js"


def index_texts(site: Path) -> list[str]:
    """Every text of the index: the documents' starts (side/) and long pages' rests (mer/)."""
    folders = [site / OUTPUT_FOLDER / "side", site / OUTPUT_FOLDER / "mer"]
    return [
        json.loads(p.read_text(encoding="utf-8"))["text"]
        for folder in folders
        for p in sorted(folder.iterdir())
    ]


@pytest.fixture(scope="module")
def engine_page(chromium, site_server):
    context, log = new_context(chromium, 1280, site_server)
    page = context.new_page()
    goto(page, site_server, "/", log)
    yield page
    assert log.foreign == []
    context.close()


@pytest.mark.browser
def test_the_js_stemmer_gives_snowballs_stem_for_every_word_of_the_index(engine_page, audit_site):
    texts = index_texts(audit_site.site)
    distinct = sorted({w for text in texts for w in search_text.words(text)} | set(TRICKY))
    assert len(distinct) > 1000, len(distinct)
    snowball = snowballstemmer.stemmer("norwegian")
    expected = [snowball.stemWord(w) for w in distinct]
    got = engine_page.evaluate(
        "async (words) => { const m = await import('" + ENGINE + "');"
        " return words.map((w) => m.stem(w)); }",
        distinct,
    )
    wrong = [(w, e, g) for w, e, g in zip(distinct, expected, got, strict=True) if e != g]
    assert wrong == [], wrong[:20]
    # The index's keys (stems folded: ø -> o ...) are the engine's keys for the same words.
    keys = engine_page.evaluate(
        "async (words) => { const m = await import('" + ENGINE + "');"
        " return words.map((w) => m.key(w)); }",
        distinct,
    )
    stems = search_text.Stems()
    assert [w for w, k in zip(distinct, keys, strict=True) if stems(w) != k] == []


@pytest.mark.browser
def test_the_js_splits_text_into_the_same_words_and_shard_names(engine_page, audit_site):
    texts = index_texts(audit_site.site)
    texts.append("Sykehus-tjenestene i Tromsø, 2024! snake_case o\u0308l ÆØÅ")
    got = engine_page.evaluate(
        "async (texts) => { const m = await import('" + ENGINE + "');"
        " return texts.map((t) => m.words(t)); }",
        texts,
    )
    assert got == [search_text.words(text) for text in texts]
    manifest = json.loads(
        (audit_site.site / OUTPUT_FOLDER / "manifest.json").read_text(encoding="utf-8")
    )
    listed = engine_page.evaluate(
        "async (list) => { const m = await import('" + ENGINE + "'); return m.shardKeys(list); }",
        manifest["shards"],
    )
    # The engine reads the manifest's short list as exactly the shards that were written.
    files = {p.stem for p in (audit_site.site / OUTPUT_FOLDER / "ord").iterdir()}
    assert {search_text.shard_name(k) for k in listed} == files and len(listed) == len(files)
    keys = listed + ["øk", "æ1", "å"]
    names = engine_page.evaluate(
        "async (keys) => { const m = await import('" + ENGINE + "');"
        " return keys.map((k) => m.shardName(k)); }",
        keys,
    )
    assert names == [search_text.shard_name(k) for k in keys]
