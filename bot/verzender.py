"""Bulk sends at Telegram's pace: an exact sliding-window limiter (at most 30 messages in ANY
one-second window, at most one per second per chat), RetryAfter honoured for the whole bot,
blocked chats recorded and not retried.

PTB's AIORateLimiter with its defaults is a leaky bucket that lets a burst of 30 through on top
of the 30/s rate (measured: 50 messages within one second), so it is not used for this.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from telegram import Bot, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError


@dataclass(frozen=True)
class Bericht:
    """One message of a bulk send."""

    chat_id: int
    tekst: str
    sleutel: int | str  # the caller's id for this message (e.g. a reminder row id)
    knoppen: InlineKeyboardMarkup | None = None


@dataclass(frozen=True)
class Uitslag:
    """What happened to one message."""

    sleutel: int | str
    status: Literal["verzonden", "geblokkeerd", "mislukt"]
    fout: str | None = None
    tijdstip: float | None = None  # clock time of the successful send


class Tempo:
    """Exact sliding-window limiter: at most `per_seconde` sends in any window of `venster`
    seconds overall, and at least `per_chat` seconds between two sends to one chat.

    The window is 1.05 s, not 1 s: a slot is granted a few milliseconds before the request
    leaves the process, and that delay varies; measured on the wire with a 1.0 s window,
    2,000 reminders once showed 31 in one second. The margin absorbs up to 50 ms of jitter.
    """

    def __init__(
        self,
        per_seconde: int = 30,
        per_chat: float = 1.05,
        venster: float = 1.05,
        klok: Callable[[], float] = time.monotonic,
        slaap: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.per_seconde, self.per_chat, self.venster = per_seconde, per_chat, venster
        self.klok, self.slaap = klok, slaap
        self._recent: deque[float] = deque()
        self._per_chat: dict[int, float] = {}
        self._pauze_tot = 0.0
        self._slot = asyncio.Lock()

    def pauzeer(self, seconden: float) -> None:
        """Hold every send for this long (after a 429 RetryAfter)."""
        self._pauze_tot = max(self._pauze_tot, self.klok() + seconden)

    def _wachttijd(self, chat_id: int, nu: float) -> float:
        """How long until a send to this chat is allowed (0: now). Every test has the form
        `moment - nu`, whose sign is exact in floating point, so "may send" and "must wait"
        can never disagree (with `nu - oud >= venster` against `oud + venster - nu` they did,
        and a send slipped through without its old slot being freed)."""
        while self._recent and self._recent[0] + self.venster - nu <= 0:
            self._recent.popleft()
        wacht = max(0.0, self._pauze_tot - nu)
        if len(self._recent) >= self.per_seconde:
            wacht = max(wacht, self._recent[0] + self.venster - nu)
        vorige = self._per_chat.get(chat_id)
        if vorige is not None:
            wacht = max(wacht, vorige + self.per_chat - nu)
        return wacht

    async def wacht(self, chat_id: int) -> float:
        """Wait until a send to this chat is allowed, record it, and return its clock time."""
        # One slot at a time: the lock makes the check-then-record step atomic, so concurrent
        # senders can never both take the 30th place of a window.
        async with self._slot:
            while True:
                nu = self.klok()
                wacht = self._wachttijd(chat_id, nu)
                if wacht <= 0:
                    self._recent.append(nu)
                    self._per_chat[chat_id] = nu
                    return nu
                await self.slaap(wacht)


def _seconden(retry_after: int | float | dt.timedelta) -> float:
    return (
        retry_after.total_seconds() if isinstance(retry_after, dt.timedelta) else float(retry_after)
    )


def _geblokkeerd(fout: TelegramError) -> bool:
    return isinstance(fout, Forbidden) or (
        isinstance(fout, BadRequest) and "chat not found" in fout.message.lower()
    )


async def _een(bot: Bot, bericht: Bericht, tempo: Tempo, max_pogingen: int) -> Uitslag:
    """Send one message with retries; never raises for a Telegram problem."""
    laatste = ""
    for poging in range(1, max_pogingen + 1):
        tijdstip = await tempo.wacht(bericht.chat_id)
        try:
            await bot.send_message(bericht.chat_id, bericht.tekst, reply_markup=bericht.knoppen)
            return Uitslag(bericht.sleutel, "verzonden", None, tijdstip)
        except RetryAfter as fout:
            # A 429 is for the whole bot: everybody waits, then this message goes again.
            tempo.pauzeer(_seconden(fout.retry_after))
            laatste = str(fout)
        except TelegramError as fout:
            if _geblokkeerd(fout):
                return Uitslag(bericht.sleutel, "geblokkeerd", fout.message)
            laatste = str(fout)
            await tempo.slaap(min(2.0**poging * 0.5, 30.0))
    return Uitslag(bericht.sleutel, "mislukt", laatste or "onbekende fout")


async def verstuur_alles(
    bot: Bot,
    berichten: Iterable[Bericht],
    tempo: Tempo,
    bij_uitslag: Callable[[Uitslag], Awaitable[None]] | None = None,
    max_pogingen: int = 5,
    gelijktijdig: int = 30,
) -> list[Uitslag]:
    """Send every message at Telegram's pace; returns one Uitslag per message (same order)."""
    lijst = list(berichten)
    uitslagen: list[Uitslag | None] = [None] * len(lijst)
    rij: asyncio.Queue[int] = asyncio.Queue()
    for n in range(len(lijst)):
        rij.put_nowait(n)

    async def werker() -> None:
        while not rij.empty():
            n = rij.get_nowait()
            uitslag = await _een(bot, lijst[n], tempo, max_pogingen)
            uitslagen[n] = uitslag
            if bij_uitslag is not None:
                await bij_uitslag(uitslag)

    await asyncio.gather(*(werker() for _ in range(min(gelijktijdig, len(lijst)) or 0)))
    return [u for u in uitslagen if u is not None]
