"""What lies behind an assessment, for the inspector's desk: per indicator every respondent's
answer (with toelichting, document and the kept file), one respondent's answers with the
history of each change, and the inspector's current override of an indicator."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from opslag.antwoorden import antwoorden_om_te_lezen, antwoorden_van
from opslag.beoordelingen import niet_citeerbaar
from opslag.documenten import documenten_van
from opslag.fouten import NietGevonden
from opslag.modellen import AntwoordHistorie, OordeelAanpassing, Uitnodiging
from opslag.onderzoeken import haal_onderzoek, label
from opslag.uow import UnitOfWork
from vragenlijsten.antwoorden import Antwoord
from vragenlijsten.catalogus import Catalogus


@dataclass(frozen=True)
class Bewijsregel:
    """One respondent's answer to one indicator."""

    uitnodiging_id: int
    wie: str
    waarde: str | None
    toelichting: str | None
    document: str | None
    document_id: int | None  # the kept file, downloadable by the onderzoek's inspectors
    geciteerd: bool
    erbij: str | None = None  # the answer to a related question (the description compared)
    citeerbaar: bool = False  # a report may quote it (opslag.beoordelingen.niet_citeerbaar)


@dataclass(frozen=True)
class Aanpassing:
    """An inspector's current override of one indicator (what the forms start from)."""

    oordeel: str | None = None
    tekst: str | None = None
    let_op: tuple[str, ...] | None = None
    citaten: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Wijziging:
    """One change of an answer: before, after, when and by whom."""

    item_id: str
    oud: dict[str, Any] | None
    nieuw: dict[str, Any] | None
    wanneer: dt.datetime
    door: str


@dataclass(frozen=True)
class AntwoordenVan:
    """A respondent's current answers and every change to them, oldest first."""

    uitnodiging_id: int
    onderzoek_id: int
    wie: str
    rol: str
    status: str
    antwoorden: dict[str, Antwoord]
    historie: tuple[Wijziging, ...]


async def aanpassingen(uow: UnitOfWork, onderzoek_id: int) -> dict[str, Aanpassing]:
    """The inspector's overrides of an onderzoek, per indicator."""
    rijen = await uow.session.scalars(
        select(OordeelAanpassing).where(OordeelAanpassing.onderzoek_id == onderzoek_id)
    )
    return {
        r.indicator_id: Aanpassing(
            r.oordeel,
            r.tekst,
            None if r.let_op is None else tuple(r.let_op),
            frozenset(r.citaten or []),
        )
        for r in rijen
    }


async def bewijs(
    uow: UnitOfWork,
    catalogus: Catalogus,
    onderzoek_id: int,
    erbij: dict[str, str] | None = None,
) -> dict[str, list[Bewijsregel]]:
    """Per indicator of the onderzoek's kader, every answer given to it; with `erbij`
    (indicator → item) also each respondent's answer to that related item."""
    erbij = erbij or {}
    kader = catalogus.kader((await haal_onderzoek(uow, onderzoek_id)).kader)
    uitnodigingen = await uow.repo.uitnodigingen(onderzoek_id)
    antwoorden = await antwoorden_om_te_lezen(uow, [u.id for u in uitnodigingen])
    kept = await documenten_van(uow, onderzoek_id)
    bestanden = {(d.uitnodiging_id, d.item_id): d.id for d in kept}
    geciteerd = {i: a.citaten for i, a in (await aanpassingen(uow, onderzoek_id)).items()}
    per_indicator: dict[str, list[Bewijsregel]] = {}
    for u in uitnodigingen:
        for item_id, a in antwoorden[u.id].items():
            per_indicator.setdefault(item_id, []).append(
                Bewijsregel(
                    u.id,
                    label(u.rol, u.organisatie, u.casus),
                    a.waarde if isinstance(a.waarde, str) else None,
                    a.toelichting,
                    a.document or (a.bestand.naam if a.bestand else None),
                    bestanden.get((u.id, item_id)),
                    u.id in geciteerd.get(item_id, frozenset()),
                    _tekst(antwoorden[u.id].get(erbij.get(item_id, ""))),
                    niet_citeerbaar(kader, u.rol) is None,
                )
            )
    return per_indicator


def _tekst(a: Antwoord | None) -> str | None:
    if a is None or a.waarde is None:
        return None
    return ", ".join(a.waarde) if isinstance(a.waarde, list) else str(a.waarde)


async def antwoorden_met_historie(uow: UnitOfWork, uitnodiging_id: int) -> AntwoordenVan:
    """One respondent's answers and the history of every change."""
    u = await uow.session.get(Uitnodiging, uitnodiging_id)
    if u is None:
        raise NietGevonden(f"uitnodiging {uitnodiging_id} bestaat niet")
    huidige = (await antwoorden_van(uow, [u.id]))[u.id]
    historie = await uow.session.scalars(
        select(AntwoordHistorie)
        .where(AntwoordHistorie.uitnodiging_id == uitnodiging_id)
        .order_by(AntwoordHistorie.id)
    )
    return AntwoordenVan(
        u.id,
        u.onderzoek_id,
        label(u.rol, u.organisatie, u.casus),
        u.rol,
        u.status,
        huidige,
        tuple(Wijziging(h.item_id, h.oud, h.nieuw, h.wanneer, h.door) for h in historie),
    )
