"""Reminders through the bot: `stj herinner` from the CLI against a Bot API over HTTP, and the
scheduled job run by two bot instances that share one database."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import update

from bot.herinneren import geplande_herinneringen
from opslag.db import maak_engine, maak_sessionmaker
from opslag.modellen import Onderzoek, Uitnodiging
from tests.bot_hulp import start_bot, uitnodiging
from tests.conftest import in_thread
from tests.nep_botapi import NepBotApi
from vragenlijsten.catalogus import Catalogus


async def _gebonden(db_url: str, catalogus: Catalogus, aantal: int, deadline: dt.date) -> int:
    engine = maak_engine(db_url)
    sessions = maak_sessionmaker(engine)
    onderzoek_id = 0
    for n in range(aantal):
        info = await uitnodiging(
            sessions, catalogus, "beleidsniveau", "netwerkpartner", deadline=deadline
        )
        onderzoek_id = info.onderzoek_id
        async with sessions() as s:
            await s.execute(
                update(Uitnodiging)
                .where(Uitnodiging.id == info.id)
                .values(telegram_user_id=50_000 + n, status="bezig")
            )
            await s.commit()
    await engine.dispose()
    return onderzoek_id


def test_stj_herinner_via_de_bot_api(
    stj: Any, db_url: str, catalogus: Catalogus, monkeypatch: pytest.MonkeyPatch
) -> None:
    onderzoek_id = in_thread(_gebonden(db_url, catalogus, 3, dt.date(2030, 1, 1)))
    with NepBotApi() as api:
        monkeypatch.setenv("STJ_TELEGRAM_API_URL", api.url)
        monkeypatch.setenv("STJ_TELEGRAM_TOKEN", "123:ABC")
        uit = stj("herinner", str(onderzoek_id))
        assert uit.code == 0, uit.err
        assert uit.out.startswith("verstuurd: 3\novergeslagen (al ingediend): 0\n")
        ontvangers = sorted(int(p["chat_id"]) for m, p in api.oproepen if m == "sendMessage")
    assert ontvangers == [50_000, 50_001, 50_002]
    status = stj("status", str(onderzoek_id), "--json").json()
    assert [r["herinneringen"] for r in status["respondenten"]] == [1, 1, 1]


class _Context:
    """What the job callback reads from PTB's CallbackContext."""

    def __init__(self, app: Any) -> None:
        self.bot = app.bot
        self.bot_data = app.bot_data


async def test_geplande_ronde_met_twee_instanties(db_url: str, catalogus: Catalogus) -> None:
    amsterdam = dt.datetime.now(ZoneInfo("Europe/Amsterdam"))
    if amsterdam.hour == 0 and amsterdam.minute < 2:
        pytest.skip("net na middernacht ligt 'een minuut geleden' op gisteren")
    onderzoek_id = await _gebonden(db_url, catalogus, 12, amsterdam.date())
    engines = [maak_engine(db_url), maak_engine(db_url)]
    try:
        async with maak_sessionmaker(engines[0])() as s:
            # Due one minute ago, today (the deadline day), for this onderzoek only.
            moment = (amsterdam - dt.timedelta(minutes=1)).strftime("%H:%M")
            await s.execute(
                update(Onderzoek)
                .where(Onderzoek.id == onderzoek_id)
                .values(herinner_dagen=[0], herinner_tijd=moment)
            )
            await s.commit()
        instanties = [await start_bot(maak_sessionmaker(e), catalogus) for e in engines]
        # Both instances run the job at the same time, then again (a restart, a next tick).
        for _ in range(2):
            await asyncio.gather(
                *(
                    geplande_herinneringen(_Context(i.app))  # type: ignore[arg-type]
                    for i in instanties
                )
            )
        verzonden = [
            int(o.params["chat_id"])
            for i in instanties
            for o in i.nep.oproepen
            if o.methode == "sendMessage"
        ]
        assert sorted(verzonden) == list(range(50_000, 50_012))  # each exactly once
    finally:
        for e in engines:
            await e.dispose()
