"""Hostile and careless input, tried as an attacker and as a careless editor would.

Each class of attack is written into a scratch site and checked on the built files (and, for
script, in Chromium): content comes out as text, files outside the content tree are never
read, two builds at once or a killed build never leave site/ missing or mixed, and no input
or environment produces a traceback.
"""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from innomed.model.errors import ContentErrors
from innomed.pipeline import load_content

pytest_plugins = ["browser"]  # the session's one Chromium (Playwright allows one per process)
from conftest import REPO, run_build_py, write, write_project

ATTACK = '"><img src=x onerror=alert(1)> `kode` *fet* [lenke](javascript:alert(2)) { onmouseover="alert(3)" }'

PROJECT = """\
---
title: {title}
summary: {summary}
kind: Prosjektbeskrivelse
status: Pågående
regions: [Nord]
owner: {owner}
contacts:
  - name: {owner}
    role: {owner}
support:
  - type: Skreddersydd innovasjonsrådgivning
    round: 2025-S1
---
{body}
"""


def project_text(title=ATTACK, summary=ATTACK, owner=ATTACK, body="Tekst.") -> str:
    quoted = lambda text: json.dumps(text, ensure_ascii=False)  # noqa: E731
    return PROJECT.format(
        title=quoted(title), summary=quoted(summary), owner=quoted(owner), body=body
    )


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def handlers(page: BeautifulSoup) -> list[str]:
    return [
        f"{tag.name} {key}"
        for tag in page.find_all(True)
        for key in tag.attrs
        if key.lower().startswith("on")
    ]


def errors_of(root: Path) -> list:
    with pytest.raises(ContentErrors) as problem:
        load_content(root)
    return problem.value.errors


# Script from content -------------------------------------------------------------------


@pytest.mark.build
def test_front_matter_markup_comes_out_as_text_in_every_output(scratch):
    write_project(scratch, "angrep", text=project_text())
    write(
        scratch,
        "content/aktuelt/sak.md",
        f"""\
        ---
        title: {json.dumps(ATTACK, ensure_ascii=False)}
        date: 2025-06-01
        summary: {json.dumps(ATTACK, ensure_ascii=False)}
        ---
        Tekst.
        """,
    )
    result = run_build_py(scratch, "build")
    assert result.returncode == 0, result.stderr
    site = scratch / "site"
    [project_dir] = [
        p
        for p in (site / "prosjekt").iterdir()
        if p.is_dir() and p.name not in {"side", "alfabetisk"}
    ]
    page = soup(project_dir / "index.html")
    heading = page.select_one("article h1")
    assert " ".join(heading.get_text().split()).startswith(" ".join(ATTACK.split()))
    assert not heading.attrs.get("onmouseover") and not heading.find(["code", "img", "em"])
    assert not page.select("article img, article code") and handlers(page) == []
    assert page.select_one('meta[property="og:title"]')["content"] == ATTACK
    jsonld = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert jsonld["headline"] == ATTACK
    lead = page.select_one("article p.lead")
    assert " ".join(lead.get_text().split()) == " ".join(ATTACK.split())
    listing = soup(site / "prosjekt/index.html")
    card = listing.select_one("article.project-card")
    assert ATTACK.split("`")[0].strip() in card.get_text() and handlers(listing) == []
    feed = (site / "aktuelt/feed.xml").read_text(encoding="utf-8")
    from feedparser import parse

    assert parse(feed).entries[0].title == ATTACK
    for html_file in site.rglob("*.html"):
        assert handlers(soup(html_file)) == [], html_file


