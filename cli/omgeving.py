"""What every command needs: the database (migrated), the catalogue, and one-line errors."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, NoReturn, TypeVar

import click
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from opslag.db import database_url, maak_engine, maak_sessionmaker, migreer
from opslag.fouten import StjFout
from opslag.uow import UnitOfWork
from vragenlijsten.catalogus import Catalogus, laad_catalogus
from vragenlijsten.laden import VragenlijstFout

T = TypeVar("T")


@asynccontextmanager
async def database() -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """The session factory for STJ_DATABASE_URL, migrated to the newest schema."""
    engine = maak_engine(database_url())
    try:
        await migreer(engine)
        yield maak_sessionmaker(engine)
    finally:
        await engine.dispose()


def catalogus() -> Catalogus:
    """The shipped kaders and vragenlijsten."""
    return laad_catalogus()


def draai(werk: Callable[[async_sessionmaker[AsyncSession]], Awaitable[T]]) -> T:
    """Run one async job against the database."""

    async def _met_database() -> T:
        async with database() as sessions:
            return await werk(sessions)

    return asyncio.run(_met_database())


def in_uow(werk: Callable[[UnitOfWork], Awaitable[T]]) -> T:
    """Run one service call in a unit of work against the database."""

    async def _in_uow(sessions: async_sessionmaker[AsyncSession]) -> T:
        async with UnitOfWork(sessions) as uow:
            return await werk(uow)

    return draai(_in_uow)


def stop(melding: str) -> NoReturn:
    """Print one error line and exit with 1."""
    click.echo(f"fout: {melding}", err=True)
    sys.exit(1)


def print_json(data: dict[str, Any] | list[Any]) -> None:
    """One JSON document on stdout."""
    click.echo(json.dumps(data, ensure_ascii=False, default=str))


def met_nette_fouten(hoofd: Callable[[], object]) -> None:
    """Run the CLI; library errors become one line and exit code 1, never a traceback."""
    try:
        hoofd()
    except StjFout as fout:
        stop(str(fout))
    except VragenlijstFout as fout:
        # A file can break several rules: one line each (file:line: …), then the verdict.
        if len(fout.meldingen) == 1:
            stop(fout.meldingen[0])
        for melding in fout.meldingen:
            click.echo(melding, err=True)
        stop(f"{len(fout.meldingen)} problemen gevonden; los ze op zoals hierboven staat")
    except SQLAlchemyError as fout:
        oorzaak = str(getattr(fout, "orig", None) or fout).splitlines()[0]
        stop(f"database ({database_url().split('://')[0]}): {oorzaak}")
    except OSError as fout:
        stop(f"{fout.strerror or fout}{f': {fout.filename}' if fout.filename else ''}")
