"""Random edit sequences, as editors make them, each followed by the commands as an editor or
CI runs them on the tree they have, and by the same commands on a fresh copy (cold). After
every step:

- `check` says what the build says: the same exit code and the same error lines;
- the warm build (into the site/ earlier steps left behind) and a cold build of a fresh copy
  give the same exit code, the same error lines and, when they succeed, the same bytes;
- a failed build leaves the previous site/ exactly as it was.

Used by tests/test_differential.py (a few dozen steps per run) and by
benchmarks/differential.py (as many as asked). A failure names the seed and the steps that
reproduce it.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from innomed import cli

from conftest import make_scratch_site, write, write_project

NEWS = """\
---
title: {title}
date: "2025-05-02"
summary: Et kort sammendrag av nyheten.
---
Nyheten i sin helhet, med en lenke til [et prosjekt](prosjekt:{slug}).
"""
TIMING = re.compile(r"\(\d+[.,]\d+ s\)| på \d+[.,]\d+ s")


@dataclass
class Outcome:
    code: int
    lines: list[str]


@dataclass
class Run:
    """The scratch site, and what has been done to it."""

    root: Path
    rng: random.Random
    steps: list[str] = field(default_factory=list)
    today: str = "2026-06-01"

    def projects(self) -> list[Path]:
        return sorted((self.root / "projects").glob("*.md"))

    def pick(self, paths: list[Path]) -> Path | None:
        return self.rng.choice(paths) if paths else None


def start(root: Path) -> Run:
    make_scratch_site(root)
    for n, region in enumerate(["Nord", "Vest", "Midt-Norge", "Sør-Øst"]):
        write_project(root, f"prosjekt-{n}", title=f"Prosjekt nummer {n}", region=region)
    write(
        root, "content/aktuelt/en-nyhet.md", NEWS.format(title="En nyhet", slug="prosjekt-nummer-1")
    )
    # A checkout with an editor's usual ignore rules: ignored files are read all the same.
    write(root, ".gitignore", "*.pdf\n*~\nsite/\n.build/\n")
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "start"], cwd=root, check=True)
    return Run(root, random.Random())


# ---------------------------------------------------------------- the edits


def replace_in(path: Path, old: str, new: str) -> bool:
    text = path.read_text(encoding="utf-8")
    if old not in text:
        return False
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return True


def edit_body(run: Run) -> str:
    path = run.pick(run.projects())
    if path is None:
        return "no project to edit"
    with path.open("a", encoding="utf-8") as file:
        file.write(f"\n## Nytt avsnitt {run.rng.randint(1, 999)}\n\nMer tekst.\n")
    return f"body: a new section in {path.name}"


def bad_body(run: Run) -> str:
    path = run.pick(run.projects())
    if path is None:
        return "no project to edit"
    choice = run.rng.choice(
        ["# Nivå én\n", "[her](https://example.org/)\n", "Se [x](prosjekt:finnes-ikke).\n"]
    )
    with path.open("a", encoding="utf-8") as file:
        file.write("\n" + choice)
    return f"body: {choice.strip()!r} in {path.name}"


def edit_summary(run: Run) -> str:
    path = run.pick(run.projects())
    if path is None:
        return "no project to edit"
    text = path.read_text(encoding="utf-8")
    new = f"summary: Et nytt sammendrag nummer {run.rng.randint(1, 999)}."
    path.write_text(re.sub(r"^summary: .*$", new, text, count=1, flags=re.M), encoding="utf-8")
    return f"front matter: new summary in {path.name}"


def placeholder(run: Run) -> str:
    path = run.pick(run.projects())
    if path is None:
        return "no project to edit"
    field_name = run.rng.choice(["summary", "owner"])
    text = path.read_text(encoding="utf-8")
    path.write_text(
        re.sub(rf"^{field_name}: .*$", f"{field_name}: Skriv her.", text, count=1, flags=re.M),
        encoding="utf-8",
    )
    return f"front matter: scaffold placeholder in {field_name} of {path.name}"


def bad_front_matter(run: Run) -> str:
    path = run.pick(run.projects())
    if path is None:
        return "no project to edit"
    old, new = run.rng.choice(
        [
            ("regions: [", "regions: [Nordvest, "),
            ("status: Pågående", "status: pågår kanskje"),
            ("kind:", "kinds:"),
            ("title: ", 'title: "'),
        ]
    )
    replace_in(path, old, new)
    return f"front matter: {old!r} -> {new!r} in {path.name}"


def control_character(run: Run) -> str:
    path = run.root / "content/aktuelt/en-nyhet.md"
    if not path.exists():
        return "no news to edit"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        re.sub(
            r"^summary: .*$",
            lambda _: 'summary: "Sammendrag \\x07 med kontrolltegn"',
            text,
            count=1,
            flags=re.M,
        ),
        encoding="utf-8",
    )
    return "front matter: a control character in the news summary"


def new_project(run: Run) -> str:
    n = run.rng.randint(10, 99)
    write_project(run.root, f"nytt-{n}", title=f"Nytt prosjekt {n}", region="Vest")
    return f"new file: projects/nytt-{n}.md"


def delete_project(run: Run) -> str:
    path = run.pick(run.projects())
    if path is None:
        return "no project to delete"
    path.unlink()
    return f"deleted: {path.name}"


def rename_project(run: Run) -> str:
    path = run.pick(run.projects())
    if path is None:
        return "no project to rename"
    target = path.with_name(f"omdopt-{run.rng.randint(1, 999)}.md")
    path.rename(target)
    return f"renamed: {path.name} -> {target.name}"


def draft(run: Run) -> str:
    path = run.pick(run.projects())
    if path is None:
        return "no project to edit"
    replace_in(path, "---\ntitle:", "---\ndraft: true\ntitle:")
    return f"draft: {path.name}"


def vocabulary(run: Run) -> str:
    path = run.root / "data/vocabulary.yml"
    if run.rng.random() < 0.5:
        with path.open("a", encoding="utf-8") as file:
            file.write("\n# en kommentar fra en redaktør\n")
        return "vocabulary: a comment"
    replace_in(path, "Vest", "Vestlandet")
    return "vocabulary: a region renamed"


def config(run: Run) -> str:
    path = run.root / "mkdocs.yml"
    if run.rng.random() < 0.5:
        replace_in(path, "nav:\n", "nav:\n  - Borte: borte/index.md\n")
        return "mkdocs.yml: a menu line to a page that does not exist"
    replace_in(path, "site_name: ", "site_name: Endret ")
    return "mkdocs.yml: a new site name"


def template(run: Run) -> str:
    path = run.root / "theme/main.html"
    with path.open("a", encoding="utf-8") as file:
        file.write(f"\n{{# endret {run.rng.randint(1, 999)} #}}\n<!-- endret -->\n")
    return "theme: main.html changed"


def ignored_file(run: Run) -> str:
    name = run.rng.choice(["rapport.pdf", "notater.md~", "#utkast.md#", ".~lock.x.docx#"])
    write(run.root, f"content/om/{name}", "innhold\n")
    return f"a file git may ignore: content/om/{name}"


def emptied_output(run: Run) -> str:
    site = run.root / "site"
    if site.is_dir():
        for child in site.iterdir():
            shutil.rmtree(child) if child.is_dir() else child.unlink()
    return "rm -rf site/*"


def new_day(run: Run) -> str:
    run.today = run.rng.choice(["2024-01-01", "2025-05-01", "2025-05-03", "2027-01-01"])
    return f"the date: {run.today}"


EDITS: dict[str, Callable[[Run], str]] = {
    "edit_body": edit_body,
    "bad_body": bad_body,
    "edit_summary": edit_summary,
    "placeholder": placeholder,
    "bad_front_matter": bad_front_matter,
    "control_character": control_character,
    "new_project": new_project,
    "delete_project": delete_project,
    "rename_project": rename_project,
    "draft": draft,
    "vocabulary": vocabulary,
    "config": config,
    "template": template,
    "ignored_file": ignored_file,
    "emptied_output": emptied_output,
    "new_day": new_day,
}


# ---------------------------------------------------------------- running and comparing


def command(args: list[str], today: str) -> Outcome:
    """build.py in this process, as an editor runs it: exit code and what it printed."""
    out, err = io.StringIO(), io.StringIO()
    saved = os.environ.get("INNOMED_TODAY")
    os.environ["INNOMED_TODAY"] = today
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(args)
    finally:
        if saved is None:
            os.environ.pop("INNOMED_TODAY", None)
        else:
            os.environ["INNOMED_TODAY"] = saved
    printed = (out.getvalue() + err.getvalue()).splitlines()
    return Outcome(code, [TIMING.sub("", line) for line in printed])


def errors(outcome: Outcome) -> list[str]:
    """The editor's error lines (file:line: ...), without summaries and paths of the tree."""
    return sorted(line for line in outcome.lines if re.match(r"[^ ]+:\d+: ", line))


