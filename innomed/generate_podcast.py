"""The podcast page and one page per episode (player, guests, transcript). Pure."""

from __future__ import annotations

from .content import Content
from .markup import breadcrumbs
from .models import format_date
from .pages import Page, StaticFile, escape_attr, escape_md, front_matter, link
from .section_parts import HOME, PODCAST, body_of, minutes_text, related_projects
from .sections import Entry
from .structured_data import episode_jsonld


def guests_text(guests) -> str:
    return "; ".join(", ".join(escape_md(x) for x in (g.name, g.role, g.organisation) if x)
                     for g in guests)


def episode_facts(episode: Entry) -> list[str]:
    meta = episode.meta
    facts = [f"Episode {meta.number}"]
    if meta.date:
        facts.append(format_date(meta.date))
    if meta.duration:
        hours, minutes, seconds = (int(x) for x in meta.duration.split(":"))
        facts.append(minutes_text(hours * 60 + minutes + (1 if seconds >= 30 else 0)))
    return facts


def service_links(links) -> str:
    return "\n".join(f"- [{escape_md(l.service)}]({l.url})" for l in links) + "\n\n"


def generate_podcast(content: Content) -> list:
    podcast = content.podcast
    if podcast.series is None:
        return [Page(PODCAST, front_matter(title="Podkast", kind="podcast")
                     + breadcrumbs(PODCAST, [("Forside", HOME)])
                     + "# Podkast\n\nIngen episoder ennå.\n")]
    series = podcast.series
    cards = []
    for episode in podcast.episodes:
        target = link(PODCAST, f"podcast/{episode.slug}.md")
        guests = guests_text(episode.meta.guests)
        cards.append(f"### [{escape_md(episode.meta.title)}]({target})\n\n"
                     f'<p class="card-meta">{" · ".join(episode_facts(episode))}</p>\n\n'
                     + (f"Med {guests}.\n\n" if guests else "")
                     + f"{escape_md(episode.meta.summary)}\n")
    listen = ("## Lytt til serien\n\n" + service_links(series.meta.links)
              if series.meta.links else "")
    text = (front_matter(title=series.meta.title, description=series.meta.summary,
                         lang=series.meta.lang, kind="podcast")
            + breadcrumbs(PODCAST, [("Forside", HOME)])
            + f"# {escape_md(series.meta.title)}\n\n{escape_md(series.meta.summary)}\n{{ .lead }}\n\n"
            + body_of(series, PODCAST, content) + listen
            # Markdown, not a raw <p>: links inside raw HTML blocks are not rendered.
            + "## Alle episoder\n\n" + f"{len(cards)} episoder, nyeste først. "
              "[Abonner med RSS-feeden](feed.xml).\n{ .listing-count }\n\n" + "\n".join(cards))
    items: list = [Page(PODCAST, text, origin=series.source.rel)]
    for episode in podcast.episodes:
        items += generate_episode(episode, content)
    return items


def generate_episode(episode: Entry, content: Content) -> list:
    page = f"podcast/{episode.slug}.md"
    meta = episode.meta
    series = content.podcast.series.meta.title
    parts = [front_matter(title=meta.title, description=meta.summary, lang=meta.lang,
                          kind="episode", og_type="article",
                          jsonld=episode_jsonld(episode, series,
                                                f"{content.site_url}/podcast/{episode.slug}/",
                                                f"{content.site_url}/podcast/")),
             breadcrumbs(page, [("Forside", HOME), ("Podkast", PODCAST)]),
             f"# {escape_md(meta.title)}\n\n",
             f'<p class="card-meta">{" · ".join(episode_facts(episode))}</p>\n\n',
             f"{escape_md(meta.summary)}\n{{ .lead }}\n\n"]
    if meta.audio:
        parts.append(f'<audio controls preload="none" src="{escape_attr(meta.audio.url)}">\n'
                     f'<a href="{escape_attr(meta.audio.url)}">Last ned episoden som lydfil</a>\n'
                     "</audio>\n\n")
    else:
        parts.append('<p class="note">Lydfilen er ikke lagt ut her ennå.'
                     + (" Hør episoden hos lyttetjenestene nedenfor." if meta.links else "")
                     + "</p>\n\n")
    if meta.guests:
        parts.append("## Gjester\n\n" + "\n".join(
            f"- {guests_text([g])}" for g in meta.guests) + "\n\n")
    parts.append("## Om episoden\n\n" + body_of(episode, page, content))
    if meta.links:
        parts.append("## Hør episoden\n\n" + service_links(meta.links))
    files: list = []
    if meta.transcript:
        source = episode.source.path.parent / meta.transcript
        # .txt, not .md: MkDocs would render a staged .md as a page of its own.
        staged = f"podcast/transkripsjoner/{episode.slug}.txt"
        parts.append("## Transkripsjon\n\n"
                     f"[Transkripsjonen som egen fil]({link(page, staged)})\n\n"
                     + demote_headings(source.read_text(encoding="utf-8")) + "\n\n")
        files.append(StaticFile(staged, source, origin=episode.source.rel))
    parts.append(related_projects(page, episode, content))
    return [Page(page, "".join(parts), origin=episode.source.rel)] + files


def demote_headings(markdown: str) -> str:
    """A transcript's own headings sit below the page's `## Transkripsjon`."""
    return "\n".join("##" + line if line.startswith("#") else line
                     for line in markdown.split("\n"))
