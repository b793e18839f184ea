"""Unit of work: one session, one transaction; services commit, everything else rolls back."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from opslag.db import SCHRIJFSLOT
from opslag.repository import Repository


class UnitOfWork:
    """`async with UnitOfWork(sessions) as uow: ...; await uow.commit()`."""

    session: AsyncSession
    repo: Repository

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def __aenter__(self) -> Self:
        self._slot: asyncio.Lock | None = self._sessions.kw.get("info", {}).get(SCHRIJFSLOT)
        if self._slot is not None:
            await self._slot.acquire()
        self.session = self._sessions()
        self.repo = Repository(self.session)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            await self.session.rollback()
        finally:
            await self.session.close()
            if self._slot is not None:
                self._slot.release()

    async def commit(self) -> None:
        """Make everything done in this unit durable."""
        await self.session.commit()

    @contextlib.asynccontextmanager
    async def zonder_slot(self) -> AsyncIterator[None]:
        """While this unit waits for work elsewhere (opslag.achtergrond), SQLite's one writer is
        not held for it: what it did so far is committed (a page has at most touched its
        session), the in-process lock released, and taken again afterwards. Loaded objects
        stay usable (they do not expire on commit)."""
        await self.session.commit()
        if self._slot is not None:
            self._slot.release()
        try:
            yield
        finally:
            if self._slot is not None:
                await self._slot.acquire()


class Samen(UnitOfWork):
    """A unit of work seen by services whose own commits only flush: several changes (one
    form) are then committed together by the owner of `uow`, or rolled back together."""

    def __init__(self, uow: UnitOfWork) -> None:
        super().__init__(uow._sessions)
        self.session = uow.session
        self.repo = uow.repo

    async def commit(self) -> None:
        """Flush only; the owner commits."""
        await self.session.flush()
