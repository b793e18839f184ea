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
class IndicatorTekst:
    """How the findings and conclusions phrase one indicator."""

    bewering: str
    tekort: str


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
    teksten: dict[str, IndicatorTekst] = {}
    for indicator_id, velden in ruw["indicatoren"].items():
        waar = f"{pad.name}: '{indicator_id}'"
        teksten[str(indicator_id)] = IndicatorTekst(
            _tekst(velden, "bewering", waar), _tekst(velden, "tekort", waar)
        )
    hoofdstukken = ruw.get("hoofdstukken") or []
    if not isinstance(hoofdstukken, list):
        raise ValueError(f"{pad.name}: 'hoofdstukken' moet een lijst zijn")
    return Teksten(teksten, tuple(_patroon(h, pad.name, teksten) for h in hoofdstukken))


def indicator_tekst(kader: str, indicator_id: str, tekst: str) -> IndicatorTekst:
    """The standard texts of an indicator, or a quoting fallback when the kader has none."""
    return teksten_van(kader).indicatoren.get(indicator_id) or _terugval(tekst)
