"""Per theme "Wat gaat goed?" and "Wat kan beter?" as a few sentences about the points that matter
most: for a strength what is arranged and what it brings families, for a verbeterpunt what falls
short and what is at stake (the texts come from the kader's standard texts)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from beoordeling.beslisregel import Namen, Stemmen
from beoordeling.bevinding import benoem, gemengd, onderwerp
from beoordeling.model import Aanpassing, ConclusieOverride, IndicatorOordeel, Thema, ThemaConclusie
from beoordeling.taal import getal_woord, hoofdletter, opsomming, titel, zin
from beoordeling.teksten import IndicatorTekst

# At most this many strengths per theme: the factsheet highlights, it does not repeat the table.
MAX_GAAT_GOED = 2
# Minimum support for a strength: a document (2), every weger agreeing (2), or the hoofd alone
# on an indicator only it is asked about (1.5); a lone ja among silent wegers is too thin.
MIN_STEUN = 1.5


@dataclass(frozen=True)
class Onderbouwing:
    """One indicator's verdict with the answers and texts it rests on."""

    oordeel: IndicatorOordeel
    stemmen: Stemmen
    tekst: IndicatorTekst
    namen: Namen
    vastlegging: bool = False
    override_tekst: str | None = None


def steun(o: Onderbouwing) -> float:
    """How strongly the answers support a voldoet; 0 when it is not a clean strength."""
    hoofd = o.stemmen.hoofd
    if o.oordeel.oordeel != "voldoet" or o.oordeel.let_op or hoofd is None:
        return 0.0
    if hoofd.waarde != "ja":
        return 0.0
    score = 2.0 if o.stemmen.documenten() else 0.0
    totaal = len(o.stemmen.wegers)
    if totaal == 0:
        return score + 1.5
    ja = sum(p.waarde == "ja" for p in o.stemmen.wegers)
    return score + 2.0 * ja / totaal


def _sterk_punt(o: Onderbouwing) -> str:
    """A strength in the kader's words, else the indicator as a statement with who confirms it
    and where it is laid down."""
    if o.tekst.goed:
        return o.tekst.goed
    totaal = len(o.stemmen.wegers)
    ja = sum(p.waarde == "ja" for p in o.stemmen.wegers)
    tekst = o.oordeel.indicator
    if ja:
        if gemengd(o.stemmen.wegers, o.namen):
            eens = [p for p in o.stemmen.wegers if p.waarde == "ja"]
            wie, _ = benoem(True, eens, o.stemmen.wegers, o.namen)
        else:
            wie, _ = onderwerp(True, ja, totaal, o.namen)
        tekst += f"; daarover zijn {wie} het eens" if ja == totaal else f"; {wie} bevestigen dit"
    delen = [zin(tekst)]
    documenten = o.stemmen.documenten()
    if documenten:
        delen.append(f"Dit is vastgelegd in {opsomming([titel(d) for d in documenten[:2]])}.")
    return " ".join(delen)


def _waarom_verbeterpunt(o: Onderbouwing) -> str:
    """Why an indicator is a verbeterpunt, in one sentence for the conclusion."""
    regel = o.oordeel.regel
    n = o.namen
    p = o.stemmen.bruikbare_wegers()
    tegen = sum(s.waarde in ("nee", "deels") for s in p)
    hoofd = hoofdletter(n.hoofd)
    if regel == "inspecteur":
        return (o.override_tekst or "").strip()
    if regel == "2":
        g = o.stemmen.g()
        hoe = "niet" if g == "nee" else "slechts ten dele"
        return f"{hoofd} geeft zelf aan dat dit {hoe} zo is."
    if regel == "4":
        if gemengd(p, n):
            oneens = [s for s in p if s.waarde in ("nee", "deels")]
            wie, meer = benoem(False, oneens, p, n)
        elif tegen == len(p):
            wie, meer = onderwerp(False, tegen, len(p), n)
        else:
            wie = f"{getal_woord(tegen)} van de {getal_woord(len(p))} {n.wegers}"
            meer = tegen > 1
        zonder_document = ", en er is geen document dat het vastlegt" if o.vastlegging else ""
        return (
            f"{hoofd} ziet dit anders, maar {wie} {'geven' if meer else 'geeft'} aan dat "
            f"dit niet of slechts deels zo is{zonder_document}."
        )
    if regel == "6":
        if tegen * 2 == len(p):
            return f"{hoofd} gaf hierover geen antwoord en {n.alle_wegers} zijn verdeeld."
        return (
            f"{hoofd} gaf hierover geen antwoord en de meeste {n.wegers} geven aan "
            "dat dit niet of slechts deels zo is."
        )
    return ""


