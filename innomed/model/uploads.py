"""Which files an entry may publish: an allow-list of types recognised by their first bytes,
and size limits.

Why by content: a file is published on the site's own origin, so an SVG with a script runs
there and an HTML page can pose as a login form, whatever its name says. The name's suffix
must also agree with the content, so the host serves the file as what it is. The same rules
run in the browser before an upload (admin/uploads.js); a test keeps the two in step.
"""

from __future__ import annotations

from pathlib import Path

MB = 1_000_000
# What each suffix must start with, and how large it may be.
IMAGE_LIMIT = 2 * MB  # larger photos slow every page they are on: scale them down first
FILE_LIMIT = 20 * MB
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
    "webp": (b"RIFF",),  # and "WEBP" at byte 8, checked below
    "pdf": (b"%PDF-",),
    "zip": (b"PK\x03\x04",),  # docx, xlsx, pptx, odt, ods, odp are zip files
    "ole": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),  # doc, xls, ppt
}
KINDS = {
    "png": "png",
    "jpg": "jpeg",
    "jpeg": "jpeg",
    "gif": "gif",
    "webp": "webp",
    "pdf": "pdf",
    "docx": "zip",
    "xlsx": "zip",
    "pptx": "zip",
    "odt": "zip",
    "ods": "zip",
    "odp": "zip",
    "zip": "zip",
    "doc": "ole",
    "xls": "ole",
    "ppt": "ole",
    "csv": "text",
    "txt": "text",
    "md": "text",
}
IMAGE_KINDS = {"png", "jpeg", "gif", "webp"}
NAMES = {
    "png": "et PNG-bilde",
    "jpeg": "et JPEG-bilde",
    "gif": "et GIF-bilde",
    "webp": "et WebP-bilde",
    "pdf": "en PDF",
    "zip": "et Office-dokument eller en zip-fil",
    "ole": "et eldre Office-dokument",
    "text": "ren tekst",
}
ALLOWED = "PNG, JPEG, GIF, WebP, PDF, Word, Excel, PowerPoint, OpenDocument, zip, CSV eller tekst"


def kind_of(head: bytes) -> str | None:
    """The type the first bytes of a file show, or None if it is none of the allowed."""
    for kind, signatures in SIGNATURES.items():
        if head.startswith(signatures) and (kind != "webp" or head[8:12] == b"WEBP"):
            return kind
    return None


def is_plain_text(head: bytes) -> bool:
    """UTF-8 text that no browser takes for markup (HTML, SVG, XML start with '<')."""
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 3:  # a character cut off at the end of the sample
            return False
        text = head[: error.start].decode("utf-8")
    return "\x00" not in text and not text.lstrip("\ufeff \t\r\n").startswith("<")


def size_text(size: int) -> str:
    return f"{size / MB:.1f} MB".replace(".", ",")


def upload_problem(path: Path, image: bool = False) -> str | None:
    """Why this file may not be published (Norwegian, with what to do), or None."""
    name = path.name
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    expected = KINDS.get(suffix)
    if expected is None or (image and expected not in IMAGE_KINDS):
        allowed = "PNG, JPEG, GIF eller WebP" if image else ALLOWED
        return (
            f"filen '{name}' har en filtype som ikke kan publiseres (forventet {allowed}; "
            "SVG og HTML kan inneholde skript og publiseres ikke)"
        )
    with path.open("rb") as file:
        head = file.read(4096)
    found = "text" if expected == "text" and is_plain_text(head) else kind_of(head)
    if found != expected:
        return (
            f"filen '{name}' er ikke {NAMES[expected]}, slik navnet sier "
            f"(forventet {NAMES[expected]}; lagre filen på nytt i riktig format)"
        )
    size = path.stat().st_size
    limit = IMAGE_LIMIT if expected in IMAGE_KINDS else FILE_LIMIT
    if size > limit:
        advice = (
            "gjør bildet mindre, for eksempel 2000 piksler bredt, eller lagre det som JPEG"
            if expected in IMAGE_KINDS
            else "del filen opp eller komprimer den"
        )
        return f"filen '{name}' er {size_text(size)} (forventet høyst {size_text(limit)}; {advice})"
    return None