@pytest.mark.unit
@pytest.mark.parametrize(
    "body, field",
    [
        ("<script>alert(1)</script>", "html"),
        ("Tekst <img src=x onerror=alert(1)> her.", "html"),
        ("[klikk](JavaScript:alert(1))", "lenke"),
        ("[klikk]( jAvAsCrIpT:alert(1))", "lenke"),
        ("<javascript:alert(1)>", "lenke"),
        ("[klikk][ref]\n\n[ref]: javascript:alert(1)", "lenke"),
        ('<a href="&#106;avascript:alert(1)">klikk</a>', "lenke"),
        ("[bilde](data:text/html;base64,PHNjcmlwdD4=)", "lenke"),
        ('<iframe src="https://example.org"></iframe>', "html"),
        ('## Overskrift { onclick="alert(1)" }', "html"),
        ("Avsnitt.\n{ onmouseover=alert(1) }", "html"),
        ('<div style="background:url(x)">Tekst</div>', "html"),
        # Every element that is allowed, with an event handler: the allow-list must refuse
        # each handler itself, not only on elements it happens to refuse anyway.
        ('<a href="https://innomed.no/" onclick="alert(1)">lenke</a>', "html"),
        ("<p ONCLICK='alert(1)'>Tekst</p>", "html"),
        ('<span lang="nn" onmouseover=alert(1)>Tekst</span>', "html"),
        ('<details onToggle="alert(1)"><summary>Mer</summary>Tekst</details>', "html"),
    ],
)
def test_script_in_a_body_is_refused_with_file_and_line(scratch, body, field):
    write_project(
        scratch,
        "x",
        text=project_text(
            title="Tittel", summary="Kort.", owner="Eier", body="Innledning.\n\n" + body
        ),
    )
    found = [(e.path, e.field) for e in errors_of(scratch)]
    assert ("projects/x.md", field) in found
    [line] = {e.line for e in errors_of(scratch) if e.field == field}
    text = (scratch / "projects/x.md").read_text(encoding="utf-8").split("\n")[line - 1]
    assert text.strip() and text.strip() in body


@pytest.mark.unit
def test_code_and_allowed_html_are_not_refused(scratch):
    write_project(
        scratch,
        "x",
        text=project_text(
            title="Tittel",
            summary="Kort.",
            owner="Eier",
            body='Skriv `<script>` i kode.\n\n<div lang="nb" markdown>\nBokmål.\n</div>\n\n'
            'Avsnitt.\n{ lang="nn" }\n\n[Nettsted](https://innomed.no) og <abbr title="x">y</abbr>.',
        ),
    )
    assert load_content(scratch).catalog.projects


@pytest.mark.unit
def test_link_like_text_in_front_matter_is_text_not_a_broken_link(scratch):
    """A summary is shown as the characters written, so `[rapporten](rapport.md)` in it is no
    link to check: the page's front matter and its listings' <script> data hold it as text."""
    from innomed.checks.site_links import links_in
    from innomed.pipeline import check_site_items

    looks_linked = "Se [rapporten](rapport.md) og ![bildet](mangler.png#topp)."
    write_project(
        scratch, "x", text=project_text(title="Tittel", summary=looks_linked, owner=looks_linked)
    )
    _, items = check_site_items(scratch, dates=False)
    pages = [i for i in items if getattr(i, "text", None) and i.path.endswith(".md")]
    targets = {target for page in pages for target, _, _ in links_in(page.path, page.text)}
    assert targets and not targets & {"rapport.md", "mangler.png#topp"}


@pytest.mark.unit
def test_links_are_read_from_what_the_engine_renders():
    from innomed.checks.site_links import links_in

    text = (
        '---\ndescription: "[a](a.md)"\n---\n# Tittel\n\n'
        '<script type="application/json">{"x": "[b](b.md)"}</script>\n\n'
        "[c](c.md) <script>\n[d](d.md)\n</script> [e](e.md)\n"
    )
    assert [target for target, _, _ in links_in("side.md", text)] == ["c.md", "e.md"]


@pytest.mark.build
def test_the_build_refuses_script_that_slips_past_the_content_checks(scratch, monkeypatch):
    """Defence in depth: if a template or the engine ever let script through, the built HTML
    is verified before it replaces site/."""
    from innomed.model import html_policy

    monkeypatch.setattr(html_policy, "check_html", lambda *a, **k: [])
    monkeypatch.setattr("innomed.model.content.check_html", lambda *a, **k: [])
    write_project(
        scratch,
        "x",
        text=project_text(title="T", summary="K.", owner="E", body="<script>alert(1)</script>"),
    )
    from innomed.pipeline import build_site

    (scratch / "site").mkdir()
    (scratch / "site/gammel.html").write_text("forrige versjon")
    with pytest.raises(ContentErrors) as problem:
        build_site(scratch, scratch / "site")
    assert any(e.path == "projects/x.md" and "skript" in e.message for e in problem.value.errors)
    assert (scratch / "site/gammel.html").read_text() == "forrige versjon"


# Files from outside the content ---------------------------------------------------------


