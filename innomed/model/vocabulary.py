"""The controlled vocabularies in data/vocabulary.yml: regions, patient groups, phases..."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from pydantic_core import PydanticCustomError

from innomed.model.errors import ContentError, ContentErrors
from innomed.model.sources import parse_front_matter

# Norwegian noun used in messages, per vocabulary.
NOUNS = {
    "regions": "region",
    "patient_groups": "pasientgruppe",
    "phases": "fase",
    "innovation_types": "innovasjonstype",
    "deliverables": "leveranse",
    "support_types": "støttetype",
    "kinds": "type",
    "statuses": "status",
    "themes": "tema",
}


@dataclass(frozen=True)
class Term:
    label: str
    slug: str
    description: str = ""


@dataclass(frozen=True)
class Vocabulary:
    name: str
    terms: tuple[Term, ...]

    @property
    def noun(self) -> str:
        return NOUNS.get(self.name, self.name)

    @property
    def labels(self) -> list[str]:
        return [term.label for term in self.terms]

    def find(self, label: str) -> Term | None:
        return next((term for term in self.terms if term.label == label), None)

    def term(self, label: str) -> Term:
        found = self.find(label)
        if found is None:
            raise KeyError(f"{label!r} is not in vocabulary {self.name}")
        return found

    def require(self, value: str) -> str:
        """Return the value if it is a known label; otherwise raise an editor-friendly error."""
        if self.find(value):
            return value
        raise PydanticCustomError("vocabulary", self.explain(value))

    def explain(self, value: str) -> str:
        expected = ", ".join(f"'{label}'" for label in self.labels)
        message = f"'{value}' er ikke en gyldig {self.noun} (forventet en av: {expected}"
        guess = self.suggest(value)
        if guess:
            message += f"; mente du '{guess}'?"
        return message + ")"

    def suggest(self, value: str) -> str | None:
        by_folded = {label.casefold(): label for label in self.labels}
        folded = str(value).casefold().replace(" ", "-")
        for label_folded, label in by_folded.items():
            if label_folded.replace(" ", "-") == folded:
                return label
        close = difflib.get_close_matches(str(value).casefold(), list(by_folded), n=1, cutoff=0.6)
        return by_folded[close[0]] if close else None


@dataclass(frozen=True)
class Vocabularies:
    by_name: dict

    def __getitem__(self, name: str) -> Vocabulary:
        return self.by_name[name]


def load_vocabularies(path: Path, root: Path) -> Vocabularies:
    rel = path.relative_to(root).as_posix()
    try:
        text = path.read_bytes().removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        why = error.strerror if isinstance(error, OSError) else "er ikke UTF-8"
        raise ContentErrors(
            [
                ContentError(
                    rel,
                    1,
                    "fil",
                    f"ordlistene kan ikke leses ({why}; "
                    "forventet filen med regioner, pasientgrupper, temaer "
                    "og faser; hent den fra git med 'git checkout -- "
                    f"{rel}')",
                )
            ]
        ) from None
    data, lines = parse_front_matter(text, rel, first_line=1)
    errors = []
    by_name = {}
    for name in NOUNS:
        entries = data.get(name)
        if not isinstance(entries, list) or not entries:
            errors.append(
                ContentError(
                    rel,
                    lines.get((name,), 1),
                    name,
                    "mangler eller er tom (forventet en liste med verdier)",
                )
            )
            continue
        terms = []
        for index, entry in enumerate(entries):
            line = lines.get((name, index), 1)
            if not isinstance(entry, dict) or not entry.get("label") or not entry.get("slug"):
                errors.append(
                    ContentError(rel, line, f"{name}[{index}]", "forventet både 'label' og 'slug'")
                )
                continue
            terms.append(
                Term(str(entry["label"]), str(entry["slug"]), str(entry.get("description", "")))
            )
        slugs = [term.slug for term in terms]
        for duplicate in sorted({slug for slug in slugs if slugs.count(slug) > 1}):
            errors.append(
                ContentError(
                    rel, lines.get((name,), 1), name, f"adressen '{duplicate}' er brukt to ganger"
                )
            )
        by_name[name] = Vocabulary(name, tuple(terms))
    if errors:
        raise ContentErrors(errors)
    return Vocabularies(by_name)
