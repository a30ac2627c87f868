"""Old innomed.no addresses keep working: a static redirect page at each legacy path."""

from __future__ import annotations

from innomed.generate.templating import render_template
from innomed.model.pages import Page
from innomed.model.registry import url_for
from innomed.model.sources import Source


def legacy_moves(entries: list) -> list[tuple[str, str, str, Source, int]]:
    """(old path, new URL, title, source, line) for every legacy path of every entry that is
    not the entry's own address."""
    moves = []
    for entry in entries:
        target = url_for(entry)
        for index, legacy in enumerate(getattr(entry.meta, "legacy_paths", [])):
            if legacy + "/" != target:
                moves.append(
                    (
                        legacy,
                        target,
                        entry.meta.title,
                        entry.source,
                        entry.source.line_of(("legacy_paths", index)),
                    )
                )
    return moves


def generate_redirects(entries: list, site_url: str = "https://innomed.no") -> list[Page]:
    """A static page at each old path (works on any host), plus `_redirects` for hosts such
    as Netlify and Cloudflare Pages that can answer with a real 301."""
    moves = legacy_moves(entries)
    pages = [
        Page(
            f"{old.strip('/')}/index.html",
            render_template(
                "redirect.html.j2", page="index.md", title=title, target=new, site_url=site_url
            ),
            origin=source.rel,
            line=line,
        )
        for old, new, title, source, line in moves
    ]
    lines = [f"{old} {new} 301" for old, new, *_ in sorted(moves, key=lambda m: m[:2])]
    pages.append(Page("_redirects", "\n".join(lines) + "\n" if lines else ""))
    return pages
