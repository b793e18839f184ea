"""Decision rule v1.1 (BESLISREGEL.md): a draft verdict per indicator, with its reason."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from beoordeling.model import Oordeel, Regel
from beoordeling.taal import getal_woord, opsomming, titel

BRUIKBAAR = ("ja", "deels", "nee")


@dataclass(frozen=True)
class Stem:
    """One respondent's answer to one kernvraag; waarde None means not (yet) answered."""

    wie: str
    waarde: str | None
    toelichting: str | None = None
    documenten: tuple[str, ...] = ()


@dataclass(frozen=True)
class Stemmen:
    """All answers to one indicator: the gemeente's (None if it was not asked) and the partners'."""

    gemeente: Stem | None
    partners: tuple[Stem, ...]

    def bruikbare_partners(self) -> tuple[Stem, ...]:
        """P of the rule: partners answering ja, deels or nee."""
        return tuple(p for p in self.partners if p.waarde in BRUIKBAAR)

    def g(self) -> str | None:
        """The gemeente's usable answer, or None when missing or weet_niet."""
        if self.gemeente is None or self.gemeente.waarde not in BRUIKBAAR:
            return None
        return self.gemeente.waarde

    def documenten(self) -> tuple[str, ...]:
        """Documents that back the claim: named by the gemeente or by a partner answering ja."""
        gezien: dict[str, None] = {}
        bronnen = [self.gemeente] if self.gemeente else []
        bronnen += [p for p in self.partners if p.waarde == "ja"]
        for stem in bronnen:
            for doc in stem.documenten:
                gezien.setdefault(doc, None)
        return tuple(gezien)


@dataclass(frozen=True)
class Besluit:
    """A draft verdict, the rule that produced it, why, and the LET OP remarks it adds."""

    oordeel: Oordeel
    regel: Regel
    reden: str
    let_op: tuple[str, ...]


def tegenspraak_weegt_zwaarder(partners: Sequence[Stem]) -> bool:
    """Rule 4's test: nee counts 1, deels ½, and together they outweigh half of P."""
    # Integer form of (nee + deels/2) > |P|/2, so no rounding can tip a verdict.
    nee = sum(p.waarde == "nee" for p in partners)
    deels = sum(p.waarde == "deels" for p in partners)
    return 2 * nee + deels > len(partners)


def _afwijkers(partners: Sequence[Stem]) -> tuple[str, ...]:
    """A LET OP per partner answering nee or deels, naming the organisation."""
    return tuple(
        f"{p.wie} geeft aan dat dit niet zo is."
        if p.waarde == "nee"
        else f"{p.wie} geeft aan dat dit slechts deels zo is."
        for p in partners
        if p.waarde in ("nee", "deels")
    )


NIET_VASTGELEGD = "Niet vastgelegd in een document: er is geen document genoemd waarin dit staat."


def _telling(partners: Sequence[Stem]) -> str:
    """The partners' answers counted in words: "twee keer nee en één keer deels"."""
    delen = []
    for waarde in ("ja", "nee", "deels"):
        n = sum(p.waarde == waarde for p in partners)
        if n:
            delen.append(f"{getal_woord(n)} keer {waarde}")
    return opsomming(delen)


def beslis(stemmen: Stemmen, vastlegging: bool) -> Besluit:
    """Apply rules 2–6 to one indicator (rule 1, the override, is applied by the compiler)."""
    g = stemmen.g()
    p = stemmen.bruikbare_partners()
    if g in ("nee", "deels"):
        hoe = "niet" if g == "nee" else "slechts deels"
        reden = f"Regel 2: de gemeente geeft zelf aan dat dit {hoe} zo is."
        return Besluit("verbeterpunt", "2", reden, ())
    if g == "ja":
        documenten = stemmen.documenten()
        if documenten:
            reden = (
                "Regel 3: de gemeente geeft aan dat dit zo is en er is een document genoemd "
                f"waarin het is vastgelegd ({opsomming([titel(d) for d in documenten])})."
            )
            return Besluit("voldoet", "3", reden, _afwijkers(p))
        if p and tegenspraak_weegt_zwaarder(p):
            reden = (
                "Regel 4: de gemeente geeft aan dat dit zo is, maar noemt geen document, en de "
                f"netwerkpartners spreken dat overwegend tegen ({_telling(p)}; nee telt "
                "volledig, deels half mee)."
            )
            return Besluit("verbeterpunt", "4", reden, ())
        reden = "Regel 5: de gemeente geeft aan dat dit zo is"
        reden += (
            f" en de netwerkpartners spreken dat niet overwegend tegen ({_telling(p)})."
            if p
            else "."
        )
        let_op = _afwijkers(p) + ((NIET_VASTGELEGD,) if vastlegging else ())
        return Besluit("voldoet", "5", reden, let_op)
    if not p:
        reden = "Geen bruikbare antwoorden: niemand heeft met ja, deels of nee geantwoord."
        return Besluit("niet_beoordeeld", "geen", reden, ())
    return _zonder_gemeente(stemmen, p, vastlegging)


def _zonder_gemeente(stemmen: Stemmen, p: Sequence[Stem], vastlegging: bool) -> Besluit:
    """Rule 6: no usable answer of the gemeente, so the majority of the partners decides."""
    weet_niet = stemmen.gemeente is not None and stemmen.gemeente.waarde == "weet_niet"
    gemeente = (
        "De gemeente weet het niet" if weet_niet else "De gemeente heeft deze vraag niet beantwoord"
    )
    let_op_gemeente = f"{gemeente}; het oordeel steunt alleen op de netwerkpartners."
    voor = sum(s.waarde == "ja" for s in p)
    tegen = len(p) - voor
    grond = "de gemeente weet het niet" if weet_niet else "de gemeente gaf geen antwoord"
    if voor > tegen:
        reden = (
            f"Regel 6: {grond}; de meerderheid van de netwerkpartners geeft aan dat dit zo is "
            f"({_telling(p)})."
        )
        documenten = stemmen.documenten()
        extra = (NIET_VASTGELEGD,) if vastlegging and not documenten else ()
        return Besluit("voldoet", "6", reden, (let_op_gemeente, *_afwijkers(p), *extra))
    gelijk = " (bij gelijke stand wordt het een verbeterpunt)" if voor == tegen else ""
    reden = (
        f"Regel 6: {grond}; de netwerkpartners geven geen meerderheid voor ja "
        f"({_telling(p)}){gelijk}."
    )
    return Besluit("verbeterpunt", "6", reden, (let_op_gemeente,))
