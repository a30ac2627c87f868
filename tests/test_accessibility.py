"""The accessibility gate: every page of the built site, audited in Chromium on every test run.

One crawl (the `audit` fixture) opens EVERY HTML page at 375 and 1280 px, in every colour
palette the site offers, and runs axe-core (WCAG 2.0/2.1/2.2 A+AA and best practices) on:
  - the page as it loads ("side"),
  - the page with the search dialog open and showing results ("søk åpent"),
  - below 1220 px, the page with the menu drawer open ("meny åpen").
It also records <html lang> and every request the browser makes. The tests below assert on
that crawl, and the Nu HTML checker (vnu.jar) validates every HTML file. Zero is the bar
everywhere: there is no allow-list. Set INNOMED_AUDIT_SUMMARY=path.json to keep a summary.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections import Counter
from dataclasses import dataclass, field

import pytest

pytest.register_assert_rewrite("browser")
from browser import (AXE_TAGS, DRAWER_BREAKPOINT, VNU_JAR, WIDTHS, format_violation, goto,
                     is_redirect_page, new_context, page_file, run_axe, write_json)

pytest_plugins = ["browser"]
pytestmark = pytest.mark.browser

SEARCH_QUERY = "prosjekt"  # finds results on every build: each project page says it


@dataclass
class Audit:
    pages: list
    source: str
    widths: tuple = WIDTHS
    states: Counter = field(default_factory=Counter)  # state label -> axe runs
    palettes: list = field(default_factory=list)
    violations: list = field(default_factory=list)  # (url, label, violation)
    langs: dict = field(default_factory=dict)  # url -> <html lang> as rendered
    foreign: list = field(default_factory=list)  # (page, request URL)
    requests: int = 0
    problems: list = field(default_factory=list)  # a state that could not be reached
    seconds: float = 0.0
    vnu: dict = field(default_factory=dict)

    def summary(self) -> dict:
        by_rule = Counter(v["id"] for _, _, v in self.violations)
        nodes = Counter()
        for _, _, v in self.violations:
            nodes[v["id"]] += len(v["nodes"])
        return {
            "site": self.source,
            "pages_checked": len(self.pages),
            "widths": list(self.widths),
            "states": dict(self.states),
            "palettes": self.palettes,
            "axe": {"tags": AXE_TAGS, "violations": sum(by_rule.values()),
                    "violations_by_rule": dict(by_rule), "nodes_by_rule": dict(nodes)},
            "vnu": self.vnu,
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


def open_search_with_results(page) -> str | None:
    """Search dialog open with results for SEARCH_QUERY; returns a problem or None."""
    if not page.evaluate(SET_TOGGLE, ["__search", True]):
        return "fant ikke søkebryteren #__search"
    field_ = page.locator(".md-search__input")
    field_.focus()
    field_.fill(SEARCH_QUERY)
    field_.press("End")  # Material searches on keyboard events as well as input
    try:
        page.wait_for_selector(".md-search-result__item", state="visible", timeout=5000)
    except Exception:
        return "søket viste ingen treff"
    return None


def close_search(page) -> None:
    page.locator(".md-search__input").fill("")
    page.evaluate(SET_TOGGLE, ["__search", False])


def open_drawer(page) -> str | None:
    if not page.evaluate(SET_TOGGLE, ["__drawer", True]):
        return "fant ikke menybryteren #__drawer"
    try:  # the drawer slides in; wait until it is on screen
        page.wait_for_function("""() => {
          const nav = document.querySelector('.md-sidebar--primary');
          return nav && Math.round(nav.getBoundingClientRect().left) >= 0;
        }""", timeout=3000)
    except Exception:
        return "menyen kom ikke fram"
    page.wait_for_timeout(50)
    return None


def strip_refresh(text: str) -> str:
    """Redirect pages forward at once; audit what a visitor with refresh turned off sees."""
    import re
    return re.sub(r'<meta http-equiv="refresh"[^>]*>', "", text)


def audit_page(page, audit: Audit, url: str, width: int) -> None:
    palettes = page.evaluate(READ_PALETTES)
    for palette in palettes:
        name = palette.get("scheme") or "default"
        if name not in audit.palettes:
            audit.palettes.append(name)
        if len(palettes) > 1:
            page.evaluate(APPLY_PALETTE, palette)
        suffix = f"{width}px, palett {name}"

        def check(state: str, include=None):
            label = f"{state}, {suffix}"
            audit.states[state] += 1
            for violation in run_axe(page, include):
                audit.violations.append((url, label, violation))

        check("side")
        if page.locator("#__search").count():
            problem = open_search_with_results(page)
            if problem:
                audit.problems.append(f"{url} [{suffix}]: {problem}")
            else:
                check("søk åpent", [".md-search"])
            close_search(page)
        if width < DRAWER_BREAKPOINT and page.locator("#__drawer").count():
            problem = open_drawer(page)
            if problem:
                audit.problems.append(f"{url} [{suffix}]: {problem}")
            else:
                check("meny åpen", [".md-sidebar--primary"])
            page.evaluate(SET_TOGGLE, ["__drawer", False])


@pytest.fixture(scope="session")
def audit(audit_site, site_server, chromium, audit_summary) -> Audit:
    started = time.perf_counter()
    result = Audit(pages=audit_site.pages(), source=audit_site.source)
    redirects = {url for url in result.pages if is_redirect_page(audit_site.site, url)}
    for width in WIDTHS:
        context, log = new_context(chromium, width, site_server)
        for url in redirects:
            body = strip_refresh(page_file(audit_site.site, url).read_text(encoding="utf-8"))
            context.route(site_server.url(url),
                          lambda route, body=body: route.fulfill(
                              status=200, content_type="text/html; charset=utf-8", body=body))
        page = context.new_page()
        for url in result.pages:
            goto(page, site_server, url, log)
            result.langs[url] = page.evaluate("() => document.documentElement.lang")
            if url in redirects:
                result.states["side"] += 1
                for violation in run_axe(page):
                    result.violations.append((url, f"videresending, {width}px", violation))
                continue
            audit_page(page, result, url, width)
        result.foreign += log.foreign
        result.requests += log.count
        context.close()
    result.seconds = time.perf_counter() - started
    audit_summary["accessibility"] = result.summary()
    return result


def test_axe_finds_no_violations_on_any_page_width_or_state(audit):
    report = "\n".join(format_violation(url, label, violation)
                       for url, label, violation in audit.violations)
    by_rule = Counter(v["id"] for _, _, v in audit.violations)
    assert not audit.violations, (
        f"axe fant {len(audit.violations)} brudd ({dict(by_rule)}) på {len(audit.pages)} sider, "
        f"bredder {list(audit.widths)}, tilstander {dict(audit.states)}:\n{report}")


def test_every_audited_state_was_reached(audit):
    """Search and menu states really were audited (a broken toggle must not pass silently)."""
    assert not audit.problems, "\n".join(audit.problems)
    assert audit.states["søk åpent"] > 0
    assert audit.states["meny åpen"] > 0


def test_html_lang_is_the_page_language(audit, audit_site):
    wrong = []
    for url in audit.pages:
        expected = audit_site.langs.get(url, "nb")  # 404.html: the site language
        actual = audit.langs.get(url)
        if actual != expected:
            wrong.append(f"{url}: <html lang=\"{actual}\">, forventet \"{expected}\"")
    assert not wrong, "Feil språk på sidene:\n" + "\n".join(wrong)
    assert set(audit.langs.values()) <= {"nb", "nn"}, Counter(audit.langs.values())
    for url in audit_site.nynorsk_projects:  # projects/*.md with `lang: nn`
        assert audit.langs.get(url) == "nn", f"{url} er skrevet på nynorsk, men lang er " \
                                             f"{audit.langs.get(url)!r}"


def test_no_request_leaves_the_site(audit):
    """No fonts, analytics, CDNs or images from other hosts: visitors are not tracked."""
    report = "\n".join(f"{page}: {request}" for page, request in audit.foreign)
    assert not audit.foreign, f"{len(audit.foreign)} forespørsler til andre verter:\n{report}"
    assert audit.requests > len(audit.pages)  # the log really saw the traffic


@pytest.fixture(scope="session")
def vnu_messages(audit_site, audit_summary) -> list[dict]:
    files = [page_file(audit_site.site, url) for url in audit_site.pages()]
    started = time.perf_counter()
    completed = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json",
         *[str(f) for f in files]],
        capture_output=True, text=True, timeout=300)
    output = completed.stderr.strip() or completed.stdout.strip()
    try:
        messages = json.loads(output)["messages"] if output else []
    except json.JSONDecodeError:
        pytest.fail(f"vnu.jar ga ikke JSON (kode {completed.returncode}):\n{output[:2000]}")
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    root = audit_site.site.as_uri()
    for message in errors:
        message["page"] = message.get("url", "").removeprefix(root) or "?"
    audit_summary["vnu"] = {"files": len(files), "errors": len(errors),
                            "errors_by_message": dict(Counter(m["message"] for m in errors)),
                            "seconds": round(time.perf_counter() - started, 1)}
    return errors


def test_nu_html_checker_finds_no_errors(vnu_messages):
    report = "\n".join(
        f"{m['page']}:{m.get('lastLine', '?')}: {m['message']}\n    {m.get('extract', '').strip()[:160]}"
        for m in vnu_messages)
    assert not vnu_messages, f"vnu fant {len(vnu_messages)} feil (ingen unntak):\n{report}"


def test_summary_is_written_when_asked(audit, vnu_messages, audit_summary, tmp_path):
    """INNOMED_AUDIT_SUMMARY=path.json keeps the figures for the accessibility statement."""
    data = audit_summary.as_dict()
    assert data["accessibility"]["pages_checked"] == len(audit.pages)
    assert data["accessibility"]["widths"] == list(WIDTHS)
    write_json(tmp_path / "summary.json", data)
    assert json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))["vnu"]["files"]
