"""Search relevance: the queries in tests/data/relevance.json (what visitors type, bokmål and
nynorsk, each with the pages that must come first), run against a built site's index by the
engine the browser runs (the site's assets/sok-motor.js, under Node: tests/relevance.mjs).

    .venv/bin/python tests/relevance.py site      # the score and every miss

A query passes when one of its `want` pages is among its first `top` results (1 unless said).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
QUERIES = REPO / "tests" / "data" / "relevance.json"
RUNNER = REPO / "tests" / "relevance.mjs"


def queries() -> list[dict]:
    return json.loads(QUERIES.read_text(encoding="utf-8"))


def run(site: Path) -> list[dict]:
    """Each query with the engine's first results (`urls`) and whether it passed. The engine
    is the one the site publishes (site/assets/sok-motor.js), as the browser gets it."""
    asked = queries()
    engine = site / "assets" / "sok-motor.js"
    done = subprocess.run(
        ["node", str(RUNNER), str(site), str(engine), str(QUERIES)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    answers = json.loads(done.stdout)
    for query, answer in zip(asked, answers, strict=True):
        top = query.get("top", 1)
        query["urls"] = answer["urls"]
        query["total"] = answer["total"]
        query["passed"] = bool(set(answer["urls"][:top]) & set(query["want"]))
    return asked


def report(results: list[dict]) -> str:
    passed = sum(r["passed"] for r in results)
    lines = [f"{passed} of {len(results)} queries find what was meant"]
    for r in results:
        if not r["passed"]:
            first = ", ".join(r["urls"][:3]) or "(ingen treff)"
            lines.append(f"  MISS {r['query']!r} ({r['total']} treff): {first}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(run(Path(sys.argv[1]))))
