"""What the home page surfaces below its hand-written text. Pure."""

from __future__ import annotations

from .content import Content
from .generate_listings import card_list
from .generate_news import news_date
from .pages import escape_md, link
from .section_parts import COURSES, HOME, NEWS, PODCAST, TOOLS


def home_highlights(content: Content) -> str:
    """Newest projects, news, episodes and live courses, appended to content/index.md."""
    parts = []
    newest = content.catalog.projects[:3]
    if newest:
        parts.append("## Nyeste prosjekter\n\n" + card_list(HOME, newest, level=3)
                     + f"[Se alle prosjektene]({link(HOME, 'prosjekt/index.md')})\n\n")
    if content.news:
        lines = [f"- [{escape_md(n.meta.title)}]({link(HOME, f'aktuelt/{n.slug}.md')}) "
                 f"({news_date(n)})" for n in content.news[:3]]
        parts.append("## Aktuelt\n\n" + "\n".join(lines)
                     + f"\n\n[Alle nyheter]({link(HOME, NEWS)})\n\n")
    if content.podcast.series and content.podcast.episodes:
        lines = [f"- [{escape_md(e.meta.title)}]({link(HOME, f'podcast/{e.slug}.md')}) "
                 f"(episode {e.meta.number})" for e in content.podcast.episodes[:3]]
        parts.append(f"## Podkast: {escape_md(content.podcast.series.meta.title)}\n\n"
                     + "\n".join(lines) + f"\n\n[Alle episoder]({link(HOME, PODCAST)})\n\n")
    live = [c for c in content.courses if c.meta.status == "Tilgjengelig"]
    if live:
        lines = [f"- [{escape_md(c.meta.title)}]({link(HOME, f'kurs/{c.slug}/index.md')}): "
                 f"{escape_md(c.meta.summary)}" for c in live]
        parts.append("## Kurs\n\n" + "\n".join(lines)
                     + f"\n\n[Alle kurs]({link(HOME, COURSES)})\n\n")
    if content.tools:
        parts.append(f"## Verktøy\n\n[Verktøy og maler til nedlasting]({link(HOME, TOOLS)})\n\n")
    return "".join(parts)
