"""`python build.py new <type> "Tittel"`: a new content file with every field explained.

The comments list allowed values straight from data/vocabulary.yml, so a new theme or region
shows up in the next scaffold without anyone editing this file.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from .slugs import slug_for_title
from .vocabulary import Vocabularies

REPORT_SECTIONS = ["Prosjektbeskrivelse", "Gjennomføring", "InnoMeds bidrag",
                   "Resultater og læring", "Veien videre"]


class ScaffoldError(Exception):
    """The file exists already, or the request cannot be met; the message says why."""


def quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def allowed(vocabularies: Vocabularies, name: str) -> str:
    return " | ".join(vocabularies[name].labels)


def project_text(title: str, today: dt.date, v: Vocabularies) -> str:
    sections = "\n\n".join(f"## {heading}\n\nSkriv her." for heading in REPORT_SECTIONS)
    return f"""---
# Tittel slik den vises på siden og i lister.
title: {quoted(title)}
# Ingress: ett til tre setninger som vises på kort i lister og i søk. Påkrevd.
summary:
# Prosjekterfaring (full erfaringsrapport) eller Prosjektbeskrivelse (kort omtale). Påkrevd.
# Tillatt: {allowed(v, "kinds")}
kind: Prosjekterfaring
# Status for prosjektet (ikke for veiledningen). Tillatt: {allowed(v, "statuses")}
status: Pågående
# Helseregion(er), én eller flere. Tillatt: {allowed(v, "regions")}
# Eksempel: regions: [Midt-Norge]   (skriv regions: [] bare hvis regionen ikke er kjent)
regions:
# Prosjekteier (virksomhet). Påkrevd. Eksempel: Stavanger universitetssjukehus
owner:
# Samarbeidspartnere. Eksempel: partners: [Sola kommune, Stavanger kommune]
partners: []
# Pasientgrupper. Tillatt: {allowed(v, "patient_groups")}
patient_groups: []
# Temaer (hvert tema har egen side). Tillatt: {allowed(v, "themes")}
themes: []
# Støtte fra InnoMed, én blokk per tildeling. type: {allowed(v, "support_types")}
# round: tildelingsrunde som 2026-S1 (bruk year: 2026 i stedet hvis runden er ukjent).
# hours: tildelte timer (tall), hvis kjent. description: hva støtten gjaldt.
support:
  - type: Skreddersydd innovasjonsrådgivning
    round: {today.year}-S1
# Type innovasjon, hvis kjent. Tillatt: {allowed(v, "innovation_types")}
# innovation_type: Ny innovasjon
# Forventede leveranser. Tillatt: {allowed(v, "deliverables")}
deliverables: []
# Fase i Prosjektveiviseren ved start og slutt av veiledningen. Tillatt: {allowed(v, "phases")}
# phase_start: Planlegge
# phase_end: Gjennomføre
# Perioder: år, år-måned eller dato, i anførselstegn.
# project_period: {{start: "2025-01", end: "2026-12"}}
# coaching_period: {{start: "2025-05", end: "2025-11"}}
# Kontaktpersoner (navn, rolle, virksomhet, jobb-e-post).
contacts: []
#  - name: Kari Nordmann
#    role: Prosjektleder
#    organisation: Sola kommune
#    email: kari.nordmann@sola.kommune.no
# Forsidebilde: filen ligger ved siden av denne filen. alt beskriver bildet for den som ikke
# ser det; skriv decorative: true i stedet hvis bildet bare er pynt.
# image: {{file: bilder/forside.jpg, alt: "Prosjektgruppen samlet rundt et bord"}}
# Vedlegg til nedlasting (filen ligger ved siden av denne filen). Type og størrelse skrives
# automatisk.
attachments: []
#  - title: Sluttrapport
#    file: vedlegg/sluttrapport.pdf
#    description: Prosjektets sluttrapport
# Språk: nb (bokmål) eller nn (nynorsk).
lang: nb
# true hvis prosjektet er med i Prosjekt X.
prosjekt_x: false
# Relaterte prosjekter: adressen (slug) til andre prosjekter, som i /prosjekt/<slug>/.
related: []
# Gamle adresser på innomed.no som skal sende leserne hit, for eksempel /prosjekt/gammel-adresse
legacy_paths: []
# Datoer (ÅÅÅÅ-MM-DD).
published: {today.isoformat()}
# updated: {today.isoformat()}
---
{sections}
"""


def news_text(title: str, today: dt.date, v: Vocabularies) -> str:
    return f"""---
# Overskrift.
title: {quoted(title)}
# Publiseringsdato (ÅÅÅÅ-MM-DD).
date: {today.isoformat()}
# Ingress: ett til tre setninger. Påkrevd.
summary:
# Relaterte prosjekter (slug). Lenk til prosjekter i teksten med [navnet](prosjekt:slug).
related_projects: []
# Bilde (filen ligger ved siden av denne filen) med alternativ tekst.
# image: {{file: bilder/bilde.jpg, alt: "Beskrivelse av bildet"}}
# Språk: nb (bokmål) eller nn (nynorsk).
lang: nb
---
Skriv saken her. Bruk ## for mellomtitler.
"""


def tool_text(title: str, today: dt.date, v: Vocabularies) -> str:
    return f"""---
