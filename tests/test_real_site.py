"""One end-to-end build of the real content, checked against the front matter it came from.

The expectations are read straight from the markdown files with PyYAML, independently of the
generator's own reader, so a bug in the pipeline cannot hide itself.
"""

import re
import subprocess
from pathlib import Path

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import REPO, heading_text

pytestmark = pytest.mark.build

SEEDS = REPO.parent / "shared" / "seeds"


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("\n---", 1)[0].removeprefix("---")) or {}


PROJECTS = {path.stem: front_matter(path) for path in sorted((REPO / "projects").glob("*.md"))}


def slug_of(stem: str) -> str:
    return PROJECTS[stem].get("slug") or stem  # file names are the slugs, checked below


def html(site: Path, url_path: str) -> BeautifulSoup:
    path = site / url_path.strip("/") / "index.html" if url_path.strip("/") else site / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def listing_slugs(site: Path, first: str) -> list[str]:
    """Project slugs on a listing and all its following pages, in order."""
    slugs, page, number = [], first.strip("/"), 1
    while True:
        path = site / page / "index.html"
        if not path.is_file():
            return slugs
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for card in soup.select("article.project-card"):
            href = card.select_one("h2 a, h3 a")["href"]
            slugs.append(href.rstrip("/").rsplit("/", 1)[-1])
        number += 1
        page = f"{first.strip('/')}/side/{number}"


def test_every_project_file_name_is_its_slug():
    from innomed.model.slugs import slug_for_title

    for stem, meta in PROJECTS.items():
        assert (meta.get("slug") or slug_for_title(meta["title"])) == stem, stem


def test_project_listing_counts_match_front_matter(real_site):
    slugs = listing_slugs(real_site, "prosjekt")
    assert sorted(slugs) == sorted(slug_of(stem) for stem in PROJECTS)
    count = html(real_site, "prosjekt").select_one(".listing-count").get_text()
    assert count.startswith(f"{len(PROJECTS)} prosjekter.")
    assert sorted(listing_slugs(real_site, "prosjekt/alfabetisk")) == sorted(slugs)


def test_each_region_page_lists_exactly_its_projects(real_site):
    labels = {
        "nord": "Nord",
        "midt-norge": "Midt-Norge",
        "sor-ost": "Sør-Øst",
        "vest": "Vest",
        "nasjonal": "Nasjonal",
    }
    for slug, label in labels.items():
        expected = sorted(slug_of(s) for s, m in PROJECTS.items() if label in m["regions"])
        assert sorted(listing_slugs(real_site, f"regioner/{slug}")) == expected, label
        assert heading_text(html(real_site, f"regioner/{slug}").h1) == label


def test_patient_group_and_round_pages_match_front_matter(real_site):
    group = "Barn og unge"
    expected = sorted(
        slug_of(s) for s, m in PROJECTS.items() if group in (m.get("patient_groups") or [])
    )
    assert sorted(listing_slugs(real_site, "pasientgrupper/barn-og-unge")) == expected
    round_2026 = sorted(
        slug_of(s)
        for s, m in PROJECTS.items()
        if any(i.get("round") == "2026-S1" for i in m.get("support") or [])
    )
    assert round_2026 and sorted(listing_slugs(real_site, "tildelinger/2026/s1")) == round_2026


def test_fact_boxes_show_the_front_matter(real_site):
    from innomed.generate.projects import translator

    for stem, meta in PROJECTS.items():
        soup = html(real_site, f"prosjekt/{slug_of(stem)}")
        box = soup.select_one("section.fact-box dl")
        facts = {
            dt.get_text(strip=True): [
                dd.get_text(" ", strip=True) for dd in dt.find_next_siblings("dd")
            ]
            for dt in box.find_all("dt")
        }
        tr = translator(meta.get("lang", "nb"))  # labels and words in the page's written form
        assert facts["Type"][0] == tr(meta["kind"])
        if meta.get("status"):
            assert facts["Status"][0] == tr(meta["status"])
        else:  # unknown: left out, never a guess
            assert "Status" not in facts
        if meta.get("owner"):
            assert facts[tr("Prosjekteier")][0] == meta["owner"]
        else:
            assert tr("Prosjekteier") not in facts
        regions = facts.get("Region", facts.get(tr("Regioner")))
        if meta["regions"]:
            assert all(region in " ".join(regions) for region in meta["regions"])
        else:  # unknown: the row is left out, never shown as "Ikke oppgitt"
            assert regions is None
        assert heading_text(soup.h1) == meta["title"]


