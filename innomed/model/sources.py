"""Read a markdown file into front matter, body and the line of every front-matter field.

PyYAML is used in YAML 1.2 spirit: only true/false are booleans (`lang: no` stays the text
"no") and dates stay text so that validation, not the parser, reports an impossible date
with its line. Duplicate keys are errors instead of silently keeping the last one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from innomed.model.errors import ContentError, ContentErrors

BOOL_TAG = "tag:yaml.org,2002:bool"
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class StrictLoader(yaml.SafeLoader):
    """SafeLoader without YAML 1.1 surprises (yes/no/on/off as booleans, implicit dates)."""


StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in (BOOL_TAG, TIMESTAMP_TAG)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
StrictLoader.add_implicit_resolver(
    BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


# libyaml's parser is ~15x faster than PyYAML's pure-Python one, which was most of `check`'s
# time at scale. It resolves tags with the same Python resolver, so the two loaders read a
# file identically; only the wording of syntax errors differs, so a file libyaml refuses is
# parsed again with StrictLoader and the editor sees the same message either way.
class FastStrictLoader(getattr(yaml, "CSafeLoader", StrictLoader)):  # type: ignore[misc]
    yaml_implicit_resolvers = StrictLoader.yaml_implicit_resolvers


FieldPath = tuple  # e.g. ("support", 0, "round")


@dataclass(frozen=True)
class Source:
    path: Path  # absolute path on disk
    rel: str  # path shown to editors, relative to the project root
    meta: dict
    body: str
    body_line: int  # line number of the first body line
    lines: dict = field(default_factory=dict)  # FieldPath -> line number

    def line_of(self, path: FieldPath) -> int:
        """Line of the field, or of its nearest parent that exists, or of the opening ---."""
        for end in range(len(path), 0, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return 1


FRONT_MATTER_FENCE = re.compile(r"^---[ \t]*$")


def read_source(path: Path, root: Path) -> Source:
    return parse_source(path, root)


def parse_source(path: Path, root: Path) -> Source:
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ContentErrors(
            [
                ContentError(
                    rel,
                    1,
                    "fil",
                    f"kan ikke leses ({error.strerror}; "
                    "sjekk at filen finnes og at du har tilgang)",
                )
            ]
        ) from None
    # Windows Notepad starts UTF-8 files with a byte order mark; Hugo, Jekyll and MkDocs
    # accept it, and so do we.
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ContentErrors(
            [
                ContentError(
                    rel, 1, "fil", f"filen er ikke UTF-8 ({error.reason}; lagre filen som UTF-8)"
                )
            ]
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if not lines or not FRONT_MATTER_FENCE.match(lines[0]):
        raise ContentErrors(
            [
                ContentError(
                    rel,
                    1,
                    "front matter",
                    "mangler (forventet at filen "
                    "starter med en linje med bare '---', så feltene, så "
                    "'---' igjen)",
                )
            ]
        )
    closing = next((i for i in range(1, len(lines)) if FRONT_MATTER_FENCE.match(lines[i])), None)
    if closing is None:
        raise ContentErrors(
            [
                ContentError(
                    rel,
                    1,
                    "front matter",
                    "blir aldri avsluttet (forventet en linje med bare '---' etter feltene)",
                )
            ]
        )
    yaml_text = "\n".join(lines[1:closing])
    meta, field_lines = parse_front_matter(yaml_text, rel, first_line=2)
    body = "\n".join(lines[closing + 1 :])
    return Source(
        path=path, rel=rel, meta=meta, body=body, body_line=closing + 2, lines=field_lines
    )


def parse_front_matter(yaml_text: str, rel: str, first_line: int) -> tuple[dict, dict]:
    """Parse YAML, returning the data and the line of every field; errors carry file lines."""
    try:
        return parse_with(FastStrictLoader, yaml_text, rel, first_line)
    except (yaml.YAMLError, RecursionError):
        # libyaml refused it: the pure-Python parser reads it again, for the same wording
        return parse_with(StrictLoader, yaml_text, rel, first_line)


def parse_with(loader_class, yaml_text: str, rel: str, first_line: int) -> tuple[dict, dict]:
    """Compose the document once: its nodes give the lines, then become the data."""
    try:
        loader = loader_class(yaml_text)  # the reader refuses control characters right here
    except (yaml.YAMLError, RecursionError) as error:
        if loader_class is StrictLoader:
            raise ContentErrors([yaml_error(error, rel, first_line, yaml_text)]) from None
        raise
    try:
        try:
            node = loader.get_single_node()
        except (yaml.YAMLError, RecursionError) as error:
            if loader_class is StrictLoader:
                raise ContentErrors([yaml_error(error, rel, first_line, yaml_text)]) from None
            raise
        if node is None:
            return {}, {}
        if not isinstance(node, yaml.MappingNode):
            raise ContentErrors(
                [
                    ContentError(
                        rel,
                        first_line + node.start_mark.line,
                        "front matter",
                        "er ikke en liste med felt (forventet linjer på formen 'felt: verdi')",
                    )
                ]
            )
        field_lines: dict = {}
        errors: list[ContentError] = []
        collect_lines(node, (), first_line, field_lines, errors, rel)
        if errors:
            raise ContentErrors(errors)
        try:
            data = loader.construct_document(node)
        except (yaml.YAMLError, RecursionError) as error:
            if loader_class is StrictLoader:
                raise ContentErrors([yaml_error(error, rel, first_line, yaml_text)]) from None
            raise
        return data, field_lines
    finally:
        loader.dispose()


def collect_lines(node, path: tuple, first_line: int, out: dict, errors: list, rel: str) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict = {}
        for key_node, value_node in node.value:
            line = first_line + key_node.start_mark.line
            if not isinstance(key_node, yaml.ScalarNode):  # `{{}}: x`, `? [a]`
                errors.append(
                    ContentError(
                        rel,
                        line,
                        dotted(path) if path else "front matter",
                        "har et feltnavn som er en liste eller en gruppe felt (forventet et "
                        "navn før kolon, for eksempel 'title: ...')",
                    )
                )
                continue
            key = key_node.value
            if key in seen:
                errors.append(
                    ContentError(
                        rel,
                        line,
                        dotted(path + (key,)),
                        f"feltet står to ganger (også på linje {seen[key]}; slett den ene)",
                    )
                )
                continue
            seen[key] = line
            out[path + (key,)] = line
            collect_lines(value_node, path + (key,), first_line, out, errors, rel)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            out[path + (index,)] = first_line + item.start_mark.line
            collect_lines(item, path + (index,), first_line, out, errors, rel)


def yaml_error(error: Exception, rel: str, first_line: int, text: str = "") -> ContentError:
    """PyYAML's English message as one Norwegian line an editor can act on."""
    lines = text.split("\n")
    if isinstance(error, RecursionError):
        return ContentError(
            rel,
            first_line,
            "front matter",
            "er nøstet for dypt (forventet "
            "felt med verdier og lister, ikke hundrevis av nivåer inni "
            "hverandre)",
        )
    if isinstance(error, yaml.reader.ReaderError):
        line = first_line + text.count("\n", 0, max(error.position, 0))
        return ContentError(
            rel,
            line,
            "front matter",
            f"inneholder et usynlig kontrolltegn "
            f"(#x{error.character:04x}) (forventet vanlig tekst; skriv linjen "
            "på nytt, eller slett tegnet)",
        )
    marked = error if isinstance(error, yaml.MarkedYAMLError) else None
    mark = marked and (marked.problem_mark or marked.context_mark)
    line = first_line + (mark.line if mark else 0)
    problem = (marked and marked.problem) or str(error)
    context = (marked and marked.context) or ""
    source_line = lines[mark.line] if mark and mark.line < len(lines) else ""
    context_line = (
        lines[marked.context_mark.line]
        if marked and marked.context_mark and marked.context_mark.line < len(lines)
        else ""
    )
    if "'\\t'" in problem or "\t" in problem:
        hint = "tabulator-tegn i innrykk (forventet mellomrom; bytt tabulator med to mellomrom)"
    elif "quoted scalar" in context:
        if marked and marked.context_mark:
            line = first_line + marked.context_mark.line
        hint = (
            "anførselstegnet blir aldri lukket (forventet et avsluttende \" eller ' på "
            "samme linje som verdien starter)"
        )
    elif "found '<scalar>'" in problem and QUOTED_THEN_TEXT.search(context_line + source_line):
        hint = (
            "tekst etter anførselstegnene (forventet at hele verdien står inni "
            'anførselstegnene, for eksempel title: "«Én vei inn» i Bergen")'
        )
    elif "that cannot start any token" in problem:
        character = problem.split("'")[1] if "'" in problem else "?"
        hint = (
            f"verdien kan ikke starte med tegnet {character} (forventet at verdien står i "
            'anførselstegn, for eksempel "@InnoMed")'
        )
    elif "flow sequence" in context or "flow mapping" in context:
        hint = (
            "en liste i [ ] eller { } blir ikke lukket riktig (forventet for eksempel "
            "[Nord, Vest] på én linje, med komma mellom verdiene)"
        )
    elif "undefined alias" in problem:
        hint = (
            "verdien starter med * (forventet tekst; sett verdien i anførselstegn, for "
            'eksempel "*viktig*")'
        )
    elif "mapping values are not allowed" in problem:
        hint = (
            "et kolon på feil sted (forventet 'felt: verdi'; sett verdien i anførselstegn "
            "hvis den selv inneholder ': ')"
        )
    elif "could not find expected ':'" in problem or "expected <block end>" in problem:
        hint = (
            "innrykket stemmer ikke (forventet at felt på samme nivå starter i samme "
            "kolonne; sjekk mellomrommene foran linjen)"
        )
    else:
        hint = f"ugyldig YAML: {problem} (sjekk innrykk, kolon og anførselstegn)"
    return ContentError(rel, line, "front matter", hint)


# `title: "Hei" og mer`: a closed quote followed by more text on the same line.
QUOTED_THEN_TEXT = re.compile(r""":\s*(["'])[^"']*\1\s*[^\s#]""")


def dotted(path: tuple) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "front matter"
