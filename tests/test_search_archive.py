"""Filters on a generated archive of 1,000 projects (benchmarks/bench.py's scratch_site: every
region, patient group, theme, phase, support type, status and year in use): the search's
filters in the search engine (theme/assets/sok-motor.js) and the /prosjekt/ filter form return exactly the projects whose front
matter has the value. The archive is built once for this module (~40 s on two cores).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from test_facets import as_list, check_filter_form

from browser import SiteServer, goto, new_context
from conftest import front_matters

pytest_plugins = ["browser"]

REPO = Path(__file__).resolve().parent.parent
ARCHIVE = 1000

# Search filter -> a project's values, from its front matter (innomed/search/front.py).
SEARCH_FILTERS = {
    "region": lambda m: as_list(m.get("regions")),
    "pasientgruppe": lambda m: as_list(m.get("patient_groups")),
    "tema": lambda m: as_list(m.get("themes")),
    "fase": lambda m: as_list(m.get("phase_start")),
}

# Runs sok-motor.js in the page, as theme/assets/innomed-search.js does: a search without
# words (null) returns every page that passes the filters. Returns the URLs of the results
# and the counts per filter value among them.
FILTERED = """async (filters) => {
  const engine = await import('/assets/sok-motor.js');
  engine.options({ baseUrl: '/', indexUrl: '/sokeindeks/' });
  await engine.filters();
  const found = await engine.search(null, { filters });
  const data = await Promise.all(found.results.map((r) => r.data()));
  return { urls: data.map((d) => d.url), counts: found.filters };
}"""


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    sys.path.insert(0, str(REPO / "benchmarks"))
    import bench

    from innomed.pipeline import build_site

    root = bench.scratch_site(ARCHIVE, tmp_path_factory.mktemp("archive") / "root")
    build_site(root, root / "site")
    return root


def project_urls(root: Path) -> dict[str, dict]:
    """URL -> front matter of every project (bench writes each project's slug)."""
    urls = {}
    for meta in front_matters(root):
        url = f"/prosjekt/{meta['slug']}/"
        assert (root / "site" / url.strip("/") / "index.html").is_file(), url
        urls[url] = meta
    assert len(urls) == ARCHIVE
    return urls


@pytest.mark.build
def test_the_filter_form_on_a_large_archive_selects_exactly_the_front_matter_matches(archive):
    keys = check_filter_form(archive / "site", archive)
    # The archive uses every facet: none may be skipped as "one value only".
    assert set(keys) == {"region", "pasientgruppe", "tema", "fase", "stotte", "status", "ar"}


@pytest.mark.browser
def test_search_filters_on_a_large_archive_return_exactly_the_front_matter_matches(
    archive, chromium
):
    projects = project_urls(archive)

    def expected(choice: dict[str, str]) -> set[str]:
        return {
            url
            for url, meta in projects.items()
            if all(value in SEARCH_FILTERS[name](meta) for name, value in choice.items())
        }

    with SiteServer(archive / "site") as server:
        context, log = new_context(chromium, 1280, server)
        page = context.new_page()
        goto(page, server, "/")
        only_projects = {"type": {"any": ["Prosjekt"]}}
        found = page.evaluate(FILTERED, only_projects)
        assert set(found["urls"]) == set(projects)
        # The count of every value of every filter, among the projects.
        choices = []
        for name, values_of in SEARCH_FILTERS.items():
            counts = {value: n for value, n in found["counts"][name].items() if n}
            want: dict[str, int] = {}
            for meta in projects.values():
                for value in values_of(meta):
                    want[value] = want.get(value, 0) + 1
            assert counts == want, name
            assert len(want) >= 3, f"{name}: the archive should use several values"
            ordered = sorted(want, key=lambda value: (want[value], value))
            choices += [{name: ordered[0]}, {name: ordered[-1]}]  # rarest and commonest
        # One combination: two filters narrow to the projects that have both values.
        region, group = choices[1]["region"], choices[3]["pasientgruppe"]
        choices.append({"region": region, "pasientgruppe": group})
        for choice in choices:
            filters = {**only_projects, **{k: {"any": [v]} for k, v in choice.items()}}
            want_urls = expected(choice)
            assert want_urls, choice
            assert set(page.evaluate(FILTERED, filters)["urls"]) == want_urls, choice
        # With a region chosen, the counts of the other filters are among that region's
        # projects, and the regions' own counts ignore the region choice (so a second region
        # can be added: values of one filter combine with "any").
        narrowed = page.evaluate(FILTERED, {**only_projects, "region": {"any": [region]}})
        in_region = [m for m in projects.values() if region in SEARCH_FILTERS["region"](m)]
        for name, values_of in SEARCH_FILTERS.items():
            pool = list(projects.values()) if name == "region" else in_region
            want = {}
            for meta in pool:
                for value in values_of(meta):
                    want[value] = want.get(value, 0) + 1
            assert {v: n for v, n in narrowed["counts"][name].items() if n} == want, name
        # A value no project has finds nothing (the filter is not ignored).
        nothing = {**only_projects, "region": {"any": ["Ingen slik region"]}}
        assert page.evaluate(FILTERED, nothing)["urls"] == []
        assert log.foreign == []
        context.close()
