"""National overview: gemeenten × indicatoren, shares of verbeterpunten, and what changed."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import math
import textwrap
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from beoordeling.compileren import laad_beoordelingskader
from beoordeling.model import Beoordeling, Oordeel, Status
from beoordeling.weergave import SYMBOOL, render
from vragenlijsten.model import Kader


@dataclass(frozen=True)
class Uitkomst:
    """One compiled assessment with the date of its onderzoek (orders repeated assessments)
    and the rounds it belongs to (`reeks`: the first onderzoek of a chain of follow-ups)."""

    datum: dt.date
    beoordeling: Beoordeling
    reeks: int | None = None


@dataclass(frozen=True)
class Kolom:
    """One indicator column of the matrix."""

    id: str
    thema: str
    indicator: str
    # The kader's short label for column heads; the full text when the kader has none.
    kort: str


@dataclass(frozen=True)
class Rij:
    """The latest verdicts of one gemeente and aanpak, aligned with the columns."""

    gemeente: str
    aanpak: str
    datum: dt.date
    oordelen: tuple[Oordeel, ...]
    # A concept's verdicts can still change; the overview says so on every row that is one.
    status: Status = "vastgesteld"

    @property
    def concept(self) -> bool:
        """Whether this row's verdicts are still a concept (not vastgesteld)."""
        return self.status == "concept"

    @property
    def naam(self) -> str:
        """The row's label: gemeente · aanpak, with "(concept)" while not vastgesteld."""
        return f"{self.gemeente} · {self.aanpak}" + (" (concept)" if self.concept else "")

    def aantal(self, oordeel: Oordeel) -> int:
        """How many indicators got this verdict."""
        return self.oordelen.count(oordeel)


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


def korte_labels(kader: Kader) -> dict[str, str]:
    """Each indicator's short label by id, the full text where the kader gives none."""
    return {i.id: i.kort or i.tekst for _, _, i in kader.indicatoren()}


def landelijk_overzicht(uitkomsten: Sequence[Uitkomst], kader: Kader | None = None) -> Overzicht:
    """Matrix of the latest verdict per gemeente and aanpak, shares, and changes over time;
    the column labels come from `kader`, by default the kader the assessments name."""
    if not uitkomsten:
        raise ValueError("een overzicht heeft minstens één beoordeling nodig")
    kaders = {u.beoordeling.kader for u in uitkomsten}
    if len(kaders) > 1:
        raise ValueError(f"één kader per overzicht; gekregen: {', '.join(sorted(kaders))}")
    # Rounds are linked by their follow-up link where there is one, else (assessments from
    # before such links) by identical gemeente and aanpak.
    reeksen: dict[tuple[str, ...], list[Uitkomst]] = defaultdict(list)
    for u in uitkomsten:
        sleutel = (
            ("reeks", str(u.reeks))
            if u.reeks is not None
            else ("naam", u.beoordeling.gemeente, u.beoordeling.aanpak)
        )
        reeksen[sleutel].append(u)
    voorbeeld = uitkomsten[0].beoordeling
    kort = korte_labels(kader or laad_beoordelingskader(voorbeeld.kader))
    kolommen = tuple(
        Kolom(io.id, io.thema, io.indicator, kort.get(io.id, io.indicator))
        for io in voorbeeld.indicatoren
    )
    rijen: list[Rij] = []
    verloop: list[Verloop] = []
    for reeks in sorted(
        reeksen.values(), key=lambda r: (r[-1].beoordeling.gemeente, r[-1].beoordeling.aanpak)
    ):
        reeks.sort(key=lambda u: u.datum)
        laatste = reeks[-1]
        gemeente, aanpak = laatste.beoordeling.gemeente, laatste.beoordeling.aanpak
        per_id = {io.id: io.oordeel for io in laatste.beoordeling.indicatoren}
        oordelen: tuple[Oordeel, ...] = tuple(per_id.get(k.id, "niet_beoordeeld") for k in kolommen)
        rijen.append(Rij(gemeente, aanpak, laatste.datum, oordelen, laatste.beoordeling.status))
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
    """The matrix as CSV text: gemeente, aanpak, datum, status (concept or vastgesteld), then
    ✓/✗/–/n.v.t. per indicator id."""
    uit = io.StringIO()
    schrijver = csv.writer(uit, lineterminator="\n")
    schrijver.writerow(
        ["gemeente", "aanpak", "datum", "status", *(k.id for k in overzicht.kolommen)]
    )
    for r in overzicht.rijen:
        schrijver.writerow(
            [r.gemeente, r.aanpak, r.datum.isoformat(), r.status, *(SYMBOOL[o] for o in r.oordelen)]
        )
    return uit.getvalue()


@dataclass(frozen=True)
class ThemaBand:
    """A run of consecutive columns of one theme: the heat map's header, a printed table."""

    thema: str
    start: int
    breedte: int

    @property
    def einde(self) -> int:
        """Index just past the band's last column (for slicing columns and verdicts)."""
        return self.start + self.breedte


def thema_banden(kolommen: Sequence[Kolom]) -> list[ThemaBand]:
    """Consecutive columns grouped per theme, in kader order."""
    banden: list[ThemaBand] = []
    for i, k in enumerate(kolommen):
        if banden and banden[-1].thema == k.thema:
            banden[-1] = ThemaBand(k.thema, banden[-1].start, banden[-1].breedte + 1)
        else:
            banden.append(ThemaBand(k.thema, i, 1))
    return banden


