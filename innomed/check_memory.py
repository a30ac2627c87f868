"""`check` again after an edit to the text of a page, without checking the whole site again.

A check that passes leaves a memory of what it saw, outside the project, where a pull
request cannot put one (INNOMED_CACHE_DIR, else $XDG_CACHE_HOME/innomed or ~/.cache/innomed;
INNOMED_CACHE_DIR set to nothing turns it off): every file the check could read, what each
content file's front matter and body were, every page's links and anchors, and each entry
page's text around its body. The next `check` compares the files with it:

- nothing changed: the last answer stands;
- only bodies changed, and only in what no other page reads (the front matter and the
  `kind:slug` links are as they were), and each such body is on its entry's own page alone:
  those bodies get the body checks, their pages' links and anchors are checked, and so are
  the anchors other pages point into them. That is everything the whole check would find
  different, because nothing else it looks at has changed;
- front matter changed only in fields pages show as escaped text (`text_only` in
  models.py: a summary, an owner, notes): the file is validated alone. Such text makes no
  link, anchor or file on any page, and no other check reads it;
- anything else, any doubt, or any problem found: the whole check runs.

So the memory only ever shortens the way to "OK": every error an editor sees comes from
the whole check, and the build never reads the memory.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import stat
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import content as content_module
from . import sources as sources_module
from .content import body_problems
from .errors import ContentErrors
from .generate_sections import own_markdown
from .links import INTERNAL_LINK, check_internal_links
from .outline import Outline, unpack
from .pipeline import UNTRACKED_INPUTS, VOCABULARY_FILE, installed_packages, today
from .registry import TYPES, page_of, source_folders
from .site_links import heading_ids, links_in
from .sources import Remembered, Source, parse_source, stable_bytes
from .validate import validate_entry
from .vocabulary import Vocabularies, load_vocabularies

FORMAT = 3  # raised whenever what is remembered, or how it is read, changes

# Top-level folders that builds, tests and tools write and `check` never reads; anywhere
# else in the project a changed file means the whole check runs.
NOT_READ = {"site", ".build", ".git", "node_modules", ".pytest_cache", ".mypy_cache"}
NOT_READ_PREFIXES = (".venv", ".site.", ".ruff_cache", ".hypothesis")
# Settings `check` reads from the environment.
SETTINGS = ("INNOMED_TODAY",)
RACY_NS = 2_000_000_000  # far more than any file system's clock tick


@dataclass(frozen=True)
class Scan:
    """What the project looks like now, without reading any file."""

    sources: dict[str, tuple]  # content markdown file -> its stat
    project: str  # digest of everything else `check` could read
    code: str  # digest of the generator's code, Python and the installed packages
    started: int  # time.time_ns() when the scan began


@dataclass(frozen=True)
class Answer:
    """What `check` says when it passes."""

    warnings: list[str]
    projects: int
    pages: int


def memory_file(root: Path) -> Path | None:
    folder = os.environ.get("INNOMED_CACHE_DIR")
    if folder is None:
        try:
            base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        except RuntimeError:  # no home folder to be found
            return None
        folder = str(Path(base) / "innomed")
    if not folder:
        return None
    name = hashlib.blake2b(str(root.resolve()).encode(), digest_size=12).hexdigest()
    return Path(folder) / f"check-{name}.marshal"


def scan(root: Path) -> Scan:
    started = time.time_ns()
    found: dict[str, tuple] = {}
    listing: list[str] = []
    content_folders = set(source_folders()) - {"data"}
    for top in sorted(os.listdir(root)):
        if top in NOT_READ or top.startswith(NOT_READ_PREFIXES):
            continue
        in_content = top in content_folders  # an editor's folder is read whatever its name
        for path, status in walk(root / top, skip_caches=not in_content):
            rel = path.relative_to(root).as_posix()
            if in_content and rel.endswith(".md"):
                found[rel] = status
            else:
                listing.append(f"{rel} {status}")
    for folder in UNTRACKED_INPUTS:  # the /admin/ files, read though in node_modules
        listing += [f"{p.relative_to(root)} {s}" for p, s in walk(root / folder)]
    listing += [f"{name}={os.environ.get(name, '')}" for name in SETTINGS] + [today().isoformat()]
    package = Path(__file__).parent
    code = [f"{p.relative_to(package)} {s}" for p, s in walk(package)]
    code += [str(FORMAT), sys.version, *installed_packages()]
    return Scan(found, digest_of(listing), digest_of(code), started)


def digest_of(lines: list[str]) -> str:
    return hashlib.blake2b("\n".join(lines).encode("utf-8", "surrogateescape")).hexdigest()


def walk(path: Path, skip_caches: bool = True):
    """(path, stat) of the file, link or every file and link under the folder at `path`,
    links not followed; Python's bytecode caches left out when `skip_caches`."""
    try:
        status = path.lstat()
    except OSError:
        return
    if not stat.S_ISDIR(status.st_mode):
        yield path, stat_key(status) + (linked(path) if stat.S_ISLNK(status.st_mode) else ())
        return
    try:
        names = sorted(os.listdir(path))
    except OSError:
        return
    for name in names:
        if not (skip_caches and name == "__pycache__"):
            yield from walk(path / name, skip_caches)


