"""Telegram's webhook as one route, for `stj bot --webhook` and `stj web --telegram-webhook`
alike: only with Telegram's secret token; the body read up to a limit and no further; anything
that is not a Telegram update (malformed JSON, wrong types, deep nesting) refused with 400 and
one log line, never a traceback. A good update goes to the bot's own queue, as
python-telegram-bot's own webhook server does."""

from __future__ import annotations

import json
import logging
import secrets
from typing import Any

from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route
from telegram import Update
from telegram.ext import Application

log = logging.getLogger("stj.bot")

# An update is a few kilobytes (a message is at most 4,096 characters); 1 MB is generous.
MAX_UPDATE = 1024 * 1024
# Telegram's updates nest a handful of levels (a reply to a message with a keyboard: ~8).
MAX_DIEPTE = 32


class Ongeldig(Exception):
    """A webhook request that is no Telegram update; the text says why (for the log)."""


def _diepte(data: Any) -> int:
    """How deep JSON data nests (iteratively: a hostile depth cannot exhaust the stack)."""
    diepste, stapel = 0, [(data, 1)]
    while stapel:
        waarde, diepte = stapel.pop()
        if isinstance(waarde, dict | list):
            diepste = max(diepste, diepte)
            if diepte > MAX_DIEPTE:
                return diepte
            kinderen = waarde.values() if isinstance(waarde, dict) else waarde
            stapel.extend((kind, diepte + 1) for kind in kinderen)
    return diepste


async def lees_begrensd(request: Request, grens: int = MAX_UPDATE) -> bytes:
    """The body, refused (Ongeldig) as soon as it is longer than `grens`: never read whole."""
    lengte = request.headers.get("content-length")
    if lengte is not None and (not lengte.isdigit() or int(lengte) > grens):
        raise Ongeldig(f"te groot (Content-Length {lengte[:20]})")
    delen, ontvangen = [], 0
    async for deel in request.stream():
        ontvangen += len(deel)
        if ontvangen > grens:
            raise Ongeldig(f"te groot (meer dan {grens} bytes)")
        delen.append(deel)
    return b"".join(delen)


def lees_update(lichaam: bytes, app: Application) -> Update:  # type: ignore[type-arg]
    """A Telegram update from a webhook body, or Ongeldig with the reason."""
    try:
        data = json.loads(lichaam)
    except RecursionError:
        raise Ongeldig("JSON te diep genest") from None
    except ValueError as fout:  # also bytes that are no UTF-8
        raise Ongeldig(f"geen JSON ({str(fout)[:80]})") from None
    if not isinstance(data, dict) or type(data.get("update_id")) is not int:
        raise Ongeldig("geen update: een JSON-object met een getal als update_id verwacht")
    if _diepte(data) > MAX_DIEPTE:
        raise Ongeldig("JSON te diep genest")
    try:
        return Update.de_json(data, app.bot)
    except Exception as fout:  # python-telegram-bot raises many kinds on wrong types
        raise Ongeldig(f"geen geldige update ({type(fout).__name__}: {str(fout)[:80]})") from None


def webhook_route(app: Application, geheim: str, pad: str) -> Route:  # type: ignore[type-arg]
    """The route Telegram posts updates to, at `pad`."""

    async def ontvang(request: Request) -> Response:
        gegeven = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
        if not secrets.compare_digest(gegeven.encode(), geheim.encode()):
            return Response(status_code=403)
        try:
            update = lees_update(await lees_begrensd(request), app)
        except Ongeldig as fout:
            status = 413 if str(fout).startswith("te groot") else 400
            log.warning("webhook: verzoek geweigerd (%s): %s", status, fout)
            return Response(status_code=status)
        except ClientDisconnect:
            return Response(status_code=400)
        await app.update_queue.put(update)
        return Response()

    return Route(pad or "/", ontvang, methods=["POST"])
