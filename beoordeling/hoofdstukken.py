"""The writing of a nota van bevindingen: chapters built around the strongest patterns over
several indicators, conclusions per theme counted over the families, and the relation between
practice and policy. Plain data in, plain data out; the texts come from the kader's text file."""

from __future__ import annotations

from collections.abc import Sequence

from beoordeling.casus import CasusUitkomst, Samenvatting, aantal, bevinding_over_casussen
from beoordeling.conclusie import houdt_stand
from beoordeling.model import (
    Aanpassing,
    BeleidsVerband,
    ConclusieOverride,
    Hoofdstuk,
    IndicatorOordeel,
    Oordeel,
    Thema,
    ThemaConclusie,
)
from beoordeling.taal import opsomming, zin
from beoordeling.teksten import Patroon, Teksten

# The nota picks a few subjects; it does not retell the table (Zwolle: two and five).
MAX_GOED = 3
MAX_BETER = 5
BEOORDEELD = ("voldoet", "verbeterpunt")


def _telling(io: IndicatorOordeel) -> tuple[int, int, int]:
    """(voldoet, verbeterpunt, all) families of one indicator."""
    v = sum(o == "voldoet" for _, o in io.per_casus)
    x = sum(o == "verbeterpunt" for _, o in io.per_casus)
    return v, x, len(io.per_casus)


# Per indicator what the families said, and its claim, for telling several indicators at once.
Samenvattingen = dict[str, tuple[Samenvatting, str]]


def _alinea(io: IndicatorOordeel) -> str:
    """One paragraph of a chapter: the finding, and how practice relates to policy."""
    bevinding = " ".join(io.bevinding.split("\n"))
    return f"{bevinding} {io.verband}" if io.verband else bevinding


def _alineas(ios: Sequence[IndicatorOordeel], samen: Samenvattingen) -> list[str]:
    """The findings of a chapter, where the families judged several indicators alike told in one
    paragraph ("… niet dat A, dat B of dat C: …"); an inspector's own finding stands alone."""
    groepen: dict[object, list[IndicatorOordeel]] = {}
    for io in ios:
        sleutel: object = (
            io.id if io.aangepast_door_inspecteur or io.id not in samen else (samen[io.id][0])
        )
        groepen.setdefault(sleutel, []).append(io)
    alineas = []
    for groep in groepen.values():
        if len(groep) == 1:
            alineas.append(_alinea(groep[0]))
            continue
        tekst = bevinding_over_casussen(samen[groep[0].id][0], [samen[io.id][1] for io in groep])
        verbanden = list(dict.fromkeys(io.verband for io in groep if io.verband))
        alineas.append(" ".join([tekst, *verbanden]))
    return alineas


def _mee(io: IndicatorOordeel, soort: str, tegen: frozenset[str]) -> bool:
    """Whether an indicator carries a chapter of this side: a verbeterpunt for "Wat kan
    beter?"; for "Wat gaat goed?" a voldoet that holds (no LET OP, nothing related against)."""
    return houdt_stand(io, tegen) if soort == "goed" else io.oordeel == "verbeterpunt"


def _eigen_conclusie(mee: Sequence[IndicatorOordeel], soort: str, teksten: Teksten) -> str:
    """A chapter's conclusion from its own indicators, where the pattern's sentence would say
    more than they do."""
    if soort == "goed":
        beweringen = [f"dat {_bewering(io, teksten)}" for io in mee]
        return f"In de onderzochte gezinnen is gebleken {opsomming(beweringen)}."
    return " ".join(
        teksten.indicatoren[io.id].tekort if io.id in teksten.indicatoren else zin(io.indicator)
        for io in mee
    )


def _kanttekening(tegen: Sequence[IndicatorOordeel], soort: str, teksten: Teksten) -> str:
    """What goes the other way in a chapter, in the indicators' own claims: for "Wat gaat
    goed?" what was not seen, or only with a LET OP or beside a related verbeterpunt; for
    "Wat kan beter?" what was seen."""

    def dat(ios: Sequence[IndicatorOordeel]) -> str:
        return opsomming([f"dat {_bewering(io, teksten)}" for io in ios])

    if soort == "beter":
        return f"Wel is teruggezien {dat(tegen)}."
    niet = [io for io in tegen if io.oordeel != "voldoet"]
    met = [io for io in tegen if io.oordeel == "voldoet"]
    zinnen = []
    if met:
        zinnen.append(f"Met kanttekeningen is teruggezien {dat(met)}.")
    if niet:
        zinnen.append(f"Niet teruggezien is {dat(niet)}.")
    return " ".join(zinnen)


