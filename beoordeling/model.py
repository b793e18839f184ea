"""Plain, immutable data of an assessment: inputs (overrides) and results (verdicts, factsheet)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, get_args

Oordeel = Literal["voldoet", "verbeterpunt", "niet_beoordeeld", "niet_van_toepassing"]
OORDELEN: tuple[str, ...] = get_args(Oordeel)
OORDEEL_LABEL: dict[str, str] = {
    "voldoet": "voldoet",
    "verbeterpunt": "verbeterpunt",
    "niet_beoordeeld": "niet beoordeeld",
    "niet_van_toepassing": "niet van toepassing",
}
Status = Literal["concept", "vastgesteld"]
STATUSSEN: tuple[str, ...] = get_args(Status)

# Which rule of BESLISREGEL.md produced a verdict; "inspecteur" when an override decided it.
Regel = Literal["1", "2", "3", "4", "5", "6", "geen", "inspecteur"]


# --- inputs ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Override:
    """An inspector's verdict and/or findings text for one indicator."""

    indicator_id: str
    oordeel: str | None
    tekst: str | None
    door: str
    wanneer: dt.datetime


@dataclass(frozen=True)
class ConclusieOverride:
    """An inspector's own "Wat gaat goed?" and/or "Wat kan beter?" for one theme."""

    thema: str
    gaat_goed: list[str] | None
    kan_beter: list[str] | None
    door: str
    wanneer: dt.datetime


# --- results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Aanpassing:
    """Who changed a draft, and when."""

    door: str
    wanneer: dt.datetime


@dataclass(frozen=True)
class IndicatorOordeel:
    """The verdict on one indicator with its reason, findings and LET OP remarks."""

    id: str
    thema: str
    criterium: str
    indicator: str
    oordeel: Oordeel
    reden: str
    bevinding: str
    let_op: tuple[str, ...]
    aangepast_door_inspecteur: bool
    # The rule's own verdict, kept next to an override so the factsheet can show both.
    voorstel: Oordeel
    regel: Regel
    aanpassing: Aanpassing | None = None


@dataclass(frozen=True)
class ThemaConclusie:
    """Per theme: what goes well and what can be better, as readable sentences."""

    thema: str
    omschrijving: str
    gaat_goed: tuple[str, ...]
    kan_beter: tuple[str, ...]
    aanpassing: Aanpassing | None = None

    @property
    def aangepast_door_inspecteur(self) -> bool:
        """Whether an inspector wrote (part of) this conclusion."""
        return self.aanpassing is not None


@dataclass(frozen=True)
class RespondentOverzicht:
    """Who was asked, how far they got, and whether they submitted."""

    rol: str
    naam: str
    status: str
    beantwoord: int
    gevraagd: int

    @property
    def ingediend(self) -> bool:
        """Whether the respondent has submitted."""
        return self.status == "ingediend"


@dataclass(frozen=True)
class Context:
    """The gemeente's own figures and its description of the aanpak (only what it answered)."""

    inwoners: int | None = None
    huishoudens_met_kinderen: int | None = None
    ggsr_gezinnen: int | None = None
    ggsr_wijken: str | None = None
    aanpak_naam: str | None = None
    aanpak_beschrijving: str | None = None
    aanpak_start: dt.date | None = None
    aanpak_gezinnen: int | None = None
    netwerkpartners: tuple[str, ...] = ()


@dataclass(frozen=True)
class Thema:
    """A theme of the kader as the factsheet introduces it."""

    naam: str
    omschrijving: str


@dataclass(frozen=True)
class Beoordeling:
    """The assessment of one aanpak of one gemeente under one kader."""

    gemeente: str
    aanpak: str
    kader: str
    kader_titel: str
    onderzoeksvraag: str
    status: Status
    themas: tuple[Thema, ...]
    respondenten: tuple[RespondentOverzicht, ...]
    context: Context
    indicatoren: tuple[IndicatorOordeel, ...]
    conclusies: tuple[ThemaConclusie, ...]

    def oordeel(self, indicator_id: str) -> IndicatorOordeel:
        """The verdict on one indicator; KeyError for an unknown id."""
        for io in self.indicatoren:
            if io.id == indicator_id:
                return io
        raise KeyError(indicator_id)

    def per_thema(self, thema: str) -> tuple[IndicatorOordeel, ...]:
        """The verdicts of one theme, in kader order."""
        return tuple(io for io in self.indicatoren if io.thema == thema)

    def conclusie(self, thema: str) -> ThemaConclusie:
        """The conclusion of one theme; KeyError for an unknown theme."""
        for c in self.conclusies:
            if c.thema == thema:
                return c
        raise KeyError(thema)


@dataclass(frozen=True)
class Factsheet:
    """One gemeente's factsheet: its context and one assessment per aanpak."""

    gemeente: str
    datum: dt.date
    context: Context
    aanpakken: tuple[Beoordeling, ...]

    @property
    def status(self) -> Status:
        """Vastgesteld only when every aanpak is; otherwise the factsheet is a concept."""
        if self.aanpakken and all(b.status == "vastgesteld" for b in self.aanpakken):
            return "vastgesteld"
        return "concept"
