"""The search index's pure parts (innomed/search/text.py) and the indexer on hand-written HTML
(innomed/search/index.py): no MkDocs, no browser."""

from __future__ import annotations

import json
from array import array
from pathlib import Path

import pytest
import snowballstemmer

from innomed.search import index as search_index
from innomed.search import text as search_text

pytestmark = pytest.mark.unit


def test_words_are_lowercased_nfc_runs_of_letters_and_digits():
    text = "Sykehus-tjenestene i Tromsø, 2024! snake_case o\u0308l"
    assert search_text.words(text) == [
        "sykehus",
        "tjenestene",
        "i",
        "tromsø",
        "2024",
        "snake",
        "case",
        "öl",
    ]


def test_stems_are_snowballs_norwegian_stems_and_computed_once_per_word():
    stems = search_text.Stems()
    snowball = snowballstemmer.stemmer("norwegian")
    for word in ["sykehusene", "hjemmeoppfølgingen", "sjukehusa", "pasientane", "tjenestene"]:
        assert stems(word) == search_text.bridged(search_text.fold(snowball.stemWord(word)))
    assert stems("hjemmeoppfølgingen") == "hjemeoppfolging"  # folded, bridged (heime-)
    assert stems("sykehusene") == stems("sykehus") == "sykehus"
    assert stems("pasientane") == stems("pasientene") == "pasient"  # nynorsk and bokmål
    assert len(stems._known) == 7


def test_folding_is_how_a_keyboard_without_norwegian_letters_types_them():
    assert search_text.fold("hjemmeoppfølging") == "hjemmeoppfolging"
    assert search_text.fold("bærekraft én årsrapport") == "baerekraft en arsrapport"
    assert search_text.fold("o\u0308l café") == "ol cafe"


def test_nynorsk_forms_snowball_leaves_apart_share_the_bokmal_key():
    stems = search_text.Stems()
    for nynorsk, bokmal in [
        ("sjukehusa", "sykehusene"),
        ("heimeoppfølginga", "hjemmeoppfølgingen"),
        ("heime", "hjemme"),
        ("tenestene", "tjenestene"),
        ("sjølvmord", "selvmord"),
        ("podkast", "podcast"),
        ("legemidlar", "legemiddel"),
    ]:
        assert stems(nynorsk) == stems(bokmal), (nynorsk, bokmal)
    assert stems("sykehus") != stems("sykdom")


def test_a_title_word_counts_more_than_a_word_of_the_text():
    counts, length = search_text.term_counts(
        "Sykehus", "Sykehus og sykehusene. Pasient.", search_text.Stems()
    )
    assert length == 4  # the title's h1 is in the text already; it is weighted on top
    assert counts == {"sykehus": 2 + search_text.TITLE_WEIGHT, "og": 1, "pasient": 1}


def test_levels_grow_with_the_count_and_fall_with_the_length_within_bounds():
    levels = [search_text.tf_level(n, 100, 100.0) for n in (1, 2, 5, 50, 5000)]
    assert levels == sorted(levels) and levels[0] >= 1 and levels[-1] <= search_text.LEVELS
    assert search_text.tf_level(3, 1000, 100.0) < search_text.tf_level(3, 50, 100.0)
    assert search_text.idf(1, 100) > search_text.idf(90, 100) > 0


def test_shards_are_the_first_two_letters_or_three_where_two_would_be_large(monkeypatch):
    entries = {"i": [0, 1], "in": [0, 1], "innomed": [0, 9], "inntak": [1, 2], "sykehus": [2, 3]}
    shards, split = search_text.shard_layout(entries, len)
    assert split == [] and shards == {
        "i": {"i": [0, 1]},
        "in": {"in": [0, 1], "innomed": [0, 9], "inntak": [1, 2]},
        "sy": {"sykehus": [2, 3]},
    }
    monkeypatch.setattr(search_text, "SPLIT_BYTES", 1)  # `len`: more than one stem
    shards, split = search_text.shard_layout(entries, len)
    assert split == ["in"]
    assert shards == {
        "i": {"i": [0, 1]},
        "in": {"in": [0, 1]},
        "inn": {"innomed": [0, 9], "inntak": [1, 2]},
        "sy": {"sykehus": [2, 3]},
    }


