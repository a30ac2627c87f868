"""admin/: the generated Decap config is current, and the front-matter format writes clean
diffs (run in Node against every content file)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from innomed.cms.decap import CONFIG_FILE, generate_config, required_lists
from innomed.model.config import VOCABULARY_FILE
from innomed.model.registry import TYPES
from innomed.model.vocabulary import load_vocabularies

REPO = Path(__file__).resolve().parent.parent
SCRIPT = """
import { readFileSync } from 'node:fs';
import { fromFile, toFile, pathautoSlug } from './innomed-cms.js';
const out = {};
for (const path of JSON.parse(process.argv[2])) {
  const text = readFileSync(path, 'utf8');
  const data = JSON.parse(JSON.stringify(fromFile(text)));
  const result = { same: toFile(data) === text, keys: data.__innomed_keys };
  if (data.status) {
    result.changed = toFile({ ...data, status: data.status === 'Pågående' ? 'Avsluttet' : 'Pågående' });
  }
  out[path] = result;
}
out.slug = pathautoSlug(process.argv[3], 'prosjekt/');
console.log(JSON.stringify(out));
"""


def vocabularies():
    return load_vocabularies(REPO / VOCABULARY_FILE, REPO)


@pytest.mark.unit
def test_committed_cms_config_is_current():
    committed = (REPO / CONFIG_FILE).read_text(encoding="utf-8")
    assert committed == generate_config(REPO, vocabularies()), "run: python build.py schema"


@pytest.mark.unit
def test_vocabulary_values_are_select_options():
    text = generate_config(REPO, vocabularies())
    for label in vocabularies()["regions"].labels + vocabularies()["themes"].labels:
        assert f"- {label}\n" in text


@pytest.mark.unit
def test_js_knows_the_required_lists_and_prefixes():
    js = (REPO / "admin/innomed-cms.js").read_text(encoding="utf-8")
    listed = re.search(r"REQUIRED_LISTS = \[(.*?)\]", js)[1]
    assert set(re.findall(r"'(\w+)'", listed)) == required_lists(vocabularies())
    for name, prefix in re.findall(r"^  (\w+): '([^']*)',$", js, re.MULTILINE):
        assert TYPES[name].page.split("{")[0] == prefix


def run_js(tmp_path: Path, script: str, *args: str):
    """What `script` prints as JSON, run in Node beside admin/innomed-cms.js."""
    if shutil.which("node") is None:
        pytest.fail("Node.js mangler: apt-get install nodejs")
    for module in (REPO / "admin").glob("*.js"):
        shutil.copy(module, tmp_path)
    shutil.copytree(REPO / "node_modules/yaml/browser/dist", tmp_path / "yaml")
    (tmp_path / "package.json").write_text('{"type": "module"}')
    (tmp_path / "run.mjs").write_text(script)
    out = subprocess.run(
        ["node", "run.mjs", *args], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def decap_filter(collection: dict, keys: list[str]) -> bool:
    """Decap's folder-collection `filter` (decap-cms-core backend.ts filterEntries) on an
    entry whose data has these front-matter keys."""
    rule = collection["filter"]
    assert rule["field"] == "__innomed_keys"
    return rule["value"] in keys


def content_files() -> list[str]:
    """Every markdown file the build reads: the registry's source folders."""
    from innomed.model.registry import source_folders

    return [str(p) for folder in source_folders() for p in sorted((REPO / folder).rglob("*.md"))]


