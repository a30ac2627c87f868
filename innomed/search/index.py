"""Full-text search: what each entry page tells the index, and the index written after MkDocs.

index_site reads the built pages in the temporary site (before it is swapped in) and writes a
static index into <site>/sokeindeks/; theme/assets/sok-motor.js queries it in the browser and
theme/assets/innomed-search.js shows the results. The index is split so that what one query
downloads does not grow with the archive the way Material's single search_index.json did:

- manifest.json: the format, the page count, the list of word shards (a few bytes per
  start of a stem, whatever the number of pages) and a version (a hash of the other files)
  that the engine asks for them with, so a browser never mixes two builds' cached files;
- ord/<key>.json: the stems that start with <key>, their first two letters, or three where
  the two-letter shard would be large (innomed/search/text.py), each with its pages (id
  gaps) and a BM25 level per page;
- side/<id>.json: one page's URL, title, type and the start of its article text (HEAD_WORDS
  words), fetched for the results shown (the excerpt is cut from the text in the browser);
  mer/<id>-<n>.json: the rest of a longer page's text in pieces of doubling length, fetched
  in turn only until one holds a query word;
- filtre.json: filter name -> value -> page ids, fetched when "Avgrens treff" is opened.

Page ids follow the sorted URLs and every file is written with sorted keys: two builds of
the same pages give the same bytes.

What is indexed is decided by the page, not here:
- entry pages carry `search_type` and `search_filters` (innomed/search/front.py: type, and
  for projects region, patient group, theme and phase) in their staged front matter;
  theme/main.html then marks their article `data-search-body` and writes the filter values
  as `data-search-filter` elements inside a `data-search-ignore` one. Pages without it
  (listings, taxonomy pages, the home page) are not indexed;
- inside an article, breadcrumbs (`data-search-exclude`), project cards and pagination are
  left out by EXCLUDE_SELECTORS (innomed/search/pages.py reads the pages).
"""

from __future__ import annotations

import hashlib
import shutil
from array import array
from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from lxml import etree

from innomed.search import text as search_text
from innomed.search.pages import EXCLUDE_SELECTORS, Page, read_page
from innomed.speed.cores import WORTH_FORKING, map_in_order

__all__ = ["EXCLUDE_SELECTORS", "SearchIndexError", "index_site"]

OUTPUT_FOLDER = "sokeindeks"
REST = "mer"  # the rest of a long page's text, in pieces (innomed/search/pages.py HEAD_WORDS)
NEW_FOLDER, OLD_FOLDER = ".sokeindeks-ny", ".sokeindeks-gammel"  # the preview's swap
FORMAT = 5  # sok-motor.js refuses an index of another format (5: folded keys, mer/ pieces)
TITLED = 1 << 15  # Postings: a count with this bit set is of a stem in the page's title
PARALLEL_FROM = WORTH_FORKING  # a module setting: tests lower it to fork on the real site


class SearchIndexError(Exception):
    """The search index could not be written; the message is one Norwegian line."""


# ------------------------------------------------------------------ reading the built pages


def read_numbered(job: tuple[int, Path, str, Path]) -> Page | None:
    number, path, url, folder = job
    return read_page(
        path, url, folder / f"t{number}.json", folder.parent / REST / f"t{number}.json"
    )


def pages_of(site: Path) -> list[tuple[str, Path]]:
    """(URL, file) of every built page that may be indexed, in URL order."""
    found = []
    for path in site.rglob("index.html"):
        relative = path.parent.relative_to(site)
        if relative.parts[:1] not in ((OUTPUT_FOLDER,), (NEW_FOLDER,), (OLD_FOLDER,)):
            found.append(("" if relative == Path(".") else relative.as_posix() + "/", path))
    return sorted(found)


def read_all(site: Path, folder: Path, workers: int) -> Iterator[tuple[int, Page | None]]:
    """Every page read, in URL order; on `workers` forked processes for a large site, streamed
    a few dozen pages at a time: the parent keeps only the postings."""
    jobs = [(n, path, url, folder) for n, (url, path) in enumerate(pages_of(site))]
    pages = map_in_order(read_numbered, jobs, workers, minimum=PARALLEL_FROM)
    yield from zip((job[0] for job in jobs), pages, strict=True)


# ------------------------------------------------------------------ the index as a whole


