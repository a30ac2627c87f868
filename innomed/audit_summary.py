"""The accessibility statement states what the last automated audit found.

`make test` writes the browser audit's figures to .build/tilgjengelighet.json; a build that
finds the file appends them to the statement page, so the published statement carries the
figures of the test run that allowed the deploy.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from .dates import format_date

SUMMARY_FILE = Path(".build/tilgjengelighet.json")
STATEMENT_PAGE = "tilgjengelighetserklaering.md"
STATE_NAMES = {"loaded": "siden lastet", "search_open": "søket åpent med treff",
               "menu_open": "menyen åpen", "search_highlight": "søkeord uthevet"}


def read_summary(root: Path) -> dict | None:
    path = root / SUMMARY_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def statement_section(summary: dict) -> str:
    """Markdown for 'Siste automatiske test', from the summary the browser tests wrote."""
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
        ("Feil i HTML-koden (Nu HTML Checker)", f"{vnu.get('errors', '?')} på "
                                                f"{vnu.get('files', '?')} filer"),
        ("Forespørsler til andre nettsteder", str(audit.get("third_party_requests", "?"))),
    ]
    if "reflow_320px" in keyboard:
        rows.append(("Sider som ruller sidelengs ved 320 px",
                     str(keyboard["reflow_320px"].get("scrolling_sideways", "?"))))
    table = "| Hva | Resultat |\n|---|---|\n" + "\n".join(f"| {a} | {b} |" for a, b in rows)
    dated = f" {format_date(dt.date.fromisoformat(when))}" if when else ""
    return (f"\n\n## Siste automatiske test\n\nResultatet av den automatiske testen som ble "
            f"kjørt{dated} før denne versjonen av nettstedet ble publisert:\n\n{table}\n")
