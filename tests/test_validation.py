"""Validation: every problem in one run, each with file, line, field and a suggestion."""

from pathlib import Path

import pytest

from innomed.model.errors import ContentErrors
from innomed.pipeline import load_content

from conftest import JPEG_BYTES, write, write_bytes, write_project

pytestmark = pytest.mark.unit

BASE = """\
---
title: Testprosjekt
summary: Kort.
kind: Prosjektbeskrivelse
status: Pågående
regions: [Nord]
owner: Helse Testfjord
{extra}---
Tekst.
"""


def problems(root: Path) -> list:
    with pytest.raises(ContentErrors) as caught:
        load_content(root)
    return caught.value.errors


def project_with(root: Path, extra: str, name: str = "x") -> None:
    write_project(root, name, text=BASE.format(extra=extra))


def only(errors, field):
    found = [e for e in errors if e.field == field]
    assert len(found) == 1, errors
    return found[0]


def test_valid_project_passes(scratch):
    project_with(scratch, "")
    content = load_content(scratch)
    [project] = content.catalog.projects
    assert project.slug == "testprosjekt"
    assert project.meta.lang == "nb"


def test_unknown_field_suggests_the_right_name(scratch):
    project_with(scratch, "regoins: [Nord]\n")
    error = only(problems(scratch), "regoins")
    assert (error.path, error.line) == ("projects/x.md", 8)
    assert "ukjent felt" in error.message and "'regions'" in error.message


def test_value_outside_vocabulary_suggests_the_label(scratch):
    write_project(scratch, "x", text=BASE.replace("[Nord]", "[Midt Norge]").format(extra=""))
    error = only(problems(scratch), "regions[0]")
    assert error.line == 6
    assert "'Midt Norge' er ikke en gyldig region" in error.message
    assert "mente du 'Midt-Norge'?" in error.message


def test_missing_required_field(scratch):
    write_project(
        scratch, "x", text=BASE.replace("kind: Prosjektbeskrivelse\n", "").format(extra="")
    )
    error = only(problems(scratch), "kind")
    assert error.line == 1 and "mangler" in error.message


@pytest.mark.parametrize("blank", ["''", "'   '"])
def test_blank_text_is_named_in_the_editors_words(scratch, blank):
    write_project(scratch, "x", text=BASE.replace("Kort.", blank).format(extra=""))
    error = only(problems(scratch), "summary")
    assert error.line == 3 and error.message.startswith("er tom (forventet tekst")


def test_owner_may_be_left_out_when_unknown(scratch):
    write_project(scratch, "x", text=BASE.replace("owner: Helse Testfjord\n", "").format(extra=""))
    assert load_content(scratch).catalog.projects[0].meta.owner is None


def test_impossible_date(scratch):
    project_with(scratch, "published: 2026-02-30\n")
    error = only(problems(scratch), "published")
    assert error.line == 8 and "ikke en gyldig dato" in error.message


def test_lang_no_is_not_silently_false(scratch):
    project_with(scratch, "lang: no\n")
    error = only(problems(scratch), "lang")
    assert "'no'" in error.message and "'nb'" in error.message and "'nn'" in error.message


def test_image_without_alt_text(scratch):
    write_bytes(scratch, "projects/bilde.jpg", JPEG_BYTES)
    project_with(scratch, "image:\n  file: bilde.jpg\n")
    error = only(problems(scratch), "image")
    assert error.line == 8 and "alternativ tekst" in error.message


def test_decorative_image_needs_no_alt(scratch):
    write_bytes(scratch, "projects/bilde.jpg", JPEG_BYTES)
    project_with(scratch, "image:\n  file: bilde.jpg\n  decorative: true\n")
    assert load_content(scratch).catalog.projects[0].meta.image.decorative


def test_attachment_file_not_found(scratch):
    project_with(scratch, "attachments:\n  - title: Rapport\n    file: rapport.pdf\n")
    error = only(problems(scratch), "attachments[0].file")
    assert error.line == 10 and "finner ikke filen 'rapport.pdf'" in error.message


def test_two_files_with_one_slug_names_both(scratch):
    project_with(scratch, "", name="a")
    project_with(scratch, "", name="b")
    [error] = problems(scratch)
    assert error.path == "projects/b.md" and "projects/a.md" in error.message


def test_related_project_must_exist(scratch):
    project_with(scratch, "related: [finnes-ikke]\n")
    error = only(problems(scratch), "related[0]")
    assert error.line == 8 and "'finnes-ikke'" in error.message


