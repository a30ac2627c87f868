"""Content problems reported to editors as `path:line: field: message`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class ContentError:
    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"

    def as_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "field": self.field, "message": self.message}


class ContentErrors(Exception):
    """Every problem found in one pass, so an editor can fix them all at once."""

    def __init__(self, errors: list[ContentError]):
        self.errors = sorted(set(errors))
        super().__init__(f"{len(self.errors)} feil i innholdet")

    def __str__(self) -> str:
        return "\n".join(str(error) for error in self.errors)


def summarize(count: int) -> str:
    return "1 feil" if count == 1 else f"{count} feil"
