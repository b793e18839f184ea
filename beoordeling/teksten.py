"""Standard texts of a kader's report, from data: per indicator the claim as a subordinate clause
and the shortfall sentence, and (for a nota) the chapters that group indicators into patterns."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from beoordeling.taal import titel

TEKSTEN_MAP = Path(__file__).parent / "teksten"


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


@dataclass(frozen=True)
class Sectoren:
    """How reports name a respondent's sector: the question that asks it, and per answer the
    words ("uit de jeugdzorg")."""

    vraag: str
    namen: dict[str, str]


@dataclass(frozen=True)
class FactsheetTeksten:
    """The fixed texts of a factsheet: subtitle, definition, introduction, follow-up."""

    ondertitel: str
    definitie: str
    begrippen: tuple[str, ...]
    inleiding: tuple[str, ...]
    vervolg: str
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
class Teksten:
    """All standard texts of one kader."""

    indicatoren: dict[str, IndicatorTekst]
    hoofdstukken: tuple[Patroon, ...] = ()
    sectoren: Sectoren | None = None
    factsheet: FactsheetTeksten | None = None


def _terugval(tekst: str) -> IndicatorTekst:
    """Phrasing for an indicator without standard texts: quote the indicator itself."""
    # A main clause cannot safely be turned into a Dutch subordinate clause by code
    # (verb order, separable verbs), so a kader without texts quotes the indicator instead.
    geciteerd = titel(tekst)
    return IndicatorTekst(
        bewering=f"de indicator {geciteerd} opgaat",
        tekort=f"Nog niet op orde: {geciteerd}.",
    )


def _tekst(blok: Any, sleutel: str, waar: str) -> str:
    waarde = blok.get(sleutel) if isinstance(blok, dict) else None
    if not isinstance(waarde, str) or not waarde.strip():
        raise ValueError(f"{waar}: '{sleutel}' ontbreekt of is geen tekst; vul een zin in")
    return " ".join(waarde.split())


def _misschien(blok: Any, sleutel: str, waar: str) -> str | None:
    """An optional text: absent is None, present must be a sentence."""
    return _tekst(blok, sleutel, waar) if isinstance(blok, dict) and sleutel in blok else None


def _namen(blok: Any, waar: str) -> dict[str, str]:
    namen = blok.get("namen") if isinstance(blok, dict) else None
    if not isinstance(namen, dict) or not all(isinstance(v, str) for v in namen.values()):
        raise ValueError(f"{waar}: 'namen' moet per antwoordcode een tekst geven")
    return {str(k): " ".join(v.split()) for k, v in namen.items()}


def _indicator(velden: Any, waar: str) -> IndicatorTekst:
    vergelijk = aanvulling = None
    if isinstance(velden, dict) and "vergelijk" in velden:
        v, w = velden["vergelijk"], f"{waar}, vergelijk"
        vergelijk = Vergelijk(
            _tekst(v, "vraag", w),
            _tekst(v, "hoofd", w),
            _tekst(v, "zelfde", w),
            _tekst(v, "anders", w),
            _misschien(v, "enkelvoud", w) or "geeft",
            _misschien(v, "meervoud", w) or "geven",
        )
    if isinstance(velden, dict) and "aanvulling" in velden:
        a, w = velden["aanvulling"], f"{waar}, aanvulling"
        aanvulling = Aanvulling(
            _tekst(a, "vraag", w), _tekst(a, "zin", w), _misschien(a, "geen", w), _namen(a, w)
        )
    return IndicatorTekst(
        _tekst(velden, "bewering", waar),
        _tekst(velden, "tekort", waar),
        _misschien(velden, "goed", waar),
        _misschien(velden, "risico", waar),
        vergelijk,
        aanvulling,
    )


def _lijst(blok: Any, sleutel: str, waar: str) -> tuple[str, ...]:
    waarde = blok.get(sleutel) if isinstance(blok, dict) else None
    if not isinstance(waarde, list) or not all(isinstance(t, str) and t.strip() for t in waarde):
        raise ValueError(f"{waar}: '{sleutel}' moet een lijst van zinnen zijn")
    return tuple(" ".join(t.split()) for t in waarde)


def _factsheet(blok: Any, waar: str) -> FactsheetTeksten:
    return FactsheetTeksten(
        _tekst(blok, "ondertitel", waar),
        _tekst(blok, "definitie", waar),
        _lijst(blok, "begrippen", waar),
        _lijst(blok, "inleiding", waar),
        _tekst(blok, "vervolg", waar),
        _tekst(blok, "conclusie", waar),
    )


def _patroon(ruw: Any, bestand: str, bekend: dict[str, IndicatorTekst]) -> Patroon:
    waar = f"{bestand}: hoofdstuk '{ruw.get('id', '?') if isinstance(ruw, dict) else '?'}'"
    if not isinstance(ruw, dict) or not isinstance(ruw.get("id"), str):
        raise ValueError(f"{waar}: verwacht een blok met id, indicatoren, norm, goed en beter")
    ids = ruw.get("indicatoren")
    if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
        raise ValueError(f"{waar}: 'indicatoren' moet een lijst van indicator-ids zijn")
    for i in ids:
        if i not in bekend:
            raise ValueError(
                f"{waar}: indicator '{i}' heeft geen tekst in dit bestand; voeg die toe"
            )
    kanten = []
    for kant in ("goed", "beter"):
        blok = ruw.get(kant)
        kanten.append(
            Kant(
                _tekst(blok, "titel", f"{waar}, {kant}"),
                _tekst(blok, "conclusie", f"{waar}, {kant}"),
            )
        )
    return Patroon(ruw["id"], tuple(ids), _tekst(ruw, "norm", waar), kanten[0], kanten[1])


@cache
def teksten_van(kader: str) -> Teksten:
    """Read a kader's text file once; an absent file means no standard texts."""
    pad = TEKSTEN_MAP / f"{kader}.yaml"
    if not pad.exists():
        return Teksten({})
    ruw = yaml.safe_load(pad.read_text(encoding="utf-8")) or {}
    if not isinstance(ruw, dict) or not isinstance(ruw.get("indicatoren"), dict):
        raise ValueError(
            f"{pad.name}: verwacht 'indicatoren:' met per indicator-id een blok met bewering en "
            "tekort"
        )
    teksten = {
        str(i): _indicator(velden, f"{pad.name}: '{i}'") for i, velden in ruw["indicatoren"].items()
    }
    hoofdstukken = ruw.get("hoofdstukken") or []
    if not isinstance(hoofdstukken, list):
        raise ValueError(f"{pad.name}: 'hoofdstukken' moet een lijst zijn")
    sectoren = None
    if "sectoren" in ruw:
        waar = f"{pad.name}: sectoren"
        sectoren = Sectoren(_tekst(ruw["sectoren"], "vraag", waar), _namen(ruw["sectoren"], waar))
    factsheet = (
        _factsheet(ruw["factsheet"], f"{pad.name}: factsheet") if "factsheet" in ruw else None
    )
    return Teksten(
        teksten,
        tuple(_patroon(h, pad.name, teksten) for h in hoofdstukken),
        sectoren,
        factsheet,
    )


def indicator_tekst(kader: str, indicator_id: str, tekst: str) -> IndicatorTekst:
    """The standard texts of an indicator, or a quoting fallback when the kader has none."""
    return teksten_van(kader).indicatoren.get(indicator_id) or _terugval(tekst)
