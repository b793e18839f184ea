"""Engine and session factory from a SQLAlchemy async URL, and migrations to the newest schema."""

from __future__ import annotations

import asyncio
import os
import re
import socket
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from opslag.fouten import OngeldigeInvoer
from opslag.versies import Sessie

if TYPE_CHECKING:
    from alembic.config import Config

SCHRIJFSLOT = "stj_schrijfslot"
STANDAARD_URL = "sqlite+aiosqlite:///stj.db"
MIGRATIE_MAP = Path(__file__).parent / "migraties"


DRIVERS = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+asyncpg"}
VOORBEELD = "sqlite+aiosqlite:///stj.db of postgresql+asyncpg://gebruiker:wachtwoord@host/database"


def database_url() -> str:
    """The database from STJ_DATABASE_URL, or a SQLite file stj.db in the working directory;
    a URL without the async driver this program uses is refused with the one that works."""
    url = os.environ.get("STJ_DATABASE_URL") or STANDAARD_URL
    try:
        naam = make_url(url).drivername
    except ArgumentError:
        raise OngeldigeInvoer(
            f"STJ_DATABASE_URL is geen database-URL; gebruik {VOORBEELD}"
        ) from None
    basis = naam.split("+")[0]
    soort = "postgresql" if basis == "postgres" else basis
    if soort not in DRIVERS:
        raise OngeldigeInvoer(
            f"STJ_DATABASE_URL: '{naam}' wordt niet ondersteund; gebruik {VOORBEELD}"
        )
    if naam != DRIVERS[soort]:
        # The password stays out of the message: only the part before ://.
        raise OngeldigeInvoer(
            f"STJ_DATABASE_URL moet met {DRIVERS[soort]}:// beginnen, niet met {naam}:// "
            "(dit programma gebruikt de async-driver)"
        )
    return url


def maak_engine(url: str) -> AsyncEngine:
    """An async engine; SQLite gets WAL, foreign keys and a busy timeout on every connection."""
    if url.startswith("sqlite"):
        engine = create_async_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            # WAL lets readers run beside the writer; synchronous=NORMAL in WAL mode keeps every
            # committed transaction across a process crash (kill -9), which is what we promise.
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        return engine
    # More connections than the bot runs units of work at once (bot.basis.ORM_TEGELIJK), so a
    # handler never waits for one.
    return create_async_engine(url, pool_pre_ping=True, pool_size=20, max_overflow=30)


def maak_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """The one session factory of a process, made at start-up and passed in.

    SQLite has one writer at a time; letting transactions race for it means busy-waiting in
    SQLite's sleep loop (seconds at p99 under load). So on SQLite every unit of work takes an
    in-process lock instead (see UnitOfWork); PostgreSQL runs them concurrently.
    """
    info = {SCHRIJFSLOT: asyncio.Lock()} if engine.dialect.name == "sqlite" else {}
    return async_sessionmaker(engine, expire_on_commit=False, info=info, sync_session_class=Sessie)


def alembic_config(url: str | None = None) -> Config:
    """Alembic configuration pointing at the migrations shipped in this package."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIE_MAP))
    config.set_main_option("sqlalchemy.url", url or database_url())
    return config


def _upgrade(connection: Connection) -> None:
    from alembic import command

    config = alembic_config(str(connection.engine.url))
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


_REVISIE = re.compile(r'^revision(?:: str)? = "([0-9A-Za-z_]+)"$', re.MULTILINE)
_VORIGE = re.compile(r"^down_revision(?:: [^=]+)? = (.+)$", re.MULTILINE)


def nieuwste_revisies() -> frozenset[str]:
    """The heads of the shipped migrations (revisions no other one revises), read from the
    files' text without loading Alembic; empty when a file is not of the plain form (then
    Alembic decides)."""
    revisies, vorige = set(), set()
    for pad in (MIGRATIE_MAP / "versions").glob("*.py"):
        tekst = pad.read_text(encoding="utf-8")
        revisie, terug = _REVISIE.search(tekst), _VORIGE.search(tekst)
        if revisie is None or terug is None:
            return frozenset()
        revisies.add(revisie[1])
        if terug[1] != "None":
            naar = re.fullmatch(r'"([0-9A-Za-z_]+)"', terug[1])
            if naar is None:  # a merge of several revisions, or something computed
                return frozenset()
            vorige.add(naar[1])
    return frozenset(revisies - vorige)


def _is_actueel(connection: Connection) -> bool:
    """Whether the database is at the newest schema already: one small query instead of
    Alembic's machinery, which every command would otherwise load at start."""
    nieuwste = nieuwste_revisies()
    if not nieuwste or not connection.dialect.has_table(connection, "alembic_version"):
        return False
    rijen = connection.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    return {r[0] for r in rijen} == nieuwste


def _bij_de_tijd(connection: Connection) -> None:
    if not _is_actueel(connection):
        _upgrade(connection)


async def migreer(engine: AsyncEngine) -> None:
    """Bring the database to the newest schema (idempotent). This is every program's first
    connection: a database that cannot be reached is one Dutch line, not a driver's error."""
    try:
        conn = await engine.connect()
    except (OSError, TimeoutError, DBAPIError) as fout:
        raise OngeldigeInvoer(onbereikbaar(engine.url, fout)) from fout
    sqlite = engine.dialect.name == "sqlite"
    try:
        if sqlite:
            # To change a table on SQLite, Alembic builds a new one, copies the rows and drops
            # the old one; with foreign keys on, that drop deletes every row referring to it
            # (ON DELETE CASCADE): migration 0006 emptied the answers that way. So they are
            # off while migrating, as SQLite's documentation prescribes for such changes (the
            # pragma does nothing inside a transaction, hence before it).
            await conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            await conn.commit()
        async with conn.begin():
            await conn.run_sync(_bij_de_tijd)
    finally:
        if sqlite:
            await conn.exec_driver_sql("PRAGMA foreign_keys=ON")
            await conn.commit()
        await conn.close()


def onbereikbaar(url: URL, fout: BaseException) -> str:
    """Why the database cannot be reached, and where, in words (never the password)."""
    oorzaak = getattr(fout, "orig", None) or fout
    oorzaak = getattr(oorzaak, "__cause__", None) or oorzaak
    soort = type(oorzaak).__name__
    if url.get_backend_name() == "sqlite":
        return (
            f"kan het databasebestand '{url.database}' niet openen; bestaat de map en mag "
            "ik erin schrijven? (STJ_DATABASE_URL)"
        )
    waar = f"PostgreSQL op {url.host or 'localhost'}:{url.port or 5432}"
    if isinstance(oorzaak, ConnectionRefusedError):
        reden = "de server weigert de verbinding (draait hij, op deze poort?)"
    elif isinstance(oorzaak, socket.gaierror):
        reden = f"de server '{url.host}' is onbekend"
    elif isinstance(oorzaak, TimeoutError):
        reden = "de server antwoordt niet"
    elif soort == "InvalidCatalogNameError":
        reden = f"de database '{url.database}' bestaat niet"
    elif soort in ("InvalidPasswordError", "InvalidAuthorizationSpecificationError"):
        reden = f"gebruiker '{url.username}' of het wachtwoord klopt niet"
    else:
        reden = str(oorzaak).splitlines()[0] if str(oorzaak) else soort
    return f"database niet bereikbaar: {waar}: {reden}; controleer STJ_DATABASE_URL"
