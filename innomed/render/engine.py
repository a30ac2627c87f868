"""The only module that imports MkDocs: render the staged tree, then swap it into place.

Keeping the engine behind this one function means MkDocs 1.x, ProperDocs or Zensical can be
swapped in here without touching the content pipeline.
"""

from __future__ import annotations

import ctypes
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from innomed.render.postprocess import postprocess
from innomed.search.index import SearchIndexError, index_site
from innomed.speed.cores import default_workers


class RenderError(Exception):
    """MkDocs refused the staged site (strict mode turns every warning into this)."""

    def __init__(self, text: str, messages: list[str] | None = None):
        super().__init__(text)
        self.messages = messages or []


class WarningCollector(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def pin_build_date(root: Path) -> None:
    """MkDocs stamps pages and the sitemap's gzip header with the build date; pin it to the
    last commit (the reproducible-builds SOURCE_DATE_EPOCH convention MkDocs honours)."""
    from innomed.model.gitdates import head_commit_timestamp

    if "SOURCE_DATE_EPOCH" not in os.environ:
        stamp = head_commit_timestamp(root)
        os.environ["SOURCE_DATE_EPOCH"] = str(stamp if stamp is not None else 0)


def render(
    config_file: Path,
    docs_dir: Path,
    out: Path,
    not_in_nav: Sequence[str] = (),
    verify: Callable[[Path], None] | None = None,
    workers: int | None = None,
) -> int:
    """Build into a temporary folder beside `out`, let `verify` refuse it, and swap only on
    success. Returns the page count. Callers hold the build lock (lock.py). `workers` share
    the page-by-page steps after MkDocs (postprocess, search index; cores.map_in_order)."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    pin_build_date(config_file.parent)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    out = out.resolve()
    recover(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.new-"))
    collector = WarningCollector()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(collector)
    previous_level = mkdocs_log.level
    mkdocs_log.setLevel(logging.WARNING)
    try:
        config = load_config(
            str(config_file),
            docs_dir=str(docs_dir),
            site_dir=str(temporary),
            strict=True,
            **not_in_nav_option(not_in_nav),
        )
        workers = default_workers() if workers is None else workers
        build(config)  # MkDocs' own public build: the one path every site takes
        postprocess(temporary, workers)
        # On the finished pages, before the swap: a failed index keeps the previous site.
        index_site(temporary, workers)
    except SearchIndexError as error:
        shutil.rmtree(temporary, ignore_errors=True)
        raise RenderError(str(error)) from None
    except BaseException as error:
        shutil.rmtree(temporary, ignore_errors=True)
        if not isinstance(error, (MkDocsException, SystemExit, OSError)):
            raise  # Ctrl+C and the like: nothing half-built stays behind
        details = "\n".join(f"  - {message}" for message in collector.messages)
        raise RenderError(
            f"MkDocs stoppet bygget: {error}\n{details}".rstrip(), collector.messages
        ) from None
    finally:
        mkdocs_log.removeHandler(collector)
        mkdocs_log.setLevel(previous_level)
    if collector.messages:
        shutil.rmtree(temporary, ignore_errors=True)
        raise RenderError(
            "MkDocs ga advarsler (streng modus):\n"
            + "\n".join(f"  - {m}" for m in collector.messages),
            collector.messages,
        )
    try:
        if verify:
            verify(temporary)
        swap_into_place(temporary, out)
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
    return sum(1 for _ in out.rglob("index.html"))


def not_in_nav_option(folders) -> dict:
    """Generated sections are reached from listings, never from the sidebar: Material renders
    the whole nav into every page, so hundreds of projects there would bloat each page."""
    return {"not_in_nav": "\n".join(f"/{folder}/*" for folder in folders)} if folders else {}


def swap_into_place(new: Path, out: Path) -> None:
    """Put the new site in place. On Linux the two folders trade places in one atomic step,
    so a build killed at any moment leaves either the old or the new site, never none."""
    if out.exists() and exchange(new, out):
        return  # the old site is now at `new`, which the caller removes
    old = out.parent / f".{out.name}.old"
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    new.rename(out)  # a kill between the two renames is mended by recover()
    shutil.rmtree(old, ignore_errors=True)


def exchange(first: Path, second: Path) -> bool:
    """renameat2(RENAME_EXCHANGE); False where the system has no such call."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange)
    return result == 0


def recover(out: Path) -> None:
    """Mend what a killed build can leave: the old site set aside but not restored, and
    temporary folders nobody will finish. Callers hold the build lock, so none is in use."""
    old = out.parent / f".{out.name}.old"
    if old.is_dir() and not out.exists():
        old.rename(out)
    shutil.rmtree(old, ignore_errors=True)
    for stale in out.parent.glob(f".{out.name}.new*"):
        shutil.rmtree(stale, ignore_errors=True)
