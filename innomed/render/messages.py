"""What the engine and the HTML verifier say, told against the editor's own file and line,
never a staged path under .build/ that the editor has never seen."""

from __future__ import annotations

import re
from pathlib import Path

from innomed.model.errors import ContentError, ContentErrors
from innomed.model.pages import Page, url_of

ENGINE_FILE = re.compile(r"Doc file '([^']+)'")


ENGINE_LINK = re.compile(r"contains a link '([^']+)'|link to '([^']+)'")


def engine_warning(message: str, items: list, root: Path) -> ContentError:
    """An engine warning against the editor's file and line, never a staged path under
    .build/ that the editor has never seen."""
    staged = ENGINE_FILE.search(message)
    item = next((i for i in items if staged and i.path == staged[1]), None)
    if item is None or item.origin == "generert":
        return ContentError("nettstedet", 1, "motor", message)
    line = item.line
    link = ENGINE_LINK.search(message)
    target = link and (link[1] or link[2])
    source = root / item.origin
    if target and source.is_file():
        for number, text in enumerate(source.read_text(encoding="utf-8").split("\n"), 1):
            if target.split("#")[0] and target.split("#")[0] in text or target in text:
                line = number
                break
    if target and ("no such anchor" in message or "does not contain an anchor" in message):
        text = f"lenken '{target}' går til et avsnitt som ikke finnes"
    elif target and "not found among documentation files" in message:
        text = f"lenken '{target}' går til en side som ikke finnes"
    else:
        text = message.replace(f"Doc file '{staged[1]}'", "filen") if staged else message
    return ContentError(
        item.origin,
        line,
        "lenke",
        f"{text} (forventet en lenke til en side "
        "eller et avsnitt som finnes; sjekk skrivemåten og overskriften)",
    )


def page_origins(items: list) -> dict[str, str]:
    """Built HTML file -> the source an editor can fix."""
    return {
        url_of(item.path).lstrip("/") + "index.html" if item.path.endswith(".md") else item.path: (
            item.origin
        )
        for item in items
        if isinstance(item, Page)
    }


def verify_output(site: Path, origins: dict[str, str]) -> None:
    """Refuse a built site that would run anything but the theme's scripts, naming the
    source file an editor can fix."""
    from innomed.checks.verify import (
        verify_site,  # selectolax: only a build needs it, `check` starts faster
    )
    from innomed.speed.cores import default_workers

    problems = verify_site(site, workers=default_workers())
    if problems:
        raise ContentErrors(
            [
                ContentError(origins.get(page, page), 1, "html", message)
                for page, messages in problems.items()
                for message in messages
            ]
        )