class Postings:
    """Stem -> ascending page ids and counts, as compact arrays (millions of them at 5,000
    projects), plus every page's length and filter values."""

    def __init__(self) -> None:
        self.stems: dict[str, tuple[array, array]] = {}  # stem -> (page ids, counts)
        self.lengths = array("I")
        self.filters: dict[str, dict[str, array]] = {"type": {}}
        self.documents = hashlib.sha256()  # every document, in id order

    def add(self, page: Page) -> None:
        # Once per word of every page (4.8 million times at 5,000 projects): kept lean.
        number = len(self.lengths)
        self.lengths.append(page.length)
        self.documents.update(page.digest)
        stems = self.stems
        titled = page.titled
        for stem, count in page.counts.items():
            found = stems.get(stem)
            if found is None:
                found = stems[stem] = (array("I"), array("H"))
            found[0].append(number)
            # The top bit says "in the title" (TITLED): the count keeps 15 bits.
            found[1].append(min(count, TITLED - 1) | (TITLED if stem in titled else 0))
        for name, value in [("type", page.kind), *page.filters]:
            ids = self.filters.setdefault(name, {}).setdefault(value, array("I"))
            if not ids or ids[-1] != number:
                ids.append(number)

    def entries(self) -> dict[str, list[int]]:
        """Stem -> its entry in a shard (search_text.postings)."""
        lengths = self.lengths
        average = sum(lengths) / max(1, len(lengths))
        # A level depends only on the count and the page's length: tens of thousands of
        # pairs among millions of postings.
        known: dict[tuple[int, int], int] = {}
        entries = {}
        for stem, (ids, counts) in self.stems.items():
            levels = []
            for number, count in zip(ids, counts, strict=True):
                key = (count, lengths[number])
                found = known.get(key)
                if found is None:
                    found = known[key] = search_text.title_level(
                        count & (TITLED - 1), key[1], average, count >= TITLED
                    )
                levels.append(found)
            entries[stem] = search_text.postings(ids, levels)
        return entries


def write_json(path: Path, value: object) -> bytes:
    """Write one index file; its bytes."""
    data = search_text.dumps(value).encode()
    path.write_bytes(data)
    return data


def json_bytes(value: object) -> int:
    return len(search_text.dumps(value).encode())


def write_index(output: Path, postings: Postings) -> None:
    shards, split = search_text.shard_layout(postings.entries(), json_bytes)
    # The version the engine asks for every file with (?v=): a browser that cached the files
    # of an earlier build must not mix them with this build's page ids.
    version = postings.documents.copy()
    (output / "ord").mkdir()
    for key in sorted(shards):
        name = f"{search_text.shard_name(key)}.json"
        version.update(name.encode() + b"\0" + write_json(output / "ord" / name, shards[key]))
    filters = {
        name: {value: search_text.deltas(ids) for value, ids in values.items()}
        for name, values in postings.filters.items()
    }
    version.update(write_json(output / "filtre.json", filters))
    manifest = {
        "format": FORMAT,
        "pages": len(postings.lengths),
        "shards": search_text.shard_list(list(shards)),
        "split": split,
        "version": version.hexdigest()[:16],
    }
    write_json(output / "manifest.json", manifest)  # last: its presence means complete


def index_site(site: Path, workers: int = 1, output: Path | None = None) -> None:
    """Write the search index into <site>/sokeindeks/ (before the new site is swapped in),
    or into `output`."""
    output = output or site / OUTPUT_FOLDER
    if output.exists():
        raise SearchIndexError(f"Søkeindeksen kan ikke skrives: {OUTPUT_FOLDER}/ finnes alt")
    try:
        documents, rests = output / "side", output / REST
        documents.mkdir(parents=True)
        rests.mkdir()
        postings = Postings()
        for number, page in read_all(site, documents, workers):
            if page is not None:
                own = f"{len(postings.lengths)}.json"
                (documents / f"t{number}.json").rename(documents / own)
                for piece in range(1, page.more + 1):
                    (rests / f"t{number}-{piece}.json").rename(
                        rests / f"{len(postings.lengths)}-{piece}.json"
                    )
                postings.add(page)
        write_index(output, postings)
    except (OSError, ValueError, etree.LxmlError, BrokenProcessPool) as error:
        shutil.rmtree(output, ignore_errors=True)
        raise SearchIndexError(f"Søkeindeksen kunne ikke lages: {error}") from None


def replace_index(site: Path, workers: int = 1) -> None:
    """The preview's index, made again after a save: written beside the one being served,
    then swapped in, so a search meanwhile finds the old index or the new, never half of
    one. An index left half-written by a run that was stopped is thrown away first."""
    fresh, old, current = site / NEW_FOLDER, site / OLD_FOLDER, site / OUTPUT_FOLDER
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    index_site(site, workers, fresh)
    if current.exists():
        current.rename(old)
    fresh.rename(current)
    shutil.rmtree(old, ignore_errors=True)


if __name__ == "__main__":  # the preview runs this in a process of its own after each save
    import sys

    from innomed.speed.cores import default_workers

    try:
        replace_index(Path(sys.argv[1]), default_workers())
    except SearchIndexError as problem:
        print(f"Forhåndsvisningens søk er ikke oppdatert: {problem}", file=sys.stderr)
        sys.exit(1)
