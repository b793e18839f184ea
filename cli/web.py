"""`stj web`: the inspectors' web console, on its own or in one process with the bot in
webhook mode (then the Telegram webhook is one more route of the same server)."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import ipaddress
import os
import secrets
import socket
from collections.abc import AsyncIterator, Sequence
from urllib.parse import urlparse

import click
import uvicorn
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.applications import Starlette
from starlette.routing import BaseRoute
from telegram import Bot, Update
from telegram.ext import Application

from bot.app import api_url, bouw_app, klaar_voor_gebruik, plan_taken
from bot.basis import Diensten
from bot.herinneren import verstuur_herinneringen
from bot.proces import stuur_stap
from bot.verzender import Tempo
from bot.webhook import webhook_route
from cli.logboek import UITGEBREID, niveau, stel_in
from cli.omgeving import catalogus, migreer_vooraf, stop
from cli.paden import os_fout_tekst
from opslag.achtergrond import Achtergrond
from opslag.db import database_url, maak_engine, maak_sessionmaker, migreer
from opslag.herinneringen import TeVersturen
from opslag.klok import vandaag_in_nederland
from opslag.proces import Stap
from opslag.weblinks import web_url
from web.app import maak_app
from web.diensten import Herinneraar, Stapzender, WebDiensten


def _herinneraar(
    bot: Bot, sessions: async_sessionmaker[AsyncSession], tempo: Tempo, eigen: bool
) -> Herinneraar:
    """Reminders from the console go out through this bot, at Telegram's pace. `eigen`: a bot
    of the console alone, opened for each round (the bot's own is open while it runs)."""

    async def stuur(te_versturen: Sequence[TeVersturen]) -> None:
        if eigen:
            async with bot:
                await verstuur_herinneringen(
                    bot, sessions, list(te_versturen), tempo, vandaag_in_nederland()
                )
        else:
            await verstuur_herinneringen(
                bot, sessions, list(te_versturen), tempo, vandaag_in_nederland()
            )

    return stuur


def _eigen_bot(token: str) -> Bot:
    """A Bot of the console alone, on the Bot API's address (not the console's own)."""
    api = api_url()
    return Bot(token, base_url=api, base_file_url=api.replace("/bot", "/file/bot"))


def stapzender(bot: Bot, eigen: bool) -> Stapzender:
    """The console's steps after the concept go to the gemeente through this bot (bot.proces,
    as `stj wederhoor` sends them). `eigen`: a bot of the console alone, opened per send."""

    async def stuur(
        chat_id: int, tekst: str, pdf: bytes | None, naam: str, stap: Stap | None
    ) -> str | None:
        if eigen:
            async with bot:
                return await stuur_stap(bot, chat_id, tekst, pdf, naam, stap)
        return await stuur_stap(bot, chat_id, tekst, pdf, naam, stap)

    return stuur


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Adres om op te luisteren.")
@click.option(
    "--poort",
    default=8080,
    show_default=True,
    type=click.IntRange(1, 65535),
    help="Poort van de webconsole.",
)
@click.option(
    "--telegram-webhook",
    metavar="URL",
    help="Draai ook de bot, met een webhook op deze publieke HTTPS-URL (zelfde server).",
)
@UITGEBREID
def web(host: str, poort: int, telegram_webhook: str | None, uitgebreid: bool) -> None:
    """Start de webconsole voor inspecteurs. Inloggen gaat met een link van
    'stj inspecteur weblink' of /web in Telegram; STJ_WEB_URL is het adres waarop inspecteurs
    de console bereiken (anders http://127.0.0.1 met de poort van --poort).

    \\b
    Voorbeelden:
      stj web
      STJ_WEB_URL=https://stj.example.nl STJ_TELEGRAM_TOKEN=123:ABC \\
          stj web --host 0.0.0.0 --telegram-webhook https://stj.example.nl/telegram
    """
    token = os.environ.get("STJ_TELEGRAM_TOKEN", "").strip()
    if telegram_webhook and not token:
        stop("STJ_TELEGRAM_TOKEN ontbreekt; de bot heeft een token nodig voor --telegram-webhook")
    vertrouwd = proxies()
    gekozen = niveau(uitgebreid)
    # First what can go wrong at the start, each as one line: the port, the database.
    luisteraar = _luister(host, poort)
    url = database_url()
    asyncio.run(migreer_vooraf(url))
    stel_in(gekozen)
    engine = maak_engine(url)
    basis = web_url(poort)
    sessions = maak_sessionmaker(engine)
    cat = catalogus()
    tempo = Tempo()
    # Assessments and exports of large onderzoeken are read in a thread of their own, so the
    # pages and the bot served here never wait for them (web.zwaar).
    achtergrond = Achtergrond(url) if Achtergrond.kan(url) else None
    bot_app: Application | None = None  # type: ignore[type-arg]
    herinneraar = None
    zender: Stapzender | None = None
    extra: list[BaseRoute] = []
    geheim_webhook = os.environ.get("STJ_WEBHOOK_SECRET") or secrets.token_urlsafe(32)
    if telegram_webhook:
        bot_app = bouw_app(Diensten(sessions, cat, tempo=tempo, web_url=basis), token)
        plan_taken(bot_app)
        herinneraar = _herinneraar(bot_app.bot, sessions, tempo, eigen=False)
        zender = stapzender(bot_app.bot, eigen=False)
        extra.append(
            webhook_route(bot_app, geheim_webhook, urlparse(telegram_webhook).path or "/telegram")
        )
    elif token:
        # Each its own Bot: each opens and closes it around its work, which may overlap.
        herinneraar = _herinneraar(_eigen_bot(token), sessions, tempo, eigen=True)
        zender = stapzender(_eigen_bot(token), eigen=True)

    link = "stj inspecteur weblink NUMMER" + (
        f" --poort {poort}" if poort != 8080 and not os.environ.get("STJ_WEB_URL") else ""
    )

    @contextlib.asynccontextmanager
    async def levensloop(_app: Starlette) -> AsyncIterator[None]:
        await migreer(engine)
        if bot_app is not None:
            await bot_app.initialize()
            await bot_app.start()
            klaar_voor_gebruik()
            await bot_app.bot.set_webhook(
                telegram_webhook or "",
                secret_token=geheim_webhook,
                allowed_updates=Update.ALL_TYPES,
            )
        # Said once it really serves (uvicorn handles Ctrl-C from here on).
        click.echo(
            f"De webconsole draait op http://{host}:{poort} (inspecteurs: {basis}). "
            f"Een inloglink: {link}. Stoppen: Ctrl-C.",
            err=True,
        )
        try:
            yield
        finally:
            if bot_app is not None:
                await bot_app.stop()
                await bot_app.shutdown()
                await bot_app.bot_data["diensten"].antwoordpad.sluit()
            if achtergrond is not None:
                await achtergrond.sluit()
            await engine.dispose()

    d = WebDiensten(
        sessions,
        cat,
        basis,
        herinneraar,
        proxies=vertrouwd,
        achtergrond=achtergrond,
        stapzender=zender,
    )
    # The console itself decides whose X-Forwarded-For to believe (web.bescherming), so
    # uvicorn's own proxy handling (which trusts 127.0.0.1 by default) stays off.
    config = uvicorn.Config(
        maak_app(d, levensloop, extra),
        log_level=gekozen.lower(),
        proxy_headers=False,
        server_header=False,
    )
    # uvicorn stops cleanly on Ctrl-C and then raises it again: stopping is no error here.
    with contextlib.suppress(KeyboardInterrupt):
        uvicorn.Server(config).run(sockets=[luisteraar])
    click.echo("De webconsole is gestopt.", err=True)


def _luister(host: str, poort: int) -> socket.socket:
    """The console's listening socket, opened before anything else: a port in use or an
    address this machine does not have is one Dutch line (uvicorn would print English)."""
    try:
        familie, soort, proto, _, adres = socket.getaddrinfo(
            host, poort, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except socket.gaierror:
        stop(f"adres '{host}' is onbekend; kies bijvoorbeeld --host 127.0.0.1 of 0.0.0.0")
    luisteraar = socket.socket(familie, soort, proto)
    luisteraar.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        luisteraar.bind(adres)
        luisteraar.listen(2048)  # connections wait from here on, also while the app starts
    except OSError as fout:
        luisteraar.close()
        if fout.errno == errno.EADDRINUSE:
            stop(
                f"poort {poort} is al in gebruik (draait de console al?); kies een andere met "
                "--poort"
            )
        stop(f"kan niet luisteren op {host}:{poort}: {os_fout_tekst(fout)}")
    return luisteraar


def proxies() -> tuple[str, ...]:
    """STJ_WEB_PROXY: the trusted reverse proxies (addresses or networks, comma-separated);
    a wrong one stops the console with one line."""
    waarden = tuple(p.strip() for p in os.environ.get("STJ_WEB_PROXY", "").split(",") if p.strip())
    for waarde in waarden:
        try:
            ipaddress.ip_network(waarde, strict=False)
        except ValueError:
            stop(
                f"STJ_WEB_PROXY: '{waarde[:60]}' is geen IP-adres of netwerk; bijvoorbeeld "
                "127.0.0.1 of 10.0.0.0/8"
            )
    return waarden
