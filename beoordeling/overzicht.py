"""National overview: gemeenten × indicatoren, shares of verbeterpunten, and what changed."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from beoordeling.model import Beoordeling, Oordeel
from beoordeling.weergave import SYMBOOL, render


@dataclass(frozen=True)
class Uitkomst:
    """One compiled assessment with the date of its onderzoek (orders repeated assessments)."""

    datum: dt.date
    beoordeling: Beoordeling


@dataclass(frozen=True)
class Kolom:
    """One indicator column of the matrix."""

    id: str
    thema: str
    indicator: str


@dataclass(frozen=True)
class Rij:
    """The latest verdicts of one gemeente and aanpak, aligned with the columns."""

    gemeente: str
    aanpak: str
    datum: dt.date
    oordelen: tuple[Oordeel, ...]


@dataclass(frozen=True)
class Aandeel:
    """How often an indicator (or theme) is a verbeterpunt among the assessed verdicts."""

    naam: str
    omschrijving: str
    verbeterpunten: int
    beoordeeld: int

    @property
    def fractie(self) -> float:
        """Share of verbeterpunten among voldoet + verbeterpunt; 0 when none was assessed."""
        return self.verbeterpunten / self.beoordeeld if self.beoordeeld else 0.0

    @property
    def procent(self) -> int:
        """The share as a whole percentage."""
        return round(100 * self.fractie)


@dataclass(frozen=True)
class Wijziging:
    """One indicator whose verdict changed between two onderzoeken."""

    indicator_id: str
    indicator: str
    was: Oordeel
    nu: Oordeel


@dataclass(frozen=True)
class Verloop:
    """What changed for one gemeente and aanpak from one onderzoek to the next."""

    gemeente: str
    aanpak: str
    van: dt.date
    tot: dt.date
    wijzigingen: tuple[Wijziging, ...]


@dataclass(frozen=True)
class Overzicht:
    """The whole national picture under one kader."""

    kader: str
    kader_titel: str
    kolommen: tuple[Kolom, ...]
    rijen: tuple[Rij, ...]
    per_indicator: tuple[Aandeel, ...]
    per_thema: tuple[Aandeel, ...]
    verloop: tuple[Verloop, ...]


def vergelijk(eerder: Beoordeling, later: Beoordeling) -> tuple[Wijziging, ...]:
    """Indicators whose verdict differs between two assessments, in the later kader order."""
    oud = {io.id: io.oordeel for io in eerder.indicatoren}
    return tuple(
        Wijziging(io.id, io.indicator, oud[io.id], io.oordeel)
        for io in later.indicatoren
        if io.id in oud and oud[io.id] != io.oordeel
    )


def _aandeel(naam: str, omschrijving: str, oordelen: Sequence[Oordeel]) -> Aandeel:
    beter = sum(o == "verbeterpunt" for o in oordelen)
    beoordeeld = sum(o in ("voldoet", "verbeterpunt") for o in oordelen)
    return Aandeel(naam, omschrijving, beter, beoordeeld)


def landelijk_overzicht(uitkomsten: Sequence[Uitkomst]) -> Overzicht:
    """Matrix of the latest verdict per gemeente and aanpak, shares, and changes over time."""
    if not uitkomsten:
        raise ValueError("een overzicht heeft minstens één beoordeling nodig")
    kaders = {u.beoordeling.kader for u in uitkomsten}
    if len(kaders) > 1:
        raise ValueError(f"één kader per overzicht; gekregen: {', '.join(sorted(kaders))}")
    reeksen: dict[tuple[str, str], list[Uitkomst]] = defaultdict(list)
    for u in uitkomsten:
        reeksen[(u.beoordeling.gemeente, u.beoordeling.aanpak)].append(u)
    voorbeeld = uitkomsten[0].beoordeling
    kolommen = tuple(Kolom(io.id, io.thema, io.indicator) for io in voorbeeld.indicatoren)
    rijen: list[Rij] = []
    verloop: list[Verloop] = []
    for (gemeente, aanpak), reeks in sorted(reeksen.items()):
        reeks.sort(key=lambda u: u.datum)
        laatste = reeks[-1]
        per_id = {io.id: io.oordeel for io in laatste.beoordeling.indicatoren}
        oordelen: tuple[Oordeel, ...] = tuple(per_id.get(k.id, "niet_beoordeeld") for k in kolommen)
        rijen.append(Rij(gemeente, aanpak, laatste.datum, oordelen))
        for vorige, volgende in itertools.pairwise(reeks):
            verloop.append(
                Verloop(
                    gemeente,
                    aanpak,
                    vorige.datum,
                    volgende.datum,
                    vergelijk(vorige.beoordeling, volgende.beoordeling),
                )
            )
    per_indicator = tuple(
        _aandeel(k.id, k.indicator, [r.oordelen[i] for r in rijen]) for i, k in enumerate(kolommen)
    )
    per_thema = tuple(
        _aandeel(
            t.naam,
            t.omschrijving,
            [r.oordelen[i] for r in rijen for i, k in enumerate(kolommen) if k.thema == t.naam],
        )
        for t in voorbeeld.themas
    )
    return Overzicht(
        voorbeeld.kader,
        voorbeeld.kader_titel,
        kolommen,
        tuple(rijen),
        per_indicator,
        per_thema,
        tuple(verloop),
    )


def overzicht_csv(overzicht: Overzicht) -> str:
    """The matrix as CSV text: gemeente, aanpak, datum, then ✓/✗/–/n.v.t. per indicator id."""
    uit = io.StringIO()
    schrijver = csv.writer(uit, lineterminator="\n")
    schrijver.writerow(["gemeente", "aanpak", "datum", *(k.id for k in overzicht.kolommen)])
    for r in overzicht.rijen:
        schrijver.writerow(
            [r.gemeente, r.aanpak, r.datum.isoformat(), *(SYMBOOL[o] for o in r.oordelen)]
        )
    return uit.getvalue()


@dataclass(frozen=True)
class ThemaBand:
    """A run of consecutive columns of one theme, for the heat map's header."""

    thema: str
    start: int
    breedte: int


def thema_banden(kolommen: Sequence[Kolom]) -> list[ThemaBand]:
    """Consecutive columns grouped per theme, in kader order."""
    banden: list[ThemaBand] = []
    for i, k in enumerate(kolommen):
        if banden and banden[-1].thema == k.thema:
            banden[-1] = ThemaBand(k.thema, banden[-1].start, banden[-1].breedte + 1)
        else:
            banden.append(ThemaBand(k.thema, i, 1))
    return banden


def overzicht_html(overzicht: Overzicht, datum: dt.date) -> str:
    """The overview as one self-contained HTML page with an inline SVG heat map."""
    return render(
        "overzicht.html.j2",
        o=overzicht,
        datum=datum,
        symbool=SYMBOOL,
        banden=thema_banden(overzicht.kolommen),
    )
