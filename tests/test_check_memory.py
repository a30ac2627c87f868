"""`check` after an edit answers from the memory of the last passing check only when the whole
check would say the same: every edit below is checked both ways and must give the same exit
code and the same words. The memory lives outside the project and is never needed."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_origin

import pytest
import yaml

from innomed import check_memory, outline
from innomed.cli import main

from conftest import SHORT_PROJECT, SITE_FILES, copy_from_repo, write, write_project

pytestmark = pytest.mark.unit

BODY = """\
## Resultater

Pasientene fikk raskere hjelp. Se også [søknaden](../om/soknad.md#kriterier).

## Erfaringer

Tekst.
"""


@pytest.fixture
def site(scratch: Path, tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("INNOMED_CACHE_DIR", str(tmp_path / "memory"))
    write(scratch, "content/om/soknad.md", "---\ntitle: Søknad\n---\n## Kriterier\n\nTekst.\n")
    project(scratch, 0, BODY)
    # Another page points into prosjekt-00's headings: removing one must be noticed.
    project(scratch, 1, BODY + "\nSe [resultatene](prosjekt:prosjekt-00#resultater).\n")
    write(scratch, "projects/vedlegg/rapport.pdf", "%PDF-1.4\n")
    project(
        scratch, 2, BODY, extra="attachments:\n  - {title: Rapport, file: vedlegg/rapport.pdf}\n"
    )
    return scratch


def project(root: Path, number: int, body: str, extra: str = "") -> Path:
    text = SHORT_PROJECT.format(title=f"Prosjekt {number:02}", extra=extra, body=body)
    return write_project(root, f"prosjekt-{number:02}", text=text)


class Counted:
    """check_content, counting the whole checks."""

    def __init__(self):
        self.calls = 0
        self.real = outline.check_content

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.real(*args, **kwargs)


def check(root: Path, capsys, monkeypatch, memory: bool = True) -> tuple[int, str, str, int]:
    """(exit code, stdout without the time, stderr, whole checks run)."""
    counted = Counted()
    monkeypatch.setattr(outline, "check_content", counted)
    with monkeypatch.context() as scope:
        if not memory:
            scope.setenv("INNOMED_CACHE_DIR", "")
        code = main(["check", "--root", str(root)])
    monkeypatch.setattr(outline, "check_content", counted.real)
    out, err = capsys.readouterr()
    return code, re.sub(r"\(\d+\.\d+ s\)", "(…)", out), err, counted.calls


def both_ways(root: Path, capsys, monkeypatch) -> tuple[int, str, str, int]:
    """The check with the memory, after making sure it says what the whole check says."""
    remembered = check(root, capsys, monkeypatch)
    whole = check(root, capsys, monkeypatch, memory=False)
    assert remembered[:3] == whole[:3]
    return remembered


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def first_page(root: Path) -> Path:
    return root / "projects/prosjekt-00.md"


def test_a_check_with_nothing_changed_answers_from_memory(site, capsys, monkeypatch):
    first = check(site, capsys, monkeypatch)
    assert first[0] == 0 and first[3] == 1 and "OK: 3 prosjekter" in first[1]
    second = check(site, capsys, monkeypatch)
    assert second == (*first[:3], 0)


MISSING_PAGE = "går til en side eller fil som ikke finnes"
MISSING_HEADING = "går til et avsnitt som ikke finnes"

# (what the editor does, file, old text, new text, what the whole check says: None is OK)
BODY_EDITS = [
    ("rewrites a sentence", "prosjekt-00.md", "raskere hjelp", "mye raskere hjelp", None),
    ("adds a heading", "prosjekt-00.md", "Tekst.", "Tekst.\n\n## Ny del\n\nMer.", None),
    ("links its own heading", "prosjekt-00.md", "Tekst.", "Se [erfaringene](#erfaringer).", None),
    (
        "links another page's heading",
        "prosjekt-00.md",
        "Tekst.",
        "[Kriteriene](../om/soknad.md#kriterier)",
        None,
    ),
    (
        "links a missing page",
        "prosjekt-00.md",
        "Tekst.",
        "Se [Søknad](../finnes-ikke.md).",
        MISSING_PAGE,
    ),
    (
        "links a missing heading",
        "prosjekt-00.md",
        "Tekst.",
        "[Prosjekt 01](prosjekt-01.md#nei)",
        MISSING_HEADING,
    ),
    ("links a missing image", "prosjekt-00.md", "Tekst.", "![Et bilde](mangler.png)", MISSING_PAGE),
    (
        "removes a heading another page links",
        "prosjekt-00.md",
        "## Resultater",
        "Resultater",
        MISSING_HEADING,
    ),
    ("renames that heading", "prosjekt-00.md", "## Resultater", "## Resultat", MISSING_HEADING),
    ("skips a heading level", "prosjekt-00.md", "## Erfaringer", "#### Erfaringer", "overskrift"),
    ("writes a script", "prosjekt-00.md", "Tekst.", "<script>alert(1)</script>", "script"),
    ("links vaguely", "prosjekt-00.md", "Tekst.", "Se [her](prosjekt-01.md).", "lenketekst"),
    ("links a project that is not there", "prosjekt-00.md", "Tekst.", "[x](prosjekt:nei)", "nei"),
    (
        "links a project that is there",
        "prosjekt-00.md",
        "Tekst.",
        "[Et annet](prosjekt:prosjekt-01)",
        None,
    ),
    ("empties the body", "prosjekt-00.md", BODY, "", MISSING_HEADING),
    ("changes the summary", "prosjekt-00.md", "summary: Kort.", "summary: Kortere.", None),
    (
        "writes markup in the summary",
        "prosjekt-00.md",
        "summary: Kort.",
        "summary: '# Ny {#ny} [lenke](finnes-ikke.md) <h2 id=\"x\">y</h2>'",
        None,
    ),
    ("empties the summary", "prosjekt-00.md", "summary: Kort.", "summary: ' '", "summary"),
    ("changes the owner", "prosjekt-00.md", "owner: Eier", "owner: Helse Testfjord", None),
    ("removes the owner", "prosjekt-00.md", "owner: Eier\n", "", None),
    ("adds partners", "prosjekt-00.md", "owner: Eier", "owner: Eier\npartners: [A, B]", None),
    ("adds a note", "prosjekt-00.md", "owner: Eier", "owner: Eier\nnotes: Sjekk tallene", None),
    (
        "writes partners as a table",
        "prosjekt-00.md",
        "owner: Eier",
        "owner: Eier\npartners: {A: B}",
        "partners",
    ),
    ("adds an unknown field", "prosjekt-00.md", "owner: Eier", "owner: Eier\nowners: A", "owners"),
    (
        "changes the title",
        "prosjekt-00.md",
        "title: Prosjekt 00",
        "title: Prosjekt 0",
        "prosjekt-00",
    ),
    ("changes the region", "prosjekt-00.md", "regions: [Nord]", "regions: [Vest]", None),
    ("misspells the region", "prosjekt-00.md", "regions: [Nord]", "regions: [Nordd]", "Nordd"),
    (
        "breaks the front matter",
        "prosjekt-00.md",
        "summary: Kort.",
        "summary: [Kort.",
        "blir ikke lukket",
    ),
    ("edits a hand-written page", "../content/om/soknad.md", "Tekst.", "Mer tekst.", None),
    (
        "removes a heading projects link",
        "../content/om/soknad.md",
        "## Kriterier",
        "",
        MISSING_HEADING,
    ),
]
# Edits that change only what no other page reads: the memory answers them.
FROM_MEMORY = {
    "rewrites a sentence",
    "adds a heading",
    "links its own heading",
    "links another page's heading",
    "edits a hand-written page",
    "changes the summary",
    "writes markup in the summary",
    "changes the owner",
    "removes the owner",
    "adds partners",
    "adds a note",
}


@pytest.mark.parametrize(
    "name, old, new, problem",
    [pytest.param(*edit[1:], id=edit[0]) for edit in BODY_EDITS],
)
def test_an_edit_is_answered_from_memory_only_when_the_whole_check_agrees(
    site, capsys, monkeypatch, request, name, old, new, problem
):
    check(site, capsys, monkeypatch)
    edit(site / "projects" / name, old, new)
    code, out, err, whole_checks = both_ways(site, capsys, monkeypatch)
    assert whole_checks == (0 if request.node.callspec.id in FROM_MEMORY else 1)
    if problem is None:
        assert code == 0 and "OK: 3 prosjekter" in out
        # The memory follows the edits that pass: the next check is answered from it.
        assert check(site, capsys, monkeypatch)[3] == 0
    else:
        assert code == 1 and problem in err


def test_edits_one_after_another_keep_agreeing(site, capsys, monkeypatch):
    check(site, capsys, monkeypatch)
    page = first_page(site)
    steps = [
        ("raskere hjelp", "hjelp", 0),
        ("Tekst.", "Tekst.\n\n## Ny del", 0),
        ("## Ny del", "## Ny del\n\nSe [delen](#ny-del).", 0),
        ("## Ny del\n", "## Annen del\n", 1),  # its own link now misses
        ("## Annen del\n", "## Ny del\n", 0),  # as the memory last saw it
    ]
    for old, new, expected in steps:
        edit(page, old, new)
        assert both_ways(site, capsys, monkeypatch)[0] == expected


def test_any_other_file_changing_means_the_whole_check(site, capsys, monkeypatch):
    check(site, capsys, monkeypatch)
    (site / "projects/vedlegg/rapport.pdf").unlink()  # an attachment gone
    code, _, err, whole_checks = both_ways(site, capsys, monkeypatch)
    assert (code, whole_checks) == (1, 1) and "rapport.pdf" in err
    write(site, "projects/vedlegg/rapport.pdf", "%PDF-1.4\n")
    assert both_ways(site, capsys, monkeypatch)[::3] == (0, 1)
    write_project(site, "prosjekt-09", title="Prosjekt 09")  # a new file
    assert both_ways(site, capsys, monkeypatch)[::3] == (0, 1)
    edit(site / "data/vocabulary.yml", "Nord", "Nord")  # rewritten, same words: still a change
    assert check(site, capsys, monkeypatch)[3] == 1
    monkeypatch.setenv("INNOMED_TODAY", "2031-01-01")  # another day may publish a draft
    assert check(site, capsys, monkeypatch)[3] == 1


def test_another_version_of_an_installed_package_means_the_whole_check(site, capsys, monkeypatch):
    check(site, capsys, monkeypatch)
    assert check(site, capsys, monkeypatch)[3] == 0
    upgraded = [*check_memory.installed_packages(), "jinja2-9.9.9.dist-info"]
    monkeypatch.setattr(check_memory, "installed_packages", lambda: upgraded)
    assert check(site, capsys, monkeypatch)[3] == 1


def test_the_installed_packages_are_every_package_and_its_version():
    from importlib.metadata import distributions

    def normal(name: str) -> str:
        return re.sub(r"[-_.]+", "-", name).lower()

    expected = {(normal(d.metadata["Name"]), d.version) for d in distributions()}
    folders = [name.rsplit(".", 1)[0].split("-") for name in check_memory.installed_packages()]
    assert {(normal(name), version) for name, version, *_ in folders} == expected
    assert len(expected) > 40  # the venv, not an empty list that would equal an empty one


def test_a_file_saved_unchanged_is_read_again_and_found_unchanged(site, capsys, monkeypatch):
    check(site, capsys, monkeypatch)
    page = first_page(site)
    page.write_bytes(page.read_bytes())
    assert check(site, capsys, monkeypatch)[::3] == (0, 0)


def test_the_memory_is_outside_the_project_and_a_broken_one_is_ignored(
    site, capsys, monkeypatch, tmp_path
):
    monkeypatch.delenv("INNOMED_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    memory = check_memory.memory_file(site)
    assert memory is not None and not memory.resolve().is_relative_to(site.resolve())
    assert memory.is_relative_to(tmp_path / "cache" / "innomed")
    check(site, capsys, monkeypatch)
    assert memory.is_file()
    assert check(site, capsys, monkeypatch)[3] == 0
    memory.write_bytes(b"not a memory")
    assert check(site, capsys, monkeypatch)[::3] == (0, 1)
    memory.write_bytes(memory.read_bytes()[:1000])  # cut short
    assert check(site, capsys, monkeypatch)[::3] == (0, 1)
    monkeypatch.setenv("INNOMED_CACHE_DIR", "")  # off
    assert check_memory.memory_file(site) is None
    assert check(site, capsys, monkeypatch)[::3] == (0, 1)


def test_a_whole_check_that_fails_leaves_no_memory_that_passes_it(site, capsys, monkeypatch):
    page = first_page(site)
    edit(page, "Tekst.", "Se [mer om dette](../finnes-ikke.md).")
    assert check(site, capsys, monkeypatch)[::3] == (1, 1)
    assert check(site, capsys, monkeypatch)[::3] == (1, 1)


class Calls:
    """The calls of a module's function while a check runs."""

    def __init__(self, monkeypatch, module, name):
        self.calls: list = []
        real = getattr(module, name)

        def counted(*args, **kwargs):
            self.calls.append(args)
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, counted)


