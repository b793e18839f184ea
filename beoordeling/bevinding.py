"""Findings in the factsheet's voice: who says what, counted and anonymous ("de gemeente en twee
netwerkpartners", "één netwerkpartner uit de jeugdzorg"), what the descriptions they gave have
in common, where it is laid down, and a LET OP of one sentence on what differs. A respondent's
own words appear only where an inspector marked them as quotable. The words for the voices come
from the kader (`Namen`), the sentences per indicator from its texts (`IndicatorTekst`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from beoordeling.beslisregel import Besluit, Namen, Stem, Stemmen
from beoordeling.taal import citaat, getal_woord, hoofdletter, opsomming, titel
from beoordeling.teksten import Aanvulling, IndicatorTekst, Vergelijk
from beoordeling.vergelijken import komen_overeen

# The first group names the claim; later groups refer back to it with "dit".
_EERSTE = {
    "ja": "dat {b}",
    "deels": "dat het maar ten dele zo is dat {b}",
    "nee": "dat het niet zo is dat {b}",
}
_VERVOLG = {
    "ja": "dat dit wel zo is",
    "deels": "dat dit maar deels zo is",
    "nee": "dat dit niet zo is",
}
GEEN_ANTWOORDEN = "Er zijn nog geen antwoorden op deze vraag."
# A quoted description is cut at a word boundary: the finding compares, it does not reprint.
MAX_OMSCHRIJVING = 160


@dataclass(frozen=True)
class Omschrijvingen:
    """The answers of the hoofd and of each weger to a text question a finding compares."""

    hoofd: str | None
    wegers: tuple[tuple[Stem, str], ...]


def onderwerp(hoofd: bool, wegers: int, wegers_totaal: int, namen: Namen) -> tuple[str, bool]:
    """The subject "de gemeente en twee netwerkpartners" and whether it is plural."""
    delen = [namen.hoofd] if hoofd else []
    if wegers:
        if wegers == wegers_totaal:
            delen.append(
                f"de {namen.weger}" if wegers == 1 else f"de {getal_woord(wegers)} {namen.wegers}"
            )
        else:
            woord = namen.weger if wegers == 1 else namen.wegers
            delen.append(f"{getal_woord(wegers)} {woord}")
    return " en ".join(delen), int(hoofd) + wegers > 1


def _rol(stem: Stem, namen: Namen) -> tuple[str, str]:
    """A weger's role, singular and plural."""
    return (stem.rol[0] or namen.weger, stem.rol[1] or namen.wegers)


def gemengd(stemmen: Sequence[Stem], namen: Namen) -> bool:
    """Whether these wegers are of more than one role."""
    return len({_rol(s, namen) for s in stemmen}) > 1


def benoem(
    hoofd: bool, groep: Sequence[Stem], alle: Sequence[Stem], namen: Namen
) -> tuple[str, bool]:
    """Like `onderwerp`, counted per role where the wegers have several ("de
    wijkteammedewerker, twee cliënten en de partner"); one weger out of several of its role is
    named by sector where it is known. Also whether the subject is plural."""
    delen = [namen.hoofd] if hoofd else []
    for rol in dict.fromkeys(_rol(s, namen) for s in groep):
        eigen = [s for s in groep if _rol(s, namen) == rol]
        totaal = sum(_rol(s, namen) == rol for s in alle)
        n = len(eigen)
        woord = rol[0] if n == 1 else rol[1]
        if n == totaal:
            deel = f"de {woord}" if n == 1 else f"de {getal_woord(n)} {woord}"
        else:
            deel = f"{getal_woord(n)} {woord}"
        if n == 1 and totaal > 1 and eigen[0].sector:
            deel += f" {eigen[0].sector}"
        delen.append(deel)
    return opsomming(delen), int(hoofd) + len(groep) > 1


def _wie(
    hoofd: bool, groep: Sequence[Stem], alle: Sequence[Stem], namen: Namen
) -> tuple[str, bool]:
    """The subject of a clause about these voices."""
    return benoem(hoofd, groep, alle, namen)


def _zonder_herhaling(wie: str, bewering: str, namen: Namen) -> str:
    """Avoid "De gemeente geeft aan dat de gemeente …": the claim then says "zij"."""
    if wie == namen.hoofd and bewering.startswith(f"{namen.hoofd} "):
        return "zij " + bewering[len(namen.hoofd) + 1 :]
    return bewering


