"""The last check before a build is published: the built HTML runs only the theme's scripts.

Content is escaped by the templates and editors' HTML is checked against an allow-list
(innomed/model/html_policy.py); this step looks at what the engine actually wrote, so that a hole
in either, or in a future engine, fails the build instead of reaching visitors.

Pages are read by Lexbor (selectolax), an HTML5 parser that builds the tree a browser with
scripting on builds from the same bytes, so what is checked is what would run: Python's
html.parser, used before, missed markup that browsers do run (`<math><style><img onerror>`,
`<!--><img onerror>`, `<noscript><p title="</noscript><img onerror>">`), and was four times
slower (42 s against 10 s of one core for the 11,000 pages of 5,000 projects).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from innomed.model.html_policy import scheme_of
from innomed.speed.cores import map_in_order

# Inline scripts may differ between pages only in the relative path to the site root.
RELATIVE_ROOT = re.compile(r'"(?:\.\./)*\.\.?/?"|"/"')
# The editing interface is our code copied as is (admin/, reviewed as code), with Decap's
# scripts; it is not built from content, so there is nothing of an editor's in it to check.
TOOL_PAGES = {"admin"}
DATA_TYPES = {"application/json", "application/ld+json"}
# <template>: the parser keeps its content out of the page's tree, so it is not walked here,
# and a script may copy it into the page; neither the theme nor an editor needs one.
FORBIDDEN = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "template"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data"}
ALLOWED_SCHEMES = {None, "http", "https", "mailto", "tel"}


@dataclass
class PageScan:
    problems: list[str] = field(default_factory=list)
    inline_scripts: list[str] = field(default_factory=list)  # their text, root path as "ROOT"
    script_sources: list[str] = field(default_factory=list)


def scan_html(text: str) -> PageScan:
    page = PageScan()
    root = LexborHTMLParser(text, scripting=True).root
    for element in root.traverse(include_text=False) if root else ():
        tag = (element.tag or "").lower()
        if tag.startswith("-"):  # -comment
            continue
        attributes = element.attributes
        for key, value in attributes.items():
            key = key.lower()
            if key.startswith("on"):
                page.problems.append(f"<{tag}> har hendelsesattributtet {key}=")
            if key in URL_ATTRIBUTES and value and scheme_of(value) not in ALLOWED_SCHEMES:
                page.problems.append(f"<{tag} {key}> peker til '{scheme_of(value)}:'")
        if tag in FORBIDDEN:
            page.problems.append(f"<{tag}> er ikke tillatt")
        if tag == "script":
            if attributes.get("src"):
                page.script_sources.append(attributes["src"] or "")
            elif (attributes.get("type") or "").lower() not in DATA_TYPES:
                script = element.text(deep=True).strip()
                page.inline_scripts.append(RELATIVE_ROOT.sub('"ROOT"', script))
    return page


def scan(path: Path) -> PageScan:
    return scan_html(path.read_text(encoding="utf-8", errors="replace"))


def verify_site(site: Path, reference: str = "404.html", workers: int = 1) -> dict[str, list[str]]:
    """Built HTML file -> what is wrong with it. The theme's own inline scripts are those of
    the reference page, which the theme renders without any content."""
    theme_scripts = frozenset(scan(site / reference).inline_scripts)
    paths = [
        path
        for path in sorted(site.rglob("*.html"))
        if path.relative_to(site).parts[0] not in TOOL_PAGES
    ]
    check = partial(page_problems, site, (site / "assets").resolve(), theme_scripts)
    found = {
        path.relative_to(site).as_posix(): problems
        for path, problems in zip(paths, map_in_order(check, paths, workers), strict=True)
        if problems
    }
    return dict(sorted(found.items()))


def page_problems(site: Path, assets: Path, theme_scripts: frozenset, path: Path) -> list[str]:
    page = scan(path)
    problems = list(page.problems)
    problems += [
        f"et innebygd skript som ikke er temaets: {text[:60]!r}"
        for text in page.inline_scripts
        if text not in theme_scripts
    ]
    for source in page.script_sources:
        target = (
            (path.parent / source).resolve()
            if not source.startswith("/")
            else (site / source.lstrip("/")).resolve()
        )
        if scheme_of(source) is not None or not target.is_relative_to(assets):
            problems.append(f"et skript fra '{source}', som ikke er temaets")
    return problems
