"""Heavy reading off the event loop: a second event loop in its own thread, with its own engine
on the same database, for what takes seconds on a large onderzoek (compiling an assessment of
a thousand respondents, an export). The loop that serves the console's pages, and the bot when
it runs in the same process, then only waits for the result, never for the work."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from opslag.db import maak_engine, maak_sessionmaker
from opslag.uow import UnitOfWork

T = TypeVar("T")


class Achtergrond:
    """`await achtergrond.voer_uit(werk)`: `werk(uow)` runs in the background thread, in a unit
    of work of its own (reading: it commits nothing unless it says so)."""

    def __init__(self, url: str) -> None:
        self._url = url
        self._loop: asyncio.AbstractEventLoop | None = None
        self._draad: threading.Thread | None = None
        self._sessions: async_sessionmaker[AsyncSession] | None = None
        self._start = threading.Lock()

    @staticmethod
    def kan(url: str) -> bool:
        """Whether a second engine sees the same database (not so for SQLite in memory)."""
        return not (url.startswith("sqlite") and (":memory:" in url or url.endswith("://")))

    def _gestart(self) -> tuple[asyncio.AbstractEventLoop, async_sessionmaker[AsyncSession]]:
        """The thread and its engine, started at the first piece of work."""
        with self._start:
            if self._loop is None or self._sessions is None:
                loop = asyncio.new_event_loop()
                draad = threading.Thread(
                    target=loop.run_forever, name="stj-achtergrond", daemon=True
                )
                draad.start()
                self._sessions = maak_sessionmaker(maak_engine(self._url))
                self._loop, self._draad = loop, draad
            return self._loop, self._sessions

    async def voer_uit(self, werk: Callable[[UnitOfWork], Awaitable[T]]) -> T:
        """Run `werk` in the background and wait for its result here."""
        loop, sessions = self._gestart()

        async def in_uow() -> T:
            async with UnitOfWork(sessions) as uow:
                return await werk(uow)

        return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(in_uow(), loop))

    async def sluit(self) -> None:
        """Close the engine and stop the thread (at shutdown)."""
        if self._loop is None or self._sessions is None or self._draad is None:
            return
        engine = self._sessions.kw["bind"]
        await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(engine.dispose(), self._loop))
        self._loop.call_soon_threadsafe(self._loop.stop)
        await asyncio.to_thread(self._draad.join)
        self._loop.close()
        self._loop = self._sessions = self._draad = None
