"""Bulk sends at Telegram's pace: an exact sliding-window limiter (at most 30 messages in ANY
one-second window, at most one per second per chat), RetryAfter honoured for the whole bot,
blocked chats recorded and not retried.

PTB's AIORateLimiter with its defaults is a leaky bucket that lets a burst of 30 through on top
of the 30/s rate (measured: 50 messages within one second), so it is not used for this.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from telegram import Bot, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError

log = logging.getLogger("stj.verzender")
# A bot that keeps getting 429s for one message gives that message up rather than loop forever.
MAX_PAUZES = 10


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

    The defaults are 1.05 s, not 1 s: a slot is granted a few milliseconds before the request
    leaves the process, and that delay varies; measured on the wire with a 1.0 s window,
    2,000 reminders once showed 31 in one second. The margin absorbs up to 50 ms of jitter.

    Waiters are served in arrival order, but one whose chat is not free yet is skipped, so a
    second message to one inspector never holds up the reminders to everybody else. At most
    one coroutine sleeps for the limiter at a time (the "uitdeler"), which also keeps a fake
    clock whose sleep advances time exact.
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
        self._recent: deque[float] = deque()  # times of the last `per_seconde` sends
        self._per_chat: dict[int, float] = {}  # chat -> time of its last send
        self._opruimen_bij = 1024
        self._pauze_tot = 0.0
        self._wachtrij: deque[tuple[int, asyncio.Future[float]]] = deque()
        self._uitdeler: asyncio.Task[None] | None = None
        self._lus: asyncio.AbstractEventLoop | None = None

    def pauzeer(self, seconden: float) -> None:
        """Hold every send for this long (after a 429 RetryAfter)."""
        self._pauze_tot = max(self._pauze_tot, self.klok() + seconden)

    async def wacht(self, chat_id: int) -> float:
        """Wait until a send to this chat is allowed, record it, and return its clock time."""
        lus = asyncio.get_running_loop()
        if lus is not self._lus:
            # Waiters of another (finished) loop can never be woken; start afresh.
            self._lus, self._wachtrij, self._uitdeler = lus, deque(), None
        beurt: asyncio.Future[float] = lus.create_future()
        self._wachtrij.append((chat_id, beurt))
        _, wacht = self._deel_uit()
        if wacht is not None and (self._uitdeler is None or self._uitdeler.done()):
            self._uitdeler = asyncio.create_task(self._uitdelen())
        return await beurt

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

    def _deel_uit(self) -> tuple[bool, float | None]:
        """Grant every waiter that may send now, in order; whether any was, and how long until
        the next may (None: nobody waits). No await in here: check-and-record is atomic."""
        nu = self.klok()
        gegeven = False
        volgende: float | None = None
        blijft: deque[tuple[int, asyncio.Future[float]]] = deque()
        for chat_id, beurt in self._wachtrij:
            if beurt.done():  # its waiter was cancelled
                continue
            wacht = self._wachttijd(chat_id, nu)
            if wacht > 0:
                blijft.append((chat_id, beurt))
                volgende = wacht if volgende is None else min(volgende, wacht)
                continue
            self._recent.append(nu)
            self._per_chat[chat_id] = nu
            beurt.set_result(nu)
            gegeven = True
        self._wachtrij = blijft
        if len(self._per_chat) >= self._opruimen_bij:
            self._ruim_op(nu)
        return gegeven, volgende

    def _ruim_op(self, nu: float) -> None:
        """Forget chats whose last send no longer limits them (the dict would grow forever)."""
        self._per_chat = {c: t for c, t in self._per_chat.items() if t + self.per_chat - nu > 0}
        self._opruimen_bij = max(1024, 2 * len(self._per_chat))

    async def _uitdelen(self) -> None:
        """Sleep until the next waiter may send, grant, repeat until nobody waits."""
        try:
            while True:
                gegeven, wacht = self._deel_uit()
                if wacht is None:
                    return
                if gegeven:
                    # Let the waiters just granted start their sends before time moves on
                    # (a fake clock's `slaap` advances it at once), then look again.
                    await asyncio.sleep(0)
                else:
                    await self.slaap(wacht)
        except BaseException:
            # Without the sleeper nobody would ever wake these waiters.
            for _, beurt in self._wachtrij:
                beurt.cancel()
            self._wachtrij.clear()
            raise


def _seconden(retry_after: int | float | dt.timedelta) -> float:
    """RetryAfter.retry_after in seconds (an int or a timedelta, depending on PTB's settings)."""
    if isinstance(retry_after, dt.timedelta):
        return retry_after.total_seconds()
    return float(retry_after)


def _geblokkeerd(fout: TelegramError) -> bool:
    """Whether the user blocked the bot or the chat is gone: retrying cannot help."""
    return isinstance(fout, Forbidden) or (
        isinstance(fout, BadRequest) and "chat not found" in fout.message.lower()
    )


async def _een(bot: Bot, bericht: Bericht, tempo: Tempo, max_pogingen: int) -> Uitslag:
    """Send one message with retries; never raises for a problem with this message."""
    fouten = pauzes = 0
    while True:
        tijdstip = await tempo.wacht(bericht.chat_id)
        try:
            await bot.send_message(bericht.chat_id, bericht.tekst, reply_markup=bericht.knoppen)
        except RetryAfter as fout:
            # A 429 is for the whole bot: everybody waits, then this message goes again.
            tempo.pauzeer(_seconden(fout.retry_after))
            pauzes += 1
            if pauzes >= MAX_PAUZES:
                return Uitslag(bericht.sleutel, "mislukt", str(fout))
        except TelegramError as fout:
            if _geblokkeerd(fout):
                return Uitslag(bericht.sleutel, "geblokkeerd", fout.message)
            fouten += 1
            # A 400 (text too long, bad markup) comes back the same however often it is sent.
            if isinstance(fout, BadRequest) or fouten >= max_pogingen:
                return Uitslag(bericht.sleutel, "mislukt", str(fout))
            await tempo.slaap(min(0.5 * 2.0**fouten, 30.0))
        except Exception as fout:
            # A bug or surprise for one message must not stop the reminders to the others.
            log.exception("bericht %s niet verstuurd", bericht.sleutel)
            return Uitslag(bericht.sleutel, "mislukt", f"{type(fout).__name__}: {fout}")
        else:
            return Uitslag(bericht.sleutel, "verzonden", None, tijdstip)


async def verstuur_alles(
    bot: Bot,
    berichten: Iterable[Bericht],
    tempo: Tempo,
    bij_uitslag: Callable[[Uitslag], Awaitable[None]] | None = None,
    max_pogingen: int = 5,
    gelijktijdig: int = 30,
) -> list[Uitslag]:
    """Send every message at Telegram's pace; returns one Uitslag per message (same order)."""
    if max_pogingen < 1 or gelijktijdig < 1:
        raise ValueError("max_pogingen en gelijktijdig moeten minstens 1 zijn")
    lijst = list(berichten)
    uitslagen: list[Uitslag] = [Uitslag(b.sleutel, "mislukt", "niet verwerkt") for b in lijst]
    volgende = iter(range(len(lijst)))  # shared by the workers: each message is taken once

    async def werker() -> None:
        for n in volgende:
            uitslagen[n] = await _een(bot, lijst[n], tempo, max_pogingen)
            if bij_uitslag is not None:
                await bij_uitslag(uitslagen[n])

    taken = [asyncio.create_task(werker()) for _ in range(min(gelijktijdig, len(lijst)))]
    try:
        await asyncio.gather(*taken)
    except BaseException:
        # A failing bij_uitslag (the caller's database) stops the rest: no sends go unrecorded.
        for taak in taken:
            taak.cancel()
        raise
    return uitslagen
