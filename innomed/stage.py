"""Write the generated tree into the git-ignored staging folder that MkDocs reads.

Only files whose bytes changed are rewritten and stale files are removed, so the live
preview rebuilds just what an edit touched.
"""

from __future__ import annotations

from pathlib import Path

from .errors import ContentError, ContentErrors
from .pages import Page, StaticFile


def check_collisions(items: list[Page | StaticFile]) -> None:
    """Two sources that would produce one output file is an error naming both."""
    owner: dict = {}
    errors = []
    for item in items:
        key = item.path.lower()
        if key.endswith("/index.md"):
            key = key.removesuffix("/index.md") + ".md"
        if key in owner:
            errors.append(ContentError(item.origin, 1, "adresse",
                                       f"gir samme side ('{item.path}') som {owner[key].origin} "
                                       "(forventet én kilde per adresse; endre slug eller filnavn)"))
        else:
            owner[key] = item
    if errors:
        raise ContentErrors(errors)


def stage(items: list[Page | StaticFile], docs_dir: Path) -> Path:
    check_collisions(items)
    docs_dir.mkdir(parents=True, exist_ok=True)
    wanted = set()
    for item in items:
        target = docs_dir / item.path
        wanted.add(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        data = item.text.encode("utf-8") if isinstance(item, Page) else item.source.read_bytes()
        if not target.is_file() or target.read_bytes() != data:
            target.write_bytes(data)
    for existing in sorted(docs_dir.rglob("*"), reverse=True):
        if existing.is_file() and existing not in wanted:
            existing.unlink()
        elif existing.is_dir() and not any(existing.iterdir()):
            existing.rmdir()
    return docs_dir


def copy_tree_files(source_dir: Path, root: Path, skip_suffixes: set[str],
                    skip_folders: set[str] = frozenset()) -> list[StaticFile]:
    """Images and downloads that editors keep beside content pages."""
    files = []
    for path in sorted(source_dir.rglob("*")):
        relative = path.relative_to(source_dir)
        if relative.parts[0] in skip_folders:
            continue  # sections copy the files their entries point to, nothing else
        if path.is_file() and path.suffix.lower() not in skip_suffixes \
                and not path.name.startswith("."):
            files.append(StaticFile(path.relative_to(source_dir).as_posix(), path,
                                    origin=path.relative_to(root).as_posix()))
    return files