def tree(folder: Path) -> dict[str, bytes]:
    if not folder.is_dir():
        return {}
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def fresh_copy(root: Path, target: Path) -> Path:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(root, target, ignore=shutil.ignore_patterns("site", ".build", ".site*"))
    return target


def step(run: Run, cold_root: Path) -> tuple[list[str], bool]:
    """Run every command warm and cold: what disagreed, in words, and whether the build
    passed."""
    root, today = run.root, run.today
    before = tree(root / "site")
    check = command(["check", "--root", str(root)], today)
    warm = command(["build", "--root", str(root), "--out", str(root / "site")], today)
    after = tree(root / "site")
    cold_root = fresh_copy(root, cold_root)
    cold = command(["build", "--root", str(cold_root), "--out", str(cold_root / "site")], today)
    found = []
    for name, outcome in (("check", check), ("warm build", warm), ("cold build", cold)):
        if outcome.code not in (0, 1) or any("Intern feil" in line for line in outcome.lines):
            found.append(f"{name} ended with {outcome.code}: {outcome.lines[-3:]}")
    if check.code != warm.code or errors(check) != errors(warm):
        found.append(f"check {check.code} {errors(check)} != build {warm.code} {errors(warm)}")
    if warm.code != cold.code or errors(warm) != errors(cold):
        found.append(f"warm {warm.code} {errors(warm)} != cold {cold.code} {errors(cold)}")
    if warm.code == 0 and cold.code == 0:
        clean = tree(cold_root / "site")
        differ = sorted(set(after) ^ set(clean))
        differ += [path for path in after if clean.get(path, after[path]) != after[path]]
        if differ:
            found.append(f"warm and cold sites differ in {differ[:5]}")
    if warm.code != 0 and after != before:
        found.append("a failed build changed site/")
    return found, warm.code == 0


