"""Keyboard use in a real browser: skip link, visible focus, menu and search, no sideways scroll.

Real key presses (Playwright's keyboard) in headless Chromium on the built site. The Tab walk
covers one page of every kind (home, listing, term, project in bokmål and nynorsk, hand-written
page, 404) at a phone width and a laptop width; the 320 px reflow check covers every page.
"""

from __future__ import annotations

import pytest

pytest.register_assert_rewrite("browser")
from browser import (
    DRAWER_BREAKPOINT,
    NARROW,
    WIDTHS,
    blend,
    contrast_ratio,
    goto,  # noqa: E402
    is_redirect_page,
    new_context,
    parse_css_color,
)

pytest_plugins = ["browser"]
pytestmark = pytest.mark.browser

MAX_TAB_STOPS = 400
MIN_OUTLINE_PX = 2
MIN_CONTRAST = 3.0

# What the focused element looks like: its outline and the colour behind the outline.
FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  const describe = node => {
    let text = node.tagName.toLowerCase();
    if (node.id) text += '#' + node.id;
    if (node.classList.length) text += '.' + [...node.classList].join('.');
    const label = (node.getAttribute('aria-label') || node.textContent || '').trim();
    return text + (label ? ` "${label.replace(/\\s+/g, ' ').slice(0, 40)}"` : '');
  };
  // Colour behind the outline: outside the box (offset >= 0) is the parent's background.
  const offset = parseFloat(style.outlineOffset) || 0;
  let node = offset >= 0 ? el.parentElement : el;
  const layers = [];
  while (node) {
    const bg = getComputedStyle(node).backgroundColor;
    layers.push(bg);
    const alpha = bg.startsWith('rgba') ? parseFloat(bg.split(',')[3]) : (bg === 'transparent' ? 0 : 1);
    if (alpha >= 1) break;
    node = node.parentElement;
  }
  // WCAG 2.4.11: not entirely hidden. Probe the middle of every line box of the element
  // (a link wrapping over two lines has two); one that hits the element itself is enough.
  const probe = r => document.elementFromPoint(
    Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1),
    Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1));
  const own = h => !!h && (h === el || el.contains(h) || h.contains(el) ||
                           (el.tagName === 'LABEL' && h === document.getElementById(el.htmlFor)));
  const hits = [...el.getClientRects()].filter(r => r.width && r.height).map(probe);
  const hit = hits.find(own) || hits[0] || probe(rect);
  return {
    what: describe(el),
    tag: el.tagName.toLowerCase(),
    href: el.getAttribute('href'),
    inMain: !!el.closest('.md-content'),
    outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) || 0,
    outlineColor: style.outlineColor, layers: layers,
    rect: {left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom,
           width: rect.width, height: rect.height},
    viewport: {width: innerWidth, height: innerHeight},
    visible: el.checkVisibility ? el.checkVisibility({visibilityProperty: true, opacityProperty: true}) : true,
    covered: !!hit && !own(hit),
    coveredBy: hit && !own(hit) ? describe(hit) : '',
  };
}"""


def background_of(layers: list[str]) -> tuple:
    colour = (255.0, 255.0, 255.0)  # the canvas
    for layer in reversed(layers):
        parsed = parse_css_color(layer)
        if parsed and parsed[3] > 0:
            colour = blend(parsed, colour)
    return colour


def focus_problems(state: dict) -> list[str]:
    problems = []
    if state["outlineStyle"] in ("none", "hidden") or state["outlineWidth"] < MIN_OUTLINE_PX:
        problems.append(
            f"fokusmarkering mangler eller er tynnere enn {MIN_OUTLINE_PX} px "
            f"(outline {state['outlineStyle']} {state['outlineWidth']}px)"
        )
    else:
        colour = parse_css_color(state["outlineColor"])
        behind = background_of(state["layers"])
        if colour is None:
            problems.append(f"ukjent outline-farge {state['outlineColor']}")
        else:
            ratio = contrast_ratio(blend(colour, behind), behind)
            if ratio < MIN_CONTRAST:
                problems.append(
                    f"fokusmarkeringen har kontrast {ratio:.2f}:1 mot bakgrunnen "
                    f"({state['outlineColor']} på rgb{tuple(round(c) for c in behind)}), "
                    f"minst {MIN_CONTRAST}:1 kreves"
                )
    rect, view = state["rect"], state["viewport"]
    if not state["visible"] or rect["width"] < 1 or rect["height"] < 1:
        problems.append("fokus havner på noe som ikke synes (skjult eller uten størrelse)")
    elif (
        rect["right"] <= 0
        or rect["left"] >= view["width"]
        or rect["bottom"] <= 0
        or rect["top"] >= view["height"]
    ):
        problems.append(f"fokus havner utenfor skjermen ({rect['left']:.0f}, {rect['top']:.0f})")
    elif state["covered"]:
        problems.append(f"fokusert element er dekket av {state['coveredBy']} (WCAG 2.4.11)")
    return problems


def sample_pages(audit_site) -> list[str]:
    """One page of each kind the site has."""
    pages = [url for url in audit_site.pages() if not is_redirect_page(audit_site.site, url)]
    chosen = []

    def pick(predicate):
        for url in pages:
            if predicate(url) and url not in chosen:
                chosen.append(url)
                return

    projects = [
        u
        for u in pages
        if u.startswith("/prosjekt/") and u.count("/") == 3 and u not in ("/prosjekt/alfabetisk/",)
    ]
    pick(lambda u: u == "/")
    pick(lambda u: u == "/prosjekt/")
    pick(lambda u: u.startswith("/temaer/") and u != "/temaer/")
    pick(lambda u: u in projects and audit_site.langs.get(u) == "nb")
    pick(lambda u: u in projects and audit_site.langs.get(u) == "nn")
    pick(lambda u: u == "/tilgjengelighetserklaering/")
    pick(lambda u: u == "/404.html")
    return chosen


@pytest.fixture(scope="module")
def contexts(chromium, site_server):
    made = {}
    for width in (*WIDTHS, NARROW):
        made[width] = new_context(chromium, width, site_server)
    yield made
    for context, _ in made.values():
        context.close()


def fresh_page(contexts, site_server, width: int, url: str):
    context, log = contexts[width]
    page = context.new_page()
    goto(page, site_server, url, log)
    return page


@pytest.mark.parametrize("width", WIDTHS)
def test_first_tab_stop_is_a_skip_link_to_the_main_content(
    audit_site, contexts, site_server, width
):
    failures = []
    for url in sample_pages(audit_site):
        page = fresh_page(contexts, site_server, width, url)
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if not state or state["tag"] != "a" or not (state["href"] or "").startswith("#"):
            failures.append(
                f"{url} @ {width}px: første tabstopp er {state and state['what']}, "
                "ikke en lenke til hovedinnholdet"
            )
            page.close()
            continue
        failures += [f"{url} @ {width}px: hopplenken: {p}" for p in focus_problems(state)]
        target = page.evaluate(
            """(href) => {
          const t = document.getElementById(decodeURIComponent(href.slice(1)));
          return t ? !!t.closest('.md-content') || t.matches('.md-content') : null;
        }""",
            state["href"],
        )
        if not target:
            failures.append(
                f"{url} @ {width}px: hopplenken peker på {state['href']}, som "
                "ikke er hovedinnholdet"
            )
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        after = page.evaluate(FOCUS_STATE)
        if not after or not after["inMain"]:
            failures.append(
                f"{url} @ {width}px: etter hopplenken går Tab til "
                f"{after and after['what']}, ikke til innholdet"
            )
        page.close()
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("width", WIDTHS)
def test_every_tab_stop_shows_focus_and_is_on_screen(
    audit_site, contexts, site_server, width, audit_summary
):
    failures, total = [], 0
    for url in sample_pages(audit_site):
        page = fresh_page(contexts, site_server, width, url)
        seen = []
        for _ in range(MAX_TAB_STOPS):
            page.keyboard.press("Tab")
            state = page.evaluate(FOCUS_STATE)
            if state is None:
                break  # past the last stop, back to the document
            key = (state["what"], round(state["rect"]["top"] + page.evaluate("scrollY")))
            if seen and key == seen[0]:
                break  # wrapped around
            seen.append(key)
            failures += [
                f"{url} @ {width}px, tabstopp {len(seen)} {state['what']}: {p}"
                for p in focus_problems(state)
            ]
        else:
            failures.append(f"{url} @ {width}px: mer enn {MAX_TAB_STOPS} tabstopp")
        total += len(seen)
        page.close()
    audit_summary.setdefault("keyboard", {})[f"tab_walk_{width}px"] = {
        "pages": sample_pages(audit_site),
        "tab_stops": total,
        "problems": len(failures),
    }
    assert total > 0
    assert not failures, f"{len(failures)} problemer i {total} tabstopp:\n" + "\n".join(failures)


MENU_BUTTON = """() => {
  const el = document.activeElement;
  if (!el || !el.closest('.md-header')) return false;
  return el.matches('label[for="__drawer"]') ||
         (el.getAttribute('aria-controls') || '').split(' ').some(id => {
           const t = document.getElementById(id);
           return t && (t.matches('.md-sidebar--primary') || !!t.closest('.md-sidebar--primary'));
         });
}"""

SEARCH_BUTTON = """() => {
  const el = document.activeElement;
  return !!el && !!el.closest('.md-header') && !el.closest('.md-search') &&
         (el.matches('label[for="__search"]') ||
          (el.getAttribute('aria-controls') || '').split(' ').some(id => {
            const t = document.getElementById(id);
            return t && t.matches('.md-search');
          }));
}"""

DRAWER_OPEN = """() => {
  const nav = document.querySelector('.md-sidebar--primary');
  const r = nav.getBoundingClientRect();
  return document.getElementById('__drawer').checked && r.left >= -1 && r.right > 0;
}"""

SEARCH_OPEN = """() => document.getElementById('__search').checked &&
  !!document.activeElement && !!document.activeElement.closest('.md-search')"""


def tab_to(page, predicate: str, limit: int = 15) -> bool:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate):
            return True
    return False


def check_open_close(page, where: str, button: str, is_open: str, key: str) -> list[str]:
    failures = []
    if not tab_to(page, button):
        return [f"{where}: fant ingen knapp i toppteksten som kan nås med Tab"]
    page.keyboard.press(key)
    try:
        page.wait_for_function(is_open, timeout=2000)
    except Exception:
        return [f"{where}: {key} åpnet ikke"]
    expanded = page.evaluate(
        "() => [...document.querySelectorAll('.md-header [aria-expanded]')]"
        ".filter(b => b.getAttribute('aria-expanded') === 'true').length"
    )
    if not expanded:
        failures.append(f'{where}: knappen sier ikke aria-expanded="true" når den er åpen')
    page.wait_for_timeout(300)  # let the drawer finish sliding in
    page.keyboard.press("Tab")
    state = page.evaluate(FOCUS_STATE)
    if state is None:
        failures.append(f"{where}: etter åpning går Tab ut av dokumentet")
    else:
        failures += [
            f"{where}: Tab etter åpning, {state['what']}: {p}" for p in focus_problems(state)
        ]
    page.keyboard.press("Escape")
    try:
        page.wait_for_function(f"() => !({is_open})()", timeout=2000)
    except Exception:
        return failures + [f"{where}: Escape lukket ikke"]
    if not page.evaluate(button):
        back = page.evaluate(FOCUS_STATE)
        failures.append(
            f"{where}: etter Escape er fokus på {back and back['what']}, ikke tilbake på knappen"
        )
    if page.evaluate("() => !!document.querySelector('.md-header [aria-expanded=\"true\"]')"):
        failures.append(f'{where}: knappen sier fortsatt aria-expanded="true" etter lukking')
    return failures


@pytest.mark.parametrize("key", ["Enter", " "], ids=["Enter", "Space"])
def test_menu_opens_from_the_keyboard_and_escape_closes_it(audit_site, contexts, site_server, key):
    width = min(WIDTHS)
    assert width < DRAWER_BREAKPOINT
    failures = []
    for url in sample_pages(audit_site)[:4]:
        page = fresh_page(contexts, site_server, width, url)
        failures += check_open_close(page, f"meny {url} @ {width}px", MENU_BUTTON, DRAWER_OPEN, key)
        page.close()
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("key", ["Enter", " "], ids=["Enter", "Space"])
def test_search_opens_from_the_keyboard_and_escape_closes_it(
    audit_site, contexts, site_server, width, key
):
    failures = []
    for url in sample_pages(audit_site)[:3]:
        page = fresh_page(contexts, site_server, width, url)
        failures += check_open_close(
            page, f"søk {url} @ {width}px", SEARCH_BUTTON, SEARCH_OPEN, key
        )
        page.close()
    assert not failures, "\n".join(failures)


def test_closed_menu_has_no_tab_stops(audit_site, contexts, site_server):
    """Below 1220 px the closed drawer is off-screen: none of its links may take focus."""
    width = min(WIDTHS)
    failures = []
    for url in sample_pages(audit_site):
        page = fresh_page(contexts, site_server, width, url)
        for _ in range(MAX_TAB_STOPS):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement === document.body"):
                break
            if page.evaluate("() => !!document.activeElement.closest('.md-sidebar--primary')"):
                state = page.evaluate(FOCUS_STATE)
                failures.append(
                    f"{url} @ {width}px: {state['what']} i den lukkede menyen tar fokus"
                )
        page.close()
    assert not failures, f"{len(failures)} tabstopp i lukket meny:\n" + "\n".join(failures)


def test_nothing_scrolls_sideways_at_320px(audit_site, contexts, site_server, audit_summary):
    """WCAG 1.4.10 Reflow, on every page."""
    context, log = contexts[NARROW]
    page = context.new_page()
    failures = []
    for url in audit_site.pages():
        if is_redirect_page(audit_site.site, url):
            continue
        goto(page, site_server, url, log)
        widths = page.evaluate("""() => {
          const s = document.scrollingElement;
          const wide = [...document.querySelectorAll('.md-content *')]
            .filter(e => e.getBoundingClientRect().right > s.clientWidth + 1)
            .filter(e => !e.closest('.md-typeset__scrollwrap, pre, .md-typeset__table'))
            .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''));
          return {scroll: s.scrollWidth, client: s.clientWidth, wide: wide};
        }""")
        if widths["scroll"] > widths["client"]:
            failures.append(
                f"{url}: scrollWidth {widths['scroll']} > {widths['client']} "
                f"({', '.join(widths['wide'])})"
            )
    page.close()
    audit_summary.setdefault("keyboard", {})["reflow_320px"] = {
        "pages": sum(1 for u in audit_site.pages() if not is_redirect_page(audit_site.site, u)),
        "scrolling_sideways": len(failures),
    }
    assert not log.foreign, log.foreign
    assert not failures, "Sidene ruller sidelengs ved 320 px:\n" + "\n".join(failures)
