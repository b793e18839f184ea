"""The `stj-antwoorden/1` interchange format (DESIGN §5): answers per respondent, as plain data.

Structure only; whether an item or value exists for a role is checked against the vragenlijst
by the importer, which can name the respondent and item.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, field_validator

from vragenlijsten.grenzen import citeer, opslaanbaar, schoon

FORMAAT = "stj-antwoorden/1"

Status = Literal["uitgenodigd", "bezig", "ingediend"]
# Strict: JSON `true` is no number and 12 is no text (pydantic would coerce them quietly).
Waarde = StrictInt | StrictStr | list[StrictStr]


class _Strikt(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Bestand(_Strikt):
    """A file a respondent sent in the chat, kept by its Telegram file id."""

    telegram_file_id: str
    naam: str | None = None
    # Bytes; a BIGINT holds it, and nothing the Bot API sends comes near (20 MB at most).
    grootte: Annotated[StrictInt, Field(ge=0, le=2**53)] | None = None

    @field_validator("telegram_file_id", "naam")
    @classmethod
    def _opslaanbaar(cls, waarde: str | None) -> str | None:
        """Without characters a database cannot store."""
        return None if waarde is None else opslaanbaar(waarde)


class Antwoord(_Strikt):
    """One answer: value, optional toelichting and document (title and/or file)."""

    waarde: Waarde | None = None
    toelichting: str | None = None
    document: str | None = None
    bestand: Bestand | None = None

    @field_validator("waarde", "toelichting", "document")
    @classmethod
    def _opslaanbaar(cls, waarde: Waarde | None) -> Waarde | None:
        """Without characters a database cannot store (a NUL, half a surrogate pair)."""
        if isinstance(waarde, str):
            return opslaanbaar(waarde)
        if isinstance(waarde, list):
            return [opslaanbaar(w) for w in waarde]
        return waarde

    def leeg(self) -> bool:
        """Holds nothing at all (equal to `Antwoord()`): storing it removes the answer."""
        return (
            self.waarde is None
            and self.toelichting is None
            and self.document is None
            and self.bestand is None
        )


Steun = Literal["steunt", "steunt_deels", "steunt_niet"]
STEUN: tuple[str, ...] = ("steunt", "steunt_deels", "steunt_niet")
DocumentStatus = Literal["opgevraagd", "ontvangen", "gelezen"]
DOCUMENT_STATUSSEN: tuple[str, ...] = ("opgevraagd", "ontvangen", "gelezen")
Dossierwaarde = Literal["ja", "deels", "nee"]


class Bron(_Strikt):
    """How a respondent's answers were gathered when not through the questionnaire: in an
    interview, by an inspector on the respondent's behalf."""

    soort: Literal["interview"]
    datum: dt.date | None = None
    door: str | None = None

    @field_validator("door")
    @classmethod
    def _zonder_randspaties(cls, waarde: str | None) -> str | None:
        """An interviewer's name as meant."""
        return schoon(waarde)


class Lezing(_Strikt):
    """What the inspector read in a document about one indicator: whether it supports the
    indicator, and a short note in the report's voice."""

    steun: Steun
    notitie: str | None = None

    @field_validator("notitie")
    @classmethod
    def _opslaanbaar(cls, waarde: str | None) -> str | None:
        """Without characters a database cannot store."""
        return None if waarde is None else schoon(opslaanbaar(waarde))


class DocumentBewijs(_Strikt):
    """A document of the onderzoek as the inspector keeps it: named by a respondent or added,
    requested, received or read (with the date of that), and per indicator what it says."""

    titel: str
    status: DocumentStatus = "gelezen"
    datum: dt.date | None = None
    lezingen: dict[str, Lezing] = Field(default_factory=dict)

    @field_validator("titel")
    @classmethod
    def _titel(cls, waarde: str) -> str:
        """A title as meant; an empty one is refused by the importer with a message."""
        return schoon(opslaanbaar(waarde)) or ""


class Dossierbevinding(_Strikt):
    """What the inspector saw in one family's dossier about one indicator."""

    casus: str
    indicator: str
    waarde: Dossierwaarde
    notitie: str | None = None

    @field_validator("casus", "notitie")
    @classmethod
    def _opslaanbaar(cls, waarde: str | None) -> str | None:
        """Without characters a database cannot store, whitespace as meant."""
        return None if waarde is None else schoon(opslaanbaar(waarde))


def titel_sleutel(titel: str) -> str:
    """Which document a title names, whatever its case, spacing or quotes: the inspector's
    record of 'Werkplan 2013' is the document a respondent typed as "werkplan  2013"."""
    return " ".join(titel.strip().strip("'\"‘’“”").split()).casefold()


def respondent_sleutel(rol: str, organisatie: str | None, casus: str | None) -> str:
    """The key of a respondent within an onderzoek (see Respondent.sleutel)."""
    return "|".join((rol, organisatie or "", casus or ""))


class Respondent(_Strikt):
    """One respondent's answers; ouders carry no organisatie (never stored by name)."""

    rol: str
    organisatie: str | None = None
    casus: str | None = None
    status: Status = "ingediend"
    # Absent: answered through the questionnaire (Telegram, `stj chat`, an import).
    bron: Bron | None = None
    antwoorden: dict[str, Antwoord] = Field(default_factory=dict)

    @field_validator("organisatie", "casus")
    @classmethod
    def _zonder_randspaties(cls, waarde: str | None) -> str | None:
        """ "Jeugdzorg Noord " and "Jeugdzorg Noord" are one organisation."""
        return schoon(waarde)

    def sleutel(self) -> str:
        """Who this respondent is, as marks of an inspector refer to it (role, organisation,
        casus: what makes a respondent unique within an onderzoek)."""
        return respondent_sleutel(self.rol, self.organisatie, self.casus)

    def label(self) -> str:
        """How an error message names this respondent."""
        delen = [citeer(self.rol)]
        if self.organisatie:
            delen.append(f"'{citeer(self.organisatie)}'")
        if self.casus:
            delen.append(f"({citeer(self.casus)})")
        return " ".join(delen)


class OnderzoekKop(_Strikt):
    """Which onderzoek the answers belong to."""

    gemeente: str
    aanpak: str
    kader: str
    deadline: dt.date | None = None

    @field_validator("gemeente", "aanpak")
    @classmethod
    def _zonder_randspaties(cls, waarde: str) -> str:
        """Whitespace as meant; an empty name is refused by the importer with a message."""
        return schoon(waarde) or ""


class AntwoordenBestand(_Strikt):
    """A whole `stj-antwoorden/1` file."""

    formaat: Literal["stj-antwoorden/1"]
    onderzoek: OnderzoekKop
    respondenten: list[Respondent]
    # What the inspector read and saw besides the answers (BESLISREGEL.md, "Bronnen").
    documenten: list[DocumentBewijs] = Field(default_factory=list)
    dossier: list[Dossierbevinding] = Field(default_factory=list)

    def naar_json(self) -> dict[str, object]:
        """The canonical JSON form: absent values and empty evidence lists are left out, so
        import → export round-trips and a file without evidence looks as it always did."""
        data = self.model_dump(mode="json", exclude_none=True)
        for sleutel in ("documenten", "dossier"):
            if not data[sleutel]:
                del data[sleutel]
        return data
