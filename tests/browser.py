"""Shared helpers and fixtures for the browser tests (test_accessibility.py, test_keyboard.py).

Loaded by both test modules with `pytest_plugins = ["browser"]`, so the session fixtures here
(the built site, the local web server and the one Chromium) are made once per test session.

What it needs, and how to get it (the tests FAIL, not skip, when something is missing):
- Debian's Chromium at /usr/bin/chromium: `apt-get install chromium`
  (never `playwright install`: it downloads a browser build and fails here);
- axe-core and vnu-jar in node_modules/: `npm ci` (versions pinned in package-lock.json);
- Java for vnu.jar: `apt-get install default-jre-headless`;
- the `playwright` Python package: `make test` (requirements-test.txt).
"""

from __future__ import annotations

import datetime
import functools
import json
import os
import re
import shutil
import struct
import threading
import warnings
import zlib
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("INNOMED_CHROMIUM", "/usr/bin/chromium"))
NODE_MODULES = REPO / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

# The flags the issue asks for: no first-run UI, no background traffic of the browser's own.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Everything WCAG 2.0/2.1/2.2 A and AA that axe can test, plus axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
WIDTHS = (375, 1280)  # a phone and a laptop; Material's drawer layout is below 1220 px
NARROW = 320  # WCAG 1.4.10 reflow: 320 CSS px must not scroll sideways
DRAWER_BREAKPOINT = 1220


