"""Everything InnoMed has to supply or confirm, each item with its file and line.

`build.py check --todo` prints the list; `--write` also writes it to TIL-INNOMED.md in the
repository (not on the site), so InnoMed can read one page. Items come from the content itself
(notes, drafts, missing sources, episodes without audio, tools without a file) and from the
site settings (the contact address), so the list cannot drift from what the build knows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from innomed.model.config import CONFIG_FILE

LIST_FILE = Path("TIL-INNOMED.md")


@dataclass(frozen=True, order=True)
class Item:
    path: str
    line: int
    field: str
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.text}"


def innomed_items(content, root: Path) -> list[Item]:
    """Published entries and drafts alike: a draft's notes are what InnoMed must answer
    before it can be published."""
    drafts = [entry for found in content.drafts.values() for entry in found]
    entries = sorted(content.all_entries() + drafts, key=lambda entry: entry.source.rel)
    items = contact_items(content, root)
    for entry in entries:
        source, meta = entry.source, entry.meta
        if meta.draft:
            items.append(
                Item(
                    source.rel,
                    source.line_of(("draft",)),
                    "draft",
                    f"«{meta.title}» er et utkast og vises ikke; InnoMed må godkjenne "
                    "innholdet før draft: true fjernes",
                )
            )
        for index, note in enumerate(meta.notes):
            items.append(Item(source.rel, source.line_of(("notes", index)), "notes", note))
        if not meta.source:
            items.append(Item(source.rel, 1, "source", "mangler (ingen kilde oppgitt)"))
        if entry.type.name == "episode" and not meta.audio:
            items.append(
                Item(
                    source.rel,
                    1,
                    "audio",
                    f"episode {meta.number} har ingen lydfil på innomed.no; siden lenker til "
                    "serien hos lyttetjenestene",
                )
            )
        if entry.type.name == "tool" and not meta.downloads:
            items.append(
                Item(
                    source.rel,
                    source.line_of(("how_to_get",)),
                    "downloads",
                    "verktøyet har ingen fil til nedlasting; InnoMed må gi filen eller "
                    "bekrefte hvordan man får tak i det",
                )
            )
    return items


def contact_items(content, root: Path) -> list[Item]:
    if content.contact.get("email"):
        return []
    lines = (root / CONFIG_FILE).read_text(encoding="utf-8").split("\n")
    line = next((n for n, text in enumerate(lines, 1) if text.strip() == "email:"), 1)
    return [
        Item(
            CONFIG_FILE.as_posix(),
            line,
            "extra.contact.email",
            "e-postadressen til InnoMeds sekretariat mangler; den vises i bunnteksten, på "
            "søknadssiden og i tilgjengelighetserklæringen",
        )
    ]


def list_page(items: list[Item]) -> str:
    """TIL-INNOMED.md: one line per item, grouped by file."""
    out = [
        "# Til InnoMed: det som må leveres eller bekreftes",
        "",
        "Generert av `build.py check --todo --write` fra innholdet og innstillingene; rediger "
        "ikke denne filen for hånd. Hvert punkt sier hvilken fil og linje det gjelder.",
        "",
    ]
    current = None
    for item in items:
        if item.path != current:
            current = item.path
            out += ["", f"## {item.path}", ""]
        text = " ".join(item.text.split())
        out.append(f"- Linje {item.line} ({item.field}): {text}")
    return "\n".join(out).replace("\n\n\n", "\n\n") + "\n"
