"""`check`'s verdict for the browser editor: after each save the preview writes what the check
found to /admin/sjekk.json, and admin/verdict.js shows it beside the form, in Norwegian, for
the file just saved. Without it an editor saw only "Oppføring lagret" while the preview kept
showing the old version and the errors went to a terminal they may never look at.

The preview (serve.py) calls this once per save, after restaging and rendering. A failed
restage has printed its errors and kept none; they are found again here with the same check
(about 0.2 s on the real site). A save that passed costs one small file write.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from innomed.model.errors import ContentError, ContentErrors

VERDICT_FILE = "admin/sjekk.json"


def verdict(errors: list[ContentError], problem: str | None = None) -> dict:
    """What admin/verdict.js reads: when, whether the preview shows the latest save, and each
    error with file, line, field and message (and the line as `check` prints it)."""
    return {
        "checked": time.time(),
        "ok": not errors and problem is None,
        "problem": problem,
        "errors": [{**error.as_dict(), "text": str(error)} for error in errors],
    }


def current_errors(root: Path) -> tuple[list[ContentError], str | None]:
    """The errors the preview's check finds now (drafts included, as the preview shows them),
    or a problem that is not the content's (said in Norwegian)."""
    from innomed.pipeline import check_site_items
    from innomed.render.lock import build_lock

    try:
        with build_lock(root):
            check_site_items(root, drafts=True)
    except ContentErrors as found:
        return found.errors, None
    except Exception as error:  # noqa: BLE001 - the verdict must not stop the preview
        return [], f"Sjekken kunne ikke kjøres ({type(error).__name__}: {error})."
    return [], None


def write_verdict(site_dir: Path, data: dict) -> Path:
    path = site_dir / VERDICT_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    temporary.replace(path)  # the browser never reads half a file
    return path


def publish_verdict(root: Path, site_dir: Path, failed: bool) -> Path:
    errors, problem = current_errors(root) if failed else ([], None)
    if failed and not errors and problem is None:
        problem = "Forhåndsvisningen kunne ikke oppdateres; se terminalen der `make edit` kjører."
    return write_verdict(site_dir, verdict(errors, problem))
