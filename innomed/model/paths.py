"""Only files inside the content tree are ever read or published.

Content arrives by pull request, also from people outside InnoMed, so a file name in front
matter or a link in a body is untrusted: `/etc/passwd`, `../.git/config` (which holds the
CI checkout token) or a symlink out of the repository must never be copied into the site.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path, PurePosixPath

from innomed.model.registry import source_folders


def content_roots(root: Path) -> list[Path]:
    """The folders editors' files live in (projects/, content/, courses/, podcast/)."""
    return list(resolved_roots(root, tuple(f for f in source_folders() if f != "data")))


@lru_cache(maxsize=64)  # asked for every file an entry names; resolving is a system call each
def resolved_roots(root: Path, folders: tuple[str, ...]) -> tuple[Path, ...]:
    return tuple((root / folder).resolve() for folder in folders)


def outside_reason(name: str, folder: Path, root: Path) -> str | None:
    """Why `name`, given relative to the markdown file in `folder`, may not be published;
    None when it is a real file inside the content tree."""
    pure = PurePosixPath(name.replace("\\", "/"))
    if pure.is_absolute() or (pure.parts and ":" in pure.parts[0]):
        return (
            f"'{name}' er en absolutt sti (forventet en sti fra markdown-filen, for "
            "eksempel bilder/bilde.jpg)"
        )
    target = folder / pure
    if target.is_symlink() and not target.exists():
        return f"'{name}' er en snarvei til en fil som ikke finnes (forventet en vanlig fil)"
    try:
        resolved = target.resolve()
    except (OSError, RuntimeError):
        return f"'{name}' kan ikke leses (forventet en vanlig fil)"
    if not any(resolved.is_relative_to(base) for base in content_roots(root)):
        return (
            f"'{name}' ligger utenfor innholdsmappene (forventet en fil i "
            f"{', '.join(f + '/' for f in source_folders() if f != 'data')}; legg filen "
            "ved siden av markdown-filen)"
        )
    if resolved.name.startswith("."):
        return f"'{name}' er en skjult fil (forventet en vanlig fil uten punktum først i navnet)"
    return None  # inside; whether it exists is reported by the caller, with where to look


def is_editor_leftover(name: str) -> bool:
    """Hidden files and editors' backups and locks (`rapport.md~`, `#rapport.md#`,
    `.~lock.x.docx#`): never published, whatever a checkout's ignore rules say, so `check`,
    the build and the preview all see the same files."""
    return name.startswith((".", "#")) or name.endswith("~")


# Besides content, the build publishes the site's own tools: /admin/ (the editing interface,
# admin/ and the pinned Decap CMS in node_modules). They are code, reviewed as code, never
# files an entry's front matter can point to.
TOOL_FOLDERS = ("admin", "node_modules/decap-cms/dist", "node_modules/yaml/browser")


def is_published_file(path: Path, root: Path, tools: bool = False) -> bool:
    """A real file inside the content tree (or, for the build's own files, a tool folder)."""
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return False
    roots = content_roots(root) + (list(resolved_roots(root, TOOL_FOLDERS)) if tools else [])
    return resolved.is_file() and any(resolved.is_relative_to(b) for b in roots)