@pytest.mark.unit
@pytest.mark.parametrize(
    "reference",
    ["/etc/passwd", "../.git/config", "../../../etc/hostname", "../data/vocabulary.yml"],
)
def test_front_matter_files_outside_the_content_tree_are_refused(scratch, reference):
    write_project(
        scratch,
        "x",
        text=project_text(title="T", summary="K.", owner="E").replace(
            "support:", f"attachments:\n  - title: Vedlegg\n    file: {reference}\nsupport:"
        ),
    )
    [error] = errors_of(scratch)
    assert error.path == "projects/x.md" and error.field == "attachments[0].file"
    lines = (scratch / "projects/x.md").read_text(encoding="utf-8").split("\n")
    assert lines[error.line - 1].strip() == f"file: {reference}"
    assert "utenfor" in error.message or "absolutt" in error.message


@pytest.mark.unit
def test_symlinks_out_of_the_tree_and_dangling_ones_are_refused(scratch):
    outside = scratch.parent / "hemmelig.md"
    outside.write_text(project_text(title="Hemmelig", summary="K.", owner="E"))
    (scratch / "projects/lenke.md").symlink_to(outside)
    (scratch / "content/passord.txt").symlink_to("/etc/passwd")
    (scratch / "content/borte.png").symlink_to(scratch / "finnes-ikke.png")
    found = {(e.path, e.field) for e in errors_of(scratch)}
    assert {
        ("projects/lenke.md", "fil"),
        ("content/passord.txt", "fil"),
        ("content/borte.png", "fil"),
    } <= found


@pytest.mark.unit
def test_legacy_paths_cannot_leave_the_site(scratch):
    write_project(
        scratch,
        "x",
        text=project_text(title="T", summary="K.", owner="E").replace(
            "summary:", "legacy_paths: [/prosjekt/../../../tmp/x]\nsummary:"
        ),
    )
    [error] = errors_of(scratch)
    assert error.field == "legacy_paths[0]" and error.line == 3


@pytest.mark.build
def test_nothing_outside_the_tree_reaches_site_and_check_agrees(scratch):
    write_project(
        scratch,
        "x",
        text=project_text(title="T", summary="K.", owner="E").replace(
            "support:", "image: {file: /etc/passwd, alt: Passord}\nsupport:"
        ),
    )
    check = run_build_py(scratch, "check")
    build = run_build_py(scratch, "build")
    assert check.returncode == build.returncode == 1
    assert "Traceback" not in check.stderr + build.stderr
    assert check.stderr.splitlines()[0] == build.stderr.splitlines()[0]
    assert not (scratch / "site").exists()


# Two builds at once, and a killed build -------------------------------------------------


def start_build(root: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "build", "--root", str(root)],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def site_state(site: Path) -> dict[str, bytes]:
    """Every file of a built site by path, the search index too (it is deterministic)."""
    state = {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }
    assert "sokeindeks/manifest.json" in state
    return state


@pytest.mark.build
def test_two_builds_at_once_both_succeed_and_leave_one_whole_site(scratch):
    write_project(scratch, "x", text=project_text(title="Tittel", summary="K.", owner="E"))
    first = run_build_py(scratch, "build")
    assert first.returncode == 0, first.stderr
    expected = site_state(scratch / "site")
    for _ in range(3):
        builds = [start_build(scratch), start_build(scratch)]
        outputs = [b.communicate(timeout=300) for b in builds]
        assert [b.returncode for b in builds] == [0, 0], outputs
        assert site_state(scratch / "site") == expected
    leftovers = [p.name for p in scratch.iterdir() if p.name.startswith(".site")]
    assert leftovers == []


@pytest.mark.build
def test_a_build_killed_at_any_moment_leaves_a_whole_site_and_the_next_one_recovers(scratch):
    write_project(scratch, "x", text=project_text(title="Tittel", summary="K.", owner="E"))
    assert run_build_py(scratch, "build").returncode == 0
    expected = site_state(scratch / "site")
    for delay in (0.2, 0.6, 1.0, 1.4, 1.8, 2.4):
        build = start_build(scratch)
        time.sleep(delay)
        build.send_signal(signal.SIGKILL)
        build.wait(timeout=60)
        assert site_state(scratch / "site") == expected, f"killed after {delay} s"
    assert run_build_py(scratch, "build").returncode == 0
    assert site_state(scratch / "site") == expected
    assert [p.name for p in scratch.iterdir() if p.name.startswith(".site")] == []


