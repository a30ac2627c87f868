"""Write the generated tree into the git-ignored staging folder that MkDocs reads.

Only files whose bytes changed are rewritten and stale files are removed, so the live
preview rebuilds just what an edit touched.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from .errors import ContentError, ContentErrors
from .pages import Page, StaticFile, url_of
from .paths import is_editor_leftover, is_published_file


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


def stage(items: list[Page | StaticFile], docs_dir: Path, root: Path) -> set[str]:
    """Write `items` into `docs_dir`; returns the paths written or removed, for the preview."""
    check_collisions(items)
    check_containment(items, docs_dir, root)
    docs_dir.mkdir(parents=True, exist_ok=True)
    wanted = set()
    changed = set()
    for item in items:
        target = docs_dir / item.path
        wanted.add(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        data = item.text.encode("utf-8") if isinstance(item, Page) else item.source.read_bytes()
        if not target.is_file() or target.read_bytes() != data:
            target.write_bytes(data)
            changed.add(item.path)
    for existing in sorted(docs_dir.rglob("*"), reverse=True):
        if existing.is_file() and existing not in wanted:
            existing.unlink()
            path = existing.relative_to(docs_dir).as_posix()
            changed.add(path)
        elif existing.is_dir() and not any(existing.iterdir()):
            existing.rmdir()
    return changed


def copy_tree_files(
    source_dir: Path,
    root: Path,
    skip_suffixes: set[str],
    skip_folders: Collection[str] = frozenset(),
) -> list[StaticFile]:
    """Images and downloads that editors keep beside content pages."""
    files = []
    for path in sorted(source_dir.rglob("*")):
        relative = path.relative_to(source_dir)
        if relative.parts[0] in skip_folders:
            continue  # sections copy the files their entries point to, nothing else
        if (
            is_published_file(path, root)  # never follow a symlink out of the tree
            and path.suffix.lower() not in skip_suffixes
            and not is_editor_leftover(path.name)
        ):
            files.append(
                StaticFile(
                    path.relative_to(source_dir).as_posix(),
                    path,
                    origin=path.relative_to(root).as_posix(),
                )
            )
    return files
