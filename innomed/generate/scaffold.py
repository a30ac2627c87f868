"""`python build.py new <type> "Tittel"`: a new content file with every field explained.

The comments list allowed values straight from data/vocabulary.yml, so a new theme or region
shows up in the next scaffold without anyone editing this file. Each type's file is a
template in innomed/generate/templates/scaffold/, named in the registry.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from innomed.generate.templating import TEMPLATES
from innomed.model.registry import TYPES, ContentType
from innomed.model.slugs import slug_for_title
from innomed.model.vocabulary import Vocabularies

REPORT_SECTIONS = [
    "Prosjektbeskrivelse",
    "Gjennomføring",
    "InnoMeds bidrag",
    "Resultater og læring",
    "Veien videre",
]


class ScaffoldError(Exception):
    """The file exists already, or the request cannot be met; the message says why."""


def scaffold_types() -> list[str]:
    return [name for name, t in TYPES.items() if t.scaffold]


def environment(vocabularies: Vocabularies) -> Environment:
    # Not the site's environment: this writes YAML for an editor's own file, not a page.
    env = Environment(
        loader=FileSystemLoader(TEMPLATES / "scaffold"),
        autoescape=False,
        trim_blocks=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["quoted"] = lambda text: json.dumps(text, ensure_ascii=False)
    env.globals["allowed"] = lambda name: " | ".join(vocabularies[name].labels)
    return env


def next_episode_number(folder: Path) -> int:
    numbers = [int(m.group(1)) for p in folder.glob("*.md") if (m := re.match(r"(\d+)-", p.name))]
    return max(numbers, default=0) + 1


def new_file(
    content_type: ContentType, title: str, root: Path, parent: str | None
) -> tuple[Path, dict, list[str]]:
    """Where the new file goes, what its template needs beyond the title, next steps."""
    folder = root / content_type.folder
    prefix = content_type.page.split("{")[0]
    if content_type.layout == "children":
        course_dir = folder / str(parent)
        if not (course_dir / "index.md").is_file():
            raise ScaffoldError(
                f"finner ikke kurset '{parent}' (forventet "
                f"{content_type.folder}/{parent}/index.md; se mappene i "
                f"{content_type.folder}/)"
            )
        slug = slug_for_title(title, prefix=content_type.page_path("", parent).removesuffix(".md"))
        require_slug(slug)
        step = (
            f"Legg til '- {slug}' under modules: i {content_type.folder}/{parent}/index.md "
            "der modulen skal stå i rekkefølgen."
        )
        return course_dir / f"{slug}.md", {"course_title": parent}, [step]
    slug = require_slug(slug_for_title(title, prefix))
    if content_type.layout == "folders":
        return folder / slug / "index.md", {}, []
    if content_type.name == "episode":
        number = next_episode_number(folder)
        return folder / f"{number:02}-{slug}.md", {"number": number}, []
    return folder / f"{slug}.md", {}, []


def require_slug(slug: str) -> str:
    if not slug:
        raise ScaffoldError("tittelen gir ingen adresse (forventet bokstaver eller tall)")
    return slug


def scaffold(
    kind: str, args: list[str], root: Path, vocabularies: Vocabularies, today: dt.date
) -> tuple[Path, list[str]]:
    """Return the new file's path and any follow-up steps for the editor."""
    content_type = TYPES.get(kind)
    if content_type is None or not content_type.scaffold:
        raise ScaffoldError(
            f"ukjent type '{kind}' (forventet en av: {', '.join(scaffold_types())})"
        )
    wants_parent = content_type.layout == "children"
    if len(args) != 1 + wants_parent:
        usage = f"<{TYPES[str(content_type.parent)].noun}> " if wants_parent else ""
        raise ScaffoldError(f'bruk: python build.py new {kind} {usage}"Tittel"')
    parent, title = (args[0], args[1]) if wants_parent else (None, args[0])
    path, extra, steps = new_file(content_type, title, root, parent)
    if path.exists():
        raise ScaffoldError(
            f"{path.relative_to(root).as_posix()} finnes allerede (forventet "
            "et nytt navn; velg en annen tittel, eller rediger filen som "
            "finnes)"
        )
    text = (
        environment(vocabularies)
        .get_template(content_type.scaffold)
        .render(
            title=title,
            today=today.isoformat(),
            year=today.year,
            report_sections=REPORT_SECTIONS,
            **extra,
        )
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path, steps
