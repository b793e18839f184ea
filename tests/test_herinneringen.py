"""Scheduled reminders at the storage level, on both backends: each round is planned once,
a missed moment is caught up once, claims never overlap (also with two instances sharing one
database), and a claim that died with its process is not sent again."""

from __future__ import annotations

import asyncio
import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from opslag.db import maak_engine, maak_sessionmaker
from opslag.herinneringen import claim_geplande, momenten, plan_geplande_rondes
from opslag.modellen import Herinnering, HerinnerRonde, Uitnodiging
from opslag.uow import UnitOfWork
from tests.bot_hulp import uitnodiging
from vragenlijsten.catalogus import Catalogus

Sessies = async_sessionmaker[AsyncSession]
UTC = dt.UTC


def test_momenten_in_nederlandse_tijd() -> None:
    # 10:00 in Amsterdam is 09:00 UTC in winter and 08:00 UTC in summer.
    assert momenten(dt.date(2026, 12, 31), [7, 2, 0], "10:00") == [
        dt.datetime(2026, 12, 24, 9, tzinfo=UTC),
        dt.datetime(2026, 12, 29, 9, tzinfo=UTC),
        dt.datetime(2026, 12, 31, 9, tzinfo=UTC),
    ]
    assert momenten(dt.date(2026, 6, 30), [0], "10:00") == [dt.datetime(2026, 6, 30, 8, tzinfo=UTC)]


async def _respondenten(sessions: Sessies, catalogus: Catalogus, aantal: int) -> int:
    """An onderzoek (deadline 2026-12-31) with `aantal` bound respondents and one unbound."""
    onderzoek_id = 0
    for n in range(aantal + 1):
        info = await uitnodiging(sessions, catalogus, "beleidsniveau", "netwerkpartner")
        onderzoek_id = info.onderzoek_id
        if n < aantal:
            async with sessions() as s:
                await s.execute(
                    update(Uitnodiging)
                    .where(Uitnodiging.id == info.id)
                    .values(telegram_user_id=70_000 + n, status="bezig")
                )
                await s.commit()
    return onderzoek_id


async def _plan(sessions: Sessies, catalogus: Catalogus, moment: dt.datetime) -> int:
    async with UnitOfWork(sessions) as uow:
        return await plan_geplande_rondes(uow, catalogus, moment)


async def _claim(sessions: Sessies, catalogus: Catalogus, instantie: str) -> list[int]:
    async with UnitOfWork(sessions) as uow:
        return [t.herinnering_id for t in await claim_geplande(uow, catalogus, instantie)]


async def test_ronde_eenmaal_gepland_en_geclaimd(sessions: Sessies, catalogus: Catalogus) -> None:
    await _respondenten(sessions, catalogus, 3)
    assert await _plan(sessions, catalogus, dt.datetime(2026, 12, 24, 8, 59, tzinfo=UTC)) == 0
    moment = dt.datetime(2026, 12, 24, 9, 2, tzinfo=UTC)
    assert await _plan(sessions, catalogus, moment) == 3  # the unbound one cannot be reached
    assert await _plan(sessions, catalogus, moment + dt.timedelta(minutes=1)) == 0  # once
    eerste = await _claim(sessions, catalogus, "a")
    assert len(eerste) == 3
    assert await _claim(sessions, catalogus, "b") == []  # nothing twice, also after a restart
    async with sessions() as s:
        statussen = {h.status for h in (await s.scalars(select(Herinnering))).all()}
    assert statussen == {"bezig"}


async def test_gemiste_momenten_eenmaal_ingehaald(sessions: Sessies, catalogus: Catalogus) -> None:
    await _respondenten(sessions, catalogus, 2)
    # The bot was down from before the 7-day moment until after the 2-day moment.
    na_stilstand = dt.datetime(2026, 12, 29, 13, 0, tzinfo=UTC)
    assert await _plan(sessions, catalogus, na_stilstand) == 2
    assert await _plan(sessions, catalogus, na_stilstand + dt.timedelta(hours=1)) == 0
    async with sessions() as s:
        rondes = [
            (r.moment, r.status)
            for r in (await s.scalars(select(HerinnerRonde).order_by(HerinnerRonde.moment))).all()
        ]
    assert rondes == [
        (dt.datetime(2026, 12, 24, 9, tzinfo=UTC), "overgeslagen"),
        (dt.datetime(2026, 12, 29, 9, tzinfo=UTC), "ingehaald"),
    ]
    # After the deadline day: nothing more.
    assert await _plan(sessions, catalogus, dt.datetime(2027, 1, 1, 9, tzinfo=UTC)) == 0


async def test_dode_claim_wordt_niet_opnieuw_verstuurd(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    await _respondenten(sessions, catalogus, 1)
    await _plan(sessions, catalogus, dt.datetime(2026, 12, 24, 9, 1, tzinfo=UTC))
    [geclaimd] = await _claim(sessions, catalogus, "proces-dat-stierf")
    async with sessions() as s:
        await s.execute(
            update(Herinnering).values(geclaimd_op=dt.datetime.now(UTC) - dt.timedelta(hours=2))
        )
        await s.commit()
    assert await _claim(sessions, catalogus, "nieuw-proces") == []
    async with sessions() as s:
        h = await s.get(Herinnering, geclaimd)
        assert h is not None and (h.status, h.fout) == (
            "mislukt",
            "verzenden onderbroken; niet opnieuw",
        )


async def test_twee_instanties_delen_een_database(db_url: str, catalogus: Catalogus) -> None:
    """Two bot processes (two engines) plan and claim at the same time: every reminder is
    claimed exactly once."""
    engines = [maak_engine(db_url), maak_engine(db_url)]
    try:
        a, b = (maak_sessionmaker(e) for e in engines)
        await _respondenten(a, catalogus, 40)
        moment = dt.datetime(2026, 12, 31, 9, 0, tzinfo=UTC)
        gepland = await asyncio.gather(_plan(a, catalogus, moment), _plan(b, catalogus, moment))
        assert sorted(gepland) == [0, 40]
        claims = await asyncio.gather(
            *(_claim(s, catalogus, f"i{n}") for n, s in enumerate([a, b, a, b]))
        )
        alle = [h for c in claims for h in c]
        assert len(alle) == len(set(alle)) == 40
    finally:
        for e in engines:
            await e.dispose()