def missing_tools() -> list[str]:
    """Human-readable list of what is not installed, with the command that installs it."""
    problems = []
    if not CHROMIUM.is_file():
        problems.append(
            f"Chromium mangler ({CHROMIUM}): kjør `apt-get install chromium` "
            "(ikke `playwright install`)"
        )
    if not AXE_JS.is_file() or not VNU_JAR.is_file():
        problems.append(
            f"axe-core/vnu-jar mangler i {NODE_MODULES}: kjør `npm ci` i "
            f"{REPO} (versjonene står i package-lock.json)"
        )
    if shutil.which("java") is None:
        problems.append(
            "Java mangler (trengs av vnu.jar): kjør `apt-get install default-jre-headless`"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problems.append(
            "Python-pakken playwright mangler: kjør `make test` "
            "(eller `.venv/bin/pip install -r requirements-test.txt`)"
        )
    return problems


def require_tools() -> None:
    """Fail (never skip) with install instructions when a browser-test tool is missing."""
    problems = missing_tools()
    if problems:
        pytest.fail(
            "Nettlesertestene kan ikke kjøre:\n  - " + "\n  - ".join(problems), pytrace=False
        )


# --------------------------------------------------------------------------------------------
# The site under test
# --------------------------------------------------------------------------------------------


@dataclass
class AuditSite:
    root: Path  # the project folder the site was built from
    site: Path  # the built HTML
    source: str  # "real" or "scratch: <why>"
    langs: dict = field(default_factory=dict)  # URL path -> language from the page's front matter
    nynorsk_projects: set = field(default_factory=set)  # URL paths of projects/*.md with lang: nn

    def pages(self) -> list[str]:
        """URL path of every HTML page, e.g. '/', '/prosjekt/x/', '/404.html'."""
        return html_pages(self.site)


def html_pages(site: Path) -> list[str]:
    urls = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if relative.startswith("admin/"):
            continue  # Decap CMS's editor, not a public page: its axe figures in test_cms.py
        if relative == "index.html":
            urls.append("/")
        elif relative.endswith("/index.html"):
            urls.append("/" + relative.removesuffix("index.html"))
        else:
            urls.append("/" + relative)
    return urls


def page_kind(url: str, lang: str) -> tuple:
    """('prosjekt', 2, 'nn') for /prosjekt/x/ in nynorsk: section, depth and language."""
    parts = [part for part in url.split("/") if part]
    return (parts[0] if parts else "", len(parts), lang)


def one_page_per_kind(pages: list[str], langs: dict) -> list[str]:
    """The first page of every (section, depth, language): where the parts that are the same
    on every page (search dialog, menu drawer) are audited in their open states."""
    chosen, seen = [], set()
    for url in pages:
        kind = page_kind(url, langs.get(url, "nb"))
        if kind not in seen:
            seen.add(kind)
            chosen.append(url)
    return chosen


def is_redirect_page(site: Path, url: str) -> bool:
    return 'http-equiv="refresh"' in page_file(site, url).read_text(encoding="utf-8")


def page_file(site: Path, url: str) -> Path:
    relative = url.lstrip("/")
    return site / (relative + "index.html" if relative.endswith("/") or not relative else relative)


def front_matter(text: str) -> dict:
    import yaml

    match = re.match(r"---\n(.*?)\n---\s*\n", text, re.S)
    try:
        data = yaml.safe_load(match.group(1)) if match else {}
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def staged_url(relative: str) -> str:
    """URL of a staged file with use_directory_urls: a/b.md -> /a/b/, a/index.md -> /a/."""
    stem = relative.removesuffix(".md").removesuffix(".html")
    if stem == "index" or stem.endswith("/index"):
        return "/" + stem.removesuffix("index")
    return f"/{stem}/"


def expected_langs(root: Path) -> tuple[dict, set]:
    """Page language as the generator staged it into <root>/.build/docs, read right after the
    build: front matter `lang` of each staged page (default nb), <html lang> of staged HTML.

    Also the URLs of the projects written in nynorsk (projects/*.md with `lang: nn`), found by
    their title among the staged pages, so a mistake in the generator cannot hide them.
    """
    staged = root / ".build" / "docs"
    langs, titles = {}, {}
    for path in sorted(staged.rglob("*.md")):
        relative = path.relative_to(staged).as_posix()
        meta = front_matter(path.read_text(encoding="utf-8"))
        langs[staged_url(relative)] = meta.get("lang") or "nb"
        if relative.startswith("prosjekt/") and meta.get("title"):
            titles.setdefault(str(meta["title"]), staged_url(relative))
    for path in sorted(staged.rglob("*.html")):
        found = re.search(r'<html[^>]*\blang="([^"]+)"', path.read_text(encoding="utf-8"))
        langs[staged_url(path.relative_to(staged).as_posix())] = found.group(1) if found else ""
    nynorsk = set()
    for path in sorted((root / "projects").rglob("*.md")):
        meta = front_matter(path.read_text(encoding="utf-8"))
        if meta.get("lang") == "nn":
            url = titles.get(str(meta.get("title")))
            nynorsk.add(url or f"(ingen side med tittelen {meta.get('title')!r} fra {path.name})")
    return langs, nynorsk


def build_scratch_site(root: Path, reason: str) -> AuditSite:
    """The real configuration, theme and content/ pages plus the showcase projects below."""
    from innomed.pipeline import build_site

    from conftest import make_scratch_site

    make_scratch_site(root)
    write_showcase_projects(root)
    build_site(root, root / "site")
    langs, nynorsk = expected_langs(root)
    return AuditSite(root, root / "site", f"scratch: {reason}", langs, nynorsk)


@pytest.fixture(scope="session")
def audit_site(request, tmp_path_factory) -> AuditSite:
    """The real site; if the real content does not build yet, a scratch copy with showcase
    projects (the theme is what is audited, and every content error is reported elsewhere)."""
    require_tools()
    from innomed.model.errors import ContentErrors

    prebuilt = os.environ.get("INNOMED_AUDIT_ROOT")
    if prebuilt:  # audit what `python build.py build --root DIR` left in DIR/site
        root = Path(prebuilt).resolve()
        langs, nynorsk = expected_langs(root)
        return AuditSite(root, root / "site", f"prebuilt: {root / 'site'}", langs, nynorsk)
    if os.environ.get("INNOMED_AUDIT_SCRATCH"):
        return build_scratch_site(
            tmp_path_factory.mktemp("audit") / "root", "INNOMED_AUDIT_SCRATCH er satt"
        )
    try:
        site = request.getfixturevalue("real_site")
    except ContentErrors as problem:
        reason = f"det ekte innholdet bygger ikke ({len(problem.errors)} innholdsfeil)"
        warnings.warn(
            f"Tilgjengelighetstestene bruker et kladdenettsted: {reason}:\n{problem}", stacklevel=2
        )
        return build_scratch_site(tmp_path_factory.mktemp("audit") / "root", reason)
    langs, nynorsk = expected_langs(REPO)
    return AuditSite(REPO, Path(site), "real", langs, nynorsk)


# --------------------------------------------------------------------------------------------
# Serving and browsing
# --------------------------------------------------------------------------------------------


class AuditSummary(dict):
    """What the browser tests checked. An audit of the real content writes it at the end to
    the committed record the accessibility statement is built from (data/tilgjengelighetstest.json;
    commit the change). INNOMED_AUDIT_SUMMARY=path.json writes it there instead; set empty,
    nothing is written."""

    def as_dict(self) -> dict:
        return json.loads(json.dumps(self, ensure_ascii=False, default=str))


@pytest.fixture(scope="session")
def audit_summary(audit_site):
    summary = AuditSummary(
        site=audit_site.source,
        pages=len(audit_site.pages()),
        date=datetime.date.today().isoformat(),
    )
    yield summary
    from innomed.generate.audit_summary import SUMMARY_FILE

    default = str(REPO / SUMMARY_FILE) if audit_site.source == "real" else ""
    target = os.environ.get("INNOMED_AUDIT_SUMMARY", default)
    if target:
        write_json(target, summary.as_dict())


AXE_URL_PATH = "/__innomed-test__/axe.min.js"  # axe-core from node_modules, same origin


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves the site, plus axe-core at AXE_URL_PATH so Chromium caches and compiles it once
    (injecting the 650 kB script inline cost 0.2 s per page). HTML is never cached."""

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def translate_path(self, path):
        if path.split("?")[0] == AXE_URL_PATH:
            return str(AXE_JS)
        return super().translate_path(path)

    def end_headers(self):
        html = self.path.split("?")[0].endswith(("/", ".html"))
        self.send_header("Cache-Control", "no-store" if html else "max-age=3600")
        super().end_headers()


class SiteServer:
    """The built site on http://127.0.0.1:<free port>/ in a background thread."""

    def __init__(self, site: Path):
        handler = functools.partial(QuietHandler, directory=str(site))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> SiteServer:
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)

    def url(self, path: str) -> str:
        return self.origin + path


