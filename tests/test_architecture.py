"""The folder tree shows the design: one subpackage per stage, and imports only flow down the
list in innomed/__init__.py, so each stage can be read, tested and replaced without the ones
above it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

PACKAGE = Path(__file__).resolve().parent.parent / "innomed"
# Lowest first: a module may import from its own layer and the layers before it.
LAYERS = [
    "speed",
    "model",
    "checks",
    "search",
    "cms",
    "generate",
    "render",
    "pipeline",
    "preview",
    "cli",
]


def layer_of(module: str) -> str:
    """`innomed.model.sources` -> "model"; `innomed.pipeline` -> "pipeline"."""
    return module.split(".")[1]


def imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.startswith("innomed."):
                found.add(node.module)
            elif node.module == "innomed":
                found |= {f"innomed.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("innomed.")}
        elif isinstance(node, ast.ImportFrom) and node.level:
            found.add(".relative")
    return found


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py")


def test_every_module_lives_in_a_known_layer():
    for path in modules():
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        assert parts[0] in LAYERS, f"{path}: not in a layer of innomed/__init__.py"
        assert len(parts) <= 2, f"{path}: one level of subpackages keeps the tree readable"


def test_imports_flow_one_way():
    problems = []
    for path in modules():
        own = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
        for module in sorted(imports(path)):
            if module == ".relative":
                problems.append(f"{path.name}: relative import (write innomed.<layer>.<module>)")
            elif LAYERS.index(layer_of(module)) > LAYERS.index(own):
                problems.append(f"innomed/{own}/{path.name} imports {module}, a layer above it")
    assert problems == []


def test_every_subpackage_says_what_it_owns():
    for folder in sorted(p for p in PACKAGE.iterdir() if (p / "__init__.py").exists()):
        assert ast.get_docstring(ast.parse((folder / "__init__.py").read_text())), folder
    described = ast.get_docstring(ast.parse((PACKAGE / "__init__.py").read_text())) or ""
    for layer in LAYERS[:-3] + ["preview"]:
        assert f"{layer}/" in described, f"innomed/__init__.py does not describe {layer}/"
