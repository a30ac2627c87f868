"""Read and validate courses, podcast episodes, news and tools into typed entries."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .collation import norwegian_key
from .errors import ContentError, ContentErrors
from .models import partial_date_start
from .models_sections import (CourseMeta, EpisodeMeta, ModuleMeta, NewsMeta, PodcastMeta,
                              ToolMeta)
from .sources import Source, read_source
from .validate import slug_from_file, validate_entry
from .vocabulary import Vocabularies


@dataclass(frozen=True)
class Entry:
    """One validated markdown file: its front matter, address and body."""

    meta: object
    slug: str
    source: Source

    @property
    def body(self) -> str:
        return self.source.body


@dataclass(frozen=True)
class Course(Entry):
    modules: tuple = ()  # Entry per module, in the order the course lists them

    @property
    def total_minutes(self) -> int | None:
        if self.modules:
            return sum(module.meta.minutes for module in self.modules)
        return self.meta.estimated_minutes


@dataclass(frozen=True)
class Podcast:
    series: Entry | None
    episodes: list = field(default_factory=list)  # newest (highest number) first


def read_entry(path: Path, root: Path, model, vocabularies: Vocabularies, default_slug: str) -> Entry:
    source = read_source(path, root)
    meta = validate_entry(source, model, vocabularies)
    slug = getattr(meta, "slug", None) or slug_from_file(source, default_slug)
    return Entry(meta, slug, source)


def collect(errors: list, action, *args):
    try:
        return action(*args)
    except ContentErrors as problem:
        errors.extend(problem.errors)
        return None


def read_courses(root: Path, vocabularies: Vocabularies) -> tuple[list[Course], list[ContentError]]:
    courses, errors = [], []
    folder = root / "courses"
    if not folder.is_dir():
        return [], []
    for course_dir in sorted(p for p in folder.iterdir() if p.is_dir()):
        index = course_dir / "index.md"
        module_files = {p.stem: p for p in course_dir.glob("*.md") if p.name != "index.md"}
        if not index.is_file():
            errors.append(ContentError(course_dir.relative_to(root).as_posix(), 1, "index.md",
                                       "kurset mangler oversiktsfilen index.md (forventet "
                                       "index.md med tittel, beskrivelse og modulrekkefølge)"))
            continue
        overview = collect(errors, read_entry, index, root, CourseMeta, vocabularies,
                           course_dir.name)
        if overview is None:
            continue
        modules = []
        for position, name in enumerate(overview.meta.modules):
            if name not in module_files:
                errors.append(ContentError(
                    overview.source.rel, overview.source.line_of(("modules", position)),
                    f"modules[{position}]", f"finner ikke modulen '{name}' (forventet filen "
                    f"{course_dir.relative_to(root).as_posix()}/{name}.md)"))
                continue
            module = collect(errors, read_entry, module_files[name], root, ModuleMeta,
                             vocabularies, name)
            if module:
                modules.append(module)
        for name in sorted(set(module_files) - set(overview.meta.modules)):
            errors.append(ContentError(
                module_files[name].relative_to(root).as_posix(), 1, "modules",
                f"modulen er ikke med i kurset (forventet '{name}' i 'modules:' i "
                f"{overview.source.rel})"))
        courses.append(Course(overview.meta, overview.slug, overview.source, tuple(modules)))
    return courses, errors


def read_podcast(root: Path, vocabularies: Vocabularies) -> tuple[Podcast, list[ContentError]]:
    folder = root / "podcast"
    errors: list[ContentError] = []
    if not folder.is_dir():
        return Podcast(None, []), []
    series = None
    index = folder / "index.md"
    episode_files = sorted(p for p in folder.glob("*.md") if p.name != "index.md")
    if index.is_file():
        series = collect(errors, read_entry, index, root, PodcastMeta, vocabularies, "podcast")
    elif episode_files:
        errors.append(ContentError("podcast", 1, "index.md", "serien mangler podcast/index.md "
                                   "(forventet tittel, beskrivelse og eier av serien)"))
    episodes = [e for e in (collect(errors, read_entry, p, root, EpisodeMeta, vocabularies, p.stem)
                            for p in episode_files) if e]
    by_number: dict = {}
    for episode in episodes:
        number = episode.meta.number
        if number in by_number:
            errors.append(ContentError(episode.source.rel, episode.source.line_of(("number",)),
                                       "number", f"episode {number} finnes allerede i "
                                       f"{by_number[number].source.rel} (forventet unike "
                                       "episodenumre)"))
        by_number.setdefault(number, episode)
    episodes.sort(key=lambda e: -e.meta.number)
    return Podcast(series, episodes), errors


def read_folder(root: Path, relative: str, model, vocabularies: Vocabularies):
    folder = root / relative
    errors: list[ContentError] = []
    entries = [] if not folder.is_dir() else [
        e for e in (collect(errors, read_entry, p, root, model, vocabularies, p.stem)
                    for p in sorted(folder.glob("*.md"))) if e]
    return entries, errors


def read_news(root: Path, vocabularies: Vocabularies):
    news, errors = read_folder(root, "content/aktuelt", NewsMeta, vocabularies)
    news.sort(key=lambda e: (partial_date_start(e.meta.date), e.meta.date, e.meta.title),
              reverse=True)
    return news, errors


def read_tools(root: Path, vocabularies: Vocabularies):
    tools, errors = read_folder(root, "content/verktoy", ToolMeta, vocabularies)
    tools.sort(key=lambda e: norwegian_key(e.meta.title))
    return tools, errors
