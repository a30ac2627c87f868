"""The whole build, narrated: read -> validate -> catalog -> generate -> stage -> render."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from .audit_summary import STATEMENT_PAGE, read_summary, statement_section
from .catalog import Catalog, check_cross_references
from .cms import admin_files
from .content import Content, check_references, published_only
from .errors import ContentError, ContentErrors
from .feeds import generate_feeds
from .generate_listings import (
    generate_allocation_pages,
    generate_project_listings,
    generate_taxonomy_pages,
)
from .generate_pages import (
    generate_entry_pages,
    generate_section_listings,
    home_highlights,
)
from .generate_redirects import generate_redirects
from .gitdates import last_commit_dates
from .key_figures import PAGE as KEY_FIGURES_PAGE
from .key_figures import key_figures_context
from .lock import build_lock
from .pages import Page, StaticFile, url_of
from .reading import read_all
from .registry import TYPES
from .site_links import check_site
from .sources import yaml_error
from .stage import copy_tree_files, stage
from .templating import Markup, render_template
from .vocabulary import load_vocabularies

VOCABULARY_FILE = Path("data/vocabulary.yml")
ANNUAL_REPORTS_FILE = Path("data/annual_reports.yml")
STAGING_DIR = Path(".build/docs")
CONFIG_FILE = Path("mkdocs.yml")


@dataclass(frozen=True)
class BuildResult:
    pages: int
    staged: Path
    warnings: list


def load_content(root: Path, drafts: bool = False, dates: bool = True) -> Content:
    """Read and check all content; raises ContentErrors listing every problem found.

    Drafts are read and checked either way, but only the preview (`drafts=True`) shows them.
    `dates=False` leaves out the files' last commit dates (one `git log` over the whole
    history): they change what pages say, never what is wrong with them, so `check` skips it.
    """
    vocabularies = load_vocabularies(root / VOCABULARY_FILE, root)
    # Every reader collects, none stops early.
    entries, errors, unreadable = read_all(root, vocabularies)
    errors += check_cross_references(
        entries["project"], {slug for kind, slug in unreadable if kind == "project"}
    )
    shown, left_out = (entries, {}) if drafts else published_only(entries, today())
    content = Content(
        shown,
        Catalog.from_projects(shown["project"], vocabularies),
        file_dates=last_commit_dates(root) if dates else {},
        site_url=read_site_url(root).rstrip("/"),
        drafts=left_out,
        contact=read_contact(root),
        unreadable=frozenset(unreadable),
    )
    errors += check_references(content)
    if any(left_out.values()):
        # A draft's own links are checked as the preview shows it (drafts linking drafts is
        # fine), so `check` never says OK to a file that `serve` refuses.
        preview = replace(
            content,
            entries=entries,
            drafts={},
            catalog=Catalog.from_projects(entries["project"], vocabularies),
        )
        hidden = {e.source.rel for found in left_out.values() for e in found}
        errors += [e for e in check_references(preview) if e.path in hidden]
    if errors:
        raise ContentErrors(errors)
    return content


def today() -> dt.date:
    """The publishing day. INNOMED_TODAY=ÅÅÅÅ-MM-DD lets a test or an editor see a future day."""
    value = os.environ.get("INNOMED_TODAY")
    return dt.date.fromisoformat(value) if value else dt.date.today()


class TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml's !!python tags (Material's emoji and slug functions) read as nothing."""


class FastTolerantLoader(getattr(yaml, "CSafeLoader", TolerantLoader)):  # type: ignore[misc]
    """The same in libyaml: the pure-Python parser was a tenth of `check` on the real site."""


for _loader in (TolerantLoader, FastTolerantLoader):
    _loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)


def load_tolerant(text: str):
    try:
        return yaml.load(text, Loader=FastTolerantLoader)
    except (yaml.YAMLError, RecursionError):
        # libyaml refused it: the pure-Python parser reads it again, for the same wording
        return yaml.load(text, Loader=TolerantLoader)