def test_bad_round_and_email_and_period(scratch):
    project_with(
        scratch,
        (
            "support:\n  - type: Skreddersydd innovasjonsrådgivning\n    round: 2025-S4\n"
            "contacts:\n  - name: Kari\n    email: kari-at-sus.no\n"
            'project_period: {start: "2026", end: "2025-13"}\n'
        ),
    )
    errors = problems(scratch)
    assert only(errors, "support[0].round").line == 10
    assert only(errors, "contacts[0].email").line == 13
    assert "finnes ikke i kalenderen" in only(errors, "project_period.end").message


def test_every_problem_in_one_run_across_files(scratch):
    project_with(scratch, "regoins: x\n", name="a")
    write_project(scratch, "b", text="no front matter\n")
    write(scratch, "content/side.md", "---\ntitle: Side\nlang: no\n---\nTekst\n")
    errors = problems(scratch)
    assert {e.path for e in errors} == {"projects/a.md", "projects/b.md", "content/side.md"}


def test_single_value_for_a_list_field_is_accepted(scratch):
    write_project(scratch, "x", text=BASE.replace("[Nord]", "Nord").format(extra=""))
    assert load_content(scratch).catalog.projects[0].meta.regions == ["Nord"]


def test_wrong_file_extension_is_not_silently_skipped(scratch):
    write(scratch, "projects/glemt.markdown", "---\ntitle: X\n---\n")
    error = only(problems(scratch), "fil")
    assert error.path == "projects/glemt.markdown" and ".md" in error.message


BODY = BASE.format(extra="").replace("Tekst.\n", "{body}")


def body_errors(root, body):
    write_project(root, "x", text=BODY.replace("{body}", body))
    return problems(root)


def test_heading_levels_may_not_skip_or_repeat_the_title_level(scratch):
    errors = body_errors(scratch, "# Tittel igjen\n\n## Del\n\n#### For dypt\n")
    assert [(e.line, e.field) for e in errors] == [(9, "overskrift"), (13, "overskrift")]
    assert "bruk ##" in errors[0].message and "forventet ###" in errors[1].message


def test_vague_link_text_and_bare_urls(scratch):
    errors = body_errors(
        scratch,
        "Se [her](https://a.no) og [les mer](https://b.no).\n\n"
        "Kilde: [https://c.no](https://c.no)\n",
    )
    assert [e.line for e in errors] == [9, 9, 11]
    assert all(e.field == "lenke" for e in errors)


def test_body_image_needs_alt_text(scratch):
    [error] = body_errors(scratch, "Tekst\n\n![](bilde.png)\n")
    assert (error.line, error.field) == (11, "bilde")


def test_file_links_state_type_and_size(scratch):
    [error] = body_errors(
        scratch,
        "[Rapporten](https://x.no/rapport.pdf)\n\n"
        "[Vedlegget](https://x.no/vedlegg.pdf) (PDF, 1,2 MB)\n",
    )
    assert error.line == 9 and "filtype og størrelse" in error.message


def test_table_header_cells_may_not_be_empty(scratch):
    [error] = body_errors(scratch, "|  | Antall |\n|---|---|\n| Nord | 3 |\n")
    assert (error.line, error.field) == (10, "tabell")


def test_code_blocks_are_not_checked(scratch):
    write_project(scratch, "x", text=BODY.replace("{body}", "```\n# ikke en overskrift\n```\n"))
    assert load_content(scratch).catalog.projects


def test_body_problems_are_reported_with_front_matter_problems(scratch):
    write_project(
        scratch,
        "x",
        text=BASE.replace("[Nord]", "[Nordland]")
        .format(extra="")
        .replace("Tekst.\n", "#### For dypt\n"),
    )
    found = {(e.line, e.field) for e in problems(scratch)}
    assert found == {(6, "regions[0]"), (9, "overskrift")}


def test_escaped_internal_link_is_refused(scratch):
    r"""`\[tekst](prosjekt:slug)` (a rich-text editor's escape) is brackets on the page, not a
    link: refused with file and line. An escaped bracket before a web link is left alone."""
    write_project(scratch, "maal", title="Målprosjekt")
    [error] = body_errors(
        scratch,
        "Se [målet](prosjekt:malprosjekt).\n\n"
        "Les \\[om målet](prosjekt:malprosjekt) og \\[ikke en lenke](https://x.no).\n",
    )
    assert (str(error.path), error.line, error.field) == ("projects/x.md", 11, "lenke")
    assert error.message == (
        "'\\[om målet](prosjekt:malprosjekt)' vises som vanlig tekst, ikke som lenke "
        "(forventet [om målet](prosjekt:malprosjekt) uten \\ foran klammene)"
    )
    assert str(error).startswith("projects/x.md:11: lenke: '\\[om målet]")