@pytest.mark.build
def test_a_failed_search_index_keeps_the_previous_site(scratch, monkeypatch):
    """The index is written before the swap; when writing it fails, nothing is swapped."""
    from innomed.pipeline import build_site
    from innomed.render.engine import RenderError
    from innomed.search import index as search_index

    write_project(scratch, "x", text=project_text(title="Tittel", summary="K.", owner="E"))
    assert run_build_py(scratch, "build").returncode == 0
    expected = site_state(scratch / "site")
    write_project(scratch, "y", text=project_text(title="Ny tittel", summary="K.", owner="E"))

    def full(path, value):
        raise OSError("disken er full")

    monkeypatch.setattr(search_index, "write_json", full)
    with pytest.raises(RenderError, match="Søkeindeksen kunne ikke lages: disken er full"):
        build_site(scratch, scratch / "site")
    assert site_state(scratch / "site") == expected
    assert [p.name for p in scratch.iterdir() if p.name.startswith(".site")] == []


@pytest.mark.build
def test_ctrl_c_stops_the_build_with_one_line_and_leaves_site_untouched(scratch):
    write_project(scratch, "x", text=project_text(title="Tittel", summary="K.", owner="E"))
    assert run_build_py(scratch, "build").returncode == 0
    expected = site_state(scratch / "site")
    build = start_build(scratch)
    # Interrupted while it renders (its temporary site exists), not at a guessed moment: a
    # fixed delay hit the interpreter's own exit once the build got faster.
    deadline = time.monotonic() + 60
    while not any(scratch.glob(".site.new-*")) and build.poll() is None:
        assert time.monotonic() < deadline, "the build never started rendering"
        time.sleep(0.005)
    build.send_signal(signal.SIGINT)
    _, stderr = build.communicate(timeout=60)
    assert "Traceback" not in stderr
    assert build.returncode == 130 and "Avbrutt" in stderr, stderr
    assert site_state(scratch / "site") == expected


# No traceback, one Norwegian line -------------------------------------------------------


@pytest.mark.build
@pytest.mark.parametrize(
    "damage, where",
    [
        (lambda root: (root / "data/vocabulary.yml").unlink(), "data/vocabulary.yml"),
        (lambda root: (root / "mkdocs.yml").write_text("site_name: [uavsluttet\n"), "mkdocs.yml"),
        (lambda root: write(root, "projects/a.md", "---\ntitle: Hei\x07\n---\n"), "projects/a.md"),
        (
            lambda root: write(root, "projects/a.md", "---\ntitle: " + "[" * 3000 + "\n---\n"),
            "projects/a.md",
        ),
        (
            lambda root: (root / "projects/borte.md").symlink_to(root / "ingenting.md"),
            "projects/borte.md",
        ),
        (
            lambda root: write(root, "projects/a.md", '---\ntitle: "Hei" og mer\n---\n'),
            "projects/a.md",
        ),
    ],
)
def test_broken_input_gives_one_line_per_problem_and_no_traceback(scratch, damage, where):
    damage(scratch)
    for command in ("check", "build"):
        result = run_build_py(scratch, command)
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr and where in result.stderr
        assert not (scratch / "site").exists()


