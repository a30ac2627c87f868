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
    form.locator(".filter-panel > summary").click()
    for name in ("Region", "Pasientgruppe"):
        form.locator(".filter-group > summary", has_text=name).click()
    region_box = form.get_by_role("group", name="Region").get_by_role(
        "checkbox", name=re.compile("^" + re.escape(f"{region} ("))
    )
    region_box.check()
    assert f"region={region_slug}" in page.url
    # Each patient group's count is now its projects in the chosen region.
    in_region = [m for m in projects if region in (m["regions"] or [])]
    group_counts = Counter(g for m in in_region for g in m.get("patient_groups") or [])
    for label, count in group_counts.items():
        box = form.get_by_role("group", name="Pasientgruppe").get_by_role(
            "checkbox", name=re.compile("^" + re.escape(f"{label} ("))
        )
        assert box.locator("xpath=..").inner_text().strip().endswith(f"({count})"), label
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


LAYOUT_SHIFT = """() => new Promise((done) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
  requestAnimationFrame(() => requestAnimationFrame(() => done(total)));
})"""


def test_on_a_phone_the_form_is_compact_nothing_shifts_and_the_count_stays_in_view(
    audit_site, site_server, chromium
):
    context, _ = new_context(chromium, 375, site_server)
    page = context.new_page()
    goto(page, site_server, "/prosjekt/")
    page.wait_for_load_state("load")
    height = page.viewport_size["height"]
    # Laid out from the first paint: the page does not move when the script runs.
    assert page.evaluate(LAYOUT_SHIFT) < 0.05
    first_card = page.locator(".project-cards .project-card").first
    assert first_card.bounding_box()["y"] < height, "the first project is below the screen"
    status = page.locator("#filterstatus")
    page.locator(".filter-panel > summary").click()
    page.locator(".filter-group > summary", has_text="Pasientgruppe").click()
    box = page.get_by_role("group", name="Pasientgruppe").get_by_role("checkbox").last
    box.scroll_into_view_if_needed()
    box.check()
    page.wait_for_function(
        "() => / av \\d+ prosjekter/.test(document.querySelector('#filterstatus').textContent)"
    )
    top = status.bounding_box()["y"]
    assert 0 <= top < height, ("the count is out of view", top)
    problems = [format_violation("/prosjekt/ (filter åpent)", "375", v) for v in run_axe(page)]
    context.close()
    assert not problems, "\n".join(problems)
