"""Small data shapes that generators hand to templates: links, cards and download rows."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from innomed.model.dates import format_date


@dataclass(frozen=True)
class Link:
    text: str
    target: str  # staged file, made relative to the page by the template's |link filter
    # The text's language when it differs from the page's (a bokmål title or vocabulary
    # label on a nynorsk page): the template marks the link with it (WCAG 3.1.2).
    lang: str | None = None


@dataclass(frozen=True)
class Marked:
    """Text in another language than the page's, printed inside <span lang>."""

    text: str
    lang: str


@dataclass(frozen=True)
class Card:
    """A project in a listing. Frozen and hashable: a project appears on many listing pages
    (every taxonomy term it has, its round, A-Å), and its card is rendered once per link."""

    title: str
    target: str  # staged file of the project's page
    summary: str
    lang: str
    details: tuple[str, ...]  # owner, regions, status, kind


@dataclass(frozen=True)
class Download:
    title: str
    target: str
    details: list  # file type, size, date changed
    description: str | None


def human_size(size: int) -> str:
    """Norwegian style: 950 byte, 12 kB, 1,4 MB."""
    if size < 1000:
        return f"{size} byte"
    if size < 1_000_000:
        return f"{round(size / 1000)} kB"
    return f"{size / 1_000_000:.1f} MB".replace(".", ",")


def file_type(name: str) -> str:
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return {
        "pdf": "PDF",
        "docx": "Word",
        "doc": "Word",
        "xlsx": "Excel",
        "xls": "Excel",
        "pptx": "PowerPoint",
        "ppt": "PowerPoint",
        "png": "PNG-bilde",
        "jpg": "JPEG-bilde",
        "jpeg": "JPEG-bilde",
        "webp": "WebP-bilde",
        "svg": "SVG-bilde",
        "csv": "CSV",
        "txt": "Tekst",
        "zip": "ZIP-arkiv",
        "odt": "OpenDocument-tekst",
    }.get(suffix, suffix.upper())


def download_rows(entry, attachments, target_of, dates: dict | None = None) -> list[Download]:
    """One row per attachment: where it is published, its type, size and last change.

    `dates` maps repository paths to last-commit dates (Content.file_dates); attachment files
    are given relative to the entry's markdown file.
    """
    rows = []
    for attachment in attachments:
        details = [
            file_type(attachment.file),
            human_size(entry.file_sizes[attachment.file]),
        ]
        key = posixpath.normpath(
            posixpath.join(posixpath.dirname(entry.source.rel), attachment.file)
        )
        if dates and dates.get(key):
            details.append(f"oppdatert {format_date(dates[key])}")
        rows.append(
            Download(attachment.title, target_of(attachment.file), details, attachment.description)
        )
    return rows
