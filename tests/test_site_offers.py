"""Nothing offered that cannot be had, and no claim no source makes, on the real site as
built (issue 24): listings with no projects, episodes without audio, tools without a file,
the annual report's project names, InnoMed's social links; and the fixed texts the
templates print where no source says them."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from innomed.pipeline import load_content

from conftest import REPO

pytestmark = pytest.mark.build


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def sitemap_paths(site) -> set[str]:
    text = (site / "sitemap.xml").read_text(encoding="utf-8")
    return {urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", text)}


def internal_targets(site) -> set[str]:
    """Every built page some page links to, as a site path ending in /."""
    root = site.resolve()
    targets = set()
    for page in site.rglob("*.html"):
        for link in soup(page).find_all("a", href=True):
            href = link["href"].split("#")[0]
            if not href or "://" in href or href.startswith(("mailto:", "tel:")):
                continue
            target = (page.parent / href).resolve()
            if target.is_relative_to(root):
                path = "/" + target.relative_to(root).as_posix()
                targets.add(path.removesuffix("index.html").rstrip("/") + "/")
    return targets


def test_a_term_with_no_projects_is_not_built_linked_or_in_the_sitemap(real_site):
    catalog = load_content(REPO).catalog
    sitemap = sitemap_paths(real_site)
    linked = internal_targets(real_site)
    empty = []
    for taxonomy in catalog.taxonomies.values():
        for term, projects in taxonomy.members.items():
            path = f"/{taxonomy.path}/{term.slug}/"
            if projects:
                assert (real_site / path.strip("/") / "index.html").exists(), path
                assert path in sitemap, path
                continue
            empty.append(path)
            assert not (real_site / path.strip("/")).exists(), path
            assert path not in sitemap and path not in linked, path
        if not any(taxonomy.members.values()):
            assert not (real_site / taxonomy.path).exists(), taxonomy.path
            assert f"/{taxonomy.path}/" not in sitemap
    # The real content has such terms (no project has a phase; none the theme Oppgavedeling).
    assert "/temaer/oppgavedeling/" in empty and "/faser/konsept/" in empty
    for page in real_site.rglob("*.html"):
        assert "Ingen prosjekter ennå" not in page.read_text(encoding="utf-8"), page
    for taxonomy in catalog.taxonomies.values():
        index = real_site / taxonomy.path / "index.html"
        if index.exists():
            counts = [row.find_all("td")[-1].get_text() for row in soup(index).select("tbody tr")]
            assert counts and "0" not in counts, taxonomy.path


def test_an_episode_without_audio_links_to_the_series_at_both_services(real_site):
    content = load_content(REPO)
    wanted = {link.service: link.url for link in content.series.meta.links}
    # The annual report gives both addresses (Spotify's with tracking parameters, left out).
    assert wanted == {
        "Podbean": "https://helseinnovasjon.podbean.com/",
        "Spotify": "https://open.spotify.com/show/5mFXEiCrM3ZYBLkrslggfo",
    }
    episodes = sorted((real_site / "podcast").glob("*/index.html"))
    assert len(episodes) == 8
    for page in episodes:
        html = soup(page)
        if html.find("audio"):
            continue
        note = html.select_one("article p.note")
        assert note is not None, page
        links = {a.get_text(): a["href"] for a in note.find_all("a")}
        assert links == wanted, page
        assert "ligger ikke på innomed.no" in note.get_text(), page
        assert "ennå" not in note.get_text(), page


def test_a_tool_without_a_file_does_not_look_downloadable(real_site):
    content = load_content(REPO)
    tools = {tool.slug: tool for tool in content.tools}
    without = [slug for slug, tool in tools.items() if not tool.meta.downloads]
    assert without  # the real tools have no files yet
    for slug in without:
        html = soup(real_site / "verktoy" / slug / "index.html")
        article = html.find("article")
        headings = [h.get_text(" ", strip=True).rstrip("¶").strip() for h in article.find_all("h2")]
        assert "Last ned" not in headings, slug
        assert not article.select("a[download], .downloads"), slug
        for link in article.find_all("a", href=True):
            assert "filer/" not in link["href"], (slug, link["href"])
        # It says there is no file, and then what the sources say about getting it.
        section = article.find(id="tilgang-til-verktoyet").find_next("p").get_text()
        assert section.startswith("Det ligger ingen fil til nedlasting her."), slug
        assert tools[slug].meta.how_to_get.split(",")[0] in section, slug
        assert "Slik får du" not in article.get_text(), slug


def test_every_allocation_on_the_annual_report_page_links_to_its_project(real_site):
    content = load_content(REPO)
    wanted: dict[str, list[str]] = {}
    for project in content.catalog.projects:
        for support in project.meta.support:
            if support.round and support.round.startswith("2025-"):
                wanted.setdefault(support.round[-2:], []).append(project.slug)
    page = soup(real_site / "om" / "arsrapport-2025" / "index.html")
    found: dict[str, list[str]] = {}
    for round_ in ("S1", "S2", "S3"):
        heading = page.find("h3", id=f"soknadsrunde-{round_[-1]}-{round_.lower()}")
        items = heading.find_next("ul").find_all("li")
        for item in items:
            links = item.find_all("a", href=True)
            assert len(links) == 1, item.get_text()
            assert links[0].get_text(" ", strip=True) == item.get_text(" ", strip=True)
            href = links[0]["href"]
            assert href.startswith("../../prosjekt/"), href
            found.setdefault(round_, []).append(href.split("/")[-2])
    # 39 allocations (16, 11, 12), each to the page of the project the catalog gives it to.
    assert [len(found[r]) for r in ("S1", "S2", "S3")] == [16, 11, 12]
    assert {r: sorted(s) for r, s in found.items()} == {r: sorted(s) for r, s in wanted.items()}


SOCIAL = {
    # The annual report's addresses (2.13); its LinkedIn one is an administrator's view of
    # the company page (/company/69840490/admin/feed/posts/), so the public page is linked.
    "InnoMed på LinkedIn": "https://www.linkedin.com/company/69840490/",
    "InnoMed på Instagram": "https://www.instagram.com/innomednorge/",
    "InnoMed på Facebook": "https://www.facebook.com/people/InnoMed/100057582304243/",
}
SOCIAL_HOSTS = ("linkedin.", "instagram.", "facebook.", "fbcdn.", "licdn.")


def test_every_footer_links_to_innomeds_social_pages_and_nothing_is_fetched_from_them(
    real_site,
):
    pages = list(real_site.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        if "admin" in page.relative_to(real_site).parts:
            continue
        html = soup(page)
        footer = html.select_one(".innomed-footer-links")
        if html.find("meta", attrs={"http-equiv": "refresh"}):
            continue  # an old address's redirect page has no footer
        assert footer is not None, page
        links = {a.get_text(): a["href"] for a in footer.find_all("a")}
        assert {k: v for k, v in links.items() if k.startswith("InnoMed på")} == SOCIAL, page
        # Plain links only: no embed, image, script, style or frame from these services.
        for element in html.find_all(src=True) + html.find_all("link", href=True):
            address = element.get("src") or element.get("href")
            assert not any(host in address for host in SOCIAL_HOSTS), (page, address)
        for element in html.find_all(["iframe", "embed", "object"]):
            raise AssertionError(f"{page}: {element.name}")
    for address in SOCIAL.values():
        assert "?" not in address and "/admin/" not in address


def test_courses_promise_no_way_to_take_them_and_no_price(real_site):
    content = load_content(REPO)
    listing = soup(real_site / "kurs" / "index.html").find("article").get_text(" ", strip=True)
    on_site = any(course.children for course in content.courses)
    assert not on_site  # every module is a draft until InnoMed approves it
    assert "ta nå" not in listing and "Kursinnholdet ligger ikke på nettstedet." in listing
    for course in content.courses:
        page = soup(real_site / "kurs" / course.slug / "index.html")
        text = page.find("article").get_text(" ", strip=True)
        assert "Tilgjengelig" not in text and "ta nå" not in text, course.slug
        for script in page.select('script[type="application/ld+json"]'):
            data = json.loads(script.string)
            assert data["@type"] == "Course" and "isAccessibleForFree" not in data, course.slug
            assert "offers" not in data and "hasCourseInstance" not in data, course.slug
        if course.meta.status == "Kommer":
            # The sources give only the name and the year: no inferred description.
            assert "grunnleggende introduksjon" not in text.lower(), course.slug
            assert "Bakgrunn" not in [h.get_text(" ", strip=True) for h in page.select("h2")]


def body_links(page) -> set:
    """Pages an entry's own text links to: its article before the generated lists."""
    article = soup(page).find("article")
    for heading in article.find_all("h2", id="relaterte-prosjekter"):
        for later in list(heading.find_all_next()):
            later.extract()
        heading.extract()
    return {
        (page.parent / a["href"].split("#")[0]).resolve()
        for a in article.find_all("a", href=True)
        if "://" not in a["href"]
    }


