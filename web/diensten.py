"""What the web console's pages need, made once at start-up and kept on the application."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import Request

from opslag.achtergrond import Achtergrond
from opslag.herinneringen import TeVersturen
from opslag.klok import vandaag_in_nederland
from opslag.proces import Stap
from vragenlijsten.catalogus import Catalogus

# Sends planned reminders through Telegram (the bot's own, or one made from the token); None
# when the console runs without Telegram, and then it does not offer reminders.
Herinneraar = Callable[[Sequence[TeVersturen]], Coroutine[Any, Any, None]]
# Sends a step after the concept to the gemeente's chat, as `stj` and the bot do (bot.proces:
# the report as a PDF if there is one, the message with the step's button): None when it went,
# else the reason in one Dutch line. None when the console runs without Telegram.
Stapzender = Callable[[int, str, bytes | None, str, Stap | None], Coroutine[Any, Any, str | None]]


@dataclass(frozen=True)
class WebDiensten:
    """The session factory, the catalogue, and how the console reaches the outside world."""

    sessions: async_sessionmaker[AsyncSession]
    catalogus: Catalogus
    basis_url: str  # STJ_WEB_URL: how inspectors reach the console (login links are built on it)
    herinneraar: Herinneraar | None = None
    bot_naam: str | None = None  # for the respondents' links; default STJ_BOT_USERNAME
    vandaag: Callable[[], dt.date] = field(default=vandaag_in_nederland)
    # STJ_WEB_PROXY: addresses or networks of the reverse proxies whose X-Forwarded-For is
    # believed; from anyone else the header is ignored.
    proxies: tuple[str, ...] = ()
    # Where heavy reading runs (assessments, exports) so this loop never waits for it; None:
    # right here (tests, an in-memory database). Made and closed by the server (`stj web`).
    achtergrond: Achtergrond | None = None
    stapzender: Stapzender | None = None


def diensten(request: Request) -> WebDiensten:
    """The services of this application."""
    d = request.app.state.diensten
    assert isinstance(d, WebDiensten)
    return d