@pytest.fixture(scope="session")
def site_server(audit_site):
    with SiteServer(audit_site.site) as server:
        yield server


@pytest.fixture(scope="session")
def chromium():
    """One headless Debian Chromium for the whole session; tests open one context per width."""
    require_tools()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


class RequestLog:
    """Every request a browser context makes; anything not on the site's own origin is foreign."""

    def __init__(self, origin: str):
        self.origin = urlsplit(origin)
        self.foreign: list[tuple[str, str]] = []  # (page URL, request URL)
        self.current_page = ""
        self.count = 0

    def __call__(self, request) -> None:
        self.count += 1
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return  # inline, never leaves the browser
        if (parts.scheme, parts.hostname, parts.port) != (
            self.origin.scheme,
            self.origin.hostname,
            self.origin.port,
        ):
            self.foreign.append((self.current_page, request.url))


def new_context(browser, width: int, server: SiteServer, height: int = 800):
    """A context at one width that records every request (pages, assets, workers). Nothing is
    routed: Playwright turns the HTTP cache off in a context with routes, and the tests fail
    on any foreign request anyway (this machine has no network to reach one)."""
    context = browser.new_context(
        viewport={"width": width, "height": height}, locale="nb-NO", reduced_motion="reduce"
    )
    log = RequestLog(server.origin)
    context.on("request", log)
    return context, log


