"""Fix-ups of the built HTML that no template block can reach.

Material's base.html writes its two toggle checkboxes (#__drawer, #__search) outside every
block, with autocomplete="off": HTML allows autocomplete only on text-like inputs, so the Nu
HTML checker rejects every page. Overriding them would mean copying all of base.html, which is
what theme/ no longer does; instead the attribute is removed here, from any checkbox, after
MkDocs has written the site. (theme/main.html resets the checkboxes with a script instead.)

Material also copies its own search (a web worker and the lunr language files, 1.2 MB) into
every site as theme files. The site searches with its own index instead (innomed/search/index.py)
and no page loads them, so they are removed rather than published as dead files, and so is
the worker's address in each page's Material configuration (#__config).

The search engine's scripts (SEARCH_SCRIPTS, loaded on a visitor's first query) are published
without their comments and indentation: the comments explain the code to us, not to the
browser, and the first query's bytes must not grow with them. Our code keeps every comment
on a line of its own (and the generated stemmer's type notes are /** ... */), so a line-wise
rule suffices; tests/test_search_engine.py runs the published files.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from innomed.speed.cores import map_in_order

INPUT_TAG = re.compile(rb"<input\b[^>]*>")
AUTOCOMPLETE = re.compile(rb'\s+autocomplete="[^"]*"')
UNUSED_THEME_FOLDERS = ("assets/javascripts/lunr", "assets/javascripts/workers")
SEARCH_WORKER = re.compile(
    rb'"search": "[^"<>]*assets/javascripts/workers/search\.[0-9a-f]+\.min\.js",\s*'
)


SEARCH_SCRIPTS = (
    "assets/sok-motor.js",
    "assets/snowball/base-stemmer.js",
    "assets/snowball/norwegian-stemmer.js",
)
COMMENT_BLOCK = re.compile(r"(?m)^[ \t]*/\*[\s\S]*?\*/[ \t]*\n")
COMMENT_LINE = re.compile(r"(?m)^[ \t]*//.*\n")
TYPE_NOTE = re.compile(r"/\*\*[^*]*?\*/")
INDENT = re.compile(r"(?m)^[ \t]+")
# A comment after code on its line: only after ; { } , or ) and a space, and only when no
# quote follows, so a "//" inside a string is never taken for one.
TRAILING_COMMENT = re.compile(r"(?m)(?<=[;{},)])[ \t]+//[^\"'`\n]*$")
BLANK_LINES = re.compile(r"\n{2,}")


def compact_script(source: str) -> str:
    """A script without comments, /** type */ notes and indentation."""
    for pattern in (COMMENT_BLOCK, COMMENT_LINE, TYPE_NOTE, INDENT, TRAILING_COMMENT):
        source = pattern.sub("", source)
    return BLANK_LINES.sub("\n", source)


def _fix_input(match: re.Match[bytes]) -> bytes:
    tag = match.group(0)
    if b'type="checkbox"' not in tag:
        return tag
    return AUTOCOMPLETE.sub(b"", tag)


def postprocess(site: Path, workers: int = 1) -> int:
    """Rewrite the built pages under `site` in place. Returns how many files changed.

    With `workers` > 1 the pages are split over forked processes: at 5,000 pages reading and
    rewriting every file is seconds of work that would otherwise run on one core."""
    for folder in UNUSED_THEME_FOLDERS:
        shutil.rmtree(site / folder, ignore_errors=True)
    for name in SEARCH_SCRIPTS:
        script = site / name
        if script.exists():
            script.write_text(compact_script(script.read_text(encoding="utf-8")), "utf-8")
    return sum(map_in_order(fix_file, sorted(site.rglob("*.html")), workers))


def fix_file(path: Path) -> bool:
    """Rewrite one page; whether it changed."""
    before = path.read_bytes()
    after = SEARCH_WORKER.sub(b"", INPUT_TAG.sub(_fix_input, before), count=1)
    if after != before:
        path.write_bytes(after)
    return after != before
