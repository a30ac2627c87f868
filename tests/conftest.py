"""Shared fixtures: scratch sites built in tmp_path, and one build of the real content."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SITE_FILES = ("mkdocs.yml", "theme", "data")
# Folders whose pages the generator writes; every other nav entry is a hand-written page.
GENERATED = ("prosjekt/", "regioner/", "pasientgrupper/", "temaer/", "faser/", "tildelinger/",
             "kurs/", "podcast/", "aktuelt/", "verktoy/")

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


def make_scratch_site(root: Path) -> Path:
    """A copy of the real site's configuration, theme and pages, with no projects."""
    root.mkdir(parents=True, exist_ok=True)
    for name in SITE_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy(source, root / name)
    (root / "projects").mkdir()
    (root / "content").mkdir()
    shutil.copy(REPO / "content/index.md", root / "content/index.md")
    for page in hand_written_nav_pages():
        if not (root / "content" / page).exists():
            write(root, f"content/{page}", f"---\ntitle: {page}\n---\nTekst.\n")
    return root


def hand_written_nav_pages() -> list[str]:
    from innomed.pipeline import read_nav_files
    return [path for path in read_nav_files(REPO) if not path.startswith(GENERATED)]


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def write_project(root: Path, name: str, title: str = "Testprosjekt", region: str = "Nord",
                  text: str | None = None) -> Path:
    return write(root, f"projects/{name}.md",
                 text if text is not None else VALID_PROJECT.format(title=title, region=region))


def run_build_py(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO / "build.py"), *args, "--root", str(root)],
                          capture_output=True, text=True, cwd=root, timeout=300)


def heading_text(tag) -> str:
    """A heading's text without the permalink (¶) MkDocs adds after it."""
    return "".join(t for t in tag.find_all(string=True)
                   if not t.find_parent(class_="headerlink")).strip()


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
