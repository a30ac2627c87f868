"""Related content on project pages: explained, deterministic, editor-controlled, and computed
from inverted indexes so the cost per project does not grow with the archive."""

from __future__ import annotations

import random
from types import SimpleNamespace

import pytest

from innomed.generate.entry_pages import render_entry
from innomed.generate.projects import project_context
from innomed.model.errors import ContentErrors
from innomed.model.related import MAX_PROJECTS, MIN_SCORE, WINDOW, RelatedIndex
from innomed.pipeline import load_content

from conftest import write, write_project

pytestmark = pytest.mark.unit

PROJECT = """\
---
title: {title}
summary: Sammendrag av {title}.
kind: Prosjektbeskrivelse
status: Pågående
regions: [{regions}]
patient_groups: [{groups}]
themes: [{themes}]
support:
  - type: Skreddersydd innovasjonsrådgivning
    round: {round}
{extra}---
Tekst.
"""

# name -> (regions, patient groups, themes, round)
FIXTURE = {
    "hjem-nord": ("Nord", "Personer med kroniske lidelser", "Digital hjemmeoppfølging", "2025-S1"),
    "hjem-vest": ("Vest", "Personer med kroniske lidelser", "Digital hjemmeoppfølging", "2025-S2"),
    "barn-nord": ("Nord", "Barn og unge", "Barn og unge", "2025-S3"),
    "barn-vest": ("Vest", "Barn og unge", "Barn og unge, Psykisk helse", "2026-S1"),
    "akutt-sor": ("Sør-Øst", "Akutt syke", "Akuttmedisin og legevakt", "2025-S1"),
    "eldre-nord": ("Nord", "Eldre med skrøpelighet", "Pasientforløp", "2025-S2"),
    "psyk-midt": ("Midt-Norge", "Psykisk helse og rus", "Psykisk helse", "2026-S1"),
    "hjem-midt": ("Midt-Norge", "Eldre med skrøpelighet", "Digital hjemmeoppfølging", "2025-S3"),
}
WEIGHTS = {"patient_groups": 3, "themes": 2, "regions": 1}
REASON = {
    "patient_groups": "Samme pasientgruppe",
    "themes": "Samme tema",
    "regions": "Samme region",
}


def write_fixture(root, extra: dict | None = None):
    for name, (regions, groups, themes, round_) in FIXTURE.items():
        write_project(
            root,
            name,
            text=PROJECT.format(
                title=name.replace("-", " ").capitalize(),
                regions=regions,
                groups=groups,
                themes=themes,
                round=round_,
                extra=(extra or {}).get(name, ""),
            ),
        )


def terms(project) -> dict:
    return {facet: list(getattr(project.meta, facet)) for facet in WEIGHTS}


def expected_reasons(a, b) -> list[str]:
    """Computed here from front matter, independently of innomed/model/related.py."""
    reasons = []
    for facet in ("patient_groups", "themes", "regions"):
        shared = [label for label in terms(a)[facet] if label in terms(b)[facet]]
        if shared:
            reasons.append(f"{REASON[facet]}: {', '.join(shared)}")
    return reasons


def score(a, b) -> int:
    return sum(
        WEIGHTS[facet] * len(set(terms(a)[facet]) & set(terms(b)[facet])) for facet in WEIGHTS
    )


def test_suggestions_share_what_they_say_and_are_the_best_matches(scratch):
    write_fixture(scratch)
    content = load_content(scratch)
    projects = content.catalog.projects
    assert len(projects) <= WINDOW  # so the window holds every candidate: an exact check
    for project in projects:
        related = project_context(project, content)["related"]
        titles = [item["link"].text for item in related]
        by_title = {p.meta.title: p for p in projects}
        for item in related:
            other = by_title[item["link"].text]
            assert item["reasons"] == expected_reasons(project, other), project.slug
            assert score(project, other) >= MIN_SCORE
        candidates = [p for p in projects if p is not project and score(project, p) >= MIN_SCORE]
        assert len(titles) == min(MAX_PROJECTS, len(candidates))
        # No left-out candidate scores higher than a shown one.
        shown_scores = [score(project, by_title[t]) for t in titles]
        left_out = [score(project, p) for p in candidates if p.meta.title not in titles]
        assert not left_out or max(left_out) <= min(shown_scores)
        assert shown_scores == sorted(shown_scores, reverse=True)


def test_reasons_name_every_shared_facet_and_order_follows_them_beyond_the_window(
    scratch, monkeypatch
):
    """A candidate found through one term's nearest neighbours is still explained and
    ranked by all it shares (on the real site 12 of 42 pages left a shared facet out)."""
    from innomed.model import related as related_module

    monkeypatch.setattr(related_module, "WINDOW", 1)
    write_fixture(scratch)
    content = load_content(scratch)
    projects = content.catalog.projects
    by_title = {p.meta.title: p for p in projects}
    weak = 0
    for project in projects:
        related = project_context(project, content)["related"]
        scores = [score(project, by_title[item["link"].text]) for item in related]
        for item in related:
            assert item["reasons"] == expected_reasons(project, by_title[item["link"].text])
        assert scores == sorted(scores, reverse=True) and min(scores, default=9) >= MIN_SCORE
        weak += any(0 < score(project, p) < MIN_SCORE for p in projects if p is not project)
    assert weak, "the fixture has no weak match for the threshold to leave out"