def _hoofdstuk(
    p: Patroon,
    ios: Sequence[IndicatorOordeel],
    soort: str,
    samen: Samenvattingen,
    teksten: Teksten,
    tegengesproken: frozenset[str],
) -> Hoofdstuk:
    """A chapter: the findings that carry it first, then those that go the other way. Its
    conclusion is the pattern's own only when every judged indicator carries it."""
    mee = [io for io in ios if _mee(io, soort, tegengesproken)]
    tegen = [io for io in ios if not _mee(io, soort, tegengesproken)]
    kant = p.goed if soort == "goed" else p.beter
    conclusie = kant.conclusie if not tegen else _eigen_conclusie(mee, soort, teksten)
    if tegen:
        conclusie += " " + _kanttekening(tegen, soort, teksten)
    themas: list[str] = []
    for io in ios:
        if io.thema not in themas:
            themas.append(io.thema)
    return Hoofdstuk(
        soort="goed" if soort == "goed" else "beter",
        titel=kant.titel,
        norm=p.norm,
        themas=tuple(themas),
        bevindingen=tuple(_alineas(mee, samen) + [_alinea(io) for io in tegen]),
        conclusie=conclusie,
        indicatoren=tuple(io.id for io in mee),
        tegen=tuple(io.id for io in tegen),
    )


def hoofdstukken(
    teksten: Teksten,
    oordelen: Sequence[IndicatorOordeel],
    samen: Samenvattingen,
    tegengesproken: frozenset[str] = frozenset(),
) -> tuple[Hoofdstuk, ...]:
    """The chapters of "Wat gaat goed?" and "Wat kan beter?": a subject goes well when at least
    two thirds of its judged indicators voldoen and hold (houdt_stand), and can be better when
    at most half voldoen; the strongest (most indicators, then most families, that way) are
    chosen, in data order."""
    per_id = {io.id: io for io in oordelen}
    kandidaten: list[tuple[str, tuple[int, int, int], int, Patroon, list[IndicatorOordeel]]] = []
    for volgorde, p in enumerate(teksten.hoofdstukken):
        ios = [per_id[i] for i in p.indicatoren if i in per_id and per_id[i].oordeel in BEOORDEELD]
        if not ios:
            continue
        v = sum(io.oordeel == "voldoet" for io in ios)
        # A subject goes well where most indicators voldoen, but its conclusion rests only on
        # those that hold: without any, there is nothing to say that goes well.
        houdt = [io for io in ios if houdt_stand(io, tegengesproken)]
        if houdt and 3 * v >= 2 * len(ios):
            gezinnen = sum(_telling(io)[0] for io in houdt)
            kandidaten.append(("goed", (len(houdt), v, gezinnen), volgorde, p, ios))
        elif 2 * v <= len(ios):
            gezinnen = sum(_telling(io)[1] for io in ios if io.oordeel == "verbeterpunt")
            kandidaten.append(("beter", (len(ios) - v, gezinnen, 0), volgorde, p, ios))
    gekozen = []
    for soort, maximum in (("goed", MAX_GOED), ("beter", MAX_BETER)):
        eigen = [k for k in kandidaten if k[0] == soort]
        sterkste = sorted(eigen, key=lambda k: k[1], reverse=True)[:maximum]
        gekozen.extend(sorted(sterkste, key=lambda k: k[2]))
    return tuple(
        _hoofdstuk(p, ios, soort, samen, teksten, tegengesproken) for soort, _, _, p, ios in gekozen
    )