def stat_key(status: os.stat_result) -> tuple:
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)


def linked(path: Path) -> tuple:
    """A link's target and that file's stat: an edit to the target changes what the check
    reads through the link, though the link itself stays the same."""
    try:
        target = os.readlink(path)
        return (target, *stat_key(path.stat()))
    except OSError:
        return ("missing",)


def recheck(root: Path, now: Scan, memory: dict | None) -> Answer | None:
    """The answer of the whole check, when the memory shows what it would be; else None."""
    if memory is None or (memory["project"], memory["code"]) != (now.project, now.code):
        return None
    remembered = memory["sources"]
    if remembered.keys() != now.sources.keys():
        return None
    edited: dict[str, tuple[Source, str]] = {}
    changed = False
    valid_alone = ValidAlone(root)
    for rel, status in now.sources.items():
        old_status, face, body, page, kind, structure = remembered[rel]
        if status == old_status:
            continue
        try:
            source = parse_source(root / rel, root)
        except ContentErrors:
            return None
        if face is None:
            return None
        if (new_face := face_of(source)) != face:
            if structure is None or structure_of(source, kind) != structure:
                return None
            if not valid_alone(source, kind):
                return None
            face = new_face
        if (new_body := body_digest(source)) != body:
            if page is None:
                return None
            edited[rel] = (source, page)
        remembered[rel] = (settled(status, now), face, new_body, page, kind, structure)
        changed = True
    if edited and not bodies_pass(edited, memory):
        return None
    if changed:
        store(root, memory)
    return Answer(*memory["answer"])


def bodies_pass(edited: dict[str, tuple[Source, str]], memory: dict) -> bool:
    """Whether the whole check would pass with these bodies in place of the remembered
    ones. Brings the memory's ids and anchors up to date on the way; it is stored only
    when they pass."""
    targets, files, ids = memory["targets"], memory["files"], memory["ids"]
    drafts, unreadable = memory["draft_targets"], memory["unreadable"]
    texts = {}
    for source, page in edited.values():
        if check_internal_links(source, targets, drafts, unreadable) or body_problems(source):
            return False
        own = own_markdown(source.body, page, targets)
        if not own:
            return False  # the page may look different without a body: the whole check
        # As the last whole check made it: a text-only field in it may have changed since,
        # which changes no link or anchor (structure_of).
        before, after = unpack(memory["around"][page])
        texts[page] = "".join((before, own, after))
    for page, text in texts.items():
        ids[page] = frozenset(heading_ids(text))
    for page, text in texts.items():
        links = links_in(page, text)
        memory["anchors"][page] = anchor_links(links)
        for _, resolved, anchor in links:
            if resolved not in files:
                return False
            if anchor and resolved.endswith(".md") and anchor not in ids.get(resolved, ()):
                return False
    # Other pages' anchors into the edited ones.
    return all(
        anchor in ids[resolved]
        for links in memory["anchors"].values()
        for resolved, anchor in links
        if resolved in texts
    )


def anchor_links(links: list) -> tuple:
    return tuple(
        (resolved, anchor) for _, resolved, anchor in links if anchor and resolved.endswith(".md")
    )


@dataclass(frozen=True)
class Learned:
    """What the whole check learns about single files, for the next one."""

    front_matter: Remembered
    clean_bodies: Remembered


@contextmanager
def remembering(memory: dict | None, now: Scan) -> Iterator[Learned]:
    """While the whole check runs: front matter it has parsed before is not parsed again,
    and a body that passed the body checks is not checked again, when the code is the
    same. Both are keyed by digests of the file's text, so they hold whatever else changed."""
    known = memory if memory is not None and memory["code"] == now.code else {}
    learned = Learned(
        Remembered(known.get("front_matter", {})), Remembered(known.get("clean_bodies", {}))
    )
    sources_module.FRONT_MATTER_MEMORY = learned.front_matter
    content_module.CLEAN_BODIES = learned.clean_bodies
    try:
        yield learned
    finally:
        sources_module.FRONT_MATTER_MEMORY = content_module.CLEAN_BODIES = None


