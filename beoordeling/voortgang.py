"""A follow-up's view of the earlier round: per earlier verbeterpunt the earlier and the new
verdict, the action the gemeente planned and what it reports of it, and the draft of the
paragraph on progress. Nothing here claims what the verdicts, the plan and the gemeente's own
report do not say."""

from __future__ import annotations

from dataclasses import dataclass

from beoordeling.model import Beoordeling, Oordeel
from beoordeling.proces import PlanActie, Uitvoering
from beoordeling.taal import datum, getal_woord, hoofdletter, opsomming, titel

GEDAAN = {"ja": "uitgevoerd", "deels": "deels uitgevoerd", "nee": "niet uitgevoerd"}


@dataclass(frozen=True)
class Regel:
    """One earlier verbeterpunt as the follow-up's report shows it."""

    indicator_id: str
    indicator: str
    eerder: Oordeel
    nu: Oordeel
    actie: PlanActie | None
    uitvoering: Uitvoering | None

    @property
    def gedaan(self) -> str:
        """What the gemeente reports about its action, in words ("uitgevoerd"; "–")."""
        u = self.uitvoering
        return GEDAAN.get(u.gedaan or "", "onbekend") if u is not None else "–"


def regels(b: Beoordeling) -> list[Regel]:
    """Every earlier verbeterpunt with its new verdict, plan and reported progress, in the
    kader order of this assessment."""
    vorige = b.proces.vorige
    if vorige is None:
        return []
    uit = []
    for io in b.indicatoren:
        if vorige.oordelen.get(io.id) == "verbeterpunt":
            uit.append(
                Regel(
                    io.id,
                    io.indicator,
                    "verbeterpunt",
                    io.oordeel,
                    vorige.actie(io.id),
                    vorige.gedaan(io.id),
                )
            )
    return uit


def _namen(rs: list[Regel]) -> str:
    return opsomming([titel(r.indicator.rstrip(".")) for r in rs])


GROND = (
    "de oordelen van het vorige onderzoek en van dit onderzoek, het verbeterplan en wat over "
    "de uitvoering is gemeld"
)


def alinea(b: Beoordeling) -> str:
    """The paragraph on progress: how many earlier verbeterpunten now voldoen, which are still
    a verbeterpunt, what became a verbeterpunt since, and what the gemeente reports of its
    plan ("" in a first round)."""
    vorige = b.proces.vorige
    if vorige is None:
        return ""
    rs = regels(b)
    zinnen = []
    if rs:
        zinnen.append(
            f"In het onderzoek van {datum(vorige.datum)} "
            f"{'was' if len(rs) == 1 else 'waren'} {getal_woord(len(rs))} "
            f"{'indicator een verbeterpunt' if len(rs) == 1 else 'indicatoren een verbeterpunt'}."
        )
        beter = [r for r in rs if r.nu == "voldoet"]
        nog = [r for r in rs if r.nu == "verbeterpunt"]
        if beter:
            zinnen.append(
                f"{hoofdletter(getal_woord(len(beter)))} daarvan "
                f"{'voldoet' if len(beter) == 1 else 'voldoen'} nu: {_namen(beter)}."
            )
        if nog:
            zinnen.append(
                f"{hoofdletter(getal_woord(len(nog)))} "
                f"{'is' if len(nog) == 1 else 'zijn'} nog een verbeterpunt: {_namen(nog)}."
            )
    else:
        zinnen.append(f"In het onderzoek van {datum(vorige.datum)} waren er geen verbeterpunten.")
    nieuw = [
        io
        for io in b.indicatoren
        if io.oordeel == "verbeterpunt" and vorige.oordelen.get(io.id) == "voldoet"
    ]
    if nieuw:
        zinnen.append(
            "Nieuw als verbeterpunt: "
            + opsomming([titel(io.indicator.rstrip(".")) for io in nieuw])
            + "."
        )
    gepland = [r for r in rs if r.actie is not None and r.actie.wat]
    if rs:
        zinnen.append(
            f"Voor {getal_woord(len(gepland))} van de {getal_woord(len(rs))} verbeterpunten "
            f"maakte {b.gemeente} een verbeterplan."
        )
    gemeld = [r for r in gepland if r.uitvoering is not None and r.uitvoering.gedaan in GEDAAN]
    if gemeld:
        telling = [
            f"{getal_woord(n)} {woord}"
            for code, woord in GEDAAN.items()
            if (n := sum(r.uitvoering is not None and r.uitvoering.gedaan == code for r in gemeld))
        ]
        zinnen.append(f"Van die acties zijn er volgens {b.gemeente} {opsomming(telling)}.")
    return " ".join(zinnen)
