"""Hand-written pages under content/: checked like projects, then staged as they are."""

from __future__ import annotations

from pathlib import Path

from .errors import ContentError, ContentErrors
from .models import PageMeta
from .pages import Page, front_matter
from .sources import read_source
from .validate import validate_meta
from .vocabulary import Vocabularies


def read_content_pages(root: Path, vocabularies: Vocabularies) -> tuple[list[Page], list[ContentError]]:
    pages, errors = [], []
    content = root / "content"
    for path in sorted(content.rglob("*.md")):
        try:
            source = read_source(path, root)
            meta = validate_meta(source, PageMeta, vocabularies)
        except ContentErrors as problem:
            errors.extend(problem.errors)
            continue
        header = front_matter(title=meta.title, description=meta.description, lang=meta.lang,
                              hide=list(meta.hide), kind="page")
        pages.append(Page(path.relative_to(content).as_posix(), header + source.body,
                          origin=source.rel))
    return pages, errors
