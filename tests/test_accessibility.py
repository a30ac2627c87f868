"""The accessibility gate: every page of the built site, audited in Chromium on every test run.

One crawl (the `audit` fixture) opens EVERY HTML page at 375 and 1280 px, in every colour
palette the site offers, and runs axe-core (WCAG 2.0/2.1/2.2 A+AA and best practices) on the
page as it loads ("side"). On one page of every kind (section, depth and language: see
browser.one_page_per_kind) it also audits the parts that are the same on every page in their
open states: the search dialog open, while typing, with results, with a filter applied and
with no results ("søk åpent", "søk skriver", "søk med treff", "søk filtrert", "søk uten
treff"), and below 1220 px the open menu drawer ("meny åpen").
The crawl also records <html lang> and every request the browser makes; the tests below
assert on it, and the Nu HTML checker (vnu.jar) validates every HTML file. Zero is the bar
everywhere: there is no allow-list. The figures go to the committed record
data/tilgjengelighetstest.json that the accessibility statement is built from.
"""

from __future__ import annotations

import datetime
import json
import re
import subprocess
import time
from collections import Counter
from dataclasses import dataclass, field

import pytest

pytest.register_assert_rewrite("browser")
from browser import (
    AXE_TAGS,
    DRAWER_BREAKPOINT,
    VNU_JAR,
    WIDTHS,
    format_violation,
    goto,  # noqa: E402
    is_redirect_page,
    new_context,
    one_page_per_kind,
    page_file,
    run_axe,
)

pytest_plugins = ["browser"]
pytestmark = pytest.mark.browser

SEARCH_QUERY = "prosjekt"  # finds results on every build: each project page says it


