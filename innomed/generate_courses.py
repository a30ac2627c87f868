"""Course pages: the course list (live first), each course with its modules, each module with
its position and previous/next links. Pure: content in, pages out."""

from __future__ import annotations

from .content import Content
from .markup import breadcrumbs, downloads_list
from .models import format_partial_date
from .pages import Page, escape_attr, escape_md, front_matter, link
from .section_parts import (COURSES, HOME, body_of, minutes_text, related_projects,
                            staged_files, static_files)
from .sections import Course
from .structured_data import course_jsonld


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
