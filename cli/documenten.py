"""`stj document`: the documents respondents sent through Telegram — list them, save one, and
fetch those the bot could not (it keeps every file it receives; this catches up)."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import click
from telegram import Bot

from bot.app import api_url
from bot.documenten import haal_en_bewaar
from cli.omgeving import NUMMER, actie, database, in_uow, meld_geschreven, schrijf_uit, stop
from cli.paden import uit_bestand
from opslag.documenten import documenten_van, haal_document, nog_op_te_halen
from opslag.onderzoeken import haal_onderzoek
from opslag.uow import UnitOfWork
from vragenlijsten.antwoorden import Bestand


@click.group()
def document() -> None:
    """Documenten die respondenten via Telegram stuurden.

    \\b
    Voorbeelden:
      stj document lijst 1
      stj document bewaar 4 --uit convenant.pdf
      stj document ophalen 1
    """


@document.command("lijst")
@click.argument("onderzoek_id", metavar="ONDERZOEK", type=NUMMER)
def lijst(onderzoek_id: int) -> None:
    """De bewaarde documenten van een onderzoek, en welke nog opgehaald moeten worden.

    \b
    Voorbeeld:
      stj document lijst 1
    """

    async def werk(uow: UnitOfWork) -> tuple[list[str], int]:
        await haal_onderzoek(uow, onderzoek_id)
        regels = [
            f"{d.id:>4}  {d.naam} · {d.wie} · {d.item_id} · {d.grootte} bytes"
            for d in await documenten_van(uow, onderzoek_id)
        ]
        return regels, len(await nog_op_te_halen(uow, onderzoek_id))

    regels, open_ = actie("document lijst", werk, onderzoek_id)
    for regel in regels:
        click.echo(regel)
    if not regels:
        click.echo(f"onderzoek {onderzoek_id} heeft (nog) geen bewaarde documenten")
    if open_:
        click.echo(f"nog op te halen: {open_} (stj document ophalen {onderzoek_id})")


@document.command("bewaar")
@click.argument("document_id", metavar="DOCUMENT", type=NUMMER)
@click.option(
    "--uit",
    required=True,
    type=click.Path(path_type=Path),
    callback=uit_bestand,
    help="Bestand om naar te schrijven (- voor standaarduitvoer).",
)
def bewaar(document_id: int, uit: Path) -> None:
    """Schrijf één document naar een bestand.

    \b
    Voorbeeld:
      stj document bewaar 4 --uit convenant.pdf
    """
    info, inhoud = actie("document bewaar", lambda uow: haal_document(uow, document_id))
    schrijf_uit(uit, inhoud)
    meld_geschreven(uit, f"{info.naam} ({len(inhoud)} bytes) geschreven naar {uit}")


@document.command("ophalen")
@click.argument("onderzoek_id", metavar="ONDERZOEK", type=NUMMER, required=False)
def ophalen(onderzoek_id: int | None) -> None:
    """Haal via de Bot API de documenten op die nog niet bewaard zijn (STJ_TELEGRAM_TOKEN).

    \b
    Voorbeeld:
      STJ_TELEGRAM_TOKEN=123:ABC stj document ophalen 1
    """
    token = os.environ.get("STJ_TELEGRAM_TOKEN", "").strip()
    if not token:
        stop("STJ_TELEGRAM_TOKEN ontbreekt; documenten komen via de Bot API")
    open_ = in_uow(lambda uow: nog_op_te_halen(uow, onderzoek_id))

    async def werk() -> int:
        gelukt = 0
        basis = api_url()
        async with (
            database() as sessions,
            Bot(token, base_url=basis, base_file_url=basis.replace("/bot", "/file/bot")) as bot,
        ):
            for o in open_:
                bestand = Bestand(telegram_file_id=o.telegram_file_id, naam=o.naam)
                gelukt += await haal_en_bewaar(bot, sessions, o.uitnodiging_id, o.item_id, bestand)
        return gelukt

    gelukt = asyncio.run(werk())
    click.echo(f"opgehaald: {gelukt} van {len(open_)}")
    if gelukt < len(open_):
        stop(f"{len(open_) - gelukt} documenten konden niet worden opgehaald (zie het log)")