@dataclass
class Audit:
    pages: list
    source: str
    widths: tuple = WIDTHS
    states: Counter = field(default_factory=Counter)  # state label -> axe runs
    state_pages: dict = field(default_factory=dict)  # state label -> pages it was audited on
    statement_links: dict = field(default_factory=dict)  # url -> footer link's resolved path
    palettes: list = field(default_factory=list)
    violations: list = field(default_factory=list)  # (url, label, violation)
    langs: dict = field(default_factory=dict)  # url -> <html lang> as rendered
    foreign: list = field(default_factory=list)  # (page, request URL)
    requests: int = 0
    problems: list = field(default_factory=list)  # a state that could not be reached
    seconds: float = 0.0

    def summary(self) -> dict:
        by_rule = Counter(v["id"] for _, _, v in self.violations)
        nodes, targets = Counter(), {}
        for _, _, v in self.violations:
            nodes[v["id"]] += len(v["nodes"])
            for node in v["nodes"]:
                targets.setdefault(v["id"], Counter())[" ".join(node["target"])] += 1
        return {
            "site": self.source,
            "pages_checked": len(self.pages),
            "widths": list(self.widths),
            "states": dict(self.states),
            "pages_per_state": {state: len(urls) for state, urls in self.state_pages.items()},
            "palettes": self.palettes,
            "axe": {
                "tags": AXE_TAGS,
                "violations": sum(by_rule.values()),
                "violations_by_rule": dict(by_rule),
                "nodes_by_rule": dict(nodes),
                "top_targets_by_rule": {
                    rule: dict(counter.most_common(8)) for rule, counter in targets.items()
                },
            },
            "lang": dict(Counter(self.langs.values())),
            "requests": self.requests,
            "third_party_requests": len(self.foreign),
            "unreachable_states": self.problems,
            "seconds": round(self.seconds, 1),
            "checked_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        }


# The palettes the page offers: Material's palette toggle inputs, or the one palette on <body>.
READ_PALETTES = """() => {
  const inputs = [...document.querySelectorAll('[data-md-component=palette] input')];
  const read = el => ({scheme: el.getAttribute('data-md-color-scheme'),
                       primary: el.getAttribute('data-md-color-primary'),
                       accent: el.getAttribute('data-md-color-accent')});
  return inputs.length ? inputs.map(read) : [read(document.body)];
}"""

APPLY_PALETTE = """(p) => {
  for (const [key, value] of Object.entries(p))
    if (value) document.body.setAttribute('data-md-color-' + key, value);
}"""

# Open Material's toggles the way its own labels do: check the box and fire `change`.
SET_TOGGLE = """([id, on]) => {
  const box = document.getElementById(id);
  if (!box) return false;
  box.checked = on;
  box.dispatchEvent(new Event('change', {bubbles: true}));
  return true;
}"""


STATEMENT_PATH = "/tilgjengelighetserklaering/"

# Where the footer's link to the accessibility statement really goes, resolved by the browser.
STATEMENT_LINK = """() => {
  const links = [...document.querySelectorAll('.md-footer a[href]')]
    .map(a => new URL(a.href).pathname).filter(p => p.includes('tilgjengelighetserklaering'));
  return links[0] || null;
}"""


def search_settled(page, expect: str, timeout: int = 8000) -> bool:
    """The announced status (the live region) starts with `expect` ("" = any)."""
    try:
        page.wait_for_function(
            """e => { const s = document.querySelector('#sok [role=status]');
                      return s && s.textContent && s.textContent.startsWith(e); }""",
            arg=expect,
            timeout=timeout,
        )
    except Exception:
        return False
    return True


def search_states(page, check) -> list[str]:
    """The search dialog in every state it has, each audited with `check(state)`: open and
    empty, typing, results, a filter applied, no results. Returns the problems."""
    problems = []
    if not page.evaluate(SET_TOGGLE, ["__search", True]):
        return ["fant ikke søkebryteren #__search"]
    field_ = page.locator(".md-search__input")
    field_.focus()
    check("søk åpent", [".md-search"])
    field_.press_sequentially(SEARCH_QUERY[:3])
    check("søk skriver", [".md-search"])
    page.evaluate("() => { document.querySelector('#sok [role=status]').textContent = ''; }")
    field_.fill(SEARCH_QUERY)
    if not search_settled(page, "") or not page.locator(".md-search-result__item").count():
        problems.append("søket viste ingen treff")
    else:
        check("søk med treff", [".md-search"])
        page.locator(".innomed-search__filters summary").click()
        page.evaluate("() => { document.querySelector('#sok [role=status]').textContent = ''; }")
        page.locator(".innomed-search__filters input[type=checkbox]").first.check()
        if search_settled(page, ""):
            check("søk filtrert", [".md-search"])
        else:
            problems.append("filteret ga ikke noe svar")
        # The filter stays chosen for the no-results state below; the next page starts anew.
    page.evaluate("() => { document.querySelector('#sok [role=status]').textContent = ''; }")
    field_.fill("xqzvbnmwk")
    if search_settled(page, "Ingen treff"):
        check("søk uten treff", [".md-search"])
    else:
        problems.append("søket uten treff sa ikke «Ingen treff»")
    return problems


def close_search(page) -> None:
    page.locator(".md-search__input").fill("")
    page.evaluate(SET_TOGGLE, ["__search", False])


def open_drawer(page) -> str | None:
    if not page.evaluate(SET_TOGGLE, ["__drawer", True]):
        return "fant ikke menybryteren #__drawer"
    try:  # the drawer slides in; wait until it is on screen
        page.wait_for_function(
            """() => {
          const nav = document.querySelector('.md-sidebar--primary');
          return nav && Math.round(nav.getBoundingClientRect().left) >= 0;
        }""",
            timeout=3000,
        )
    except Exception:
        return "menyen kom ikke fram"
    page.wait_for_timeout(50)
    return None


def strip_refresh(text: str) -> str:
    """Redirect pages forward at once; audit what a visitor with refresh turned off sees."""
    return re.sub(r'<meta http-equiv="refresh"[^>]*>', "", text)


def serve_text(body: str):
    def handler(route):  # one parameter: Playwright then passes only the route
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=body)

    return handler


def audit_page(page, audit: Audit, url: str, width: int, server, states: bool) -> None:
    """axe on the page as loaded in every palette; on one page of each kind also the open
    search with results, the open menu drawer (below 1220 px) and highlighted search terms."""
    palettes = page.evaluate(READ_PALETTES)
    for palette in palettes:
        name = palette.get("scheme") or "default"
        if name not in audit.palettes:
            audit.palettes.append(name)
        if len(palettes) > 1:
            page.evaluate(APPLY_PALETTE, palette)
        suffix = f"{width}px, palett {name}"

        def check(state: str, include=None, suffix=suffix):
            label = f"{state}, {suffix}"
            audit.states[state] += 1
            audit.state_pages.setdefault(state, set()).add(url)
            for violation in run_axe(page, include):
                audit.violations.append((url, label, violation))

        check("side")
        if not states:
            continue
        if page.locator("#__search").count():
            for problem in search_states(page, check):
                audit.problems.append(f"{url} [{suffix}]: {problem}")
            close_search(page)
        if width < DRAWER_BREAKPOINT and page.locator("#__drawer").count():
            problem = open_drawer(page)
            if problem:
                audit.problems.append(f"{url} [{suffix}]: {problem}")
            else:
                check("meny åpen", [".md-sidebar--primary"])
            page.evaluate(SET_TOGGLE, ["__drawer", False])
        if len(palettes) > 1:  # the next palette starts from the page as loaded
            page.goto(server.url(url), wait_until="load")


