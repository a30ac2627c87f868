"""The order in which each type is listed: one sort key per type, named in the registry."""

from __future__ import annotations

from innomed.model.collation import norwegian_key
from innomed.model.dates import partial_date_end


def newest_allocation_first(entry) -> tuple:
    """Latest allocation round first, then latest published, then Norwegian title order."""
    rounds = [(s.allocation_year, int(s.round[-1]) if s.round else 0) for s in entry.meta.support]
    latest = max(rounds, default=(0, 0))
    published = entry.meta.published.toordinal() if entry.meta.published else 0
    return (-latest[0], -latest[1], -published, norwegian_key(entry.meta.title))


def newest_first(entry) -> tuple:
    """By what the date says, never by an invented 1 January: an item dated only '2025' may be
    from December, so it is not put behind one from June 2025. Among equals, the more precise
    date first, then Norwegian title order."""
    date = entry.meta.date
    return (-partial_date_end(date).toordinal(), -len(date), norwegian_key(entry.meta.title))


def by_title(entry) -> tuple:
    return norwegian_key(entry.meta.title)


def highest_number_first(entry) -> int:
    return -entry.meta.number


def by_address(entry) -> str:
    return entry.slug
