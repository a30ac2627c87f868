"""What editors may write besides markdown: a short allow-list, checked with file and line.

Policy (documented for editors in REDAKTOR.md): markdown is the way to write. A few HTML
elements are allowed for what markdown cannot say (language of a part, abbreviations, line
breaks, details), with a few attributes. Script, styles, frames, forms, embedded objects,
inline event handlers (`onclick=`) and links with `javascript:`, `data:` or `vbscript:` are
refused by `check` and the build, however they are spelled (`JavaScript:`, entities,
reference links, `<autolinks>`, attribute lists). The built HTML is verified once more
(innomed/checks/verify.py), so a hole here cannot reach visitors.
"""

from __future__ import annotations

import html
import re

from innomed.model.body_checks import body_lines
from innomed.model.errors import ContentError
from innomed.model.sources import Source

ALLOWED_ELEMENTS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details",
    "div", "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "img", "ins", "kbd", "li", "mark", "ol", "p", "q", "s", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "lang", "title", "markdown", "class", "id", "href", "src", "alt", "width", "height",
    "colspan", "rowspan", "scope", "datetime", "cite", "open", "start", "reversed",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "cite", "action", "formaction", "poster", "xlink:href"}
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}

CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][\w:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
ATTRIBUTE = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
INLINE_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")
REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.\-]*:[^\s>]*)>")
ATTRIBUTE_LIST = re.compile(r"\{:?\s*([^{}]*?)\s*\}")
SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")


def scheme_of(url: str) -> str | None:
    """The scheme a browser would see: entities decoded, controls and spaces dropped."""
    plain = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(url)).lower()
    match = SCHEME.match(plain)
    return match[1] if match else None


def url_problem(url: str, link_kinds: set[str]) -> str | None:
    scheme = scheme_of(url)
    if scheme is None or scheme in SAFE_SCHEMES or scheme in link_kinds:
        return None
    return (
        f"lenken '{url[:60]}' bruker '{scheme}:', som ikke er tillatt (forventet en "
        "adresse som starter med https://, mailto: eller tel:, eller en intern lenke som "
        "prosjekt:adresse)"
    )


def check_html(source: Source, link_kinds: set[str]) -> list[ContentError]:
    errors: list[ContentError] = []
    for number, line in body_lines(source):
        if "<" not in line and "{" not in line and "]" not in line:
            continue  # no tag, attribute list or link can start on this line
        text = CODE_SPAN.sub("", line)  # code is shown as text, never run

        def add(field: str, message: str, number: int = number) -> None:
            errors.append(ContentError(source.rel, number, field, message))

        for closing, name, attributes in TAG.findall(text):
            if closing:
                continue
            if name.lower() not in ALLOWED_ELEMENTS:
                add(
                    "html",
                    f"<{name}> er ikke tillatt i teksten (forventet markdown, eller "
                    "en av de tillatte HTML-taggene i REDAKTOR.md; skript, stiler, rammer og "
                    "skjemaer publiseres aldri)",
                )
            for key, value in ATTRIBUTE.findall(attributes):
                key = key.lower()
                if key.startswith("on"):
                    add(
                        "html",
                        f"attributtet {key}= kjører skript og er ikke tillatt "
                        "(forventet ingen hendelser i teksten; slett attributtet)",
                    )
                elif key not in ALLOWED_ATTRIBUTES and not key.startswith("aria-"):
                    add(
                        "html",
                        f"attributtet {key}= er ikke tillatt på <{name}> (forventet "
                        "et av: lang, title, class, id, href, src, alt)",
                    )
                if key in URL_ATTRIBUTES and (
                    problem := url_problem(value.strip("\"'"), link_kinds)
                ):
                    add("lenke", problem)
        urls = INLINE_LINK.findall(text) + AUTOLINK.findall(text)
        if reference := REFERENCE.match(text):
            urls.append(reference[1])
        for url in urls:
            if problem := url_problem(url, link_kinds):
                add("lenke", problem)
        for attribute_list in ATTRIBUTE_LIST.findall(text):
            for key, _ in ATTRIBUTE.findall(attribute_list):
                if key.startswith((".", "#")) or key.lower() in {"lang", "title"}:
                    continue
                add(
                    "html",
                    f"{{ {key}= }} er ikke tillatt (forventet bare lang=, title=, "
                    ".klasse eller #id i { ... }; slett attributtet)",
                )
    return errors
