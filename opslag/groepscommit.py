"""Group commit: the writes of updates handled at the same time go into one transaction, each
in its own savepoint, and no update hears back before that transaction has committed.

One batch is written at a time; whatever arrives meanwhile forms the next batch, so under load
a commit (SQLite's WAL write, PostgreSQL's fsync) is shared by many updates, and when it is quiet
a batch is a single update that waits for nothing. A unit that raises rolls back its own
savepoint only; `Terugdraaien` does the same on purpose (a duplicate update, a stale state) and
hands its outcome back. If the commit itself fails, every unit of the batch gets the error, so
none is confirmed.
"""

from __future__ import annotations

import asyncio
import sqlite3
from abc import ABC, abstractmethod
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, ClassVar, Protocol, TypeVar

from sqlalchemy.ext.asyncio import AsyncEngine

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class Werk(Protocol[T_co]):
    """One update's statements, for each backend: run inside the batch's transaction."""

    def sqlite(self, verbinding: sqlite3.Connection) -> T_co:
        """Run on SQLite (in the writer thread)."""
        ...

    async def postgres(self, verbinding: Any) -> T_co:
        """Run on PostgreSQL (an asyncpg connection)."""
        ...


class Terugdraaien(Exception):
    """Roll back this unit's savepoint and return `uitkomst` to its caller."""

    def __init__(self, uitkomst: object) -> None:
        super().__init__(uitkomst)
        self.uitkomst = uitkomst


class Groepscommit(ABC):
    """Runs units of work in shared transactions; `await voer_uit(werk)` returns after commit."""

    # Called after a batch's writes, just before its COMMIT: where a test crashes the process.
    voor_commit: ClassVar[list[Callable[[], None]]] = []
    # Batches written at once. One updates' rows never appear in two (a user has one update in
    # flight), so two batches do not wait for each other's rows.
    tegelijk: ClassVar[int] = 1

    def __init__(self) -> None:
        self._wachtrij: list[tuple[Werk[Any], asyncio.Future[Any]]] = []
        self._schrijvers: set[asyncio.Task[None]] = set()

    async def voer_uit(self, werk: Werk[T]) -> T:
        """Run `werk` in the next batch; its result once that batch has committed."""
        loop = asyncio.get_running_loop()
        klaar: asyncio.Future[T] = loop.create_future()
        self._wachtrij.append((werk, klaar))
        if len(self._schrijvers) < self.tegelijk:
            self._schrijvers.add(loop.create_task(self._schrijf_wachtrij()))
        return await klaar

    async def _schrijf_wachtrij(self) -> None:
        try:
            while self._wachtrij:
                groep, self._wachtrij = self._wachtrij, []
                try:
                    uitkomsten = await self._schrijf([werk for werk, _ in groep])
                except BaseException as fout:  # nothing of this batch committed
                    for _, klaar in groep:
                        if not klaar.done():
                            klaar.set_exception(fout)
                    if not isinstance(fout, Exception):
                        raise
                    continue
                for (_, klaar), uitkomst in zip(groep, uitkomsten, strict=True):
                    if klaar.done():  # its handler was cancelled meanwhile
                        continue
                    if isinstance(uitkomst, BaseException):
                        klaar.set_exception(uitkomst)
                    else:
                        klaar.set_result(uitkomst)
        finally:
            # Gone from the set in the same step that found the queue empty: a unit queued
            # after that starts a new writer instead of waiting for this one.
            taak = asyncio.current_task()
            if taak is not None:
                self._schrijvers.discard(taak)

    @abstractmethod
    async def _schrijf(self, werken: list[Werk[Any]]) -> list[Any]:
        """Run every unit in its own savepoint of one transaction and commit; per unit its
        result or the exception it raised."""

    @abstractmethod
    async def sluit(self) -> None:
        """Release the connection (at shutdown)."""


