"""URL slugs as the old Drupal site made them, and readable heading anchors."""

from __future__ import annotations

from slugify import slugify

# Drupal pathauto's default ignore list: the old site dropped these words from paths.
PATHAUTO_STOPWORDS = (
    "a",
    "an",
    "as",
    "at",
    "before",
    "but",
    "by",
    "for",
    "from",
    "is",
    "in",
    "into",
    "like",
    "of",
    "off",
    "on",
    "onto",
    "per",
    "since",
    "than",
    "the",
    "this",
    "that",
    "to",
    "up",
    "via",
    "with",
)
# pathauto capped the whole path (e.g. "prosjekt/...") at 100 characters.
MAX_PATH_LENGTH = 100
NORWEGIAN_LETTERS = [["æ", "ae"], ["Æ", "ae"], ["ø", "o"], ["Ø", "o"], ["å", "a"], ["Å", "a"]]
DROPPED_PUNCTUATION = [["'", ""], ["’", ""], [".", ""]]


def slug_for_title(title: str, prefix: str = "prosjekt/") -> str:
    """`Prosjekterfaring: Økonomi for ...` -> `prosjekterfaring-okonomi`, as innomed.no did."""
    return slugify(
        title,
        max_length=MAX_PATH_LENGTH - len(prefix),
        word_boundary=True,
        save_order=True,
        stopwords=PATHAUTO_STOPWORDS,
        replacements=NORWEGIAN_LETTERS + DROPPED_PUNCTUATION,
    )


def heading_anchor(value: str, separator: str = "-") -> str:
    """Markdown `toc` slugify that keeps Norwegian words readable: `Økonomi` -> `okonomi`."""
    return slugify(value, separator=separator, replacements=NORWEGIAN_LETTERS)
