"""Live preview: re-stage on every content edit; MkDocs reloads the browser.

A content error is printed and the last good staged tree stays, so the preview never dies
while an editor is halfway through a change.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

from .errors import ContentErrors, summarize
from .lock import build_lock
from .pipeline import CONFIG_FILE, STAGING_DIR, generated_sections, stage_site
from .registry import source_folders


def restage(root: Path) -> bool:
    try:
        with build_lock(root):
            stage_site(root, drafts=True)  # editors preview their drafts, marked as such
    except ContentErrors as problem:
        for error in problem.errors:
            print(error, file=sys.stderr)
        print(
            f"{summarize(len(problem.errors))}: forhåndsvisningen viser forrige versjon til "
            "feilene er rettet.",
            file=sys.stderr,
            flush=True,
        )
        return False
    except Exception as error:  # noqa: BLE001 - the watcher must outlive any single edit
        print(
            f"Forhåndsvisningen kunne ikke oppdateres ({type(error).__name__}: {error}); "
            "den viser forrige versjon og prøver igjen ved neste lagring.",
            file=sys.stderr,
            flush=True,
        )
        return False
    return True


def watch_sources(root: Path, interval: float = 0.3) -> threading.Thread:
    """Poll source files' modification times; cheap for a few hundred files, no OS quirks."""

    def snapshot() -> dict:
        return {
            path: path.stat().st_mtime_ns
            for folder in source_folders()
            if (root / folder).is_dir()
            for path in (root / folder).rglob("*")
            if path.is_file()
        }

    def loop() -> None:
        seen = snapshot()
        while True:
            time.sleep(interval)
            current = snapshot()
            if current != seen:
                seen = current
                if restage(root):
                    print("Innholdet er oppdatert.", file=sys.stderr, flush=True)

    thread = threading.Thread(target=loop, daemon=True, name="innomed-watch")
    thread.start()
    return thread


def serve_site(root: Path, port: int) -> int:
    from . import sources
    from .render import serve

    sources.SOURCE_CACHE = {}  # re-parse only the files an editor saved

    restage(root)
    watch_sources(root)
    print(f"Forhåndsvisning: http://127.0.0.1:{port}/  (Ctrl+C for å stoppe)", flush=True)
    try:
        serve(root / CONFIG_FILE, root / STAGING_DIR, port, generated_sections())
    except KeyboardInterrupt:
        pass
    return 0
