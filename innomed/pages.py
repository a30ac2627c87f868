"""What the generators produce: pages as markdown text and files to copy, with their paths."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True)
class Page:
    path: str  # inside the staged docs folder, e.g. "prosjekt/index.md"
    text: str
    origin: str = "generert"  # what produced it, named in collision errors
    line: int = 1  # where in `origin`, when one field produced it (a legacy path)


@dataclass(frozen=True)
class StaticFile:
    path: str  # inside the staged docs folder
    source: Path
    origin: str = "generert"
    line: int = 1


@lru_cache(maxsize=1 << 18)  # listings link the same pages again and again; relpath is slow
def link(from_page: str, to_page: str) -> str:
    """Relative markdown link between two staged files, so MkDocs can check it."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


def url_of(page_path: str) -> str:
    """Site URL of a staged markdown file with directory URLs: a/b.md -> /a/b/."""
    stem = page_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
        return "/" + stem
    return f"/{stem}/"
