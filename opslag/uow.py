"""Unit of work: one session, one transaction; services commit, everything else rolls back."""

from __future__ import annotations

import asyncio
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
