"""The key figures page (/nokkeltall/) agrees with the projects' front matter, counted here
independently of the generator, and says where and why it differs from the annual report."""

from __future__ import annotations

import re
from collections import Counter

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import REPO, front_matters


def year_of(support: dict) -> int:
    return int(str(support["round"])[:4]) if support.get("round") else int(support["year"])


def as_list(value) -> list:
    return [] if value is None else value if isinstance(value, list) else [value]


def expected(year: int) -> dict:
    projects = [m for m in front_matters() if any(year_of(s) == year for s in m["support"])]
    supports = [s for m in projects for s in m["support"] if year_of(s) == year]
    regions = Counter(r for m in projects for r in set(as_list(m["regions"])))
    if any(not m["regions"] for m in projects):
        regions["Ingen region oppgitt"] = sum(1 for m in projects if not m["regions"])
    return {
        "projects": len(projects),
        "allocations": len(supports),
        "regions": regions,
        "rounds": Counter(
            str(s["round"]).split("-")[1] if s.get("round") else "Uten oppgitt runde"
            for s in supports
        ),
        "support": Counter(s["type"] for s in supports if s.get("type")),
        "patient_groups": Counter(
            g for m in projects for g in set(as_list(m.get("patient_groups")))
        ),
    }


def table_after(heading) -> dict:
    """{first cell: second cell as int} of the first table after a heading."""
    table = heading.find_next("table")
    return {
        row.find_all("td")[0].get_text(strip=True): int(row.find_all("td")[1].get_text(strip=True))
        for row in table.find("tbody").find_all("tr")
    }


def section(soup, year: int, title: str):
    year_heading = soup.find("h2", id=str(year))
    for heading in year_heading.find_all_next("h3"):
        if heading.find_previous("h2") is not year_heading:
            break
        if heading.get_text(strip=True).rstrip("¶") == title:
            return heading
    raise AssertionError(f"no '{title}' under {year}")


@pytest.fixture(scope="module")
def page(real_site) -> BeautifulSoup:
    return BeautifulSoup(
        (real_site / "nokkeltall/index.html").read_text(encoding="utf-8"), "html.parser"
    )


@pytest.mark.build
def test_counts_per_year_agree_with_front_matter(page):
    years = sorted({year_of(s) for m in front_matters() for s in m["support"]})
    overview = page.find("h2", id="prosjekter-per-ar").find_next("table")
    rows = {
        tr.find_all("td")[0].get_text(strip=True): [td.get_text(strip=True) for td in tr("td")]
        for tr in overview.find("tbody")("tr")
    }
    assert sorted(rows) == [str(y) for y in years]
    for year in years:
        want = expected(year)
        assert rows[str(year)][1:3] == [str(want["projects"]), str(want["allocations"])]
        shown = table_after(section(page, year, "Prosjekter per region"))
        assert {k: v for k, v in shown.items() if v} == dict(want["regions"])
        shown = table_after(section(page, year, "Tildelinger per søknadsrunde"))
        assert shown == dict(want["rounds"])
        shown = table_after(section(page, year, "Tildelinger per type støtte"))
        assert {k: v for k, v in shown.items() if v} == dict(want["support"])
        if want["patient_groups"]:
            shown = table_after(section(page, year, "Prosjekter per pasientgruppe"))
            assert {k: v for k, v in shown.items() if v} == dict(want["patient_groups"])


@pytest.mark.build
def test_each_chart_is_one_named_image_matching_its_table(page):
    charts = page.select("figure.bar-chart svg")
    assert charts
    for svg in charts:
        assert svg["role"] == "img"
        names = svg["aria-labelledby"].split()
        assert all(page.find(id=name) for name in names)
        caption = page.find(id=names[1]).get_text(strip=True)
        table = svg.find_next("table")
        values = {
            tr("td")[0].get_text(strip=True): tr("td")[1].get_text(strip=True)
            for tr in table.find("tbody")("tr")
        }
        # The text summary names every non-zero value of the table, and the bars are as many
        # as the rows, longest for the largest value.
        for label, value in values.items():
            if value != "0":
                assert f"{label}: {value}" in caption
        widths = [float(rect["width"]) for rect in svg.find_all("rect")]
        numbers = [int(v) for v in values.values()]
        assert len(widths) == len(numbers)
        assert widths.index(max(widths)) == numbers.index(max(numbers))


