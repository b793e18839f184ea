"""Heavy work of a page (an assessment of a thousand respondents, an export, a large page to
render) away from the event loop that serves every other page, and the bot when it runs in the
same process: in the console's background thread (opslag.achtergrond), meanwhile not holding
SQLite's one writer for this request."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from starlette.responses import HTMLResponse

from opslag.uow import UnitOfWork
from web.toegang import Verzoek
from web.weergave import pagina

T = TypeVar("T")


async def op_de_achtergrond(v: Verzoek, werk: Callable[[UnitOfWork], Awaitable[T]]) -> T:
    """`werk(uow)` in the background thread with a unit of work of its own; here, in this
    request's unit of work, when the console has no background (tests)."""
    if v.d.achtergrond is None:
        return await werk(v.uow)
    async with v.uow.zonder_slot():
        return await v.d.achtergrond.voer_uit(werk)


async def grote_pagina(v: Verzoek, template: str, **gegevens: Any) -> HTMLResponse:
    """A page rendered in a worker thread: some run to megabytes of HTML."""
    if v.d.achtergrond is None:
        return pagina(v.request, template, **gegevens)
    return await asyncio.to_thread(pagina, v.request, template, **gegevens)
