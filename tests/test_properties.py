"""Property-based: any text in any front-matter string comes out as that text, and reading
any front matter ends in a typed entry or an editor's error, never a crash."""

from __future__ import annotations

import dataclasses
import re

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from innomed.generate.entry_pages import render_entry
from innomed.model.errors import ContentErrors
from innomed.model.slugs import heading_anchor
from innomed.model.sources import parse_front_matter
from innomed.pipeline import load_content

from conftest import heading_text, make_scratch_site, write_project

pytestmark = pytest.mark.unit

# Printable text of every script, including markup characters, quotes and newlines.
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\t"),
    min_size=1,
    max_size=80,
).filter(lambda text: text.strip())

# Text made mostly of what markdown and HTML read as markup, so that a hole is found fast.
MARKUP = st.text(
    alphabet=st.sampled_from(list("`*_{}[]()<>#!|&\"'=:-+.\\ \nabæø1")), min_size=1, max_size=40
).filter(lambda text: text.strip())
ANY_TEXT = st.one_of(TEXT, MARKUP)

EXTENSIONS = ["toc", "attr_list", "md_in_html", "def_list", "admonition", "tables", "abbr"]


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    root = make_scratch_site(tmp_path_factory.mktemp("prop") / "root")
    write_project(root, "x")
    return load_content(root)


def render_html(staged: str) -> BeautifulSoup:
    body = staged.split("\n---\n", 1)[1]  # the engine reads the front matter itself
    html = markdown.markdown(
        body,
        extensions=EXTENSIONS,
        extension_configs={"toc": {"permalink": True, "slugify": heading_anchor}},
    )
    return BeautifulSoup(html, "lxml")


def same_text(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(title=ANY_TEXT, summary=ANY_TEXT, owner=ANY_TEXT)
def test_any_title_summary_and_owner_is_shown_as_written(content, title, summary, owner):
    [project] = content.catalog.projects
    meta = project.meta.model_copy(
        update={"title": title.strip(), "summary": summary.strip(), "owner": owner.strip()}
    )
    page = render_entry(dataclasses.replace(project, meta=meta), content)
    html = render_html(page.text)
    assert same_text(heading_text(html.find("h1")), meta.title)
    assert same_text(html.select_one("p.lead").get_text(), meta.summary)
    facts = [dd.get_text() for dd in html.select("dd")]
    assert any(same_text(fact, meta.owner) for fact in facts)
    for tag in html.find_all(True):
        assert not any(key.lower().startswith("on") for key in tag.attrs), tag
        assert tag.name not in {"script", "iframe", "img", "code", "em", "strong"}, tag
    assert not re.search(r"<script", page.text, re.IGNORECASE)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
@example("{{}}")  # a mapping as a field name, once a TypeError
@example("? [a, b]\n: verdi")
def test_any_front_matter_is_read_or_refused_never_crashes(text):
    try:
        parse_front_matter(text, "projects/x.md", 2)
    except ContentErrors as problem:
        assert all(error.path == "projects/x.md" and error.line >= 2 for error in problem.errors)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    values=st.dictionaries(
        st.sampled_from(
            [
                "title",
                "summary",
                "owner",
                "regions",
                "kind",
                "status",
                "support",
                "legacy_paths",
                "image",
            ]
        ),
        st.one_of(TEXT, st.lists(TEXT, max_size=3), st.integers(), st.none(), st.booleans()),
        max_size=9,
    )
)
def test_check_never_raises_on_any_project(tmp_path_factory, values):
    root = make_scratch_site(tmp_path_factory.mktemp("any") / "root")
    write_project(
        root, "x", text="---\n" + yaml.safe_dump(values, allow_unicode=True) + "---\nTekst.\n"
    )
    try:
        load_content(root)
    except ContentErrors as problem:
        assert problem.errors and all(e.path.startswith("projects/") for e in problem.errors)


SEGMENT = st.sampled_from(["prosjekt", "side", "nord", "2.md", "index.md", "æøå", "a"])
STAGED_PATH = st.lists(SEGMENT, min_size=0, max_size=4).map("/".join)


@given(target=STAGED_PATH.filter(bool), start=STAGED_PATH)
def test_relative_links_agree_with_relpath(target, start):
    """Listings compute hundreds of thousands of relative links with pages.relative instead
    of posixpath.relpath; both spellings (staged paths and directory URLs) must agree."""
    import posixpath

    from innomed.model.pages import relative

    assert relative(target, start) == posixpath.relpath(target, start or ".")
    assert relative(f"/{target}/", f"/{start}/") == posixpath.relpath(f"/{target}/", f"/{start}/")


def reference_heading_ids(text: str) -> set[str]:
    """heading_ids as it was first written, line by line and searching every id=" with \b:
    the oracle for the faster one. A title's own anchor is not what changed (title_anchor
    only moved into a function and is cached), so it is shared."""
    from innomed.checks.site_links import EXPLICIT_ID, FENCE, HEADING, title_anchor

    ids: set[str] = set()
    counts: dict[str, int] = {}
    fenced = False
    for line in text.split("\n"):
        if FENCE.match(line):
            fenced = not fenced
        match = None if fenced else HEADING.match(line)
        if not match:
            continue
        title = match[2]
        if explicit := EXPLICIT_ID.search(title):
            ids.add(explicit[1])
            continue
        anchor = title_anchor(title)
        if anchor in counts:
            counts[anchor] += 1
            anchor = f"{anchor}_{counts[anchor]}"
        else:
            counts[anchor] = 0
        ids.add(anchor)
    ids.update(re.findall(r'\bid="([^"]+)"', text))
    return ids


# Lines of what heading_ids looks at: headings, fences, raw ids, and the whitespace around them.
PAGE_LINE = st.text(
    alphabet=st.sampled_from(list('#`~ \t\xa0id="x_-{}[]()*æ')), max_size=14
) | st.sampled_from(
    ["## Kontakt", "```", "~~~", "\t```", "\xa0~~~", '<a id="x">', 'xid="y" id="z"', "# Ø {#a}"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(PAGE_LINE, max_size=12).map("\n".join))
@example('xid=" id="b"')  # an id=" inside a refused one still counts
@example("```\n# inne\n```\n# ute\n# ute")
def test_heading_ids_finds_what_reading_line_by_line_finds(text):
    from innomed.checks.site_links import heading_ids

    assert heading_ids(text) == reference_heading_ids(text)


# The link pattern as first written, with the image's "!": the oracle for the faster one.
REFERENCE_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('![]()<> "x#/.\n')), max_size=40))
@example("![bilde](a.png) [lenke](b.md#c)")
@example('!![x](a) ![](b "tittel")')
def test_links_are_found_as_the_pattern_with_the_image_mark_finds_them(text):
    from innomed.checks.site_links import LINK

    assert LINK.findall(text) == REFERENCE_LINK.findall(text)
