"""Standard texts of a kader's report, from data: per indicator the claim as a subordinate clause
and the shortfall sentence, and (for a nota) the chapters that group indicators into patterns."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from beoordeling.indeling import Onderdeel, lees_indeling, standaard
from beoordeling.proces import Proces, lees_proces
from beoordeling.taal import titel
from beoordeling.tekstdata import Plek, lijst, misschien, namen, tekst
from vragenlijsten.laden import VragenlijstFout
from vragenlijsten.model import Kader
from vragenlijsten.yamlregels import lees_yaml


@dataclass(frozen=True)
class Vergelijk:
    """A text question every voice answered, whose answers a finding compares ("De gemeente
    omschrijft de doelgroep als …; twee netwerkpartners geven een omschrijving die daarmee
    overeenkomt")."""

    vraag: str
    hoofd: str  # the hoofd's own account, with {hoofd} and {tekst}
    zelfde: str  # what the others give when theirs agrees: "een omschrijving die daarmee …"
    anders: str  # and when it does not: "een andere omschrijving"
    enkelvoud: str = "geeft"
    meervoud: str = "geven"


@dataclass(frozen=True)
class Aanvulling:
    """A multiple-choice question of the hoofd whose answer completes a finding ("Volgens de
    gemeente ontbreken nog de politie en het onderwijs.")."""

    vraag: str
    zin: str  # with {hoofd} and {lijst}
    geen: str | None  # the option meaning "none": then nothing is added
    namen: dict[str, str]


@dataclass(frozen=True)
class IndicatorTekst:
    """How the findings and conclusions phrase one indicator."""

    bewering: str
    tekort: str
    goed: str | None = None  # "Wat gaat goed?": what is arranged and what it brings families
    risico: str | None = None  # what is at stake when it is not (LET OP, "Wat kan beter?")
    vergelijk: Vergelijk | None = None
    aanvulling: Aanvulling | None = None
    niet: str | None = None  # the claim denied, as a subordinate clause (the answer nee)
    deels: str | None = None  # the claim as only partly so (the answer deels)

    def vorm(self, waarde: str) -> str:
        """The claim as the answer has it: ja, nee or deels, as a subordinate clause."""
        # Texts files must give `niet` (checked at load); the fallbacks serve texts made in code.
        if waarde == "nee":
            return self.niet or f"het niet zo is dat {self.bewering}"
        if waarde == "deels":
            return self.deels or f"{self.bewering}, maar slechts ten dele"
        return self.bewering


@dataclass(frozen=True)
class Sectoren:
    """How reports name a respondent's sector: the question that asks it, and per answer the
    words ("uit de jeugdzorg")."""

    vraag: str
    namen: dict[str, str]


@dataclass(frozen=True)
class FactsheetTeksten:
    """The fixed texts of a factsheet: subtitle, definition, introduction, and the opening of
    its conclusions."""

    ondertitel: str
    definitie: str
    begrippen: tuple[str, ...]
    inleiding: tuple[str, ...]
    conclusie: str


@dataclass(frozen=True)
class Kant:
    """A chapter as it reads on one side: its title and its conclusion."""

    titel: str
    conclusie: str


@dataclass(frozen=True)
class Patroon:
    """Indicators that together make one subject of the nota ("Eigen kracht en sociaal
    netwerk"), with the norm and the wording for when it goes well or can be better."""

    id: str
    indicatoren: tuple[str, ...]
    norm: str
    goed: Kant
    beter: Kant


@dataclass(frozen=True)
class ThemarapportTeksten:
    """The fixed texts of a themarapport: subtitle, the overall judgement either way (with
    {gemeente}), and what the Beleid section says without an answer."""

    ondertitel: str
    voldoende: str
    onvoldoende: str
    geen_beleid: str
    geen_oordeel: str


@dataclass(frozen=True)
class Functies:
    """How the list of sources counts the respondents of one role by function: the question
    that asks it, and per answer the words for one and for more ("medewerker van het
    wijkteam", "medewerkers van het wijkteam")."""

    vraag: str
    namen: dict[str, tuple[str, str]]


@dataclass(frozen=True)
class Teksten:
    """All standard texts of one kader."""

    indicatoren: dict[str, IndicatorTekst]
    hoofdstukken: tuple[Patroon, ...] = ()
    sectoren: Sectoren | None = None
    factsheet: FactsheetTeksten | None = None
    themarapport: ThemarapportTeksten | None = None
    # What is at stake when the hoofd's respondents disagree among themselves (the second half
    # of that LET OP).
    verdeeld: str | None = None
    # The report's chapters (None: the standard ones of its form), and per role how the
    # sources are counted by function.
    indeling: tuple[Onderdeel, ...] | None = None
    functies: dict[str, Functies] = field(default_factory=dict)
    # Who speaks for the gemeente after the concept, and the terms of its reaction and plan.
    proces: Proces = field(default_factory=Proces)


def _terugval(tekst: str) -> IndicatorTekst:
    """Phrasing for an indicator without standard texts: quote the indicator itself."""
    # A main clause cannot safely be turned into a Dutch subordinate clause by code
    # (verb order, separable verbs), so a kader without texts quotes the indicator instead.
    geciteerd = titel(tekst)
    return IndicatorTekst(
        bewering=f"de indicator {geciteerd} opgaat",
        tekort=f"Nog niet op orde: {geciteerd}.",
        niet=f"de indicator {geciteerd} niet opgaat",
        deels=f"de indicator {geciteerd} maar ten dele opgaat",
    )


def _indicator(p: Plek) -> IndicatorTekst:
    if not isinstance(p.blok, dict):
        raise p.fout("verwacht een blok met bewering en tekort")
    vergelijk = aanvulling = None
    if "vergelijk" in p.blok:
        v = p.binnen("vergelijk")
        vergelijk = Vergelijk(
            tekst(v, "vraag"),
            tekst(v, "hoofd"),
            tekst(v, "zelfde"),
            tekst(v, "anders"),
            misschien(v, "enkelvoud") or "geeft",
            misschien(v, "meervoud") or "geven",
        )
    if "aanvulling" in p.blok:
        a = p.binnen("aanvulling")
        aanvulling = Aanvulling(tekst(a, "vraag"), tekst(a, "zin"), misschien(a, "geen"), namen(a))
    return IndicatorTekst(
        tekst(p, "bewering"),
        tekst(p, "tekort"),
        misschien(p, "goed"),
        misschien(p, "risico"),
        vergelijk,
        aanvulling,
        niet=tekst(p, "niet"),
        deels=misschien(p, "deels"),
    )


def _factsheet(p: Plek) -> FactsheetTeksten:
    return FactsheetTeksten(
        tekst(p, "ondertitel"),
        tekst(p, "definitie"),
        lijst(p, "begrippen"),
        lijst(p, "inleiding"),
        tekst(p, "conclusie"),
    )


def _themarapport(p: Plek) -> ThemarapportTeksten:
    oordeel = p.binnen("eindoordeel")
    teksten = ThemarapportTeksten(
        tekst(p, "ondertitel"),
        tekst(oordeel, "voldoende"),
        tekst(oordeel, "onvoldoende"),
        tekst(p, "geen_beleid"),
        tekst(oordeel, "geen"),
    )
    for soort in ("voldoende", "onvoldoende"):
        if "{gemeente}" not in getattr(teksten, soort):
            raise oordeel.fout(
                f"'{soort}' mist {{gemeente}}; zet het waar de naam van de plaats komt", soort
            )
    return teksten


def _patroon(p: Plek, bekend: dict[str, IndicatorTekst]) -> Patroon:
    ruw = p.blok
    if not isinstance(ruw, dict) or not isinstance(ruw.get("id"), str):
        raise p.fout("verwacht een blok met id, indicatoren, norm, goed en beter")
    p = Plek(p.bestand, f"hoofdstuk '{ruw['id']}'", ruw)
    ids = ruw.get("indicatoren")
    if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
        raise p.fout("'indicatoren' moet een lijst van indicator-ids zijn", "indicatoren")
    for i in ids:
        if i not in bekend:
            raise p.fout(
                f"indicator '{i}' heeft geen tekst in dit bestand; voeg die toe", "indicatoren"
            )
    goed, beter = (p.binnen(kant) for kant in ("goed", "beter"))
    return Patroon(
        ruw["id"],
        tuple(ids),
        tekst(p, "norm"),
        Kant(tekst(goed, "titel"), tekst(goed, "conclusie")),
        Kant(tekst(beter, "titel"), tekst(beter, "conclusie")),
    )


def _functies(p: Plek) -> dict[str, Functies]:
    """Per role the question that gives a respondent's function, and its words."""
    functies = {}
    for rol in p.blok:
        f = p.binnen(str(rol), f"rol '{rol}'")
        woorden = f.blok.get("namen")
        if not isinstance(woorden, dict) or not all(
            isinstance(w, list) and len(w) == 2 and all(isinstance(x, str) for x in w)
            for w in woorden.values()
        ):
            raise f.fout("'namen' geeft per antwoordcode [enkelvoud, meervoud]", "namen")
        namen_ = {
            str(k): (" ".join(w[0].split()), " ".join(w[1].split())) for k, w in woorden.items()
        }
        functies[str(rol)] = Functies(tekst(f, "vraag"), namen_)
    return functies


@cache
def _lees(pad: Path, bestand: str, rapport: str) -> Teksten:
    """Read one texts file once, checking every block; errors name file and line."""
    try:
        ruw = lees_yaml(pad)
    except yaml.YAMLError as fout:
        raise VragenlijstFout([f"{bestand}:1: YAML-fout: {fout}"]) from fout
    p = Plek(bestand, "teksten", ruw)
    if not isinstance(ruw, dict) or not isinstance(ruw.get("indicatoren"), dict):
        raise p.fout(
            "verwacht 'indicatoren:' met per indicator-id een blok met bewering en tekort",
            "indicatoren",
        )
    blokken = ruw["indicatoren"]
    teksten = {str(i): _indicator(Plek(bestand, f"'{i}'", blokken[i])) for i in blokken}
    hoofdstukken = ruw.get("hoofdstukken") or []
    if not isinstance(hoofdstukken, list):
        raise p.fout("'hoofdstukken' moet een lijst zijn", "hoofdstukken")
    sectoren = None
    if "sectoren" in ruw:
        s = p.binnen("sectoren")
        sectoren = Sectoren(tekst(s, "vraag"), namen(s))
    return Teksten(
        teksten,
        tuple(_patroon(Plek(bestand, "hoofdstuk", h), teksten) for h in hoofdstukken),
        sectoren,
        _factsheet(p.binnen("factsheet")) if "factsheet" in ruw else None,
        _themarapport(p.binnen("themarapport")) if "themarapport" in ruw else None,
        misschien(p, "verdeeld"),
        lees_indeling(p, "indeling", rapport) if "indeling" in ruw else None,
        _functies(p.binnen("functies")) if "functies" in ruw else {},
        lees_proces(p.binnen("proces")) if "proces" in ruw else Proces(),
    )


def _bestandsnaam(kader: Kader, pad: Path) -> str:
    """How messages name a kader's texts file: beside the kader as "wijkteams/teksten.yaml"."""
    if kader.pad.parent in pad.parents:
        return pad.relative_to(kader.pad.parent.parent).as_posix()
    return pad.name


def teksten_van(kader: Kader) -> Teksten:
    """A kader's report texts (the `teksten:` file the catalogue found for it); none: {}."""
    if kader.teksten is None:
        return Teksten({})
    return _lees(kader.teksten, _bestandsnaam(kader, kader.teksten), kader.rapport)


def controleer_teksten(kader: Kader) -> list[str]:
    """The problems of a kader's texts file, checked against the kader: the ids of its
    indicators, and the texts its report form needs."""
    try:
        teksten = teksten_van(kader)
    except VragenlijstFout as fout:
        return fout.meldingen
    if kader.teksten is None:
        return (
            [
                f"{kader.bestand}:1: kader '{kader.kader}': een themarapport heeft "
                "standaardteksten nodig; leg een bestand met 'teksten: "
                f"{kader.kader}' en een blok 'themarapport:' naast het kader (zie FORMAAT.md)"
            ]
            if kader.rapport == "themarapport"
            else []
        )
    naam = _bestandsnaam(kader, kader.teksten)
    ruw = lees_yaml(kader.teksten)
    blokken = ruw["indicatoren"]
    meldingen = [
        f"{naam}:{blokken.sleutel_regels.get(i, 1)}: '{i}': indicator bestaat niet in kader "
        f"{kader.kader}; gebruik een indicator-id uit {kader.bestand} of haal het blok weg"
        for i in teksten.indicatoren
        if kader.indicator(i) is None
    ]
    contact = teksten.proces.contact
    if contact is not None and kader.rol(contact) is None:
        regel = ruw["proces"].sleutel_regels.get("contact", ruw.regel)
        meldingen.append(
            f"{naam}:{regel}: teksten, proces, contact: rol '{contact}' bestaat niet in kader "
            f"{kader.kader}; kies uit {', '.join(kader.rolnamen)}"
        )
    if kader.rapport == "themarapport" and teksten.themarapport is None:
        meldingen.append(
            f"{naam}:{ruw.regel}: het kader heeft rapport: themarapport, maar dit bestand heeft "
            "geen blok 'themarapport:'; voeg het toe (zie FORMAAT.md)"
        )
    return meldingen


def indeling_van(kader: Kader) -> tuple[Onderdeel, ...]:
    """The chapters of a kader's report: its own (`indeling:`), else the standard ones."""
    return teksten_van(kader).indeling or standaard(kader.rapport)


def proces_van(kader: Kader) -> Proces:
    """Who speaks for the gemeente after the concept, and the terms (the standard ones for a
    kader without a `proces:` block)."""
    return teksten_van(kader).proces


def indicator_tekst(kader: Kader, indicator_id: str, tekst: str) -> IndicatorTekst:
    """The standard texts of an indicator, or a quoting fallback when the kader has none."""
    return teksten_van(kader).indicatoren.get(indicator_id) or _terugval(tekst)
