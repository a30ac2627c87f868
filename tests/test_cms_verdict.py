"""The check's verdict in the browser editor: the preview writes /admin/sjekk.json after a
save (innomed/preview/verdict.py) and admin/verdict.js says what it means for the saved file."""

from __future__ import annotations

import json

import pytest
from test_cms_format import run_js

from innomed.preview.verdict import VERDICT_FILE, publish_verdict

from conftest import write_project

pytestmark = pytest.mark.unit

BROKEN = """\
---
title: Testprosjekt
summary: Kort.
kind: Prosjektbeskrivelse
status: Pågående
regions: [Nord]
owner: Helse Testfjord
related: [finnes-ikke]
---
Tekst.
"""


def test_a_failed_save_publishes_the_errors_with_file_and_line(scratch, tmp_path):
    write_project(scratch, "x", text=BROKEN)
    site = tmp_path / "site"
    path = publish_verdict(scratch, site, failed=True)
    assert path == site / VERDICT_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["ok"] is False and data["problem"] is None
    [error] = data["errors"]
    assert (error["path"], error["line"], error["field"]) == ("projects/x.md", 8, "related[0]")
    assert "finnes-ikke" in error["message"]
    assert error["text"].startswith("projects/x.md:8: related[0]: ")


def test_a_passed_save_publishes_ok_without_checking_again(scratch, tmp_path):
    write_project(scratch, "x", text=BROKEN)  # not read: the restage passed, it says
    data = json.loads(publish_verdict(scratch, tmp_path, failed=False).read_text("utf-8"))
    assert data["ok"] is True and data["errors"] == []


MESSAGES = """
import { messagesFor } from './verdict.js';
const error = (path) => ({ path, line: 8, field: 'related[0]', message: 'finnes ikke',
  text: `${path}:8: related[0]: finnes ikke` });
const cases = [
  { ok: true, problem: null, errors: [] },
  { ok: false, problem: null, errors: [error('projects/x.md'), error('projects/y.md')] },
  { ok: false, problem: null, errors: [error('projects/y.md')] },
  { ok: false, problem: 'Sjekken kunne ikke kjøres.', errors: [] },
];
console.log(JSON.stringify(cases.map((verdict) => messagesFor(verdict, 'projects/x.md'))));
"""


def test_the_editor_is_told_about_the_saved_file_first(tmp_path):
    ok, own, others, problem = run_js(tmp_path, MESSAGES)
    assert ok == {
        "ok": True,
        "title": "Sjekket: ingen feil i projects/x.md. Forhåndsvisningen viser endringen.",
        "items": [],
    }
    assert own["ok"] is False and own["title"].startswith("Sjekken fant 1 feil i projects/x.md.")
    assert own["items"] == ["linje 8, related[0]: finnes ikke"]
    assert others["title"].startswith("Ingen feil i projects/x.md, men sjekken fant 1 feil i")
    assert others["items"] == ["projects/y.md:8: related[0]: finnes ikke"]
    assert problem == {"ok": False, "title": "Sjekken kunne ikke kjøres.", "items": []}
