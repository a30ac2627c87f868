"""Every content type, declared once: where its files are, how they are read, where its pages
and files go, how editors link to it, and which templates render it.

Every other module asks this table; none spells a folder, a URL or a link kind itself. Adding
a type (say, events) is: its model, its templates, and one entry in TYPES.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from innomed.model import ordering
from innomed.model.models import EntryMeta, PageMeta, ProjectMeta
from innomed.model.models_sections import (
    CourseMeta,
    EpisodeMeta,
    ModuleMeta,
    NewsMeta,
    PodcastMeta,
    ReportMeta,
    ToolMeta,
)
from innomed.model.pages import url_of

if TYPE_CHECKING:
    from innomed.model.entries import Entry


@dataclass(frozen=True)
class ContentType:
    name: str  # used in code, schema file names and `build.py new <name>`
    noun: str  # what an editor calls one of them, in messages ("nyhetssak")
    model: type[EntryMeta]
    folder: str  # source folder, relative to the project root
    # How the files are laid out: "files" (one .md per entry in folder), "tree" (every .md
    # under folder, path = address), "single" (folder/index.md), "folders" (folder/<x>/index.md),
    # "children" (the other .md files beside a parent's index.md).
    layout: str
    page: str  # staged page, formatted with slug (and parent, for children)
    template: str | None  # renders one entry's page (innomed/generate/templates/)
    slug_from: str = "file"  # "file" name or "title" (pathauto, as the old Drupal site did)
    link_kind: str | None = None  # editors link with [tekst](<link_kind>:<slug>)
    assets: str | None = None  # folder for the entry's images and downloads, with slug
    listing: str | None = None  # staged listing page of the whole type
    listing_template: str | None = None
    feed: str | None = None  # staged feed file
    parent: str | None = None  # for "children": the type whose folders hold them
    scaffold: str | None = None  # `build.py new` template (innomed/generate/templates/scaffold/)
    order: Callable = ordering.by_address  # how lists of this type are sorted
    # Search filters: (filter name, field). The filter names are the groups the search dialog
    # knows (theme/assets/innomed-search.js); any field holding such values can feed one.
    facets: tuple[tuple[str, str], ...] = ()
    # A type with `listing` and no listing of its own in innomed/generate/entry_pages.py gets
    # the generic one (listing.md.j2), titled so and ordered by listing_order(entries, today)
    # when given (upcoming events first, say), else in the type's order.
    listing_title: str | None = None
    listing_description: str | None = None  # the listing's meta description
    listing_order: Callable | None = None
    # /admin/ (innomed/cms/decap.py): the collection's label in the sidebar; None keeps the
    # type out of the browser editor (hand-written pages, the podcast series).
    plural: str | None = None
    # Listed under "Mer om prosjektet og temaene" on the projects it names (model/related.py),
    # in this order; None: never.
    related_rank: int | None = None

    def required(self, name: str) -> str:
        """An optional setting that the caller needs: a KeyError says which type lacks it."""
        value = getattr(self, name)
        if value is None:
            raise KeyError(f"content type '{self.name}' has no {name}")
        return value

    def page_path(self, slug: str, parent: str | None = None) -> str:
        return self.page.format(slug=slug, parent=parent)

    def asset_folder(self, slug: str, parent: str | None = None) -> str:
        return (self.assets or self.page.rsplit("/", 1)[0]).format(slug=slug, parent=parent)

    def schema_globs(self) -> list[str]:
        """The files an editor's tools should check against this type's schema."""
        if self.layout == "files":
            shares_index = any(
                t.layout == "single" and t.folder == self.folder for t in TYPES.values()
            )
            return [f"{self.folder}/{'!(index)' if shares_index else '*'}.md"]
        if self.layout == "single":
            return [f"{self.folder}/index.md"]
        if self.layout == "folders":
            return [f"{self.folder}/*/index.md"]
        if self.layout == "children":
            return [f"{self.folder}/*/!(index).md"]
        others = "|".join(sorted(name for name in self.owned_elsewhere()))
        return [f"{self.folder}/*.md", f"{self.folder}/!({others})/**/*.md"]

    def owned_elsewhere(self) -> set[str]:
        """Sub-folders of a "tree" type's folder that other types read (content/aktuelt)."""
        prefix = self.folder + "/"
        return {
            t.folder.removeprefix(prefix).split("/")[0]
            for t in TYPES.values()
            if t.folder.startswith(prefix)
        }


def declare(*types: ContentType) -> dict[str, ContentType]:
    """Name -> type, refusing two types with one name or one link kind (a dict would
    silently keep the last, and `[tekst](kind:slug)` would point at the wrong type)."""
    for attribute in ("name", "link_kind"):
        values = [getattr(t, attribute) for t in types if getattr(t, attribute)]
        if twice := sorted({v for v in values if values.count(v) > 1}):
            raise ValueError(f"content types share a {attribute}: {', '.join(twice)}")
    return {t.name: t for t in types}


