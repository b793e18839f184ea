"""Build the Telegram application: the handler table in one place, per-user serialisation,
and a configurable Bot API base URL (a self-hosted Bot API server or a local test server)."""

from __future__ import annotations

import datetime as dt
import gc
import os

from telegram import Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)
from telegram.request import BaseRequest

from bot.basis import Context, Diensten, PerGebruiker, Verzend, bij_fout, diensten, eenmaal
from bot.beoordelen import beoordeling_cmd
from bot.herinneren import geplande_herinneringen
from bot.inspecteur import export, herinner, onderzoeken, status, verleng_cmd, web_cmd
from bot.nazorg import publiceer_cmd, wederhoor
from bot.reacties import reactie_cmd
from bot.respondent import (
    WIJZIG,
    indienen,
    knoppen,
    lijst,
    overzicht_cmd,
    start,
    vaste_tekst,
    wijzig,
    wissen,
)
from bot.snel import snel_invoer, snel_knop, snel_start
from bot.vragen import invoer, verder
from bot.wizards import annuleer, inspecteur_knop, nieuw, uitnodigen, wizard_tekst
from opslag.gesprekken import ruim_updates_op
from opslag.uow import UnitOfWork

STANDAARD_API_URL = "https://api.telegram.org/bot"
# Updates handled at once. The fast path holds no connection while it waits (group commit uses
# one or two per batch), so many answers can wait for the same commit: 32 at once capped
# PostgreSQL at 1,290 answers/s, 128 gave 1,620 (bench/gesprek.py). Units of work on the ORM
# are capped separately (bot.basis.ORM_TEGELIJK), below the connection pool.
GELIJKTIJDIG = 128
PRIVE = filters.ChatType.PRIVATE


def api_url() -> str:
    """The Bot API base URL from STJ_TELEGRAM_API_URL (the token is appended to it)."""
    return os.environ.get("STJ_TELEGRAM_API_URL") or STANDAARD_API_URL


def bouw_app(
    diensten: Diensten,
    token: str,
    basis_url: str | None = None,
    request: BaseRequest | None = None,
) -> Application:  # type: ignore[type-arg]
    """An Application with every handler registered; `request` lets tests run it offline."""
    basis = basis_url or api_url()
    builder = (
        Application.builder()
        .token(token)
        .base_url(basis)
        .base_file_url(basis.replace("/bot", "/file/bot"))
        .concurrent_updates(PerGebruiker(GELIJKTIJDIG))
    )
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    app = builder.build()
    app.bot_data["diensten"] = diensten
    registreer(app)
    return app


def registreer(app: Application) -> None:  # type: ignore[type-arg]
    """The whole table: which update goes to which handler. Order matters: first match wins."""
    opdrachten = {
        # respondents
        "start": start,
        "verder": verder,
        "lijst": lijst,
        "overzicht": overzicht_cmd,
        "indienen": indienen,
        "wissen": wissen,
        # inspectors (each checks the role itself)
        "nieuw": nieuw,
        "uitnodigen": uitnodigen,
        "annuleer": annuleer,
        "onderzoeken": onderzoeken,
        "status": status,
        "herinner": herinner,
        "verleng": verleng_cmd,
        "export": export,
        "beoordeling": beoordeling_cmd,
        "wederhoor": wederhoor,
        "reactie": reactie_cmd,
        "publiceer": publiceer_cmd,
        "web": web_cmd,
    }
    # Presses and typed answers, nearly all traffic, are matched first: no command handler can
    # take them (a command is text starting with a bot_command entity, which the text handler
    # leaves alone), so they need not be tried against every command first. /wijzig_N goes
    # before the text handler, also when it comes without its entity.
    app.add_handler(CallbackQueryHandler(eenmaal(inspecteur_knop), pattern=r"^b\|"))
    app.add_handler(CallbackQueryHandler(eenmaal(knoppen, snel=snel_knop)))
    app.add_handler(MessageHandler(PRIVE & filters.Regex(WIJZIG), eenmaal(wijzig)))
    app.add_handler(
        MessageHandler(
            PRIVE
            & filters.UpdateType.MESSAGE
            & ((filters.TEXT & ~filters.COMMAND) | filters.Document.ALL | filters.PHOTO),
            eenmaal(tekst_of_bestand, snel=snel_invoer),
        )
    )
    # The commands that make up most traffic try a fast path first (bot.snel).
    snel = {"start": snel_start}
    for naam, handler in opdrachten.items():
        app.add_handler(CommandHandler(naam, eenmaal(handler, snel=snel.get(naam)), filters=PRIVE))
    # Everything else (help, privacy, unknown commands, stickers, locations, edits) gets a
    # helpful reply: never silence.
    app.add_handler(MessageHandler(PRIVE, eenmaal(vaste_tekst)))
    app.add_handler(MessageHandler(~PRIVE & filters.COMMAND, eenmaal(_alleen_prive)))
    app.add_error_handler(bij_fout)


async def tekst_of_bestand(update: Update, context: Context, uow: UnitOfWork) -> Verzend | None:
    """An inspector's open dialog takes typed text first; otherwise it is an answer."""
    return await wizard_tekst(update, context, uow) or await invoer(update, context, uow)


def klaar_voor_gebruik() -> None:
    """Once started: what exists now (kaders, the ORM's tables, python-telegram-bot itself)
    lives as long as the process, so it is taken out of the cycle collector's passes. Its full
    passes over those 100,000 objects cost about a tenth of the CPU of answering and paused
    the bot for up to 100 ms (measured with bench/gesprek.py). And the youngest generation is
    collected every 50,000 allocations instead of 700: an update's short-lived objects are then
    mostly gone by the time it runs, instead of promoted to older generations whose passes
    (over the states in memory) paused answering for 10-80 ms; p99 at 2,000 thinking
    respondents went from 24.6 to 12 ms."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


def plan_taken(app: Application) -> None:  # type: ignore[type-arg]
    """Background work: every minute the due scheduled reminders (claimed in the database, so
    several instances can run this side by side); daily, forgetting old update ids."""
    if app.job_queue is not None:
        app.job_queue.run_repeating(
            geplande_herinneringen, interval=60, first=5, name="herinneringen"
        )
        app.job_queue.run_repeating(
            vergeet_oude_updates, interval=24 * 3600, first=60, name="opruimen"
        )


async def vergeet_oude_updates(context: Context) -> None:
    """Job: drop handled update ids after a week; Telegram redelivers for 24 hours at most,
    and without this the table would grow with every update ever received."""
    async with UnitOfWork(diensten(context).sessions) as uow:
        await ruim_updates_op(uow, dt.timedelta(days=7))


async def _alleen_prive(update: Update, context: Context, uow: UnitOfWork) -> Verzend | None:
    """In groups the bot only explains that it works in a private chat."""
    bericht = update.effective_message
    if bericht is None:
        return None

    async def zeg() -> None:
        await bericht.reply_text(
            "Deze bot werkt alleen in een privégesprek. Open de link uit uw uitnodiging."
        )

    return zeg
