"""The filter form on /prosjekt/ in Chromium: it narrows all projects to exactly the
front-matter matches of a two-facet choice, keeps the choice in the address, Back restores the
previous state, and axe finds nothing on the filtered list or on /nokkeltall/."""

from __future__ import annotations

import re
from collections import Counter

import pytest

pytest.register_assert_rewrite("browser")
from browser import format_violation, goto, new_context, run_axe  # noqa: E402
from conftest import front_matters, vocabulary

pytest_plugins = ["browser"]
pytestmark = pytest.mark.browser


def busiest_pair(projects: list[dict]) -> tuple[str, str, list[str]]:
    """The region and patient group with most projects in common (chosen from front matter,
    so the test does not pin today's content), and the titles that match both."""
    pairs = Counter(
        (region, group)
        for m in projects
        for region in m["regions"] or []
        for group in m.get("patient_groups") or []
    )
    (region, group), _ = pairs.most_common(1)[0]
    titles = [
        m["title"]
        for m in projects
        if region in (m["regions"] or []) and group in (m.get("patient_groups") or [])
    ]
    return region, group, titles


CARD_TITLES = """() => [...document.querySelectorAll('#filterresultat article h2 a')]
  .map(a => a.textContent.trim())"""


def test_filters_narrow_update_the_address_and_back_restores(audit_site, site_server, chromium):
    projects = front_matters()
    region, group, expected = busiest_pair(projects)
    assert 0 < len(expected) < len(projects)
    region_slug, group_slug = vocabulary("regions")[region], vocabulary("patient_groups")[group]
    context, _ = new_context(chromium, 1280, site_server)
    page = context.new_page()
    goto(page, site_server, "/prosjekt/")
    form = page.locator("#prosjektfilter")
    assert form.is_visible()
    region_box = form.get_by_role("group", name="Region").get_by_role(
        "checkbox", name=re.compile("^" + re.escape(f"{region} ("))
    )
    region_box.check()
    assert f"region={region_slug}" in page.url
    form.get_by_role("group", name="Pasientgruppe").get_by_role(
        "checkbox", name=re.compile("^" + re.escape(f"{group} ("))
    ).check()
    assert f"region={region_slug}" in page.url and f"pasientgruppe={group_slug}" in page.url
    assert sorted(page.evaluate(CARD_TITLES)) == sorted(expected)
    status = page.locator("#filterstatus")
    assert status.get_attribute("role") == "status"
    assert f"{len(expected)} av {len(projects)}" in status.inner_text()
    assert page.locator(".pagination").first.is_hidden()

    violations = run_axe(page)
    filtered_url = page.url
    page.go_back()  # one choice undone: the region only
    assert "pasientgruppe" not in page.url and f"region={region_slug}" in page.url
    in_region = [m["title"] for m in projects if region in (m["regions"] or [])]
    assert sorted(page.evaluate(CARD_TITLES)) == sorted(in_region)
    page.go_back()  # nothing chosen: the full, server-rendered list is back
    assert "?" not in page.url
    assert page.locator("#filterresultat").is_hidden()
    assert not page.locator("#prosjektfilter input:checked").count()

    # A shared address opens the same filtered list.
    goto(page, site_server, filtered_url.removeprefix(site_server.origin))
    assert sorted(page.evaluate(CARD_TITLES)) == sorted(expected)

    goto(page, site_server, "/nokkeltall/")
    assert page.locator("figure.bar-chart svg[role=img]").count()
    violations_figures = run_axe(page)
    context.close()
    problems = [format_violation("/prosjekt/ (filtrert)", "1280", v) for v in violations]
    problems += [format_violation("/nokkeltall/", "1280", v) for v in violations_figures]
    assert not problems, "\n".join(problems)
