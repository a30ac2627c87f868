"""Reading front matter: YAML problems come back as path:line: field: messages."""

from pathlib import Path

import pytest

from innomed.model.errors import ContentErrors
from innomed.model.sources import read_source

from conftest import write

pytestmark = pytest.mark.unit


def errors_of(root: Path, text: str) -> list:
    path = write(root, "projects/x.md", text)
    with pytest.raises(ContentErrors) as caught:
        read_source(path, root)
    return caught.value.errors


def test_reads_fields_body_and_lines(tmp_path):
    path = write(
        tmp_path,
        "projects/x.md",
        """\
        ---
        title: Hei
        support:
          - type: A
            round: 2025-S1
        ---
        Body line
        """,
    )
    source = read_source(path, tmp_path)
    assert source.meta["title"] == "Hei"
    assert source.body.strip() == "Body line"
    assert source.body_line == 7
    assert source.lines[("title",)] == 2
    assert source.lines[("support", 0, "round")] == 5
    assert source.rel == "projects/x.md"


def test_yaml_1_1_booleans_and_dates_stay_text(tmp_path):
    path = write(
        tmp_path, "projects/x.md", "---\nlang: no\nflag: yes\nok: true\nday: 2026-02-30\n---\n"
    )
    meta = read_source(path, tmp_path).meta
    assert meta == {"lang": "no", "flag": "yes", "ok": True, "day": "2026-02-30"}


def test_tab_in_indentation_names_the_file_line(tmp_path):
    [error] = errors_of(tmp_path, "---\ntitle: Hei\nsupport:\n\t- type: A\n---\n")
    assert (error.path, error.line, error.field) == ("projects/x.md", 4, "front matter")
    assert "tabulator" in error.message and "mellomrom" in error.message


def test_bad_indentation_names_the_line(tmp_path):
    [error] = errors_of(tmp_path, "---\ntitle: Hei\nsummary: Kort\n  owner: X\n---\n")
    assert error.line == 4
    assert "kolon" in error.message or "innrykk" in error.message


def test_missing_front_matter(tmp_path):
    [error] = errors_of(tmp_path, "# Bare en overskrift\n")
    assert (error.line, error.field) == (1, "front matter")
    assert "---" in error.message


def test_unclosed_front_matter(tmp_path):
    [error] = errors_of(tmp_path, "---\ntitle: Hei\n")
    assert "avsluttet" in error.message


def test_byte_order_mark_and_windows_line_ends_are_accepted(tmp_path):
    """Notepad writes a BOM and CRLF; Hugo, Jekyll and MkDocs accept both, and so do we (the
    metadata must not silently come out empty, as python-frontmatter does)."""
    path = tmp_path / "projects" / "x.md"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\xef\xbb\xbf---\r\ntitle: Hei\r\nlang: nn\r\n---\r\nTekst.\r\n")
    source = read_source(path, tmp_path)
    assert source.meta == {"title": "Hei", "lang": "nn"}
    assert source.body == "Tekst.\n" and source.lines[("lang",)] == 3


def test_duplicate_key_is_an_error_with_both_lines(tmp_path):
    [error] = errors_of(tmp_path, "---\ntitle: A\nsummary: S\ntitle: B\n---\n")
    assert (error.line, error.field) == (4, "title")
    assert "linje 2" in error.message


@pytest.mark.parametrize(
    ("front", "line", "field"),
    [("{{}}", 2, "front matter"), ("title: A\ncontacts:\n  ? [a]\n  : b", 4, "contacts")],
)
def test_a_field_name_that_is_a_list_or_a_group_is_an_error(tmp_path, front, line, field):
    [error] = errors_of(tmp_path, f"---\n{front}\n---\n")
    assert (error.line, error.field) == (line, field)
    assert "feltnavn som er en liste eller en gruppe" in error.message


def test_windows_line_endings_are_read(tmp_path):
    path = tmp_path / "x.md"
    path.write_bytes(b"---\r\ntitle: Hei\r\n---\r\nBody\r\n")
    source = read_source(path, tmp_path)
    assert source.meta == {"title": "Hei"} and source.body.strip() == "Body"


@pytest.mark.parametrize(
    "front, line, words",
    [
        ('title: "Hei\nsummary: x', 2, "anførselstegnet blir aldri lukket"),
        ('title: "Hei" og mer\nsummary: x', 2, "tekst etter anførselstegnene"),
        ("title: @InnoMed", 2, "kan ikke starte med tegnet @"),
        ("regions: [Nord\nsummary: x", 3, "blir ikke lukket riktig"),
        ("title: Hei\x07", 2, "kontrolltegn"),
        ("title: " + "[" * 3000, 2, "nøstet for dypt"),
        ("title: x\n\tsummary: y", 3, "tabulator"),
        ("support:\n  - type: a\n   round: b", 4, "innrykket stemmer ikke"),
    ],
)
def test_yaml_errors_are_one_norwegian_line_naming_the_real_mistake(tmp_path, front, line, words):
    path = tmp_path / "projects" / "x.md"
    path.parent.mkdir(parents=True)
    path.write_text(f"---\n{front}\n---\nTekst.\n", encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        read_source(path, tmp_path)
    [error] = caught.value.errors
    assert (error.line, error.field) == (line, "front matter")
    assert words in error.message and "\n" not in error.message
    assert "indentation" not in error.message and "scalar" not in error.message
