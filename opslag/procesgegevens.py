"""What a report shows of the steps after the concept, read from the database: the wederhoor
with every reaction and decision, the dates of vaststelling and publication, this round's
improvement plan, and in a follow-up the earlier round (its verdicts and plan, and what the
gemeente now reports of the plan)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy import select

from beoordeling.model import Beoordeling
from beoordeling.proces import ProcesGegevens, Reactie, VorigeRonde
from beoordeling.procesvragen import plan_acties, uitvoering
from opslag.antwoorden import antwoorden_van
from opslag.klok import AMSTERDAM
from opslag.modellen import Onderzoek, Uitnodiging
from opslag.reacties import reacties_van
from opslag.uow import UnitOfWork
from vragenlijsten.catalogus import Catalogus
from vragenlijsten.gegenereerd import Procesvragen


def _dag(moment: dt.datetime | None) -> dt.date | None:
    return moment.astimezone(AMSTERDAM).date() if moment is not None else None


async def _laatste(uow: UnitOfWork, onderzoek_id: int, soort: str) -> Uitnodiging | None:
    rijen = await uow.repo.processtappen(onderzoek_id, soort)
    return rijen[-1] if rijen else None


async def _antwoorden(uow: UnitOfWork, u: Uitnodiging | None) -> tuple[Procesvragen, dict] | None:  # type: ignore[type-arg]
    if u is None or u.vragen is None:
        return None
    return Procesvragen.uit_data(u.vragen), (await antwoorden_van(uow, [u.id]))[u.id]


async def met_proces(
    uow: UnitOfWork,
    catalogus: Catalogus,
    onderzoek: Onderzoek,
    b: Beoordeling,
    vorige: tuple[Onderzoek, Beoordeling] | None,
) -> Beoordeling:
    """The assessment with what happened after its concept, and in a follow-up each
    indicator's earlier verdict."""
    kader = catalogus.kader(onderzoek.kader)
    namen = {i.id: i.tekst for _, _, i in kader.indicatoren()}
    wederhoor = await _laatste(uow, onderzoek.id, "wederhoor")
    reacties = tuple(
        Reactie(r.indicator_id, r.indicator, r.tekst, r.verstuurd, r.besluit, r.reden)
        for r in await reacties_van(uow, catalogus, onderzoek.id)
    )
    plan = await _laatste(uow, onderzoek.id, "verbeterplan")
    plan_data = await _antwoorden(uow, plan)
    gegevens = ProcesGegevens(
        voorgelegd=_dag(wederhoor.aangemaakt) if wederhoor else None,
        termijn=wederhoor.termijn if wederhoor else None,
        reacties=reacties,
        vastgesteld_op=(
            _dag(onderzoek.vastgesteld_op)
            if onderzoek.beoordeling_status == "vastgesteld"
            else None
        ),
        gepubliceerd_op=_dag(onderzoek.gepubliceerd_op),
        plan_deadline=plan.termijn if plan else None,
        acties=tuple(plan_acties(*plan_data, namen)) if plan_data else (),
    )
    if vorige is not None:
        eerder_o, eerder_b = vorige
        eerder_plan = await _antwoorden(uow, await _laatste(uow, eerder_o.id, "verbeterplan"))
        gemeld = await _antwoorden(uow, await _laatste(uow, onderzoek.id, "voortgang"))
        gegevens = replace(
            gegevens,
            vorige=VorigeRonde(
                eerder_o.id,
                eerder_b.datum or _dag(eerder_o.aangemaakt) or dt.date.today(),
                {io.id: io.oordeel for io in eerder_b.indicatoren},
                tuple(plan_acties(*eerder_plan, namen)) if eerder_plan else (),
                tuple(uitvoering(*gemeld)) if gemeld else (),
            ),
        )
        oud = {io.id: io.oordeel for io in eerder_b.indicatoren}
        b = replace(
            b, indicatoren=tuple(replace(io, eerder=oud.get(io.id)) for io in b.indicatoren)
        )
    return replace(b, proces=gegevens)


async def vorige_onderzoek(uow: UnitOfWork, onderzoek: Onderzoek) -> Onderzoek | None:
    """The onderzoek this one follows up, if any."""
    if onderzoek.vorige_id is None:
        return None
    return await uow.session.scalar(select(Onderzoek).where(Onderzoek.id == onderzoek.vorige_id))
