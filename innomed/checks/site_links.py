"""Links between the generated pages, checked without the engine, so that `check` refuses
everything the build would: a dead relative link, a missing anchor or image, a hand-written
page the menu does not know, two sources for one address.

Errors name the editor's file and the line the link is on, never a staged path.
"""

from __future__ import annotations

import html
import posixpath
import re
from functools import lru_cache
from pathlib import Path

from innomed.checks.addresses import check_collisions, check_containment
from innomed.model.errors import ContentError, ContentErrors
from innomed.model.pages import Page, StaticFile
from innomed.model.slugs import heading_anchor

# Links and images alike: an image's "!" needs no matching, and a pattern that may start
# with it is tried at every position of the text (nine times slower over the pages).
LINK = re.compile(r"\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
EXPLICIT_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}\s*$")
ATTRIBUTE_LIST = re.compile(r"\s*\{[^}]*\}\s*$")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")
FENCE = re.compile(r"^\s*(```|~~~)")
# The lines FENCE or HEADING can match, each found after a newline in one pass (the text is
# searched with "\n" in front): looking at every line of every page was most of the cost.
FENCE_OR_HEADING_LINE = re.compile(r"\n([^\S\n]*(?:```|~~~)[^\n]*|#{1,6}[^\S\n][^\n]*)")
# `\bid="...`, searched without the \b (which makes the search try every position) and
# tested by hand: id=" right after a letter, digit or underscore (grid=") does not count.
ID_ATTRIBUTE = re.compile(r'id="([^"]+)"')
SCRIPT_ELEMENT = re.compile(r"<script\b[^>]*>.*?</script>", re.S)


def links_in(path: str, text: str) -> list[tuple[str, str, str]]:
    links = []
    folder = posixpath.dirname(path)
    for target in LINK.findall(rendered_part(text)):
        if SCHEME.match(target) or target.startswith("/"):
            continue
        file_part, _, anchor = target.partition("#")
        resolved = posixpath.normpath(posixpath.join(folder, file_part)) if file_part else path
        links.append((target, resolved, anchor))
    return links


def rendered_part(text: str) -> str:
    """The text the engine renders as markdown: without the page's front matter and the
    data in its <script> elements, where a summary's `[text](address)` is data, not a link
    (it is shown as those very characters)."""
    if text.startswith("---\n") and (end := text.find("\n---\n", 3)) != -1:
        text = text[end + 5 :]
    if "<script" in text:
        text = SCRIPT_ELEMENT.sub("", text)
    return text


def heading_ids(text: str) -> set[str]:
    """The anchors the engine gives a page's headings (toc with our slugify, `{ #id }`)."""
    ids: set[str] = set()
    counts: dict[str, int] = {}
    fenced = False
    for line in FENCE_OR_HEADING_LINE.findall("\n" + text):
        if FENCE.match(line):
            fenced = not fenced
        match = None if fenced else HEADING.match(line)
        if not match:
            continue
        title = match[2]
        if explicit := EXPLICIT_ID.search(title):
            ids.add(explicit[1])
            continue
        anchor = title_anchor(title)
        if anchor in counts:
            counts[anchor] += 1
            anchor = f"{anchor}_{counts[anchor]}"
        else:
            counts[anchor] = 0
        ids.add(anchor)
    position = 0
    while match := ID_ATTRIBUTE.search(text, position):  # raw HTML and generated sections
        start = match.start()
        if start == 0 or not is_word_character(text[start - 1]):
            ids.add(match[1])
            position = match.end()
        else:
            position = start + 1  # as \b would: a real id=" may start inside this one
    return ids


def is_word_character(char: str) -> bool:
    return char.isalnum() or char == "_"  # what \w matches


@lru_cache(maxsize=1 << 16)
def title_anchor(title: str) -> str:
    """A heading's anchor before numbering; the same card titles recur on many listings."""
    plain = html.unescape(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", ATTRIBUTE_LIST.sub("", title)))
    return heading_anchor(re.sub(r"[*_`]", "", plain))


def check_site(
    items: list[Page | StaticFile],
    root: Path,
    docs_dir: Path,
    nav_pages: list[str],
    generated: list[str],
) -> list[ContentError]:
    errors: list[ContentError] = []
    for check in (
        lambda: check_collisions(items),
        lambda: check_containment(items, docs_dir, root),
    ):
        try:
            check()
        except ContentErrors as problem:
            errors += problem.errors
    pages = {item.path: item for item in items if isinstance(item, Page)}
    files = {item.path for item in items}
    anchors: dict[str, set[str]] = {}
    for path, page in pages.items():
        if not path.endswith(".md"):
            continue
        for target, resolved, anchor in links_in(path, page.text):
            if resolved not in files:
                errors.append(link_error(page, root, target, "en side eller fil som ikke finnes"))
            elif anchor and resolved.endswith(".md"):
                if resolved not in anchors:
                    anchors[resolved] = heading_ids(pages[resolved].text)
                if anchor not in anchors[resolved]:
                    errors.append(
                        link_error(page, root, target, "et avsnitt som ikke finnes på siden")
                    )
    in_nav = set(nav_pages)
    for path, page in pages.items():
        hand_written = page.origin.startswith("content/") and path.endswith(".md")
        if hand_written and path not in in_nav and path.split("/")[0] not in generated:
            errors.append(
                ContentError(
                    page.origin,
                    1,
                    "meny",
                    "siden er ikke med i menyen "
                    f"(forventet en linje for '{path}' under nav: i "
                    "mkdocs.yml, der siden skal stå)",
                )
            )
    for path in nav_pages:
        if path not in pages:
            errors.append(nav_error(root, path))
    return errors


def nav_error(root: Path, path: str) -> ContentError:
    """A menu line to a page that is not there: MkDocs stops the build on it (strict)."""
    config = root / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").split("\n") if config.is_file() else []
    line = next((n for n, text in enumerate(lines, 1) if path in text), 1)
    return ContentError(
        "mkdocs.yml",
        line,
        "nav",
        f"menyen peker på '{path}', som ikke finnes (forventet en side som finnes; "
        "sjekk skrivemåten, eller fjern linjen)",
    )


def link_error(page: Page, root: Path, target: str, what: str) -> ContentError:
    line = page.line
    source = root / page.origin
    if page.origin != "generert" and source.is_file():
        for number, text in enumerate(source.read_text(encoding="utf-8").split("\n"), 1):
            if f"({target}" in text or f"({target.split('#')[0]}" in text:
                line = number
                break
    return ContentError(
        page.origin,
        line,
        "lenke",
        f"lenken '{target}' går til {what} "
        "(forventet en lenke til en side, fil eller overskrift som finnes; "
        "sjekk skrivemåten)",
    )