def test_a_whole_check_parses_and_checks_again_only_the_files_that_changed(
    site, capsys, monkeypatch
):
    from innomed import content, sources

    monkeypatch.setattr(check_memory, "RACY_NS", 0)  # the files were written a moment ago
    parsed = Calls(monkeypatch, sources, "parse_yaml")
    checked = Calls(monkeypatch, content, "check_body")
    front_matters = lambda: [rel for _, rel, line in parsed.calls if line == 2]  # noqa: E731
    check(site, capsys, monkeypatch)
    files = sorted(front_matters())  # the first check reads everything
    assert len(files) == sum(1 for f in ("content", "projects") for _ in (site / f).rglob("*.md"))
    bodies = len(checked.calls)
    assert bodies >= len(files) - 1  # every page that shows an editor's text
    parsed.calls, checked.calls = [], []
    edit(first_page(site), "regions: [Nord]", "regions: [Vest]")
    assert check(site, capsys, monkeypatch)[::3] == (0, 1)
    # The edited file: once to see that it changed, once in the whole check.
    assert front_matters() == ["projects/prosjekt-00.md"] * 2
    assert [source.rel for source, *_ in checked.calls] == ["projects/prosjekt-00.md"]
    parsed.calls, checked.calls = [], []
    memory = check_memory.recall(site)
    assert memory is not None
    memory["code"] = "other code"  # what it learned holds only for the same code
    check_memory.store(site, memory)
    assert check(site, capsys, monkeypatch)[::3] == (0, 1)
    assert sorted(front_matters()) == files and len(checked.calls) == bodies


