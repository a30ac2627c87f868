"""Typed front matter for each content type. Vocabularies come in through validation context."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError


def in_vocabulary(name: str) -> AfterValidator:
    def check(value: str, info: ValidationInfo) -> str:
        return (info.context or {})["vocabularies"][name].require(value)

    return AfterValidator(check)


class VocabularyMarker:
    """Marks a field in the JSON Schema so innomed/cms/schemas.py can list the allowed values."""

    def __init__(self, name: str):
        self.name = name

    def __get_pydantic_json_schema__(self, core_schema, handler):
        schema = handler(core_schema)
        schema["x-vocabulary"] = self.name
        return schema


def as_list(value):
    """Editors may write `regions: Nord` for a single value; treat it as a list of one."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def list_not_blank(value):
    """Like as_list, but an empty `regions:` is an error: only an explicit [] means 'unknown'."""
    if value is None:
        raise PydanticCustomError(
            "blank",
            "er tom (forventet minst én verdi, for eksempel "
            "[Midt-Norge]; skriv [] bare hvis verdien ikke er kjent)",
        )
    return as_list(value)


def partial_date(value) -> str:
    """Accept a year (2025), a month (2025-06) or a day (2025-06-15); keep it as text."""
    text = str(value).strip()
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
    if not match:
        raise PydanticCustomError(
            "partial_date",
            f"'{text}' er ikke et gyldig tidspunkt "
            "(forventet år, år-måned eller dato, for eksempel 2025, "
            "2025-06 eller 2025-06-15)",
        )
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        date(int(match[1]), month or 1, day or 1)
    except ValueError:
        raise PydanticCustomError(
            "partial_date",
            f"'{text}' finnes ikke i kalenderen (forventet en ekte dato; sjekk måned og dag)",
        ) from None
    return text


def slug_text(value: str) -> str:
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", value):
        raise PydanticCustomError(
            "slug",
            f"'{value}' kan ikke brukes i en adresse (forventet "
            "små bokstaver a-z, tall og bindestrek, for eksempel "
            "'prehabilitering-kolorektalkreft')",
        )
    return value


def site_path(value: str) -> str:
    segments = value.strip("/").split("/")
    if (
        not re.fullmatch(r"/[a-z0-9][a-z0-9\-/_.]*", value)
        or "//" in value
        or any(segment in {".", ".."} for segment in segments)
    ):
        raise PydanticCustomError(
            "site_path",
            f"'{value}' er ikke en sti på nettstedet "
            "(forventet for eksempel '/prosjekt/prosjekterfaring-...', "
            "uten 'https://innomed.no')",
        )
    return value.rstrip("/")


def email_text(value: str) -> str:
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-zA-Z]{2,}", value):
        raise PydanticCustomError(
            "email", f"'{value}' er ikke en e-postadresse (forventet navn@virksomhet.no)"
        )
    return value


def round_text(value) -> str:
    text = str(value).strip()
    if not re.fullmatch(r"\d{4}-S[1-3]", text):
        raise PydanticCustomError(
            "round",
            f"'{text}' er ikke en tildelingsrunde (forventet "
            "år og runde, for eksempel '2025-S1', '2025-S2' eller "
            "'2026-S1')",
        )
    return text


T = TypeVar("T")
Text = Annotated[str, Field(min_length=1)]
Slug = Annotated[str, AfterValidator(slug_text)]
SitePath = Annotated[str, AfterValidator(site_path)]
Email = Annotated[str, AfterValidator(email_text)]
PartialDate = Annotated[str, BeforeValidator(partial_date)]
Round = Annotated[str, BeforeValidator(round_text)]


# A list that editors may also write as a single value (`regions: Nord`).
class OneOrMany:
    """In the JSON Schema, what as_list accepts: one value or a list of them, so editors'
    tools agree with `check` on `regions: Nord`."""

    def __get_pydantic_json_schema__(self, core_schema, handler):
        array = handler(core_schema)
        resolved = handler.resolve_ref_schema(array)
        return {"anyOf": [resolved["items"], array]} if "items" in resolved else array


Listed = Annotated[list[T], BeforeValidator(as_list), OneOrMany()]


