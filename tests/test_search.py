"""Site search (innomed/search/index.py; engine theme/assets/sok-motor.js, UI innomed-search.js).

Expectations are computed from the built pages and the front matter, never pinned: which
indexed pages contain a word, which projects are in a region.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from browser import goto, new_context, page_file

pytest_plugins = ["browser"]

REPO = Path(__file__).resolve().parent.parent
FIRST_QUERY_BUDGET = 150 * 1024  # bytes, gzip: what the first search may download
INDEX = "sokeindeks"  # innomed/search/index.py OUTPUT_FOLDER
ENGINE = "/assets/sok-motor.js"


def document(site: Path, page_id: int) -> dict:
    return json.loads((site / INDEX / "side" / f"{page_id}.json").read_text(encoding="utf-8"))


def search_files(fetched: list[str], origin: str) -> list[str]:
    """What a search downloaded: the engine, its stemmer and every file of the index."""
    paths = [u.removeprefix(origin).split("?")[0] for u in fetched]
    return [p for p in paths if p.startswith((f"/{INDEX}/", "/assets/snowball/")) or p == ENGINE]


# --------------------------------------------------------------------------------------------
# What the index should hold, read from the built HTML with the indexer's rules
# --------------------------------------------------------------------------------------------


def indexed_pages(site: Path) -> dict[str, BeautifulSoup]:
    """URL -> the article that is indexed (data-search-body), minus the excluded parts."""
    from innomed.search.index import EXCLUDE_SELECTORS, OUTPUT_FOLDER

    pages = {}
    for path in sorted(site.rglob("index.html")):
        if path.parts[len(site.parts)] == OUTPUT_FOLDER:
            continue
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        body = soup.select_one("[data-search-body]")
        if body is None:
            continue
        for selector in EXCLUDE_SELECTORS:
            for element in body.select(selector):
                element.decompose()
        relative = path.parent.relative_to(site).as_posix()
        pages["/" if relative == "." else f"/{relative}/"] = body
    return pages


def words_of(element) -> set[str]:
    return set(re.findall(r"[\wæøå]+", element.get_text(" ").lower()))


def pages_with_word_starting(pages: dict, start: str) -> set[str]:
    return {url for url, body in pages.items() if any(w.startswith(start) for w in words_of(body))}


@pytest.mark.build
def test_only_entry_articles_are_indexed_never_listings_or_navigation(real_site):
    from innomed.model.registry import TYPES

    site = Path(real_site)
    pages = indexed_pages(site)
    assert pages, "ingen sider har data-search-body"
    listings = {"/" + t.listing.removesuffix("index.md") for t in TYPES.values() if t.listing}
    # The landing pages a visitor asks for by name ("podkast", "nøkkeltall") are searched,
    # with their own words only: their cards are other pages' titles and summaries.
    landing = {"/podcast/", "/kurs/", "/verktoy/", "/nokkeltall/"}
    for url in (listings - landing) | {"/", "/prosjekt/alfabetisk/", "/regioner/", "/temaer/"}:
        assert url not in pages, f"{url} er en oversiktsside og skal ikke være i søket"
    assert landing <= pages.keys()
    for url in landing:
        assert not pages[url].select("h2 a, h3 a, .card-meta"), f"{url}: kortene er med i søket"
    for url in pages:
        html = page_file(site, url).read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        body = soup.select_one("[data-search-body]")
        assert body.name == "article", url  # not the header, nav or footer
        assert body.find("h1"), f"{url}: artikkelen har ingen tittel"
    # Every kind of entry page is searchable.
    kinds = {
        f.get_text()
        for url in pages
        for f in BeautifulSoup(
            page_file(site, url).read_text(encoding="utf-8"), "html.parser"
        ).select('[data-search-filter="type"]')
    }
    assert {"Prosjekt", "Nyhetssak", "Verktøy", "Kurs"} <= kinds, kinds
    # The index's own count of pages is the number of pages with a body, and each has its
    # document, in URL order (ids follow the sorted URLs).
    manifest = json.loads((site / INDEX / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["pages"] == len(pages), (manifest["pages"], len(pages))
    urls = [document(site, n)["url"] for n in range(len(pages))]
    assert ["/" + url for url in urls] == sorted(pages)


@pytest.mark.build
def test_breadcrumbs_and_navigation_text_are_not_in_the_index(real_site):
    """A page's document holds the text that was indexed: no breadcrumb trail in it."""
    site = Path(real_site)
    checked = 0
    for path in sorted((site / INDEX / "side").iterdir()):
        data = json.loads(path.read_text(encoding="utf-8"))
        content = data["text"]
        assert not content.startswith("Forside"), (data["url"], content[:80])
        assert "Hopp til innholdet" not in content, data["url"]
        assert "Brødsmulesti" not in content, data["url"]
        checked += 1
    assert checked == len(indexed_pages(site))


