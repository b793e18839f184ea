"""The bulk sender: its limits on a fake clock (instant and exact), its handling of Telegram's
errors, and once the limits on the real clock."""

from __future__ import annotations

import asyncio
import bisect
import datetime as dt
import itertools
import time
from collections import Counter
from typing import Any, cast

import pytest
from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

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
    """Records (time, chat) of each delivered message; fails on request."""

    def __init__(self, klok: Any) -> None:
        self.klok = klok
        self.verzonden: list[tuple[float, int]] = []
        self.pogingen: Counter[int] = Counter()  # per chat, failed attempts included
        self.aanroepen = 0
        self.bij_aanroep: dict[int, Exception] = {}  # call number (1-based) -> error
        self.per_chat: dict[int, list[Exception]] = {}  # chat -> errors for its next attempts
        self.altijd: dict[int, Exception] = {}  # chat -> error on every attempt
        self.onderweg = self.max_onderweg = 0
        self.duur = 0  # event-loop turns each request takes

    async def send_message(self, chat_id: int, text: str, reply_markup: Any = None) -> None:
        self.aanroepen += 1
        self.pogingen[chat_id] += 1
        self.onderweg += 1
        self.max_onderweg = max(self.max_onderweg, self.onderweg)
        try:
            for _ in range(self.duur):
                await asyncio.sleep(0)
            if self.aanroepen in self.bij_aanroep:
                raise self.bij_aanroep.pop(self.aanroepen)
            if self.per_chat.get(chat_id):
                raise self.per_chat[chat_id].pop(0)
            if chat_id in self.altijd:
                raise self.altijd[chat_id]
            self.verzonden.append((self.klok(), chat_id))
        finally:
            self.onderweg -= 1


def piek(tijden: list[float], venster: float = 1.0) -> int:
    """Most sends in any window [t0, t0 + venster) that starts at a send."""
    tijden = sorted(tijden)
    return max(bisect.bisect_left(tijden, t + venster) - n for n, t in enumerate(tijden))


def als_bot(nep: NepBot) -> Bot:
    return cast(Bot, nep)


def nep_tempo(klok: Klok, venster: float = 1.0) -> Tempo:
    return Tempo(per_chat=venster, venster=venster, klok=klok, slaap=klok.slaap)


def test_piek_telt_halfopen_vensters() -> None:
    assert piek([0.0, 0.5, 0.99, 1.0, 1.2]) == 4
    assert piek([0.0, 1.0, 2.0]) == 1


@pytest.mark.parametrize(("venster", "duur"), [(1.0, 66.0), (1.05, 69.3)])
async def test_tweeduizend_chats_binnen_dertig_per_seconde(venster: float, duur: float) -> None:
    klok = Klok()
    bot = NepBot(klok)
    uitslagen = await verstuur_alles(
        als_bot(bot), [Bericht(n, "h", n) for n in range(2000)], nep_tempo(klok, venster)
    )
    tijden = [t for t, _ in bot.verzonden]
    assert piek(tijden) == 30 and piek(tijden, venster) == 30
    assert Counter(c for _, c in bot.verzonden) == Counter(range(2000))
    assert max(tijden) - min(tijden) == pytest.approx(duur)
    assert (2000 - 30) / 30 <= max(tijden) - min(tijden) < 70
    assert [u.status for u in uitslagen] == ["verzonden"] * 2000
    assert [u.sleutel for u in uitslagen] == list(range(2000))
    per_chat = sorted(bot.verzonden, key=lambda v: v[1])
    assert [u.tijdstip for u in uitslagen] == [t for t, _ in per_chat]


async def test_standaardtempo_houdt_marge() -> None:
    klok = Klok()
    bot = NepBot(klok)
    await verstuur_alles(
        als_bot(bot), [Bericht(n, "h", n) for n in range(300)], Tempo(klok=klok, slaap=klok.slaap)
    )
    tijden = [t for t, _ in bot.verzonden]
    assert piek(tijden, 1.05) == 30
    assert max(tijden) - min(tijden) == pytest.approx(9 * 1.05)


async def test_een_per_seconde_per_chat() -> None:
    klok = Klok()
    bot = NepBot(klok)
    await verstuur_alles(als_bot(bot), [Bericht(7, f"h{n}", n) for n in range(10)], nep_tempo(klok))
    tijden = [t for t, _ in bot.verzonden]
    assert len(tijden) == 10
    assert all(b - a >= 1.0 for a, b in itertools.pairwise(tijden))
    assert tijden[-1] - tijden[0] == pytest.approx(9.0)


