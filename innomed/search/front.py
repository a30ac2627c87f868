"""What an entry page tells the search index: its type and filter values, in the staged
front matter (theme/main.html turns them into data-search-* markers, and
innomed/search/index.py reads those from the built page).

Apart from the index itself, so that `check` and the preview, which stage pages but write no
index, do not load the index's HTML parser and stemmers.
"""

from __future__ import annotations

from innomed.model.entries import Entry
from innomed.model.pages import url_of
from innomed.model.registry import page_of


def search_front(entry: Entry) -> dict:
    """Staged front matter that puts an entry page in the search index, with its filters.

    The home page is a page of highlights (other pages' cards), so it is left out like the
    listings."""
    if url_of(page_of(entry)) == "/":
        return {}
    noun = entry.type.noun[:1].upper() + entry.type.noun[1:]
    filters = [f"type:{noun}"]
    for name, field in entry.type.facets:  # declared in the registry, per type
        value = getattr(entry.meta, field, None)
        values = value if isinstance(value, list) else [value] if value else []
        filters += [f"{name}:{item}" for item in values]
    # Staged as "name:value" strings: theme/main.html splits them at the first colon.
    return {"search_type": noun, "search_filters": filters}


# The landing pages of the podcast, the key figures, the courses and the tools: a visitor
# who types "podkast" or "nøkkeltall" means them. Only their own words are searched; their
# cards (other pages' titles and summaries) carry data-search-exclude in the templates.
LANDING_FRONT = {"search_type": "Side", "search_filters": ["type:Side"]}