def test_project_pages_link_to_their_listings(real_site):
    soup = html(real_site, "prosjekt/prosjekterfaring-prehabilitering-kolorektalkreft")
    hrefs = {a["href"] for a in soup.select("section.fact-box a")}
    assert "../../regioner/vest/" in hrefs
    assert "../../tildelinger/2025/s2/" in hrefs
    assert "../../temaer/kreft/" in hrefs


def test_legacy_paths_resolve(real_site):
    for meta in PROJECTS.values():
        for legacy in meta.get("legacy_paths") or []:
            target = real_site / legacy.strip("/") / "index.html"
            assert target.is_file(), legacy
            soup = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
            refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
            if refresh:  # a redirect page: its target must exist
                new = refresh["content"].split("url=", 1)[1]
                assert (real_site / new.strip("/") / "index.html").is_file()


# Old innomed.no addresses cited in the seeds, kept in the repo so a clone without shared/
# still checks them; the next test keeps the list in step with the seeds when they are there.
OLD_SITE_PATHS = (REPO / "tests/data/old_site_paths.txt").read_text().split()


def test_old_site_addresses_cited_in_the_seeds_still_work(real_site):
    assert len(OLD_SITE_PATHS) >= 9
    for path in OLD_SITE_PATHS:
        assert (real_site / path.strip("/") / "index.html").is_file(), path


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside this clone")
def test_old_site_path_list_matches_the_seeds():
    cited = set()
    for seed in SEEDS.glob("*.txt"):
        cited |= set(
            re.findall(
                r"innomed\.no(/(?:prosjekt|aktuelt)/[a-z0-9\-]+)", seed.read_text(encoding="utf-8")
            )
        )
    assert sorted(cited) == OLD_SITE_PATHS


def test_nynorsk_pages_are_marked(real_site):
    nynorsk = [stem for stem, meta in PROJECTS.items() if meta.get("lang") == "nn"]
    assert nynorsk
    for stem, meta in PROJECTS.items():
        soup = html(real_site, f"prosjekt/{slug_of(stem)}")
        assert soup.html["lang"] == meta.get("lang", "nb"), stem
    soup = html(real_site, f"prosjekt/{slug_of(nynorsk[0])}")
    assert soup.select_one("a.md-skip").get_text(strip=True) == "Gå til innhald"
    cards = html(real_site, "prosjekt").select('article.project-card[lang="nn"]') + html(
        real_site, "prosjekt/side/2"
    ).select('article.project-card[lang="nn"]')
    assert cards


def test_norwegian_heading_anchors_stay_readable(real_site):
    soup = html(real_site, "prosjekt/prosjekterfaring-prehabilitering-kolorektalkreft")
    ids = {h.get("id") for h in soup.select("h2, h3")}
    assert "gjennomforing" in ids and "resultater-og-laering" in ids