async def test_trage_chat_houdt_anderen_niet_op() -> None:
    klok = Klok()
    bot = NepBot(klok)
    berichten = [Bericht(7, "h", f"7-{n}") for n in range(5)]
    berichten += [Bericht(n, "h", n) for n in range(100, 110)]
    await verstuur_alles(als_bot(bot), berichten, nep_tempo(klok))
    start = bot.verzonden[0][0]
    assert [t - start for t, c in bot.verzonden if c == 7] == [0.0, 1.0, 2.0, 3.0, 4.0]
    # The other ten chats all went in the first instant, not after chat 7's four seconds.
    assert {t - start for t, c in bot.verzonden if c != 7} == {0.0}


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
@pytest.mark.parametrize("als_timedelta", [False, True])
async def test_retry_after_pauzeert_alles_en_verstuurt_opnieuw(
    als_timedelta: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # PTB 22 gives `retry_after` as int seconds, or as a timedelta when PTB_TIMEDELTA is set.
    monkeypatch.setenv("PTB_TIMEDELTA", "1" if als_timedelta else "0")
    assert isinstance(RetryAfter(5).retry_after, dt.timedelta) is als_timedelta
    klok = Klok()
    bot = NepBot(klok)
    bot.bij_aanroep[40] = RetryAfter(5)
    uitslagen = await verstuur_alles(
        als_bot(bot), [Bericht(n, "h", n) for n in range(100)], nep_tempo(klok)
    )
    # Calls 31-60 were granted at 1001.0; the 40th got the 429, the rest were already out.
    geweigerd = next(c for c, n in bot.pogingen.items() if n == 2)
    assert sum(bot.pogingen.values()) == 101 and list(bot.pogingen.values()).count(2) == 1
    assert Counter(c for _, c in bot.verzonden) == Counter(range(100))
    tijden = [t for t, _ in bot.verzonden]
    assert not [t for t in tijden if 1001.0 < t < 1006.0]
    assert min(t for t in tijden if t > 1001.0) == 1006.0
    assert (1006.0, geweigerd) in bot.verzonden
    assert all(u.status == "verzonden" for u in uitslagen)
    assert uitslagen[geweigerd].tijdstip == 1006.0
    assert piek(tijden) == 30


async def test_geblokkeerd_wordt_niet_opnieuw_geprobeerd() -> None:
    klok = Klok()
    bot = NepBot(klok)
    bot.altijd = {
        1: Forbidden("Forbidden: bot was blocked by the user"),
        2: BadRequest("Chat not found"),
        3: BadRequest("Bad Request: message is too long"),
    }
    uitslagen = await verstuur_alles(
        als_bot(bot), [Bericht(n, "h", n) for n in range(5)], nep_tempo(klok)
    )
    assert [u.status for u in uitslagen] == [
        "verzonden",
        "geblokkeerd",
        "geblokkeerd",
        "mislukt",
        "verzonden",
    ]
    assert uitslagen[1].fout == "Forbidden: bot was blocked by the user"
    assert uitslagen[2].fout == "Chat not found" and uitslagen[1].tijdstip is None
    assert bot.pogingen == Counter({0: 1, 1: 1, 2: 1, 3: 1, 4: 1})


async def test_netwerkfouten_opnieuw_met_terugval() -> None:
    klok = Klok()
    bot = NepBot(klok)
    bot.per_chat = {1: [NetworkError("weg"), TimedOut()]}
    bot.altijd = {2: NetworkError("weg")}
    begin = klok()
    uitslagen = await verstuur_alles(
        als_bot(bot), [Bericht(n, "h", n) for n in range(3)], nep_tempo(klok), max_pogingen=4
    )
    assert [u.status for u in uitslagen] == ["verzonden", "verzonden", "mislukt"]
    assert uitslagen[2].fout == "weg"
    assert (bot.pogingen[1], bot.pogingen[2]) == (3, 4)
    # Backoffs of 1, 2 and 4 s between the four attempts; none after the last.
    assert klok() - begin == pytest.approx(1 + 2 + 4 + 1 + 2)


async def test_onverwachte_fout_stopt_de_rest_niet() -> None:
    klok = Klok()
    bot = NepBot(klok)
    bot.altijd = {1: ValueError("kapot")}
    uitslagen = await verstuur_alles(
        als_bot(bot), [Bericht(n, "h", n) for n in range(3)], nep_tempo(klok)
    )
    assert [(u.status, u.fout) for u in uitslagen] == [
        ("verzonden", None),
        ("mislukt", "ValueError: kapot"),
        ("verzonden", None),
    ]
    assert bot.pogingen[1] == 1


async def test_bij_uitslag_eenmaal_per_bericht_zodra_het_vastligt() -> None:
    klok = Klok()
    bot = NepBot(klok)
    bot.altijd = {3: Forbidden("Forbidden: user is deactivated")}
    bot.per_chat = {4: [NetworkError("weg")]}
    gemeld: list[tuple[float, Uitslag]] = []

    async def bij(u: Uitslag) -> None:
        gemeld.append((klok(), u))

    uitslagen = await verstuur_alles(
        als_bot(bot), [Bericht(n, "h", f"r{n}") for n in range(50)], nep_tempo(klok), bij
    )
    assert sorted(u.sleutel for _, u in gemeld) == sorted(f"r{n}" for n in range(50))
    assert Counter(u for _, u in gemeld) == Counter(uitslagen)
    assert [u.sleutel for u in uitslagen] == [f"r{n}" for n in range(50)]
    # Reported at the moment of sending, not when the whole batch was done.
    assert all(t == u.tijdstip for t, u in gemeld if u.status == "verzonden")
    assert uitslagen[4].tijdstip == pytest.approx(1002.0)


async def test_fout_in_bij_uitslag_stopt_het_versturen() -> None:
    klok = Klok()
    bot = NepBot(klok)

    async def bij(u: Uitslag) -> None:
        if u.sleutel == 40:
            raise RuntimeError("database weg")

    with pytest.raises(RuntimeError, match="database weg"):
        await verstuur_alles(
            als_bot(bot), [Bericht(n, "h", n) for n in range(100)], nep_tempo(klok), bij
        )
    await asyncio.sleep(0)
    gestopt = len(bot.verzonden)
    await klok.slaap(5)
    await asyncio.sleep(0)
    assert len(bot.verzonden) == gestopt < 100


async def test_gelijktijdig_begrenst_verzoeken_onderweg() -> None:
    klok = Klok()
    bot = NepBot(klok)
    bot.duur = 3
    await verstuur_alles(
        als_bot(bot), [Bericht(n, "h", n) for n in range(40)], nep_tempo(klok), gelijktijdig=7
    )
    assert bot.max_onderweg == 7 and len(bot.verzonden) == 40


async def test_gedeeld_tempo_over_twee_rondes() -> None:
    klok = Klok()
    bot = NepBot(klok)
    tempo = nep_tempo(klok)
    await asyncio.gather(
        verstuur_alles(als_bot(bot), [Bericht(n, "h", n) for n in range(200)], tempo),
        verstuur_alles(als_bot(bot), [Bericht(n, "h", n) for n in range(200, 400)], tempo),
    )
    tijden = [t for t, _ in bot.verzonden]
    assert len(tijden) == 400 and piek(tijden) == 30
    assert max(tijden) - min(tijden) == pytest.approx(13.0)


async def test_pauzeer_houdt_ook_een_losse_wacht_op() -> None:
    klok = Klok()
    tempo = nep_tempo(klok)
    tempo.pauzeer(2.5)
    assert await tempo.wacht(1) == pytest.approx(1002.5)
    assert await tempo.wacht(2) == pytest.approx(1002.5)


async def test_ongeldige_instellingen() -> None:
    with pytest.raises(ValueError):
        await verstuur_alles(als_bot(NepBot(time.monotonic)), [], Tempo(), gelijktijdig=0)
    assert await verstuur_alles(als_bot(NepBot(time.monotonic)), [], Tempo()) == []


async def test_echte_klok() -> None:
    bot = NepBot(time.monotonic)
    begin = time.monotonic()
    uitslagen = await verstuur_alles(als_bot(bot), [Bericht(n, "h", n) for n in range(45)], Tempo())
    duur = time.monotonic() - begin
    tijden = sorted(t for t, _ in bot.verzonden)
    assert len(tijden) == 45 and all(u.status == "verzonden" for u in uitslagen)
    assert piek(tijden) == 30 and piek(tijden, 1.05) == 30
    assert tijden[30] - tijden[0] >= 1.05
    assert 1.0 < duur < 3
