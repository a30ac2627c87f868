"""Reading one built page for the search index (innomed/search/index.py): its article text
minus navigation, its title, type and filter values, and its document for sokeindeks/side/.

The page says what is indexed: theme/main.html marks an entry page's article BODY and writes
its filter values as FILTER elements inside a `data-search-ignore` one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree, html

from innomed.search import text as search_text

# Text inside an indexed article that is not the article's own: navigation and other pages'
# summaries. The breadcrumbs carry data-search-exclude (innomed/generate/templates/_macros.md.j2).
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
    "svg",  # a chart's labels: its table says the same in words
]
# The fact box (type, status, region, owner, partners ...): its words are searched (an owner
# such as "Helse Bergen" may be named only there), but it is left out of the page's text,
# where its labels and values would run on ("… Status Pågående Region Vest …") in excerpts.
FACTS = ".fact-box"

# A result shows 30 words around the first match, most often near the start: a document
# holds the first HEAD_WORDS words (a page's text is split at single spaces), and the rest
# follows in pieces twice as long as the one before (mer/<id>-1.json: the next 400 words,
# -2: 800 ...), which the engine fetches in turn only until one holds a query word. The
# first query's five documents are then about half the bytes, and a match far down a long
# page costs little more than the whole text did.
HEAD_WORDS = 200


def split_text(text: str) -> tuple[str, list[str]]:
    """The text's first HEAD_WORDS words, and the rest in pieces of doubling length."""
    spaced = text.split(" ")
    pieces, start, size = [], HEAD_WORDS, 2 * HEAD_WORDS
    while start < len(spaced):
        pieces.append(" ".join(spaced[start : start + size]))
        start, size = start + size, size * 2
    return " ".join(spaced[:HEAD_WORDS]), pieces


BODY = "data-search-body"
FILTER = "data-search-filter"
# Elements whose edges separate words ("<p>a</p><p>b</p>" is "a b", "sy<em>ke</em>" is one).
BLOCKS = frozenset(
    "address article aside blockquote br dd details div dl dt figcaption figure footer h1 h2 "
    "h3 h4 h5 h6 header hr li main ol p pre section summary table td th tr ul".split()
)
NOT_TEXT = frozenset({"script", "style", "template", "noscript"})
PARSER = html.HTMLParser(encoding="utf-8")  # MkDocs writes UTF-8


@dataclass
class Page:
    url: str  # relative to the site root: "prosjekt/x/"
    kind: str
    filters: list[tuple[str, str]]
    counts: dict[str, int]  # stem -> weighted count
    titled: frozenset[str]  # the stems of the title
    length: int  # words in the article
    digest: bytes  # of its document, for the index's version
    more: int = 0  # how many pieces of its text follow the document (REST)


def xpath_of(selector: str) -> str:
    """ "nav" -> .//nav, ".card" -> the elements with that class, "[x]" -> with attribute x."""
    if selector.startswith("."):
        return f".//*[contains(concat(' ', normalize-space(@class), ' '), ' {selector[1:]} ')]"
    if selector.startswith("["):
        return f".//*[@{selector[1:-1]}]"
    return f".//{selector}"


EXCLUDED = etree.XPath(" | ".join(xpath_of(s) for s in EXCLUDE_SELECTORS))
FACT_BOXES = etree.XPath(xpath_of(FACTS))


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


def read_page(path: Path, url: str, document: Path, rest: Path) -> Page | None:
    """An indexed page's terms and filters; writes its document (side/) to `document`, and
    the pieces of a long text's rest (mer/) beside `rest`, as <stem>-1.json, -2 ..."""
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
    boxes = FACT_BOXES(body)
    facts = " ".join(plain(box) for box in boxes)
    for box in boxes:
        box.drop_tree()
    heading = body.find(".//h1")
    title = plain(heading) if heading is not None else ""
    text = plain(body)
    kind = next((value for name, value in filters if name == "type"), "")
    head, pieces = split_text(text)
    shown = {"url": url, "title": title, "type": kind, "text": head}
    content = search_text.dumps({**shown, "more": len(pieces)} if pieces else shown).encode()
    document.write_bytes(content)
    for number, piece in enumerate(pieces, start=1):
        more = search_text.dumps({"text": piece}).encode()
        rest.with_name(f"{rest.stem}-{number}.json").write_bytes(more)
        content += b"\0" + more
    _stems = _stems or search_text.Stems()
    counts, length = search_text.term_counts(title, f"{text} {facts}", _stems, lead=head)
    others = [f for f in filters if f[0] != "type"]
    titled = search_text.title_stems(title, _stems)
    digest = hashlib.sha256(content).digest()
    return Page(url, kind, others, counts, titled, length, digest, len(pieces))
