"""Each page says when its own source last changed: its `updated:`, else its file's last
commit; a listing, with no single source, the newest date of all. The real content has one
commit date for every file, so only a history with different dates shows the difference."""

from __future__ import annotations

import os
import re
import subprocess

import pytest

from innomed.generate.site import generate_site
from innomed.pipeline import load_content

from conftest import write_project

pytestmark = pytest.mark.unit


def commit(root, message: str, day: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": f"{day}T12:00:00",
        "GIT_COMMITTER_DATE": f"{day}T12:00:00",
    }
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", message], cwd=root, check=True, env=env)


def lastmod(items, path: str) -> str | None:
    [page] = [item for item in items if item.path == path]
    found = re.search(r'^lastmod: "([\d-]+)"$', page.text, re.M)
    return found[1] if found else None


def test_each_page_has_its_own_sources_last_commit_date(scratch):
    subprocess.run(["git", "init", "-q"], cwd=scratch, check=True)
    write_project(scratch, "gammel", title="Gammelt prosjekt")
    commit(scratch, "first", "2024-01-02")
    write_project(scratch, "ny", title="Nytt prosjekt", region="Vest")
    commit(scratch, "second", "2025-03-04")
    items = generate_site(load_content(scratch), scratch)
    assert lastmod(items, "prosjekt/gammelt-prosjekt.md") == "2024-01-02"
    assert lastmod(items, "prosjekt/nytt-prosjekt.md") == "2025-03-04"
    assert lastmod(items, "prosjekt/index.md") == "2025-03-04"  # the listing: the newest
