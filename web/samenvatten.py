"""Large onderzoeken on a page. The evidence next to a verdict: a thousand partners' answers to
one indicator make a page of megabytes that no inspector reads row by row; above a hundred
rows, the answers without a toelichting or document are counted per value instead of listed,
and every answer with words of its own stays (those are what the finding and the quotes are
made of); `?alles` shows every row. The respondents of an onderzoek: a page of 200 at a time
(`?pagina=N`), the totals above them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from opslag.bewijs import Bewijsregel
from vragenlijsten.model import SCHAAL_LABELS

MAX_REGELS = 100


def samenvatten(
    bewijs: dict[str, list[Bewijsregel]], alles: bool = False
) -> tuple[dict[str, list[Bewijsregel]], dict[str, str]]:
    """Per indicator the rows to list, and (where rows were counted instead) the line that
    says how many answered what."""
    if alles:
        return bewijs, {}
    getoond: dict[str, list[Bewijsregel]] = {}
    geteld: dict[str, str] = {}
    for indicator, regels in bewijs.items():
        if len(regels) <= MAX_REGELS:
            getoond[indicator] = regels
            continue
        eigen: list[Bewijsregel] = []
        kaal: Counter[str | None] = Counter()
        for r in regels:
            if r.toelichting or r.document or r.geciteerd or r.erbij:
                eigen.append(r)
            else:
                kaal[r.waarde] += 1
        getoond[indicator] = eigen
        if kaal:
            per_waarde = ", ".join(
                f"{n} × {SCHAAL_LABELS.get(w, w) if w else 'geen antwoord'}"
                for w, n in kaal.most_common()
            )
            geteld[indicator] = (
                f"En {sum(kaal.values())} antwoorden zonder toelichting of document: {per_waarde}."
            )
    return getoond, geteld


T = TypeVar("T")
PER_BLADZIJDE = 200


@dataclass(frozen=True)
class Bladzijde(Generic[T]):
    """One page of a long list: its rows, which page it is, how many there are."""

    regels: Sequence[T]
    nummer: int
    aantal: int  # pages
    totaal: int  # rows over all pages


def bladzijde(regels: Sequence[T], gevraagd: str | None, met_id: int | None = None) -> Bladzijde[T]:
    """The page asked for (?pagina=N, from 1; anything else: the first), or the page holding
    the row with this id (a new invitation, shown right after it was made)."""
    aantal = max(1, -(-len(regels) // PER_BLADZIJDE))
    nummer = int(gevraagd) if gevraagd and gevraagd.isdigit() else 1
    if met_id is not None:
        plek = next((n for n, r in enumerate(regels) if getattr(r, "id", None) == met_id), None)
        nummer = plek // PER_BLADZIJDE + 1 if plek is not None else nummer
    nummer = min(max(nummer, 1), aantal)
    begin = (nummer - 1) * PER_BLADZIJDE
    return Bladzijde(regels[begin : begin + PER_BLADZIJDE], nummer, aantal, len(regels))
