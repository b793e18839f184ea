"""`stj bot` runs the Telegram bot; `stj chat TOKEN` runs the same conversation in a terminal."""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
from collections.abc import AsyncIterator
from urllib.parse import urlparse

import click
import uvicorn
from starlette.applications import Starlette
from telegram import Bot, Update
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import Application

from bot.app import api_url, bouw_app, klaar_voor_gebruik, plan_taken
from bot.basis import Diensten
from bot.webhook import webhook_route
from cli.logboek import UITGEBREID, niveau, stel_in
from cli.omgeving import catalogus, migreer_vooraf, stop
from opslag.db import database_url, maak_engine, maak_sessionmaker, migreer
from opslag.weblinks import web_url


@click.command()
@click.option(
    "--webhook",
    metavar="URL",
    help="Draai met een webhook op deze publieke HTTPS-URL in plaats van polling.",
)
@click.option("--poort", default=8443, show_default=True, help="Poort voor de webhook-server.")
@click.option(
    "--luister",
    default="127.0.0.1",
    show_default=True,
    help="Adres waarop de webhook-server luistert (achter een HTTPS-proxy: de standaard; "
    "0.0.0.0 voor alle adressen).",
)
@UITGEBREID
def bot(webhook: str | None, poort: int, luister: str, uitgebreid: bool) -> None:
    """Start de Telegram-bot (long polling, of een webhook met Telegrams geheime token).

    Het token komt uit STJ_TELEGRAM_TOKEN, de Bot API uit STJ_TELEGRAM_API_URL. De database
    wordt bij de start naar het nieuwste schema gebracht.

    \b
    Voorbeelden:
      STJ_TELEGRAM_TOKEN=123456:ABC stj bot
      STJ_WEBHOOK_SECRET=geheim stj bot --webhook https://stj.example.nl/telegram --poort 8443
    """
    token = os.environ.get("STJ_TELEGRAM_TOKEN", "").strip()
    if not token:
        stop(
            "STJ_TELEGRAM_TOKEN ontbreekt; vraag een token aan bij @BotFather en zet het in "
            "de omgeving, of probeer de vragenlijst offline met 'stj chat TOKEN' of 'make demo'"
        )
    gekozen = niveau(uitgebreid)
    # Before anything else: can we reach the Bot API with this token, and the database?
    # Otherwise python-telegram-bot logs a long traceback while starting; a person needs one
    # line that says what to fix.
    naam = asyncio.run(_controleer_bot_api(token, api_url()))
    url = database_url()
    asyncio.run(migreer_vooraf(url))
    stel_in(gekozen)
    engine = maak_engine(url)
    app = bouw_app(Diensten(maak_sessionmaker(engine), catalogus(), web_url=web_url()), token)

    hoe = f"met een webhook op {webhook} (poort {poort})" if webhook else "en wacht op berichten"

    async def draait(_context: object) -> None:
        click.echo(f"De bot @{naam} draait {hoe}. Stoppen: Ctrl-C.", err=True)

    async def bij_start(_app: Application) -> None:  # type: ignore[type-arg]
        await migreer(engine)
        klaar_voor_gebruik()
        # Said once the bot really runs: the job queue starts after polling or the webhook.
        assert _app.job_queue is not None
        _app.job_queue.run_once(draait, 0)

    async def bij_stop(_app: Application) -> None:  # type: ignore[type-arg]
        await _app.bot_data["diensten"].antwoordpad.sluit()
        await engine.dispose()

    plan_taken(app)
    app.post_init = bij_start
    app.post_shutdown = bij_stop
    try:
        if webhook:
            _draai_webhook(app, webhook, luister, poort)
        else:
            app.run_polling(allowed_updates=Update.ALL_TYPES)
    except TelegramError as fout:
        stop(f"Telegram: {fout}")
    click.echo("De bot is gestopt.", err=True)


def _draai_webhook(
    app: Application,  # type: ignore[type-arg]
    webhook: str,
    luister: str,
    poort: int,
) -> None:
    """The bot behind its webhook: one route (bot.webhook: the secret, a bounded body, 400 for
    anything that is no update) on uvicorn, listening on `luister`; the bot starts before the
    server takes requests and stops after it."""
    geheim = os.environ.get("STJ_WEBHOOK_SECRET") or secrets.token_urlsafe(32)

    @contextlib.asynccontextmanager
    async def levensloop(_server: Starlette) -> AsyncIterator[None]:
        await app.initialize()
        if app.post_init is not None:
            await app.post_init(app)
        await app.start()
        await app.bot.set_webhook(webhook, secret_token=geheim, allowed_updates=Update.ALL_TYPES)
        try:
            yield
        finally:
            await app.stop()
            await app.shutdown()
            if app.post_shutdown is not None:
                await app.post_shutdown(app)

    server = Starlette(
        routes=[webhook_route(app, geheim, urlparse(webhook).path or "/")], lifespan=levensloop
    )
    uvicorn.run(
        server,
        host=luister,
        port=poort,
        log_level="warning",
        proxy_headers=False,
        server_header=False,
    )


async def _controleer_bot_api(token: str, basis: str) -> str:
    """The bot's username; one line and exit 1 when the Bot API is unreachable or refuses the
    token."""
    try:
        async with Bot(
            token, base_url=basis, base_file_url=basis.replace("/bot", "/file/bot")
        ) as bot:  # entering the context calls getMe
            return str(bot.username)
    except InvalidToken:
        stop("de Bot API weigert STJ_TELEGRAM_TOKEN; controleer het token dat @BotFather gaf")
    except NetworkError as fout:
        stop(
            f"de Bot API is niet bereikbaar op {basis} ({fout}); controleer "
            "STJ_TELEGRAM_API_URL en de netwerkverbinding"
        )
    except TelegramError as fout:
        stop(f"Telegram: {fout}")
