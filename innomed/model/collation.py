"""Norwegian alphabetical order (Æ, Ø, Å after Z) without the ICU build.

Matches ICU's nb collation for ordinary titles: case-insensitive, accents ignored except
on æ/ø/å (ä and ö sort as æ and ø), "aa" sorts as å, digits before letters.
"""

from __future__ import annotations

import unicodedata

# Characters just after "z" in code point order, so the plain string comparison does the rest.
AFTER_Z = {"æ": "{", "ä": "{", "ø": "|", "ö": "|", "å": "}"}


def norwegian_key(text: str) -> tuple[str, str]:
    folded = text.casefold().replace("aa", "å")
    primary = []
    for char in folded:
        if char in AFTER_Z:
            primary.append(AFTER_Z[char])
        elif char.isalnum() or char == " ":
            base = unicodedata.normalize("NFD", char)[0]
            primary.append(base)
    return "".join(primary).strip(), text