def remember(
    root: Path, before: Scan, content, outline: Outline, answer: Answer, learned: Learned
) -> None:
    """After the whole check passed: `before` is the scan taken before it read anything, so
    a file changed while it ran looks changed to the next check."""
    if memory_file(root) is None:
        return
    entries = {entry.source.rel: entry for entry in every_entry(content)}
    remembered: dict[str, tuple] = {}
    for rel, status in before.sources.items():
        entry = entries.get(rel)
        if entry is None:
            remembered[rel] = (settled(status, before), None, None, None, None, None)
            continue
        page = page_of(entry) if entry.type.template else None
        kind = entry.type.name
        remembered[rel] = (
            settled(status, before),
            face_of(entry.source),
            body_digest(entry.source),
            page if page in outline.around else None,
            kind,
            structure_of(entry.source, kind),
        )
    store(
        root,
        {
            "format": FORMAT,
            "root": str(root.resolve()),
            "project": before.project,
            "code": before.code,
            "front_matter": learned.front_matter.seen,
            "clean_bodies": learned.clean_bodies.seen,
            "sources": remembered,
            "around": outline.around,
            "ids": {page: frozenset(ids) for page, ids in outline.ids.items()},
            "anchors": {page: anchor_links(links) for page, links in outline.links.items()},
            "files": frozenset(item.path for item in outline.items),
            "targets": content.targets,
            "draft_targets": frozenset(content.draft_targets),
            "unreadable": frozenset(content.unreadable_targets),
            "answer": (answer.warnings, answer.projects, answer.pages),
        },
    )


def settled(status: tuple, scan: Scan) -> tuple | None:
    """A file's stat, or None if it was written so close to the scan that a second write in
    the same tick of the file system's clock would leave it the same (git's "racily clean"
    files): such a file is read again next time."""
    if len(status) > 4:
        return None  # a link: what it points to may change without it changing; read again
    modified = status[1]
    return None if modified >= scan.started - RACY_NS else status


def every_entry(content):
    """Every entry read, shown or not, with the courses' modules."""
    for group in (content.entries, content.drafts):
        for entries in group.values():
            for entry in entries:
                yield entry
                yield from entry.children


def face_of(source: Source) -> str | None:
    """What other pages and checks may read of a file: its front matter (as data, with the
    line of every field), where its body starts, and its `kind:slug` links."""
    return data_digest((source.meta, source.lines, source.body_line, kind_slug_links(source)))


def structure_of(source: Source, kind: str) -> str | None:
    """What other pages and checks read of a file besides text (see face_of): its front
    matter without the type's text-only fields, and its `kind:slug` links. Lines are left
    out: they only ever appear in errors, and errors come from the whole check."""
    shown_as_text = TYPES[kind].text_fields()
    meta = {name: value for name, value in source.meta.items() if name not in shown_as_text}
    return data_digest((meta, kind_slug_links(source)))


def kind_slug_links(source: Source) -> list[str]:
    return [match[0] for match in INTERNAL_LINK.finditer(source.body)]


def data_digest(data) -> str | None:
    try:
        written = stable_bytes(data)
    except ValueError:  # a value marshal cannot write: such a file is always checked whole
        return None
    return hashlib.blake2b(written).hexdigest()


class ValidAlone:
    """Whether a file's front matter passes validation on its own, as the whole check
    validates it; the vocabularies are read once, when first needed."""

    def __init__(self, root: Path):
        self.root = root
        self.vocabularies: Vocabularies | None = None

    def __call__(self, source: Source, kind: str) -> bool:
        try:
            if self.vocabularies is None:
                self.vocabularies = load_vocabularies(self.root / VOCABULARY_FILE, self.root)
            validate_entry(source, TYPES[kind].model, self.vocabularies, self.root)
        except ContentErrors:
            return False
        return True


def body_digest(source: Source) -> str:
    return hashlib.blake2b(source.body.encode("utf-8", "surrogateescape")).hexdigest()


def recall(root: Path) -> dict | None:
    path = memory_file(root)
    if path is None:
        return None
    try:
        memory = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None  # none yet, or unreadable: the whole check writes a new one
    if not isinstance(memory, dict) or memory.get("format") != FORMAT:
        return None
    if memory.get("root") != str(root.resolve()):
        return None
    return memory


def store(root: Path, memory: dict) -> None:
    path = memory_file(root)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial = path.with_name(f"{path.name}.{os.getpid()}")
        partial.write_bytes(marshal.dumps(memory))
        os.replace(partial, path)
    except OSError:
        pass  # a check without a memory is only slower
