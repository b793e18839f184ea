"""Reminders before the wederhoor's term and the improvement plan's deadline, on both databases:
planned on the onderzoek's schedule before the step's own term, once per moment however often
the job runs, claimed once, none for a step that was submitted or closed (vaststellen closes
the wederhoor) or whose term has passed; sent by the same sender as every reminder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.herinneren import herinnering_tekst
from opslag.beoordelingen import zet_status
from opslag.herinneringen import claim_geplande, momenten, plan_geplande_rondes
from opslag.modellen import Herinnering, Uitnodiging
from opslag.procesherinneringen import vandaag_nl
from opslag.uitwisseling.importeren import importeer, lees_antwoordenbestand
from opslag.uow import UnitOfWork
from opslag.verbeterplan import publiceer
from opslag.wederhoor import leg_voor
from vragenlijsten.catalogus import Catalogus

Sessies = async_sessionmaker[AsyncSession]
ITG = Path(__file__).parent / "data" / "leeuwarden-interventieteam-gezinnen.json"
MINUUT = dt.timedelta(minutes=1)


async def _onderzoek(sessions: Sessies, catalogus: Catalogus) -> int:
    """Leeuwarden imported, its gemeente respondent in Telegram (chat 7001); the onderzoek's
    questionnaires closed, as they are once the concept is written."""
    async with UnitOfWork(sessions) as uow:
        tekst = ITG.read_text(encoding="utf-8")
        onderzoek = (await importeer(uow, catalogus, lees_antwoordenbestand(tekst))).onderzoek_id
    async with sessions() as s:
        await s.execute(
            update(Uitnodiging)
            .where(Uitnodiging.onderzoek_id == onderzoek, Uitnodiging.rol == "gemeente")
            .values(telegram_user_id=7001)
        )
        await s.commit()
    return onderzoek


async def _plan(sessions: Sessies, catalogus: Catalogus, moment: dt.datetime) -> int:
    async with UnitOfWork(sessions) as uow:
        return await plan_geplande_rondes(uow, catalogus, moment)


async def _claim(sessions: Sessies, catalogus: Catalogus) -> list[str]:
    async with UnitOfWork(sessions) as uow:
        geclaimd = await claim_geplande(uow, catalogus, "test")
    return [herinnering_tekst(t, vandaag_nl()) for t in geclaimd]


async def test_herinneringen_voor_de_termijn_van_het_wederhoor(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    onderzoek = await _onderzoek(sessions, catalogus)
    termijn = vandaag_nl() + dt.timedelta(days=20)
    async with UnitOfWork(sessions) as uow:
        await leg_voor(uow, catalogus, onderzoek, vandaag_nl(), termijn)
    zeven, twee, laatste = momenten(termijn, [7, 2, 0], "10:00")
    assert await _plan(sessions, catalogus, zeven - MINUUT) == 0
    assert await _plan(sessions, catalogus, zeven + MINUUT) == 1
    assert await _plan(sessions, catalogus, zeven + 2 * MINUUT) == 0  # never twice
    [tekst] = await _claim(sessions, catalogus)
    assert "de reactie op het concept over 'Interventieteam Gezinnen' in Leeuwarden" in tekst
    assert await _claim(sessions, catalogus) == []  # claimed once
    # The inspector stelt vast: the wederhoor closes, and a reminder planned just before that
    # is not sent.
    assert await _plan(sessions, catalogus, twee + MINUUT) == 1
    async with UnitOfWork(sessions) as uow:
        await zet_status(uow, onderzoek, "vastgesteld", vandaag=vandaag_nl())
    assert await _claim(sessions, catalogus) == []
    assert await _plan(sessions, catalogus, laatste + MINUUT) == 0  # closed: none planned
    async with sessions() as s:
        statussen = sorted(h.status for h in (await s.scalars(select(Herinnering))).all())
    assert statussen == ["bezig", "overgeslagen"]


async def test_herinneringen_voor_de_deadline_van_het_verbeterplan(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    onderzoek = await _onderzoek(sessions, catalogus)
    async with UnitOfWork(sessions) as uow:
        await zet_status(uow, onderzoek, "vastgesteld", vandaag=vandaag_nl())
    async with UnitOfWork(sessions) as uow:
        p = await publiceer(uow, catalogus, onderzoek, vandaag_nl())
    assert p.plan is not None and p.plan.termijn is not None and p.telegram_user_id == 7001
    zeven, _, laatste = momenten(p.plan.termijn, [7, 2, 0], "10:00")
    # The bot was down over the first moments: only the latest is caught up, once.
    assert await _plan(sessions, catalogus, laatste + dt.timedelta(hours=2)) == 1
    assert await _plan(sessions, catalogus, laatste + dt.timedelta(hours=3)) == 0
    [tekst] = await _claim(sessions, catalogus)
    assert "het verbeterplan over 'Interventieteam Gezinnen'" in tekst
    # After its deadline: nothing more.
    na = dt.datetime.combine(p.plan.termijn + dt.timedelta(days=1), dt.time(9), tzinfo=dt.UTC)
    assert await _plan(sessions, catalogus, na) == 0
    assert zeven < laatste
    # A submitted plan gets no reminders either.
    async with sessions() as s:
        await s.execute(
            update(Uitnodiging)
            .where(Uitnodiging.id == p.plan.uitnodiging_id)
            .values(status="ingediend", termijn=p.plan.termijn + dt.timedelta(days=30))
        )
        await s.commit()
    assert await _plan(sessions, catalogus, na + dt.timedelta(days=20)) == 0
