"""JSON Schemas for editors' tools, generated from the same models the build validates with.

Never edited by hand: `python build.py schema` rewrites schemas/, and a test fails when the
committed files differ from what the models and data/vocabulary.yml produce.
"""

from __future__ import annotations

import json
from pathlib import Path

from .models import PageMeta, ProjectMeta
from .models_sections import (CourseMeta, EpisodeMeta, ModuleMeta, NewsMeta, PodcastMeta,
                              ToolMeta)
from .vocabulary import Vocabularies

# schema file name -> (model, the files it describes, for editor configuration)
SCHEMAS = {
    "project": (ProjectMeta, ["projects/*.md"]),
    "page": (PageMeta, ["content/*.md", "content/om/**/*.md", "content/nettverk/**/*.md"]),
    "news": (NewsMeta, ["content/aktuelt/*.md"]),
    "tool": (ToolMeta, ["content/verktoy/*.md"]),
    "course": (CourseMeta, ["courses/*/index.md"]),
    "module": (ModuleMeta, ["courses/*/!(index).md"]),
    "podcast": (PodcastMeta, ["podcast/index.md"]),
    "episode": (EpisodeMeta, ["podcast/!(index).md"]),
}


def with_vocabularies(node, vocabularies: Vocabularies):
    """Replace each x-vocabulary marker by the allowed values, so editors see a pick-list."""
    if isinstance(node, dict):
        node = {key: with_vocabularies(value, vocabularies) for key, value in node.items()}
        name = node.pop("x-vocabulary", None)
        if name:
            node["enum"] = vocabularies[name].labels
        return node
    if isinstance(node, list):
        return [with_vocabularies(item, vocabularies) for item in node]
    return node


def generate_schemas(vocabularies: Vocabularies) -> dict[str, str]:
    """File name -> JSON text."""
    files = {}
    for name, (model, _) in SCHEMAS.items():
        schema = with_vocabularies(model.model_json_schema(), vocabularies)
        # draft-07: what the editor plugins (ajv in remark-lint-frontmatter-schema) read.
        schema = {"$schema": "http://json-schema.org/draft-07/schema#",
                  "$id": f"https://innomed.no/schemas/{name}.schema.json", **schema}
        files[f"{name}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    return files


def write_schemas(root: Path, vocabularies: Vocabularies) -> list[Path]:
    folder = root / "schemas"
    folder.mkdir(exist_ok=True)
    written = []
    for name, text in generate_schemas(vocabularies).items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