@pytest.mark.unit
def test_format_round_trips_every_file_and_changes_one_line(tmp_path):
    files = content_files()
    assert len(files) >= 90
    title = "Prosjekterfaring: Bedre flyt for eldre i Bærum og Ålesund"
    results = run_js(tmp_path, SCRIPT, json.dumps(files), title)
    from innomed.model.slugs import slug_for_title

    assert results.pop("slug") == slug_for_title(title)
    assert [p for p, r in results.items() if not r["same"]] == []
    changed = 0
    for path, result in results.items():
        if "changed" in result:
            before = Path(path).read_text(encoding="utf-8").split("\n")
            after = result["changed"].split("\n")
            assert len(before) == len(after)
            assert sum(a != b for a, b in zip(before, after, strict=True)) == 1, path
            changed += 1
    # Every file with a status changes (a status is optional: unknown ones are left out).
    with_status = [f for f in files if "\nstatus: " in Path(f).read_text(encoding="utf-8")]
    assert changed == len(with_status) >= 20


@pytest.mark.unit
def test_episode_collection_lists_episodes_not_the_series_page(tmp_path):
    config = yaml.safe_load(generate_config(REPO, vocabularies()))
    collections = {c["name"]: c for c in config["collections"]}
    # Only podcast/ holds another type's index.md; the other folders list every file.
    assert [name for name, c in collections.items() if "filter" in c] == ["episode"]
    files = sorted((REPO / collections["episode"]["folder"]).glob("*.md"))
    results = run_js(tmp_path, SCRIPT, json.dumps([str(p) for p in files]), "x")
    listed = {
        Path(p).name for p in files if decap_filter(collections["episode"], results[str(p)]["keys"])
    }
    assert "index.md" not in listed
    assert listed == {p.name for p in files} - {"index.md"}
    assert len(listed) >= 8


ALT_SCRIPT = """
import { missingAltText } from './innomed-cms.js';
const cases = JSON.parse(process.argv[2]);
console.log(JSON.stringify(cases.map((data) => missingAltText(data))));
"""


@pytest.mark.unit
def test_images_without_alt_text_are_refused_before_saving(tmp_path):
    image = {"file": "bilder/workshop.png"}
    cases = [
        {"image": image},
        {"image": {**image, "alt": "   "}},
        {"image": {**image, "alt": "Prosjektgruppen rundt et bord"}},
        {"image": {**image, "decorative": True}},
        {"image": {"alt": ""}},  # the optional image left empty
        {"body": "Tekst\n\n![](bilder/kart.png)\n"},
        {"body": "![Kart over Agder](bilder/kart.png)\n"},
        {"body": "```\n![](eksempel.png)\n```\n"},
    ]
    problems = run_js(tmp_path, ALT_SCRIPT, json.dumps(cases))
    assert [bool(p) for p in problems] == [True, True, False, False, False, True, False, False]
    assert "«bilder/workshop.png» mangler alternativ tekst" in problems[0][0]
    assert "«Alternativ tekst»" in problems[0][0] and "«Bare pynt»" in problems[0][0]
    assert "![beskrivelse av bildet](bilder/kart.png)" in problems[5][0]


@pytest.mark.unit
def test_image_fields_say_alt_text_is_needed_in_the_labels_the_refusal_names():
    config = yaml.safe_load(generate_config(REPO, vocabularies()))
    images = [
        field
        for collection in config["collections"]
        for fields in [collection.get("fields", [])]
        + [f["fields"] for f in collection.get("files", [])]
        for field in fields
        if field["name"] == "image"
    ]
    assert len(images) >= 3
    js = (REPO / "admin/innomed-cms.js").read_text(encoding="utf-8")
    for image in images:
        fields = {f["name"]: f for f in image["fields"]}
        assert fields["alt"]["hint"].startswith("Påkrevd når du har valgt et bilde")
        # The message in admin/innomed-cms.js names the fields as the form labels them.
        assert f"«{fields['alt']['label']}»" in js
        assert f"«{fields['decorative']['label']}»" in js


