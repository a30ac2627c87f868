"""The pure parts of the search index: words, stems, scores and the files' layout.

theme/assets/sok-motor.js does the same on the visitor's side, rule for rule: a word is a run
of letters and digits after lowercasing and NFC, its key is the Norwegian Snowball stem
(snowballstemmer 3, which strips bokmål and nynorsk endings alike) folded (fold: ø -> o,
æ -> ae, å -> a, accents off) and bridged (nynorsk parts Snowball leaves apart made bokmål),
and a key's postings are in the shard named by its first two characters. A change here
needs the same change there (tests/test_search_engine.py compares the two).
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from array import array
from collections.abc import Callable

import snowballstemmer

# Letters and digits of any script. Python's \w is letters, digits and "_", so "not (non-word
# or _)" is JavaScript's [\p{L}\p{N}].
WORD = re.compile(r"[^\W_]+")

# BM25 (Robertson, Spärck Jones). A title word counts as TITLE_WEIGHT extra occurrences.
K1 = 1.2
B = 0.75
TITLE_WEIGHT = 4
# A word of a page's start (its lead, innomed/search/pages.py HEAD_WORDS) counts once more:
# a page that opens with a word is more about it than one that mentions it on the tenth
# screen, and its excerpt then needs no second download.
LEAD_WEIGHT = 1
# The term-frequency part of BM25 (0 .. K1 + 1) is stored as an integer 1..LEVELS (few levels
# compress better; BM25 saturates anyway). The idf part needs no storage: the engine computes
# it from the postings' length and the page count.
LEVELS = 15

# A stem's shard is named by its first two characters; a shard larger than SPLIT_BYTES (JSON)
# is split by the third, so that the common starts ("in", "pr") stay small in a large archive.
SPLIT_BYTES = 48 * 1024


def words(text: str) -> list[str]:
    return WORD.findall(unicodedata.normalize("NFC", text.lower()))


def fold(text: str) -> str:
    """Accents and the Norwegian letters as typed on a keyboard without them (ø -> o, æ -> ae,
    å -> a, é -> e): the index is keyed by folded stems, and the engine folds the query the
    same way, so "hjemmeoppfolging" finds "hjemmeoppfølging". Folded after stemming: Snowball
    needs the letters to find the endings."""
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
    return kept.replace("æ", "ae").replace("ø", "o")


# Nynorsk and bokmål forms Snowball does not join, as parts of folded stems, each made the
# bokmål form on both sides (the index and the query), in this order: "sjukehus" and
# "sykehus", "heimeoppfølging" and "hjemmeoppfølging" are one key. A short list on purpose:
# a part is replaced wherever it occurs, so it must not be common in unrelated words.
BRIDGE = (
    ("hjemm", "hjem"),  # hjemme-, heime- -> hjem-
    ("heim", "hjem"),
    ("sjuk", "syk"),
    ("tenest", "tjenest"),
    ("sjolv", "selv"),
    ("rettleiing", "veiledning"),
    ("rettlei", "veiled"),
    ("tilbod", "tilbud"),
    ("born", "barn"),
    ("podk", "podc"),  # podkast, podcast (Snowball: podk, podc)
    ("midl", "middel"),  # legemidler, legemiddel (Snowball: legemidl, legemiddel)
)


def bridged(key: str) -> str:
    for part, common in BRIDGE:
        if part in key:
            key = key.replace(part, common)
    return key


class Stems:
    """The index key of each word (its Snowball stem, folded), computed once per distinct
    word: a large archive has millions of words but only tens of thousands of distinct ones."""

    def __init__(self) -> None:
        self._stemmer = snowballstemmer.stemmer("norwegian")
        self._known: dict[str, str] = {}

    def __call__(self, word: str) -> str:
        stem = self._known.get(word)
        if stem is None:
            stem = self._known[word] = bridged(fold(self._stemmer.stemWord(word)))
        return stem


def term_counts(title: str, text: str, stem: Stems, lead: str = "") -> tuple[dict[str, int], int]:
    """Stem -> weighted count on one page, and the page's length in words. The title's
    stems are title_stems(title); a word of the `lead` (the start of the text, which a
    result's excerpt is cut from) counts LEAD_WEIGHT more."""
    counts: dict[str, int] = {}
    body = words(text)
    for word in body:
        key = stem(word)
        counts[key] = counts.get(key, 0) + 1
    for word in words(lead):
        key = stem(word)
        counts[key] = counts.get(key, 0) + LEAD_WEIGHT
    for word in words(title):
        key = stem(word)
        counts[key] = counts.get(key, 0) + TITLE_WEIGHT
    return counts, len(body)


def title_stems(title: str, stem: Stems) -> frozenset[str]:
    return frozenset(stem(word) for word in words(title))


def tf_level(count: int, length: int, average: float) -> int:
    """BM25's term-frequency part, quantised to 1..LEVELS (a word on a page scores >= 1)."""
    norm = count * (K1 + 1) / (count + K1 * (1 - B + B * length / max(average, 1.0)))
    return max(1, min(LEVELS, round(norm / (K1 + 1) * LEVELS)))


def title_level(count: int, length: int, average: float, in_title: bool) -> int:
    """A page's level for a stem: a stem of the title is raised above every level of the text
    alone (LEVELS + 1 .. 2 * LEVELS), so the page named for a word ranks above a page that
    only mentions it often ("Årsrapport 2025" above a tool quoting the annual report)."""
    return tf_level(count, length, average) + (LEVELS if in_title else 0)


def idf(found: int, pages: int) -> float:
    """BM25's idf, as the engine computes it (tests compare the two)."""
    return math.log(1 + (pages - found + 0.5) / (found + 0.5))


def shard_layout(
    entries: dict[str, list[int]], size: Callable[[dict], int]
) -> tuple[dict[str, dict[str, list[int]]], list[str]]:
    """Stem entries grouped into shards by their first two characters, or three in a shard
    of more than SPLIT_BYTES (its stems of two characters stay under the two-letter key);
    and the two-letter keys that were split."""
    by_two: dict[str, dict[str, list[int]]] = {}
    for stem in sorted(entries):
        by_two.setdefault(stem[:2], {})[stem] = entries[stem]
    shards: dict[str, dict[str, list[int]]] = {}
    split = []
    for key, group in by_two.items():
        if len(key) < 2 or size(group) <= SPLIT_BYTES:
            shards[key] = group
            continue
        split.append(key)
        for stem, value in group.items():
            shards.setdefault(stem[:3], {})[stem] = value
    return shards, split


def shard_list(keys: list[str]) -> str:
    """The manifest's list of shard keys, short (it is part of every first query): one group
    per first letter, "." when that letter alone is a key, then the second letters of the
    two-letter keys, then "|" and the last two letters of each three-letter key. Keys are
    letters and digits, so " ", "." and "|" cannot be part of one.
    ["a", "ab", "ac", "abc", "b1"] -> "a.bc|bc b1"."""
    groups: dict[str, list[str]] = {}
    for key in sorted(keys):
        groups.setdefault(key[0], []).append(key[1:])
    parts = []
    for first, rests in groups.items():
        single = "." if "" in rests else ""
        seconds = "".join(r for r in rests if len(r) == 1)
        thirds = "".join("|" + r for r in rests if len(r) == 2)
        parts.append(first + single + seconds + thirds)
    return " ".join(parts)


def shard_name(key: str) -> str:
    """An ASCII file name for a shard key: "sy" -> "sy", "øk" -> "_f8_k"."""
    return "".join(c if c.isascii() and c.isalnum() else f"_{ord(c):x}_" for c in key)


def deltas(ids: array) -> list[int]:
    """Ascending page ids as gaps (small numbers compress well): [3, 5, 9] -> [3, 2, 4]."""
    return [b - a for a, b in zip([0, *ids[:-1]], ids, strict=True)] if ids else []


def postings(ids: array, levels: list[int]) -> list[int]:
    """One stem's entry in its shard: the id gaps, then the levels, in one flat list."""
    return [*deltas(ids), *levels]


def dumps(value: object) -> str:
    """Compact JSON with sorted keys: the index's files are byte-identical between builds."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
