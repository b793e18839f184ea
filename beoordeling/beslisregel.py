"""Decision rule v1.1 (BESLISREGEL.md): a draft verdict per indicator, with its reason.

The rule weighs a primary account (the hoofd: one role's answer) against the voices that confirm
or contradict it (the wegers). Which role is which comes from the kader's data (`beslisregel`),
and so do the words the reasons use for them (`Namen`); no role is named here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from beoordeling.model import Oordeel, Regel
from beoordeling.taal import getal_woord, hoofdletter, opsomming, titel
from vragenlijsten.model import Kader

BRUIKBAAR = ("ja", "deels", "nee")


@dataclass(frozen=True)
class Namen:
    """How reasons and findings name the voices; taken from the kader's roles."""

    hoofd: str  # the primary account: "de gemeente", "de regisseur"
    weger: str  # one weger, counted: "netwerkpartner"
    wegers: str  # several, counted: "netwerkpartners"
    alle_wegers: str  # all wegers together: "de netwerkpartners", "het gezin en de professionals"
    documenten: bool  # whether the kader asks for documents at all, so reasons mention them


def namen_van(kader: Kader) -> Namen:
    """The words for the voices of a kader's decision rule."""
    regel = kader.beslisregel
    hoofd = kader.rol(regel.hoofd)
    assert hoofd is not None  # checked when the kader was loaded
    wegers = [(w, kader.rol(w.rol)) for w in regel.wegers]
    groepen = [w.stem or f"de {rol.meervoud}" for w, rol in wegers if rol is not None]
    eerste = wegers[0][1] if wegers and wegers[0][1] is not None else hoofd
    return Namen(
        hoofd=f"de {hoofd.enkelvoud}",
        weger=eerste.enkelvoud,
        wegers=eerste.meervoud,
        alle_wegers=opsomming(groepen),
        documenten=any(i.vastlegging for _, _, i in kader.indicatoren()),
    )


@dataclass(frozen=True)
class Stem:
    """One voice's answer to one kernvraag; waarde None means not (yet) answered."""

    wie: str
    waarde: str | None
    toelichting: str | None = None
    documenten: tuple[str, ...] = ()
    meervoud: bool = False  # whether `wie` takes a plural verb ("de professionals")
    sector: str | None = None  # how reports name its sector: "uit de jeugdzorg"
    sleutel: str = ""  # which respondent this is, for an inspector's marks (Override.citaten)
    # Its role as findings count it ("cliënt", "cliënten") where a kader has several weger
    # roles; empty: the kader's first weger role (Namen.weger).
    rol: tuple[str, str] = ("", "")


@dataclass(frozen=True)
class Stemmen:
    """All answers to one indicator: the primary account (None if that role is not asked about
    it) and the voices that confirm or contradict it."""

    hoofd: Stem | None
    wegers: tuple[Stem, ...]

    def bruikbare_wegers(self) -> tuple[Stem, ...]:
        """P of the rule: wegers answering ja, deels or nee."""
        return tuple(p for p in self.wegers if p.waarde in BRUIKBAAR)

    def g(self) -> str | None:
        """The primary account's usable answer, or None when missing or weet_niet."""
        if self.hoofd is None or self.hoofd.waarde not in BRUIKBAAR:
            return None
        return self.hoofd.waarde

    def documenten(self) -> tuple[str, ...]:
        """Documents that back the claim: named by the hoofd or by a weger answering ja."""
        gezien: dict[str, None] = {}
        bronnen = [self.hoofd] if self.hoofd else []
        bronnen += [p for p in self.wegers if p.waarde == "ja"]
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


def tegenspraak_weegt_zwaarder(wegers: Sequence[Stem]) -> bool:
    """Rule 4's test: nee counts 1, deels ½, and together they outweigh half of P."""
    # Integer form of (nee + deels/2) > |P|/2, so no rounding can tip a verdict.
    nee = sum(p.waarde == "nee" for p in wegers)
    deels = sum(p.waarde == "deels" for p in wegers)
    return 2 * nee + deels > len(wegers)


def _afwijkers(wegers: Sequence[Stem]) -> tuple[str, ...]:
    """A LET OP per weger answering nee or deels, naming who."""
    return tuple(
        hoofdletter(f"{p.wie} geeft aan dat dit niet zo is.")
        if p.waarde == "nee"
        else hoofdletter(f"{p.wie} geeft aan dat dit slechts deels zo is.")
        for p in wegers
        if p.waarde in ("nee", "deels")
    )


