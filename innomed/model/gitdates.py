"""Last commit dates of content files, read with one `git log` call.

Used for the sitemap's lastmod and tool download dates: stable across rebuilds of the same
commit, unlike file modification times (a fresh clone sets them all to 'now').
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path


def last_commit_dates(root: Path) -> dict[str, dt.date]:
    """Path relative to root (posix) -> date of the newest commit that touched it."""
    try:
        result = subprocess.run(
            ["git", "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", "."],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=60,
        )
        prefix = subprocess.run(
            ["git", "rev-parse", "--show-prefix"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=30,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return {}
    if result.returncode != 0:
        return {}
    dates: dict[str, dt.date] = {}
    current = None
    for line in result.stdout.split("\n"):
        if line.startswith("\x00"):
            current = dt.date.fromisoformat(line[1:])
        elif line and current:
            path = line.removeprefix(prefix)
            dates.setdefault(path, current)  # git log is newest first
    return dates


def head_commit_timestamp(root: Path) -> int | None:
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    text = result.stdout.strip()
    return int(text) if result.returncode == 0 and text.isdigit() else None