def test_mentions_the_project_only_where_the_text_links_to_it(real_site):
    checked = picked = 0
    for page in sorted((real_site / "prosjekt").glob("*/index.html")):
        html = soup(page)
        for item in html.select("article li"):
            why = item.select_one(".related-why")
            if why is None:
                continue
            target = (page.parent / item.find("a")["href"]).resolve() / "index.html"
            if "Nevner prosjektet" in why.get_text():
                checked += 1
                assert page.parent.resolve() in body_links(target), (page, target)
            if "Valgt av redaksjonen" in why.get_text():
                picked += 1
    assert checked and picked  # the real site has both kinds


def test_an_article_written_from_a_document_says_so_instead_of_a_publication_date(real_site):
    content = load_content(REPO)
    written = [n for n in content.news if n.meta.written_from]
    assert {n.slug for n in written} == {
        "frokostseminarer-i-trondheim-og-tromso",
        "webinar-om-tjenesteprismodeller-sammen-med-nasjonalt-senter-e-helseforskning",
    }
    for news in content.news:
        # Only a source that is the old site's article gives a publication; an article whose
        # every source is the annual report was written for this site.
        from_report_only = all(s.startswith("Årsrapport") for s in news.meta.source)
        page = soup(real_site / "aktuelt" / news.slug / "index.html")
        meta_line = page.select_one("article p.card-meta").get_text()
        jsonld = json.loads(page.select_one('script[type="application/ld+json"]').string)
        if news.meta.written_from:
            assert meta_line == f"Skrevet ut fra {news.meta.written_from}", news.slug
            assert "datePublished" not in jsonld, news.slug
        else:
            assert meta_line.startswith("Publisert "), news.slug
            assert not from_report_only or news.meta.legacy_paths, news.slug


