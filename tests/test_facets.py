"""Find and compare: the two-facet pages for visitors without JavaScript, and the data the
filter form on /prosjekt/ works from, checked against the projects' front matter."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from innomed.generate.templating import script_json

from conftest import REPO, front_matters, vocabulary


def as_list(value) -> list:
    return [] if value is None else value if isinstance(value, list) else [value]


def soup_of(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url.strip("/") / "index.html").read_text("utf-8"), "html.parser")


def listed_titles(site: Path, url: str) -> list[str]:
    """Card titles over every page of a paginated listing."""
    titles, next_url = [], url
    while next_url:
        soup = soup_of(site, next_url)
        titles += [
            a.get_text(strip=True)
            for a in soup.select("article.project-card h2 a:not(.headerlink)")
        ]
        following = soup.select_one("nav.pagination a[rel=next]")
        next_url = (
            "/" + str((Path(next_url) / following["href"]).resolve().relative_to("/")) + "/"
            if following
            else None
        )
    return titles


COMBINED = (("patient_groups", "pasientgrupper"), ("themes", "temaer"))


@pytest.mark.build
def test_two_facet_pages_list_exactly_the_matching_projects(real_site):
    regions = vocabulary("regions")
    projects = front_matters()
    checked = 0
    for region, region_slug in regions.items():
        in_region = [m for m in projects if region in as_list(m["regions"])]
        region_page = soup_of(real_site, f"/regioner/{region_slug}/")
        links = {
            a["href"]: a.parent.get_text(" ", strip=True)
            for a in region_page.select("nav.narrow-down a")
        }
        for field, folder in COMBINED:
            for label, slug in vocabulary(field).items():
                expected = sorted(m["title"] for m in in_region if label in as_list(m.get(field)))
                page = real_site / "regioner" / region_slug / folder / slug / "index.html"
                href = f"{folder}/{slug}/"
                if not expected:
                    assert not page.exists(), f"empty combination generated: {page}"
                    assert href not in links
                    continue
                url = f"/regioner/{region_slug}/{folder}/{slug}/"
                assert sorted(listed_titles(real_site, url)) == expected, url
                assert links[href].endswith(f"({len(expected)})"), href
                checked += 1
    assert checked, "no combination had projects: the test would prove nothing"


# Filter form key -> (vocabulary, a project's labels from its front matter).
FORM_FIELDS = {
    "region": ("regions", lambda m: as_list(m["regions"])),
    "pasientgruppe": ("patient_groups", lambda m: as_list(m.get("patient_groups"))),
    "tema": ("themes", lambda m: as_list(m.get("themes"))),
    "fase": ("phases", lambda m: as_list(m.get("phase_start"))),
    # Both may be unknown (left out) when no source gives them.
    "stotte": ("support_types", lambda m: [s["type"] for s in m["support"] if s.get("type")]),
    "status": ("statuses", lambda m: [m["status"]] if m.get("status") else []),
}


def check_filter_form(site: Path, root: Path = REPO) -> list[str]:
    """Assert that every box of the /prosjekt/ filter form counts, and the form's data
    selects, exactly the projects whose front matter (under `root`) has that value; return
    the keys of the facets shown. A facet with fewer than two values in use is left out."""
    soup = soup_of(site, "/prosjekt/")
    form = soup.find("form", id="prosjektfilter")
    data = json.loads(soup.find("script", id="prosjektdata").string)
    projects = front_matters(root)
    assert len(data["projects"]) == len(projects)
    by_title = {m["title"]: m for m in projects}
    assert len(by_title) == len(projects), "two projects with one title: the test needs titles"
    for key, (name, labels_of) in FORM_FIELDS.items():
        slugs = vocabulary(name, root)
        boxes = form.select(f'input[name="{key}"]')
        in_use = {label for m in projects for label in labels_of(m)}
        if len(in_use) < 2:
            assert not boxes and key not in data["keys"], key
            continue
        assert {box["value"] for box in boxes} == {slugs[label] for label in in_use}, key
        for box in boxes:
            label = next(lab for lab, slug in slugs.items() if slug == box["value"])
            count = sum(1 for m in projects if label in labels_of(m))
            assert " ".join(box.parent.get_text().split()) == f"{label} ({count})"
        column = data["keys"].index(key)
        values = data["values"][column]
        for title, _, _, _, _, positions in data["projects"]:
            shown = {values[p] for p in positions[column]}
            assert shown == {slugs[x] for x in labels_of(by_title[title])}, (key, title)
    years = data["keys"].index("ar")
    for title, *_, positions in data["projects"]:
        want = {
            str(s["round"])[:4] if s.get("round") else str(s["year"])
            for s in by_title[title]["support"]
        }
        assert {data["values"][years][p] for p in positions[years]} == want
    return data["keys"]


@pytest.mark.build
def test_filter_form_counts_and_data_agree_with_front_matter(real_site):
    assert "region" in check_filter_form(real_site)


@pytest.mark.unit
def test_script_json_cannot_end_its_script_element():
    title = "A </script><script>alert(1)</script> & 'B' \u2028"
    text = str(script_json({"t": title}))
    assert "<" not in text and ">" not in text and "&" not in text and "'" not in text
    assert json.loads(text) == {"t": title}