def test_an_edit_behind_a_link_in_the_content_folders_is_seen(site, capsys, monkeypatch):
    monkeypatch.setattr(check_memory, "RACY_NS", 0)
    page = site / "projects/prosjekt-02.md"
    target = write(site, "content/om/prosjekt-02.txt", page.read_text(encoding="utf-8"))
    page.unlink()
    page.symlink_to(target)
    assert both_ways(site, capsys, monkeypatch)[0] == 0
    assert check(site, capsys, monkeypatch)[::3] == (0, 0)
    edit(target, "Tekst.", "Se [Søknad](../finnes-ikke.md).")
    code, _, err, _ = both_ways(site, capsys, monkeypatch)
    assert code == 1 and MISSING_PAGE in err


# Text that would be a heading, an anchor, links and an image if a page printed it as
# markdown or HTML instead of as text.
MARKUP = '# Ny {#ny} [lenke](finnes-ikke.md) ![bilde](mangler.png)\n\n## Del\n\n<h2 id="x">y</h2>'


def real_content_copy(root: Path) -> Path:
    from innomed.registry import source_folders

    copy_from_repo(root, sorted({*SITE_FILES, *source_folders()}))
    return root


def rewrite_front_matters(root: Path, change) -> set[str]:
    """Every entry's front matter written again, changed by change(meta, its type); the
    names of the types written."""
    from innomed.outline import check_content

    content, _ = check_content(root)
    entries = list(check_memory.every_entry(content))
    for entry in entries:
        source = entry.source
        meta = dict(source.meta)
        change(meta, entry.type)
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        source.path.write_text(f"---\n{front}---\n{source.body}", encoding="utf-8")
    return {entry.type.name for entry in entries}


