"""Pages for courses, podcast episodes, news and tools. Pure: content in, pages out."""

from __future__ import annotations

from .content import Content
from .generate_listings import PAGE_SIZE, card_list, page_paths, pagination
from .links import resolve_internal_links
from .markup import breadcrumbs, downloads_list
from .models import format_date, format_partial_date
from .pages import Page, StaticFile, escape_attr, escape_md, front_matter, link
from .sections import Course, Entry
from .structured_data import course_jsonld, episode_jsonld, news_jsonld

HOME = "index.md"
COURSES = "kurs/index.md"
PODCAST = "podcast/index.md"
NEWS = "aktuelt/index.md"
TOOLS = "verktoy/index.md"


def minutes_text(minutes: int | None) -> str:
    if not minutes:
        return ""
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours} t {rest} min"
    return f"{hours} t" if hours else f"{rest} min"


def related_projects(page: str, entry: Entry, content: Content) -> str:
    slugs = getattr(entry.meta, "related_projects", [])
    if not slugs:
        return ""
    by_slug = content.catalog.by_slug
    lines = [f"- [{escape_md(by_slug[s].meta.title)}]({link(page, f'prosjekt/{s}.md')})"
             for s in slugs]
    return "## Relaterte prosjekter\n\n" + "\n".join(lines) + "\n\n"


def body_of(entry: Entry, page: str, content: Content) -> str:
    return resolve_internal_links(entry.body.strip(), page, content.targets) + "\n\n"


def staged_files(entry: Entry, folder: str) -> list[tuple]:
    """(attachment, staged path) for downloads, kept beside the page that offers them."""
    return [(d, f"{folder}/{d.file.rsplit('/', 1)[-1]}") for d in entry.meta.downloads]


def static_files(entry: Entry, items: list[tuple]) -> list[StaticFile]:
    folder = entry.source.path.parent
    return [StaticFile(staged, folder / item.file, origin=entry.source.rel)
            for item, staged in items]


# Courses ---------------------------------------------------------------------------------

def course_status(course: Course) -> str:
    when = format_partial_date(course.meta.available_from) if course.meta.available_from else ""
    if course.meta.status == "Tilgjengelig":
        return f"Tilgjengelig{' siden ' + when if when else ''}"
    return f"Kommer{' i ' + when if when else ''}"


def generate_courses(content: Content) -> list:
    live = [c for c in content.courses if c.meta.status == "Tilgjengelig"]
    coming = [c for c in content.courses if c.meta.status != "Tilgjengelig"]
    items: list = []
    sections = []
    for heading, courses in (("Kurs du kan ta nå", live), ("Kurs som kommer", coming)):
        if not courses:
            continue
        lines = []
        for course in courses:
            target = link(COURSES, f"kurs/{course.slug}/index.md")
            facts = [course_status(course)]
            if course.modules:
                facts.append(f"{len(course.modules)} moduler, {minutes_text(course.total_minutes)}")
            lines.append(f"### [{escape_md(course.meta.title)}]({target})\n\n"
                         f'<p class="card-meta">{" · ".join(facts)}</p>\n\n'
                         f"{escape_md(course.meta.summary)}\n")
        sections.append(f"## {heading}\n\n" + "\n".join(lines))
    items.append(Page(COURSES, front_matter(
        title="Kurs", kind="listing", description="InnoMeds digitale kompetansekurs.")
        + breadcrumbs(COURSES, [("Forside", HOME)])
        + "# Kurs\n\nInnoMeds digitale kompetansekurs for prosjekter som får prosessveiledning, "
          "og for alle som vil lære mer om tjenesteinnovasjon.\n\n" + "\n".join(sections)))
    for course in content.courses:
        items += generate_course(course, content)
    return items


def generate_course(course: Course, content: Content) -> list:
    page = f"kurs/{course.slug}/index.md"
    meta = course.meta
    facts = [f"Status\n:   {course_status(course)}\n"]
    if meta.audience:
        facts.append("Målgruppe\n:   " + "\n:   ".join(escape_md(a) for a in meta.audience) + "\n")
    if course.total_minutes:
        label = "Tid totalt" if course.modules else "Antatt tid"
        facts.append(f"{label}\n:   {minutes_text(course.total_minutes)}\n")
    if meta.participant_score:
        score = f"{meta.participant_score:.2f}".replace(".", ",")
        facts.append(f"Deltakernes vurdering av relevans\n:   {score} av 5\n")
    outcomes = ""
    if meta.outcomes:
        outcomes = "## Dette lærer du\n\n" + "\n".join(f"- {escape_md(o)}"
                                                     for o in meta.outcomes) + "\n\n"
    modules = ""
    if course.modules:
        rows = [f"{n}. [{escape_md(m.meta.title)}]({link(page, f'kurs/{course.slug}/{m.slug}.md')})"
                f" ({minutes_text(m.meta.minutes)})" for n, m in enumerate(course.modules, 1)]
        modules = ("## Moduler\n\n" + "\n".join(rows)
                   + f"\n\nTil sammen {minutes_text(course.total_minutes)}.\n\n")
    text = (front_matter(title=meta.title, description=meta.summary, lang=meta.lang,
                         kind="course", og_type="article",
                         jsonld=course_jsonld(course, f"{content.site_url}/kurs/{course.slug}/"))
            + breadcrumbs(page, [("Forside", HOME), ("Kurs", COURSES)])
            + f"# {escape_md(meta.title)}\n\n{escape_md(meta.summary)}\n{{ .lead }}\n\n"
            + '<section class="fact-box" aria-labelledby="om-kurset-fakta" markdown="1">\n\n'
            + "## Fakta om kurset { #om-kurset-fakta }\n\n" + "\n".join(facts)
            + "\n</section>\n\n" + outcomes + "## Om kurset\n\n" + body_of(course, page, content)
            + modules + related_projects(page, course, content))
    items: list = [Page(page, text, origin=course.source.rel)]
    for position, module in enumerate(course.modules):
        items += generate_module(course, position, content)
    return items


