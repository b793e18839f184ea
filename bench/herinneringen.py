"""Benchmark: one /herinner for 2,000 open respondents through the real reminder path (planned
and claimed in the database, sent by the limiter, each outcome recorded), against a Bot API
stub that answers at once and timestamps every message. Prints total time, average rate, the
peak in ANY one-second window (Telegram allows 30/s; the floor for 2,000 is ~67 s), and
duplicates.

    .venv/bin/python bench/herinneringen.py [--respondenten 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import datetime as dt
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select, update
from telegram import Bot
from telegram.request import RequestData

from bot.herinneren import verstuur_herinneringen
from bot.verzender import Tempo
from opslag.db import maak_engine, maak_sessionmaker, migreer
from opslag.herinneringen import plan_nu
from opslag.modellen import Herinnering, Uitnodiging
from opslag.onderzoeken import maak_onderzoek, maak_uitnodiging
from opslag.uow import UnitOfWork
from tests.nep_telegram import StilleRequest
from vragenlijsten.catalogus import laad_catalogus


class Stempel(StilleRequest):
    """A Bot API that answers at once and notes when each message was sent, to whom."""

    def __init__(self) -> None:
        self.verzonden: list[tuple[float, int]] = []

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> tuple[int, bytes]:
        methode = url.rsplit("/", 1)[-1]
        params = request_data.parameters if request_data else {}
        if methode == "getMe":
            resultaat: Any = {"id": 1, "is_bot": True, "first_name": "B", "username": "B"}
        else:
            chat = int(params.get("chat_id", 0))
            self.verzonden.append((time.monotonic(), chat))
            resultaat = {
                "message_id": len(self.verzonden),
                "date": 0,
                "text": "",
                "chat": {"id": chat, "type": "private"},
            }
        return 200, json.dumps({"ok": True, "result": resultaat}).encode()


def piek(tijden: list[float], venster: float = 1.0) -> int:
    """The most sends in any window [t, t + venster) starting at a send."""
    tijden = sorted(tijden)
    return max(
        (bisect.bisect_left(tijden, t + venster) - n for n, t in enumerate(tijden)), default=0
    )


async def meet(respondenten: int, map_: Path) -> dict[str, Any]:
    catalogus = laad_catalogus()
    engine = maak_engine(f"sqlite+aiosqlite:///{map_ / 'bench.db'}")
    await migreer(engine)
    sessions = maak_sessionmaker(engine)
    async with UnitOfWork(sessions) as uow:
        onderzoek = await maak_onderzoek(uow, catalogus, "Benchstad", "Aanpak", "beleidsniveau")
    for n in range(respondenten):
        async with UnitOfWork(sessions) as uow:
            info = await maak_uitnodiging(
                uow, catalogus, onderzoek.id, "netwerkpartner", f"Partner {n}"
            )
        async with sessions() as s:
            await s.execute(
                update(Uitnodiging)
                .where(Uitnodiging.id == info.id)
                .values(telegram_user_id=1_000_000 + n, status="bezig")
            )
            await s.commit()
    stempel = Stempel()
    bot = Bot("1:BENCH", request=stempel, get_updates_request=stempel)
    await bot.initialize()
    begin = time.monotonic()
    async with UnitOfWork(sessions) as uow:
        plan = await plan_nu(uow, catalogus, onderzoek.id, "bench", dt.date.today())
    telling = await verstuur_herinneringen(
        bot, sessions, plan.te_versturen, Tempo(), dt.date.today()
    )
    duur = time.monotonic() - begin
    async with sessions() as s:
        vastgelegd = await s.scalar(
            select(func.count()).select_from(Herinnering).where(Herinnering.status == "verzonden")
        )
    await engine.dispose()
    per_chat = Counter(chat for _, chat in stempel.verzonden)
    tijden = [t for t, _ in stempel.verzonden]
    return {
        "respondenten": respondenten,
        "verzonden": telling.verzonden,
        "seconden": duur,
        "per_seconde": len(tijden) / duur,
        "piek_1s": piek(tijden),
        "dubbel": sum(n - 1 for n in per_chat.values() if n > 1),
        "vastgelegd": vastgelegd or 0,
        "ondergrens_s": max(0.0, (respondenten - 30) / 30),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondenten", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        r = asyncio.run(meet(args.respondenten, Path(tmp)))
    print(f"{r['respondenten']} open respondenten, één /herinner")
    print(f"verzonden:            {r['verzonden']} (in de database vastgelegd: {r['vastgelegd']})")
    print(
        f"totale tijd:          {r['seconden']:.1f} s (natuurlijke ondergrens ≈ "
        f"{r['ondergrens_s']:.1f} s bij 30/s)"
    )
    print(f"gemiddeld:            {r['per_seconde']:.1f} berichten/s")
    print(f"piek in één seconde:  {r['piek_1s']} (Telegram-grens 30)")
    print(f"dubbel verzonden:     {r['dubbel']}")


if __name__ == "__main__":
    main()
