"""Fix-ups of the built HTML that no template block can reach.

Material's base.html writes its two toggle checkboxes (#__drawer, #__search) outside every
block, with autocomplete="off": HTML allows autocomplete only on text-like inputs, so the Nu
HTML checker rejects every page. Overriding them would mean copying all of base.html, which is
what theme/ no longer does; instead the attribute is removed here, from any checkbox, after
MkDocs has written the site. (theme/main.html resets the checkboxes with a script instead.)
"""

from __future__ import annotations

import re
from pathlib import Path

INPUT_TAG = re.compile(rb"<input\b[^>]*>")
AUTOCOMPLETE = re.compile(rb'\s+autocomplete="[^"]*"')


def _fix_input(match: re.Match[bytes]) -> bytes:
    tag = match.group(0)
    if b'type="checkbox"' not in tag:
        return tag
    return AUTOCOMPLETE.sub(b"", tag)


def postprocess(site: Path) -> int:
    """Rewrite the built pages under `site` in place. Returns how many files changed."""
    changed = 0
    for path in sorted(site.rglob("*.html")):
        before = path.read_bytes()
        after = INPUT_TAG.sub(_fix_input, before)
        if after != before:
            path.write_bytes(after)
            changed += 1
    return changed
