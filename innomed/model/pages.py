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


def relative(target: str, start: str) -> str:
    """posixpath.relpath for the normalised paths and URLs the generators make ("a/b.md",
    "/a/b/"): the same answer without asking the file system for the working directory, which
    is most of relpath's cost and listings ask hundreds of thousands of times at 5,000
    projects."""
    to, base = target.strip("/").split("/"), start.strip("/").split("/")
    to, base = [part for part in to if part], [part for part in base if part]
    common = 0
    for a, b in zip(to, base, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."


@lru_cache(maxsize=1 << 18)  # listings link the same pages again and again
def link(from_page: str, to_page: str) -> str:
    """Relative markdown link between two staged files, so MkDocs can check it."""
    return relative(to_page, posixpath.dirname(from_page))


def relative_url(page: str, target: str) -> str:
    """The directory URL of staged file `target` relative to `page`'s, as a browser resolves
    it: for links in raw HTML, which the engine does not rewrite."""
    path = relative(url_of(target), url_of(page))
    return path if path.endswith("/") else path + "/"


def url_of(page_path: str) -> str:
    """Site URL of a staged markdown file with directory URLs: a/b.md -> /a/b/."""
    stem = page_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
        return "/" + stem
    return f"/{stem}/"
