"""`stj import` and `stj export`: answers in and out."""

from __future__ import annotations

import json
from pathlib import Path

import click

from cli.omgeving import catalogus, in_uow, print_json
from opslag.fouten import ImportFout
from opslag.uitwisseling.exporteren import exporteer_bestand, schrijf_csv, schrijf_xlsx
from opslag.uitwisseling.importeren import importeer as importeer_bestand
from opslag.uitwisseling.importeren import lees_antwoordenbestand
from opslag.uow import UnitOfWork


@click.command("import")
@click.argument("bestand", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "als_json", is_flag=True, help='Druk {"id": ONDERZOEK} af.')
def importeer(bestand: Path, als_json: bool) -> None:
    """Lees een stj-antwoorden/1-bestand in; alles of niets.

    Drukt het nummer af van het onderzoek dat is aangemaakt of aangevuld.

    \b
    Voorbeeld:
      stj import antwoorden-leeuwarden.json
    """
    cat = catalogus()
    try:
        inhoud = lees_antwoordenbestand(bestand.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ImportFout(f"{bestand.name}: geen UTF-8-tekst; sla het op als UTF-8") from None
    except ImportFout as fout:
        raise ImportFout(f"{bestand.name}: {fout}") from fout
    try:
        onderzoek_id = in_uow(lambda uow: importeer_bestand(uow, cat, inhoud))
    except ImportFout as fout:
        raise ImportFout(f"{bestand.name}: {fout}") from fout
    if als_json:
        print_json({"id": onderzoek_id})
    else:
        click.echo(onderzoek_id)


@click.command("export")
@click.argument("onderzoek_id", metavar="ONDERZOEK", type=int)
@click.option(
    "--formaat", type=click.Choice(["json", "csv", "xlsx"]), default="json", show_default=True
)
@click.option(
    "--uit",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Bestand om naar te schrijven.",
)
def exporteer(onderzoek_id: int, formaat: str, uit: Path) -> None:
    """Schrijf de antwoorden van een onderzoek naar JSON, CSV of XLSX.

    \b
    Voorbeelden:
      stj export 1 --formaat json --uit leeuwarden.json
      stj export 1 --formaat xlsx --uit leeuwarden.xlsx
    """
    cat = catalogus()

    async def _json(uow: UnitOfWork) -> int:
        bestand = await exporteer_bestand(uow, cat, onderzoek_id)
        uit.write_text(
            json.dumps(bestand.naar_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        return sum(len(r.antwoorden) for r in bestand.respondenten)

    schrijvers = {
        "json": _json,
        "csv": lambda uow: schrijf_csv(uow, cat, onderzoek_id, uit),
        "xlsx": lambda uow: schrijf_xlsx(uow, cat, onderzoek_id, uit),
    }
    aantal = in_uow(schrijvers[formaat])
    click.echo(f"{aantal} antwoorden geschreven naar {uit}")
