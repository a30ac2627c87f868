"""Full-text search: what each entry page tells the index, and the index written after MkDocs.

index_site reads the built pages in the temporary site (before it is swapped in) and writes a
static index into <site>/sokeindeks/; theme/assets/sok-motor.js queries it in the browser and
theme/assets/innomed-search.js shows the results. The index is split so that what one query
downloads does not grow with the archive the way Material's single search_index.json did:

- manifest.json: the format, the page count, the list of word shards (a few bytes per
  start of a stem, whatever the number of pages) and a version (a hash of the other files)
  that the engine asks for them with, so a browser never mixes two builds' cached files;
- ord/<key>.json: the stems that start with <key>, their first two letters, or three where
  the two-letter shard would be large (innomed/search_text.py), each with its pages (id
  gaps) and a BM25 level per page;
- side/<id>.json: one page's URL, title, type and article text, fetched for the results shown
  (the excerpt is cut from the text in the browser);
- filtre.json: filter name -> value -> page ids, fetched when "Avgrens treff" is opened.

Page ids follow the sorted URLs and every file is written with sorted keys: two builds of
the same pages give the same bytes.

What is indexed is decided by the page, not here:
- entry pages carry `search_type` and `search_filters` (type, and for projects region,
  patient group, theme and phase) in their staged front matter; theme/main.html then marks
  their article `data-search-body` and writes the filter values as `data-search-filter`
  elements inside a `data-search-ignore` one. Pages without it (listings, taxonomy pages,
  the home page) are not indexed;
- inside an article, breadcrumbs (`data-search-exclude`), project cards and pagination are
  left out by EXCLUDE_SELECTORS below.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import shutil
from array import array
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from lxml import etree, html

from . import search_text
from .entries import Entry
from .pages import url_of
from .registry import page_of

# Text inside an indexed article that is not the article's own: navigation and other pages'
# summaries. The breadcrumbs carry data-search-exclude (innomed/templates/_macros.md.j2).
# Only tag, .class and [attribute] selectors (xpath_of translates them).
EXCLUDE_SELECTORS = [
    "[data-search-exclude]",
    "[data-search-ignore]",
    ".breadcrumbs",
    ".project-cards",
    ".project-card",
    ".pagination",
    ".headerlink",
    "nav",
]

# Filter name -> the entry's field; theme/assets/innomed-search.js names the groups in
# Norwegian. The phase is the phase at the start of InnoMed's coaching, as in /faser/.
FILTER_FIELDS = {
    "region": "regions",
    "pasientgruppe": "patient_groups",
    "tema": "themes",
    "fase": "phase_start",
}

OUTPUT_FOLDER = "sokeindeks"
FORMAT = 1  # sok-motor.js refuses an index of another format
BODY = "data-search-body"
FILTER = "data-search-filter"
# Elements whose edges separate words ("<p>a</p><p>b</p>" is "a b", "sy<em>ke</em>" is one).
BLOCKS = frozenset(
    "address article aside blockquote br dd details div dl dt figcaption figure footer h1 h2 "
    "h3 h4 h5 h6 header hr li main ol p pre section summary table td th tr ul".split()
)
NOT_TEXT = frozenset({"script", "style", "template", "noscript"})
PARSER = html.HTMLParser(encoding="utf-8")  # MkDocs writes UTF-8
PARALLEL_FROM = 200  # pages; below this, starting the workers costs more than it saves


class SearchIndexError(Exception):
    """The search index could not be written; the message is one Norwegian line."""


def search_front(entry: Entry) -> dict:
    """Staged front matter that puts an entry page in the search index, with its filters.

    The home page is a page of highlights (other pages' cards), so it is left out like the
    listings."""
    if url_of(page_of(entry)) == "/":
        return {}
    noun = entry.type.noun[:1].upper() + entry.type.noun[1:]
    filters = [f"type:{noun}"]
    for name, field in FILTER_FIELDS.items():
        value = getattr(entry.meta, field, None)
        values = value if isinstance(value, list) else [value] if value else []
        filters += [f"{name}:{item}" for item in values]
    # Staged as "name:value" strings: theme/main.html splits them at the first colon.
    return {"search_type": noun, "search_filters": filters}


# ------------------------------------------------------------------ reading one built page


@dataclass
class Page:
    url: str  # relative to the site root: "prosjekt/x/"
    kind: str
    filters: list[tuple[str, str]]
    counts: dict[str, int]  # stem -> weighted count
    length: int  # words in the article
    digest: bytes  # of its document, for the index's version


def xpath_of(selector: str) -> str:
    """ "nav" -> .//nav, ".card" -> the elements with that class, "[x]" -> with attribute x."""
    if selector.startswith("."):
        return f".//*[contains(concat(' ', normalize-space(@class), ' '), ' {selector[1:]} ')]"
    if selector.startswith("["):
        return f".//*[@{selector[1:-1]}]"
    return f".//{selector}"


EXCLUDED = etree.XPath(" | ".join(xpath_of(s) for s in EXCLUDE_SELECTORS))


def text_of(element, into: list[str]) -> None:
    """The text of an element, with a space at the edges of block elements."""
    for child in element:
        if isinstance(child.tag, str) and child.tag not in NOT_TEXT:
            block = child.tag in BLOCKS
            into.append(" " if block else "")
            into.append(child.text or "")
            text_of(child, into)
            into.append(" " if block else "")
        into.append(child.tail or "")  # a comment's tail is text too


def plain(element) -> str:
    parts = [element.text or ""]
    text_of(element, parts)
    return " ".join("".join(parts).split())


_stems: search_text.Stems | None = None  # one per process: each worker learns its own


def read_page(path: Path, url: str, document: Path) -> Page | None:
    """An indexed page's terms and filters; writes its document (side/) to `document`."""
    global _stems
    data = path.read_bytes()
    if BODY.encode() not in data:
        return None
    root = html.document_fromstring(data, parser=PARSER)
    bodies = root.xpath(f"//*[@{BODY}]")
    if not bodies:
        return None
    body = bodies[0]
    filters = [(e.get(FILTER), plain(e)) for e in body.xpath(f".//*[@{FILTER}]")]
    for element in EXCLUDED(body):
        element.drop_tree()  # keeps the text after it
    heading = body.find(".//h1")
    title = plain(heading) if heading is not None else ""
    text = plain(body)
    kind = next((value for name, value in filters if name == "type"), "")
    content = dumps({"url": url, "title": title, "type": kind, "text": text}).encode()
    document.write_bytes(content)
    _stems = _stems or search_text.Stems()
    counts, length = search_text.term_counts(title, text, _stems)
    others = [f for f in filters if f[0] != "type"]
    return Page(url, kind, others, counts, length, hashlib.sha256(content).digest())


def read_numbered(job: tuple[int, Path, str, Path]) -> Page | None:
    number, path, url, folder = job
    return read_page(path, url, folder / f"t{number}.json")


def pages_of(site: Path) -> list[tuple[str, Path]]:
    """(URL, file) of every built page that may be indexed, in URL order."""
    found = []
    for path in site.rglob("index.html"):
        relative = path.parent.relative_to(site)
        if relative.parts[:1] != (OUTPUT_FOLDER,):
            found.append(("" if relative == Path(".") else relative.as_posix() + "/", path))
    return sorted(found)


def read_all(site: Path, folder: Path, workers: int) -> Iterator[tuple[int, Page | None]]:
    """Every page read, in URL order; on `workers` forked processes for a large site."""
    jobs = [(n, path, url, folder) for n, (url, path) in enumerate(pages_of(site))]
    forking = "fork" in multiprocessing.get_all_start_methods()
    if workers <= 1 or len(jobs) < PARALLEL_FROM or not forking:
        yield from ((job[0], read_numbered(job)) for job in jobs)
        return
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        # Streamed in order, a few dozen pages at a time: the parent keeps only the postings.
        yield from zip(
            (job[0] for job in jobs), pool.map(read_numbered, jobs, chunksize=32), strict=True
        )


# ------------------------------------------------------------------ the index as a whole


class Postings:
    """Stem -> ascending page ids and counts, as compact arrays (millions of them at 5,000
    projects), plus every page's length and filter values."""

    def __init__(self) -> None:
        self.ids: dict[str, array] = {}
        self.counts: dict[str, array] = {}
        self.lengths = array("I")
        self.filters: dict[str, dict[str, array]] = {"type": {}}
        self.documents = hashlib.sha256()  # every document, in id order

    def add(self, page: Page) -> None:
        number = len(self.lengths)
        self.lengths.append(page.length)
        self.documents.update(page.digest)
        for stem, count in page.counts.items():
            if stem not in self.ids:
                self.ids[stem], self.counts[stem] = array("I"), array("H")
            self.ids[stem].append(number)
            self.counts[stem].append(min(count, 65535))
        for name, value in [("type", page.kind), *page.filters]:
            ids = self.filters.setdefault(name, {}).setdefault(value, array("I"))
            if not ids or ids[-1] != number:
                ids.append(number)

    def entries(self) -> dict[str, list[int]]:
        """Stem -> its entry in a shard (search_text.postings)."""
        average = sum(self.lengths) / max(1, len(self.lengths))
        entries = {}
        for stem, ids in self.ids.items():
            pairs = zip(ids, self.counts[stem], strict=True)
            levels = [search_text.tf_level(c, self.lengths[i], average) for i, c in pairs]
            entries[stem] = search_text.postings(ids, levels)
        return entries


def dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def write_json(path: Path, value: object) -> None:
    path.write_text(dumps(value), encoding="utf-8")


def write_index(output: Path, postings: Postings) -> None:
    shards, split = search_text.shard_layout(postings.entries(), lambda s: len(dumps(s).encode()))
    # The version the engine asks for every file with (?v=): a browser that cached the files
    # of an earlier build must not mix them with this build's page ids.
    version = postings.documents.copy()
    (output / "ord").mkdir()
    for key in sorted(shards):
        name = f"{search_text.shard_name(key)}.json"
        write_json(output / "ord" / name, shards[key])
        version.update(name.encode() + b"\0" + dumps(shards[key]).encode())
    filters = {
        name: {value: search_text.deltas(ids) for value, ids in values.items()}
        for name, values in postings.filters.items()
    }
    write_json(output / "filtre.json", filters)
    version.update(dumps(filters).encode())
    manifest = {
        "format": FORMAT,
        "pages": len(postings.lengths),
        "shards": sorted(shards),
        "split": split,
        "version": version.hexdigest()[:16],
    }
    write_json(output / "manifest.json", manifest)  # last: its presence means complete


def index_site(site: Path, workers: int = 1) -> None:
    """Write the search index into <site>/sokeindeks/ (before the new site is swapped in)."""
    output = site / OUTPUT_FOLDER
    if output.exists():
        raise SearchIndexError(f"Søkeindeksen kan ikke skrives: {OUTPUT_FOLDER}/ finnes alt")
    try:
        documents = output / "side"
        documents.mkdir(parents=True)
        postings = Postings()
        for number, page in read_all(site, documents, workers):
            if page is not None:
                (documents / f"t{number}.json").rename(documents / f"{len(postings.lengths)}.json")
                postings.add(page)
        write_index(output, postings)
    except (OSError, ValueError, etree.LxmlError, BrokenProcessPool) as error:
        shutil.rmtree(output, ignore_errors=True)
        raise SearchIndexError(f"Søkeindeksen kunne ikke lages: {error}") from None