class SqliteGroepscommit(Groepscommit):
    """SQLite: one connection in one writer thread, so the event loop never waits for a lock
    or a checkpoint; one thread hand-off per batch."""

    def __init__(self, pad: str, slot: asyncio.Lock | None) -> None:
        super().__init__()
        self._pad = pad
        # The ORM's units of work take the same in-process lock: SQLite has one writer.
        self._slot = slot
        self._draad = ThreadPoolExecutor(1, thread_name_prefix="stj-schrijver")
        self._verbinding: sqlite3.Connection | None = None

    async def _schrijf(self, werken: list[Werk[Any]]) -> list[Any]:
        loop = asyncio.get_running_loop()
        if self._slot is None:
            return await loop.run_in_executor(self._draad, self._in_draad, werken)
        async with self._slot:
            return await loop.run_in_executor(self._draad, self._in_draad, werken)

    def _open(self) -> sqlite3.Connection:
        if self._verbinding is None:
            # Autocommit mode: this class says where transactions begin and end.
            verbinding = sqlite3.connect(self._pad, timeout=30, isolation_level=None)
            for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON"):
                verbinding.execute(f"PRAGMA {pragma}")
            self._verbinding = verbinding
        return self._verbinding

    def _in_draad(self, werken: list[Werk[Any]]) -> list[Any]:
        """The batch as one transaction. Nearly always every unit writes: then no savepoints
        (two statements per unit). When one raised (a duplicate, a stale copy, a failure), the
        whole batch is rolled back and written again with a savepoint per unit, which gives
        every unit the outcome it would have had alone; the write lock is held throughout, so
        nothing else moved in between."""
        verbinding = self._open()
        verbinding.execute("BEGIN IMMEDIATE")
        try:
            try:
                uitkomsten = [werk.sqlite(verbinding) for werk in werken]
            except Exception:
                verbinding.execute("ROLLBACK")
                verbinding.execute("BEGIN IMMEDIATE")
                uitkomsten = self._met_savepoints(verbinding, werken)
            for haak in Groepscommit.voor_commit:
                haak()
            verbinding.execute("COMMIT")
        except BaseException:
            if verbinding.in_transaction:
                verbinding.execute("ROLLBACK")
            raise
        return uitkomsten

    @staticmethod
    def _met_savepoints(verbinding: sqlite3.Connection, werken: list[Werk[Any]]) -> list[Any]:
        uitkomsten: list[Any] = []
        for werk in werken:
            verbinding.execute("SAVEPOINT eenheid")
            try:
                uitkomsten.append(werk.sqlite(verbinding))
            except Terugdraaien as terug:
                verbinding.execute("ROLLBACK TO eenheid")
                uitkomsten.append(terug.uitkomst)
            except Exception as fout:
                verbinding.execute("ROLLBACK TO eenheid")
                uitkomsten.append(fout)
            verbinding.execute("RELEASE eenheid")
        return uitkomsten

    async def sluit(self) -> None:
        """Close the writer's connection and stop its thread."""
        loop = asyncio.get_running_loop()
        if self._verbinding is not None:
            await loop.run_in_executor(self._draad, self._verbinding.close)
            self._verbinding = None
        self._draad.shutdown(wait=False)


class PostgresGroepscommit(Groepscommit):
    """PostgreSQL: one pooled connection per batch, the driver's own connection used directly
    (its statements are prepared once and cached).

    A savepoint costs two round trips here, and an answer's unit is one statement that writes
    all or nothing. So a batch first runs without savepoints; only when a unit raised (it
    failed, or must be undone) is the batch rolled back and run again with a savepoint per
    unit, which gives every unit the outcome it would have had alone. A batch of one such unit
    needs no transaction of its own at all (unless a test's crash point waits before COMMIT).
    """

    # While one batch waits for its commit to reach the disk, the next is written.
    tegelijk = 2

    def __init__(self, engine: AsyncEngine) -> None:
        super().__init__()
        self._engine = engine

    async def _schrijf(self, werken: list[Werk[Any]]) -> list[Any]:
        # Rows locked in the same order by every instance's batches, so two batches never wait
        # for each other (a deadlock PostgreSQL would resolve by failing one).
        volgorde = sorted(range(len(werken)), key=lambda n: getattr(werken[n], "uitnodiging_id", 0))
        uitkomsten = await self._schrijf_op_volgorde([werken[n] for n in volgorde])
        terug: list[Any] = [None] * len(werken)
        for n, uitkomst in zip(volgorde, uitkomsten, strict=True):
            terug[n] = uitkomst
        return terug

    async def _schrijf_op_volgorde(self, werken: list[Werk[Any]]) -> list[Any]:
        async with self._engine.connect() as verbinding:
            ruw = (await verbinding.get_raw_connection()).driver_connection
            assert ruw is not None
            if len(werken) == 1 and getattr(werken[0], "los", False) and not self.voor_commit:
                # A lone unit that writes in one all-or-nothing statement (or only reads)
                # commits with that statement: no BEGIN and COMMIT round trips when it is quiet.
                try:
                    return [await werken[0].postgres(ruw)]
                except Terugdraaien as terug:
                    return [terug.uitkomst]
                except Exception as fout:
                    return [fout]
            transactie = ruw.transaction()
            await transactie.start()
            try:
                uitkomsten = [await werk.postgres(ruw) for werk in werken]
            except Exception:
                await transactie.rollback()
                return await self._met_savepoints(ruw, werken)
            await self._commit(transactie)
            return uitkomsten

    async def _met_savepoints(self, ruw: Any, werken: list[Werk[Any]]) -> list[Any]:
        transactie = ruw.transaction()
        await transactie.start()
        uitkomsten: list[Any] = []
        try:
            for werk in werken:
                try:
                    async with ruw.transaction():
                        uitkomsten.append(await werk.postgres(ruw))
                except Terugdraaien as terug:
                    uitkomsten.append(terug.uitkomst)
                except Exception as fout:
                    uitkomsten.append(fout)
        except BaseException:
            await transactie.rollback()
            raise
        await self._commit(transactie)
        return uitkomsten

    @staticmethod
    async def _commit(transactie: Any) -> None:
        try:
            for haak in Groepscommit.voor_commit:
                haak()
        except BaseException:
            await transactie.rollback()
            raise
        await transactie.commit()

    async def sluit(self) -> None:
        """Nothing held between batches."""


def groepscommit(engine: AsyncEngine, slot: asyncio.Lock | None) -> Groepscommit | None:
    """The group commit for this engine's database; None for an in-memory SQLite database,
    which a second connection would not see."""
    if engine.dialect.name == "sqlite":
        pad = engine.url.database
        if not pad or pad == ":memory:" or pad.startswith("file:"):
            return None
        return SqliteGroepscommit(pad, slot)
    return PostgresGroepscommit(engine)
