"""The news listing (newest first, paginated) and one page per article. Pure."""

from __future__ import annotations

from .content import Content
from .generate_listings import PAGE_SIZE, page_paths, pagination
from .markup import breadcrumbs
from .models import format_partial_date
from .pages import Page, StaticFile, escape_md, front_matter, link
from .section_parts import HOME, NEWS, body_of, related_projects
from .sections import Entry
from .structured_data import news_jsonld


def news_date(entry: Entry) -> str:
    return format_partial_date(entry.meta.date)


def generate_news(content: Content) -> list:
    items: list = []
    chunks = [content.news[i:i + PAGE_SIZE] for i in range(0, len(content.news), PAGE_SIZE)]
    paths = page_paths(NEWS, len(chunks) or 1)
    for number, (path, chunk) in enumerate(zip(paths, chunks or [[]])):
        cards = [f"### [{escape_md(n.meta.title)}]({link(path, f'aktuelt/{n.slug}.md')})\n\n"
                 f'<p class="card-meta">{news_date(n)}</p>\n\n{escape_md(n.meta.summary)}\n'
                 for n in chunk]
        title = "Aktuelt" if number == 0 else f"Aktuelt, side {number + 1}"
        subscribe = (f" [Abonner med nyhetsfeeden]({link(path, 'aktuelt/feed.xml')})."
                     if content.news else "")
        listing = ("## Saker\n\n" + "\n".join(cards) + "\n") if cards else "Ingen saker ennå.\n"
        items.append(Page(path, front_matter(title=title, kind="listing",
                                             description="Nyheter fra InnoMed.")
                          + breadcrumbs(path, [("Forside", HOME)])
                          + f"# {title}\n\nNyheter fra InnoMed, nyeste først.{subscribe}\n\n"
                          + listing
                          + pagination(path, paths, number)))
    for entry in content.news:
        page = f"aktuelt/{entry.slug}.md"
        image = ""
        files: list = []
        if entry.meta.image:
            staged = f"aktuelt/bilder/{entry.meta.image.file.rsplit('/', 1)[-1]}"
            alt = "" if entry.meta.image.decorative else escape_md(entry.meta.image.alt or "")
            image = f"![{alt}]({link(page, staged)})\n\n"
            files.append(StaticFile(staged, entry.source.path.parent / entry.meta.image.file,
                                    origin=entry.source.rel))
        news_image = entry.meta.image
        text = (front_matter(title=entry.meta.title, description=entry.meta.summary,
                             lang=entry.meta.lang, kind="news", og_type="article",
                             image=(f"/aktuelt/bilder/{news_image.file.rsplit('/', 1)[-1]}"
                                    if news_image else None),
                             image_alt=(news_image.alt or "") if news_image else None,
                             jsonld=news_jsonld(entry, f"{content.site_url}/aktuelt/{entry.slug}/"))
                + breadcrumbs(page, [("Forside", HOME), ("Aktuelt", NEWS)])
                + f"# {escape_md(entry.meta.title)}\n\n"
                + f'<p class="card-meta">Publisert {news_date(entry)}</p>\n\n'
                + f"{escape_md(entry.meta.summary)}\n{{ .lead }}\n\n" + image
                + body_of(entry, page, content) + related_projects(page, entry, content))
        items += [Page(page, text, origin=entry.source.rel)] + files
    return items
