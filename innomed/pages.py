"""What the generators produce: pages as markdown text and files to copy, with their paths."""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Page:
    path: str  # inside the staged docs folder, e.g. "prosjekt/index.md"
    text: str
    origin: str = "generert"  # what produced it, named in collision errors


@dataclass(frozen=True)
class StaticFile:
    path: str  # inside the staged docs folder
    source: Path
    origin: str = "generert"


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


def front_matter(**fields) -> str:
    """A small YAML header for MkDocs; values are quoted JSON-style strings where needed."""
    lines = ["---"]
    for key, value in fields.items():
        if value is None or value == [] or value == "":
            continue
        if isinstance(value, list):
            lines.append(f"{key}:")
            lines += [f"  - {json.dumps(item, ensure_ascii=False)}" for item in value]
        else:
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def escape_md(text: str) -> str:
    """Text placed inside markdown link labels or HTML must not be read as markup."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("[", "\\[").replace("]", "\\]").replace("*", "\\*").replace("_", "\\_"))


def escape_attr(text: str) -> str:
    return (text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
            .replace(">", "&gt;"))
