"""The theme overrides only what it changes, and notices when upstream moves under it.

theme/README.md has a table that records, for every theme file based on an upstream template,
that template's sha256 at the Material/MkDocs version we use. No build, no browser.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import material
import mkdocs
import pytest

from conftest import REPO

pytestmark = pytest.mark.unit

THEME = REPO / "theme"
ROW = re.compile(r"^\| `([^`]+)` \| `((?:material|mkdocs)/[^`]+)` \| `([0-9a-f]{64})` \|$", re.M)
OVERRIDES = [
    {"file": file, "upstream": upstream, "sha256": sha256}
    for file, upstream, sha256 in ROW.findall((THEME / "README.md").read_text(encoding="utf-8"))
]
PACKAGES = {"material": Path(material.__file__).parent, "mkdocs": Path(mkdocs.__file__).parent}
TEMPLATE_DIRS = [PACKAGES["material"] / "templates", PACKAGES["mkdocs"] / "templates"]
HASHED_ASSET = re.compile(r"\.[0-9a-f]{8}\.min\.(css|js)\b")


def upstream_path(entry: dict) -> Path:
    package, rest = entry["upstream"].split("/", 1)
    return PACKAGES[package] / rest


@pytest.mark.parametrize("entry", OVERRIDES, ids=lambda e: f"{e['file']}<-{e['upstream']}")
def test_override_is_based_on_the_installed_upstream_template(entry):
    assert (THEME / entry["file"]).is_file(), f"theme/{entry['file']} is in README.md but missing"
    path = upstream_path(entry)
    assert path.is_file(), (
        f"theme/{entry['file']}: upstream {entry['upstream']} is no longer "
        "installed; find where it went and update theme/README.md"
    )
    actual = hashlib.sha256(path.read_bytes()).hexdigest()
    assert actual == entry["sha256"], (
        f"theme/{entry['file']} has drifted from upstream: {path} changed "
        f"(sha256 {actual}, recorded {entry['sha256']}). Diff it against theme/{entry['file']}, "
        "port the upstream change, then record the new hash in theme/README.md."
    )


def test_the_upstream_table_is_read():
    assert len(OVERRIDES) >= 10


def test_every_theme_file_that_shadows_an_upstream_template_is_recorded():
    recorded = {entry["file"] for entry in OVERRIDES}
    shadowing = sorted(
        str(path.relative_to(THEME))
        for path in THEME.rglob("*")
        if path.is_file()
        and any((root / path.relative_to(THEME)).is_file() for root in TEMPLATE_DIRS)
    )
    missing = [name for name in shadowing if name not in recorded]
    assert not missing, (
        f"theme files overriding an upstream template without a row in theme/README.md: {missing}"
    )


def test_main_html_overrides_only_blocks_that_base_html_still_has():
    base = (PACKAGES["material"] / "templates/base.html").read_text(encoding="utf-8")
    upstream_blocks = set(re.findall(r"{%-?\s*block\s+(\w+)", base))
    ours = re.findall(r"{%-?\s*block\s+(\w+)", (THEME / "main.html").read_text(encoding="utf-8"))
    gone = [name for name in ours if name not in upstream_blocks]
    assert not gone, f"theme/main.html overrides blocks Material's base.html no longer has: {gone}"


def test_no_theme_file_names_a_hashed_material_asset():
    found = [
        f"{path.relative_to(REPO)}:{number}: {match.group(0)}"
        for path in sorted(THEME.rglob("*"))
        if path.is_file()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for match in HASHED_ASSET.finditer(line)
    ]
    assert not found, "hashed Material asset names break on every Material update:\n" + "\n".join(
        found
    )


def test_postprocess_removes_autocomplete_from_checkboxes_and_materials_search(tmp_path):
    from innomed.render.postprocess import postprocess

    page = tmp_path / "a" / "index.html"
    page.parent.mkdir()
    page.write_text(
        '<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">\n'
        '<input type="text" name="query" autocomplete="off">\n'
        '<script id="__config" type="application/json">{"base": "..", '
        '"search": "../assets/javascripts/workers/search.a7633da7.min.js", "tags": null}</script>\n',
        encoding="utf-8",
    )
    untouched = tmp_path / "b.html"
    untouched.write_text('<input type="checkbox" id="x">\n', encoding="utf-8")
    material_search = tmp_path / "assets" / "javascripts" / "workers" / "search.js"
    material_search.parent.mkdir(parents=True)
    material_search.write_text("/* Material's lunr worker */", encoding="utf-8")
    bundle = tmp_path / "assets" / "javascripts" / "bundle.js"
    bundle.write_text("/* Material's bundle */", encoding="utf-8")
    assert postprocess(tmp_path) == 1
    assert not material_search.parent.exists()
    assert bundle.is_file()
    assert page.read_text(encoding="utf-8") == (
        '<input class="md-toggle" type="checkbox" id="__drawer">\n'
        '<input type="text" name="query" autocomplete="off">\n'
        '<script id="__config" type="application/json">{"base": "..", "tags": null}</script>\n'
    )
    assert untouched.read_text(encoding="utf-8") == '<input type="checkbox" id="x">\n'
