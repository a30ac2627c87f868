"""Find every content file the registry declares, read it and validate it into an Entry.

Every reader collects problems instead of stopping at the first, so an editor sees all of
them in one run.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from innomed.model.entries import Entry
from innomed.model.errors import ContentError, ContentErrors
from innomed.model.paths import content_roots, is_editor_leftover, is_published_file
from innomed.model.registry import TYPES, ContentType
from innomed.model.slugs import slug_for_title
from innomed.model.sources import read_source
from innomed.model.validate import referenced_files, slug_from_file, validate_entry
from innomed.model.vocabulary import Vocabularies

STRAY_SUFFIXES = {".markdown", ".mdown"}


def read_all(
    root: Path, vocabularies: Vocabularies
) -> tuple[dict[str, list[Entry]], list[ContentError], set[tuple[str, str]]]:
    """Type name -> its entries in the type's order, every problem found, and the
    (type name, address) of every file that could not be read: references to those are not
    reported again as "no such page" (the file's own error says what to fix)."""
    entries: dict[str, list[Entry]] = {name: [] for name in TYPES}
    errors: list[ContentError] = []
    failed: set[tuple[str, str]] = set()
    for content_type in TYPES.values():
        if content_type.layout == "children":
            continue  # read with their parent, in the order the parent lists them
        for path, name in find_files(root, content_type, errors):
            if not is_published_file(path, root):
                errors.append(unreadable(path, root))
                continue
            entry = collect(errors, read_entry, path, root, content_type, vocabularies, name)
            if entry is None:
                failed |= {
                    (content_type.name, slug)
                    for slug in likely_addresses(path, root, content_type, name)
                }
                continue
            if content_type.layout == "folders":
                entry, children = read_children(entry, root, vocabularies, errors)
                entries[child_type(content_type).name] += children
            entries[content_type.name].append(entry)
    errors += check_tree_files(root)
    for name, found in entries.items():
        found.sort(key=TYPES[name].order)
    return entries, errors, failed


def likely_addresses(path: Path, root: Path, content_type: ContentType, name: str) -> set[str]:
    """The addresses a file with errors would have had: its name, and what its `slug` or
    title make, as far as its front matter can be read at all."""
    addresses = {name}
    try:
        meta = read_source(path, root).meta
    except ContentErrors:
        return addresses
    if isinstance(meta.get("slug"), str):
        addresses.add(meta["slug"])
    if content_type.slug_from == "title" and isinstance(meta.get("title"), str):
        addresses.add(slug_for_title(meta["title"], prefix=content_type.page.split("{")[0]))
    return addresses


def find_files(root: Path, content_type: ContentType, errors: list) -> list[tuple[Path, str]]:
    """(file, the name its address is made from) for every file of a type."""
    folder = root / content_type.folder
    if not folder.is_dir():
        return []
    if content_type.layout == "single":
        index = folder / "index.md"
        return [(index, folder.name)] if index.is_file() else []
    if content_type.layout == "folders":
        found = []
        for sub in sorted(p for p in folder.iterdir() if p.is_dir()):
            if (sub / "index.md").is_file():
                found.append((sub / "index.md", sub.name))
            else:
                errors.append(
                    ContentError(
                        sub.relative_to(root).as_posix(),
                        1,
                        "index.md",
                        f"mangler oversiktsfilen index.md (forventet "
                        f"index.md med tittel og beskrivelse av "
                        f"{content_type.noun})",
                    )
                )
        return found
    if content_type.layout == "tree":
        skip = content_type.owned_elsewhere()
        return [
            (p, p.relative_to(folder).as_posix())
            for p in sorted(folder.rglob("*.md"))
            if p.relative_to(folder).parts[0] not in skip and not is_editor_leftover(p.name)
        ]
    files = [
        p
        for p in sorted(folder.glob("*.md"))
        if p.name.lower() != "readme.md"
        and not is_editor_leftover(p.name)
        and not (p.name == "index.md" and shares_folder_with_single(content_type))
    ]
    errors += [
        ContentError(
            p.relative_to(root).as_posix(),
            1,
            "fil",
            "blir ikke med på nettstedet (forventet filendelsen .md)",
        )
        for p in sorted(folder.rglob("*"))
        if p.is_file()
        and (
            p.suffix.lower() in STRAY_SUFFIXES
            or (content_type.name == "project" and p.suffix == ".txt")
        )
    ]
    return [(p, p.stem) for p in files]


def unreadable(path: Path, root: Path) -> ContentError:
    rel = path.relative_to(root).as_posix()
    if path.is_symlink() and not path.exists():
        why = "er en snarvei til en fil som ikke finnes (forventet en vanlig fil; slett snarveien)"
    else:
        why = (
            "er en snarvei ut av innholdsmappene (forventet en vanlig fil i mappen; kopier "
            "filen hit i stedet for å lenke til den)"
        )
    return ContentError(rel, 1, "fil", why)


def check_tree_files(root: Path) -> list[ContentError]:
    """Every file under the content folders that the build would copy or read must be a
    real file inside them: a symlink out of the repository is refused, not followed."""
    errors = []
    for base in content_roots(root):
        for path in sorted(base.rglob("*")):
            if is_editor_leftover(path.name):
                continue  # never read or published (paths.is_editor_leftover)
            if (path.is_symlink() or not path.exists()) and not is_published_file(path, root):
                errors.append(unreadable(path, root))
    return errors


def shares_folder_with_single(content_type: ContentType) -> bool:
    return any(t.layout == "single" and t.folder == content_type.folder for t in TYPES.values())


def read_entry(
    path: Path,
    root: Path,
    content_type: ContentType,
    vocabularies: Vocabularies,
    name: str,
    parent: str | None = None,
) -> Entry:
    source = read_source(path, root)
    meta = validate_entry(source, content_type.model, vocabularies, root)
    if content_type.layout == "tree":
        slug = name  # a hand-written page's address is its path: om/index.md
    elif getattr(meta, "slug", None):
        slug = meta.slug
    elif content_type.slug_from == "title":
        slug = slug_for_title(meta.title, prefix=content_type.page.split("{")[0])
    else:
        slug = slug_from_file(source, name)
    folder = source.path.parent
    sizes = {name: (folder / name).stat().st_size for _, name in referenced_files(meta)}
    transcript = getattr(meta, "transcript", None)
    text = (folder / transcript).read_text(encoding="utf-8") if transcript else None
    return Entry(content_type, meta, slug, source, parent=parent, file_sizes=sizes, transcript=text)


def child_type(content_type: ContentType) -> ContentType:
    return next(t for t in TYPES.values() if t.parent == content_type.name)


def read_children(
    parent: Entry, root: Path, vocabularies: Vocabularies, errors: list
) -> tuple[Entry, list[Entry]]:
    """A course's modules, in the order its `modules:` lists them; files it does not list
    and names it lists without a file are both errors."""
    kind = child_type(parent.type)
    folder = parent.source.path.parent
    files = {p.stem: p for p in folder.glob("*.md") if p.name != "index.md"}
    listed = list(parent.meta.modules)
    children = []
    for position, name in enumerate(listed):
        if name not in files:
            errors.append(
                ContentError(
                    parent.source.rel,
                    parent.source.line_of(("modules", position)),
                    f"modules[{position}]",
                    f"finner ikke modulen '{name}' (forventet filen "
                    f"{folder.relative_to(root).as_posix()}/{name}.md)",
                )
            )
            continue
        child = collect(
            errors, read_entry, files[name], root, kind, vocabularies, name, parent.slug
        )
        if child:
            children.append(child)
    for name in sorted(set(files) - set(listed)):
        errors.append(
            ContentError(
                files[name].relative_to(root).as_posix(),
                1,
                "modules",
                f"modulen er ikke med i kurset (forventet '{name}' i 'modules:' i "
                f"{parent.source.rel})",
            )
        )
    return replace(parent, children=tuple(children)), children


def collect(errors: list, action, *args):
    try:
        return action(*args)
    except ContentErrors as problem:
        errors.extend(problem.errors)
        return None