def _gezien(o: Onderbouwing) -> str:
    """What the inspector read or saw that made it a verbeterpunt (rule 3: a document that
    does not, or only partly, lay it down; rule D: the dossier), in the inspector's notes."""
    if o.oordeel.regel == "3":
        notities = [
            d.notitie for d in o.stemmen.documentstanden() if d.steun != "steunt" and d.notitie
        ]
        return " ".join(zin(n) for n in notities)
    if o.oordeel.regel == "D":
        # What the dossiers that go against it show, each thing said once.
        gezien = (
            zin(d.toelichting) for d in o.stemmen.dossiers if d.waarde != "ja" and d.toelichting
        )
        return " ".join(dict.fromkeys(gezien))
    return ""


def _verbeterpunt(o: Onderbouwing) -> str:
    """A verbeterpunt: the shortfall, what the inspector found, and what is at stake; an
    inspector's own finding says why in their words, and without a risk sentence the rule's
    reason does."""
    waarom = o.tekst.risico if o.tekst.risico and o.oordeel.regel != "inspecteur" else None
    waarom = waarom or _waarom_verbeterpunt(o)
    delen = [o.tekst.tekort, _gezien(o), zin(waarom) if waarom else ""]
    return " ".join(d for d in delen if d)


def tegengesproken(
    oordelen: Sequence[IndicatorOordeel], verwanten: Callable[[str], Sequence[str]]
) -> frozenset[str]:
    """The indicators a "Wat gaat goed?" may not rest on although they voldoen: those with a
    related indicator (`verwant` in the kader) that is a verbeterpunt or has a LET OP."""
    zwak = {io.id for io in oordelen if io.oordeel == "verbeterpunt" or io.let_op}
    return frozenset(io.id for io in oordelen if zwak & set(verwanten(io.id)))


def houdt_stand(io: IndicatorOordeel, tegen: frozenset[str]) -> bool:
    """Whether a "Wat gaat goed?" may rest on this verdict: voldoet, no LET OP, and nothing
    related that says otherwise."""
    return io.oordeel == "voldoet" and not io.let_op and io.id not in tegen


def conclusie(
    thema: Thema,
    onderbouwingen: Sequence[Onderbouwing],
    override: ConclusieOverride | None,
    tegen: frozenset[str] = frozenset(),
) -> ThemaConclusie:
    """The conclusion of one theme; an inspector's own lists replace the generated ones. Each
    generated sentence names the indicator it rests on."""
    kandidaten = [
        o for o in onderbouwingen if steun(o) >= MIN_STEUN and houdt_stand(o.oordeel, tegen)
    ]
    # Strongest first to choose, then back to kader order so the reader can follow the table.
    gekozen = {o.oordeel.id for o in sorted(kandidaten, key=steun, reverse=True)[:MAX_GAAT_GOED]}
    goed = [o for o in onderbouwingen if o.oordeel.id in gekozen]
    beter = [o for o in onderbouwingen if o.oordeel.oordeel == "verbeterpunt"]
    gaat_goed = tuple(_sterk_punt(o) for o in goed)
    kan_beter = tuple(_verbeterpunt(o) for o in beter)
    goed_op: tuple[tuple[str, ...], ...] = tuple((o.oordeel.id,) for o in goed)
    beter_op: tuple[tuple[str, ...], ...] = tuple((o.oordeel.id,) for o in beter)
    aanpassing = None
    if override is not None:
        aanpassing = Aanpassing(override.door, override.wanneer)
        if override.gaat_goed is not None:
            gaat_goed, goed_op = tuple(override.gaat_goed), tuple(() for _ in override.gaat_goed)
        if override.kan_beter is not None:
            kan_beter, beter_op = tuple(override.kan_beter), tuple(() for _ in override.kan_beter)
    return ThemaConclusie(
        thema.naam, thema.omschrijving, gaat_goed, kan_beter, aanpassing, goed_op, beter_op
    )