def shard_keys(text: str) -> list[str]:
    """The engine's reading of search_text.shard_list (shardKeys in sok-motor.js; the browser
    test compares the two on the real index)."""
    keys = []
    for group in text.split():
        first, rest = group[0], group[1:]
        if rest.startswith("."):
            keys.append(first)
            rest = rest[1:]
        seconds, *thirds = rest.split("|")
        keys += [first + c for c in seconds] + [first + t for t in thirds]
    return keys


def test_the_manifest_lists_shard_keys_in_few_bytes():
    keys = ["a", "ab", "abc", "abd", "ac", "b1", "ø", "øk", "økt"]
    text = search_text.shard_list(keys)
    assert text == "a.bc|bc|bd b1 ø.k|kt"
    assert sorted(shard_keys(text)) == keys


def test_shard_names_are_ascii():
    assert search_text.shard_name("sy") == "sy"
    assert search_text.shard_name("øk") == "_f8_k"
    assert search_text.shard_name("æ1") == "_e6_1"
    names = {search_text.shard_name(a + b) for a in "abøå_" for b in "fe8_ø"}
    assert len(names) == 25 and all(n.isascii() for n in names)


def test_postings_are_id_gaps_then_levels():
    ids = array("I", [3, 5, 9])
    assert search_text.deltas(ids) == [3, 2, 4]
    assert search_text.deltas(array("I")) == []
    assert search_text.postings(ids, [7, 1, 63]) == [3, 2, 4, 7, 1, 63]


# --------------------------------------------------------------------------------------------
# The indexer on a folder of hand-written pages
# --------------------------------------------------------------------------------------------

ENTRY = """<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>{title} - InnoMed</title></head>
<body><nav>Meny Forside</nav><article id="innhold" data-search-body>
<div hidden data-search-ignore><span data-search-filter="type">Prosjekt</span>{filters}</div>
<nav class="breadcrumbs" data-search-exclude>Forside › Prosjekter</nav>
<h1>{title}<a class="headerlink" href="#x">¶</a></h1><p>{text}</p><!-- en kommentar -->
<section class="fact-box"><h2>Fakta</h2><dl><dt>Prosjekteier</dt><dd>Helse Bergen</dd></dl></section>
<div class="project-cards"><p>Et annet prosjekt om hjerte</p></div><p>Slutt<em>en</em>.</p>
<div class="related" data-search-exclude><h2>Relaterte prosjekter</h2><p>Kreftomsorg</p></div>
</article></body></html>"""


def write_site(root: Path) -> Path:
    pages = {
        "prosjekt/b": ("Bedre sykehus", "Sykehusene i nord.", ["Nord"]),
        "prosjekt/a": ("Appen", "Hjemmeoppfølgingen av <b>pasientane</b>.", ["Vest", "Nord"]),
        "aktuelt/c": ("Nytt om sykehus", "Nyhet.", []),
    }
    for url, (title, text, regions) in pages.items():
        filters = "".join(f'<span data-search-filter="region">{r}</span>' for r in regions)
        page = root / url / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(ENTRY.format(title=title, text=text, filters=filters), encoding="utf-8")
    (root / "index.html").write_text("<html><body><h1>Forside</h1>sykehus</body></html>")
    return root


def read(path: Path) -> object:
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_index_holds_the_articles_in_url_order_without_navigation(tmp_path):
    site = write_site(tmp_path / "site")
    search_index.index_site(site)
    out = site / search_index.OUTPUT_FOLDER
    manifest = read(out / "manifest.json")
    assert manifest["pages"] == 3 and manifest["format"] == search_index.FORMAT
    assert [read(out / "side" / f"{n}.json")["url"] for n in range(3)] == [
        "aktuelt/c/",
        "prosjekt/a/",
        "prosjekt/b/",
    ]
    appen = read(out / "side" / "1.json")
    assert appen == {
        "url": "prosjekt/a/",
        "title": "Appen",
        "type": "Prosjekt",
        "text": "Appen Hjemmeoppfølgingen av pasientane. Slutten.",  # <b>, <em>: one word
    }
    shard = read(out / "ord" / "sy.json")
    assert set(shard) == {"sykehus"}
    gaps, levels = shard["sykehus"][:2], shard["sykehus"][2:]
    assert gaps == [0, 2]  # pages 0 and 2, not the home page, not the project cards
    # In both titles: above every level the text alone can give.
    assert all(search_text.LEVELS < level <= 2 * search_text.LEVELS for level in levels)
    assert "hjert" not in json.dumps(read(out / "ord" / "hj.json"))
    # The fact box's words are searched but not in the text; other pages' titles neither.
    assert "berg" in read(out / "ord" / "be.json")
    assert "Bergen" not in json.dumps(appen) and "Fakta" not in json.dumps(appen)
    assert not (out / "ord" / "kr.json").exists()
    nord = read(out / "ord" / "no.json")["nord"]  # in the text of page 2, not its title
    assert 1 <= nord[1] <= search_text.LEVELS
    assert not (out / "ord" / "fo.json").exists()  # "Forside": breadcrumbs and the menu
    assert read(out / "filtre.json") == {
        "region": {"Nord": [1, 1], "Vest": [1]},
        "type": {"Prosjekt": [0, 1, 1]},
    }
    keys = shard_keys(manifest["shards"])
    assert sorted(keys) == keys
    assert {f"{search_text.shard_name(k)}.json" for k in keys} == {
        p.name for p in (out / "ord").iterdir()
    }


