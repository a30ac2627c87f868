"""The page-by-page steps after MkDocs (fix-up, verify, search index) on several cores give
the same site, byte for byte, as in one process."""

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
    # The scratch site is far below the page counts where forking pays: fork anyway.
    monkeypatch.setattr("innomed.speed.cores.WORTH_FORKING", 1)
    monkeypatch.setattr("innomed.search.index.PARALLEL_FROM", 1)
    monkeypatch.setenv("INNOMED_WORKERS", "1")
    build_site(scratch, scratch / "single")
    monkeypatch.setenv("INNOMED_WORKERS", "3")
    build_site(scratch, scratch / "parallel")
    single, parallel = tree(scratch / "single"), tree(scratch / "parallel")
    assert sorted(single) == sorted(parallel)
    assert [path for path in single if single[path] != parallel[path]] == []
    assert "prosjekt/prosjekt-med-lenker/index.html" in single
    assert "sokeindeks/manifest.json" in single
    assert b"<lastmod>2025-03-14</lastmod>" in parallel["sitemap.xml"]


@pytest.mark.build
def test_the_engine_still_stops_on_a_link_to_a_missing_anchor_our_check_let_through(
    scratch, monkeypatch
):
    from innomed.model.errors import ContentErrors

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
    # Our own link check (site_links.py) refuses this before the engine runs; switch it off to
    # prove MkDocs in strict mode is a second net, and its warning names the editor's file.
    monkeypatch.setattr("innomed.pipeline.check_site", lambda *args, **kwargs: [])
    with pytest.raises(ContentErrors) as problem:
        build_site(scratch, scratch / "site")
    [error] = problem.value.errors
    assert error.path == "projects/lenker.md" and "finnes-ikke" in error.message
    assert not (scratch / "site").exists()
