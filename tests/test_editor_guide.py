"""Every command REDAKTOR.md shows an editor is run here, in a scratch copy of the site."""

import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from innomed.search.text import Stems, shard_name

from conftest import REPO, run_build_py, write_project

GUIDE = (REPO / "REDAKTOR.md").read_text(encoding="utf-8")
MAKE_TARGETS = {
    "make site": ["build"],
    "make check": ["check"],
    "make serve": ["serve"],
    "make edit": ["serve"],  # the preview, with decap-server beside it
}


def guide_commands() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", GUIDE, flags=re.DOTALL)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def as_build_args(command: str) -> list[str]:
    if command in MAKE_TARGETS:
        return MAKE_TARGETS[command]
    parts = shlex.split(command)
    assert parts[:2] == [".venv/bin/python", "build.py"], command
    return parts[2:]


@pytest.mark.unit
def test_the_guide_shows_the_commands_editors_need():
    commands = guide_commands()
    assert {"make serve", "make check", "make site"} <= set(commands)
    kinds = {as_build_args(c)[1] for c in commands if as_build_args(c)[:1] == ["new"]}
    assert kinds == {"project", "news", "tool", "episode", "course", "module"}


@pytest.mark.unit
def test_make_targets_run_the_commands_the_guide_says():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    for target, args in MAKE_TARGETS.items():
        name = target.split()[1]
        recipe = re.search(rf"^{name}:.*\n((?:\t.*\n)+)", makefile, flags=re.MULTILINE).group(1)
        assert f"build.py {' '.join(args)}" in recipe, target


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(url: str, contains: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if contains in fetch(url):
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def indexed(port: int, word: str) -> bool:
    """Whether the preview's search index has `word`, asked as the browser's engine would."""
    base = f"http://127.0.0.1:{port}/sokeindeks/"
    try:
        manifest = json.loads(fetch(base + "manifest.json"))
        stem = Stems()(word)
        key = stem[:3] if stem[:2] in manifest["split"] else stem[:2]
        shard = json.loads(fetch(f"{base}ord/{shard_name(key)}.json?v={manifest['version']}"))
    except (OSError, ValueError):
        return False
    return stem in shard


def fill_in_stubs(root) -> None:
    """What the guide tells the editor to do between `new` and `check`: fill in the fields
    and replace the template's placeholder text."""
    for path in root.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        for pattern, value in {
            r"^summary:$": "summary: Fylt inn.",
            r"^regions:$": "regions: [Vest]",
            r"^owner:$": "owner: Helse Testfjord",
            r"^how_to_get:$": "how_to_get: Kontakt InnoMed.",
        }.items():
            text = re.sub(pattern, value, text, flags=re.MULTILINE)
        text = text.replace("modules: []", "modules: [hva-er-en-gevinst]")
        text = text.replace("Skriv et læringsmål her", "Forstå hva en gevinst er")
        text = re.sub(r"Skriv [^\n]*?her\.[^\n]*", "Innhold.", text)
        path.write_text(text, encoding="utf-8")


@pytest.mark.build
def test_every_guide_command_runs(scratch):
    # The guide's module example needs its course first, as an editor would have it; its
    # episode example needs the series page the real site has.
    write_project(scratch, "eksisterende")
    shutil.copytree(
        REPO / "podcast",
        scratch / "podcast",
        ignore=lambda folder, names: [n for n in names if n != "index.md"],
    )
    filled = False
    for command in guide_commands():
        args = as_build_args(command)
        if args == ["serve"]:
            continue  # run below, as a server
        if args[0] != "new" and not filled:
            fill_in_stubs(scratch)  # the guide's steps 2 and 3, before "Sjekk"
            filled = True
        result = run_build_py(scratch, *args)
        # Every command the guide shows succeeds on content filled in as the guide says.
        assert result.returncode == 0, (command, result.stderr)
        assert "Traceback" not in result.stderr, command
        if args[0] == "new":
            assert result.stdout.startswith("Laget "), command
    assert filled
    assert (scratch / "projects/prosjekterfaring-bedre-flyt-i-akuttmottaket.md").is_file()
    assert (scratch / "courses/gevinstrealisering/hva-er-en-gevinst.md").is_file()
    assert (scratch / "schemas/project.schema.json").is_file()
    assert (scratch / "site/prosjekt/prosjekterfaring-bedre-flyt-i-akuttmottaket").is_dir()


@pytest.mark.build
def test_preview_shows_edits_and_survives_errors(scratch, tmp_path):
    project = write_project(scratch, "forhandsvisning", title="Forhåndsvisning")
    port = free_port()
    temporary = tmp_path / "tmp"  # where the preview renders (tempfile reads TMPDIR)
    temporary.mkdir()
    server = subprocess.Popen(
        [
            sys.executable,
            str(REPO / "build.py"),
            "serve",
            "--root",
            str(scratch),
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(temporary)},
    )
    url = f"http://127.0.0.1:{port}/prosjekt/forhandsvisning/"
    new_word = "sjøormtellingen"  # on no page before the edit
    try:
        assert wait_for(url, "Beskrivelse av prosjektet.", 60), "preview did not start"
        assert wait_for(f"http://127.0.0.1:{port}/sokeindeks/manifest.json", '"pages"', 30)
        assert not indexed(port, new_word)
        project.write_text(
            project.read_text().replace(
                "Beskrivelse av prosjektet.", f"Endret tekst i forhåndsvisningen. Om {new_word}."
            )
        )
        assert wait_for(url, "Endret tekst i forhåndsvisningen.", 30)
        # The search catches up with the save in the background.
        deadline = time.monotonic() + 30
        while not indexed(port, new_word) and time.monotonic() < deadline:
            time.sleep(0.3)
        assert indexed(port, new_word), "the preview's search did not find the new word"
        project.write_text(project.read_text().replace("regions: [Nord]", "regions: [Midt Norge]"))
        time.sleep(2)
        assert "Endret tekst i forhåndsvisningen." in fetch(url)  # last good version stays
        assert server.poll() is None, "preview died on a content error"
        project.write_text(
            project.read_text()
            .replace("regions: [Midt Norge]", "regions: [Vest]")
            .replace("Endret tekst", "Rettet tekst")
        )
        assert wait_for(url, "Rettet tekst i forhåndsvisningen.", 30)
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=30)
    assert "projects/forhandsvisning.md:6: regions[0]: 'Midt Norge'" in stderr
    assert "Traceback" not in stderr
    # Stopped by a signal, it still takes its rendered pages and its search index with it.
    assert not list(temporary.glob("innomed-preview-*"))
