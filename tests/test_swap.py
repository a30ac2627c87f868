"""The new site takes the old one's place in one step: at no moment of the swap is site/
missing or half old, half new. A killed build cannot hit a window that does not exist; the
kill test's fixed delays could not find one, so this watches every file-system call the swap
makes (Python's audit events) and looks at site/ at each of them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from innomed.render.engine import exchange, swap_into_place

pytestmark = pytest.mark.unit

WATCHED = {"os.rename", "os.replace", "os.remove", "os.rmdir", "shutil.rmtree", "shutil.move"}
watch: dict = {"out": None, "seen": []}


def look(event: str, args) -> None:
    out = watch["out"]
    if out is None or event not in WATCHED:
        return
    page = out / "index.html"
    watch["seen"].append((event, page.read_text() if page.is_file() else None))


sys.addaudithook(look)  # cannot be removed: it looks only while watch["out"] is set


def site(folder: Path, text: str) -> Path:
    (folder / "sub").mkdir(parents=True)
    (folder / "index.html").write_text(text)
    (folder / "sub/index.html").write_text(text)
    return folder


def test_site_is_whole_at_every_step_of_the_swap(tmp_path):
    assert exchange(tmp_path, tmp_path), "renameat2 is missing: the swap is not atomic here"
    out = site(tmp_path / "site", "gammel")
    new = site(tmp_path / ".site.new-1", "ny")
    watch.update(out=out, seen=[])
    try:
        swap_into_place(new, out)
    finally:
        watch["out"] = None
    assert (out / "index.html").read_text() == (out / "sub/index.html").read_text() == "ny"
    assert all(text in ("gammel", "ny") for _, text in watch["seen"]), watch["seen"]