def test_the_same_content_gives_the_same_pages(scratch):
    write_fixture(scratch)
    first = [
        render_entry(p, load_content(scratch)).text for p in load_content(scratch).catalog.projects
    ]
    second = [
        render_entry(p, load_content(scratch)).text for p in load_content(scratch).catalog.projects
    ]
    assert first == second
    assert any("Samme pasientgruppe: Barn og unge" in text for text in first)


def test_pins_come_first_and_exclusions_never_show(scratch):
    write_fixture(
        scratch,
        extra={
            "hjem-nord": "related: [akutt-sor]\nunrelated: [hjem-vest, verktoy-a]\n",
        },
    )
    write(
        scratch,
        "content/verktoy/verktoy-a.md",
        "---\ntitle: Verktøy A\nsummary: Kort.\nhow_to_get: Kontakt InnoMed.\n"
        "related_projects: [hjem-nord]\n---\nTekst.\n",
    )
    write(
        scratch,
        "content/verktoy/verktoy-b.md",
        "---\ntitle: Verktøy B\nsummary: Kort.\nhow_to_get: Kontakt InnoMed.\n---\n"
        "Brukt i [prosjektet](prosjekt:hjem-nord).\n",
    )
    write(
        scratch,
        "content/verktoy/verktoy-c.md",
        "---\ntitle: Verktøy C\nsummary: Kort.\nhow_to_get: Kontakt InnoMed.\n"
        "related_projects: [hjem-nord]\n---\nTekst.\n",
    )
    write(
        scratch,
        "content/rapporter/rapport-d.md",
        "---\ntitle: Rapport D\nsummary: Kort.\ncovers: [hjem-nord]\n---\nTekst.\n",
    )
    content = load_content(scratch)
    project = content.catalog.by_slug["hjem-nord"]
    context = project_context(project, content)
    titles = [item["link"].text for item in context["related"]]
    assert titles[0] == "Akutt sor"
    assert context["related"][0]["reasons"] == ["Valgt av redaksjonen"]
    assert "Hjem vest" not in titles  # the best match by score, excluded by the editor
    others = {item["link"].text: item["reasons"] for item in context["others"]}
    assert "Verktøy A" not in others
    assert others["Verktøy B"] == ["Nevner prosjektet"]
    # Picked by hand (related_projects) is not "mentions": the page says it was chosen.
    assert others["Verktøy C"] == ["Valgt av redaksjonen"]
    # A report about the project (covers) has its own list, not this one.
    assert "Rapport D" not in others
    assert [r.text for r in context["reports"]] == ["Rapport D"]
    # The tool links back to the project it names in its text.
    tool = next(t for t in content.tools if t.slug == "verktoy-b")
    assert "Hjem nord" in render_entry(tool, content).text.split("## Relaterte prosjekter")[1]
    # Without the exclusion the best match is back.
    unpinned = content.catalog.by_slug["hjem-vest"]
    assert "Hjem nord" in [i["link"].text for i in project_context(unpinned, content)["related"]]


def test_unknown_unrelated_slug_is_an_error_with_its_line(scratch):
    write_fixture(scratch, extra={"barn-nord": "unrelated: [finnes-ikke]\n"})
    with pytest.raises(ContentErrors) as caught:
        load_content(scratch)
    [error] = [e for e in caught.value.errors if e.field == "unrelated[0]"]
    assert error.path == "projects/barn-nord.md"
    assert error.line == 12
    assert "'finnes-ikke'" in error.message and "forventet" in error.message


def synthetic(count: int, seed: int = 7) -> list:
    """Projects with a realistic spread of terms, without reading files."""
    rng = random.Random(seed)
    regions = ["Nord", "Midt-Norge", "Sør-Øst", "Vest", "Nasjonal"]
    groups = [f"Gruppe {n}" for n in range(7)]
    themes = [f"Tema {n}" for n in range(12)]
    return [
        SimpleNamespace(
            slug=f"p{n}",
            meta=SimpleNamespace(
                regions=[rng.choice(regions)],
                patient_groups=rng.sample(groups, rng.randint(0, 2)),
                themes=rng.sample(themes, rng.randint(1, 3)),
                related=[],
                unrelated=[],
            ),
        )
        for n in range(count)
    ]


def work_per_project(count: int) -> float:
    projects = synthetic(count)
    index = RelatedIndex.build(projects, [])
    sample = projects[:100]
    for project in sample:
        assert len(index.related_projects(project)) <= MAX_PROJECTS
    return index.lookups / len(sample)


def test_cost_per_project_stays_flat_as_the_archive_grows():
    small, large, huge = work_per_project(100), work_per_project(1000), work_per_project(5000)
    # Comparing all pairs would multiply the work by 10 and by 50; the window bounds it.
    assert large <= small * 1.3
    assert huge <= small * 1.3
    assert huge <= 3 * 5 * (2 * WINDOW + 2)  # at most ~5 terms, each a window of neighbours
