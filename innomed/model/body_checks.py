"""Accessibility checks on what editors write in markdown bodies, with file and line.

Caught at build time, where an editor can act on them, rather than in the browser audit:
images without alt text, skipped heading levels, vague link text, tables without headers,
and links to files that do not say their type and size.
"""

from __future__ import annotations

import re

from innomed.model.errors import ContentError
from innomed.model.registry import link_kinds
from innomed.model.sources import Source

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
# Text the scaffolds (innomed/generate/scaffold.py) put in for editors to replace.
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


# Characters no page, feed or search index can carry (XML 1.0 refuses them, and lxml stops
# the news feed on one): C0 and C1 controls but tab and line breaks, DEL, surrogates and the
# two noncharacters. They come in invisibly, pasted from Word or PDF, or as YAML escapes.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def control_character(text: str) -> str | None:
    """How an editor is told about the first control character in `text`, or None."""
    found = CONTROL.search(text)
    if found is None:
        return None
    return (
        f"inneholder et usynlig kontrolltegn (U+{ord(found[0]):04X}) etter "
        f"'{text[: found.start()][-30:]}' (forventet vanlig tekst; skriv teksten inn på nytt "
        "i stedet for å lime den inn, eller slett tegnet)"
    )


def check_placeholders(source: Source) -> list[ContentError]:
    """Front-matter values still holding the scaffold's example text, or a control character."""
    from innomed.model.sources import dotted

    errors = []

    def walk(value, loc):
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, loc + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, loc + (index,))
        elif isinstance(value, str) and value.strip() in PLACEHOLDERS:
            errors.append(
                ContentError(
                    source.rel,
                    source.line_of(loc),
                    dotted(loc),
                    f"'{value.strip()}' står igjen fra malen (forventet din egen tekst)",
                )
            )
        elif isinstance(value, str) and (problem := control_character(value)):
            errors.append(ContentError(source.rel, source.line_of(loc), dotted(loc), problem))

    walk(source.meta, ())
    return errors


def check_body(source: Source, first_heading_level: int = 2) -> list[ContentError]:
    errors: list[ContentError] = check_placeholders(source)
    if CONTROL.search(source.body):  # code blocks too: the search index reads them
        for offset, line in enumerate(source.body.split("\n")):
            if problem := control_character(line):
                errors.append(ContentError(source.rel, source.body_line + offset, "tekst", problem))
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


# Markdown that silently changes what the author wrote: a date after a list number becomes a
# list inside the list ("1. 11. april" shows as "1. a. april"), and a paragraph that starts
# with a number and a full stop becomes a list that always counts from 1 ("12. mai" shows as
# "1. mai"). Warnings, not errors: an editor may mean a list, but must see what is shown.
LIST_ITEM = re.compile(r"^\s*(?P<marker>\d+\.|[-*+])\s+(?P<text>\S.*)$")
LIST_START = re.compile(r"^(?:(?P<number>\d+)\.|[-*+])(?:\s|$)")


def check_meaning(source: Source) -> list[ContentError]:
    """Lines whose markdown shows something other than what the author typed."""
    warnings = []
    in_list, previous = False, ""
    for number, line in body_lines(source):
        item = LIST_ITEM.match(line)
        if item:
            inner = LIST_START.match(item["text"])
            if inner:
                shown = item["text"][: inner.end()].strip()
                warnings.append(
                    ContentError(
                        source.rel,
                        number,
                        "tekst",
                        f"'{line.strip()[:40]}' blir en liste inne i listen, og '{shown}' "
                        "vises ikke slik det er skrevet (forventet en skråstrek foran "
                        f"punktumet, '{shown[:-1]}\\.', hvis det hører til teksten)",
                    )
                )
            elif (
                item["marker"][0].isdigit()
                and not in_list
                and (not previous.strip() or previous.lstrip().startswith("#"))
                and int(item["marker"][:-1]) != 1
            ):
                value = item["marker"][:-1]
                warnings.append(
                    ContentError(
                        source.rel,
                        number,
                        "tekst",
                        f"'{line.strip()[:40]}' blir en nummerert liste som begynner på 1, og "
                        f"tallet {value} vises ikke (forventet '{value}\\.' hvis tallet hører "
                        "til teksten)",
                    )
                )
            in_list = True
        elif line.strip() and not line.startswith((" ", "\t")):
            in_list = False
        previous = line
    return warnings