def what_check_sees(root: Path) -> tuple:
    from innomed.outline import check_content

    content, found = check_content(root)
    return (
        sorted(item.path for item in found.items),
        found.links,
        found.ids,
        content.warnings,
        len(content.catalog.projects),
    )


def set_text_fields(meta: dict, content_type) -> None:
    model = content_type.model
    for name in content_type.text_fields():
        listed = get_origin(model.model_fields[name].annotation) is list
        meta[name] = [MARKUP] if listed else MARKUP


def remove_text_fields(meta: dict, content_type) -> None:
    model = content_type.model
    for name in content_type.text_fields():
        if not model.model_fields[name].is_required():
            meta.pop(name, None)


def test_text_fields_change_no_link_anchor_or_file(tmp_path):
    """What lets `check` validate a file alone after an edit to its text-only fields: on every
    page of the real site, those fields with markup in them, or left out, change no page, link,
    anchor, warning or count the whole check reads."""
    from innomed.registry import TYPES

    root = real_content_copy(tmp_path / "site")
    # The same data, written by PyYAML; an entry of every type that has text-only fields.
    written = rewrite_front_matters(root, lambda meta, content_type: None)
    assert written >= {name for name, t in TYPES.items() if t.text_fields()}
    as_written = what_check_sees(root)
    assert len(as_written[0]) > 100 and as_written[1] and as_written[2]
    rewrite_front_matters(root, set_text_fields)
    assert what_check_sees(root) == as_written
    rewrite_front_matters(root, remove_text_fields)
    assert what_check_sees(root) == as_written
