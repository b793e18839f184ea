"""The follow-up a year later: a new onderzoek of the same gemeente, aanpak and kader, linked to
the first (`vorige_id`: reports and the national overview follow this link, not names), with
the first's inspectors and, in one step, its respondents invited again (new tokens, the same
roles, organisations and families). Where the gemeente made an improvement plan, its contact
is asked per planned action whether it was done (the voortgang questionnaire)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from beoordeling.procesvragen import voortgang_vragen
from opslag.fouten import OngeldigeInvoer
from opslag.modellen import Onderzoek, OnderzoekInspecteur, Uitnodiging
from opslag.onderzoeken import (
    OnderzoekInfo,
    UitnodigingInfo,
    controleer_deadline,
    haal_onderzoek,
    nieuw_token,
)
from opslag.proces import Stap, contact_van, laatste, maak_stap
from opslag.uow import UnitOfWork
from opslag.verbeterplan import acties_van
from vragenlijsten.catalogus import Catalogus


@dataclass(frozen=True)
class Vervolg:
    """The follow-up: the new onderzoek, its respondents (with their new links' tokens), and
    the question about the plan's progress (None without a plan)."""

    onderzoek: OnderzoekInfo
    vorige: OnderzoekInfo
    uitnodigingen: tuple[UitnodigingInfo, ...]
    voortgang: Stap | None
    vorige_gesloten: bool  # the earlier onderzoek was still open and has been closed


async def volgende_van(uow: UnitOfWork, onderzoek_id: int) -> int | None:
    """The follow-up of an onderzoek, if it has one."""
    return await uow.session.scalar(
        select(Onderzoek.id).where(Onderzoek.vorige_id == onderzoek_id).limit(1)
    )


async def reeks_van(uow: UnitOfWork, onderzoek_id: int) -> int | None:
    """The first onderzoek of the linked rounds this one belongs to (itself when it has a
    follow-up); None for an onderzoek no follow-up link touches (the overview then matches
    it by gemeente and aanpak, as rounds were before such links)."""
    if (
        await uow.session.scalar(select(Onderzoek.vorige_id).where(Onderzoek.id == onderzoek_id))
        is None
        and await volgende_van(uow, onderzoek_id) is None
    ):
        return None
    gezien = {onderzoek_id}
    huidig = onderzoek_id
    while (
        vorige := await uow.session.scalar(
            select(Onderzoek.vorige_id).where(Onderzoek.id == huidig)
        )
    ) is not None and vorige not in gezien:
        gezien.add(vorige)
        huidig = vorige
    return huidig


async def open_vervolg(
    uow: UnitOfWork,
    catalogus: Catalogus,
    onderzoek_id: int,
    deadline: dt.date | None,
    vandaag: dt.date,
) -> Vervolg:
    """Open the follow-up of a vastgesteld onderzoek (closing that one if it was still open),
    re-invite its respondents and ask for the plan's progress. Committed."""
    vorige_info = await haal_onderzoek(uow, onderzoek_id)
    vorige = await uow.session.get(Onderzoek, onderzoek_id)
    assert vorige is not None
    if vorige.beoordeling_status != "vastgesteld":
        raise OngeldigeInvoer(
            f"de beoordeling van onderzoek {onderzoek_id} is nog een concept; een vervolg "
            f"vergelijkt met vastgestelde oordelen (stj vaststellen {onderzoek_id})"
        )
    if (al := await volgende_van(uow, onderzoek_id)) is not None:
        raise OngeldigeInvoer(f"onderzoek {onderzoek_id} heeft al een vervolgonderzoek: {al}")
    controleer_deadline(deadline, vandaag)
    ander = await uow.repo.onderzoek_van(vorige.gemeente_id, vorige.aanpak, vorige.kader)
    if ander is not None and ander.id != onderzoek_id:
        raise OngeldigeInvoer(
            f"er is al een open onderzoek naar '{vorige.aanpak}' in {vorige_info.gemeente}: "
            f"nummer {ander.id}; sluit het eerst"
        )
    gesloten = vorige.status == "open"
    vorige.status = "afgesloten"
    nieuw = Onderzoek(
        gemeente_id=vorige.gemeente_id,
        aanpak=vorige.aanpak,
        kader=vorige.kader,
        deadline=deadline,
        vorige_id=vorige.id,
        herinner_dagen=list(vorige.herinner_dagen),
        herinner_tijd=vorige.herinner_tijd,
    )
    uow.session.add(nieuw)
    await uow.session.flush()
    for inspecteur_id in await uow.session.scalars(
        select(OnderzoekInspecteur.inspecteur_id).where(
            OnderzoekInspecteur.onderzoek_id == onderzoek_id
        )
    ):
        uow.session.add(OnderzoekInspecteur(onderzoek_id=nieuw.id, inspecteur_id=inspecteur_id))
    uitnodigingen = []
    for u in await uow.repo.uitnodigingen(onderzoek_id):
        if u.ingetrokken is not None or u.bron is not None:
            continue  # revoked ones are not asked again; an interview the inspector holds anew
        opnieuw = Uitnodiging(
            onderzoek_id=nieuw.id,
            rol=u.rol,
            organisatie=u.organisatie,
            casus=u.casus,
            token=nieuw_token(),
        )
        uow.session.add(opnieuw)
        await uow.session.flush()
        uitnodigingen.append(
            UitnodigingInfo(opnieuw.id, nieuw.id, u.rol, u.organisatie, u.casus, opnieuw.token)
        )
    voortgang = await _voortgang(uow, catalogus, vorige_info, nieuw.id, deadline)
    await uow.commit()
    return Vervolg(
        await haal_onderzoek(uow, nieuw.id),
        await haal_onderzoek(uow, onderzoek_id),
        tuple(uitnodigingen),
        voortgang,
        gesloten,
    )


async def _voortgang(
    uow: UnitOfWork,
    catalogus: Catalogus,
    vorige: OnderzoekInfo,
    nieuw_id: int,
    deadline: dt.date | None,
) -> Stap | None:
    """The voortgang questionnaire over the earlier plan's actions (those with a 'what'), to
    the Telegram chat that answered the plan; None without such actions."""
    plan = await laatste(uow, vorige.id, "verbeterplan")
    if plan is None:
        return None
    acties = [
        a for a in await acties_van(uow, catalogus, vorige.kader, plan.uitnodiging_id) if a.wat
    ]
    if not acties:
        return None
    contact = await contact_van(uow, catalogus, nieuw_id)
    return await maak_stap(
        uow,
        nieuw_id,
        "voortgang",
        voortgang_vragen(vorige.kader, vorige.gemeente, vorige.aanpak, acties, deadline),
        deadline,
        contact,
        plan.telegram_user_id,
    )
