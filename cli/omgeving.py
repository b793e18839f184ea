"""What every command needs: the database (migrated), the catalogue, and one-line errors."""

from __future__ import annotations

import datetime as dt
import getpass
import json
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from cli.paden import STDOUT, os_fout_tekst
from gesprek.invoer import lees_nummer
from opslag.fouten import StjFout

# The database, the catalogue and their libraries are imported by the functions that use them:
# this module is imported by every command, and `stj --help` should not wait for SQLAlchemy.
if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

    from opslag.uow import UnitOfWork
    from vragenlijsten.catalogus import Catalogus

T = TypeVar("T")


class Nummer(click.ParamType[int]):
    """A number of an onderzoek, inspecteur or uitnodiging: 1 up to the largest id the database
    holds; anything else is a Dutch error, never an overflow in the database."""

    name = "nummer"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        """The number, or a failure that says what was expected."""
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        nummer = lees_nummer(value if isinstance(value, str) else None)
        if nummer is None:
            self.fail(
                f"'{value}' is geen geldig nummer; gebruik een heel getal vanaf 1", param, ctx
            )
        return nummer


NUMMER = Nummer()


@asynccontextmanager
async def database() -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """The session factory for STJ_DATABASE_URL, migrated to the newest schema."""
    from opslag.db import database_url, maak_engine, maak_sessionmaker, migreer

    engine = maak_engine(database_url())
    try:
        await migreer(engine)
        yield maak_sessionmaker(engine)
    finally:
        await engine.dispose()


async def migreer_vooraf(url: str) -> None:
    """Reach and migrate the database before a server starts, so that a database that cannot
    be reached is one line here, not a traceback from inside the server's start."""
    from opslag.db import maak_engine, migreer

    engine = maak_engine(url)
    try:
        await migreer(engine)
    finally:
        await engine.dispose()


def catalogus(mappen: Sequence[Path] | None = None) -> Catalogus:
    """The kaders and vragenlijsten of these folders (default: STJ_KADERS and the shipped
    ones), their report texts checked too."""
    from beoordeling.teksten import controleer_teksten
    from vragenlijsten.catalogus import laad_catalogus
    from vragenlijsten.laden import VragenlijstFout

    cat = laad_catalogus(mappen)
    meldingen = [m for k in cat.kaders.values() for m in controleer_teksten(k)]
    if meldingen:
        raise VragenlijstFout(meldingen)
    return cat


def draai(werk: Callable[[async_sessionmaker[AsyncSession]], Awaitable[T]]) -> T:
    """Run one async job against the database."""

    async def _met_database() -> T:
        async with database() as sessions:
            return await werk(sessions)

    import asyncio

    return asyncio.run(_met_database())


def wie_cli() -> str:
    """How the audit log names someone working on the command line."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no user name in this environment
        return "cli"


def actie(
    wat: str,
    werk: Callable[[UnitOfWork], Awaitable[T]],
    onderzoek: int | Callable[[T], int | None] | None = None,
    details: str | None = None,
) -> T:
    """Run an inspector action in a unit of work and record it in the audit log once it
    succeeded (`onderzoek`: its number, or how to read it from the result)."""

    from opslag.audit import leg_vast

    async def _werk(uow: UnitOfWork) -> T:
        resultaat = await werk(uow)
        nummer = onderzoek(resultaat) if callable(onderzoek) else onderzoek
        await leg_vast(uow, wie_cli(), wat, nummer, details)
        await uow.commit()
        return resultaat

    return in_uow(_werk)


def in_uow(werk: Callable[[UnitOfWork], Awaitable[T]]) -> T:
    """Run one service call in a unit of work against the database."""

    from opslag.uow import UnitOfWork

    async def _in_uow(sessions: async_sessionmaker[AsyncSession]) -> T:
        async with UnitOfWork(sessions) as uow:
            return await werk(uow)

    return draai(_in_uow)


KOMMA_HULP = (
    "CSV met komma's in plaats van puntkomma's (voor andere programma's dan Nederlandse Excel)."
)


_WEEKDAGEN = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def voluit(datum: dt.date) -> str:
    """A date in words with its weekday ("maandag 1 februari 2027"), so that how a typed date
    was read (1/2/2027: day, month, year) shows."""
    from gesprek.teksten import datum_tekst

    return f"{_WEEKDAGEN[datum.weekday()]} {datum_tekst(datum)}"


def schrijf_uit(uit: Path, inhoud: bytes) -> None:
    """Write a file, or to standard output when the path is "-"."""
    if uit == STDOUT:
        sys.stdout.buffer.write(inhoud)
        sys.stdout.flush()
    else:
        uit.write_bytes(inhoud)


def meld_geschreven(uit: Path, tekst: str) -> None:
    """Say what was written: on stderr when standard output carries the file itself."""
    click.echo(tekst, err=uit == STDOUT)


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
    except OSError as fout:
        stop(os_fout_tekst(fout))
    except Exception as fout:
        _netjes(fout)
        raise


def _netjes(fout: Exception) -> None:
    """Stop with one line for an error of the catalogue or the database; return for anything
    else. Their classes are looked at only once their libraries were loaded (an error of one
    cannot exist before), so a command that never loads them does not wait for them here."""
    laden = sys.modules.get("vragenlijsten.laden")
    if laden is not None and isinstance(fout, laden.VragenlijstFout):
        # A file can break several rules: one line each (file:line: …), then the verdict.
        if len(fout.meldingen) == 1:
            stop(fout.meldingen[0])
        for melding in fout.meldingen:
            click.echo(melding, err=True)
        stop(f"{len(fout.meldingen)} problemen gevonden; los ze op zoals hierboven staat")
    sqlalchemy_fouten = sys.modules.get("sqlalchemy.exc")
    if sqlalchemy_fouten is not None and isinstance(fout, sqlalchemy_fouten.SQLAlchemyError):
        from opslag.db import database_url

        oorzaak = str(getattr(fout, "orig", None) or fout).splitlines()[0]
        stop(f"database ({database_url().split('://')[0]}): {oorzaak}")