def test_a_large_shard_is_written_as_three_letter_shards(tmp_path, monkeypatch):
    monkeypatch.setattr(search_text, "SPLIT_BYTES", 0)
    site = write_site(tmp_path / "site")
    search_index.index_site(site)
    out = site / search_index.OUTPUT_FOLDER
    manifest = read(out / "manifest.json")
    assert "sy" in manifest["split"] and "syk" in shard_keys(manifest["shards"])
    assert set(read(out / "ord" / "syk.json")) == {"sykehus"}
    assert not (out / "ord" / "sy.json").exists()  # no stem of two letters starts so


def test_a_long_text_is_split_into_its_start_and_the_rest_and_all_of_it_is_searched(
    tmp_path, monkeypatch
):
    from innomed.search import pages as search_pages

    monkeypatch.setattr(search_pages, "HEAD_WORDS", 3)
    site = write_site(tmp_path / "site")
    search_index.index_site(site)
    out = site / search_index.OUTPUT_FOLDER
    appen = read(out / "side" / "1.json")
    assert appen["text"] == "Appen Hjemmeoppfølgingen av" and appen["more"] == 1
    assert read(out / "mer" / "1-1.json") == {"text": "pasientane. Slutten."}
    assert "pasient" in read(out / "ord" / "pa.json")  # a word of the rest is searched
    assert search_pages.split_text(" ".join("abcdefghijklmnopqrstu")) == (
        "a b c",
        ["d e f g h i", "j k l m n o p q r s t u"],  # 6 words, then 12
    )
    monkeypatch.setattr(search_pages, "HEAD_WORDS", 100)
    again = write_site(tmp_path / "again")
    search_index.index_site(again)
    assert "more" not in read(again / search_index.OUTPUT_FOLDER / "side" / "1.json")
    assert list((again / search_index.OUTPUT_FOLDER / "mer").iterdir()) == []


def test_two_runs_and_any_number_of_workers_write_the_same_bytes(tmp_path, monkeypatch):
    monkeypatch.setattr(search_index, "PARALLEL_FROM", 0)
    runs = []
    for workers in (1, 2, 1):
        site = write_site(tmp_path / f"site-{len(runs)}")
        search_index.index_site(site, workers)
        out = site / search_index.OUTPUT_FOLDER
        runs.append({p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()})
    assert runs[0] == runs[1] == runs[2]


def test_the_version_changes_with_any_document(tmp_path):
    versions = []
    for text in ("Sykehusene i nord.", "Sykehusene i nord!"):  # the same words
        site = write_site(tmp_path / f"site-{len(versions)}")
        page = site / "prosjekt/b/index.html"
        html = page.read_text(encoding="utf-8")
        page.write_text(html.replace("Sykehusene i nord.", text), encoding="utf-8")
        search_index.index_site(site)
        versions.append(read(site / search_index.OUTPUT_FOLDER / "manifest.json")["version"])
    assert versions[0] != versions[1]
    assert all(len(v) == 16 for v in versions)


def test_a_failure_leaves_no_index_and_says_so_in_one_norwegian_line(tmp_path, monkeypatch):
    site = write_site(tmp_path / "site")

    def full(path, value):
        raise OSError("disken er full")

    monkeypatch.setattr(search_index, "write_json", full)
    with pytest.raises(search_index.SearchIndexError, match="^Søkeindeksen kunne ikke lages"):
        search_index.index_site(site)
    assert not (site / search_index.OUTPUT_FOLDER).exists()
