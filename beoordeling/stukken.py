"""A report's chapters as they print: the kader's chapter list (beoordeling.indeling) laid out
over one assessment (or a factsheet's several), with per theme or per aanpak a chapter of its
own, each written chapter's text (the inspector's, else the draft), numbers, levels and
anchors. The concept keeps every chapter, with how it came about; the vastgesteld report leaves
out a written chapter that has no text, and numbers what remains."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from beoordeling.indeling import Onderdeel
from beoordeling.model import Beoordeling, Context
from beoordeling.opzet import Gegevens, Opzet, aanwijzing, maak_opzet
from beoordeling.uitvoering import Geschreven


@dataclass(frozen=True)
class Stuk:
    """One chapter of a report as it prints."""

    onderdeel: Onderdeel
    naam: str  # how the inspector names it (stj hoofdstuk, the console): "verklaringen-2"
    anker: str  # its HTML id
    titel: str
    b: Beoordeling  # the aanpak it is about
    thema: str | None = None
    nummer: str = ""  # "1.3", "Bijlage 2", or "" (unnumbered)
    niveau: int = 1
    vast: tuple[str, ...] = ()  # a fixed chapter's paragraphs (chapter markup)
    tekst: str | None = None  # a written chapter: what prints (the inspector's text or draft)
    eigen: Geschreven | None = None  # the inspector's text, when written
    opzet: Opzet = field(default_factory=Opzet)
    aanwijzing: str | None = None  # what the inspector must write (concept)
    delen: tuple[Stuk, ...] = ()

    @property
    def soort(self) -> str:
        """vast, gegenereerd or inspecteur."""
        return self.onderdeel.soort

    @property
    def inhoud(self) -> str:
        """What a generated chapter shows, with "_" for "-" (the name of its macro)."""
        return (self.onderdeel.inhoud or "").replace("-", "_")

    @property
    def kop(self) -> str:
        """Its heading: number and title."""
        if self.nummer.startswith("Bijlage"):
            return f"{self.nummer}: {self.titel}"
        return f"{self.nummer} {self.titel}".strip()


@dataclass(frozen=True)
class _Bouw:
    beoordelingen: Sequence[Beoordeling]
    datum: dt.date
    context: Context | None


def _invullen(tekst: str, b: Beoordeling, thema: str | None) -> str:
    return tekst.format(
        gemeente=b.gemeente, aanpak=b.aanpak, kader=b.kader_titel, thema=thema or ""
    )


def _stuk(
    o: Onderdeel, bouw: _Bouw, b: Beoordeling, thema: str | None, achter: str, anker: str
) -> Stuk:
    """`achter`: what follows the id in a written chapter's name (per theme "-2"); `anker`:
    what follows it in the HTML id (also per aanpak, whose texts each onderzoek keeps)."""
    g = Gegevens(b, bouw.datum, thema, bouw.context)
    delen = tuple(s for d in o.delen for s in _bouw(d, bouw, b, thema, achter, anker))
    stuk = Stuk(
        o,
        naam=o.id + achter,
        anker=f"h-{o.id}{anker}",
        titel=_invullen(o.titel, b, thema),
        b=b,
        thema=thema,
        vast=tuple(_invullen(a, b, thema) for a in o.tekst),
        delen=delen,
    )
    if o.soort != "inspecteur":
        return stuk
    eigen = b.tekst_van(stuk.naam)
    opzet = maak_opzet(o, g)
    return replace(
        stuk,
        tekst=eigen.tekst if eigen else (opzet.tekst or None),
        eigen=eigen,
        opzet=opzet,
        aanwijzing=aanwijzing(o, g),
    )


def _zonder_stof(o: Onderdeel, b: Beoordeling) -> bool:
    """A chapter about a step this onderzoek did not have: the gemeente's reaction without a
    wederhoor, the progress since an earlier round in a first round."""
    if o.inhoud == "reactie":
        return not b.proces.wederhoor
    return (o.inhoud == "voortgang" or o.opzet == "voortgang") and b.proces.vorige is None


def _bouw(
    o: Onderdeel, bouw: _Bouw, b: Beoordeling, thema: str | None, achter: str, anker: str
) -> list[Stuk]:
    """One chapter of the list, or one per theme (themas) or per aanpak (aanpakken); none for
    a chapter this onderzoek has nothing for (`_zonder_stof`)."""
    if _zonder_stof(o, b):
        return []
    if o.inhoud == "themas":
        return [
            _stuk(o, bouw, b, t.naam, f"-{n}", f"-{n}") for n, t in enumerate(b.themas, start=1)
        ]
    if o.inhoud == "aanpakken":
        return [
            replace(_stuk(o, bouw, a, None, "", f"-a{n}"), anker=f"aanpak-{n}")
            for n, a in enumerate(bouw.beoordelingen, start=1)
        ]
    return [_stuk(o, bouw, b, thema, achter, anker)]


def _leeg(s: Stuk) -> bool:
    """A chapter the vastgesteld report leaves out: written or fixed, and nothing to print."""
    if s.delen:
        return False
    if s.soort == "inspecteur":
        return not s.tekst
    return s.soort == "vast" and not s.vast


def _schoon(stukken: Sequence[Stuk]) -> tuple[Stuk, ...]:
    uit = []
    for s in stukken:
        s = replace(s, delen=_schoon(s.delen))
        if not _leeg(s):
            uit.append(s)
    return tuple(uit)


def _nummer(stukken: Sequence[Stuk], voor: str | None, niveau: int) -> tuple[Stuk, ...]:
    """Numbers in order: "3", then "3.1"; appendices "Bijlage 1"; an unnumbered chapter's
    parts are unnumbered too."""
    uit, teller, bijlage = [], 0, 0
    for s in stukken:
        o = s.onderdeel
        if o.bijlage and niveau == 1:
            bijlage += 1
            nummer, binnen = f"Bijlage {bijlage}", None
        elif voor is not None and o.nummer and o.kop:
            teller += 1
            nummer = f"{voor}{teller}"
            binnen = f"{nummer}."
        else:
            nummer, binnen = "", None
        uit.append(
            replace(s, nummer=nummer, niveau=niveau, delen=_nummer(s.delen, binnen, niveau + 1))
        )
    return tuple(uit)


def stukken(
    indeling: Sequence[Onderdeel],
    beoordelingen: Sequence[Beoordeling],
    datum: dt.date,
    concept: bool,
    context: Context | None = None,
) -> tuple[Stuk, ...]:
    """The chapters of a report over these assessments (one, or a factsheet's aanpakken)."""
    bouw = _Bouw(beoordelingen, datum, context)
    eerste = beoordelingen[0]
    alle = [s for o in indeling for s in _bouw(o, bouw, eerste, None, "", "")]
    return _nummer(alle if concept else _schoon(alle), "", 1)


def vlak(stukken_: Sequence[Stuk]) -> list[Stuk]:
    """Every chapter, parts after their chapter."""
    return [x for s in stukken_ for x in (s, *vlak(s.delen))]


def schrijfbaar(stukken_: Sequence[Stuk]) -> list[Stuk]:
    """The chapters an inspector writes, in order."""
    return [s for s in vlak(stukken_) if s.soort == "inspecteur"]


def ongeschreven(b: Beoordeling, datum: dt.date) -> list[str]:
    """What vaststellen names before a report is fixed: the chapters the vastgesteld report
    would leave out (no text, no draft), and an eindoordeel that is still the rule's proposal."""
    leeg = [
        f"{s.titel} ({s.thema})" if s.thema else s.titel
        for s in schrijfbaar(stukken(b.indeling, [b], datum, True))
        if not s.tekst
    ]
    punten = []
    if leeg:
        punten.append(
            f"{len(leeg)} hoofdstuk(ken) nog niet geschreven: "
            + ", ".join(f"‘{t}’" for t in leeg[:5])
            + (" …" if len(leeg) > 5 else "")
        )
    if b.themarapport is not None and b.themarapport.aanpassing is None:
        punten.append("het eindoordeel is nog het voorstel van de beslisregel")
    return punten
