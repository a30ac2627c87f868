"""The JSON Schemas for editors come from the models and accept exactly what check accepts."""

import json
import re
from pathlib import Path

import jsonschema
import pytest

from innomed.cms.schemas import SCHEMAS, generate_schemas, remark_config
from innomed.model.sources import read_source
from innomed.model.vocabulary import load_vocabularies

pytestmark = pytest.mark.unit

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def schemas():
    vocabularies = load_vocabularies(REPO / "data/vocabulary.yml", REPO)
    return {name: json.loads(text) for name, text in generate_schemas(vocabularies).items()}


def test_committed_schemas_are_up_to_date(schemas):
    for name, schema in schemas.items():
        committed = json.loads((REPO / "schemas" / name).read_text(encoding="utf-8"))
        assert committed == schema, f"schemas/{name} is stale: run `python build.py schema`"


def test_committed_editor_config_is_up_to_date():
    assert (REPO / ".remarkrc.mjs").read_text(encoding="utf-8") == remark_config(), (
        ".remarkrc.mjs is stale: run `python build.py schema`"
    )


def test_schemas_list_vocabulary_values_and_descriptions(schemas):
    project = schemas["project.schema.json"]
    regions = project["properties"]["regions"]
    assert regions["items"]["enum"] == ["Nord", "Midt-Norge", "Sør-Øst", "Vest", "Nasjonal"]
    assert project["additionalProperties"] is False
    assert set(project["required"]) >= {"title", "summary", "kind", "regions"}
    assert "status" not in project["required"]  # unknown is left out, never forced (issue 24)
    assert "owner" not in project["required"]
    assert all(field.get("description") for field in project["properties"].values())


def jsonable(value):
    """YAML values as a YAML-reading editor plugin sees them (dates as ISO text)."""
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    return value.isoformat() if hasattr(value, "isoformat") else value


@pytest.mark.parametrize("kind", ["project", "news", "course", "episode", "tool"])
def test_real_content_validates_against_its_schema(schemas, kind):
    schema = schemas[f"{kind}.schema.json"]
    patterns = SCHEMAS[kind][1]
    files = [
        p
        for pattern in patterns
        for p in REPO.glob(pattern.replace("!(index)", "*"))
        if not (kind == "episode" and p.name == "index.md")
    ]
    assert files, kind
    for path in files:
        meta = jsonable(read_source(path, REPO).meta)
        jsonschema.validate(meta, schema)


def test_schema_rejects_what_check_rejects(schemas):
    schema = schemas["project.schema.json"]
    good = {
        "title": "T",
        "summary": "S",
        "kind": "Prosjektbeskrivelse",
        "status": "Pågående",
        "regions": ["Vest"],
        "owner": "O",
    }
    jsonschema.validate(good, schema)
    for bad in (
        {**good, "regions": ["Midt Norge"]},
        {**good, "regoins": ["Vest"]},
        {k: v for k, v in good.items() if k != "kind"},
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema)


def test_schema_accepts_a_single_value_where_check_does(schemas):
    """`patient_groups: Kreft` is a list of one to `check` (models.Listed); the schema said
    "must be array", so the editor's tools flagged what the build accepts."""
    from innomed.model.models import ProjectMeta

    schema = schemas["project.schema.json"]
    good = {
        "title": "T",
        "summary": "S",
        "kind": "Prosjektbeskrivelse",
        "status": "Pågående",
        "regions": ["Vest"],
        "owner": "O",
    }
    vocabularies = load_vocabularies(REPO / "data/vocabulary.yml", REPO)
    group = vocabularies["patient_groups"].labels[0]
    for value in (group, [group]):
        meta = {**good, "patient_groups": value, "source": "Årsrapport 2025"}
        jsonschema.validate(meta, schema)
        ProjectMeta.model_validate(meta, context={"vocabularies": vocabularies})
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**good, "patient_groups": "Ingen slik gruppe"}, schema)


REMARK = REPO / "node_modules/.bin/remark"


def run_remark(*paths: str, cwd: Path = REPO):
    import subprocess

    assert REMARK.is_file(), (
        "node_modules mangler: kjør `npm ci --ignore-scripts` (make test gjør det)"
    )
    return subprocess.run(
        [str(REMARK), "--frail", "--no-color", "--no-stdout", *paths],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_editor_plugin_accepts_the_real_content():
    result = run_remark("projects", "content", "courses", "podcast")
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr


def test_editor_plugin_flags_a_wrong_value_with_its_line(tmp_path):
    import shutil

    shutil.copytree(REPO / "schemas", tmp_path / "schemas")
    shutil.copy(REPO / ".remarkrc.mjs", tmp_path / ".remarkrc.mjs")
    (tmp_path / "node_modules").symlink_to(REPO / "node_modules")
    project = REPO / "projects/dho-sor-rogaland.md"
    text = project.read_text(encoding="utf-8").replace("regions: [Vest]", "regions: [Vestland]")
    (tmp_path / "projects").mkdir()
    (tmp_path / "projects/feil.md").write_text(text, encoding="utf-8")
    line = next(n for n, t in enumerate(text.split("\n"), 1) if t.startswith("regions:"))
    result = run_remark("projects", cwd=tmp_path)
    assert result.returncode == 1
    assert re.search(
        rf"\b{line}:\d+-{line}:\d+ +warning Must be equal to one of the allowed "
        r"values: `Nord`, `Midt-Norge`",
        result.stderr,
    ), result.stderr
