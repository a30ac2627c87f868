"""Shared fixtures: scratch sites built in tmp_path, and one build of the real content."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def front_matters(root: Path = REPO) -> list[dict]:
    """Every published project's front matter, read here without the generator's code."""
    import re

    import yaml

    found = []
    for path in sorted((root / "projects").glob("*.md")):
        match = re.match(r"---\n(.*?)\n---\n", path.read_text(encoding="utf-8"), re.S)
        meta = yaml.safe_load(match.group(1))
        if not meta.get("draft"):
            found.append(meta)
    return found


def vocabulary(name: str, root: Path = REPO) -> dict:
    """label -> slug, read here from data/vocabulary.yml."""
    import yaml

    data = yaml.safe_load((root / "data/vocabulary.yml").read_text(encoding="utf-8"))
    return {term["label"]: term["slug"] for term in data[name]}


SITE_FILES = ("mkdocs.yml", "theme", "data")

VALID_PROJECT = """\
    ---
    title: {title}
    summary: Et kort sammendrag av prosjektet.
    kind: Prosjektbeskrivelse
    status: Pågående
    regions: [{region}]
    owner: Helse Testfjord
    support:
      - type: Skreddersydd innovasjonsrådgivning
        round: 2025-S1
    ---
    Beskrivelse av prosjektet.
    """


# The fewest fields a project needs, with room for more (`extra`, whole lines) and a body:
# error lines in the tests count from it (the body starts on line 9 when `extra` is "").
SHORT_PROJECT = """\
---
title: {title}
{extra}summary: Kort.
kind: Prosjektbeskrivelse
status: Pågående
regions: [Nord]
owner: Eier
---
{body}
"""


def copy_from_repo(root: Path, names) -> None:
    """These files and folders of the repository, copied into root (those that exist)."""
    root.mkdir(parents=True, exist_ok=True)
    for name in names:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        elif source.exists():
            shutil.copy(source, root / name)


def make_scratch_site(root: Path) -> Path:
    """A copy of the real site's configuration, theme and pages, with no projects."""
    copy_from_repo(root, SITE_FILES)
    (root / "projects").mkdir()
    (root / "content").mkdir()
    # The real home page, less its links to single regions: a region with no projects has
    # no page (nothing offered that is not there), and a scratch site starts with none.
    home = (REPO / "content/index.md").read_text(encoding="utf-8")
    home = re.sub(r"(?m)^- \[[^\]]*\]\(regioner/(?!index)[^)]*\.md\)\n", "", home)
    write(root, "content/index.md", home)
    for page in hand_written_nav_pages():
        if not (root / "content" / page).exists():
            write(root, f"content/{page}", f"---\ntitle: {page}\n---\nTekst.\n")
    return root


def hand_written_nav_pages() -> list[str]:
    from innomed.model.config import read_nav_files

    # Hand-written: a file in content/ has it. Every other nav entry is generated, whatever
    # the registry adds, so a new type's listing in the nav needs no change here.
    return [path for path in read_nav_files(REPO) if (REPO / "content" / path).is_file()]


# The first bytes of real files: the build tells a file's type by its content, not its name
# (innomed/model/uploads.py), so a test's stand-in image or PDF starts like the real thing.
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
PDF_TEXT = "%PDF-1.4\n"


def write_bytes(root: Path, relative: str, data: bytes) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def write_project(
    root: Path,
    name: str,
    title: str = "Testprosjekt",
    region: str = "Nord",
    text: str | None = None,
) -> Path:
    return write(
        root,
        f"projects/{name}.md",
        text if text is not None else VALID_PROJECT.format(title=title, region=region),
    )


def run_build_py(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(REPO / "build.py"), *args, "--root", str(root)],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=300,
    )


def heading_text(tag) -> str:
    """A heading's text without the permalink (¶) MkDocs adds after it."""
    return "".join(
        t for t in tag.find_all(string=True) if not t.find_parent(class_="headerlink")
    ).strip()


# Test tiers (pytest.ini): every test has exactly one, so `make test-fast` (-m unit) and
# `make test-build` (-m build) between them and the browser audit select every test once.
TIERS = ("unit", "build", "browser")
# A test that asks for one of these fixtures is at least this tier, whatever its mark says.
FIXTURE_TIERS = {"real_site": "build", "audit_site": "browser", "chromium": "browser"}


def tier_problem(item) -> str | None:
    tiers = sorted({mark.name for mark in item.iter_markers() if mark.name in TIERS})
    if len(tiers) != 1:
        return (
            f"{item.nodeid}: has tier marks {tiers or 'none'}; mark it with exactly one of "
            f"{', '.join('@pytest.mark.' + t for t in TIERS)} (or a module pytestmark)"
        )
    needed = {FIXTURE_TIERS[name] for name in item.fixturenames if name in FIXTURE_TIERS}
    if tiers[0] == "unit" and needed or tiers[0] == "build" and "browser" in needed:
        return f"{item.nodeid}: marked {tiers[0]} but uses fixtures of tier {sorted(needed)}"
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Refuse to run a suite in which a test has no tier, two tiers, or a tier too low for the
    fixtures it uses (before -m deselects anything, so `make test-fast` catches it too)."""
    problems = [problem for item in items if (problem := tier_problem(item))]
    if problems:
        raise pytest.UsageError("Tests without exactly one tier:\n" + "\n".join(problems))


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    return make_scratch_site(tmp_path / "site-root")


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real content built once per test session into a temporary folder."""
    from innomed.pipeline import build_site

    out = tmp_path_factory.mktemp("real") / "site"
    build_site(REPO, out)
    return out