@pytest.mark.build
def test_an_output_folder_that_cannot_be_written_is_one_line(scratch):
    blocker = scratch / "fil"
    blocker.write_text("ikke en mappe")
    result = run_build_py(scratch, "build", "--out", str(blocker / "site"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 3, result.stderr


@pytest.mark.build
def test_serve_on_a_busy_port_says_so(scratch):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [
                sys.executable,
                str(REPO / "build.py"),
                "serve",
                "--root",
                str(scratch),
                "--port",
                str(port),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=scratch,
        )
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "Porten er opptatt" in result.stderr or "opptatt" in result.stderr


# Future-dated news ----------------------------------------------------------------------

CHRISTMAS_EVE_NEWS = """\
---
title: Snart
date: 2026-12-24
summary: Kommer.
---
Tekst.
"""


@pytest.mark.unit
def test_news_waits_for_its_date_and_check_says_when(scratch, monkeypatch):
    write(scratch, "content/aktuelt/snart.md", CHRISTMAS_EVE_NEWS)
    monkeypatch.setenv("INNOMED_TODAY", "2026-12-23")
    content = load_content(scratch)
    assert content.news == []
    assert "content/aktuelt/snart.md: date: publiseres 2026-12-24, ikke før" in content.warnings
    monkeypatch.setenv("INNOMED_TODAY", "2026-12-24")
    assert [n.slug for n in load_content(scratch).news] == ["snart"]


@pytest.mark.unit
def test_a_link_to_news_not_yet_published_is_an_error(scratch, monkeypatch):
    write(scratch, "content/aktuelt/snart.md", CHRISTMAS_EVE_NEWS)
    write_project(
        scratch,
        "x",
        text=project_text(title="T", summary="K.", owner="E", body="Se [saken](aktuelt:snart)."),
    )
    monkeypatch.setenv("INNOMED_TODAY", "2026-12-01")
    [error] = errors_of(scratch)
    assert error.path == "projects/x.md" and error.field == "lenke"


@pytest.mark.browser
def test_no_script_from_content_runs_in_a_browser(tmp_path, chromium):
    """The attack title on the page, in the listing, on the home page and in the search box:
    no dialog ever opens and nothing is fetched from another host."""
    from browser import SiteServer, goto, new_context
    from conftest import make_scratch_site

    root = make_scratch_site(tmp_path / "root")
    write_project(root, "angrep", text=project_text())
    result = run_build_py(root, "build")
    assert result.returncode == 0, result.stderr
    dialogs: list[str] = []
    with SiteServer(root / "site") as server:
        context, log = new_context(chromium, 1280, server)
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        project = next(
            p.name
            for p in (root / "site/prosjekt").iterdir()
            if p.is_dir() and p.name not in {"side", "alfabetisk"}
        )
        for url in (f"/prosjekt/{project}/", "/prosjekt/", "/prosjekt/alfabetisk/", "/"):
            goto(page, server, url, log)
            for heading in page.locator("h1, h2, h3").all()[:10]:
                if heading.is_visible():
                    heading.hover()
            page.wait_for_timeout(200)
        search = page.locator('input[type="search"], input[name="query"]').first
        if search.count():
            page.keyboard.press("/")
            search.fill("img onerror alert")
            page.wait_for_timeout(800)
        context.close()
    assert dialogs == [] and log.foreign == []


@pytest.mark.unit
def test_check_refuses_a_draft_the_preview_would_refuse(scratch):
    write_project(
        scratch,
        "utkast",
        text=project_text(
            title="Utkast", summary="K.", owner="E", body="Se [noe](prosjekt:finnes-ikke)."
        ).replace("support:", "draft: true\nsupport:"),
    )
    [error] = errors_of(scratch)
    assert error.path == "projects/utkast.md" and error.field == "lenke"


@pytest.mark.unit
def test_a_broken_file_is_one_error_not_one_in_every_file_that_links_to_it(scratch):
    """An editor who breaks a project's front matter sees that file's error, not a "no such
    project" in every page that links to it."""
    write_project(
        scratch,
        "maal",
        text=project_text(title="Målet", summary="K.", owner="E").replace(
            "status: Pågående", "status: Pågående\nregions_typo: [Nord]"
        ),
    )
    write_project(
        scratch,
        "lenker",
        text=project_text(
            title="Lenker", summary="K.", owner="E", body="Se [målet](prosjekt:malet)."
        ).replace("support:", "related: [malet]\nsupport:"),
    )
    write(
        scratch,
        "content/aktuelt/sak.md",
        "---\ntitle: Sak\ndate: 2025-06-01\nsummary: K.\n"
        "related_projects: [malet]\n---\nSe [målet](prosjekt:malet).\n",
    )
    assert {error.path for error in errors_of(scratch)} == {"projects/maal.md"}


@pytest.mark.unit
def test_no_allowed_attribute_runs_script():
    from innomed.model.html_policy import ALLOWED_ATTRIBUTES, check_html
    from innomed.model.sources import Source

    assert not [name for name in ALLOWED_ATTRIBUTES if name.lower().startswith("on")]
    for name in ("onclick", "onload", "onfocus", "onpointerdown"):
        source = Source(Path("x.md"), "x.md", {}, f'<a href="https://a.no/" {name}="x">a</a>', 5)
        assert [(e.line, e.field) for e in check_html(source, set())] == [(5, "html")], name
