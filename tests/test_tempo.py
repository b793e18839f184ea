"""The bulk sender's limits, on a fake clock (instant and exact) and once on the real one."""

from __future__ import annotations

import asyncio
import bisect
import itertools
import time
from collections import Counter
from typing import Any

from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from bot.verzender import Bericht, Tempo, Uitslag, verstuur_alles


class Klok:
    """Fake time: sleeping advances it."""

    def __init__(self) -> None:
        self.nu = 1000.0

    def __call__(self) -> float:
        return self.nu

    async def slaap(self, seconden: float) -> None:
        self.nu += seconden
        await asyncio.sleep(0)


class NepBot:
    """Records (time, chat) of each send; fails on request."""

    def __init__(self, klok: Any) -> None:
        self.klok = klok
        self.verzonden: list[tuple[float, int]] = []
        self.pogingen: Counter[int] = Counter()
        self.fouten: dict[int, list[Exception]] = {}

    async def send_message(self, chat_id: int, text: str, reply_markup: Any = None) -> None:
        self.pogingen[chat_id] += 1
        if self.fouten.get(chat_id):
            raise self.fouten[chat_id].pop(0)
        self.verzonden.append((self.klok(), chat_id))


def piek(tijden: list[float]) -> int:
    tijden = sorted(tijden)
    return max(bisect.bisect_left(tijden, t + 1.0) - n for n, t in enumerate(tijden))


async def test_tweeduizend_binnen_dertig_per_seconde() -> None:
    klok = Klok()
    bot = NepBot(klok)
    uitslagen = await verstuur_alles(
        bot,
        [Bericht(n, "h", n) for n in range(2000)],
        Tempo(klok=klok, slaap=klok.slaap),
    )
    tijden = [t for t, _ in bot.verzonden]
    assert piek(tijden) == 30
    assert len({c for _, c in bot.verzonden}) == len(bot.verzonden) == 2000
    duur = max(tijden) - min(tijden)
    assert (2000 - 30) / 30 <= duur < 70
    assert [u.status for u in uitslagen] == ["verzonden"] * 2000
    assert [u.sleutel for u in uitslagen] == list(range(2000))


async def test_een_per_seconde_per_chat() -> None:
    klok = Klok()
    bot = NepBot(klok)
    await verstuur_alles(
        bot,
        [Bericht(7, f"h{n}", n) for n in range(10)],
        Tempo(klok=klok, slaap=klok.slaap),
    )
    tijden = [t for t, _ in bot.verzonden]
    assert len(tijden) == 10
    assert all(b - a >= 1.0 for a, b in itertools.pairwise(tijden))


async def test_retry_after_pauzeert_alles_en_verstuurt_opnieuw() -> None:
    klok = Klok()
    bot = NepBot(klok)
    bot.fouten[39] = [RetryAfter(5)]
    vastgelegd: list[Uitslag] = []

    async def bij(u: Uitslag) -> None:
        vastgelegd.append(u)

    uitslagen = await verstuur_alles(
        bot,
        [Bericht(n, "h", n) for n in range(100)],
        Tempo(klok=klok, slaap=klok.slaap),
        bij,
        gelijktijdig=1,
    )
    assert bot.pogingen[39] == 2 and Counter(c for _, c in bot.verzonden)[39] == 1
    assert all(u.status == "verzonden" for u in uitslagen) and len(vastgelegd) == 100
    # Nothing at all was sent during the 5 s pause after the 429.
    tijden = sorted(t for t, _ in bot.verzonden)
    assert max(b - a for a, b in itertools.pairwise(tijden)) >= 5.0
    assert piek(tijden) <= 30


async def test_geblokkeerd_niet_opnieuw_en_netwerkfouten_wel() -> None:
    klok = Klok()
    bot = NepBot(klok)
    bot.fouten = {
        1: [Forbidden("Forbidden: bot was blocked by the user")],
        2: [BadRequest("Chat not found")],
        3: [NetworkError("weg"), NetworkError("weg")],
        4: [NetworkError("weg")] * 10,
    }
    uitslagen = await verstuur_alles(
        bot,
        [Bericht(n, "h", n) for n in range(5)],
        Tempo(klok=klok, slaap=klok.slaap),
        max_pogingen=5,
    )
    assert [u.status for u in uitslagen] == [
        "verzonden",
        "geblokkeerd",
        "geblokkeerd",
        "verzonden",
        "mislukt",
    ]
    assert (bot.pogingen[1], bot.pogingen[2], bot.pogingen[3], bot.pogingen[4]) == (1, 1, 3, 5)


async def test_echte_klok() -> None:
    bot = NepBot(time.monotonic)
    begin = time.monotonic()
    await verstuur_alles(bot, [Bericht(n, "h", n) for n in range(45)], Tempo())
    tijden = [t for t, _ in bot.verzonden]
    assert piek(tijden) <= 30 and len(tijden) == 45
    assert 0.4 < time.monotonic() - begin < 3