# --------------------------------------------------------------------------------------------
# In Chromium
# --------------------------------------------------------------------------------------------


def open_search(page) -> None:
    page.locator('[data-innomed-toggle="search"]').click()
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.id === 'sokefelt'"
    )


def run_query(page, query: str) -> str:
    """Type a query; return the announced status once the search has settled."""
    page.evaluate("() => { document.querySelector('#sok [role=status]').textContent = ''; }")
    page.locator("#sokefelt").fill(query)
    page.wait_for_function(
        """q => { const s = document.querySelector('#sok [role=status]');
                  const m = document.querySelector('.md-search-result__meta');
                  return s && m && s.textContent && s.textContent === m.textContent &&
                         !m.textContent.includes('Søker') && document.querySelector('#sokefelt').value === q; }""",
        arg=query,
        timeout=15000,
    )
    return page.locator("#sok [role=status]").text_content() or ""


def open_filters(page) -> None:
    """Open "Avgrens treff" and wait for its checkboxes (the filter data loads only then)."""
    page.locator(".innomed-search__filters summary").click()
    page.wait_for_function(
        "() => document.querySelector('.innomed-search__filters details[open] input')",
        timeout=15000,
    )


def count_of(status: str) -> int:
    if status.startswith("Ingen treff"):
        return 0
    found = re.match(r"(\d+) treff", status)
    assert found, status
    return int(found.group(1))


def shown_urls(page, origin: str) -> set[str]:
    hrefs = page.eval_on_selector_all(".innomed-search__link", "els => els.map(e => e.href)")
    return {h.removeprefix(origin) for h in hrefs}


@pytest.fixture(scope="module")
def search_page(chromium, site_server, audit_site):
    if not audit_site.source == "real":
        pytest.fail(f"søketestene skal kjøre på det ekte nettstedet, ikke {audit_site.source}")
    context, log = new_context(chromium, 1280, site_server)
    page = context.new_page()
    goto(page, site_server, "/prosjekt/alfabetisk/", log)
    open_search(page)
    yield page, indexed_pages(audit_site.site), site_server.origin
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize(
    "query, stem", [("sykehusene", "sykehus"), ("hjemmeoppfølgingen", "hjemmeoppfølging")]
)
def test_an_inflected_form_finds_the_pages_with_its_stem(search_page, query, stem):
    page, pages, origin = search_page
    expected = pages_with_word_starting(pages, stem)
    assert expected, f"ingen side inneholder «{stem}»: velg et annet ord"
    status = run_query(page, query)
    assert count_of(status) >= len(expected), (status, len(expected))
    assert shown_urls(page, origin) <= pages.keys()
    for item in page.locator(".innomed-search__result").all():
        assert item.locator(".innomed-search__type").text_content()
        assert item.locator("mark").count() > 0, item.inner_text()


@pytest.mark.browser
def test_a_nynorsk_word_finds_the_nynorsk_page_from_a_bokmal_page(search_page, audit_site):
    page, pages, origin = search_page
    assert page.evaluate("() => document.documentElement.lang") == "nb"
    nynorsk = sorted(url for url in pages if audit_site.langs.get(url) == "nn")
    assert nynorsk, "ingen nynorsksider i søket"
    bokmal_words = set().union(*(words_of(b) for u, b in pages.items() if u not in nynorsk))
    url = nynorsk[0]
    own = sorted(w for w in words_of(pages[url]) - bokmal_words if len(w) >= 6 and w.isalpha())
    assert own, f"{url} har ingen ord som bare finnes på nynorsk"
    word = own[0]
    status = run_query(page, word)
    assert count_of(status) >= 1, (word, status)
    assert url in shown_urls(page, origin), (word, status, shown_urls(page, origin))


@pytest.mark.browser
def test_a_nonsense_word_finds_nothing_and_says_so(search_page):
    page, _, _ = search_page
    status = run_query(page, "xqzvbnmwk")
    assert status.startswith("Ingen treff"), status
    assert page.locator(".innomed-search__result").count() == 0


