"""What the site says about its own behaviour, checked against the code that behaves.

The privacy page and the accessibility statement make promises about search, addresses, tests
and publishing. Each promise here is read from the page and compared with the JavaScript, the
index layout, the CI workflow or the audit record, so a change to the code that makes a
sentence false fails a test instead of going out unnoticed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from innomed.generate.audit_summary import SUMMARY_FILE, statement_section
from innomed.model.sources import read_source
from innomed.search.text import Stems, shard_name, words

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parent.parent
ENGINE = (ROOT / "theme/assets/sok-motor.js").read_text(encoding="utf-8")
DIALOG = (ROOT / "theme/assets/innomed-search.js").read_text(encoding="utf-8")
FILTERS = (ROOT / "theme/assets/filters.js").read_text(encoding="utf-8")


def body(relative: str) -> str:
    return " ".join(read_source(ROOT / relative, ROOT).body.split())


PRIVACY = body("content/personvern.md")
STATEMENT = body("content/tilgjengelighetserklaering.md")


def test_privacy_names_the_index_file_a_search_word_fetches_as_the_engine_does():
    example = re.search(r"Søker du på «(\w+)», hentes `ord/(\w+)\.json`", PRIVACY)
    assert example, "the privacy page gives an example of the index file a word fetches"
    word, shown = example.groups()
    [stem] = [Stems()(w) for w in words(word)]
    assert shard_name(stem[:2]) == shown  # the first two letters (three in a split shard)
    assert 'fetchJson("ord/" + shardName(key) + ".json"' in ENGINE
    assert re.search(r"`side/\d+\.json`", PRIVACY)
    assert 'fetchJson("side/" + id + ".json"' in ENGINE
    assert "de to eller tre første bokstavene i ordet" in PRIVACY


def test_no_search_word_is_written_to_an_address():
    """The privacy page says the query is not added to the address of the pages opened."""
    assert "blir ikke lagt til i adressen" in PRIVACY
    writes_address = re.compile(
        r"pushState|replaceState|location\.(?:search|hash|href)\s*=|location\.assign|"
        r"location\.replace|searchParams\.(?:set|append)"
    )
    assert not writes_address.search(DIALOG) and not writes_address.search(ENGINE)
    assert "link.href = data.url;" in DIALOG  # a result links to the page, nothing appended
    assert not re.search(r"data\.url\s*\+", DIALOG)
    assert "søkeordet til i adressen" not in PRIVACY and "sendes ikke til noen" not in PRIVACY


def test_privacy_says_the_project_filters_are_written_to_the_address_as_they_are():
    assert re.search(r"pushState\([^)]*\"\?\" \+ query", FILTERS)
    key, value = re.search(r"`\?(\w+)=(\w+)`", PRIVACY).groups()
    vocabulary = yaml.safe_load((ROOT / "data/vocabulary.yml").read_text(encoding="utf-8"))
    assert key == "region"
    assert value in {region["slug"] for region in vocabulary["regions"]}


def record() -> dict:
    return json.loads((ROOT / SUMMARY_FILE).read_text(encoding="utf-8"))


def test_the_statement_names_exactly_the_states_the_audit_record_holds():
    data = record()
    section = statement_section(data)
    row = next(line for line in section.splitlines() if line.startswith("| Tilstander |"))
    states = data["accessibility"]["states"]
    for state in states:
        if state != "side":
            assert state in row, state
    assert row.count("(") == len(states)
    for never in ("uthevede søkeord", "søkeord uthevet", "alle fargeoppsett"):
        assert never not in section and never not in STATEMENT


def test_a_record_with_fewer_states_gives_a_statement_with_fewer_states():
    data = record()
    data["accessibility"]["states"] = {"side": 10, "meny åpen": 2}
    data["accessibility"]["pages_per_state"] = {"side": 5, "meny åpen": 1}
    data["accessibility"]["palettes"] = ["default", "slate"]
    section = statement_section(data)
    assert "søk" not in section.split("| Tilstander |")[1].split("\n")[0]
    assert "| Fargeoppsett | default, slate |" in section


def test_the_statement_says_when_tests_run_as_the_ci_workflow_runs_them():
    workflow = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as True
    assert "push" in triggers
    steps = [step.get("run", "") for step in workflow["jobs"]["test"]["steps"]]
    assert "make test" in steps
    assert workflow["jobs"]["deploy"]["needs"] == "test"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ntest:", 1)[1].split("\n\n")[0]
    assert recipe.rstrip().endswith("-m pytest")  # no tier chosen: the browser audit runs too
    assert (ROOT / "tests/test_accessibility.py").exists()
    assert "hver gang en endring lagres i kildekoden" in STATEMENT
    assert "bare publisert når alle testene har bestått" in STATEMENT
    assert "Hver gang nettstedet bygges" not in STATEMENT
    assert "WCAG 2.2 på nivå A og AA" not in STATEMENT  # InnoMed's to confirm (notes)
    assert "NVDA" not in STATEMENT
