"""Engine and session factory from a SQLAlchemy async URL, and migrations to the newest schema."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from opslag.versies import Sessie

SCHRIJFSLOT = "stj_schrijfslot"
STANDAARD_URL = "sqlite+aiosqlite:///stj.db"
MIGRATIE_MAP = Path(__file__).parent / "migraties"


def database_url() -> str:
    """The database from STJ_DATABASE_URL, or a SQLite file stj.db in the working directory."""
    return os.environ.get("STJ_DATABASE_URL") or STANDAARD_URL


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
    config = Config()
    config.set_main_option("script_location", str(MIGRATIE_MAP))
    config.set_main_option("sqlalchemy.url", url or database_url())
    return config


def _upgrade(connection: Connection) -> None:
    config = alembic_config(str(connection.engine.url))
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


async def migreer(engine: AsyncEngine) -> None:
    """Bring the database to the newest schema (idempotent)."""
    async with engine.begin() as conn:
        await conn.run_sync(_upgrade)
