"""Jinja templates that turn generated page data into the staged markdown.

Escaping is the default, not a habit: every value a template prints is made safe for both
places generated text lands, markdown and the raw HTML blocks inside it. Characters that
markdown or HTML would read as markup become character references (`*` -> `&#42;`), which
both render as the plain character. So a title with backticks, a `{ attr }` list or a
`<script>` comes out as the text the editor wrote. A template that means to print markup
uses a filter that returns Markup (links, the editor's own body), never `|safe` on front
matter.
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from pathlib import Path

from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    pass_context,
)
from markupsafe import Markup, escape

from innomed.model.pages import link, relative_url

TEMPLATES = Path(__file__).parent / "templates"

# What markdown (with our extensions: attr_list, tables, abbr) or HTML reads as markup
# anywhere in a line. Parentheses and "!" only matter next to "[" or "]", which are encoded.
MARKUP_CHARACTERS = re.compile(r"[\\`*_{}\[\]#|<>&\"']")
# Only at the start of a line do these begin a list, a quote or a definition.
LINE_START = re.compile(r"^(\s*)([-+:>]|\d+[.)])")


def as_text(value) -> Markup:
    """Any value as text that markdown and HTML both print literally, on one line."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    return escaped_text(str(value))


@lru_cache(maxsize=1 << 16)  # every listing prints the same titles, labels and dates again
def escaped_text(text: str) -> Markup:
    text = re.sub(r"\s+", " ", text)  # a newline in a title must not start a new block
    text = MARKUP_CHARACTERS.sub(lambda m: f"&#{ord(m[0])};", text)
    text = LINE_START.sub(lambda m: m[1] + "".join(f"&#{ord(c)};" for c in m[2]), text)
    return Markup(text)


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        finalize=as_text,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Compiling the templates was a third of `check` on the real site; Jinja keys the
        # cache on each template's source and the Python version, in a private temp folder.
        bytecode_cache=FileSystemBytecodeCache(),
    )
    env.globals["page_window"] = page_window
    env.filters.update(
        link=link_filter,
        project_card=project_card,
        url=url_filter,
        attr=attribute,
        json=json_value,
        script_json=script_json,
        join=join_text,
        heading_marks=heading_marks,
    )
    return env


def render_template(name: str, **context) -> str:
    return environment().get_template(name).render(**context)


@pass_context
def link_filter(context, target: str) -> Markup:
    """Relative markdown link from the page being rendered to another staged file, so the
    engine can check it."""
    return Markup(escape(link(context["page"], target)))


@pass_context
def project_card(context, card, level: int) -> Markup:
    """A project's card as the page being rendered links to it. At 5,000 projects the
    listings show about 70,000 cards, most of them the same card with the same relative
    link (every region's first page links from the same folder): rendered once each."""
    return card_markup(card, link(context["page"], card.target), level)


@lru_cache(maxsize=1 << 14)
def card_markup(card, href: str, level: int) -> Markup:
    return Markup(
        environment()
        .get_template("_card.md.j2")
        .render(card=card, href=Markup(escape(href)), level=level)
    )


@pass_context
def url_filter(context, target: str) -> Markup:
    """A link in raw HTML, which the engine does not rewrite: the directory URL, relative."""
    return Markup(escape(relative_url(context["page"], target)))


def attribute(value) -> Markup:
    """Plain HTML escaping, for attribute values such as a URL in href."""
    return Markup(escape(str(value)))


def json_value(value) -> Markup:
    """A YAML-safe scalar for the staged page's front matter (JSON is valid YAML)."""
    return Markup(json.dumps(value, ensure_ascii=False))


def script_json(value) -> Markup:
    """JSON for a <script type="application/json"> element. Character references mean nothing
    inside <script>, so instead every character that could end the element or start markup
    is a JSON escape: the script reads the exact text, and no title can close the element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for character in "<>&'\u2028\u2029":
        text = text.replace(character, f"\\u{ord(character):04x}")
    return Markup(text)


def join_text(values, separator: str = "") -> Markup:
    """Jinja's own join would only HTML-escape the items; each item is text here."""
    return Markup(escape(separator)).join(as_text(value) for value in values)


def page_window(count: int, current: int, around: int = 2) -> list[int | None]:
    """Which page numbers (0-based) a listing's pagination names: the first, the last and
    `around` on each side of the current one, None where a run is left out. Naming all of
    them made 167 links on every page of a 5,000-project listing, for a keyboard or screen
    reader user to pass, and made the listings' size grow with the square of the archive."""
    shown = {0, count - 1} | set(range(current - around, current + around + 1))
    window: list[int | None] = []
    for number in range(count):
        if number in shown:
            window.append(number)
        elif window[-1] is not None:
            # A gap of a single page shows that page instead: "…" would hide no more than it
            window.append(number if number + 1 in shown and number - 1 in shown else None)
    return window


def heading_marks(level: int) -> Markup:
    return Markup("#" * level)