def read_config(root: Path) -> dict:
    """mkdocs.yml read without MkDocs (its !!python tags are ignored here)."""
    rel = CONFIG_FILE.as_posix()
    try:
        text = (root / CONFIG_FILE).read_text(encoding="utf-8")
        config = load_tolerant(text)
    except OSError as error:
        raise ContentErrors(
            [
                ContentError(
                    rel,
                    1,
                    "fil",
                    f"kan ikke leses ({error.strerror}; forventet nettstedets oppsett her)",
                )
            ]
        ) from None
    except (yaml.YAMLError, RecursionError, UnicodeDecodeError) as error:
        if isinstance(error, UnicodeDecodeError):
            raise ContentErrors(
                [ContentError(rel, 1, "fil", "er ikke UTF-8 (lagre filen som UTF-8)")]
            ) from None
        raise ContentErrors([yaml_error(error, rel, 1, text)]) from None
    if not isinstance(config, dict):
        raise ContentErrors(
            [
                ContentError(
                    rel, 1, "fil", "er ikke et oppsett (forventet linjer på formen 'nøkkel: verdi')"
                )
            ]
        )
    return config


def read_annual_reports(root: Path) -> dict:
    """The annual reports' own figures, year -> figures, for the key figures page."""
    path = root / ANNUAL_REPORTS_FILE
    if not path.is_file():
        return {}
    return load_tolerant(path.read_text(encoding="utf-8")) or {}


def read_site_url(root: Path) -> str:
    return read_config(root).get("site_url") or "https://innomed.no/"


def read_contact(root: Path) -> dict:
    """InnoMed's contact details from mkdocs.yml (`extra.contact`), empty values left out."""
    contact = (read_config(root).get("extra") or {}).get("contact") or {}
    return {
        key: str(value).strip()
        for key, value in contact.items()
        if key in ("email", "phone") and value and str(value).strip()
    }


def read_nav_files(root: Path) -> list[str]:
    """Every markdown file the nav in mkdocs.yml points to."""

    def walk(node):
        if isinstance(node, str):
            yield node
        elif isinstance(node, list):
            for item in node:
                yield from walk(item)
        elif isinstance(node, dict):
            for value in node.values():
                yield from walk(value)

    return [path for path in walk(read_config(root).get("nav", [])) if path.endswith(".md")]


def generate_site(content: Content, root: Path) -> list[Page | StaticFile]:
    """Every page and file of the site, as pure data: nothing is written here."""
    items = generate_entry_pages(content, page_extras(content, root))
    items += generate_other_pages(content, root)
    return with_lastmod(items, content.last_changed())


def page_extras(content: Content, root: Path) -> dict:
    """Staged page -> what is added below its entry's body: the home page's highlights, the
    accessibility statement's audit figures."""
    extras = {"index.md": home_highlights(content)}
    if summary := read_summary(root):
        extras[STATEMENT_PAGE] = Markup(statement_section(summary).lstrip("\n"))
    return extras


def generate_other_pages(content: Content, root: Path) -> list[Page | StaticFile]:
    """Everything but the entries' own pages: listings, feeds, redirects, files, /admin/."""
    catalog = content.catalog
    pages_type = TYPES["page"]
    items: list[Page | StaticFile] = []
    items += copy_tree_files(
        root / pages_type.folder,
        root,
        skip_suffixes={".md"},
        skip_folders=pages_type.owned_elsewhere(),
    )
    items += generate_project_listings(catalog)
    for taxonomy in catalog.taxonomies.values():
        items += generate_taxonomy_pages(taxonomy, catalog)
    items += generate_allocation_pages(catalog)
    items.append(
        Page(
            KEY_FIGURES_PAGE,
            render_template(
                "key_figures.md.j2",
                page=KEY_FIGURES_PAGE,
                **key_figures_context(catalog, read_annual_reports(root)),
            ),
        )
    )
    items += generate_section_listings(content)
    items += generate_feeds(content, content.site_url)
    items += generate_redirects(content.all_entries(), content.site_url)
    items += admin_files(root)  # /admin/: editing in the browser (innomed/cms.py)
    return items


def with_lastmod(items: list, dates: dict) -> list:
    """Stamp each markdown page with the date its source last changed; listings that have
    no single source get the newest date of all content."""
    newest = max(dates.values(), default=None)
    stamped = []
    for item in items:
        date = dates.get(item.origin, newest)
        if (
            isinstance(item, Page)
            and item.path.endswith(".md")
            and date
            and item.text.startswith("---\n")
        ):
            item = replace(item, text=f'---\nlastmod: "{date.isoformat()}"\n' + item.text[4:])
        stamped.append(item)
    return stamped


def check_site_items(root: Path, drafts: bool = False, dates: bool = True) -> tuple[Content, list]:
    """Everything `build` refuses before the engine runs: content, then the generated
    pages' links, anchors, addresses and menu. `check` stops here."""
    content = load_content(root, drafts, dates)
    items = generate_site(content, root)
    refuse_broken_links(root, items)
    return content, items


