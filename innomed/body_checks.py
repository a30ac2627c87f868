"""Accessibility checks on what editors write in markdown bodies, with file and line.

Caught at build time, where an editor can act on them, rather than in the browser audit:
images without alt text, skipped heading levels, vague link text, tables without headers,
and links to files that do not say their type and size.
"""

from __future__ import annotations

import re

from .errors import ContentError
from .registry import link_kinds
from .sources import Source, per_source

HEADING = re.compile(r"^(#{1,6})\s+\S")
IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<target>[^)\s]+)[^)]*\)")
LINK = re.compile(
    r"(?<!!)\[(?P<text>[^\]]+)\]\((?P<target>[^)\s]+)[^)]*\)(?=(?P<after>[^\n]{0,40}))"
)
BARE_URL_TEXT = re.compile(r"^(https?://|www\.)\S+$")
VAGUE_LINK_TEXTS = {
    "her",
    "klikk her",
    "trykk her",
    "les mer",
    "les mer her",
    "mer",
    "lenke",
    "denne lenken",
    "click here",
    "here",
    "read more",
    "link",
}
FILE_SUFFIXES = ("pdf", "docx", "doc", "xlsx", "xls", "pptx", "ppt", "zip", "csv", "odt")
SIZE_NOTE = re.compile(r"\(\s*[A-Za-zÆØÅæøå]+[^)]*\d+(?:[.,]\d+)?\s*(?:byte|kB|KB|MB|GB)\s*\)")
# Text the scaffolds (innomed/scaffold.py) put in for editors to replace.
PLACEHOLDERS = {
    "Skriv her.",
    "Skriv et læringsmål her",
    "Skriv om kurset her.",
    "Skriv om episoden her.",
    "Skriv saken her. Bruk ## for mellomtitler.",
}
# `\[tekst](prosjekt:slug)`: a link escaped into plain text (a rich-text editor does this to
# link kinds it does not know), which the page shows as brackets and never links.
ESCAPED_LINK = re.compile(r"\\\[(?P<text>[^\]]*?)\\?\]\((?P<kind>[\w-]+):(?P<slug>[^)\s]*)\)")
TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def body_lines(source: Source):
    """(line number in the file, text) for body lines outside fenced code blocks."""
    fenced = False
    for offset, line in enumerate(source.body.split("\n")):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if not fenced:
            yield source.body_line + offset, line


def check_placeholders(source: Source) -> list[ContentError]:
    """Front-matter values still holding the scaffold's example text."""
    errors = []

    def walk(value, loc):
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, loc + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, loc + (index,))
        elif isinstance(value, str) and value.strip() in PLACEHOLDERS:
            from .sources import dotted

            errors.append(
                ContentError(
                    source.rel,
                    source.line_of(loc),
                    dotted(loc),
                    f"'{value.strip()}' står igjen fra malen (forventet din egen tekst)",
                )
            )

    walk(source.meta, ())
    return errors


@per_source
def check_body(source: Source, first_heading_level: int = 2) -> list[ContentError]:
    errors: list[ContentError] = check_placeholders(source)
    previous_level = first_heading_level - 1
    lines = list(body_lines(source))
    # Most lines are prose: each check first looks for the one character it needs, so a
    # 5,000-project check does not run six regular expressions on every line.
    for index, (number, line) in enumerate(lines):
        if not line:
            continue

        def error(field: str, message: str, number: int = number) -> None:
            errors.append(ContentError(source.rel, number, field, message))

        if line.strip() in PLACEHOLDERS:
            error(
                "tekst",
                f"'{line.strip()}' står igjen fra malen (forventet din egen tekst; "
                "skriv teksten eller slett linjen)",
            )
        heading = HEADING.match(line) if line[0] == "#" else None
        if heading:
            level = len(heading.group(1))
            if level < first_heading_level:
                error(
                    "overskrift",
                    f"'{line.strip()}' er nivå {level} (forventet ## eller "
                    "lavere: sidetittelen er allerede nivå 1; bruk ##)",
                )
            elif level > previous_level + 1:
                error(
                    "overskrift",
                    f"'{line.strip()}' hopper fra nivå {previous_level} til "
                    f"{level} (forventet {'#' * (previous_level + 1)}; skjermlesere bruker "
                    "overskriftene som innholdsfortegnelse)",
                )
            previous_level = max(level, first_heading_level - 1)
        if "](" in line:
            check_links(line, error)
            if "\\[" in line:
                check_escaped_links(line, error)
        if "-" in line and "|" in line and TABLE_SEPARATOR.match(line) and index > 0:
            header = lines[index - 1][1]
            cells = [cell.strip() for cell in header.strip().strip("|").split("|")]
            if not all(cells):
                error(
                    "tabell",
                    "tabellen har tomme overskriftsceller (forventet en "
                    "overskrift i hver kolonne i første rad)",
                )
    return errors


def check_links(line: str, error) -> None:
    """Images without alt text, vague link texts and file links without type and size."""
    for image in IMAGE.finditer(line):
        if not image["alt"].strip():
            error(
                "bilde",
                f"bildet '{image['target']}' mangler alternativ tekst "
                "(forventet ![beskrivelse av bildet](fil); er bildet bare pynt, bruk "
                "feltet image med decorative: true)",
            )
    for found in LINK.finditer(line):
        text = found["text"].strip()
        plain = re.sub(r"[*_`]", "", text).strip().rstrip(".:").casefold()
        if plain in VAGUE_LINK_TEXTS:
            error(
                "lenke",
                f"lenketeksten '{text}' sier ikke hvor lenken går (forventet "
                "en tekst som gir mening alene, for eksempel navnet på siden eller "
                "dokumentet)",
            )
        elif BARE_URL_TEXT.match(plain):
            error(
                "lenke",
                f"lenketeksten er en nettadresse ('{text}') (forventet en "
                "tekst som sier hva lenken går til)",
            )
        target = found["target"].split("#")[0].lower()
        suffix = target.rsplit(".", 1)[-1] if "." in target else ""
        if suffix in FILE_SUFFIXES and not SIZE_NOTE.search(found["after"]):
            error(
                "lenke",
                f"lenken til filen '{found['target']}' sier ikke filtype og "
                "størrelse (forventet for eksempel '(PDF, 1,2 MB)' rett etter lenken, "
                "eller legg filen i feltet attachments/downloads, så skrives det "
                "automatisk)",
            )


def check_escaped_links(line: str, error) -> None:
    """`\\[tekst](prosjekt:slug)`: the backslash makes the link plain text on the page."""
    for found in ESCAPED_LINK.finditer(line):
        if found["kind"] not in link_kinds():
            continue
        link = f"[{found['text']}]({found['kind']}:{found['slug']})"
        error(
            "lenke",
            f"'{found[0]}' vises som vanlig tekst, ikke som lenke (forventet {link} "
            "uten \\ foran klammene)",
        )
