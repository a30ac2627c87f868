"""The last check before a build is published: the built HTML runs only the theme's scripts.

Content is escaped by the templates and editors' HTML is checked against an allow-list
(innomed/html_policy.py); this step looks at what the engine actually wrote, so that a hole
in either, or in a future engine, fails the build instead of reaching visitors.
"""

from __future__ import annotations

import re
from functools import partial
from html.parser import HTMLParser
from pathlib import Path

from .cores import map_in_order
from .html_policy import scheme_of

# Inline scripts may differ between pages only in the relative path to the site root.
RELATIVE_ROOT = re.compile(r'"(?:\.\./)*\.\.?/?"|"/"')
# The editing interface is our code copied as is (admin/, reviewed as code), with Decap's
# scripts; it is not built from content, so there is nothing of an editor's in it to check.
TOOL_PAGES = {"admin"}
DATA_TYPES = {"application/json", "application/ld+json"}
FRAMES = {"iframe", "frame", "frameset", "object", "embed", "applet", "base"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data"}
ALLOWED_SCHEMES = {None, "http", "https", "mailto", "tel"}


class PageScan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.inline_scripts: list[str] = []
        self.script_sources: list[str] = []
        self._script: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        for key, value in attrs:
            if key.startswith("on"):
                self.problems.append(f"<{tag}> har hendelsesattributtet {key}=")
            if key in URL_ATTRIBUTES and value and scheme_of(value) not in ALLOWED_SCHEMES:
                self.problems.append(f"<{tag} {key}> peker til '{scheme_of(value)}:'")
        if tag in FRAMES:
            self.problems.append(f"<{tag}> er ikke tillatt")
        if tag == "script":
            values = dict(attrs)
            if values.get("src"):
                self.script_sources.append(values["src"] or "")
            elif (values.get("type") or "").lower() not in DATA_TYPES:
                self._script = ""

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.inline_scripts.append(RELATIVE_ROOT.sub('"ROOT"', self._script.strip()))
            self._script = None


def scan(path: Path) -> PageScan:
    page = PageScan()
    page.feed(path.read_text(encoding="utf-8", errors="replace"))
    page.close()
    return page


def verify_site(site: Path, reference: str = "404.html", workers: int = 1) -> dict[str, list[str]]:
    """Built HTML file -> what is wrong with it. The theme's own inline scripts are those of
    the reference page, which the theme renders without any content.

    With `workers` > 1 the pages are split over forked processes: parsing every page is
    45 s on one core at 5,000 projects."""
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
