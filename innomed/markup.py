"""Markdown fragments shared by every section: breadcrumbs and download lists."""

from __future__ import annotations

import posixpath
from pathlib import Path

from .models import format_date
from .pages import escape_md, link


def human_size(size: int) -> str:
    """Norwegian style: 950 byte, 12 kB, 1,4 MB."""
    if size < 1000:
        return f"{size} byte"
    if size < 1_000_000:
        return f"{round(size / 1000)} kB"
    return f"{size / 1_000_000:.1f} MB".replace(".", ",")


def file_type(name: str) -> str:
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return {"pdf": "PDF", "docx": "Word", "doc": "Word", "xlsx": "Excel", "xls": "Excel",
            "pptx": "PowerPoint", "ppt": "PowerPoint", "png": "PNG-bilde", "jpg": "JPEG-bilde",
            "jpeg": "JPEG-bilde", "webp": "WebP-bilde", "svg": "SVG-bilde", "csv": "CSV",
            "txt": "Tekst", "zip": "ZIP-arkiv", "odt": "OpenDocument-tekst"}.get(suffix,
                                                                                suffix.upper())


def breadcrumbs(page: str, trail: list[tuple[str, str]]) -> str:
    items = "\n".join(f"{i}. [{escape_md(label)}]({link(page, target)})"
                      for i, (label, target) in enumerate(trail, start=1))
    # data-search-exclude: search results should not start with "1. Forside 2. Prosjekter".
    return (f'<nav class="breadcrumbs" aria-label="Brødsmulesti" data-search-exclude '
            f'markdown="1">\n\n{items}\n\n</nav>\n\n')


def downloads_list(page: str, items: list, folder: Path, dates: dict | None = None,
                   source_rel: str = "") -> str:
    """`- [Title](file) (PDF, 1,2 MB, oppdatert 3. mars 2026)` with a description below.

    `dates` maps repository paths to last-commit dates (Content.file_dates); `source_rel` is
    the markdown file's repository path, which the attachment's file is relative to.
    """
    lines = []
    for attachment, staged in items:
        path = folder / attachment.file
        details = [file_type(attachment.file), human_size(path.stat().st_size)]
        key = posixpath.normpath(posixpath.join(posixpath.dirname(source_rel), attachment.file))
        changed = (dates or {}).get(key)
        if changed:
            details.append(f"oppdatert {format_date(changed)}")
        line = f"- [{escape_md(attachment.title)}]({link(page, staged)}) ({', '.join(details)})"
        if attachment.description:
            line += f"  \n  {escape_md(attachment.description)}"
        lines.append(line)
    return "\n".join(lines) + "\n"
