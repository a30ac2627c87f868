"""Front matter of courses, modules, podcast episodes, news and tools."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from innomed.model.models import (
    Attachment,
    EntryMeta,
    Image,
    Listed,
    Model,
    PartialDate,
    PatientGroup,
    Period,
    SitePath,
    Slug,
    Text,
    Theme,
)

Language = Literal["nb", "nn"]


def web_url(value: str) -> str:
    if not re.fullmatch(r"https://[^\s/]+\.[^\s]+", value):
        raise PydanticCustomError(
            "url",
            f"'{value}' er ikke en nettadresse (forventet en "
            "fullstendig adresse som starter med https://)",
        )
    return value


def duration_text(value) -> str:
    """'45:10' or '1:02:03' (or minutes as a number) -> 'H:MM:SS'."""
    text = str(value).strip()
    if re.fullmatch(r"\d+", text):
        minutes = int(text)
        return f"{minutes // 60}:{minutes % 60:02}:00"
    match = re.fullmatch(r"(?:(\d+):)?([0-5]?\d):([0-5]\d)", text)
    if not match:
        raise PydanticCustomError(
            "duration",
            f"'{text}' er ikke en varighet (forventet "
            "minutter:sekunder eller timer:minutter:sekunder, for "
            "eksempel 42:30 eller 1:02:03)",
        )
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return f"{hours}:{minutes:02}:{seconds:02}"


Url = Annotated[str, AfterValidator(web_url)]
Duration = Annotated[str, BeforeValidator(duration_text)]


class CourseMeta(EntryMeta):
    """courses/<kurs>/index.md: what the course is, for whom, and the order of its modules."""

    title: Text = Field(description="Kursets navn")
    slug: Slug | None = Field(None, description="Adresse: /kurs/<slug>/ (standard: mappenavnet)")
    summary: Text = Field(description="Kort beskrivelse av kurset")
    audience: Listed[Text] = Field([], description="Hvem kurset er for")
    outcomes: Listed[Text] = Field([], description="Hva deltakerne lærer (læringsutbytte)")
    status: Literal["Tilgjengelig", "Kommer"] = Field(
        description="Tilgjengelig (kan tas nå) eller Kommer (under utvikling)"
    )
    available_from: PartialDate | None = Field(
        None, description="Tilgjengelig fra (år eller år-måned), for eksempel 2025 eller 2026"
    )
    modules: Listed[Slug] = Field([], description="Modulene i rekkefølge: filnavn uten .md")
    estimated_minutes: int | None = Field(
        None, ge=1, description="Antatt tid i minutter for kurs uten moduler ennå"
    )
    participant_score: float | None = Field(
        None, ge=1, le=5, description="Deltakernes vurdering av relevans (1-5)"
    )
    lang: Language = Field("nb", description="Språk: nb eller nn")
    related_projects: Listed[Slug] = Field([], description="Relaterte prosjekter (slug)")
    updated: dt.date | None = Field(None, description="Sist oppdatert (ÅÅÅÅ-MM-DD)")

    @model_validator(mode="after")
    def live_courses_have_modules(self):
        if self.status == "Tilgjengelig" and not self.modules:
            raise PydanticCustomError(
                "course",
                "et tilgjengelig kurs må ha moduler (forventet "
                "'modules:' med filnavnene til modulene i rekkefølge)",
            )
        return self


class ModuleMeta(EntryMeta):
    """courses/<kurs>/<modul>.md: one module of a course."""

    title: Text = Field(description="Modulens tittel")
    summary: str | None = Field(None, description="Kort beskrivelse av modulen")
    goals: Annotated[
        list[Text],
        BeforeValidator(lambda v: v if isinstance(v, list) else [v]),
        Field(min_length=1),
    ] = Field(description="Læringsmål for modulen")
    minutes: int = Field(ge=1, le=600, description="Antatt tid i minutter")
    downloads: Listed[Attachment] = Field([], description="Filer til nedlasting")
    lang: Language = Field("nb", description="Språk: nb eller nn")


class Guest(Model):
    name: Text = Field(description="Gjestens navn")
    role: str | None = Field(None, description="Rolle eller tittel")
    organisation: str | None = Field(None, description="Virksomhet")


class Audio(Model):
    url: Url = Field(description="Adressen til lydfilen (https://...)")
    type: Literal["audio/mpeg", "audio/mp4", "audio/x-m4a", "audio/aac", "audio/ogg"] = Field(
        description="MIME-type, for eksempel audio/mpeg for mp3"
    )
    length: int = Field(ge=1, description="Filstørrelse i byte")


class ServiceLink(Model):
    service: Text = Field(description="Tjenesten, for eksempel Spotify eller Podbean")
    url: Url = Field(description="Adressen til episoden hos tjenesten")


class PodcastMeta(EntryMeta):
    """podcast/index.md: the series, as shown on /podcast/ and in the feed's channel."""

    title: Text = Field(description="Seriens navn")
    summary: Text = Field(description="Kort beskrivelse av serien")
    author: Text = Field(description="Hvem som lager serien")
    owner_name: Text = Field(description="Eier av feeden (navn)")
    owner_email: str | None = Field(None, description="E-post til eieren av feeden")
    category: Text = Field(description="Apple Podcasts-kategori, for eksempel Health & Fitness")
    subcategory: str | None = Field(None, description="Underkategori, for eksempel Medicine")
    explicit: bool = Field(False, description="true hvis innholdet er merket eksplisitt")
    image: Image | None = Field(None, description="Omslagsbilde (kvadratisk, 1400-3000 px)")
    lang: Language = Field("nb", description="Språk: nb eller nn")
    links: Listed[ServiceLink] = Field([], description="Serien hos lyttetjenester")


