"""Dates as Norwegian readers see them, and partial dates (year or month only) made sortable."""

from __future__ import annotations

from datetime import date, timedelta

MONTHS_NB = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
]


def format_partial_date(text: str) -> str:
    """'2025-06' -> 'juni 2025'; '2025-06-15' -> '15. juni 2025'; '2025' -> '2025'."""
    parts = [int(part) for part in text.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = MONTHS_NB[parts[1] - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{parts[2]}. {month} {parts[0]}"


def format_period(period, lang: str = "nb") -> str:
    """'mars 2025 – oktober 2025'; an unknown end or start is left out, never shown as "?"
    or guessed as "pågår" (issue 24)."""
    if period is None or not (period.start or period.end):
        return ""
    if not period.start:
        return f"til {format_partial_date(period.end)}"
    if not period.end:
        return f"{'frå' if lang == 'nn' else 'fra'} {format_partial_date(period.start)}"
    return f"{format_partial_date(period.start)} – {format_partial_date(period.end)}"


def format_date(value: date) -> str:
    return f"{value.day}. {MONTHS_NB[value.month - 1]} {value.year}"


def partial_date_end(text: str) -> date:
    """The last day a partial date can mean: '2025' -> 2025-12-31, '2025-02' -> 2025-02-28."""
    parts = [int(part) for part in str(text).split("-")]
    if len(parts) == 3:
        return date(*parts)
    month = parts[1] if len(parts) == 2 else 12
    following = date(parts[0] + (month == 12), month % 12 + 1, 1)
    return following - timedelta(days=1)


def partial_date_start(text: str) -> date:
    """The first day a partial date can mean: '2025-11' -> 2025-11-01 (for feeds and sorting)."""
    parts = [int(part) for part in str(text).split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