TYPES: dict[str, ContentType] = declare(
    ContentType(
        "project",
        "prosjekt",
        ProjectMeta,
        "projects",
        "files",
        page="prosjekt/{slug}.md",
        template="project.md.j2",
        slug_from="title",
        link_kind="prosjekt",
        assets="filer/{slug}",
        listing="prosjekt/index.md",
        scaffold="project.md.j2",
        order=ordering.newest_allocation_first,
        # The phase is the phase at the start of InnoMed's coaching, as in /faser/.
        facets=(
            ("region", "regions"),
            ("pasientgruppe", "patient_groups"),
            ("tema", "themes"),
            ("fase", "phase_start"),
        ),
        plural="Prosjekter",
    ),
    ContentType("page", "side", PageMeta, "content", "tree", page="{slug}", template="page.md.j2"),
    ContentType(
        "report",
        "erfaringsrapport",
        ReportMeta,
        "content/rapporter",
        "files",
        page="rapporter/{slug}.md",
        template="report.md.j2",
        link_kind="rapport",
        assets="rapporter/filer/{slug}",
        order=ordering.by_title,
        facets=(("pasientgruppe", "patient_groups"), ("tema", "themes")),
        plural="Erfaringsrapporter",
        related_rank=1,
    ),
    ContentType(
        "news",
        "nyhetssak",
        NewsMeta,
        "content/aktuelt",
        "files",
        page="aktuelt/{slug}.md",
        template="news.md.j2",
        link_kind="aktuelt",
        assets="aktuelt/bilder",
        listing="aktuelt/index.md",
        listing_template="news_listing.md.j2",
        listing_title="Aktuelt",
        listing_description="Nyheter fra InnoMed.",
        feed="aktuelt/feed.xml",
        scaffold="news.md.j2",
        order=ordering.newest_first,
        plural="Nyhetssaker",
    ),
    ContentType(
        "tool",
        "verktøy",
        ToolMeta,
        "content/verktoy",
        "files",
        page="verktoy/{slug}.md",
        template="tool.md.j2",
        link_kind="verktoy",
        assets="verktoy/filer",
        listing="verktoy/index.md",
        listing_template="tools.md.j2",
        scaffold="tool.md.j2",
        order=ordering.by_title,
        plural="Verktøy",
        related_rank=5,
    ),
    ContentType(
        "course",
        "kurs",
        CourseMeta,
        "courses",
        "folders",
        page="kurs/{slug}/index.md",
        template="course.md.j2",
        link_kind="kurs",
        listing="kurs/index.md",
        listing_template="courses.md.j2",
        scaffold="course.md.j2",
        plural="Kurs",
        related_rank=3,
    ),
    ContentType(
        "module",
        "kursmodul",
        ModuleMeta,
        "courses",
        "children",
        parent="course",
        page="kurs/{parent}/{slug}.md",
        template="module.md.j2",
        assets="kurs/{parent}/filer",
        scaffold="module.md.j2",
        plural="Kursmoduler",
        related_rank=4,
    ),
    ContentType(
        "podcast",
        "podkastserie",
        PodcastMeta,
        "podcast",
        "single",
        page="podcast/index.md",
        template=None,
        assets="podcast/bilder",
        listing="podcast/index.md",
        listing_template="podcast.md.j2",
        feed="podcast/feed.xml",
    ),
    ContentType(
        "episode",
        "podkastepisode",
        EpisodeMeta,
        "podcast",
        "files",
        page="podcast/{slug}.md",
        template="episode.md.j2",
        link_kind="podcast",
        assets="podcast/transkripsjoner",
        scaffold="episode.md.j2",
        order=ordering.highest_number_first,
        plural="Podkastepisoder",
        related_rank=2,
    ),
)


def listing_page(name: str) -> str:
    return TYPES[name].required("listing")


def feed_file(name: str) -> str:
    return TYPES[name].required("feed")


def link_kinds() -> dict[str, ContentType]:
    """`prosjekt` -> the project type, for `[tekst](prosjekt:slug)` links."""
    return {t.link_kind: t for t in TYPES.values() if t.link_kind}


def source_folders() -> list[str]:
    """Every folder whose files the build reads (the preview watches these)."""
    return sorted({t.folder.split("/")[0] for t in TYPES.values()} | {"data"})


def page_of(entry: Entry) -> str:
    """The staged markdown file of an entry, e.g. prosjekt/prehab.md."""
    return entry.type.page_path(entry.slug, entry.parent)


def url_for(entry: Entry) -> str:
    """The entry's address on the site, e.g. /prosjekt/prehab/."""
    return url_of(page_of(entry))


def asset_path(entry: Entry, name: str) -> str:
    """Where a file the entry points to is published, beside its other files.

    A markdown file (a transcript) is published as text named after the entry: the engine
    would render a staged .md as a page of its own.
    """
    base = name.rsplit("/", 1)[-1]
    if base.endswith(".md"):
        base = f"{entry.slug}.txt"
    return f"{entry.type.asset_folder(entry.slug, entry.parent)}/{base}"