LIST_SCRIPT = """
import { readFileSync } from 'node:fs';
import { fromFile, toFile } from './innomed-cms.js';
const item = process.argv[3];
const out = {};
for (const path of JSON.parse(process.argv[2])) {
  const text = readFileSync(path, 'utf8');
  // What Decap holds: plain data (Immutable turned back into JS), the list widget's values.
  const data = JSON.parse(JSON.stringify(fromFile(text)));
  out[path] = { same: toFile(data) === text, edits: {} };
  for (const [key, value] of Object.entries(data)) {
    if (key.startsWith('__') || !Array.isArray(value)) continue;
    if (!value.every((v) => typeof v === 'string')) continue;
    const added = toFile({ ...data, [key]: [...value, item] });
    const back = JSON.parse(JSON.stringify(fromFile(added)));
    const edited = toFile({ ...back, [key]: back[key].map((v) => (v === item ? item + 'x ' : v)) });
    const removed = toFile({ ...back, [key]: back[key].filter((v) => v !== item) });
    const blank = toFile({ ...data, [key]: [...value, '', '  '] });
    out[path].edits[key] = { added, read: back[key], edited, removed, blank };
  }
}
console.log(JSON.stringify(out));
"""


def changed_lines(before: str, after: str) -> list[str]:
    import difflib

    diff = difflib.unified_diff(before.split("\n"), after.split("\n"), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


REQUIRED_IN_JS = {"regions"}  # admin/innomed-cms.js REQUIRED_LISTS: [] is an answer


@pytest.mark.unit
def test_every_file_round_trips_and_list_items_with_commas_change_one_line(tmp_path):
    """Every content file read and written unchanged is byte-identical; in every list of plain
    values, an item with a comma and a trailing space is added, edited and removed as one
    item, on one line, and removing it gives the file back byte for byte."""
    files = content_files()
    item = "Helse Vest, avdeling for innovasjon "
    results = run_js(tmp_path, LIST_SCRIPT, json.dumps(files), item)
    assert [p for p, r in results.items() if not r["same"]] == []
    edited = 0
    for path, result in results.items():
        text = Path(path).read_text(encoding="utf-8")
        for key, edit in result["edits"].items():
            where = f"{path}: {key}"
            value = yaml.safe_load(text.split("---\n")[1])[key]
            assert edit["read"] == [*value, item], where
            added = changed_lines(text, edit["added"])
            assert len([line for line in added if line.startswith("+")]) == 1, (where, added)
            assert len(added) <= 2, (where, added)  # a flow list's line, or one new line
            assert len(changed_lines(edit["added"], edit["edited"])) == 2, where
            if value or key in REQUIRED_IN_JS:
                assert edit["removed"] == text, where
            else:  # `related: []` emptied again is left out, as the form leaves it out
                assert changed_lines(text, edit["removed"]) == [f"-{key}: []"], where
            assert edit["blank"] == text, where  # boxes added and left blank are not items
            edited += 1
    assert edited >= 150


def form_fields(fields: list[dict], model: str = ""):
    """(path, field) for every field in a form, nested ones too."""
    for field in fields:
        yield f"{model}.{field['name']}", field
        if "fields" in field:
            yield from form_fields(field["fields"], f"{model}.{field['name']}")
        if "field" in field:
            yield f"{model}.{field['name']}[]", field["field"]


@pytest.mark.unit
def test_form_labels_are_distinct_and_hints_speak_no_code():
    config = yaml.safe_load(generate_config(REPO, vocabularies()))
    forms = [(c["name"], c["fields"]) for c in config["collections"] if "fields" in c]
    forms += [(c["name"], f["fields"]) for c in config["collections"] for f in c.get("files", [])]
    for name, fields in forms:
        labels = [f["label"] for f in fields]
        assert len(labels) == len(set(labels)), (name, sorted(labels))
        for path, field in form_fields(fields, name):
            hint = field.get("hint", "")
            for code in ("true", "false", "[]", "<slug>", "(slug)", "MIME"):
                assert code not in hint, (path, hint)
    episode = dict(forms)["episode"]
    audio = next(f for f in episode if f["name"] == "audio")
    assert next(f for f in audio["fields"] if f["name"] == "type")["label"] == "Filtype"