def goto(page, server: SiteServer, url: str, log: RequestLog | None = None) -> None:
    if log is not None:
        log.current_page = url
    response = page.goto(server.url(url), wait_until="load")
    assert response is not None and response.ok, f"{url}: HTTP {response and response.status}"


# --------------------------------------------------------------------------------------------
# axe
# --------------------------------------------------------------------------------------------

AXE_RUN = """async ([tags, include]) => {
  const context = include ? {include: include} : document;
  const result = await axe.run(context, {runOnly: {type: 'tag', values: tags},
                                         resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target.map(t => String(t)),
                              summary: n.failureSummary, html: n.html.slice(0, 200)}))
  }));
}"""


def run_axe(page, include: list[str] | None = None) -> list[dict]:
    """axe-core's violations on the page (or inside the `include` selectors)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        origin = page.evaluate("() => location.origin")
        page.add_script_tag(url=origin + AXE_URL_PATH)
    return page.evaluate(AXE_RUN, [AXE_TAGS, include])


def format_violation(url: str, label: str, violation: dict) -> str:
    lines = [
        f"{url} [{label}] {violation['id']} ({violation['impact']}): {violation['help']}",
        f"    {violation['helpUrl']}",
    ]
    for node in violation["nodes"][:8]:
        lines.append(f"    - {' '.join(node['target'])}")
        summary = (node.get("summary") or "").replace("\n", " ").strip()
        if summary:
            lines.append(f"      {summary[:300]}")
    if len(violation["nodes"]) > 8:
        lines.append(f"    ... og {len(violation['nodes']) - 8} til")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Colour maths for focus indicators (WCAG 2.x relative luminance and contrast ratio)
# --------------------------------------------------------------------------------------------


def parse_css_color(text: str) -> tuple[float, float, float, float] | None:
    match = re.match(r"rgba?\(([^)]+)\)", text.strip())
    if not match:
        return None
    parts = [p for p in re.split(r"[,\s/]+", match.group(1)) if p]
    r, g, b = (float(p) for p in parts[:3])
    alpha = float(parts[3]) if len(parts) > 3 else 1.0
    return r, g, b, alpha


def relative_luminance(rgb) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a, b) -> float:
    la, lb = relative_luminance(a), relative_luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def blend(top, bottom) -> tuple[float, float, float]:
    alpha = top[3]
    return tuple(top[i] * alpha + bottom[i] * (1 - alpha) for i in range(3))


# --------------------------------------------------------------------------------------------
# Showcase projects for the scratch site: every feature of a project page, in nb and nn
# --------------------------------------------------------------------------------------------


def tiny_png(width: int = 48, height: int = 27) -> bytes:
    """A small valid PNG (a blue-green gradient), made here so no binary is checked in."""
    rows = b"".join(
        b"\x00" + bytes(v for x in range(width) for v in (20 + 3 * x, 90 + 2 * y, 120))
        for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


REGIONS = ["Nord", "Midt-Norge", "Sør-Øst", "Vest", "Nasjonal"]
GROUPS = [
    "Eldre med skrøpelighet",
    "Personer med kroniske lidelser",
    "Barn og unge",
    "Psykisk helse og rus",
    "Akutt syke",
    "Ansatte",
    "Alle",
]
THEMES = [
    "Digital hjemmeoppfølging",
    "Pasientforløp",
    "Akuttmedisin og legevakt",
    "Psykisk helse",
    "Barn og unge",
    "Rehabilitering og habilitering",
    "Kompetanse og rekruttering",
    "Oppgavedeling",
    "Samhandling og organisering",
    "Gevinstrealisering",
    "Forebygging og tidlig innsats",
    "Kreft",
    "Svangerskap, fødsel og barsel",
    "Teknologi og digitale tjenester",
]
PHASES = ["Konsept", "Planlegge", "Gjennomføre", "Realisere", "Avslutte"]
ROUNDS = ["2023-S1", "2023-S2", "2024-S1", "2024-S2", "2025-S1", "2025-S2"]

SUBJECTS = [
    "Digital hjemmeoppfølging av hjertesvikt",
    "Felles legevakt i Indre Fosen",
    "Prehabilitering før kolorektalkirurgi",
    "Ambulant akutteam for eldre",
    "Samhandlingsforløp for barn med diabetes",
    "Tverrfaglig rusteam i Vesterålen",
    "Sykepleier på tvers av sykehus og kommune",
    "Virtuell avdeling for KOLS",
    "Helsefremmende hjemmebesøk for eldre",
    "Rask psykisk helsehjelp for unge",
    "Kreftkoordinator i distriktskommuner",
    "Jordmor følger hjem etter fødsel",
    "Oppgavedeling i hjemmetjenesten",
    "Felles kompetanseplan for helsefellesskapet",
    "Rehabilitering i heimen etter hjerneslag",
    "Digital legevaktsamtale",
    "Gevinstkartlegging for medisinsk avstandsoppfølging",
    "Trygg utskriving fra sykehus",
    "Opplæringsprogram for helsefagarbeidere",
    "Tidlig innsats ved skrøpelighet",
]

BODY_NB = """\
## Prosjektbeskrivelse