def _volgorde(stemmen: Stemmen) -> tuple[str, ...]:
    """Ja, deels, nee — but the hoofd's own answer first, as the rule starts from it."""
    g = stemmen.hoofd.waarde if stemmen.hoofd else None
    gewoon = ("ja", "deels", "nee")
    return (g, *(w for w in gewoon if w != g)) if g in gewoon else gewoon


def wie_zegt_wat(
    stemmen: Stemmen, bewering: str, namen: Namen, weglaten: Sequence[Stem] = ()
) -> str:
    """The counting sentences: "De gemeente en twee netwerkpartners geven aan dat …; …".
    Voices in `weglaten` are left to the LET OP, so nothing is said twice."""
    hoofd = stemmen.hoofd
    wegers = [p for p in stemmen.wegers if p not in weglaten]
    if (
        hoofd is not None
        and hoofd.waarde == "ja"
        and stemmen.wegers
        and all(p.waarde == "ja" for p in stemmen.wegers)
    ):
        return f"Alle ondervraagden geven aan dat {bewering}."
    clausules: list[str] = []
    for waarde in _volgorde(stemmen):
        g = hoofd is not None and hoofd.waarde == waarde
        groep = [p for p in wegers if p.waarde == waarde]
        if not (g or groep):
            continue
        wie, meer = _wie(g, groep, stemmen.wegers, namen)
        if clausules:
            sjabloon = _VERVOLG[waarde]
        else:
            sjabloon = _EERSTE[waarde].format(b=_zonder_herhaling(wie, bewering, namen))
        clausules.append(f"{wie} {'geven' if meer else 'geeft'} aan {sjabloon}")
    zinnen = [hoofdletter("; ".join(clausules)) + "."] if clausules else []
    for leeg, enkel, meervoud in (
        ("weet_niet", "weet het niet", "weten het niet"),
        (None, "heeft deze vraag nog niet beantwoord", "hebben deze vraag nog niet beantwoord"),
    ):
        g = hoofd is not None and hoofd.waarde == leeg
        groep = [p for p in wegers if p.waarde == leeg]
        if g or groep:
            wie, meer = _wie(g, groep, stemmen.wegers, namen)
            zinnen.append(hoofdletter(f"{wie} {meervoud if meer else enkel}."))
    return " ".join(zinnen)


def _ingekort(tekst: str) -> str:
    """A description short enough to quote in a finding."""
    tekst = " ".join(tekst.split()).rstrip(".")
    if len(tekst) <= MAX_OMSCHRIJVING:
        return tekst
    return tekst[:MAX_OMSCHRIJVING].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def vergelijking(o: Omschrijvingen, v: Vergelijk, namen: Namen) -> str:
    """What the descriptions have in common, measured against the hoofd's own."""
    if not o.hoofd:
        return ""
    zinnen = [hoofdletter(v.hoofd.format(hoofd=namen.hoofd, tekst=citaat(_ingekort(o.hoofd))))]
    zelfde = [s for s, t in o.wegers if komen_overeen(o.hoofd, t)]
    anders = [s for s, t in o.wegers if not komen_overeen(o.hoofd, t)]
    alle = [s for s, _ in o.wegers]
    delen = []
    for groep, wat in ((zelfde, v.zelfde), (anders, v.anders)):
        if groep:
            wie, meer = _wie(False, groep, alle, namen)
            delen.append(f"{wie} {v.meervoud if meer else v.enkelvoud} {wat}")
    if delen:
        zinnen.append(hoofdletter("; ".join(delen)) + ".")
    return " ".join(zinnen)


def aanvulling(keuzes: Sequence[str], a: Aanvulling, namen: Namen) -> str:
    """The hoofd's answer to a related multiple choice, as a sentence (nothing for "none")."""
    genoemd = [a.namen[k] for k in keuzes if k in a.namen and k != a.geen]
    if not genoemd:
        return ""
    return hoofdletter(a.zin.format(hoofd=namen.hoofd, lijst=opsomming(genoemd)))


