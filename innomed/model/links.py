"""Internal links that editors write as `[tekst](prosjekt:slug)`: checked, then made relative.

Editors need not know how the staged tree is laid out; the build knows every address and
reports a link to something that does not exist with its file and line.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from innomed.model.errors import ContentError
from innomed.model.pages import link
from innomed.model.registry import link_kinds
from innomed.model.sources import Source

INTERNAL_LINK = re.compile(r"\]\((?P<kind>[a-z]+):(?P<slug>[^)\s#]*)(?P<anchor>#[^)\s]*)?\)")


def check_internal_links(
    source: Source,
    targets: dict,
    drafts: Collection = frozenset(),
    unreadable: Collection = frozenset(),
) -> list[ContentError]:
    kinds = {kind: content_type.noun for kind, content_type in link_kinds().items()}
    errors = []
    for number, line in enumerate(source.body.split("\n")):
        for match in INTERNAL_LINK.finditer(line):
            kind, slug = match["kind"], match["slug"]
            if kind not in kinds:
                if kind in {"http", "https", "mailto", "tel"}:
                    continue
                expected = ", ".join(f"{k}:" for k in kinds)
                errors.append(
                    ContentError(
                        source.rel,
                        source.body_line + number,
                        "lenke",
                        f"ukjent lenketype '{kind}:' (forventet en av: {expected})",
                    )
                )
            elif (kind, slug) in unreadable:
                continue  # the target file has errors of its own, reported there
            elif (kind, slug) in drafts and (kind, slug) not in targets:
                errors.append(
                    ContentError(
                        source.rel,
                        source.body_line + number,
                        "lenke",
                        f"'{slug}' ({kinds[kind]}) er et utkast (draft: "
                        "true) og publiseres ikke (forventet en lenke til "
                        "en publisert side; fjern lenken, eller publiser "
                        "siden først)",
                    )
                )
            elif (kind, slug) not in targets:
                errors.append(
                    ContentError(
                        source.rel,
                        source.body_line + number,
                        "lenke",
                        f"det finnes ingen {kinds[kind]} med adressen "
                        f"'{slug}' (forventet for eksempel {kind}:"
                        f"{example(targets, kind)}; sjekk skrivemåten)",
                    )
                )
    return errors


def example(targets: dict, kind: str) -> str:
    slugs = sorted(slug for k, slug in targets if k == kind)
    return slugs[0] if slugs else "<adresse>"


def resolve_internal_links(body: str, page_path: str, targets: dict) -> str:
    def replace(match: re.Match) -> str:
        key = (match["kind"], match["slug"])
        if key not in targets:
            return match[0]
        return f"]({link(page_path, targets[key])}{match['anchor'] or ''})"

    return INTERNAL_LINK.sub(replace, body)
