"""`stj hoofdstuk`: the chapters an inspector writes in a report (voorwoord, werkwijze,
samenvatting, conclusie, aanbevelingen, verklaringen, vervolg, …): list them, show one as it
stands (the inspector's text, else the draft made from the data), write one from a file, give
it back to its draft, and its history."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from beoordeling.opmaak import woorden
from beoordeling.stukken import Stuk, schrijfbaar, stukken
from cli.omgeving import NUMMER, actie, catalogus, stop
from opslag.beoordelingen import beoordeel
from opslag.hoofdstukken import Versie, historie, kader_van, titel_van, zet_hoofdstuk
from opslag.klok import AMSTERDAM, vandaag_in_nederland
from opslag.uow import UnitOfWork
from vragenlijsten.catalogus import Catalogus


def _moment(m: dt.datetime) -> str:
    return m.astimezone(AMSTERDAM).strftime("%d-%m-%Y %H:%M")


def _stand(s: Stuk) -> str:
    if s.eigen is not None:
        return f"geschreven door {s.eigen.door}, {_moment(s.eigen.wanneer)}"
    return "opzet uit de gegevens" if s.tekst else "nog te schrijven"


def _lees(bestand: Path) -> str:
    """The text of a file ('-': standard input), as UTF-8."""
    try:
        if str(bestand) == "-":
            return sys.stdin.read()
        return bestand.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        stop(f"{bestand} is geen tekst in UTF-8; sla het bestand op als platte tekst (UTF-8)")


@click.command("hoofdstuk")
@click.argument("onderzoek_id", metavar="ONDERZOEK", type=NUMMER)
@click.argument("naam", required=False)
@click.option(
    "--bestand",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Schrijf het hoofdstuk met de tekst uit dit bestand (- voor standaardinvoer).",
)
@click.option("--wis", is_flag=True, help="Zet het hoofdstuk terug naar de opzet uit de gegevens.")
@click.option("--historie", is_flag=True, help="Toon elke versie van het hoofdstuk: wie, wanneer.")
@click.option("--door", default="inspecteur (cli)", show_default=True, help="Wie schrijft.")
def hoofdstuk(
    onderzoek_id: int,
    naam: str | None,
    bestand: Path | None,
    wis: bool,
    historie: bool,
    door: str,
) -> None:
    """De hoofdstukken die de inspecteur schrijft (voorwoord, werkwijze, samenvatting, algemene
    conclusie, aanbevelingen, verklaringen, vervolg, …). Zonder NAAM: de lijst met hoe elk
    hoofdstuk ervoor staat. Met NAAM: de tekst zoals die nu in het rapport komt (uw tekst, of de
    opzet uit de gegevens). Met --bestand: schrijf het hoofdstuk; alinea's scheidt u met een lege
    regel, een opsomming begint met "- ", **vet** tussen dubbele sterretjes.

    \b
    Voorbeelden:
      stj hoofdstuk 3
      stj hoofdstuk 3 voorwoord
      stj hoofdstuk 3 voorwoord --bestand voorwoord.txt
      stj hoofdstuk 4 verklaringen-2 --bestand -  < verklaringen.txt
      stj hoofdstuk 3 voorwoord --wis
      stj hoofdstuk 3 voorwoord --historie
    """
    if sum((bestand is not None, wis, historie)) > 1:
        stop("geef --bestand, --wis of --historie (één tegelijk)")
    if naam is None and (bestand is not None or wis or historie):
        stop("noem het hoofdstuk; 'stj hoofdstuk ONDERZOEK' toont welke er zijn")
    cat = catalogus()
    if naam is None:
        _lijst(onderzoek_id, cat)
        return
    if historie:
        _historie(onderzoek_id, naam, cat)
        return
    if bestand is not None or wis:
        tekst = None if wis else _lees(bestand) if bestand is not None else None
        gewijzigd = actie(
            "hoofdstuk",
            lambda uow: zet_hoofdstuk(uow, cat, onderzoek_id, naam, tekst, door),
            onderzoek_id,
            f"{naam}: {'terug naar de opzet' if wis else 'eigen tekst'}",
        )
        wat = "terug naar de opzet" if wis else "geschreven"
        click.echo(
            f"hoofdstuk {naam} van onderzoek {onderzoek_id} {wat}"
            if gewijzigd
            else f"hoofdstuk {naam} van onderzoek {onderzoek_id} was al zo; niets veranderd"
        )
        return
    s = _stuk(onderzoek_id, naam, cat)
    if s.tekst:
        click.echo(s.tekst)
    if s.tekst:
        click.echo(f"({s.titel}: {_stand(s)})", err=True)
    else:
        click.echo(f"(nog te schrijven) {s.aanwijzing}")


def _alle(onderzoek_id: int, cat: Catalogus) -> list[Stuk]:
    async def werk(uow: UnitOfWork) -> list[Stuk]:
        b = await beoordeel(uow, cat, onderzoek_id)
        datum = b.datum or vandaag_in_nederland()
        return schrijfbaar(stukken(b.indeling, [b], datum, b.status == "concept"))

    return actie("bekijk hoofdstukken", werk, onderzoek_id)


def _lijst(onderzoek_id: int, cat: Catalogus) -> None:
    for s in _alle(onderzoek_id, cat):
        kop = f"{s.nummer} {s.titel}".strip()
        click.echo(f"{s.naam:<24} {kop} · {_stand(s)}")


def _stuk(onderzoek_id: int, naam: str, cat: Catalogus) -> Stuk:
    for s in _alle(onderzoek_id, cat):
        if s.naam == naam:
            return s
    stop(
        f"hoofdstuk '{naam}' staat niet in het rapport; "
        f"'stj hoofdstuk {onderzoek_id}' toont welke er zijn"
    )


def _historie(onderzoek_id: int, naam: str, cat: Catalogus) -> None:
    async def werk(uow: UnitOfWork) -> list[Versie]:
        titel_van(await kader_van(uow, cat, onderzoek_id), naam)
        return await historie(uow, onderzoek_id, naam)

    versies = actie("bekijk hoofdstuk historie", werk, onderzoek_id, naam)
    if not versies:
        click.echo(f"hoofdstuk {naam} is nog niet geschreven; het staat er als opzet")
    for v in versies:
        wat = f"{woorden(v.tekst)} woorden" if v.tekst else "terug naar de opzet"
        click.echo(f"{_moment(v.wanneer)} · {v.door} · {wat}")
