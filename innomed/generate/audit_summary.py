"""The accessibility statement states what the last automated audit found.

The browser audit (part of `make test`) writes its figures to data/tilgjengelighetstest.json,
a dated record that is committed with the content. Every build reads that committed file and
appends it to the statement page, so two builds of one commit are identical whether or not
tests ran before them.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from innomed.generate.templating import render_template
from innomed.model.dates import format_date

SUMMARY_FILE = Path("data/tilgjengelighetstest.json")
STATEMENT_PAGE = "tilgjengelighetserklaering.md"
# The audit's own state names are Norwegian already; only the plain page load is renamed.
STATE_NAMES = {"side": "siden slik den lastes"}
LANGUAGES = {"nb": "bokmål", "nn": "nynorsk"}


def read_summary(root: Path) -> dict | None:
    path = root / SUMMARY_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def tested_states(audit: dict) -> list[str]:
    """Every state the record says was audited, with its page count, and nothing else: the
    statement must never name a state no test reached."""
    per_page = audit.get("pages_per_state") or {}
    return [
        f"{STATE_NAMES.get(state, state)} ({per_page[state]} sider)"
        if state in per_page
        else STATE_NAMES.get(state, state)
        for state in audit.get("states", {})
    ]


def palettes(audit: dict) -> str:
    names = audit.get("palettes") or []
    if names == ["default"]:
        return "ett (standard)"
    return ", ".join(names) or "?"


def statement_section(summary: dict) -> str:
    """'Siste automatiske test' from the record the browser audit wrote: rows of data, made
    into markdown (escaped) by a template. Only what the record holds is stated."""
    audit = summary.get("accessibility", {})
    axe = audit.get("axe", {})
    vnu = summary.get("vnu", {})
    keyboard = summary.get("keyboard", {})
    when = summary.get("date")
    widths = " og ".join(f"{w} px" for w in audit.get("widths", []))
    rows = [
        ("Sider kontrollert", str(audit.get("pages_checked", summary.get("pages", "?")))),
        ("Skjermbredder", widths or "?"),
        ("Tilstander", ", ".join(tested_states(audit)) or "?"),
        ("Fargeoppsett", palettes(audit)),
        ("Regler (axe-core)", ", ".join(axe.get("tags", []))),
        ("Brudd funnet av axe-core", str(axe.get("violations", "?"))),
        (
            "Feil i HTML-koden (Nu HTML Checker)",
            f"{vnu.get('errors', '?')} på {vnu.get('files', '?')} filer",
        ),
    ]
    if languages := audit.get("lang"):
        rows.append(
            (
                "Språk på sidene",
                ", ".join(f"{n} på {LANGUAGES.get(code, code)}" for code, n in languages.items()),
            )
        )
    rows.append(("Forespørsler til andre nettsteder", str(audit.get("third_party_requests", "?"))))
    for key, walk in keyboard.items():
        if key.startswith("tab_walk_") and isinstance(walk, dict):
            width = key.removeprefix("tab_walk_").replace("px", " px")
            rows.append(
                (
                    f"Tastatur (Tab) ved {width}",
                    f"{len(walk.get('pages', []))} sider, {walk.get('problems', '?')} problemer",
                )
            )
    if "reflow_320px" in keyboard:
        reflow = keyboard["reflow_320px"]
        rows.append(
            (
                "Sider som ruller sidelengs ved 320 px",
                f"{reflow.get('scrolling_sideways', '?')} av {reflow.get('pages', '?')}",
            )
        )
    dated = format_date(dt.date.fromisoformat(when)) if when else None
    return render_template("statement_audit.md.j2", page=STATEMENT_PAGE, rows=rows, when=dated)
