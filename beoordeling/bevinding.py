"""Findings text in the factsheet's voice: who says what, counted in Dutch words, with quotes.
The words for the voices come from the kader (`Namen`)."""

from __future__ import annotations

from collections.abc import Sequence

from beoordeling.beslisregel import Namen, Stem, Stemmen
from beoordeling.taal import citaat, getal_woord, hoofdletter, opsomming, titel

# The first group names the claim; later groups refer back to it with "dit".
_EERSTE = {
    "ja": "dat {b}",
    "deels": "dat het slechts ten dele zo is dat {b}",
    "nee": "dat het niet zo is dat {b}",
}
_VERVOLG = {
    "ja": "dat dit wel zo is",
    "deels": "dat dit deels zo is",
    "nee": "dat dit niet zo is",
}
GEEN_ANTWOORDEN = "Er zijn nog geen antwoorden op deze vraag."


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


def _groep(stemmen: Stemmen, waarde: str | None) -> tuple[bool, int]:
    """Whether the hoofd gave this answer, and how many wegers did."""
    g = stemmen.hoofd is not None and stemmen.hoofd.waarde == waarde
    return g, sum(p.waarde == waarde for p in stemmen.wegers)


def _volgorde(stemmen: Stemmen) -> tuple[str, ...]:
    """Ja, deels, nee — but the hoofd's own answer first, as the rule starts from it."""
    g = stemmen.hoofd.waarde if stemmen.hoofd else None
    gewoon = ("ja", "deels", "nee")
    if g in gewoon:
        return (g, *(w for w in gewoon if w != g))
    return gewoon


def _zonder_herhaling(wie: str, bewering: str, namen: Namen) -> str:
    """Avoid "De gemeente geeft aan dat de gemeente …": the claim then says "zij"."""
    if wie == namen.hoofd and bewering.startswith(f"{namen.hoofd} "):
        return "zij " + bewering[len(namen.hoofd) + 1 :]
    return bewering


def wie_zegt_wat(stemmen: Stemmen, bewering: str, namen: Namen) -> str:
    """The counting sentences: "De gemeente en twee netwerkpartners geven aan dat …; …"."""
    totaal = len(stemmen.wegers)
    clausules: list[str] = []
    for waarde in _volgorde(stemmen):
        g, k = _groep(stemmen, waarde)
        if not (g or k):
            continue
        wie, meer = onderwerp(g, k, totaal, namen)
        if clausules:
            sjabloon = _VERVOLG[waarde]
        else:
            sjabloon = _EERSTE[waarde].format(b=_zonder_herhaling(wie, bewering, namen))
        clausules.append(f"{wie} {'geven' if meer else 'geeft'} aan {sjabloon}")
    zinnen = [hoofdletter("; ".join(clausules)) + "."] if clausules else []
    geen_oordeel: tuple[tuple[str | None, str, str], ...] = (
        ("weet_niet", "weet het niet", "weten het niet"),
        (None, "heeft deze vraag nog niet beantwoord", "hebben deze vraag nog niet beantwoord"),
    )
    for leeg, enkel, meervoud in geen_oordeel:
        g, k = _groep(stemmen, leeg)
        if g or k:
            wie, meer = onderwerp(g, k, totaal, namen)
            zinnen.append(hoofdletter(f"{wie} {meervoud if meer else enkel}."))
    return " ".join(zinnen)


def _toelichtingen(stemmen: Stemmen) -> list[str]:
    """Each toelichting quoted and attributed to who gave it: Toelichting <wie>: “…”."""
    regels = []
    alle = ([stemmen.hoofd] if stemmen.hoofd else []) + list(stemmen.wegers)
    for stem in alle:
        if stem.toelichting and stem.toelichting.strip():
            regels.append(f"Toelichting {stem.wie}: {citaat(stem.toelichting)}")
    return regels


def _bron(stem: Stem, hoofd: Stem | None) -> str:
    """A document title, attributed when a weger rather than the hoofd named it."""
    return "" if stem is hoofd else f" (genoemd door {stem.wie})"


def _documenten(stemmen: Stemmen) -> list[str]:
    """Vastgelegd in: the titles named with a ja; other named titles separately."""
    bevestigd: dict[str, str] = {}
    overig: dict[str, str] = {}
    alle = ([stemmen.hoofd] if stemmen.hoofd else []) + list(stemmen.wegers)
    for stem in alle:
        doel = bevestigd if stem.waarde == "ja" else overig
        for doc in stem.documenten:
            if doc not in bevestigd and doc not in overig:
                doel[doc] = titel(doc) + _bron(stem, stemmen.hoofd)
    regels = []
    if bevestigd:
        regels.append(f"Vastgelegd in: {opsomming(list(bevestigd.values()))}.")
    if overig:
        regels.append(f"Genoemd als gedeeltelijke vastlegging: {opsomming(list(overig.values()))}.")
    return regels


def bevinding(stemmen: Stemmen, bewering: str, namen: Namen) -> str:
    """The whole findings text; parts on separate lines (counting, toelichtingen, documents)."""
    if stemmen.hoofd is None and not stemmen.wegers:
        return GEEN_ANTWOORDEN
    delen: Sequence[str] = [
        wie_zegt_wat(stemmen, bewering, namen),
        *_toelichtingen(stemmen),
        *_documenten(stemmen),
    ]
    return "\n".join(d for d in delen if d)
