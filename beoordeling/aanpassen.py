"""Rule 1: inspector overrides of verdicts and conclusions, checked and applied."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import cast

from beoordeling.beslisregel import Besluit
from beoordeling.model import (
    OORDEEL_LABEL,
    OORDELEN,
    Aanpassing,
    ConclusieOverride,
    Deel,
    IndicatorOordeel,
    Oordeel,
    Override,
)
from beoordeling.taal import datum_tijd
from vragenlijsten.model import Kader


def overrides_per_indicator(kader: Kader, overrides: Sequence[Override]) -> dict[str, Override]:
    """Check the overrides and keep the latest per indicator."""
    bekend = {i.id for _, _, i in kader.indicatoren()}
    laatste: dict[str, Override] = {}
    for o in overrides:
        if o.indicator_id not in bekend:
            raise ValueError(f"aanpassing voor onbekende indicator '{o.indicator_id}'")
        if o.oordeel is not None and o.oordeel not in OORDELEN:
            raise ValueError(
                f"aanpassing '{o.indicator_id}': oordeel '{o.oordeel}' bestaat niet; kies uit "
                + ", ".join(OORDELEN)
            )
        if o.indicator_id not in laatste or o.wanneer >= laatste[o.indicator_id].wanneer:
            laatste[o.indicator_id] = o
    return laatste


def conclusie_overrides(
    kader: Kader, overrides: Sequence[ConclusieOverride]
) -> dict[str, ConclusieOverride]:
    """Check the conclusion overrides and keep the latest per theme."""
    bekend = {t.naam for t in kader.themas}
    laatste: dict[str, ConclusieOverride] = {}
    for o in overrides:
        if o.thema not in bekend:
            raise ValueError(f"aanpassing van de conclusie voor onbekend thema '{o.thema}'")
        if o.thema not in laatste or o.wanneer >= laatste[o.thema].wanneer:
            laatste[o.thema] = o
    return laatste


def pas_delen_aan(delen: tuple[Deel, ...], override: Override | None) -> tuple[Deel, ...]:
    """The inspector's edits of a finding's parts: an own text replaces a part, None drops it
    (kept, marked, so the console can bring it back); an edit of a part that is no longer
    there waits until it is again."""
    if override is None or not override.delen:
        return delen
    eigen = dict(override.delen)
    uit = []
    for d in delen:
        if d.sleutel not in eigen:
            uit.append(d)
        elif (tekst := eigen[d.sleutel]) is not None and tekst.strip():
            uit.append(replace(d, tekst=tekst.strip(), aangepast=True))
        else:
            uit.append(replace(d, weggelaten=True))
    return tuple(uit)


def tekst_van(delen: tuple[Deel, ...]) -> str:
    """A finding's text: its parts that are not dropped, one per line."""
    return "\n".join(d.tekst for d in delen if not d.weggelaten)


def toepassen(
    basis: IndicatorOordeel, besluit: Besluit, override: Override | None
) -> IndicatorOordeel:
    """Rule 1: an inspector's override wins; the rule's proposal stays visible in the reason."""
    if override is None:
        return basis
    wanneer = datum_tijd(override.wanneer)
    aanpassing = Aanpassing(override.door, override.wanneer)
    bevinding_tekst = (override.tekst or "").strip() or basis.bevinding
    eigen_let_op = basis.let_op if override.let_op is None else tuple(override.let_op)
    if override.oordeel is None:
        if not (override.tekst or "").strip():
            # Only LET OP remarks or quotes: the verdict and findings stay the rule's own.
            return replace(basis, let_op=eigen_let_op, aanpassing=aanpassing)
        reden = f"{besluit.reden} Bevinding aangepast door {override.door} ({wanneer})."
        return replace(
            _vervang(basis, reden, bevinding_tekst, eigen_let_op, aanpassing),
            delen=_eigen_bevinding(basis, override),
        )
    oordeel = cast(Oordeel, override.oordeel)  # checked against OORDELEN on entry
    reden = (
        f"Oordeel inspecteur ({override.door}, {wanneer}): {OORDEEL_LABEL[oordeel]}. Voorstel "
        f"volgens de beslisregel was {OORDEEL_LABEL[besluit.oordeel]} — {besluit.reden}"
    )
    # Remarks about dissent or missing documents do not apply once the indicator is set aside.
    let_op = () if oordeel in ("niet_van_toepassing", "niet_beoordeeld") else eigen_let_op
    return replace(
        basis,
        oordeel=oordeel,
        reden=reden,
        bevinding=bevinding_tekst,
        delen=_eigen_bevinding(basis, override),
        let_op=let_op,
        aangepast_door_inspecteur=True,
        voorstel=besluit.oordeel,
        regel="inspecteur",
        aanpassing=aanpassing,
    )


def _eigen_bevinding(basis: IndicatorOordeel, override: Override) -> tuple[Deel, ...]:
    """The finding's parts once an inspector wrote the whole finding: that text, one part."""
    tekst = (override.tekst or "").strip()
    if not tekst:
        return basis.delen
    return (Deel("eigen", "bevinding van de inspecteur", tekst, aangepast=False),)


def _vervang(
    basis: IndicatorOordeel,
    reden: str,
    tekst: str,
    let_op: tuple[str, ...],
    aanpassing: Aanpassing,
) -> IndicatorOordeel:
    """The same verdict with the inspector's findings text."""
    return replace(
        basis,
        reden=reden,
        bevinding=tekst,
        let_op=let_op,
        aangepast_door_inspecteur=True,
        aanpassing=aanpassing,
    )
