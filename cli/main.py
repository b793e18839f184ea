"""`stj`: the command line over the services. Every command's help shows an example."""

from __future__ import annotations

import sys

import click

from cli.gebruik import vertaal
from cli.lui import LuiGroep
from cli.omgeving import met_nette_fouten, stop
from cli.opdrachten import STJ


# Every subcommand is imported only when it runs (cli.opdrachten lists them): `stj --help` and
# a quick command need not load WeasyPrint, openpyxl, python-telegram-bot or Starlette.
@click.group(cls=LuiGroep, lui=STJ, context_settings={"help_option_names": ["-h", "--help"]})
def stj() -> None:
    """STJ-intake: vragenlijsten, antwoorden en beoordelingen voor Samenwerkend Toezicht Jeugd.

    De database komt uit STJ_DATABASE_URL (standaard stj.db in deze map).

    \b
    Voorbeeld:
      stj onderzoek nieuw --gemeente Leeuwarden --aanpak "Interventieteam Gezinnen" \\
          --kader beleidsniveau --deadline 2026-12-31
    """


@stj.group()
def db() -> None:
    """Database beheren.

    \b
    Voorbeeld:
      STJ_DATABASE_URL=postgresql+asyncpg://stj:geheim@localhost/stj stj db upgrade
    """


@db.command("upgrade")
def upgrade() -> None:
    """Breng de database naar het nieuwste schema (de bot doet dit ook bij de start).

    \b
    Voorbeeld:
      stj db upgrade
    """

    import asyncio

    from opslag.db import database_url, maak_engine, migreer

    async def _upgrade() -> None:
        engine = maak_engine(database_url())
        try:
            await migreer(engine)
        finally:
            await engine.dispose()

    asyncio.run(_upgrade())
    click.echo("database is bijgewerkt")


def _draai(args: list[str] | None) -> None:
    """Run a command; Click's usage errors become one Dutch line and exit code 1 too."""
    try:
        stj.main(args=args, prog_name="stj", standalone_mode=False)
    except click.exceptions.Exit as einde:
        sys.exit(einde.exit_code)
    except click.exceptions.NoArgsIsHelpError as hulp:
        # `stj` or `stj onderzoek` alone: the help is what was asked for.
        click.echo(hulp.ctx.get_help() if hulp.ctx else "")
        sys.exit(0)
    except click.UsageError as fout:
        stop(vertaal(fout))
    except click.Abort:
        stop("afgebroken")
    sys.exit(0)


def main(args: list[str] | None = None) -> None:
    """Console entry point."""
    met_nette_fouten(lambda: _draai(args))
