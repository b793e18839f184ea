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
from vragenlijsten.model import Bronnen, Kader

BRUIKBAAR = ("ja", "deels", "nee")


@dataclass(frozen=True)
class Namen:
    """How reasons and findings name the voices; taken from the kader's roles."""

    hoofd: str  # the primary account: "de gemeente", "de regisseur"
    weger: str  # one weger, counted: "netwerkpartner"
    wegers: str  # several, counted: "netwerkpartners"
    alle_wegers: str  # all wegers together: "de netwerkpartners", "het gezin en de professionals"
    documenten: bool  # whether the kader asks for documents at all, so reasons mention them
    # Several respondents of the hoofd's role answered: "de twee wijkteammedewerkers" then
    # takes a plural verb.
    hoofd_meervoud: bool = False
    # One weger voice answered ("de partner"): the reasons then say "spreekt".
    weger_enkel: bool = False

    def spreken(self) -> str:
        """The wegers and their verb: "de netwerkpartners spreken", "de partner spreekt"."""
        return f"{self.alle_wegers} {'spreekt' if self.weger_enkel else 'spreken'}"

    def geeft(self) -> str:
        """The hoofd's verb: "de gemeente geeft", "de wijkteammedewerkers geven"."""
        return f"{self.hoofd} {'geven' if self.hoofd_meervoud else 'geeft'}"


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
    # False when this voice stands for several respondents who did not all answer alike.
    eensgezind: bool = True
    anoniem: bool = False  # its role is never quoted, whatever an inspector marked
    interview: bool = False  # answered in an interview the inspector recorded


@dataclass(frozen=True)
class DocumentStand:
    """A document behind one indicator: named by a respondent, read by the inspector, or
    both; `steun` is the inspector's reading for this indicator (None: not read for it)."""

    titel: str
    steun: str | None = None
    notitie: str | None = None
    genoemd: bool = True  # named by a respondent at this indicator (else added by the inspector)


@dataclass(frozen=True)
class Stemmen:
    """All answers to one indicator: the primary account (None if that role is not asked about
    it) and the voices that confirm or contradict it; when several respondents of the hoofd's
    role answered, each of them (`leden`) and their combined account (`hoofd`). Besides the
    answers: what the inspector saw in the dossier(s), where it decides (`dossier`), and the
    documents behind the indicator (`stukken`)."""

    hoofd: Stem | None
    wegers: tuple[Stem, ...]
    leden: tuple[Stem, ...] = ()
    dossier: Stem | None = None
    # None: no readings were recorded, so every named document counts as named, not read.
    stukken: tuple[DocumentStand, ...] | None = None
    # What the inspector saw in each family's dossier (wie: the casus label, toelichting: the
    # note), for the finding; `dossier` is what decides, where the kader lets it.
    dossiers: tuple[Stem, ...] = ()

    def documentstanden(self) -> tuple[DocumentStand, ...]:
        """The documents behind the indicator with the inspector's readings (see stukken)."""
        if self.stukken is not None:
            return self.stukken
        return tuple(DocumentStand(t) for t in self.documenten())

    def hoofdstemmen(self) -> tuple[Stem, ...]:
        """The hoofd's respondents one by one (the hoofd itself when it is one)."""
        return self.leden or ((self.hoofd,) if self.hoofd is not None else ())

    def verdeeld(self) -> bool:
        """Whether the hoofd's respondents gave different usable answers."""
        return len({s.waarde for s in self.leden if s.waarde in BRUIKBAAR}) > 1

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
        bronnen = list(self.hoofdstemmen())
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


def combineer(waarden: Sequence[str | None]) -> str | None:
    """The combined account of several respondents of the hoofd's role: their majority, and
    without one (a tie, or no value above half) "deels": read against the claim, as every tie
    in the rule is (a split team is a verbeterpunt; practice then depends on who the family
    gets). Without a usable answer: weet_niet if someone said so, else None."""
    bruikbaar = [w for w in waarden if w in BRUIKBAAR]
    if not bruikbaar:
        return "weet_niet" if "weet_niet" in waarden else None
    for waarde in ("ja", "nee"):
        if 2 * bruikbaar.count(waarde) > len(bruikbaar):
            return waarde
    return "deels"