def refuse_broken_links(root: Path, items: list) -> None:
    nav, sections = read_nav_files(root), generated_sections()
    errors = check_site(items, root, root / STAGING_DIR, nav, sections)
    if errors:
        raise ContentErrors(errors)


def stage_site(root: Path, drafts: bool = False) -> tuple[Path, Content, list]:
    content, items = check_site_items(root, drafts)
    stage(items, root / STAGING_DIR, root)
    return root / STAGING_DIR, content, items


def require_publishable(content: Content, root: Path) -> None:
    """What a public deploy may not lack, though a preview or a test build may."""
    if content.contact_warnings:
        path, field_name, message = content.contact_warnings[0].split(": ", 2)
        raise ContentErrors([ContentError(path, config_line(root, "contact"), field_name, message)])


def config_line(root: Path, key: str) -> int:
    lines = (root / CONFIG_FILE).read_text(encoding="utf-8").split("\n")
    return next((n for n, line in enumerate(lines, 1) if line.strip().startswith(key + ":")), 1)


def generated_sections() -> list[str]:
    """Top folders of the generated pages: every type's pages and every taxonomy's listings."""
    from .catalog import TAXONOMIES

    folders = {t.page.split("/")[0] for t in TYPES.values() if not t.page.startswith("{")}
    return sorted(folders | {path for path, *_ in TAXONOMIES.values()} | {"tildelinger"})


def build_site(root: Path, out: Path, production: bool = False) -> BuildResult:
    from .render import RenderError, render

    with build_lock(root):
        if production:
            require_publishable(load_content(root), root)
        staged, content, items = stage_site(root)
        warnings = content.warnings
        origins = page_origins(items)  # what verify needs, to name the editor's file
        engine_items = [replace(i, text="") if isinstance(i, Page) else i for i in items]
        # The texts are hundreds of MB at 5,000 projects that the render never reads.
        del content, items
        try:
            pages = render(
                root / CONFIG_FILE,
                staged,
                out,
                generated_sections(),
                verify=lambda site: verify_output(site, origins),
            )
        except RenderError as problem:
            if not problem.messages:
                raise
            raise ContentErrors(
                [engine_warning(m, engine_items, root) for m in problem.messages]
            ) from None
    return BuildResult(pages=pages, staged=staged, warnings=warnings)


ENGINE_FILE = re.compile(r"Doc file '([^']+)'")
ENGINE_LINK = re.compile(r"contains a link '([^']+)'|link to '([^']+)'")


def engine_warning(message: str, items: list, root: Path) -> ContentError:
    """An engine warning against the editor's file and line, never a staged path under
    .build/ that the editor has never seen."""
    staged = ENGINE_FILE.search(message)
    item = next((i for i in items if staged and i.path == staged[1]), None)
    if item is None or item.origin == "generert":
        return ContentError("nettstedet", 1, "motor", message)
    line = item.line
    link = ENGINE_LINK.search(message)
    target = link and (link[1] or link[2])
    source = root / item.origin
    if target and source.is_file():
        for number, text in enumerate(source.read_text(encoding="utf-8").split("\n"), 1):
            if target.split("#")[0] and target.split("#")[0] in text or target in text:
                line = number
                break
    if target and ("no such anchor" in message or "does not contain an anchor" in message):
        text = f"lenken '{target}' går til et avsnitt som ikke finnes"
    elif target and "not found among documentation files" in message:
        text = f"lenken '{target}' går til en side som ikke finnes"
    else:
        text = message.replace(f"Doc file '{staged[1]}'", "filen") if staged else message
    return ContentError(
        item.origin,
        line,
        "lenke",
        f"{text} (forventet en lenke til en side "
        "eller et avsnitt som finnes; sjekk skrivemåten og overskriften)",
    )


def page_origins(items: list) -> dict[str, str]:
    """Built HTML file -> the source an editor can fix."""
    return {
        url_of(item.path).lstrip("/") + "index.html" if item.path.endswith(".md") else item.path: (
            item.origin
        )
        for item in items
        if isinstance(item, Page)
    }


def verify_output(site: Path, origins: dict[str, str]) -> None:
    """Refuse a built site that would run anything but the theme's scripts, naming the
    source file an editor can fix."""
    from .cores import default_workers
    from .verify import verify_site  # selectolax: only a build needs it, `check` starts faster

    problems = verify_site(site, workers=default_workers())
    if problems:
        raise ContentErrors(
            [
                ContentError(origins.get(page, page), 1, "html", message)
                for page, messages in problems.items()
                for message in messages
            ]
        )
