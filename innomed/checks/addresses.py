"""Where generated pages and copied files go: one source per address, nothing written
outside the staged tree, nothing copied from outside the content tree."""

from __future__ import annotations

from pathlib import Path

from innomed.model.errors import ContentError, ContentErrors
from innomed.model.pages import Page, StaticFile, url_of
from innomed.model.paths import is_published_file


def served_at(path: str) -> str:
    """The address a staged file answers at: a page, a redirect page and a folder's index
    all claim the folder's URL (case-insensitive, as on many hosts)."""
    if path.endswith(".md"):
        return url_of(path).lower()
    if path == "index.html" or path.endswith("/index.html"):
        return "/" + path.removesuffix("index.html").lower()
    return "/" + path.lower()


def check_collisions(items: list[Page | StaticFile]) -> None:
    """Two sources that would produce one address is an error naming both; this includes a
    redirect from an old address that a live page now uses."""
    owner: dict = {}
    errors = []
    for item in items:
        key = served_at(item.path)
        if key in owner:
            errors.append(
                ContentError(
                    item.origin,
                    item.line,
                    "adresse",
                    f"gir samme adresse ('{key}') som {owner[key].origin} "
                    "(forventet én kilde per adresse; endre slug, filnavn "
                    "eller legacy_paths)",
                )
            )
        else:
            owner[key] = item
    if errors:
        raise ContentErrors(errors)


def check_containment(items: list[Page | StaticFile], docs_dir: Path, root: Path) -> None:
    """The last line of defence, after validation: nothing is written outside the staged
    tree and nothing is copied from outside the content tree."""
    errors = []
    inside = docs_dir.resolve()
    folders: dict[str, bool] = {}  # thousands of pages share a few hundred folders
    for item in items:
        folder, _, name = item.path.rpartition("/")
        if folder not in folders:
            folders[folder] = (docs_dir / folder).resolve().is_relative_to(inside)
        if not folders[folder] or name in ("", ".", ".."):
            errors.append(
                ContentError(
                    item.origin,
                    item.line,
                    "adresse",
                    f"'{item.path}' "
                    "ville blitt skrevet utenfor nettstedet (forventet en "
                    "sti inne i det)",
                )
            )
        if isinstance(item, StaticFile) and not is_published_file(item.source, root, tools=True):
            errors.append(
                ContentError(
                    item.origin,
                    item.line,
                    "fil",
                    f"'{item.source.name}' "
                    "ligger utenfor innholdsmappene og publiseres ikke "
                    "(forventet en fil ved siden av markdown-filen)",
                )
            )
    if errors:
        raise ContentErrors(errors)
