"""The tools listing and one page per tool, with downloads or how to get it. Pure."""

from __future__ import annotations

from .content import Content
from .markup import breadcrumbs, downloads_list
from .pages import Page, escape_md, front_matter, link
from .section_parts import (HOME, TOOLS, body_of, related_projects, staged_files,
                            static_files)


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
