"""The project's settings files, read without MkDocs: mkdocs.yml (its !!python tags are
ignored here), the annual reports' figures, and the publishing day."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import yaml

from innomed.model.errors import ContentError, ContentErrors
from innomed.model.sources import yaml_error

VOCABULARY_FILE = Path("data/vocabulary.yml")


ANNUAL_REPORTS_FILE = Path("data/annual_reports.yml")


CONFIG_FILE = Path("mkdocs.yml")


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


def config_line(root: Path, key: str) -> int:
    lines = (root / CONFIG_FILE).read_text(encoding="utf-8").split("\n")
    return next((n for n, line in enumerate(lines, 1) if line.strip().startswith(key + ":")), 1)