@pytest.mark.browser
def test_a_region_filter_narrows_to_the_projects_in_that_region(search_page, audit_site):
    from browser import front_matter

    page, pages, origin = search_page
    query = "innomed"
    matching = pages_with_word_starting(pages, query)
    status = run_query(page, query)
    assert count_of(status) == len(matching), (status, len(matching))
    # Region of every project URL, from projects/*.md front matter (title -> staged URL).
    staged = audit_site.root / ".build" / "docs" / "prosjekt"
    url_by_title = {
        front_matter(p.read_text(encoding="utf-8")).get("title"): f"/prosjekt/{p.stem}/"
        for p in staged.glob("*.md")
    }
    regions: dict[str, list] = {}
    for path in sorted((audit_site.root / "projects").glob("*.md")):
        meta = front_matter(path.read_text(encoding="utf-8"))
        if meta.get("draft") or meta.get("title") not in url_by_title:
            continue
        value = meta.get("regions") or []
        regions[url_by_title[meta["title"]]] = value if isinstance(value, list) else [value]
    region = sorted({r for url in matching for r in regions.get(url, [])})[0]
    expected = {url for url in matching if region in regions.get(url, [])}
    open_filters(page)
    box = page.locator(f'.innomed-search__filters input[name="region"][value="{region}"]')
    label = box.locator("xpath=..").text_content() or ""
    assert f"({len(expected)})" in label, (label, len(expected))
    box.check()
    page.wait_for_function(
        "n => document.querySelector('#sok [role=status]').textContent === n + ' treff'",
        arg=len(expected),
        timeout=15000,
    )
    assert shown_urls(page, origin) <= expected
    box.uncheck()


@pytest.mark.browser
def test_keyboard_reaches_every_result_and_escape_returns_focus(search_page):
    page, _, _ = search_page
    run_query(page, "sykehus")
    links = page.locator(".innomed-search__link")
    assert links.count() > 1
    page.locator("#sokefelt").press("ArrowDown")
    for index in range(links.count()):
        name = page.evaluate("() => document.activeElement.textContent.trim()")
        assert name == (links.nth(index).text_content() or "").strip(), index
        assert name, "et treff uten navn"
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")
    assert page.evaluate("() => document.activeElement.matches('[data-innomed-toggle=search]')"), (
        "fokus kom ikke tilbake til søkeknappen"
    )
    assert not page.evaluate("() => document.getElementById('__search').checked")
    open_search(page)


@pytest.mark.browser
def test_no_page_view_downloads_search_data_and_the_first_query_is_small(
    chromium, site_server, audit_site
):
    context, log = new_context(chromium, 375, site_server)
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    for url in ["/", "/prosjekt/alfabetisk/", sorted(indexed_pages(audit_site.site))[0]]:
        goto(page, site_server, url, log)
        page.wait_for_timeout(300)
        assert search_files(fetched, site_server.origin) == [], url
        assert not [u for u in fetched if "search_index" in u or INDEX in u], url
    open_search(page)
    assert search_files(fetched, site_server.origin) == [], "åpnet søk lastet indeksen"
    run_query(page, "sykehusene")
    page.wait_for_timeout(300)  # the documents of the results shown
    files = search_files(fetched, site_server.origin)
    assert ENGINE in files and f"/{INDEX}/manifest.json" in files, files
    assert [f for f in files if f.startswith(f"/{INDEX}/side/")], "ingen treff ble vist"
    # The filter data grows with the archive: it loads when "Avgrens treff" is opened, not here.
    assert f"/{INDEX}/filtre.json" not in files, files
    size = sum(
        len(gzip.compress((audit_site.site / f.lstrip("/")).read_bytes(), 9)) for f in set(files)
    )
    assert size <= FIRST_QUERY_BUDGET, (size, files)
    assert log.foreign == []
    context.close()


XSS_TITLE = '"><img src=x onerror=alert(1)>'