class EpisodeMeta(EntryMeta):
    """podcast/<episode>.md: one episode."""

    number: int = Field(ge=1, description="Episodenummer")
    title: Text = Field(description="Episodens tittel")
    slug: Slug | None = Field(None, description="Adresse: /podcast/<slug>/")
    summary: Text = Field(description="Kort beskrivelse av episoden")
    guests: Listed[Guest] = Field([], description="Gjester")
    date: dt.date | None = Field(None, description="Publiseringsdato (ÅÅÅÅ-MM-DD), hvis kjent")
    duration: Duration | None = Field(None, description="Varighet, for eksempel 42:30")
    audio: Audio | None = Field(None, description="Lydfilen, hvis kjent")
    links: Listed[ServiceLink] = Field([], description="Episoden hos lyttetjenester")
    transcript: str | None = Field(None, description="Fil med transkripsjon (markdown)")
    related_projects: Listed[Slug] = Field([], description="Relaterte prosjekter (slug)")
    lang: Language = Field("nb", description="Språk: nb eller nn")


class NewsMeta(EntryMeta):
    """content/aktuelt/<sak>.md: a news article."""

    title: Text = Field(description="Overskrift")
    slug: Slug | None = Field(None, description="Adresse: /aktuelt/<slug>/")
    date: PartialDate = Field(
        description="Publiseringsdato: ÅÅÅÅ-MM-DD, eller bare ÅÅÅÅ-MM "
        "eller ÅÅÅÅ når dagen ikke er kjent"
    )
    summary: Text = Field(description="Ingress")
    written_from: str | None = Field(
        None,
        description="Dokumentet saken er skrevet ut fra, når den ikke er publisert som "
        "nyhetssak før (for eksempel «Årsrapport 2025»). Vises i stedet for "
        "publiseringsdatoen; datoen brukes da bare til rekkefølgen.",
    )
    image: Image | None = Field(None, description="Bilde")
    related_projects: Listed[Slug] = Field([], description="Relaterte prosjekter (slug)")
    legacy_paths: Listed[SitePath] = Field([], description="Gamle adresser på innomed.no")
    lang: Language = Field("nb", description="Språk: nb eller nn")
    updated: dt.date | None = Field(None, description="Sist oppdatert (ÅÅÅÅ-MM-DD)")


class ToolMeta(EntryMeta):
    """content/verktoy/<verktøy>.md: a tool or template to download."""

    title: Text = Field(description="Verktøyets navn")
    slug: Slug | None = Field(None, description="Adresse: /verktoy/<slug>/")
    summary: Text = Field(description="Hva verktøyet er til, kort")
    audience: Listed[Text] = Field([], description="Hvem verktøyet er for")
    downloads: Listed[Attachment] = Field([], description="Filer til nedlasting")
    how_to_get: str | None = Field(
        None,
        description="Hvordan man får verktøyet hvis filen "
        "ikke ligger her (for eksempel kontakt InnoMed)",
    )
    related_projects: Listed[Slug] = Field([], description="Relaterte prosjekter (slug)")
    lang: Language = Field("nb", description="Språk: nb eller nn")
    updated: dt.date | None = Field(None, description="Sist oppdatert (ÅÅÅÅ-MM-DD)")

    @model_validator(mode="after")
    def downloads_or_how_to_get(self):
        if not self.downloads and not (self.how_to_get or "").strip():
            raise PydanticCustomError(
                "tool",
                "verktøyet har verken filer eller 'how_to_get' "
                "(forventet 'downloads:' med filer, eller 'how_to_get:' "
                "som forteller hvordan man får det)",
            )
        return self


class ReportMeta(EntryMeta):
    """content/rapporter/<rapport>.md: an experience report about an InnoMed offer (such as a
    round of group coaching) rather than about one project. Reports have no allocations of
    their own, so the figures count each project once."""

    title: Text = Field(description="Tittel")
    slug: Slug | None = Field(None, description="Adresse: /rapporter/<slug>/")
    summary: Text = Field(description="Ingress: ett til tre setninger")
    covers: Annotated[
        list[Slug],
        BeforeValidator(lambda v: v if isinstance(v, list) else [v]),
        Field(min_length=1),
    ] = Field(
        description="Prosjektene rapporten handler om (slug); rapporten vises på sidene deres"
    )
    related_projects: Listed[Slug] = Field([], description="Andre relaterte prosjekter (slug)")
    themes: Listed[Theme] = Field([], description="Temaer")
    patient_groups: Listed[PatientGroup] = Field([], description="Pasientgrupper")
    coaching_period: Period | None = Field(None, description="Perioden veiledningen varte")
    legacy_paths: Listed[SitePath] = Field([], description="Gamle adresser på innomed.no")
    image: Image | None = Field(None, description="Bilde")
    attachments: Listed[Attachment] = Field([], description="Vedlegg til nedlasting")
    lang: Language = Field("nb", description="Språk: nb eller nn")
    published: dt.date | None = Field(None, description="Publisert (ÅÅÅÅ-MM-DD)")
    updated: dt.date | None = Field(None, description="Sist oppdatert (ÅÅÅÅ-MM-DD)")