def _afwijkers(wegers: Sequence[Stem]) -> tuple[str, ...]:
    """A LET OP per voice answering nee or deels, naming who."""
    return tuple(
        hoofdletter(f"{p.wie} {_ww(p)} aan dat dit niet zo is.")
        if p.waarde == "nee"
        else hoofdletter(f"{p.wie} {_ww(p)} aan dat dit slechts deels zo is.")
        for p in wegers
        if p.waarde in ("nee", "deels")
    )


def _ww(stem: Stem) -> str:
    return "geven" if stem.meervoud else "geeft"


NIET_VASTGELEGD = "Niet vastgelegd in een document: er is geen document genoemd waarin dit staat."


def _telling(wegers: Sequence[Stem]) -> str:
    """The answers counted in words: "twee keer nee en één keer deels"."""
    delen = []
    for waarde in ("ja", "nee", "deels"):
        n = sum(p.waarde == waarde for p in wegers)
        if n:
            delen.append(f"{getal_woord(n)} keer {waarde}")
    return opsomming(delen)


def _samen(stemmen: Stemmen) -> str:
    """How several respondents of the hoofd's role answered, when they did: " (twee keer ja en
    één keer nee; zonder meerderheid telt het tegen de bewering)"."""
    if len(stemmen.leden) < 2:
        return ""
    bruikbaar = [s for s in stemmen.leden if s.waarde in BRUIKBAAR]
    if not bruikbaar:
        return ""
    g = stemmen.g()
    zonder = (
        "; zonder meerderheid telt het tegen de bewering"
        if g == "deels"
        and all(2 * sum(s.waarde == w for s in bruikbaar) <= len(bruikbaar) for w in BRUIKBAAR)
        else ""
    )
    return f" ({_telling(bruikbaar)}{zonder})"


def beslis(
    stemmen: Stemmen, vastlegging: bool, namen: Namen, bronnen: Bronnen | None = None
) -> Besluit:
    """Apply rules D and 2–6 to one indicator (rule 1, the override, is applied by the
    compiler). `bronnen`: how documents weigh (the kader's `beslisregel.bronnen`)."""
    bronnen = bronnen or Bronnen()
    if stemmen.dossier is not None and stemmen.dossier.waarde in BRUIKBAAR:
        return _dossier(stemmen, namen)
    g = stemmen.g()
    p = stemmen.bruikbare_wegers()
    if g in ("nee", "deels"):
        hoe = "niet" if g == "nee" else "slechts deels"
        zelf = "samen" if namen.hoofd_meervoud else "zelf"
        reden = f"Regel 2: {namen.geeft()} {zelf} aan dat dit {hoe} zo is{_samen(stemmen)}."
        return Besluit("verbeterpunt", "2", reden, ())
    if g == "ja":
        if bronnen.document == "oordeel":
            besluit = _regel_3(stemmen, namen, p)
            if besluit is not None:
                return besluit
        if p and tegenspraak_weegt_zwaarder(p):
            zonder = "maar noemt geen document, en" if namen.documenten else "maar"
            if namen.hoofd_meervoud:
                zonder = "maar noemen geen document, en" if namen.documenten else "maar"
            reden = (
                f"Regel 4: {namen.geeft()} aan dat dit zo is{_samen(stemmen)}, {zonder} "
                f"{namen.spreken()} dat overwegend tegen ({_telling(p)}; nee telt volledig, "
                "deels half mee)."
            )
            return Besluit("verbeterpunt", "4", reden, ())
        reden = f"Regel 5: {namen.geeft()} aan dat dit zo is{_samen(stemmen)}"
        reden += f" en {namen.spreken()} dat niet overwegend tegen ({_telling(p)})." if p else "."
        niet_vastgelegd = vastlegging and not stemmen.documentstanden()
        let_op = _afwijkers(p) + ((NIET_VASTGELEGD,) if niet_vastgelegd else ())
        return Besluit("voldoet", "5", reden, let_op)
    if not p:
        reden = "Geen bruikbare antwoorden: niemand heeft met ja, deels of nee geantwoord."
        return Besluit("niet_beoordeeld", "geen", reden, ())
    return _zonder_hoofd(stemmen, p, vastlegging, namen)


