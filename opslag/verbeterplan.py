"""Publication and the improvement plan: a vastgesteld report is published (dated) and goes to
the gemeente the way the concept did; with it the gemeente gets, per verbeterpunt, a
questionnaire for what it will do, who and by when, due at the deadline the report names (the
kader's term after vaststelling). Inspectors see per verbeterpunt whether there is a plan."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from beoordeling.proces import PlanActie
from beoordeling.procesvragen import plan_acties, verbeterplan_vragen
from beoordeling.teksten import proces_van
from opslag.antwoorden import antwoorden_van
from opslag.beoordelingen import beoordeel, datum_van
from opslag.fouten import OngeldigeInvoer
from opslag.klok import AMSTERDAM
from opslag.modellen import Onderzoek, Uitnodiging, nu
from opslag.onderzoeken import OnderzoekInfo, haal_onderzoek
from opslag.proces import Stap, contact_van, laatste, maak_stap
from opslag.uow import UnitOfWork
from vragenlijsten.catalogus import Catalogus
from vragenlijsten.gegenereerd import Procesvragen


@dataclass(frozen=True)
class Publicatie:
    """What publishing did: the onderzoek, the Telegram chat the report goes to (the one that
    got the concept, else the contact's), and the improvement plan (None without
    verbeterpunten)."""

    onderzoek: OnderzoekInfo
    gepubliceerd_op: dt.date
    telegram_user_id: int | None
    plan: Stap | None


def plan_deadline(vastgesteld: dt.date, vandaag: dt.date, termijn_na: dt.date) -> dt.date:
    """The plan's deadline: the kader's term after vaststelling, as the report names it; a
    report published so late that it has passed gets the term from today."""
    return termijn_na if termijn_na >= vandaag else vandaag + (termijn_na - vastgesteld)


async def publiceer(
    uow: UnitOfWork, catalogus: Catalogus, onderzoek_id: int, vandaag: dt.date
) -> Publicatie:
    """Publish a vastgesteld report and open its improvement plan. Committed."""
    onderzoek = await uow.session.get(Onderzoek, onderzoek_id)
    info = await haal_onderzoek(uow, onderzoek_id)
    assert onderzoek is not None
    if onderzoek.beoordeling_status != "vastgesteld":
        raise OngeldigeInvoer(
            f"de beoordeling van onderzoek {onderzoek_id} is nog een concept; stel haar eerst "
            f"vast met 'stj vaststellen {onderzoek_id}'"
        )
    if onderzoek.gepubliceerd_op is not None:
        op = onderzoek.gepubliceerd_op.astimezone(AMSTERDAM)
        raise OngeldigeInvoer(f"onderzoek {onderzoek_id} is al gepubliceerd op {op:%d-%m-%Y}")
    onderzoek.gepubliceerd_op = nu()
    contact = await contact_van(uow, catalogus, onderzoek_id)
    concept = await laatste(uow, onderzoek_id, "wederhoor")
    telegram = concept.telegram_user_id if concept else None
    if telegram is None and contact is not None:
        telegram = contact.telegram_user_id
    plan = await laatste(uow, onderzoek_id, "verbeterplan")
    b = await beoordeel(uow, catalogus, onderzoek_id)
    if plan is None and any(io.oordeel == "verbeterpunt" for io in b.indicatoren):
        vastgesteld = datum_van(onderzoek)
        termijn = proces_van(catalogus.kader(info.kader)).verbeterplan
        deadline = plan_deadline(vastgesteld, vandaag, termijn.na(vastgesteld))
        plan = await maak_stap(
            uow,
            onderzoek_id,
            "verbeterplan",
            verbeterplan_vragen(b, deadline),
            deadline,
            contact,
            telegram,
        )
    await uow.commit()
    return Publicatie(info, onderzoek.gepubliceerd_op.astimezone(AMSTERDAM).date(), telegram, plan)


@dataclass(frozen=True)
class Planstand:
    """The improvement plan of an onderzoek: its step and per verbeterpunt what is planned."""

    stap: Stap
    acties: tuple[PlanActie, ...]

    @property
    def met_plan(self) -> int:
        """How many verbeterpunten have what, who and when."""
        return sum(a.compleet for a in self.acties)


async def planstand(uow: UnitOfWork, catalogus: Catalogus, onderzoek_id: int) -> Planstand | None:
    """The improvement plan of an onderzoek as it stands (None before publication)."""
    info = await haal_onderzoek(uow, onderzoek_id)
    stap = await laatste(uow, onderzoek_id, "verbeterplan")
    if stap is None:
        return None
    return Planstand(stap, tuple(await acties_van(uow, catalogus, info.kader, stap.uitnodiging_id)))


async def acties_van(
    uow: UnitOfWork, catalogus: Catalogus, kader: str, uitnodiging_id: int
) -> list[PlanActie]:
    """Per verbeterpunt what a plan invitation's answers say."""
    u = await uow.session.get(Uitnodiging, uitnodiging_id)
    if u is None or u.vragen is None:
        return []
    k = catalogus.kader(kader)
    namen = {i.id: i.tekst for _, _, i in k.indicatoren()}
    antwoorden = (await antwoorden_van(uow, [u.id]))[u.id]
    return plan_acties(Procesvragen.uit_data(u.vragen), antwoorden, namen)