def test_project_pages_stay_out_of_the_sidebar_and_pages_stay_small(real_site):
    for page in real_site.rglob("index.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        nav = soup.select_one("nav.md-nav--primary")
        if nav is None:
            continue  # redirect pages have no theme
        assert not [
            a
            for a in nav.select("a[href]")
            if re.search(r"prosjekt/[a-z0-9-]+/$", a["href"])
            and not a["href"].endswith(("alfabetisk/", "prosjekt/"))
        ], page
        assert len(soup.find_all("a")) < 400, page
        assert page.stat().st_size < 200_000, page


def test_norwegian_alphabetical_order(real_site):
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ"
    groups, titles = [], []
    for page in ("prosjekt/alfabetisk", "prosjekt/alfabetisk/side/2"):
        soup = html(real_site, page)
        groups += [
            heading_text(h)
            for h in soup.select("article h2, .md-content h2")
            if len(heading_text(h)) == 1
        ]
        titles += [heading_text(h) for h in soup.select("article.project-card h3")]
    letters = list(dict.fromkeys(groups))  # a letter may continue on the next page
    assert letters == sorted(letters, key=alphabet.index)
    assert "Én vei inn – felles psykisk helsemottak" in titles
    assert titles.index("Én vei inn – felles psykisk helsemottak") < titles.index(
        "Forebygging av spiseforstyrrelse, med fokus på mat og kropp"
    )


def test_courses_list_live_first_and_show_only_published_modules(real_site):
    courses = html(real_site, "kurs")
    headings = [heading_text(h) for h in courses.select("h2")]
    indexes = {p.parent.name: front_matter(p) for p in (REPO / "courses").glob("*/index.md")}
    live = [m["title"] for m in indexes.values() if m["status"] == "Tilgjengelig"]
    if live:
        # "ta nå" only when a module of a launched course is published: then it can be taken.
        takeable = any(
            not front_matter(REPO / "courses" / folder / f"{m}.md").get("draft")
            for folder, meta in indexes.items()
            if meta["status"] == "Tilgjengelig"
            for m in meta.get("modules", [])
        )
        first = "Kurs du kan ta nå" if takeable else "Kurs InnoMed tilbyr"
        assert headings[0] == first
        shown = [heading_text(h) for h in courses.select(f"h2:-soup-contains('{first}') ~ h3")]
        assert set(live) <= set(shown)
    for folder, meta in indexes.items():
        published = [
            m
            for m in meta.get("modules", [])
            if not front_matter(REPO / "courses" / folder / f"{m}.md").get("draft")
        ]
        course = html(real_site, f"kurs/{folder}")
        links = course.select("h2#moduler + ol li a")
        assert [a["href"].strip("/") for a in links] == published
        for position, module in enumerate(published, start=1):
            page = html(real_site, f"kurs/{folder}/{module}")
            text = page.select_one(".module-position").get_text(strip=True)
            assert text.startswith(f"Modul {position} av {len(published)}")
        for module in set(meta.get("modules", [])) - set(published):  # drafts are not built
            assert not (real_site / "kurs" / folder / module).exists()
        if meta.get("participant_score"):
            assert (
                f"{meta['participant_score']:.2f}".replace(".", ",") + " av 5" in course.get_text()
            )


def test_feeds_parse_and_leave_out_episodes_without_audio(real_site):
    episodes = [front_matter(p) for p in (REPO / "podcast").glob("[0-9]*.md")]
    audio = [e for e in episodes if e.get("audio") and not e.get("draft")]
    feed = real_site / "podcast/feed.xml"
    # Our own feed only once an episode has audio: an empty feed is a dead end.
    assert feed.is_file() == bool(audio)
    assert bool(html(real_site, "podcast").find("a", href="feed.xml")) == bool(audio)
    if audio:
        podcast = feedparser.parse(feed.read_bytes())
        assert not podcast.bozo and len(podcast.entries) == len(audio)
        channel = BeautifulSoup(feed.read_bytes(), "xml").rss.channel
        assert channel.find("itunes:image") and channel.find("itunes:owner")
    series = front_matter(REPO / "podcast/index.md")
    listing = html(real_site, "podcast")
    for service in series.get("links", []):  # subscribers are sent where the episodes are
        assert listing.find("a", href=service["url"])
    assert html(real_site, "aktuelt").find("a", href="feed.xml")
    news = feedparser.parse((real_site / "aktuelt/feed.xml").read_bytes())
    published = [
        p for p in (REPO / "content/aktuelt").glob("*.md") if not front_matter(p).get("draft")
    ]
    assert not news.bozo and news.version == "atom10"
    assert len(news.entries) == len(published)
    assert all(entry.link.startswith("https://innomed.no/aktuelt/") for entry in news.entries)


def last_commit_date(path: Path) -> str | None:
    """The file's last commit date straight from git (None when it is not committed)."""
    result = subprocess.run(
        ["git", "log", "-1", "--format=%cs", "--", str(path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result.stdout.strip() or None if result.returncode == 0 else None


def test_sitemap_dates_come_from_content_not_the_clock(real_site):
    """lastmod is front matter `updated`, else the file's last commit, else `published`:
    never the build date, so a generator that stamps today's date fails here."""
    sitemap = BeautifulSoup((real_site / "sitemap.xml").read_text(), "xml")
    lastmod = {
        url.loc.get_text(): url.lastmod.get_text() if url.lastmod else None
        for url in sitemap.select("url")
    }
    assert len(lastmod) > 100
    checked = 0
    for stem, meta in PROJECTS.items():
        expected = (
            meta.get("updated")
            or last_commit_date(REPO / "projects" / f"{stem}.md")
            or meta.get("published")
        )
        if expected is None:
            continue  # a new file not committed yet: nothing independent to compare with
        loc = f"https://innomed.no/prosjekt/{slug_of(stem)}/"
        assert lastmod.get(loc) == str(expected), (loc, lastmod.get(loc), expected)
        checked += 1
    assert checked >= len(PROJECTS) // 2, "too few committed projects to check lastmod against"


def test_rebuild_is_byte_identical(real_site, tmp_path):
    from innomed.pipeline import build_site

    again = tmp_path / "site"
    build_site(REPO, again)

    # The search index (sokeindeks/) too: its page ids follow the sorted URLs.
    def files(site):
        return {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}

    first, second = files(real_site), files(again)
    assert first.keys() == second.keys()
    assert [str(path) for path in first if first[path] != second[path]] == []


def test_tool_downloads_state_type_size_and_date(real_site):
    for path in sorted((REPO / "content/verktoy").glob("*.md")):
        meta = front_matter(path)
        if meta.get("draft"):
            assert not (real_site / "verktoy" / path.stem).exists()
            continue
        soup = html(real_site, f"verktoy/{path.stem}")
        items = soup.select("h2#last-ned + ul li")
        assert len(items) == len(meta.get("downloads", [])), path.name
        for item in items:
            link = item.find("a")
            assert (real_site / "verktoy" / link["href"].removeprefix("../")).is_file()
            assert re.search(
                r"\(\w[\w-]*, \d+(,\d)? (byte|kB|MB)(, oppdatert \d+\. \w+ \d{4})?\)",
                item.get_text(),
            ), item.get_text()
        if not items:
            # No file: the page says how the tool may be had, and offers no download.
            assert soup.select_one("h2#tilgang-til-verktoyet"), path.name
            assert "Det ligger ingen fil til nedlasting her." in soup.get_text(), path.name


def test_sharing_metadata_and_structured_data(real_site):
    import json

    soup = html(real_site, "prosjekt/prosjekterfaring-prehabilitering-kolorektalkreft")
    meta = {
        tag.get("property") or tag.get("name"): tag.get("content")
        for tag in soup.select("head meta[property], head meta[name]")
    }
    assert meta["og:title"] == "Prosjekterfaring: Prehabilitering for kolorektalkreft"
    assert meta["og:type"] == "article" and meta["og:locale"] == "nb_NO"
    assert meta["og:url"] == (
        "https://innomed.no/prosjekt/prosjekterfaring-prehabilitering-kolorektalkreft/"
    )
    assert meta["og:description"] and meta["twitter:card"] == "summary"
    assert soup.select_one('link[rel="canonical"]')["href"] == meta["og:url"]
    [script] = soup.select('script[type="application/ld+json"]')
    data = json.loads(script.string)
    assert data["@type"] == "Article" and data["headline"] == meta["og:title"]
    episode = json.loads(
        html(real_site, "podcast/06-mila-mitt-liv-mitt-ansvar")
        .select_one('script[type="application/ld+json"]')
        .string
    )
    assert episode["@type"] == "PodcastEpisode" and episode["episodeNumber"] == 6
    course = json.loads(
        html(real_site, "kurs/fasilitering").select_one('script[type="application/ld+json"]').string
    )
    assert course["@type"] == "Course"
    assert course.get("timeRequired", "PT").startswith("PT")  # only when a length is known
    nynorsk = [s for s, m in PROJECTS.items() if m.get("lang") == "nn"][0]
    assert (
        html(real_site, f"prosjekt/{slug_of(nynorsk)}").select_one('meta[property="og:locale"]')[
            "content"
        ]
        == "nn_NO"
    )


def test_accessibility_statement_is_linked_from_every_page(real_site):
    for page in real_site.rglob("index.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        if soup.select_one("footer") is None:
            continue  # redirect pages
        targets = {
            (page.parent / a["href"]).resolve()
            for a in soup.select("footer a")
            if not a["href"].startswith(("http:", "https:"))
        }
        assert (real_site / "tilgjengelighetserklaering").resolve() in targets, page


def test_every_list_item_stays_one_item(real_site):
    """A template line that ends in `{% endif %}` loses its line break (trim_blocks), and
    markdown then runs the next item into it: "Forside2. Prosjekter" in one breadcrumb."""
    for page in sorted(real_site.rglob("index.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for item in soup.select("nav.breadcrumbs li, .link-list li"):
            assert len(item.find_all("a")) == 1, f"{page.relative_to(real_site)}: {item}"
