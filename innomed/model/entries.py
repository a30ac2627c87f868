"""A validated content file: its type, typed front matter, address and body."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from innomed.model.sources import Source

if TYPE_CHECKING:
    from innomed.model.registry import ContentType


@dataclass(frozen=True)
class Entry:
    type: ContentType
    meta: Any  # the type's pydantic model
    slug: str
    source: Source
    parent: str | None = None  # slug of the entry this one belongs to (a module's course)
    children: tuple = ()  # entries that belong to this one, in order (a course's modules)
    # Read with the entry, so that generators never touch the disk: the size of every file
    # the front matter names, and a transcript's text.
    file_sizes: dict = field(default_factory=dict, hash=False)  # compared: pages show sizes
    transcript: str | None = None

    @property
    def body(self) -> str:
        return self.source.body

    @property
    def total_minutes(self) -> int | None:
        """A course's length: its modules added up, or its own estimate before it has any."""
        if self.children:
            return sum(child.meta.minutes for child in self.children)
        return getattr(self.meta, "estimated_minutes", None)