@pytest.mark.build
def test_differences_from_the_annual_report_are_explained(page):
    reports = yaml.safe_load((REPO / "data/annual_reports.yml").read_text(encoding="utf-8"))
    for year, reported in reports.items():
        want = expected(year)
        regions = section(page, year, "Prosjekter per region")
        note = regions.find_next("p", class_="figure-note")
        differs = any(want["regions"].get(k, 0) != v for k, v in reported["regions"].items())
        in_section = note and note.find_previous("h3") is regions
        assert bool(in_section) == differs
        if differs and want["regions"].get("Ingen region oppgitt"):
            assert (
                f"{want['regions']['Ingen region oppgitt']} prosjekter har ingen region"
                in note.text
            )
        if differs:  # the report's own rule, and every project counted in several regions
            assert "plasserer hvert prosjekt i én region" in note.text
            several = [
                m["title"]
                for m in front_matters()
                if len(as_list(m["regions"])) > 1 and any(year_of(s) == year for s in m["support"])
            ]
            assert all(title in note.text for title in several)
        support = section(page, year, "Tildelinger per type støtte")
        note = support.find_next("p", class_="figure-note")
        differs = any(want["support"].get(k, 0) != v for k, v in reported["support_types"].items())
        assert bool(note and note.find_previous("h3") is support) == differs
        untyped = [
            m["title"]
            for m in front_matters()
            for s in m["support"]
            if year_of(s) == year and not s.get("type")
        ]
        for title in untyped:
            assert title in note.text and "oppgir ingen kilde typen" in note.text


@pytest.mark.build
def test_the_reports_own_figures_stand_beside_the_front_matter_marked_as_the_reports(page):
    reports = yaml.safe_load((REPO / "data/annual_reports.yml").read_text(encoding="utf-8"))
    for year, reported in reports.items():
        for title, name in (
            ("Prosjekter per type innovasjon", "innovation_types"),
            ("Prosjekter per forventet leveranse", "deliverables"),
        ):
            heading = section(page, year, title)
            table = heading.find_next("div", class_="report-figure").find("table")
            assert table.find_previous("h3") is heading
            assert [th.get_text(strip=True) for th in table("th")][1] == "Årsrapportens tall"
            shown = {
                tr("td")[0].get_text(strip=True): tr("td")[1].get_text(strip=True)
                for tr in table.find("tbody")("tr")
            }
            assert shown == {k: f"{v} %" for k, v in reported[name].items()}
        intro = page.find("h2", id=str(year)).find_next("p").get_text(" ", strip=True)
        assert f"Årsrapporten oppgir {reported['applications']} søknader" in intro


@pytest.mark.build
def test_a_year_without_rounds_says_it_counts_only_the_projects_on_the_site(page):
    for year in sorted({year_of(s) for m in front_matters() for s in m["support"]}):
        supports = [s for m in front_matters() for s in m["support"] if year_of(s) == year]
        intro = page.find("h2", id=str(year)).find_next("p").get_text(" ", strip=True)
        caveat = "ikke alle tildelingene det året" in intro
        assert caveat == (not any(s.get("round") for s in supports)), year


@pytest.mark.build
def test_annual_report_links_to_the_key_figures(real_site):
    soup = BeautifulSoup(
        (real_site / "om/arsrapport-2025/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    link = soup.find("a", string="Nøkkeltall")
    assert link and link["href"] == "../../nokkeltall/"


@pytest.mark.unit
def test_annual_report_figures_match_the_report_page():
    """data/annual_reports.yml repeats the report's tables; they must not drift apart."""
    reports = yaml.safe_load((REPO / "data/annual_reports.yml").read_text(encoding="utf-8"))
    for reported in reports.values():
        text = (REPO / "content" / reported["page"]).read_text(encoding="utf-8")
        rows = dict(re.findall(r"^\| ([^|]+?) \| (\d+) \|$", text, re.M))
        for region, count in reported["regions"].items():
            assert rows[region] == str(count)
        assert rows["Totalt"] == str(reported["projects"])
        assert rows["Unike prosjekter som fikk støtte"] == str(reported["projects"])
        assert rows["Tildelinger (innvilgede søknader)"] == str(reported["allocations"])
        rounds = dict(re.findall(r"^\| (S\d) \| [^|]+ \| (\d+) \|$", text, re.M))
        assert rounds == {k: str(v) for k, v in reported["rounds"].items()}
        assert rows["Tildelinger som inkluderte skreddersydd prosessveiledning"] == str(
            reported["support_types"]["Skreddersydd innovasjonsrådgivning"]
        )
        assert rows["Tildelinger som inkluderte gruppebasert prosessveiledning"] == str(
            reported["support_types"]["Gruppebasert prosessveiledning"]
        )
        assert rows["Søknader om prosessveiledning"] == str(reported["applications"])
        shares = dict(re.findall(r"^\| ([^|]+?) \| (\d+) % \|$", text, re.M))
        for name in ("innovation_types", "deliverables"):
            for label, value in reported[name].items():
                assert shares[label] == str(value), label