@pytest.fixture(scope="session")
def audit(audit_site, site_server, chromium, audit_summary) -> Audit:
    started = time.perf_counter()
    result = Audit(pages=audit_site.pages(), source=audit_site.source)
    redirects = {url for url in result.pages if is_redirect_page(audit_site.site, url)}
    sampled = set(
        one_page_per_kind([u for u in result.pages if u not in redirects], audit_site.langs)
    )
    for width in WIDTHS:
        context, log = new_context(chromium, width, site_server)
        page = context.new_page()
        for url in result.pages:
            if url in redirects:
                continue
            goto(page, site_server, url, log)
            result.langs[url] = page.evaluate("() => document.documentElement.lang")
            result.statement_links[url] = page.evaluate(STATEMENT_LINK)
            audit_page(page, result, url, width, site_server, url in sampled)
        result.foreign += log.foreign
        result.requests += log.count
        context.close()
        if redirects:  # in a context of their own: routes switch the HTTP cache off
            context, log = new_context(chromium, width, site_server)
            for url in redirects:
                body = strip_refresh(page_file(audit_site.site, url).read_text(encoding="utf-8"))
                context.route(site_server.url(url), serve_text(body))
            page = context.new_page()
            for url in sorted(redirects):
                goto(page, site_server, url, log)
                result.langs[url] = page.evaluate("() => document.documentElement.lang")
                result.states["side"] += 1
                for violation in run_axe(page):
                    result.violations.append((url, f"videresending, {width}px", violation))
            result.foreign += log.foreign
            result.requests += log.count
            context.close()
    result.seconds = time.perf_counter() - started
    audit_summary["accessibility"] = result.summary()
    return result


def test_axe_finds_no_violations_on_any_page_width_or_state(audit):
    report = "\n".join(
        format_violation(url, label, violation) for url, label, violation in audit.violations
    )
    by_rule = Counter(v["id"] for _, _, v in audit.violations)
    assert not audit.violations, (
        f"axe fant {len(audit.violations)} brudd ({dict(by_rule)}) på {len(audit.pages)} sider, "
        f"bredder {list(audit.widths)}, tilstander {dict(audit.states)}:\n{report}"
    )


def test_every_audited_state_was_reached(audit):
    """Search and menu states really were audited (a broken toggle must not pass silently)."""
    assert not audit.problems, "\n".join(audit.problems)
    for state in ("søk åpent", "søk skriver", "søk med treff", "søk filtrert", "søk uten treff"):
        assert audit.states[state] > 0, state
    assert audit.states["meny åpen"] > 0


def test_html_lang_is_the_page_language(audit, audit_site):
    wrong = []
    for url in audit.pages:
        expected = audit_site.langs.get(url, "nb")  # 404.html: the site language
        actual = audit.langs.get(url)
        if actual != expected:
            wrong.append(f'{url}: <html lang="{actual}">, forventet "{expected}"')
    assert not wrong, "Feil språk på sidene:\n" + "\n".join(wrong)
    assert set(audit.langs.values()) <= {"nb", "nn"}, Counter(audit.langs.values())
    for url in audit_site.nynorsk_projects:  # projects/*.md with `lang: nn`
        assert audit.langs.get(url) == "nn", (
            f"{url} er skrevet på nynorsk, men lang er {audit.langs.get(url)!r}"
        )


def test_no_request_leaves_the_site(audit):
    """No fonts, analytics, CDNs or images from other hosts: visitors are not tracked."""
    report = "\n".join(f"{page}: {request}" for page, request in audit.foreign)
    assert not audit.foreign, f"{len(audit.foreign)} forespørsler til andre verter:\n{report}"
    assert audit.requests > len(audit.pages)  # the log really saw the traffic


def test_every_page_links_to_the_accessibility_statement(audit, audit_site):
    """The law wants the statement one click away: a working footer link on every page."""
    assert STATEMENT_PATH in audit.pages, f"{STATEMENT_PATH} finnes ikke i det bygde nettstedet"
    wrong = [
        f"{url}: {target!r}"
        for url, target in audit.statement_links.items()
        if target != STATEMENT_PATH
    ]
    assert not wrong, "Bunnteksten lenker ikke til tilgjengelighetserklæringen på:\n" + "\n".join(
        wrong
    )