def generate_module(course: Course, position: int, content: Content) -> list:
    module = course.modules[position]
    page = f"kurs/{course.slug}/{module.slug}.md"
    meta = module.meta
    count = len(course.modules)
    downloads = staged_files(module, f"kurs/{course.slug}/filer")
    steps = []
    if position > 0:
        previous = course.modules[position - 1]
        steps.append(f'<a href="../{previous.slug}/" rel="prev">Forrige modul: '
                     f"{escape_attr(previous.meta.title)}</a>")
    if position < count - 1:
        following = course.modules[position + 1]
        steps.append(f'<a href="../{following.slug}/" rel="next">Neste modul: '
                     f"{escape_attr(following.meta.title)}</a>")
    else:
        steps.append(f'<a href="../">Tilbake til kurset {escape_attr(course.meta.title)}</a>')
    step_nav = ('<nav class="module-steps" aria-label="Moduler i kurset">\n<ul>\n'
                + "\n".join(f"<li>{s}</li>" for s in steps) + "\n</ul>\n</nav>\n")
    text = (front_matter(title=f"{meta.title} – {course.meta.title}",
                         description=meta.summary or course.meta.summary, lang=meta.lang,
                         kind="module")
            + breadcrumbs(page, [("Forside", HOME), ("Kurs", COURSES),
                                 (course.meta.title, f"kurs/{course.slug}/index.md")])
            + f"# {escape_md(meta.title)}\n\n"
            + f'<p class="module-position">Modul {position + 1} av {count} · '
              f"{minutes_text(meta.minutes)}</p>\n\n"
            + "## Læringsmål\n\n" + "\n".join(f"- {escape_md(g)}" for g in meta.goals) + "\n\n"
            + body_of(module, page, content)
            + ("## Nedlastinger\n\n" + downloads_list(page, downloads, module.source.path.parent)
               + "\n" if downloads else "")
            + step_nav)
    return [Page(page, text, origin=module.source.rel)] + static_files(module, downloads)


# Podcast ---------------------------------------------------------------------------------

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
            + "## Alle episoder\n\n" + f'<p class="listing-count">{len(cards)} episoder, '
              "nyeste først. [Abonner med RSS-feeden](feed.xml).</p>\n\n" + "\n".join(cards))
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


# News ------------------------------------------------------------------------------------

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


# Tools -----------------------------------------------------------------------------------

def generate_tools(content: Content) -> list:
    items: list = []
    cards = [f"## [{escape_md(t.meta.title)}]({link(TOOLS, f'verktoy/{t.slug}.md')})\n\n"
             f"{escape_md(t.meta.summary)}\n" for t in content.tools]
    items.append(Page(TOOLS, front_matter(title="Verktøy", kind="listing",
                                          description="Verktøy og maler fra InnoMed.")
                      + breadcrumbs(TOOLS, [("Forside", HOME)])
                      + "# Verktøy\n\nVerktøy og maler som InnoMed har laget sammen med "
                        "prosjektene. Bruk dem fritt i egne prosjekter.\n\n" + "\n".join(cards)))
    for tool in content.tools:
        page = f"verktoy/{tool.slug}.md"
        downloads = staged_files(tool, "verktoy/filer")
        if downloads:
            get = "## Last ned\n\n" + downloads_list(page, downloads, tool.source.path.parent,
                                                     content.file_dates, tool.source.rel) + "\n"
        else:
            get = f"## Slik får du verktøyet\n\n{escape_md(tool.meta.how_to_get)}\n\n"
        audience = ("**For:** " + ", ".join(escape_md(a) for a in tool.meta.audience) + "\n\n"
                    if tool.meta.audience else "")
        text = (front_matter(title=tool.meta.title, description=tool.meta.summary,
                             lang=tool.meta.lang, kind="tool")
                + breadcrumbs(page, [("Forside", HOME), ("Verktøy", TOOLS)])
                + f"# {escape_md(tool.meta.title)}\n\n{escape_md(tool.meta.summary)}\n{{ .lead }}\n\n"
                + audience + body_of(tool, page, content) + get
                + related_projects(page, tool, content))
        items += [Page(page, text, origin=tool.source.rel)] + static_files(tool, downloads)
    return items


# Home page -------------------------------------------------------------------------------

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
