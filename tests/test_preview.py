"""The preview re-renders only what a save changed; what it shows must be what rendering
everything again would show."""

from __future__ import annotations

from pathlib import Path

import pytest

from innomed.model.catalog import generated_sections
from innomed.model.config import CONFIG_FILE
from innomed.model.slugs import slug_for_title
from innomed.pipeline import STAGING_DIR
from innomed.preview.incremental import Preview
from innomed.preview.serve import restage

from conftest import write_project

pytestmark = pytest.mark.build


def pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("index.html")}


def preview_of(root: Path, site: Path) -> Preview:
    url = "http://127.0.0.1:8000/"
    return Preview(root / CONFIG_FILE, root / STAGING_DIR, site, generated_sections(), url)


def test_a_series_of_saves_shows_what_a_full_render_shows(scratch, tmp_path):
    for n in range(3):
        write_project(
            scratch, f"prosjekt-{n}", title=f"Prosjekt {n}", region=["Nord", "Vest"][n % 2]
        )
    assert restage(scratch)
    preview = preview_of(scratch, tmp_path / "incremental")
    first = pages(tmp_path / "incremental")

    edited = scratch / "projects/prosjekt-0.md"
    edited.write_text(edited.read_text().replace("Prosjekt 0", "Prosjekt null med ny tittel"))
    write_project(scratch, "prosjekt-ny", title="Et nytt prosjekt", region="Vest")
    (scratch / "projects/prosjekt-2.md").unlink()
    about = scratch / "content/om/index.md"
    about.write_text(about.read_text() + "\nEn ny setning om InnoMed.\n")
    changed = restage(scratch)
    new = slug_for_title("Et nytt prosjekt")
    assert changed and f"prosjekt/{new}.md" in changed
    rendered = preview.refresh(changed)

    incremental = pages(tmp_path / "incremental")
    assert preview_of(scratch, tmp_path / "full") and incremental == pages(tmp_path / "full")
    assert rendered < len(incremental) / 2, "a save should not render the whole site again"
    assert "prosjekt/prosjekt-2/index.html" in first
    assert "prosjekt/prosjekt-2/index.html" not in incremental
    assert "Et nytt prosjekt" in incremental[f"prosjekt/{new}/index.html"].decode()
    listing = incremental["regioner/nord/index.html"].decode()
    assert "Prosjekt null med ny tittel" in listing and "Prosjekt 0<" not in listing
    assert "En ny setning om InnoMed." in incremental["om/index.html"].decode()


def test_a_new_title_of_a_page_in_the_menu_shows_as_a_full_render_would(scratch, tmp_path):
    assert restage(scratch) is not None
    preview = preview_of(scratch, tmp_path / "incremental")
    about = scratch / "content/om/index.md"
    text = about.read_text()
    title = next(line for line in text.split("\n") if line.startswith("title:"))
    about.write_text(text.replace(title, "title: Om oss i InnoMed", 1))
    preview.refresh(restage(scratch) or set())
    preview_of(scratch, tmp_path / "full")
    incremental = pages(tmp_path / "incremental")
    assert incremental == pages(tmp_path / "full")
    assert "Om oss i InnoMed" in incremental["om/index.html"].decode()


def test_a_page_that_goes_and_comes_back_is_shown_again(scratch, tmp_path):
    project = write_project(scratch, "kommer-tilbake", title="Kommer tilbake")
    text = project.read_text()
    assert restage(scratch)
    preview = preview_of(scratch, tmp_path / "incremental")
    page = tmp_path / "incremental/prosjekt/kommer-tilbake/index.html"
    assert page.is_file()
    project.unlink()
    preview.refresh(restage(scratch) or set())
    assert not page.exists()
    project.write_text(text)  # the very same file again: every cache holds its old text
    preview.refresh(restage(scratch) or set())
    assert page.is_file() and "Kommer tilbake" in page.read_text()