NIET_VASTGELEGD = "Niet vastgelegd in een document: er is geen document genoemd waarin dit staat."


def _telling(wegers: Sequence[Stem]) -> str:
    """The wegers' answers counted in words: "twee keer nee en één keer deels"."""
    delen = []
    for waarde in ("ja", "nee", "deels"):
        n = sum(p.waarde == waarde for p in wegers)
        if n:
            delen.append(f"{getal_woord(n)} keer {waarde}")
    return opsomming(delen)


def beslis(stemmen: Stemmen, vastlegging: bool, namen: Namen) -> Besluit:
    """Apply rules 2–6 to one indicator (rule 1, the override, is applied by the compiler)."""
    g = stemmen.g()
    p = stemmen.bruikbare_wegers()
    hoofd, wegers = namen.hoofd, namen.alle_wegers
    if g in ("nee", "deels"):
        hoe = "niet" if g == "nee" else "slechts deels"
        reden = f"Regel 2: {hoofd} geeft zelf aan dat dit {hoe} zo is."
        return Besluit("verbeterpunt", "2", reden, ())
    if g == "ja":
        documenten = stemmen.documenten()
        if documenten:
            reden = (
                f"Regel 3: {hoofd} geeft aan dat dit zo is en er is een document genoemd "
                f"waarin het is vastgelegd ({opsomming([titel(d) for d in documenten])})."
            )
            return Besluit("voldoet", "3", reden, _afwijkers(p))
        if p and tegenspraak_weegt_zwaarder(p):
            zonder = "maar noemt geen document, en" if namen.documenten else "maar"
            reden = (
                f"Regel 4: {hoofd} geeft aan dat dit zo is, {zonder} {wegers} spreken dat "
                f"overwegend tegen ({_telling(p)}; nee telt volledig, deels half mee)."
            )
            return Besluit("verbeterpunt", "4", reden, ())
        reden = f"Regel 5: {hoofd} geeft aan dat dit zo is"
        reden += f" en {wegers} spreken dat niet overwegend tegen ({_telling(p)})." if p else "."
        let_op = _afwijkers(p) + ((NIET_VASTGELEGD,) if vastlegging else ())
        return Besluit("voldoet", "5", reden, let_op)
    if not p:
        reden = "Geen bruikbare antwoorden: niemand heeft met ja, deels of nee geantwoord."
        return Besluit("niet_beoordeeld", "geen", reden, ())
    return _zonder_hoofd(stemmen, p, vastlegging, namen)


def _zonder_hoofd(stemmen: Stemmen, p: Sequence[Stem], vastlegging: bool, namen: Namen) -> Besluit:
    """Rule 6: no usable primary account, so the majority of the wegers decides."""
    weet_niet = stemmen.hoofd is not None and stemmen.hoofd.waarde == "weet_niet"
    wat = "weet het niet" if weet_niet else "heeft deze vraag niet beantwoord"
    let_op_hoofd = hoofdletter(
        f"{namen.hoofd} {wat}; het oordeel steunt alleen op {namen.alle_wegers}."
    )
    voor = sum(s.waarde == "ja" for s in p)
    tegen = len(p) - voor
    grond = f"{namen.hoofd} weet het niet" if weet_niet else f"{namen.hoofd} gaf geen antwoord"
    if voor > tegen:
        reden = (
            f"Regel 6: {grond}; de meerderheid van {namen.alle_wegers} geeft aan dat dit zo is "
            f"({_telling(p)})."
        )
        documenten = stemmen.documenten()
        extra = (NIET_VASTGELEGD,) if vastlegging and not documenten else ()
        return Besluit("voldoet", "6", reden, (let_op_hoofd, *_afwijkers(p), *extra))
    gelijk = " (bij gelijke stand wordt het een verbeterpunt)" if voor == tegen else ""
    reden = (
        f"Regel 6: {grond}; {namen.alle_wegers} geven geen meerderheid voor ja "
        f"({_telling(p)}){gelijk}."
    )
    return Besluit("verbeterpunt", "6", reden, (let_op_hoofd,))