Region = Annotated[str, in_vocabulary("regions"), VocabularyMarker("regions")]
PatientGroup = Annotated[str, in_vocabulary("patient_groups"), VocabularyMarker("patient_groups")]
Phase = Annotated[str, in_vocabulary("phases"), VocabularyMarker("phases")]
InnovationType = Annotated[
    str, in_vocabulary("innovation_types"), VocabularyMarker("innovation_types")
]
Deliverable = Annotated[str, in_vocabulary("deliverables"), VocabularyMarker("deliverables")]
SupportType = Annotated[str, in_vocabulary("support_types"), VocabularyMarker("support_types")]
Kind = Annotated[str, in_vocabulary("kinds"), VocabularyMarker("kinds")]
Status = Annotated[str, in_vocabulary("statuses"), VocabularyMarker("statuses")]
Theme = Annotated[str, in_vocabulary("themes"), VocabularyMarker("themes")]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class EntryMeta(Model):
    """What every content file may carry besides its own fields: editorial state and
    provenance, which never reach a public page."""

    draft: bool = Field(
        False, description="true: vises bare i forhåndsvisningen, aldri på nettstedet"
    )
    source: Listed[Text] = Field(
        [], description="Kilde: hvilket dokument og hvilken del faktaene kommer fra"
    )
    notes: Listed[Text] = Field(
        [], description="Merknader til redaktørene; vises aldri på nettstedet"
    )


class Period(Model):
    start: PartialDate | None = Field(None, description="Start: år, år-måned eller dato")
    end: PartialDate | None = Field(None, description="Slutt: år, år-måned eller dato")

    @model_validator(mode="after")
    def start_before_end(self):
        if self.start and self.end and self.end < self.start:
            raise PydanticCustomError(
                "period",
                f"slutt ({self.end}) er før start ({self.start}) "
                "(forventet at perioden slutter etter at den starter)",
            )
        return self


class Contact(Model):
    name: Text = Field(description="Navn på kontaktpersonen")
    role: str | None = Field(None, description="Rolle, for eksempel Prosjektleder")
    organisation: str | None = Field(None, description="Virksomhet")
    email: Email | None = Field(None, description="Jobb-e-post")


class Support(Model):
    # Optional: a source may name an allocation without saying what kind of support it was,
    # and a guessed type would be counted on /nokkeltall/ as if it were known.
    type: SupportType | None = Field(None, description="Type støtte fra InnoMed, hvis kjent")
    round: Round | None = Field(None, description="Tildelingsrunde, for eksempel 2025-S1")
    year: int | None = Field(None, ge=2015, le=2100, description="År for tildelingen")
    hours: int | None = Field(None, ge=1, description="Tildelte timer, hvis kjent")
    description: str | None = Field(None, description="Hva støtten gjaldt")

    @model_validator(mode="after")
    def year_known(self):
        if self.round and self.year and int(self.round[:4]) != self.year:
            raise PydanticCustomError(
                "support",
                f"året {self.year} stemmer ikke med runden "
                f"{self.round} (forventet samme år; fjern 'year')",
            )
        if not self.round and not self.year:
            raise PydanticCustomError(
                "support",
                "mangler både 'round' og 'year' (forventet "
                "runde som '2025-S1', eller bare året hvis runden er "
                "ukjent)",
            )
        return self

    @property
    def allocation_year(self) -> int:
        # The validator above guarantees a round or a year.
        return int(self.round[:4]) if self.round else int(self.year or 0)


class Image(Model):
    file: Text = Field(description="Bildefil, relativt til markdown-filen")
    alt: str | None = Field(None, description="Alternativ tekst: hva bildet viser")
    decorative: bool = Field(False, description="true hvis bildet er pynt og ikke trenger alt")
    caption: str | None = Field(None, description="Bildetekst")

    @model_validator(mode="after")
    def alt_or_decorative(self):
        if not self.decorative and not (self.alt or "").strip():
            raise PydanticCustomError(
                "alt",
                "bildet mangler alternativ tekst (forventet 'alt: "
                "...' som beskriver bildet for den som ikke ser det; "
                "eller 'decorative: true' hvis bildet bare er pynt)",
            )
        return self


