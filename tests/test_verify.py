"""The last check of the built HTML (innomed/checks/verify.py) sees what a browser would run.

The markup here is what no editor can write past `check` (tests/test_hostile.py shows that);
it stands for a hole in a template or a future engine, which verify must still catch.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from innomed.checks.verify import scan_html, verify_site

pytestmark = pytest.mark.unit

RUNS_IN_A_BROWSER = [
    ('<img src="x" onerror="alert(1)">', "hendelsesattributtet onerror"),
    ('<IMG SRC="x" ONERROR="alert(1)">', "hendelsesattributtet onerror"),
    ('<a href="jav&#x61;script:alert(1)">x</a>', "'javascript:'"),
    ('<a href=" JaVa\tScRiPt:alert(1)">x</a>', "'javascript:'"),
    ('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', "'javascript:'"),
    ('<form action="javascript:alert(1)"><button>x</button></form>', "'javascript:'"),
    ('<button formaction="vbscript:x">x</button>', "'vbscript:'"),
    ('<a href="data:text/html,<script>alert(1)</script>">x</a>', "'data:'"),
    ('<iframe src="https://example.org"></iframe>', "<iframe> er ikke tillatt"),
    ('<object data="x.swf"></object>', "<object> er ikke tillatt"),
    ('<embed src="x.swf">', "<embed> er ikke tillatt"),
    ('<base href="https://example.org/">', "<base> er ikke tillatt"),
    ("<template><img src=x onerror=alert(1)></template>", "<template> er ikke tillatt"),
    # Browsers run these; Python's html.parser, which verify used before, saw only text.
    ("<math><style><img src=x onerror=alert(1)></style></math>", "onerror"),
    ("<svg><style><img src=x onerror=alert(1)></style></svg>", "onerror"),
    ("<!--><img src=x onerror=alert(1)>-->", "onerror"),
    ('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>', "onerror"),
]


@pytest.mark.parametrize("markup, problem", RUNS_IN_A_BROWSER)
def test_markup_a_browser_would_run_is_found(markup, problem):
    found = scan_html(f"<!doctype html><html><body><p>Tekst</p>{markup}</body></html>")
    assert any(problem in line for line in found.problems), found.problems


INERT = [
    '<p title="</p><img src=x onerror=alert(1)>">tekst</p>',  # an attribute's value
    "<textarea><img src=x onerror=alert(1)></textarea>",  # text, not markup
    "<noscript><img src=x onerror=alert(1)></noscript>",  # text when scripts run
    "<p>onclick=alert(1) and javascript:alert(1) as words</p>",
    "<img/src=x/onerror=alert(1)>",  # one attribute: src="x/onerror=alert(1)"
    '<a href="https://innomed.no">a</a> <a href="mailto:a@b.no">b</a> <a href="tel:+47">c</a>',
    '<a href="../prosjekt/x/#fakta">d</a> <a href="#">e</a> <img src="bilde.png" alt="">',
]


@pytest.mark.parametrize("markup", INERT)
def test_what_never_runs_is_not_refused(markup):
    found = scan_html(f"<!doctype html><html><body>{markup}</body></html>")
    assert found.problems == [] and found.inline_scripts == []


def test_scripts_are_told_apart_by_what_runs():
    found = scan_html(
        "<html><head>"
        '<script src="assets/app.js"></script>'
        '<script type="application/json">{"a": "<b>"}</script>'
        '<script type="application/ld+json">{}</script>'
        '<script>var base = "../..";</script>'
        "</head><body><svg><script>alert(1)</script></svg></body></html>"
    )
    assert found.script_sources == ["assets/app.js"]
    assert found.inline_scripts == ['var base = "ROOT";', "alert(1)"]


def page(scripts: str) -> str:
    return f"<!doctype html><html><head>{scripts}</head><body><p>x</p></body></html>"


def test_a_site_runs_only_the_theme_s_scripts(tmp_path: Path):
    site = tmp_path / "site"
    theme = '<script>var root = "."; start(root);</script><script src="assets/app.js"></script>'
    (site / "assets").mkdir(parents=True)
    (site / "assets/app.js").write_text("")
    (site / "404.html").write_text(page(theme))
    deeper = theme.replace('"."', '"../.."').replace("assets/", "../../assets/")
    for name, text in {
        "index.html": page(theme),
        "a/b/index.html": page(deeper),  # the same scripts, two folders down
        "c/index.html": page("<script>steal(document.cookie)</script>"),
        "d/index.html": page('<script src="https://tracker.example/t.js"></script>'),
        "e/index.html": page('<script src="../../outside.js"></script>'),
        "admin/index.html": page("<script>editingInterface()</script>"),  # code, not content
    }.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text)

    found = verify_site(site)

    assert list(found) == ["c/index.html", "d/index.html", "e/index.html"]
    assert "et innebygd skript som ikke er temaets" in found["c/index.html"][0]
    assert "tracker.example" in found["d/index.html"][0]
    assert "outside.js" in found["e/index.html"][0]