### Hva var utfordringen?

Pasientene i {region} reiste langt til kontroll, og {owner} så at mange av kontrollene kunne
gjøres hjemme. Les mer om bakgrunnen i [Helsedirektoratets veileder om digital
hjemmeoppfølging](https://www.helsedirektoratet.no/veiledere/digital-hjemmeoppfolging) og på
[helsenorge.no](https://www.helsenorge.no/).

> «Vi sparte to reisedøgn per pasient», sa en av sykepleierne i evalueringen.

### Hva var målene?

1. Færre reiser for pasientene.
2. Tryggere overganger mellom sykehus og kommune.
3. Et verktøy andre kan gjenbruke: `gevinstveileder-v2.xlsx`.

| Måling | Før | Etter |
| --- | ---: | ---: |
| Reisedøgn per pasient | 4,2 | 2,1 |
| Innleggelser per år | 31 | 22 |
| Andel fornøyde pasienter | 71 % | 89 % |

!!! note "Erfaring"
    Start gevinstarbeidet tidlig, og avklar hvem som eier indikatorene.

Lenken til rapporten er lang og må brytes på smale skjermer:
https://www.example.org/rapporter/digital-hjemmeoppfolging/evaluering-av-pilot-hjertesvikt-2025-sluttrapport.pdf

Gevinsten ble regnet ut slik:

    gevinst = spart_tid_timer * timepris - driftskostnad

*[DHO]: digital hjemmeoppfølging

DHO
:   Digital hjemmeoppfølging: pasienten måler selv, og helsepersonell følger opp.

## Erfaringer

Prosjektet lærte at forankring i ledelsen og tid til opplæring var avgjørende.
"""

BODY_NN = """\
## Prosjektskildring

### Kva var utfordringa?

Pasientane i {region} reiste langt til kontroll, og {owner} såg at mange av kontrollane
kunne gjerast heime. Les meir i [rettleiaren frå Helsedirektoratet](https://www.helsedirektoratet.no/).

### Kva var måla?

- Færre reiser for pasientane.
- Tryggare overgangar mellom sjukehus og kommune.

## Erfaringar

Prosjektet lærte at forankring i leiinga og tid til opplæring var avgjerande.
"""


def showcase_project(index: int, count: int) -> tuple[str, str, dict]:
    """(slug, markdown, extra files) for showcase project number `index`."""
    subject = SUBJECTS[index % len(SUBJECTS)]
    if index >= len(SUBJECTS):
        subject += f", del {index // len(SUBJECTS) + 1}"
    nynorsk = index % 7 == 3
    slug = f"visning-{index + 1:02d}"
    region = REGIONS[index % len(REGIONS)]
    kind = "Prosjekterfaring" if index % 2 == 0 else "Prosjektbeskrivelse"
    status = "Avsluttet" if index % 3 == 0 else "Pågående"
    round_ = ROUNDS[index % len(ROUNDS)]
    owner = [
        "Helse Nord-Trøndelag",
        "Universitetssykehuset Nord-Norge (UNN)",
        "Bergen kommune",
        "Sykehuset Innlandet",
        "Oslo universitetssykehus",
    ][index % 5]
    files: dict[str, bytes] = {}
    lines = [
        "---",
        f'title: "{"Prosjekterfaring" if kind == "Prosjekterfaring" else "Prosjekt"}: {subject}"',
        f"slug: {slug}",
        f'summary: "Kort om prosjektet {subject.lower()}: hva de gjorde, for hvem, og hva de '
        f'lærte av veiledningen fra InnoMed."',
        f"kind: {kind}",
        f"status: {status}",
        f"regions: [{region}]" if index % 4 else f"regions: [{region}, Nasjonal]",
        f'owner: "{owner}"',
        "partners: [Kommunene i regionen, Brukerrådet]",
        f"patient_groups: [{GROUPS[index % len(GROUPS)]}]",
        f"themes: {json.dumps(sorted({THEMES[index % len(THEMES)], THEMES[(index * 5 + 3) % len(THEMES)]}), ensure_ascii=False)}",
        "support:",
        "  - type: Skreddersydd innovasjonsrådgivning",
        f"    round: {round_}",
        "    hours: 40",
        '    description: "Prosessveiledning i gevinstarbeid og forankring."',
        f"phase_start: {PHASES[index % len(PHASES)]}",
        "innovation_type: Spredning av innovasjon",
        "deliverables: [Ny tjeneste, Ny kunnskap]",
        f'project_period: {{start: "{round_[:4]}-01", end: "{int(round_[:4]) + 1}-06"}}',
        f'coaching_period: {{start: "{round_[:4]}-03"}}',
        "contacts:",
        "  - name: Kari Nordmann",
        "    role: Prosjektleder",
        f'    organisation: "{owner}"',
        "    email: kari.nordmann@example.no",
    ]
    if nynorsk:
        lines.append("lang: nn")
    if index == 0:  # an old innomed.no address: the build makes a redirect page for it
        lines.append("legacy_paths: [/prosjekt/gammel-adresse-for-visningsprosjekt]")
    if index % 5 == 1:
        files[f"{slug}/forside.png"] = tiny_png()
        lines += [
            "image:",
            f"  file: {slug}/forside.png",
            '  alt: "Sykepleier og pasient ser på et nettbrett med måleverdier."',
            '  caption: "Pasienten måler blodtrykket hjemme."',
        ]
    if index % 5 == 2:
        files[f"{slug}/rapport.pdf"] = b"%PDF-1.4\n% InnoMed visningsvedlegg\n%%EOF\n"
        lines += [
            "attachments:",
            "  - title: Sluttrapport",
            f"    file: {slug}/rapport.pdf",
            '    description: "Evaluering av piloten, med gevinstkart."',
        ]
    if index % 2 == 0 and index + 1 < count:
        lines.append(f"related: [visning-{index + 2:02d}]")
    lines.append("---")
    body = (BODY_NN if nynorsk else BODY_NB).format(region=region, owner=owner)
    return slug, "\n".join(lines) + "\n\n" + body, files


SHOWCASE_COUNT = 28  # with content/ and the listings: about 80 pages, the real site's size


def write_showcase_projects(root: Path, count: int = SHOWCASE_COUNT) -> None:
    projects = root / "projects"
    projects.mkdir(exist_ok=True)
    for index in range(count):
        slug, text, files = showcase_project(index, count)
        (projects / f"{slug}.md").write_text(text, encoding="utf-8")
        for name, data in files.items():
            target = projects / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)


def write_json(path: str | os.PathLike, data: dict) -> None:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