@pytest.mark.browser
def test_a_title_with_markup_is_shown_as_text(chromium, scratch, tmp_path, monkeypatch):
    """Also: every shard split by three letters (as the common starts of a large archive
    are), so the engine reads a split index here."""
    from innomed.pipeline import build_site
    from innomed.search import text as search_text

    from browser import SiteServer
    from conftest import write_project

    monkeypatch.setattr(search_text, "SPLIT_BYTES", 0)
    write_project(scratch, "farlig", title=f"Sykehus {XSS_TITLE}")
    build_site(scratch, scratch / "site")
    manifest = json.loads((scratch / "site" / INDEX / "manifest.json").read_text(encoding="utf-8"))
    assert "|yk" in manifest["shards"], manifest  # the three-letter key "syk"
    with SiteServer(scratch / "site") as server:
        context, _ = new_context(chromium, 1280, server)
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        goto(page, server, "/")
        open_search(page)
        status = run_query(page, "sykehus")
        assert count_of(status) >= 1, status
        titles = page.eval_on_selector_all(
            ".innomed-search__link", "els => els.map(e => e.textContent)"
        )
        assert any(XSS_TITLE in t for t in titles), titles
        assert page.locator("#sok img").count() == 0
        page.wait_for_timeout(300)
        assert dialogs == []
        context.close()


@pytest.mark.build
def test_the_index_is_byte_identical_on_every_run_and_with_any_number_of_workers(
    real_site, tmp_path, monkeypatch
):
    import shutil

    from innomed.search import index as search_index

    def files(folder: Path) -> dict[str, bytes]:
        return {
            p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*"))
            if p.is_file()
        }

    monkeypatch.setattr(search_index, "PARALLEL_FROM", 0)  # the real site is small
    built = files(Path(real_site) / INDEX)
    assert built
    for workers in (1, 2):
        copy = tmp_path / f"workers-{workers}"
        shutil.copytree(real_site, copy, ignore=shutil.ignore_patterns(INDEX))
        search_index.index_site(copy, workers)
        again = files(copy / INDEX)
        assert again.keys() == built.keys(), workers
        assert [name for name in built if built[name] != again[name]] == [], workers


@pytest.mark.browser
def test_the_start_of_a_word_finds_it_and_one_letter_does_not_search(search_page):
    page, pages, origin = search_page
    expected = pages_with_word_starting(pages, "sykehus")
    assert count_of(run_query(page, "sykeh")) >= len(expected)
    assert shown_urls(page, origin) <= pages.keys()
    assert run_query(page, "s") == "Skriv minst to bokstaver."
    assert page.locator(".innomed-search__result").count() == 0


@pytest.mark.browser
def test_a_typo_is_offered_the_nearest_word_and_a_question_finds_pages(search_page):
    page, pages, origin = search_page
    status = run_query(page, "sykehsu")
    assert status.startswith("Ingen treff") and "Mente du «sykehus»?" in status, status
    page.locator(".innomed-search__suggestion button").click()
    page.wait_for_function(
        "() => /^\\d+ treff/.test(document.querySelector('.md-search-result__meta').textContent)",
        timeout=15000,
    )
    assert page.locator("#sokefelt").input_value() == "sykehus"
    # Stop words out and the other words' pages, though no page has the made-up one.
    status = run_query(page, "Hvordan kan kommunen og sykehuset samarbeide om xqzvbnmwk?")
    assert count_of(status) > 0 and "flest av dem" in status, status
    assert shown_urls(page, origin) <= pages.keys()


@pytest.mark.browser
def test_back_from_a_result_shows_the_page_closed_and_usable(chromium, site_server):
    """Without the back/forward cache the browser restores the search toggle's state on the
    page loaded anew: the dialog must not reopen empty with the page behind it inert."""
    context, _ = new_context(chromium, 375, site_server)
    page = context.new_page()
    goto(page, site_server, "/prosjekt/alfabetisk/")
    open_search(page)
    run_query(page, "sykehus")
    page.locator(".innomed-search__link").first.click()
    page.wait_for_load_state()
    page.go_back()
    page.wait_for_function("() => document.readyState === 'complete'")
    page.wait_for_timeout(200)  # pageshow has run
    assert not page.evaluate("() => document.getElementById('__search').checked")
    assert page.evaluate("() => document.querySelectorAll('[inert]').length") == page.evaluate(
        "() => document.querySelectorAll('#meny[inert]').length"
    )
    context.close()


@pytest.mark.browser
def test_on_a_phone_the_open_filter_panel_leaves_the_results_in_view(chromium, site_server):
    context, _ = new_context(chromium, 375, site_server)
    page = context.new_page()
    goto(page, site_server, "/prosjekt/alfabetisk/")
    open_search(page)
    run_query(page, "sykehus")
    open_filters(page)
    height = page.viewport_size["height"]
    first = page.locator(".innomed-search__result").first.bounding_box()
    assert first and first["y"] < height - 40, (first, height)
    choices = page.locator(".innomed-search__choices")
    assert choices.evaluate("e => e.scrollHeight > e.clientHeight")  # the values scroll
    context.close()
