"""`check` makes the entries' pages on every core and keeps only their links; what it finds,
and in what order, must be exactly what the build's single-process check finds."""

from __future__ import annotations

import concurrent.futures

import pytest

from innomed import cores
from innomed.errors import ContentErrors
from innomed.generate_pages import entries_with_pages
from innomed.generate_sections import body_of
from innomed.outline import check_content, site_outline, unpack
from innomed.pages import Page
from innomed.pipeline import check_site_items, generate_site, load_content
from innomed.registry import page_of
from innomed.site_links import heading_ids, links_in

from conftest import SHORT_PROJECT, write, write_project

pytestmark = pytest.mark.unit


class CountingPool(concurrent.futures.ProcessPoolExecutor):
    started = 0

    def __init__(self, *args, **kwargs):
        CountingPool.started += 1
        super().__init__(*args, **kwargs)


def problems(run) -> list:
    with pytest.raises(ContentErrors) as raised:
        run()
    return raised.value.errors


def broken_site(root):
    write(root, "content/om/soknad.md", "---\ntitle: Søknad\n---\n## Kriterier\n\nTekst.\n")
    write(root, "content/om/ny-side.md", "---\ntitle: Ny side\n---\nTekst.\n")  # not in nav
    bodies = [
        "Se [siden](finnes-ikke.md).",
        "Se [søknaden](../om/soknad.md#ingen-slik-overskrift).",
        "Se [resultatene](prosjekt:prosjekt-02#resultater).",  # fine
        "Se [resultatene](prosjekt:prosjekt-02#ingen-slik-overskrift).",
        "![Et bilde](bilder/mangler.png)",
        "Se [søknaden](../om/soknad.md#kriterier).",  # fine
    ]
    for number in range(12):
        body = bodies[number % len(bodies)]
        text = SHORT_PROJECT.format(
            title=f"Prosjekt {number:02}", extra="", body=f"## Resultater\n\n{body}"
        )
        write_project(root, f"prosjekt-{number:02}", text=text)


@pytest.mark.parametrize("workers", [1, 2])
def test_check_finds_what_the_single_process_check_finds_in_the_same_order(
    scratch, monkeypatch, workers
):
    broken_site(scratch)
    monkeypatch.setattr(cores, "WORTH_FORKING", 1)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", CountingPool)
    CountingPool.started = 0
    expected = problems(lambda: check_site_items(scratch, dates=False))
    found = problems(lambda: check_content(scratch, workers))
    assert found == expected
    assert CountingPool.started == (1 if workers > 1 else 0)
    messages = [f"{e.path}:{e.field}:{e.message}" for e in found]
    assert sum("et avsnitt som ikke finnes" in m for m in messages) == 4  # two files, two each
    assert sum("en side eller fil som ikke finnes" in m for m in messages) == 4
    assert any(m.startswith("content/om/ny-side.md:meny:") for m in messages)


def test_a_site_without_errors_passes_on_every_core(scratch, monkeypatch):
    for number in range(6):
        write_project(scratch, f"prosjekt-{number}", title=f"Prosjekt {number}")
    monkeypatch.setattr(cores, "WORTH_FORKING", 1)
    content, _ = check_content(scratch, 2)
    assert len(content.catalog.projects) == 6


def test_the_outline_is_the_generated_site_with_each_entry_page_reduced_to_its_links(
    scratch, monkeypatch
):
    broken_site(scratch)  # its errors are all in links: the content itself loads
    write(scratch, "content/om/tom.md", "---\ntitle: Tom\n---\n")  # no body: made as usual
    monkeypatch.setattr(cores, "WORTH_FORKING", 1)
    content = load_content(scratch, dates=False)
    items = generate_site(content, scratch)
    outline = site_outline(content, scratch, 2)
    shape = lambda item: (type(item), item.path, item.origin, item.line)  # noqa: E731
    assert [shape(item) for item in outline.items] == [shape(item) for item in items]
    entries = {page_of(entry): entry for entry in entries_with_pages(content)}
    assert len(entries) > 12
    markdown_pages = [i for i in items if isinstance(i, Page) and i.path.endswith(".md")]
    assert set(outline.links) == set(outline.ids) == {page.path for page in markdown_pages}
    for page in markdown_pages:
        assert outline.links[page.path] == links_in(page.path, page.text)
        assert outline.ids[page.path] == heading_ids(page.text)
    for item, kept in zip(items, outline.items, strict=True):
        if isinstance(item, Page):
            assert kept.text == ("" if item.path in entries else item.text)
    # Every entry page with a body is the text around it with the body put back.
    assert set(outline.around) == set(entries) - {"om/tom.md"}
    for path, parts in outline.around.items():
        before, after = unpack(parts)
        assert "".join((before, body_of(entries[path], content), after)) == pages_text(items, path)


def pages_text(items, path):
    return next(item.text for item in items if item.path == path)
