"""Warm against cold: `check`, the build and a clean build of a fresh copy agree after every
step of a random edit sequence (tests/differential.py). A longer run:
`.venv/bin/python benchmarks/differential.py --steps 500`."""

from __future__ import annotations

import os

import pytest
from differential import EDITS, play

pytestmark = pytest.mark.build

# A new seed each day in CI spreads the runs over many sequences; a failure names its seed,
# and INNOMED_DIFFERENTIAL_SEED=<seed> replays it.
SEED = int(os.environ.get("INNOMED_DIFFERENTIAL_SEED", "0") or 0) or None


def test_random_edit_sequences_agree_warm_and_cold(tmp_path):
    import datetime as dt

    seed = SEED or dt.date.today().toordinal()
    built = play(tmp_path / "site-root", seed, steps=24)
    assert built > 0, f"seed {seed}: no step ended in a site that builds; the test proved little"


def test_every_edit_kind_is_drawn(tmp_path):
    """Each kind at least once, on a fixed seed, so no kind is left out by chance."""
    for number, kind in enumerate(sorted(EDITS)):
        play(tmp_path / f"kind-{number}", seed=number, steps=1, kinds=[kind])


def test_two_checkouts_building_into_one_folder_each_get_their_own_site(tmp_path):
    """A checkout and its worktree building into one output folder: the checkout said
    "ingen endringer" while the folder held the worktree's pages."""
    from differential import command, fresh_copy, start, tree

    first = start(tmp_path / "first").root
    second = fresh_copy(first, tmp_path / "second")
    (second / "projects/prosjekt-0.md").unlink()
    out = str(tmp_path / "shared-site")
    for root in (first, second, first):
        assert command(["build", "--root", str(root), "--out", out], "2026-06-01").code == 0
    alone = tmp_path / "alone"
    assert command(["build", "--root", str(first), "--out", str(alone)], "2026-06-01").code == 0
    assert tree(tmp_path / "shared-site") == tree(alone)
