"""Plumbing every handler shares: the services, handling each update once with its writes
committed before anything is sent, per-user serialisation, and the error handler."""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import logging
import weakref
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot, Update
from telegram.ext import BaseUpdateProcessor, ContextTypes

from bot.api import Knoppen, stuur
from bot.verzender import Tempo
from gesprek import teksten
from gesprek.lengte import in_stukken
from gesprek.motor import Gesprek
from opslag.antwoordpad import Antwoordpad
from opslag.gesprekken import DubbeleUpdate, Stand, eenmalig
from opslag.klok import vandaag_in_nederland
from opslag.uow import UnitOfWork
from vragenlijsten.catalogus import Catalogus

log = logging.getLogger("stj.bot")
Verzend = Callable[[], Awaitable[None]]
Context = ContextTypes.DEFAULT_TYPE
Handler = Callable[[Update, Context, UnitOfWork], Awaitable[Verzend | None]]
# A fast path for a handler (bot.snel): what to send, or None to decline to the handler itself.
Snel = Callable[[Update, Context], Awaitable[Verzend | None]]


# ORM units of work at once, kept below the database pool (opslag.db: 20 + 30 connections):
# with more, handlers queue for connections and asyncio's queue lets a fresh request overtake an
# old one, so some waited past the pool timeout at 100+ simultaneous respondents (measured).
ORM_TEGELIJK = 32


@dataclass(frozen=True)
class Diensten:
    """What handlers need, made once at start-up and kept in `bot_data`."""

    sessions: async_sessionmaker[AsyncSession]
    catalogus: Catalogus
    vandaag: Callable[[], dt.date] = field(default=vandaag_in_nederland)
    # One pace for every bulk send of this process, so two jobs share Telegram's budget.
    tempo: Tempo = field(default_factory=Tempo)
    web_url: str | None = None  # where the web console is, for /web (STJ_WEB_URL)
    # Respondents' states in memory and the group commit that writes answers (bot.snel).
    antwoordpad: Antwoordpad = field(init=False)
    orm_plaatsen: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(ORM_TEGELIJK))
    # Per invitation the engine over the fast path's copy in memory at its version (bot.snel):
    # one Gesprek per state, handed from one update to the next.
    gesprekken: dict[int, tuple[Stand, int, Gesprek]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "antwoordpad", Antwoordpad(self.sessions))


def diensten(context: Context) -> Diensten:
    """The services of this application."""
    return cast(Diensten, context.bot_data["diensten"])


def zeg(update: Update, context: Context, tekst: str, markup: Knoppen | None = None) -> Verzend:
    """Send a text to the chat of this update (after the commit): in several messages when it
    is longer than Telegram allows, the buttons under the last."""
    chat_id = update.effective_chat.id if update.effective_chat else 0

    async def stuur() -> None:
        await stuur_tekst(context.bot, chat_id, tekst, markup)

    return stuur


async def stuur_tekst(bot: Bot, chat_id: int, tekst: str, markup: Knoppen | None = None) -> None:
    """Send a text of any length; the buttons go under its last part."""
    stukken = in_stukken(tekst)
    for n, stuk in enumerate(stukken, start=1):
        await stuur(bot, chat_id, stuk, markup if n == len(stukken) else None)


def eenmaal(
    handler: Handler, snel: Snel | None = None
) -> Callable[[Update, Context], Coroutine[Any, Any, None]]:
    """Run a handler once per update id, in one transaction that commits before it replies.

    The handler does its reads and writes in `uow` and returns what to send; that runs only
    after the commit, so a confirmation is never sent for an answer that was not stored. A fast
    path, if given, is tried first; it keeps the same promises (bot.snel).
    """

    @functools.wraps(handler)
    async def verwerk(update: Update, context: Context) -> None:
        if snel is not None:
            verzend = await snel(update, context)
            if verzend is not None:
                await verzend()
                return
        if update.effective_user is not None:
            # Whatever this handler changes, the fast path reads this user's state afresh.
            diensten(context).antwoordpad.vergeet(update.effective_user.id)
        async with diensten(context).orm_plaatsen, UnitOfWork(diensten(context).sessions) as uow:
            try:
                await eenmalig(uow, update.update_id)
            except DubbeleUpdate:
                log.info("update %s is al verwerkt; overgeslagen", update.update_id)
                return
            verzend = await handler(update, context, uow)
            await uow.commit()
        if verzend is not None:
            await verzend()

    return verwerk


class PerGebruiker(BaseUpdateProcessor):
    """Updates run concurrently, but those of one user strictly one after another."""

    def __init__(self, max_concurrent_updates: int = 256) -> None:
        super().__init__(max_concurrent_updates)
        self._sloten: weakref.WeakValueDictionary[int, asyncio.Lock] = weakref.WeakValueDictionary()

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Hold the user's lock while the update is handled."""
        gebruiker = update.effective_user if isinstance(update, Update) else None
        if gebruiker is None:
            await coroutine
            return
        slot = self._sloten.get(gebruiker.id)
        if slot is None:
            slot = asyncio.Lock()
            self._sloten[gebruiker.id] = slot
        async with slot:
            await coroutine

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""


async def bij_fout(update: object, context: Context) -> None:
    """Log with the update id and tell the user, without a traceback."""
    update_id = update.update_id if isinstance(update, Update) else None
    log.error("fout bij update %s", update_id, exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            if update.callback_query is not None:
                await update.callback_query.answer()  # never leave a button spinning
            await context.bot.send_message(update.effective_chat.id, teksten.FOUT)
        except Exception:  # the chat may be gone; the log already has the cause
            log.exception("kon foutmelding niet sturen voor update %s", update_id)
