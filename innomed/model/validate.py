"""Front matter -> typed entries, with every problem as an editor-readable ContentError."""

from __future__ import annotations

import difflib
import re
import typing
from pathlib import Path

from pydantic import BaseModel, ValidationError

from innomed.model.body_checks import check_body
from innomed.model.errors import ContentError, ContentErrors
from innomed.model.paths import outside_reason
from innomed.model.slugs import slug_for_title
from innomed.model.sources import Source, dotted
from innomed.model.uploads import upload_problem
from innomed.model.vocabulary import Vocabularies


def validate_meta(source: Source, model: type[BaseModel], vocabularies: Vocabularies):
    try:
        return model.model_validate(source.meta, context={"vocabularies": vocabularies})
    except ValidationError as error:
        raise ContentErrors(
            [content_error(source, model, dict(detail)) for detail in error.errors()]
        ) from None


def content_error(source: Source, model: type[BaseModel], detail: dict) -> ContentError:
    loc = tuple(detail["loc"])
    kind = detail["type"]
    value = detail.get("input")
    field = dotted(loc)
    if kind == "missing":
        return ContentError(
            source.rel, source.line_of(loc[:-1]) if loc[:-1] else 1, field, "mangler (påkrevd felt)"
        )
    if kind == "extra_forbidden":
        known = list(model_at(model, loc[:-1]).model_fields)
        guess = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        hint = f"mente du '{guess[0]}'?" if guess else "forventet et av: " + ", ".join(known)
        return ContentError(source.rel, source.line_of(loc), field, f"ukjent felt ({hint})")
    return ContentError(source.rel, source.line_of(loc), field, explain(kind, value, detail))


def explain(kind: str, value, detail: dict) -> str:
    if value is None and kind not in {"missing", "blank"}:
        return "er tom (forventet en verdi; se kommentaren over feltet eller REDAKTOR.md)"
    shown = f"'{value}'" if not isinstance(value, (dict, list)) else "verdien"
    if kind in {
        "date_from_datetime_parsing",
        "date_parsing",
        "date_type",
        "date_from_datetime_inexact",
    }:
        return (
            f"{shown} er ikke en gyldig dato (forventet en ekte dato på formen ÅÅÅÅ-MM-DD, "
            "for eksempel 2026-03-15)"
        )
    if kind in {"string_type"}:
        return (
            f"forventet tekst, fikk {shown} (sett verdien i anførselstegn hvis den skal være tekst)"
        )
    if kind in {"bool_parsing", "bool_type"}:
        return f"{shown} er ikke true eller false (forventet true eller false)"
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return f"{shown} er ikke et heltall (forventet et tall uten desimaler, for eksempel 40)"
    if kind in {"greater_than_equal", "less_than_equal"}:
        limit = detail.get("ctx", {}).get("ge", detail.get("ctx", {}).get("le"))
        return f"{shown} er utenfor gyldig område (grense: {limit})"
    if kind == "literal_error":
        expected = detail.get("ctx", {}).get("expected", "")
        return f"{shown} er ikke en gyldig verdi (forventet {expected.replace(' or ', ' eller ')})"
    if kind == "too_short":
        return "er tom (forventet minst én verdi)"
    if kind == "string_too_short":
        return "er tom (forventet tekst; skriv den, eller fjern linjen hvis feltet er valgfritt)"
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return "forventet felt med underfelt (innrykket 'felt: verdi' på linjene under)"
    if kind == "list_type":
        return "forventet en liste (linjer som starter med '- ')"
    return detail["msg"].removeprefix("Value error, ")


def model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel]:
    """The model class that owns the fields at `loc` (walks into lists and nested models)."""
    current = model
    for part in loc:
        if isinstance(part, int):
            continue
        annotation = current.model_fields[part].annotation
        nested = find_model(annotation)
        if nested is None:
            break
        current = nested
    return current


def find_model(annotation) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = find_model(arg)
        if found:
            return found
    return None


def referenced_files(meta) -> list[tuple[tuple, str]]:
    """(field location, file name) of every image, attachment and download in front matter."""
    wanted: list[tuple[tuple, str]] = []
    if getattr(meta, "image", None):
        wanted.append((("image", "file"), meta.image.file))
    for field in ("attachments", "downloads"):
        wanted += [
            ((field, i, "file"), item.file) for i, item in enumerate(getattr(meta, field, []))
        ]
    if getattr(meta, "transcript", None):
        wanted.append((("transcript",), meta.transcript))
    return wanted


def check_files(source: Source, meta, root: Path) -> list[ContentError]:
    """Files are given relative to the markdown file; each one must exist inside the content
    tree, and two may not be published under one name."""
    errors = []
    folder = source.path.parent
    published: dict = {}
    for loc, name in referenced_files(meta):
        reason = outside_reason(name, folder, root)
        base = name.replace("\\", "/").rsplit("/", 1)[-1]
        if reason:
            errors.append(ContentError(source.rel, source.line_of(loc), dotted(loc), reason))
        elif base in published and loc[0] != "transcript":
            errors.append(
                ContentError(
                    source.rel,
                    source.line_of(loc),
                    dotted(loc),
                    f"filnavnet '{base}' er allerede brukt av {published[base]} (forventet "
                    "ulike filnavn: filene publiseres i samme mappe; gi den ene et nytt navn)",
                )
            )
        elif not (folder / name).is_file():
            errors.append(
                ContentError(
                    source.rel,
                    source.line_of(loc),
                    dotted(loc),
                    f"finner ikke filen '{name}' (forventet en fil i "
                    f"'{(folder / name).parent.relative_to(root).as_posix()}'; "
                    "sjekk navn og store/små bokstaver)",
                )
            )
        elif problem := upload_problem(folder / name, image=loc[0] == "image"):
            errors.append(ContentError(source.rel, source.line_of(loc), dotted(loc), problem))
        else:
            published.setdefault(base, dotted(loc))
    return errors


def validate_entry(source: Source, model: type[BaseModel], vocabularies: Vocabularies, root: Path):
    """Front matter and the files it points to; raises ContentErrors with every problem.

    When the front matter fails, the body's own problems (headings, link text, alt text) are
    reported in the same run; for valid entries they are checked with the cross-references.
    """
    try:
        meta = validate_meta(source, model, vocabularies)
    except ContentErrors as problem:
        raise ContentErrors(problem.errors + check_body(source)) from None
    errors = check_files(source, meta, root)
    if errors:
        raise ContentErrors(errors + check_body(source))
    return meta


def slug_from_file(source: Source, name: str) -> str:
    """Sections other than projects take their address from the file or folder name."""
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", name):
        raise ContentErrors(
            [
                ContentError(
                    source.rel,
                    1,
                    "filnavn",
                    (
                        f"'{name}' kan ikke brukes i en adresse (forventet små bokstaver "
                        "a-z, tall og bindestrek; gi filen et nytt navn, for eksempel "
                        f"'{slug_for_title(name, '')}', eller sett 'slug:')"
                    ),
                )
            ]
        )
    return name