class Attachment(Model):
    title: Text = Field(description="Navn på vedlegget slik det vises")
    file: Text = Field(description="Filen, relativt til markdown-filen")
    description: str | None = Field(None, description="Kort beskrivelse av innholdet")


class ProjectMeta(EntryMeta):
    """Front matter of one project: an experience report or a short project description."""

    title: Text = Field(description="Tittel")
    slug: Slug | None = Field(None, description="Adresse: /prosjekt/<slug>/ (lages av tittelen)")
    legacy_paths: Listed[SitePath] = Field([], description="Gamle adresser på innomed.no")
    summary: Text = Field(description="Ingress: ett til tre setninger til kort og søk")
    kind: Kind = Field(description="Prosjekterfaring eller Prosjektbeskrivelse")
    # Optional: most sources never say whether a project goes on; an unknown status is left
    # out of the page rather than shown as "Pågående" (issue 24).
    status: Status | None = Field(None, description="Pågående eller Avsluttet, hvis kjent")
    # Required, but `regions: []` is allowed: it states that the source gives no region,
    # which is different from an editor forgetting the field.
    regions: Annotated[list[Region], BeforeValidator(list_not_blank)] = Field(
        description="Helseregion(er); [] hvis ukjent"
    )
    owner: Text | None = Field(None, description="Prosjekteier (virksomhet), hvis kjent")
    partners: Listed[Text] = Field([], description="Samarbeidspartnere")
    patient_groups: Listed[PatientGroup] = Field([], description="Pasientgrupper")
    themes: Listed[Theme] = Field([], description="Temaer")
    support: Listed[Support] = Field([], description="Støtte fra InnoMed, én linje per tildeling")
    innovation_type: InnovationType | None = Field(None, description="Type innovasjon")
    deliverables: Listed[Deliverable] = Field([], description="Forventede leveranser")
    phase_start: Phase | None = Field(None, description="Fase ved start av veiledningen")
    phase_end: Phase | None = Field(None, description="Fase ved slutt av veiledningen")
    project_period: Period | None = Field(None, description="Prosjektperiode")
    coaching_period: Period | None = Field(None, description="Periode med veiledning fra InnoMed")
    contacts: Listed[Contact] = Field([], description="Kontaktpersoner")
    image: Image | None = Field(None, description="Forsidebilde")
    attachments: Listed[Attachment] = Field([], description="Vedlegg til nedlasting")
    lang: Literal["nb", "nn"] = Field("nb", description="Språk: nb (bokmål) eller nn (nynorsk)")
    prosjekt_x: bool = Field(False, description="true hvis prosjektet er med i Prosjekt X")
    related: Listed[Slug] = Field(
        [], description="Adressene (slug) til prosjekter som alltid skal vises som relaterte"
    )
    unrelated: Listed[Slug] = Field(
        [],
        description="Adressene (slug) til prosjekter, episoder, kurs eller verktøy som ikke "
        "skal foreslås som relaterte",
    )
    published: date | None = Field(None, description="Publisert (ÅÅÅÅ-MM-DD)")
    updated: date | None = Field(None, description="Sist oppdatert (ÅÅÅÅ-MM-DD)")

    @model_validator(mode="after")
    def updated_after_published(self):
        if self.published and self.updated and self.updated < self.published:
            raise PydanticCustomError(
                "dates",
                f"updated ({self.updated}) er før published "
                f"({self.published}) (forventet samme dag eller senere)",
            )
        return self


class PageMeta(EntryMeta):
    """Front matter of a hand-written page under content/ (home, about, accessibility...)."""

    title: Text = Field(description="Sidetittel")
    description: str | None = Field(None, description="Kort beskrivelse til søk og deling")
    lang: Literal["nb", "nn"] = Field("nb", description="Språk: nb eller nn")
    hide: Listed[Literal["navigation", "toc", "footer"]] = Field(
        [], description="Skjul deler av siden: navigation, toc"
    )
    contact: bool = Field(
        False, description="true: vis InnoMeds kontaktinformasjon nederst på siden (fra mkdocs.yml)"
    )