def _citaten(stemmen: Stemmen, citaten: Sequence[str], namen: Namen) -> list[str]:
    """The toelichtingen an inspector marked as quotable, each with an anonymous speaker."""
    regels = []
    for stem in ([stemmen.hoofd] if stemmen.hoofd else []) + list(stemmen.wegers):
        if stem.sleutel in citaten and stem.toelichting and stem.toelichting.strip():
            if stem is stemmen.hoofd:
                wie = namen.hoofd
            elif sum(_rol(s, namen) == _rol(stem, namen) for s in stemmen.wegers) == 1:
                wie = f"de {_rol(stem, namen)[0]}"
            else:
                wie = " ".join(d for d in ("een", _rol(stem, namen)[0], stem.sector) if d)
            regels.append(f"{hoofdletter(wie)} licht toe: {citaat(stem.toelichting)}")
    return regels


GEEN_DOCUMENT = "Een document waarin dit is vastgelegd, is niet genoemd."


def _documenten(stemmen: Stemmen, besluit: Besluit, vastlegging: bool, namen: Namen) -> str:
    """Where the claim is laid down (named by the hoofd or by a weger answering ja); where the
    kader expects it laid down and a voldoet rests on answers alone, that none was named."""
    documenten = stemmen.documenten()
    if documenten:
        titels = opsomming([titel(d) for d in documenten])
        if stemmen.hoofd is not None and stemmen.hoofd.waarde in ("nee", "deels"):
            # Named while saying it is not (fully) so: the document is referred to, no more.
            return f"{hoofdletter(namen.hoofd)} verwijst daarbij naar {titels}."
        return f"Dit is vastgelegd in {titels}."
    return GEEN_DOCUMENT if vastlegging and besluit.oordeel == "voldoet" else ""


def afwijkers(stemmen: Stemmen, besluit: Besluit) -> tuple[Stem, ...]:
    """The wegers a LET OP speaks for: those answering nee or deels to a voldoet."""
    if besluit.oordeel != "voldoet":
        return ()
    return tuple(p for p in stemmen.wegers if p.waarde in ("nee", "deels"))


def let_op(
    stemmen: Stemmen, besluit: Besluit, tekst: IndicatorTekst, namen: Namen
) -> tuple[str, ...]:
    """One sentence on what differs, and what is at stake; for a verdict without the primary
    account, that it rests on the others alone."""
    opmerkingen = []
    if besluit.regel == "6":
        wat = (
            "weet het niet"
            if stemmen.hoofd and stemmen.hoofd.waarde == "weet_niet"
            else ("gaf hierover geen antwoord")
        )
        opmerkingen.append(
            hoofdletter(f"{namen.hoofd} {wat}; het oordeel steunt alleen op {namen.alle_wegers}.")
        )
    tegen = afwijkers(stemmen, besluit)
    if tegen:
        waarden = {p.waarde for p in tegen}
        hoe = (
            "niet"
            if waarden == {"nee"}
            else "maar deels"
            if waarden == {"deels"}
            else ("niet of maar deels")
        )
        wie, meer = _wie(False, tegen, stemmen.wegers, namen)
        zin = f"{wie} {'geven' if meer else 'geeft'} aan dat dit {hoe} zo is"
        if tekst.risico:
            zin += f"; {tekst.risico[:1].lower()}{tekst.risico[1:].rstrip('.')}"
        opmerkingen.append(hoofdletter(zin) + ".")
    return tuple(opmerkingen)


def bevinding(
    stemmen: Stemmen,
    tekst: IndicatorTekst,
    namen: Namen,
    besluit: Besluit,
    vastlegging: bool = False,
    omschrijvingen: Omschrijvingen | None = None,
    keuzes: Sequence[str] = (),
    citaten: Sequence[str] = (),
) -> str:
    """The whole findings text, one part per line: who says what, what their descriptions have
    in common, what the hoofd adds, where it is laid down, and marked quotes."""
    if stemmen.hoofd is None and not stemmen.wegers:
        return GEEN_ANTWOORDEN
    delen = [wie_zegt_wat(stemmen, tekst.bewering, namen, afwijkers(stemmen, besluit))]
    if omschrijvingen is not None and tekst.vergelijk is not None:
        delen.append(vergelijking(omschrijvingen, tekst.vergelijk, namen))
    if tekst.aanvulling is not None:
        delen.append(aanvulling(keuzes, tekst.aanvulling, namen))
    delen.append(_documenten(stemmen, besluit, vastlegging, namen))
    delen.extend(_citaten(stemmen, citaten, namen))
    return "\n".join(d for d in delen if d)