def test_print_stylesheet_prints_the_report_only(audit_site, site_server, chromium, tmp_path):
    """Project pages are printed for meetings: article only, black sans-serif text, external
    link addresses written out, fact box kept on one page."""
    projects = [
        u
        for u in audit_site.pages()
        if u.startswith("/prosjekt/")
        and u.count("/") == 3
        and not is_redirect_page(audit_site.site, u)
        and "fact-box" in page_file(audit_site.site, u).read_text(encoding="utf-8")
    ]
    assert projects, "fant ingen prosjektside med faktaboks"
    context, log = new_context(chromium, 1280, site_server)
    page = context.new_page()
    url = next(
        (
            u
            for u in projects
            if 'href="http'
            in page_file(audit_site.site, u).read_text(encoding="utf-8").split("md-content", 1)[-1]
        ),
        projects[0],
    )
    goto(page, site_server, url, log)
    page.emulate_media(media="print")
    found = page.evaluate("""() => {
      const shown = sel => [...document.querySelectorAll(sel)]
        .filter(e => getComputedStyle(e).display !== 'none').length;
      const external = [...document.querySelectorAll('.md-content a[href^="http"]')]
        .find(a => !a.closest('.fact-box'));
      const body = getComputedStyle(document.querySelector('.md-content p'));
      return {
        furniture: ['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-search',
                    '.md-footer__inner', '.md-footer-meta', '.md-skip', '.md-top']
                   .filter(sel => shown(sel) > 0),
        article: shown('.md-content') > 0,
        after: external ? getComputedStyle(external, '::after').content : null,
        href: external ? external.getAttribute('href') : null,
        color: body.color, font: body.fontFamily,
        factBreak: getComputedStyle(document.querySelector('.fact-box')).breakInside,
      };
    }""")
    page.pdf(path=str(tmp_path / "utskrift.pdf"))  # the print path renders without errors
    context.close()
    assert found["furniture"] == [], f"{url}: skrives ut: {found['furniture']}"
    assert found["article"]
    assert found["color"] in ("rgb(0, 0, 0)", "rgba(0, 0, 0, 1)"), found["color"]
    assert "sans-serif" in found["font"] and not found["font"].lower().startswith(
        ("serif", "georgia", "times")
    ), found["font"]
    assert found["factBreak"] == "avoid", found["factBreak"]
    if found["href"] is not None:
        assert found["href"] in found["after"], (found["href"], found["after"])


@pytest.fixture(scope="session")
def vnu_messages(audit_site, audit_summary) -> list[dict]:
    files = [page_file(audit_site.site, url) for url in audit_site.pages()]
    started = time.perf_counter()
    completed = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU_JAR),
            "--errors-only",
            "--format",
            "json",
            *[str(f) for f in files],
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = completed.stderr.strip() or completed.stdout.strip()
    try:
        messages = json.loads(output)["messages"] if output else []
    except json.JSONDecodeError:
        pytest.fail(f"vnu.jar ga ikke JSON (kode {completed.returncode}):\n{output[:2000]}")
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    root = audit_site.site.as_uri()
    for message in errors:
        message["page"] = message.get("url", "").removeprefix(root) or "?"
    audit_summary["vnu"] = {
        "files": len(files),
        "errors": len(errors),
        "errors_by_message": dict(Counter(m["message"] for m in errors)),
        "seconds": round(time.perf_counter() - started, 1),
    }
    return errors


def test_nu_html_checker_finds_no_errors(vnu_messages):
    report = "\n".join(
        f"{m['page']}:{m.get('lastLine', '?')}: {m['message']}\n    {m.get('extract', '').strip()[:160]}"
        for m in vnu_messages
    )
    assert not vnu_messages, f"vnu fant {len(vnu_messages)} feil (ingen unntak):\n{report}"


def test_summary_states_what_the_audit_found(audit, vnu_messages, audit_summary):
    """The record the accessibility statement is built from (written at the end of the session
    to data/tilgjengelighetstest.json) holds the audit's own results, and the statement shows
    them: checked against the Audit object and vnu's messages, not against the record itself."""
    from innomed.generate.audit_summary import statement_section

    data = audit_summary.as_dict()
    assert data["date"] == datetime.date.today().isoformat()
    assert data["accessibility"]["pages_checked"] == len(audit.pages) > 0
    assert data["accessibility"]["widths"] == list(WIDTHS)
    assert data["accessibility"]["axe"]["violations"] == len(audit.violations)
    assert data["accessibility"]["third_party_requests"] == len(audit.foreign)
    assert data["vnu"]["files"] == len(audit.pages)
    assert data["vnu"]["errors"] == len(vnu_messages)
    section = statement_section(data)
    assert f"| Sider kontrollert | {len(audit.pages)} |" in section
    assert f"| Brudd funnet av axe-core | {len(audit.violations)} |" in section
    assert (
        f"| Feil i HTML-koden (Nu HTML Checker) | {len(vnu_messages)} på "
        f"{len(audit.pages)} filer |" in section
    )
    assert " og ".join(f"{w} px" for w in WIDTHS) in section
