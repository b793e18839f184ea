"""Findings text in the factsheet's voice: who says what, counted in Dutch words, with quotes."""

from __future__ import annotations

from collections.abc import Sequence

from beoordeling.beslisregel import Stem, Stemmen
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


def onderwerp(gemeente: bool, partners: int, partners_totaal: int) -> tuple[str, bool]:
    """The subject "de gemeente en twee netwerkpartners" and whether it is plural."""
    delen = ["de gemeente"] if gemeente else []
    if partners:
        if partners == partners_totaal:
            delen.append(
                "de netwerkpartner"
                if partners == 1
                else f"de {getal_woord(partners)} netwerkpartners"
            )
        else:
            woord = "netwerkpartner" if partners == 1 else "netwerkpartners"
            delen.append(f"{getal_woord(partners)} {woord}")
    return " en ".join(delen), int(gemeente) + partners > 1


def _groep(stemmen: Stemmen, waarde: str | None) -> tuple[bool, int]:
    """Whether the gemeente gave this answer, and how many partners did."""
    g = stemmen.gemeente is not None and stemmen.gemeente.waarde == waarde
    return g, sum(p.waarde == waarde for p in stemmen.partners)


def _volgorde(stemmen: Stemmen) -> tuple[str, ...]:
    """Ja, deels, nee — but the gemeente's own answer first, as the rule starts from it."""
    g = stemmen.gemeente.waarde if stemmen.gemeente else None
    gewoon = ("ja", "deels", "nee")
    if g in gewoon:
        return (g, *(w for w in gewoon if w != g))
    return gewoon


def _zonder_herhaling(wie: str, bewering: str) -> str:
    """Avoid "De gemeente geeft aan dat de gemeente …": the claim then says "zij"."""
    if wie == "de gemeente" and bewering.startswith("de gemeente "):
        return "zij " + bewering[len("de gemeente ") :]
    return bewering


def wie_zegt_wat(stemmen: Stemmen, bewering: str) -> str:
    """The counting sentences: "De gemeente en twee netwerkpartners geven aan dat …; …"."""
    totaal = len(stemmen.partners)
    clausules: list[str] = []
    for waarde in _volgorde(stemmen):
        g, k = _groep(stemmen, waarde)
        if not (g or k):
            continue
        wie, meer = onderwerp(g, k, totaal)
        if clausules:
            sjabloon = _VERVOLG[waarde]
        else:
            sjabloon = _EERSTE[waarde].format(b=_zonder_herhaling(wie, bewering))
        clausules.append(f"{wie} {'geven' if meer else 'geeft'} aan {sjabloon}")
    zinnen = [hoofdletter("; ".join(clausules)) + "."] if clausules else []
    geen_oordeel: tuple[tuple[str | None, str, str], ...] = (
        ("weet_niet", "weet het niet", "weten het niet"),
        (None, "heeft deze vraag nog niet beantwoord", "hebben deze vraag nog niet beantwoord"),
    )
    for leeg, enkel, meervoud in geen_oordeel:
        g, k = _groep(stemmen, leeg)
        if g or k:
            wie, meer = onderwerp(g, k, totaal)
            zinnen.append(hoofdletter(f"{wie} {meervoud if meer else enkel}."))
    return " ".join(zinnen)


def _toelichtingen(stemmen: Stemmen) -> list[str]:
    """Each toelichting quoted and attributed: Toelichting gemeente: “…”."""
    regels = []
    alle = ([stemmen.gemeente] if stemmen.gemeente else []) + list(stemmen.partners)
    for stem in alle:
        if stem.toelichting and stem.toelichting.strip():
            regels.append(f"Toelichting {stem.wie}: {citaat(stem.toelichting)}")
    return regels


def _bron(stem: Stem, gemeente: Stem | None) -> str:
    """A document title, attributed when a partner rather than the gemeente named it."""
    return "" if stem is gemeente else f" (genoemd door {stem.wie})"


def _documenten(stemmen: Stemmen) -> list[str]:
    """Vastgelegd in: the titles named with a ja; other named titles separately."""
    bevestigd: dict[str, str] = {}
    overig: dict[str, str] = {}
    alle = ([stemmen.gemeente] if stemmen.gemeente else []) + list(stemmen.partners)
    for stem in alle:
        doel = bevestigd if stem.waarde == "ja" else overig
        for doc in stem.documenten:
            if doc not in bevestigd and doc not in overig:
                doel[doc] = titel(doc) + _bron(stem, stemmen.gemeente)
    regels = []
    if bevestigd:
        regels.append(f"Vastgelegd in: {opsomming(list(bevestigd.values()))}.")
    if overig:
        regels.append(f"Genoemd als gedeeltelijke vastlegging: {opsomming(list(overig.values()))}.")
    return regels


def bevinding(stemmen: Stemmen, bewering: str) -> str:
    """The whole findings text; parts on separate lines (counting, toelichtingen, documents)."""
    if stemmen.gemeente is None and not stemmen.partners:
        return GEEN_ANTWOORDEN
    delen: Sequence[str] = [
        wie_zegt_wat(stemmen, bewering),
        *_toelichtingen(stemmen),
        *_documenten(stemmen),
    ]
    return "\n".join(d for d in delen if d)
