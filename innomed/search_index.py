"""Full-text search: what each entry page tells the index, and the Pagefind run after MkDocs.

Pagefind (https://pagefind.app, the binary ships inside the `pagefind-bin` wheel, so this
works offline) reads the built HTML and writes a chunked index into site/pagefind/. A visitor's
browser downloads only the chunks a query needs, so what one search costs does not grow with
the archive the way Material's single search_index.json did.

What is indexed is decided by the page, not here:
- entry pages carry `search_type` and `search_filters` (type, and for projects region,
  patient group, theme and phase) in their staged front matter; theme/main.html then marks
  their article `data-pagefind-body` and writes the filter values as `data-pagefind-filter`
  elements. Once any page has `data-pagefind-body`, Pagefind leaves every page without it
  out: listings, taxonomy pages and the home page;
- inside an article, breadcrumbs (`data-search-exclude`), project cards and pagination are
  left out by EXCLUDE_SELECTORS below.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .entries import Entry
from .pages import url_of
from .registry import page_of

# Bokmål and nynorsk pages in ONE index: by default Pagefind makes one index per <html lang>,
# and a search from a bokmål page would never find a nynorsk project. The Norwegian Snowball
# stemmer strips the endings of both written forms ("sykehusene", "sjukehusa", "pasientane").
LANGUAGE = "nb"

# Text inside an indexed article that is not the article's own: navigation and other pages'
# summaries. The breadcrumbs carry data-search-exclude (innomed/templates/_macros.md.j2).
EXCLUDE_SELECTORS = [
    "[data-search-exclude]",
    ".breadcrumbs",
    ".project-cards",
    ".project-card",
    ".pagination",
    ".headerlink",
    "nav",
]

# Pagefind filter name -> the entry's field; theme/assets/innomed-search.js names the groups
# in Norwegian. The phase is the phase at the start of InnoMed's coaching, as in /faser/.
FILTER_FIELDS = {
    "region": "regions",
    "pasientgruppe": "patient_groups",
    "tema": "themes",
    "fase": "phase_start",
}

OUTPUT_FOLDER = "pagefind"


class SearchIndexError(Exception):
    """Pagefind could not index the built site."""


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


def pagefind_command(site: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pagefind_bin",
        "--site",
        str(site),
        "--output-subdir",
        OUTPUT_FOLDER,
        "--force-language",
        LANGUAGE,
        "--exclude-selectors",
        ", ".join(EXCLUDE_SELECTORS),
        "--silent",
    ]


# Pagefind also writes its ready-made UIs; the site has its own (theme/assets/innomed-search.js)
# and these would only be dead files in the published site.
UNUSED_OUTPUT = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


def index_site(site: Path) -> None:
    """Write the search index into <site>/pagefind/ (before the new site is swapped in)."""
    try:
        result = subprocess.run(
            pagefind_command(site), capture_output=True, text=True, timeout=600, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchIndexError(f"Pagefind kunne ikke kjøres: {error}") from None
    output = site / OUTPUT_FOLDER
    if result.returncode != 0 or not (output / "pagefind.js").is_file():
        details = (result.stderr or result.stdout).strip()
        raise SearchIndexError(f"Pagefind laget ikke søkeindeksen: {details}")
    for name in UNUSED_OUTPUT:
        (output / name).unlink(missing_ok=True)