def _regel_3(stemmen: Stemmen, namen: Namen, p: Sequence[Stem]) -> Besluit | None:
    """Rule 3, where documents may carry a verdict: what the inspector read decides (supports
    → voldoet; only partly or not → verbeterpunt); a document named and not yet read counts
    as named did before it was read, marked as such."""

    def titels(stukken: Sequence[DocumentStand]) -> str:
        return opsomming([titel(d.titel) for d in stukken])

    gelezen = [d for d in stemmen.documentstanden() if d.steun is not None]
    steunend = [d for d in gelezen if d.steun == "steunt"]
    if steunend:
        reden = (
            f"Regel 3: {namen.geeft()} aan dat dit zo is en de inspecteur las in "
            f"{titels(steunend)} dat het is vastgelegd."
        )
        return Besluit("voldoet", "3", reden, _afwijkers(p))
    if gelezen:
        hoe = "niet" if all(d.steun == "steunt_niet" for d in gelezen) else "maar deels"
        reden = (
            f"Regel 3: {namen.geeft()} aan dat dit zo is, maar volgens de inspecteur is het in "
            f"{titels(gelezen)} {hoe} vastgelegd."
        )
        return Besluit("verbeterpunt", "3", reden, ())
    genoemd = [d for d in stemmen.documentstanden() if d.genoemd]
    if genoemd:
        reden = (
            f"Regel 3: {namen.geeft()} aan dat dit zo is en er is een document genoemd "
            f"waarin het is vastgelegd ({titels(genoemd)}; genoemd, nog niet gelezen)."
        )
        return Besluit("voldoet", "3", reden, _afwijkers(p))
    return None


def _dossier(stemmen: Stemmen, namen: Namen) -> Besluit:
    """Rule D: what the inspector saw in the dossier decides; voices that say otherwise get a
    LET OP where it holds (BESLISREGEL.md, "Bronnen")."""
    assert stemmen.dossier is not None
    d = stemmen.dossier.waarde
    waar = stemmen.dossier.wie
    if d == "ja":
        reden = f"Regel D: {waar} is te zien dat dit zo is."
        anders = [s for s in (*stemmen.hoofdstemmen(), *stemmen.wegers) if s.waarde in BRUIKBAAR]
        return Besluit("voldoet", "D", reden, _afwijkers(anders))
    hoe = "niet" if d == "nee" else "maar deels"
    return Besluit("verbeterpunt", "D", f"Regel D: {waar} is te zien dat dit {hoe} zo is.", ())


def _zonder_hoofd(stemmen: Stemmen, p: Sequence[Stem], vastlegging: bool, namen: Namen) -> Besluit:
    """Rule 6: no usable primary account, so the majority of the wegers decides."""
    weet_niet = stemmen.hoofd is not None and stemmen.hoofd.waarde == "weet_niet"
    wat = (
        ("weten het niet" if weet_niet else "hebben deze vraag niet beantwoord")
        if namen.hoofd_meervoud
        else ("weet het niet" if weet_niet else "heeft deze vraag niet beantwoord")
    )
    let_op_hoofd = hoofdletter(
        f"{namen.hoofd} {wat}; het oordeel steunt alleen op {namen.alle_wegers}."
    )
    voor = sum(s.waarde == "ja" for s in p)
    tegen = len(p) - voor
    if namen.hoofd_meervoud:
        grond = f"{namen.hoofd} {'weten het niet' if weet_niet else 'gaven geen antwoord'}"
    else:
        grond = f"{namen.hoofd} {'weet het niet' if weet_niet else 'gaf geen antwoord'}"
    if voor > tegen:
        reden = (
            f"Regel 6: {grond}; de meerderheid van {namen.alle_wegers} geeft aan dat dit zo is "
            f"({_telling(p)})."
        )
        extra = (NIET_VASTGELEGD,) if vastlegging and not stemmen.documentstanden() else ()
        return Besluit("voldoet", "6", reden, (let_op_hoofd, *_afwijkers(p), *extra))
    gelijk = " (bij gelijke stand wordt het een verbeterpunt)" if voor == tegen else ""
    reden = (
        f"Regel 6: {grond}; {namen.alle_wegers} geven geen meerderheid voor ja "
        f"({_telling(p)}){gelijk}."
    )
    return Besluit("verbeterpunt", "6", reden, (let_op_hoofd,))
