"""Rendering on every core gives the same site, byte for byte, as MkDocs' own build."""

import pytest

from innomed.pipeline import build_site

from conftest import write, write_project


def tree(folder):
    """Every built file, the search index too (its page ids follow the sorted URLs)."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.mark.build
def test_parallel_build_is_byte_identical_to_a_single_process_build(scratch, monkeypatch):
    for n in range(7):
        write_project(scratch, f"prosjekt-{n}", title=f"Prosjekt nummer {n}", region="Vest")
    write(
        scratch,
        "projects/med-lenker.md",
        """\
        ---
        title: Prosjekt med lenker
        summary: Lenker til andre prosjekter og til en del av en side.
        kind: Prosjektbeskrivelse
        status: Avsluttet
        regions: [Nord]
        owner: Helse Testfjord
        updated: 2025-03-14
        support:
          - type: Skreddersydd innovasjonsrådgivning
            round: 2024-S2
        ---
        ## Bakgrunn

        Se [prosjekt nummer 3](prosjekt:prosjekt-nummer-3) og [resultatene](#resultater).

        ## Resultater

        - Færre reinnleggelser
        - Kortere ventetid
        """,
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    monkeypatch.setenv("INNOMED_WORKERS", "1")
    build_site(scratch, scratch / "single")
    monkeypatch.setenv("INNOMED_WORKERS", "3")
    build_site(scratch, scratch / "parallel")
    single, parallel = tree(scratch / "single"), tree(scratch / "parallel")
    assert sorted(single) == sorted(parallel)
    assert [path for path in single if single[path] != parallel[path]] == []
    assert "prosjekt/prosjekt-med-lenker/index.html" in single
    assert "sokeindeks/manifest.json" in single
    # The sitemap is rendered before the workers start; it still has every page's lastmod.
    assert b"<lastmod>2025-03-14</lastmod>" in parallel["sitemap.xml"]


@pytest.mark.build
def test_parallel_build_still_stops_on_a_link_to_a_missing_anchor_in_another_shard(
    scratch, monkeypatch
):
    from innomed.errors import ContentErrors

    for n in range(4):
        write_project(scratch, f"prosjekt-{n}", title=f"Prosjekt nummer {n}")
    write_project(
        scratch,
        "lenker",
        text="""\
        ---
        title: Prosjekt med lenker
        summary: Lenker til en del som ikke finnes.
        kind: Prosjektbeskrivelse
        status: Avsluttet
        regions: [Nord]
        owner: Helse Testfjord
        ---
        Se [prosjekt nummer 2](prosjekt:prosjekt-nummer-2#finnes-ikke).
        """,
    )
    monkeypatch.setenv("INNOMED_WORKERS", "2")
    # Our own link check (site_links.py) refuses this before the engine runs; switch it off to
    # prove the sharded render still enforces anchors across shards by itself.
    monkeypatch.setattr("innomed.pipeline.check_site", lambda *args, **kwargs: [])
    with pytest.raises(ContentErrors) as problem:
        build_site(scratch, scratch / "site")
    [error] = problem.value.errors
    assert error.path == "projects/lenker.md" and "finnes-ikke" in error.message
    assert not (scratch / "site").exists()


@pytest.mark.build
def test_second_build_with_nothing_changed_does_not_render_again(scratch, monkeypatch):
    import innomed.render

    write_project(scratch, "prosjekt-a", title="Prosjekt A")
    out = scratch / "site"
    build_site(scratch, out)
    before = tree(out)

    def refuse(*args, **kwargs):
        raise AssertionError("rendered although nothing changed")

    monkeypatch.setattr(innomed.render, "render", refuse)
    build_site(scratch, out)
    assert tree(out) == before
    write_project(scratch, "prosjekt-a", title="Prosjekt A med ny tittel")
    with pytest.raises(AssertionError, match="rendered although"):
        build_site(scratch, out)  # an edit means a render


@pytest.mark.build
def test_second_build_of_an_unchanged_checkout_does_not_even_stage(scratch, monkeypatch):
    """In a git checkout the build compares a hash of every file it reads before staging:
    unchanged, a second `make site` skips reading, checking and rendering altogether; any
    edit, new file, other day or other output folder builds again."""
    import subprocess

    import innomed.pipeline

    write_project(scratch, "prosjekt-a", title="Prosjekt A")
    subprocess.run(["git", "init", "-q"], cwd=scratch, check=True)
    out = scratch / "site"
    build_site(scratch, out)
    before = tree(out)
    real_stage_site = innomed.pipeline.stage_site
    staged: list[str] = []

    def watched(root, *args, **kwargs):
        staged.append(root.name)
        return real_stage_site(root, *args, **kwargs)

    monkeypatch.setattr(innomed.pipeline, "stage_site", watched)
    result = build_site(scratch, out)
    assert staged == [] and tree(out) == before and result.unchanged
    assert result.warnings == build_site(scratch, scratch / "andre").warnings  # replayed
    assert len(staged) == 1  # another output folder is built

    write_project(scratch, "prosjekt-b", title="Prosjekt B")  # a new, untracked file
    build_site(scratch, out)
    assert len(staged) == 2 and "prosjekt-b" in " ".join(str(p) for p in tree(out))

    monkeypatch.setenv("INNOMED_TODAY", "2031-01-01")  # drafts with a date may publish now
    build_site(scratch, out)
    assert len(staged) == 3
    build_site(scratch, out)
    assert len(staged) == 3