def restore(root: Path, snapshot: Path) -> None:
    """The tree as it was (site/ stays: the next build must not trust it)."""
    for child in list(root.iterdir()):
        if child.name != "site":
            shutil.rmtree(child) if child.is_dir() else child.unlink()
    for child in snapshot.iterdir():
        target = root / child.name
        shutil.copytree(child, target) if child.is_dir() else shutil.copy2(child, target)


def play(root: Path, seed: int, steps: int, kinds: list[str] | None = None) -> int:
    """`steps` random edits from `kinds` (all by default), each checked warm against cold;
    AssertionError on the first disagreement, with the sequence that reproduces it. Returns
    how many steps ended in a site that built."""
    run = start(root)
    run.rng.seed(seed)
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    cold, undo = root.parent / f"{root.name}-cold", root.parent / f"{root.name}-undo"
    names = kinds or sorted(EDITS)
    built = 0

    def checked(description: str) -> bool:
        run.steps.append(description)
        found, ok = step(run, cold)
        if found:
            raise AssertionError(
                f"seed {seed}: after the steps\n  "
                + "\n  ".join(run.steps)
                + "\nthe commands disagree:\n  "
                + "\n  ".join(found)
            )
        return ok

    checked("the starting site")
    for _ in range(steps):
        fresh_copy(root, undo)
        ok = checked(EDITS[run.rng.choice(names)](run))
        built += ok
        # An editor fixes most mistakes before the next edit: undo most failing steps, so
        # later edits also start from sites that build.
        if not ok and run.rng.random() < 0.7:
            restore(root, undo)
            checked("undo: back to before the last edit")
    return built
