"""`stj`: the command line over the services. Every command's help shows an example."""

from __future__ import annotations

import asyncio
import sys

import click

from cli.beoordeling import (
    beoordeel_cmd,
    conclusie,
    eindoordeel,
    oordeel,
    overzicht,
    vaststellen,
)
from cli.bevindingen import citeer, let_op
from cli.bewijs import bevinding, dossier, interview
from cli.bot import bot
from cli.chat import chat
from cli.demo import demo
from cli.documenten import document
from cli.gebruik import vertaal
from cli.hoofdstukken import hoofdstuk
from cli.inspecteur import audit, herinner, inspecteur
from cli.kaders import kader, vragenlijst
from cli.omgeving import met_nette_fouten, stop
from cli.onderzoek import onderzoek, status, uitnodiging
from cli.proces import publiceer_cmd, reactie, verbeterplan, wederhoor
from cli.uitwisseling import exporteer, importeer
from cli.web import web
from opslag.db import database_url, maak_engine, migreer


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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

    async def _upgrade() -> None:
        engine = maak_engine(database_url())
        try:
            await migreer(engine)
        finally:
            await engine.dispose()

    asyncio.run(_upgrade())
    click.echo("database is bijgewerkt")


stj.add_command(vragenlijst)
stj.add_command(kader)
stj.add_command(onderzoek)
stj.add_command(uitnodiging)
stj.add_command(status)
stj.add_command(importeer)
stj.add_command(exporteer)
stj.add_command(bot)
stj.add_command(chat)
stj.add_command(demo)
stj.add_command(inspecteur)
stj.add_command(herinner)
stj.add_command(audit)
stj.add_command(web)
stj.add_command(document)
stj.add_command(dossier)
stj.add_command(interview)
stj.add_command(bevinding)
stj.add_command(hoofdstuk)
for opdracht in (
    beoordeel_cmd,
    oordeel,
    let_op,
    citeer,
    conclusie,
    eindoordeel,
    vaststellen,
    overzicht,
    wederhoor,
    reactie,
    publiceer_cmd,
    verbeterplan,
):
    stj.add_command(opdracht)


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
