"""Old innomed.no addresses keep working: a static redirect page at each legacy path."""

from __future__ import annotations

from .catalog import Catalog
from .generate_projects import project_page_path
from .pages import Page, escape_attr, url_of

SITE_URL = "https://innomed.no"


def redirect_html(title: str, target_url: str) -> str:
    """A page that forwards at once, tells search engines the new address, and shows a link."""
    title = escape_attr(title)
    target = escape_attr(target_url)
    return f"""<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Flyttet: {title}</title>
<link rel="canonical" href="{SITE_URL}{target}">
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


def generate_redirects(catalog: Catalog, news: list = ()) -> list[Page]:
    pages = []
    for entry in news:
        target = f"/aktuelt/{entry.slug}/"
        for legacy in entry.meta.legacy_paths:
            if legacy + "/" != target:
                pages.append(Page(f"{legacy.strip('/')}/index.html",
                                  redirect_html(entry.meta.title, target),
                                  origin=entry.source.rel))
    for project in catalog.projects:
        target = url_of(project_page_path(project))
        for legacy in project.meta.legacy_paths:
            if legacy == project.path:
                continue  # the project already lives at its old address
            pages.append(Page(f"{legacy.strip('/')}/index.html",
                              redirect_html(project.meta.title, target),
                              origin=project.source.rel))
    return pages