def test_no_person_is_named_as_innomeds_contact_point(real_site):
    # The sources name the secretariat's people but not who questions go to.
    page = soup(real_site / "om" / "organisering" / "index.html")
    people = [li.get_text().split(",")[0] for li in page.select("#sekretariatet ~ ul li")]
    assert "Anita Das" in people
    contact = page.find("h2", id="kontakt")
    section = []
    for sibling in contact.find_next_siblings():
        if sibling.name == "h2":
            break
        section.append(sibling.get_text(" ", strip=True))
    text = " ".join(section)
    assert "soknad" in contact.find_next("p").find("a")["href"]
    assert not [name for name in people if name in text], text
    for built in real_site.rglob("*.html"):
        words = " ".join(built.read_text(encoding="utf-8").split())
        assert "ved sekretariatsleder" not in words, built


def test_tools_give_no_audience_or_how_to_advice_the_sources_do_not_give(real_site):
    # The sources name no tool's audience and give no advice on using one; what they say a
    # tool is, and how projects used it, is told as what happened.
    content = load_content(REPO)
    assert content.tools
    for tool in content.tools:
        article = soup(real_site / "verktoy" / tool.slug / "index.html").find("article")
        headings = {h.get_text(" ", strip=True).rstrip("¶").strip() for h in article("h2")}
        assert not headings & {"Hvem er det for?", "Slik bruker du det"}, tool.slug
        text = article.get_text(" ", strip=True)
        assert "Slik kan prosjektet" not in text and "For:" not in text, tool.slug
        assert not tool.meta.audience, tool.slug
