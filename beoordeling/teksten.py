"""Standard texts per indicator (claim as a subordinate clause, shortfall sentence), from data."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from beoordeling.taal import titel

TEKSTEN_MAP = Path(__file__).parent / "teksten"


@dataclass(frozen=True)
class IndicatorTekst:
    """How the findings and conclusions phrase one indicator."""

    bewering: str
    tekort: str


def _terugval(tekst: str) -> IndicatorTekst:
    """Phrasing for an indicator without standard texts: quote the indicator itself."""
    # A main clause cannot safely be turned into a Dutch subordinate clause by code
    # (verb order, separable verbs), so a kader without texts quotes the indicator instead.
    geciteerd = titel(tekst)
    return IndicatorTekst(
        bewering=f"de indicator {geciteerd} opgaat",
        tekort=f"Nog niet op orde: {geciteerd}.",
    )


@cache
def _lees(kader: str) -> dict[str, IndicatorTekst]:
    """Read a kader's text file once; an absent file means no standard texts."""
    pad = TEKSTEN_MAP / f"{kader}.yaml"
    if not pad.exists():
        return {}
    ruw = yaml.safe_load(pad.read_text(encoding="utf-8")) or {}
    if not isinstance(ruw, dict):
        raise ValueError(f"{pad.name}: verwacht per indicator-id een blok met bewering en tekort")
    teksten: dict[str, IndicatorTekst] = {}
    for indicator_id, velden in ruw.items():
        if not (
            isinstance(velden, dict)
            and isinstance(velden.get("bewering"), str)
            and isinstance(velden.get("tekort"), str)
        ):
            raise ValueError(f"{pad.name}: '{indicator_id}' mist 'bewering' of 'tekort' (tekst)")
        teksten[str(indicator_id)] = IndicatorTekst(velden["bewering"], velden["tekort"])
    return teksten


def indicator_tekst(kader: str, indicator_id: str, tekst: str) -> IndicatorTekst:
    """The standard texts of an indicator, or a quoting fallback when the kader has none."""
    return _lees(kader).get(indicator_id) or _terugval(tekst)