def afbreken(tekst: str, tekens: int) -> tuple[str, ...]:
    """Text wrapped to lines of at most `tekens` characters; never cut off, so a word longer
    than a line is split rather than left to run into its neighbour."""
    tekens = max(tekens, 1)
    regels = textwrap.wrap(tekst, tekens, break_long_words=False)
    if any(len(r) > tekens for r in regels):
        regels = textwrap.wrap(tekst, tekens)
    return tuple(regels)


def inkorten(tekst: str, tekens: int) -> str:
    """Text cut to `tekens` characters with an ellipsis when longer."""
    return tekst if len(tekst) <= tekens else tekst[: tekens - 1].rstrip() + "…"


# Heat map sizes in px. Text is not measured: these are generous averages for DejaVu Sans.
KAART_BREEDTE = 1120  # what a 1280 px window leaves inside the page margins
TEKEN = 6.8  # one character of 12 px text (labels)
BANDTEKEN = 6.8  # one character of 11 px text (theme bands)
REGEL = 13  # one line of a theme band
TUSSEN = 4  # white gap between two themes
RIJ = 22  # row height
CEL_MIN, CEL_MAX, CEL_GEWENST = 16, 30, 24  # column width: floor, ceiling, what labels yield to


@dataclass(frozen=True)
class KaartBand:
    """One theme over the heat map: its left edge and its full name in lines that fit."""

    band: ThemaBand
    x: int
    regels: tuple[str, ...]


@dataclass(frozen=True)
class Kaart:
    """Where everything of the SVG heat map goes, so the template only places it."""

    label: int  # width of the row labels
    cel: int  # column width
    rij: int
    bandhoogte: int
    kop: int  # bands plus the rotated column labels
    breedte: int
    hoogte: int
    banden: tuple[KaartBand, ...]
    rijlabels: tuple[str, ...]


def kaart(overzicht: Overzicht, banden: Sequence[ThemaBand]) -> Kaart:
    """Heat map geometry: row labels as wide as needed (up to what leaves columns of
    CEL_GEWENST px), columns filling the rest of KAART_BREEDTE, theme names wrapped to fit."""
    n = max(len(overzicht.kolommen), 1)
    tussen = TUSSEN * max(len(banden) - 1, 0)
    volledig = [r.naam for r in overzicht.rijen]
    ruimte = max(200, KAART_BREEDTE - tussen - CEL_GEWENST * n)
    tekens = min(max(map(len, volledig), default=10), int((ruimte - 16) / TEKEN))
    label = max(160, math.ceil(tekens * TEKEN) + 16)
    cel = min(max((KAART_BREEDTE - label - tussen) // n, CEL_MIN), CEL_MAX)
    kaartbanden = tuple(
        KaartBand(
            b,
            label + b.start * cel + i * TUSSEN,
            afbreken(b.thema, int((b.breedte * cel - 7) / BANDTEKEN)),
        )
        for i, b in enumerate(banden)
    )
    bandhoogte = max((len(b.regels) for b in kaartbanden), default=1) * REGEL + 7
    kop = bandhoogte + round(max((len(k.kort) for k in overzicht.kolommen), default=0) * TEKEN) + 12
    return Kaart(
        label=label,
        cel=cel,
        rij=RIJ,
        bandhoogte=bandhoogte,
        kop=kop,
        breedte=label + n * cel + tussen + 2,
        hoogte=kop + RIJ * len(overzicht.rijen) + 4,
        banden=kaartbanden,
        rijlabels=tuple(inkorten(t, tekens) for t in volledig),
    )


# Indicator columns that fit across one printed A4 landscape table (see overzicht.css).
PER_DRUKTABEL = 30


def _delen(banden: Sequence[ThemaBand], hoogstens: int) -> list[tuple[ThemaBand, ...]]:
    """Consecutive bands packed greedily into runs of at most `hoogstens` columns."""
    delen: list[list[ThemaBand]] = []
    for band in banden:
        if delen and sum(b.breedte for b in delen[-1]) + band.breedte <= hoogstens:
            delen[-1].append(band)
        else:
            delen.append([band])
    return [tuple(d) for d in delen]


def drukdelen(banden: Sequence[ThemaBand], per_tabel: int) -> list[tuple[ThemaBand, ...]]:
    """Whole themes grouped into as few tables of at most `per_tabel` columns as possible,
    as evenly as possible; a theme wider than that gets a table of its own."""
    if not banden:
        return []
    grens = max(per_tabel, *(b.breedte for b in banden))
    aantal = len(_delen(banden, grens))
    # The narrowest run width that still needs no more tables: no near-empty last table.
    kleinste = max(b.breedte for b in banden)
    while len(_delen(banden, kleinste)) > aantal:
        kleinste += 1
    return _delen(banden, kleinste)


def overzicht_html(overzicht: Overzicht, datum: dt.date) -> str:
    """The overview as one self-contained HTML page: an inline SVG heat map on screen, cards on
    a phone, and the matrix split by theme into tables that fit a printed landscape page."""
    banden = thema_banden(overzicht.kolommen)
    return render(
        "overzicht.html.j2",
        o=overzicht,
        datum=datum,
        symbool=SYMBOOL,
        banden=banden,
        kaart=kaart(overzicht, banden),
        druktabellen=drukdelen(banden, PER_DRUKTABEL),
    )
