"""One build at a time in a project folder.

Two `make site` started together used to corrupt site/ (both staged into .build/docs and
swapped the same temporary folder). The second build now waits for the first, says so, and
every build renders into a temporary folder of its own.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: editors there use WSL or the CMS; builds run in CI on Linux
    fcntl = None  # type: ignore[assignment]

LOCK_FILE = Path(".build/bygg.lock")


@contextmanager
def build_lock(root: Path) -> Iterator[None]:
    path = root / LOCK_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as handle:
        if fcntl is not None:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                print(
                    "Et annet bygg pågår i denne mappen; venter til det er ferdig ...",
                    file=sys.stderr,
                    flush=True,
                )
                fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(handle, fcntl.LOCK_UN)
