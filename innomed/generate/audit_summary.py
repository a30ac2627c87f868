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
STATE_NAMES = {
    "loaded": "siden lastet",
    "search_open": "søket åpent med treff",
    "menu_open": "menyen åpen",
    "search_highlight": "søkeord uthevet",
}


def read_summary(root: Path) -> dict | None:
    path = root / SUMMARY_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def statement_section(summary: dict) -> str:
    """'Siste automatiske test' from the record the browser audit wrote: rows of data, made
    into markdown (escaped) by a template."""
    audit = summary.get("accessibility", {})
    axe = audit.get("axe", {})
    vnu = summary.get("vnu", {})
    keyboard = summary.get("keyboard", {})
    when = summary.get("date")
    states = ", ".join(STATE_NAMES.get(s, s) for s in audit.get("states", {})) or "siden lastet"
    widths = " og ".join(f"{w} px" for w in audit.get("widths", []))
    rows = [
        ("Sider kontrollert", str(audit.get("pages_checked", summary.get("pages", "?")))),
        ("Skjermbredder", widths or "?"),
        ("Tilstander", states),
        ("Regler (axe-core)", ", ".join(axe.get("tags", []))),
        ("Brudd funnet av axe-core", str(axe.get("violations", "?"))),
        (
            "Feil i HTML-koden (Nu HTML Checker)",
            f"{vnu.get('errors', '?')} på {vnu.get('files', '?')} filer",
        ),
        ("Forespørsler til andre nettsteder", str(audit.get("third_party_requests", "?"))),
    ]
    if "reflow_320px" in keyboard:
        rows.append(
            (
                "Sider som ruller sidelengs ved 320 px",
                str(keyboard["reflow_320px"].get("scrolling_sideways", "?")),
            )
        )
    dated = format_date(dt.date.fromisoformat(when)) if when else None
    return render_template("statement_audit.md.j2", page=STATEMENT_PAGE, rows=rows, when=dated)