def conclusie_over_casussen(
    thema: Thema,
    oordelen: Sequence[IndicatorOordeel],
    teksten: Teksten,
    override: ConclusieOverride | None,
    tegengesproken: frozenset[str] = frozenset(),
) -> ThemaConclusie:
    """Per theme, in a few sentences: what holds in (nearly) every family ("Bij alle drie
    gezinnen blijkt uit de antwoorden dat A en dat B"), and every verbeterpunt, grouped by the
    number of families where it showed; each sentence with the indicators it rests on."""
    sterk: dict[tuple[int, int], list[IndicatorOordeel]] = {}
    for io in oordelen:
        v, x, totaal = _telling(io)
        if houdt_stand(io, tegengesproken) and x == 0 and v > 0:
            sterk.setdefault((v, totaal), []).append(io)
    groepen = sorted(sterk.items(), key=lambda k: k[0][0], reverse=True)
    goed: tuple[str, ...] = tuple(
        f"Bij {aantal(v, totaal)} gezinnen blijkt uit de antwoorden "
        + opsomming([f"dat {_bewering(io, teksten)}" for io in ios])
        + "."
        for (v, totaal), ios in groepen
    )
    goed_op: tuple[tuple[str, ...], ...] = tuple(tuple(io.id for io in ios) for _, ios in groepen)
    zwak: dict[tuple[int, int], list[IndicatorOordeel]] = {}
    for io in oordelen:
        if io.oordeel == "verbeterpunt":
            v, x, totaal = _telling(io)
            zwak.setdefault((x, totaal), []).append(io)
    beter: tuple[str, ...] = tuple(
        _tekorten([_tekort(io, teksten) for io in ios], x, totaal)
        for (x, totaal), ios in zwak.items()
    )
    beter_op: tuple[tuple[str, ...], ...] = tuple(
        tuple(io.id for io in ios) for ios in zwak.values()
    )
    aanpassing = None
    if override is not None:
        aanpassing = Aanpassing(override.door, override.wanneer)
        if override.gaat_goed is not None:
            goed, goed_op = tuple(override.gaat_goed), tuple(() for _ in override.gaat_goed)
        if override.kan_beter is not None:
            beter, beter_op = tuple(override.kan_beter), tuple(() for _ in override.kan_beter)
    return ThemaConclusie(
        thema.naam, thema.omschrijving, goed, beter, aanpassing, goed_op, beter_op
    )


def _tekort(io: IndicatorOordeel, teksten: Teksten) -> str:
    tekst = teksten.indicatoren.get(io.id)
    return tekst.tekort if tekst else zin(io.indicator)


def _tekorten(tekorten: Sequence[str], x: int, totaal: int) -> str:
    """Shortfalls that showed in as many families, and in how many."""
    if not x:
        return " ".join(tekorten)
    dat = "Dat" if len(tekorten) == 1 else "Dit alles"
    return " ".join([*tekorten, f"{dat} speelde bij {aantal(x, totaal)} gezinnen."])


def _bewering(io: IndicatorOordeel, teksten: Teksten) -> str:
    tekst = teksten.indicatoren.get(io.id)
    return tekst.bewering if tekst else f"‘{io.indicator}’ opgaat"


def verband(io: IndicatorOordeel, beleid: Sequence[BeleidsVerband], totaal: int) -> str | None:
    """One sentence relating practice to policy: "Op beleidsniveau geregeld; in de praktijk bij
    twee van de drie gezinnen niet gezien." None without a judged policy counterpart."""
    oordelen = [b.oordeel for b in beleid if b.oordeel in BEOORDEELD]
    if not oordelen or io.oordeel not in BEOORDEELD or not totaal:
        return None
    v = sum(o == "voldoet" for _, o in io.per_casus)
    x = sum(o == "verbeterpunt" for _, o in io.per_casus)
    if all(o == "voldoet" for o in oordelen):
        beleidsniveau = "Op beleidsniveau geregeld"
    elif all(o == "verbeterpunt" for o in oordelen):
        ook = "Ook op" if io.oordeel == "verbeterpunt" else "Op"
        beleidsniveau = f"{ook} beleidsniveau een verbeterpunt"
    else:
        beleidsniveau = "Op beleidsniveau deels geregeld"
    if io.oordeel == "verbeterpunt":
        return f"{beleidsniveau}; in de praktijk bij {aantal(x, totaal)} gezinnen niet gezien."
    return f"{beleidsniveau}; in de praktijk bij {aantal(v, totaal)} gezinnen teruggezien."


def verbanden(
    indicator_beleid: Sequence[str], beleid_oordelen: dict[str, IndicatorOordeel]
) -> tuple[BeleidsVerband, ...]:
    """The policy-level counterparts of one indicator, as far as they were assessed."""
    return tuple(
        BeleidsVerband(b, beleid_oordelen[b].indicator, beleid_oordelen[b].oordeel)
        for b in indicator_beleid
        if b in beleid_oordelen
    )


def uitkomst_telling(uitkomsten: Sequence[CasusUitkomst]) -> tuple[tuple[str, Oordeel], ...]:
    """(label, verdict) per casus, for IndicatorOordeel.per_casus."""
    return tuple((u.label, u.besluit.oordeel) for u in uitkomsten)
