"""The editor's path end to end in a scratch copy: new -> fill in -> check -> build -> listed."""

import re

import pytest
from bs4 import BeautifulSoup

from conftest import heading_text, run_build_py, write


def fill(path, replacements: dict) -> None:
    text = path.read_text(encoding="utf-8")
    for pattern, value in replacements.items():
        text, count = re.subn(pattern, value, text, count=1, flags=re.MULTILINE)
        assert count == 1, pattern
    path.write_text(text, encoding="utf-8")


@pytest.mark.build
def test_new_project_to_published_page(scratch):
    created = run_build_py(scratch, "new", "project", "Bedre flyt i akuttmottaket på Ørsta")
    assert created.returncode == 0, created.stderr
    path = scratch / "projects/bedre-flyt-i-akuttmottaket-pa-orsta.md"
    assert created.stdout.startswith("Laget projects/bedre-flyt-i-akuttmottaket-pa-orsta.md")
    text = path.read_text(encoding="utf-8")
    for heading in (
        "Prosjektbeskrivelse",
        "Gjennomføring",
        "InnoMeds bidrag",
        "Resultater og læring",
        "Veien videre",
    ):
        assert f"## {heading}" in text
    assert "Tillatt: Nord | Midt-Norge | Sør-Øst | Vest | Nasjonal" in text

    # An untouched scaffold is not publishable: check names each empty field with its line.
    empty = run_build_py(scratch, "check")
    assert empty.returncode == 1
    assert "bedre-flyt-i-akuttmottaket-pa-orsta.md:5: summary: er tom" in empty.stderr
    assert re.search(r"\.md:\d+: regions: er tom", empty.stderr)

    fill(
        path,
        {
            r"^summary:$": "summary: Kortere ventetid i akuttmottaket.",
            r"^regions:$": "regions: [Midt-Norge]",
            r"^owner:$": "owner: Helse Møre og Romsdal",
            r"^patient_groups: \[\]$": "patient_groups: [Akutt syke]",
        },
    )
    text = path.read_text(encoding="utf-8").replace("Skriv her.", "Vår erfaring.")
    path.write_text(text, encoding="utf-8")
    assert run_build_py(scratch, "check").returncode == 0

    built = run_build_py(scratch, "build")
    assert built.returncode == 0, built.stderr
    site = scratch / "site"
    for listing in ("prosjekt", "regioner/midt-norge", "pasientgrupper/akutt-syke", "tildelinger"):
        html = BeautifulSoup((site / listing / "index.html").read_text(), "html.parser")
        links = [a.get_text(strip=True) for a in html.select("article a, table a")]
        if listing == "tildelinger":
            assert any(re.fullmatch(r"\d{4}", text) for text in links)
        else:
            assert "Bedre flyt i akuttmottaket på Ørsta" in links, listing
    page = site / "prosjekt/bedre-flyt-i-akuttmottaket-pa-orsta/index.html"
    assert (
        heading_text(BeautifulSoup(page.read_text(), "html.parser").h1)
        == "Bedre flyt i akuttmottaket på Ørsta"
    )

    # A broken edit: check names the file and line, and the published site survives.
    fill(path, {r"^regions: \[Midt-Norge\]$": "regions: [Midt Norge]"})
    broken = run_build_py(scratch, "check")
    assert broken.returncode == 1
    line = next(
        n for n, t in enumerate(path.read_text().split("\n"), 1) if t.startswith("regions:")
    )
    assert (
        f"projects/bedre-flyt-i-akuttmottaket-pa-orsta.md:{line}: regions[0]: "
        "'Midt Norge' er ikke en gyldig region"
    ) in broken.stderr
    assert "mente du 'Midt-Norge'?" in broken.stderr


@pytest.mark.unit
def test_new_refuses_to_overwrite(scratch):
    assert run_build_py(scratch, "new", "news", "Ny tildelingsrunde").returncode == 0
    again = run_build_py(scratch, "new", "news", "Ny tildelingsrunde")
    assert again.returncode == 1
    assert "content/aktuelt/ny-tildelingsrunde.md finnes allerede" in again.stderr


@pytest.mark.build
def test_every_scaffold_fails_check_until_filled_in_and_then_builds(scratch):
    write(
        scratch,
        "podcast/index.md",
        """\
        ---
        title: Serien
        summary: Om serien.
        author: InnoMed
        owner_name: InnoMed
        category: Health & Fitness
        ---
        Om serien.
        """,
    )
    for args in (
        ("course", "Gevinster i praksis"),
        ("episode", "Første episode"),
        ("news", "Ny runde"),
        ("tool", "Ny mal"),
    ):
        assert run_build_py(scratch, "new", *args).returncode == 0
    module = run_build_py(scratch, "new", "module", "gevinster-i-praksis", "Hva er en gevinst?")
    assert "Legg til '- hva-er-en-gevinst' under modules:" in module.stdout
    assert run_build_py(scratch, "check").returncode == 1
    for path in scratch.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"^summary:$", "summary: Fylt inn.", text, flags=re.MULTILINE)
        text = re.sub(r"^how_to_get:$", "how_to_get: Kontakt InnoMed.", text, flags=re.MULTILINE)
        text = text.replace("modules: []", "modules: [hva-er-en-gevinst]")
        text = text.replace("Skriv et læringsmål her", "Forstå hva en gevinst er")
        for placeholder in (
            "Skriv her.",
            "Skriv om kurset her.",
            "Skriv om episoden her.",
            "Skriv saken her. Bruk ## for mellomtitler.",
        ):
            text = text.replace(placeholder, "Innhold.")
        path.write_text(text, encoding="utf-8")
    checked = run_build_py(scratch, "check")
    assert checked.returncode == 0, checked.stderr
    built = run_build_py(scratch, "build")
    assert built.returncode == 0, built.stderr
    assert (scratch / "site/kurs/gevinster-i-praksis/hva-er-en-gevinst/index.html").is_file()
    assert (scratch / "site/podcast/01-forste-episode/index.html").is_file()
    # No episode has audio yet, so there is no feed to be missing from; the missing contact
    # address is what stops a deploy, and the build says so.
    assert "podcast/01-forste-episode.md: audio:" not in built.stderr
    assert not (scratch / "site/podcast/feed.xml").exists()
    assert "Advarsel: mkdocs.yml: extra.contact.email: mangler" in built.stderr
