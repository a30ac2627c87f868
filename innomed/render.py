"""The only module that imports MkDocs: render the staged tree, then swap it into place.

Keeping the engine behind this one function means MkDocs 1.x, ProperDocs or Zensical can be
swapped in here without touching the content pipeline.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Sequence
from pathlib import Path

from .postprocess import postprocess
from .search_index import SearchIndexError, index_site


class RenderError(Exception):
    """MkDocs refused the staged site (strict mode turns every warning into this)."""


class WarningCollector(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def pin_build_date(root: Path) -> None:
    """MkDocs stamps pages and the sitemap's gzip header with the build date; pin it to the
    last commit (the reproducible-builds SOURCE_DATE_EPOCH convention MkDocs honours)."""
    from .gitdates import head_commit_timestamp

    if "SOURCE_DATE_EPOCH" not in os.environ:
        stamp = head_commit_timestamp(root)
        os.environ["SOURCE_DATE_EPOCH"] = str(stamp if stamp is not None else 0)


def render(config_file: Path, docs_dir: Path, out: Path, not_in_nav: Sequence[str] = ()) -> int:
    """Build into a temporary folder beside `out` and swap only on success. Returns page count."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    pin_build_date(config_file.parent)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    out = out.resolve()
    temporary = out.parent / f".{out.name}.new"
    shutil.rmtree(temporary, ignore_errors=True)
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
        build(config)
        postprocess(temporary)
        # On the finished pages, before the swap: a failed index keeps the previous site.
        index_site(temporary)
    except SearchIndexError as error:
        shutil.rmtree(temporary, ignore_errors=True)
        raise RenderError(str(error)) from None
    except (MkDocsException, SystemExit, OSError) as error:
        shutil.rmtree(temporary, ignore_errors=True)
        details = "\n".join(f"  - {message}" for message in collector.messages)
        raise RenderError(f"MkDocs stoppet bygget: {error}\n{details}".rstrip()) from None
    finally:
        mkdocs_log.removeHandler(collector)
        mkdocs_log.setLevel(previous_level)
    if collector.messages:
        shutil.rmtree(temporary, ignore_errors=True)
        raise RenderError(
            "MkDocs ga advarsler (streng modus):\n"
            + "\n".join(f"  - {m}" for m in collector.messages)
        )
    swap_into_place(temporary, out)
    return sum(1 for _ in out.rglob("index.html"))


def not_in_nav_option(folders) -> dict:
    """Generated sections are reached from listings, never from the sidebar: Material renders
    the whole nav into every page, so hundreds of projects there would bloat each page."""
    return {"not_in_nav": "\n".join(f"/{folder}/*" for folder in folders)} if folders else {}


def swap_into_place(new: Path, out: Path) -> None:
    old = out.parent / f".{out.name}.old"
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    new.rename(out)
    shutil.rmtree(old, ignore_errors=True)


def serve(config_file: Path, docs_dir: Path, port: int, not_in_nav: Sequence[str] = ()) -> None:
    """MkDocs' live-reload server on the staged tree; it rebuilds when staged files change."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.serve import serve as mkdocs_serve

    # "dirty": MkDocs rebuilds only the staged files that changed, and staging rewrites only
    # files whose bytes changed, so an edit re-renders its own page and the listings it
    # appears in, not the whole site.
    mkdocs_serve(
        str(config_file),
        livereload=True,
        build_type="dirty",
        watch_theme=True,
        dev_addr=f"127.0.0.1:{port}",
        docs_dir=str(docs_dir),
        strict=False,
        **not_in_nav_option(not_in_nav),
    )
