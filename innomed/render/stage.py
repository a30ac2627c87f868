"""Write the generated tree into the git-ignored staging folder that MkDocs reads.

Only files whose bytes changed are rewritten and stale files are removed, so the live
preview rebuilds just what an edit touched.
"""

from __future__ import annotations

from pathlib import Path

from innomed.checks.addresses import check_collisions, check_containment
from innomed.model.pages import Page, StaticFile


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
