"""`check` is the editor's safety net: it refuses what the build would, with the same
file:line, and in the editor's own files, never a staged path under .build/."""

from __future__ import annotations

import pytest

from conftest import SHORT_PROJECT as PROJECT
from conftest import run_build_py, write, write_project

pytestmark = pytest.mark.build


def both(root):
    check, build = run_build_py(root, "check"), run_build_py(root, "build")
    assert check.returncode == build.returncode == 1, (check.stderr, build.stderr)
    assert "Traceback" not in check.stderr + build.stderr
    assert ".build/" not in check.stderr + build.stderr
    problems = lambda text: sorted(
        line
        for line in text.splitlines()
        if ":" in line[:80]  # noqa: E731
        and line.split(":")[1].isdigit()
    )
    assert problems(check.stderr) == problems(build.stderr)
    return problems(check.stderr)


@pytest.mark.parametrize(
    "body, expected",
    [
        ("Se [siden](finnes-ikke.md).", "går til en side eller fil som ikke finnes"),
        ("Se [søknaden](../om/soknad.md#ingen-slik-overskrift).", "et avsnitt som ikke finnes"),
        ("![Et bilde](bilder/mangler.png)", "går til en side eller fil som ikke finnes"),
    ],
)
def test_dead_links_anchors_and_images_in_a_body(scratch, body, expected):
    write(scratch, "content/om/soknad.md", "---\ntitle: Søknad\n---\n## Kriterier\n\nTekst.\n")
    write_project(scratch, "x", text=PROJECT.format(title="Prosjekt", extra="", body=body))
    [problem] = both(scratch)
    assert problem.startswith("projects/x.md:9: lenke:") and expected in problem


def test_a_hand_written_page_missing_from_the_menu(scratch):
    write(scratch, "content/om/ny-side.md", "---\ntitle: Ny side\n---\nTekst.\n")
    [problem] = both(scratch)
    assert problem.startswith("content/om/ny-side.md:1: meny:") and "mkdocs.yml" in problem


def test_a_legacy_path_that_is_a_live_page_is_an_error_not_a_silent_redirect(scratch):
    write_project(scratch, "a", text=PROJECT.format(title="Levende side", extra="", body="."))
    write_project(
        scratch,
        "b",
        text=PROJECT.format(
            title="Annen side", extra="legacy_paths: [/prosjekt/levende-side]\n", body="."
        ),
    )
    problems = both(scratch)
    assert any(p.startswith("projects/b.md:3:") and "levende-side" in p for p in problems), problems


def test_two_attachments_with_one_published_name(scratch):
    write(scratch, "projects/a/rapport.pdf", "%PDF-1.4\n")
    write(scratch, "projects/b/rapport.pdf", "%PDF-1.4\n")
    write_project(
        scratch,
        "x",
        text=PROJECT.format(
            title="Prosjekt",
            body=".",
            extra="attachments:\n  - {title: A, file: a/rapport.pdf}\n"
            "  - {title: B, file: b/rapport.pdf}\n",
        ),
    )
    [problem] = both(scratch)
    assert problem.startswith("projects/x.md:5: attachments[1].file:")
    assert "rapport.pdf" in problem


def test_a_title_that_makes_no_address(scratch):
    write_project(scratch, "x", text=PROJECT.format(title='"!!!"', extra="", body="."))
    [problem] = both(scratch)
    assert problem.startswith("projects/x.md:2: title:")


def test_a_control_character_in_a_news_summary_is_a_line_not_a_traceback(scratch):
    """lxml stopped the news feed on it (exit 2, "Intern feil") while `check` said OK."""
    write(
        scratch,
        "content/aktuelt/nyhet.md",
        '---\ntitle: Nyhet\ndate: "2025-05-02"\nsummary: "Kort \\x0b tekst"\n---\nTekst.\n',
    )
    [problem] = both(scratch)
    assert problem.startswith("content/aktuelt/nyhet.md:4: summary: ") and "U+000B" in problem


def test_a_control_character_in_a_body_is_refused_at_its_line(scratch):
    body = "Første linje.\n\n```\nkode \x1b[31m\n```\n"
    write_project(scratch, "x", text=PROJECT.format(title="Prosjekt", extra="", body=body))
    [problem] = both(scratch)
    assert problem.startswith("projects/x.md:12: tekst: ") and "U+001B" in problem


def test_a_menu_line_to_a_missing_page_is_refused_by_check_too(scratch):
    config = scratch / "mkdocs.yml"
    config.write_text(config.read_text().replace("nav:\n", "nav:\n  - Borte: borte.md\n"))
    line = config.read_text().split("\n").index("  - Borte: borte.md") + 1
    check = run_build_py(scratch, "check")
    assert check.returncode == 1
    assert f"mkdocs.yml:{line}: nav: menyen peker på 'borte.md', som ikke finnes" in check.stderr


def test_check_remembers_nothing(scratch, tmp_path, monkeypatch):
    """A memory made `check` say OK to a file the build refused, and a damaged one crashed
    every later check: `check` now writes nothing at all outside what it is asked to read."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    monkeypatch.setenv("INNOMED_CACHE_DIR", str(cache / "innomed"))
    before = sorted(p.relative_to(scratch) for p in scratch.rglob("*"))
    assert run_build_py(scratch, "check").returncode == 0
    assert not cache.exists()
    assert sorted(p.relative_to(scratch) for p in scratch.rglob("*")) == before
    write_project(scratch, "x", text=PROJECT.format(title="Prosjekt", extra="", body="Skriv her."))
    assert run_build_py(scratch, "check").returncode == 1
