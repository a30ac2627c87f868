"""/admin/ is part of the site `make site` builds: make installs node_modules (Decap's script
comes from there) or stops and says what to install, and the real build publishes it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
NPM_CI = "ci --ignore-scripts --no-audit --no-fund"


def make_site(tmp_path: Path, path: str) -> subprocess.CompletedProcess:
    """`make site` in a copy of the Makefile and the npm locks, with the Python steps made
    no-ops (PY=true) and the venv up to date, so only the npm step is under test."""
    for name in ("Makefile", "package.json", "package-lock.json", "requirements.lock"):
        if not (tmp_path / name).exists():
            shutil.copy(REPO / name, tmp_path / name)
    (tmp_path / ".venv").mkdir(exist_ok=True)
    (tmp_path / ".venv/.installed").touch()
    old = (tmp_path / "requirements.lock").stat().st_mtime - 60
    for name in ("Makefile", "package.json", "package-lock.json", "requirements.lock"):
        os.utime(tmp_path / name, (old, old))
    return subprocess.run(
        [shutil.which("make") or "/usr/bin/make", "site", "PY=true"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": path, "NPM_LOG": str(tmp_path / "npm.log")},
        timeout=60,
    )


@pytest.mark.unit
def test_make_site_installs_node_modules_from_the_lock(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    npm = bin_dir / "npm"
    npm.write_text('#!/bin/sh\necho "$@" >> "$NPM_LOG"\nmkdir -p node_modules\n')
    npm.chmod(0o755)
    work = tmp_path / "clone"
    work.mkdir()
    path = f"{bin_dir}:{os.environ['PATH']}"
    result = make_site(work, path)
    assert result.returncode == 0, result.stderr
    assert (work / "npm.log").read_text().splitlines() == [NPM_CI]
    # Installed once: the next `make site` (and `make test`) finds node_modules current.
    result = make_site(work, path)
    assert result.returncode == 0, result.stderr
    assert (work / "npm.log").read_text().splitlines() == [NPM_CI]
    assert (work / "node_modules/.installed").is_file()


@pytest.mark.unit
def test_make_site_without_npm_says_what_to_install(tmp_path):
    empty = tmp_path / "no-npm"
    empty.mkdir()
    work = tmp_path / "clone"
    work.mkdir()
    result = make_site(work, str(empty))
    assert result.returncode != 0
    assert "make site trenger npm for /admin/" in result.stderr
    assert "apt-get install nodejs npm" in result.stderr
    assert not (work / "node_modules").exists()


@pytest.mark.build
def test_real_site_has_admin_with_decap(real_site):
    index = (real_site / "admin/index.html").read_text(encoding="utf-8")
    assert '<script src="decap/decap-cms.js"></script>' in index
    decap = real_site / "admin/decap/decap-cms.js"
    assert decap.stat().st_size > 1_000_000  # Decap itself, not a stub
    assert decap.read_bytes() == (REPO / "node_modules/decap-cms/dist/decap-cms.js").read_bytes()
    for name in ("config.yml", "innomed-cms.js", "nb-no.js", "yaml/index.js"):
        assert (real_site / "admin" / name).is_file(), name