# Navnet på verktøyet.
title: {quoted(title)}
# Hva verktøyet er til, i én eller to setninger. Påkrevd.
summary:
# Hvem verktøyet er for. Eksempel: audience: [Prosjektledere, Tjenesteutviklere]
audience: []
# Filer til nedlasting, i content/verktoy/filer/. Type, størrelse og dato skrives automatisk.
downloads: []
#  - title: Mal for tjenesteforløp
#    file: filer/mal.xlsx
#    description: Tom mal til å fylle ut
# Hvis filen ikke ligger her: hvordan man får tak i verktøyet (påkrevd uten downloads).
how_to_get:
# Relaterte prosjekter (slug).
related_projects: []
lang: nb
updated: {today.isoformat()}
---
## Hva er verktøyet til?

Skriv her.

## Hvem er det for?

Skriv her.

## Slik bruker du det

Skriv her.
"""


def episode_text(title: str, number: int, today: dt.date) -> str:
    return f"""---
# Episodenummer.
number: {number}
title: {quoted(title)}
# Kort beskrivelse av episoden. Påkrevd.
summary:
# Gjester: navn, rolle og virksomhet.
guests: []
#  - name: Kari Nordmann
#    role: Prosjektleder
#    organisation: Sola kommune
# Publiseringsdato (ÅÅÅÅ-MM-DD), når episoden er ute.
# date: {today.isoformat()}
# Varighet, for eksempel 42:30 eller 1:02:03.
# duration: "42:30"
# Lydfilen: url (https://...), type (audio/mpeg for mp3) og length (filstørrelse i byte).
# Uten lydfil vises episoden på nettstedet, men ikke i podkast-feeden.
# audio: {{url: "https://...", type: audio/mpeg, length: 12345678}}
# Episoden hos lyttetjenester.
links: []
#  - service: Spotify
#    url: https://open.spotify.com/episode/...
# Transkripsjon: en markdown-fil ved siden av denne filen.
# transcript: transkripsjoner/episode-{number}.md
# Relaterte prosjekter (slug).
related_projects: []
lang: nb
---
Skriv om episoden her.
"""


def course_text(title: str, today: dt.date) -> str:
    return f"""---
title: {quoted(title)}
# Kort beskrivelse av kurset. Påkrevd.
summary:
# Hvem kurset er for.
audience: []
# Hva deltakerne lærer.
outcomes: []
# Tilgjengelig (kan tas nå, må ha moduler) eller Kommer (under utvikling).
status: Kommer
# Tilgjengelig fra (år eller år-måned).
available_from: "{today.year}"
# Modulene i rekkefølge: filnavnene uten .md. Lag en modul med
#   python build.py new module <kurs> "Tittel"
modules: []
lang: nb
---
*Kursbeskrivelse.*

Skriv om kurset her.
"""


def module_text(title: str, course_title: str) -> str:
    return f"""---
title: {quoted(title)}
# Kort beskrivelse av modulen.
summary:
# Læringsmål: hva deltakeren kan etter modulen. Minst ett.
goals:
  - Skriv et læringsmål her
# Antatt tid i minutter.
minutes: 20
# Filer til nedlasting (ved siden av denne filen).
downloads: []
lang: nb
---
*Kursinnhold – modul i kurset {course_title}.*

## Innledning

Skriv her.
"""


def next_episode_number(root: Path) -> int:
    numbers = [int(m.group(1)) for p in (root / "podcast").glob("*.md")
               if (m := re.match(r"(\d+)-", p.name))]
    return max(numbers, default=0) + 1


def scaffold(kind: str, args: list[str], root: Path, vocabularies: Vocabularies,
             today: dt.date) -> tuple[Path, list[str]]:
    """Return the new file's path and any follow-up steps for the editor."""
    steps: list[str] = []
    if kind == "module":
        if len(args) != 2:
            raise ScaffoldError('bruk: python build.py new module <kurs> "Tittel"')
        course, title = args
        course_dir = root / "courses" / course
        if not (course_dir / "index.md").is_file():
            raise ScaffoldError(f"finner ikke kurset '{course}' (forventet "
                                f"courses/{course}/index.md; se mappene i courses/)")
        slug = slug_for_title(title, prefix=f"kurs/{course}/")
        path = course_dir / f"{slug}.md"
        text = module_text(title, course)
        steps.append(f"Legg til '- {slug}' under modules: i courses/{course}/index.md "
                     "der modulen skal stå i rekkefølgen.")
    else:
        if len(args) != 1:
            raise ScaffoldError(f'bruk: python build.py new {kind} "Tittel"')
        title = args[0]
        if kind == "project":
            path = root / "projects" / f"{slug_for_title(title)}.md"
            text = project_text(title, today, vocabularies)
        elif kind == "news":
            path = root / "content/aktuelt" / f"{slug_for_title(title, 'aktuelt/')}.md"
            text = news_text(title, today, vocabularies)
        elif kind == "tool":
            path = root / "content/verktoy" / f"{slug_for_title(title, 'verktoy/')}.md"
            text = tool_text(title, today, vocabularies)
        elif kind == "episode":
            number = next_episode_number(root)
            slug = slug_for_title(title, "podcast/")
            path = root / "podcast" / f"{number:02}-{slug}.md"
            text = episode_text(title, number, today)
        elif kind == "course":
            path = root / "courses" / slug_for_title(title, "kurs/") / "index.md"
            text = course_text(title, today)
        else:
            raise ScaffoldError(f"ukjent type '{kind}' (forventet project, news, tool, "
                                "episode, course eller module)")
    if not path.stem and path.name == ".md":
        raise ScaffoldError("tittelen gir ingen adresse (forventet bokstaver eller tall)")
    if path.exists():
        raise ScaffoldError(f"{path.relative_to(root).as_posix()} finnes allerede (forventet "
                            "et nytt navn; velg en annen tittel, eller rediger filen som "
                            "finnes)")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path, steps
