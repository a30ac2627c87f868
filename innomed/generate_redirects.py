"""Old innomed.no addresses keep working: a static redirect page at each legacy path."""

from __future__ import annotations

from .catalog import Catalog
from .generate_projects import project_page_path
from .pages import Page, escape_attr, url_of

def redirect_html(title: str, target_url: str, site_url: str) -> str:
    """A page that forwards at once, tells search engines the new address, and shows a link."""
    title = escape_attr(title)
    target = escape_attr(target_url)
    return f"""<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Flyttet: {title}</title>
<link rel="canonical" href="{site_url}{target}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={target}">
</head>
<body>
<main>
<h1>Siden har flyttet</h1>
<p><a href="{target}">{title}</a> har fått ny adresse.</p>
</main>
</body>
</html>
"""


def legacy_moves(catalog: Catalog, news: list = ()) -> list[tuple[str, str, str, object]]:
    """(old path, new URL, title, source) for every legacy path that is not the new address."""
    moves = []
    for project in catalog.projects:
        target = url_of(project_page_path(project))
        moves += [(legacy, target, project.meta.title, project.source)
                  for legacy in project.meta.legacy_paths if legacy + "/" != target]
    for entry in news:
        target = f"/aktuelt/{entry.slug}/"
        moves += [(legacy, target, entry.meta.title, entry.source)
                  for legacy in entry.meta.legacy_paths if legacy + "/" != target]
    return moves


def generate_redirects(catalog: Catalog, news: list = (),
                       site_url: str = "https://innomed.no") -> list[Page]:
    """A static page at each old path (works on any host), plus `_redirects` for hosts such
    as Netlify and Cloudflare Pages that can answer with a real 301."""
    moves = legacy_moves(catalog, news)
    pages = [Page(f"{old.strip('/')}/index.html", redirect_html(title, new, site_url),
                  origin=source.rel)
             for old, new, title, source in moves]
    lines = [f"{old} {new} 301" for old, new, _, _ in sorted(moves)]
    pages.append(Page("_redirects", "\n".join(lines) + "\n" if lines else ""))
    return pages
