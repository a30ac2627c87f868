"""The commands editors and CI run: clear errors, non-zero exit, no traceback, no half site."""

import json

import pytest
from bs4 import BeautifulSoup

from conftest import run_build_py, write, write_project

BROKEN = """\
---
title: Ødelagt
summary: Kort.
kind: Prosjektbeskrivelse
status: Pågående
regions: [Midt Norge]
owner: Helse Testfjord
---
Tekst.
"""


def assert_clean_failure(result):
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.unit
def test_help_for_every_command(scratch):
    for command in ([], ["build"], ["check"], ["serve"]):
        result = run_build_py(scratch, *command, "--help")
        assert result.returncode == 0 and "usage: build.py" in result.stdout


@pytest.mark.unit
def test_check_ok_and_json(scratch):
    write_project(scratch, "ok")
    result = run_build_py(scratch, "check")
    assert result.returncode == 0 and result.stdout.startswith("OK: 1 prosjekter")
    result = run_build_py(scratch, "check", "--format", "json")
    assert json.loads(result.stdout) == {
        "ok": True,
        "errors": [],
        "projects": 1,
        "pages": len(list((scratch / "content").rglob("*.md"))),
    }


@pytest.mark.unit
def test_check_reports_every_error_with_summary(scratch):
    write_project(scratch, "a", text=BROKEN)
    write_project(scratch, "b", text=BROKEN.replace("owner", "ownr").replace("Ødelagt", "B"))
    result = run_build_py(scratch, "check")
    assert_clean_failure(result)
    lines = result.stderr.strip().splitlines()
    assert "projects/a.md:6: regions[0]: 'Midt Norge' er ikke en gyldig region" in lines[0]
    assert any(
        line.startswith("projects/b.md:7: ownr: ukjent felt (mente du 'owner'?)") for line in lines
    )
    assert lines[-1].startswith("3 feil funnet")  # a: region; b: region, ownr (owner is optional)
    payload = json.loads(run_build_py(scratch, "check", "--format", "json").stdout)
    assert payload["ok"] is False
    assert {"path": "projects/a.md", "line": 6, "field": "regions[0]"}.items() <= payload["errors"][
        0
    ].items()


@pytest.mark.build
def test_failed_build_leaves_previous_site_untouched(scratch):
    write_project(scratch, "ok", title="Første versjon")
    first = run_build_py(scratch, "build")
    assert first.returncode == 0, first.stderr
    page = scratch / "site/prosjekt/forste-versjon/index.html"
    before = page.read_bytes()
    write_project(scratch, "bad", text=BROKEN)
    result = run_build_py(scratch, "build")
    assert_clean_failure(result)
    assert "urørt" in result.stderr
    assert page.read_bytes() == before
    assert not (scratch / ".site.new").exists()


@pytest.mark.build
def test_mkdocs_warning_fails_the_build_without_traceback(scratch):
    write_project(
        scratch,
        "ok",
        text=BROKEN.replace("Midt Norge", "Nord").replace(
            "Tekst.", "Se [en side som ikke finnes](finnes-ikke.md)."
        ),
    )
    result = run_build_py(scratch, "build")
    assert_clean_failure(result)
    assert "finnes-ikke.md" in result.stderr
    assert not (scratch / "site").exists()


@pytest.mark.build
def test_build_writes_site_and_reports_page_count(scratch):
    write_project(scratch, "ok", title="Økonomi i praksis")
    result = run_build_py(scratch, "build")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Bygget ")
    html = (scratch / "site/prosjekt/okonomi-i-praksis/index.html").read_text()
    assert BeautifulSoup(html, "html.parser").h1.get_text(strip=True).startswith("Økonomi")


@pytest.mark.build
def test_two_sources_for_one_page_is_an_error(scratch):
    write_project(scratch, "ok", title="Regioner")
    write(scratch, "content/prosjekt/regioner.md", "---\ntitle: Kollisjon\n---\nTekst\n")
    result = run_build_py(scratch, "build")
    assert_clean_failure(result)
    assert "content/prosjekt/regioner.md" in result.stderr and "projects/ok.md" in result.stderr
