"""`stj import` and `stj export`: answers in and out."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import click

from cli.omgeving import (
    KOMMA_HULP,
    NUMMER,
    actie,
    catalogus,
    meld_geschreven,
    print_json,
    schrijf_uit,
    voluit,
)
from cli.paden import STDOUT, uit_bestand
from opslag.fouten import ImportFout
from opslag.klok import vandaag_in_nederland
from opslag.uitwisseling.exporteren import exporteer_bestand, schrijf_csv, schrijf_xlsx
from opslag.uitwisseling.importeren import importeer as importeer_bestand
from opslag.uitwisseling.importeren import lees_antwoordenbestand
from opslag.uow import UnitOfWork


@click.command("import")
@click.argument("bestand", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--bijwerken",
    is_flag=True,
    help="Vul een open onderzoek van dezelfde gemeente en aanpak aan; toont wat verandert.",
)
@click.option("--json", "als_json", is_flag=True, help='Druk {"id": ONDERZOEK, …} af.')
def importeer(bestand: Path, bijwerken: bool, als_json: bool) -> None:
    """Lees een stj-antwoorden/1-bestand in; alles of niets.

    Maakt een nieuw onderzoek en zegt welk (nummer, gemeente, aanpak, hoeveel antwoorden).
    Bestaat er al een open onderzoek naar dezelfde gemeente en aanpak, dan weigert de import,
    tenzij u --bijwerken geeft: dan worden de antwoorden aangevuld en ziet u per respondent wat
    er verandert (de deadline blijft zoals de inspecteur haar zette).

    \b
    Voorbeelden:
      stj import antwoorden-leeuwarden.json
      stj import antwoorden-leeuwarden.json --bijwerken
    """
    cat = catalogus()
    try:
        inhoud = lees_antwoordenbestand(bestand.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ImportFout(f"{bestand.name}: geen UTF-8-tekst; sla het op als UTF-8") from None
    except ImportFout as fout:
        raise ImportFout(f"{bestand.name}: {fout}") from fout
    try:
        verslag = actie(
            "import",
            lambda uow: importeer_bestand(
                uow, cat, inhoud, bijwerken=bijwerken, vandaag=vandaag_in_nederland()
            ),
            lambda v: v.onderzoek_id,
            bestand.name + (" (bijwerken)" if bijwerken else ""),
        )
    except ImportFout as fout:
        raise ImportFout(f"{bestand.name}: {fout}") from fout
    if als_json:
        print_json(
            {"id": verslag.onderzoek_id, "nieuw": verslag.nieuw, "wijzigingen": verslag.wijzigingen}
        )
        return
    o = inhoud.onderzoek
    antwoorden = sum(len(r.antwoorden) for r in inhoud.respondenten)
    wat = "geïmporteerd als nieuw onderzoek" if verslag.nieuw else "bijgewerkt"
    deadline = f", deadline {voluit(o.deadline)}" if o.deadline and verslag.nieuw else ""
    click.echo(
        f"onderzoek {verslag.onderzoek_id} {wat}: {o.gemeente} · {o.aanpak} ({o.kader}), "
        f"{len(inhoud.respondenten)} respondenten, {antwoorden} antwoorden{deadline}"
    )
    for regel in verslag.wijzigingen:
        click.echo(f"  {regel}")
    if not verslag.nieuw and not verslag.wijzigingen:
        click.echo("  niets veranderd")


@click.command("export")
@click.argument("onderzoek_id", metavar="ONDERZOEK", type=NUMMER)
@click.option(
    "--formaat", type=click.Choice(["json", "csv", "xlsx"]), default="json", show_default=True
)
@click.option(
    "--uit",
    required=True,
    type=click.Path(path_type=Path),
    callback=uit_bestand,
    help="Bestand om naar te schrijven (- voor standaarduitvoer).",
)
@click.option("--komma", is_flag=True, help=KOMMA_HULP)
def exporteer(onderzoek_id: int, formaat: str, uit: Path, komma: bool) -> None:
    """Schrijf de antwoorden van een onderzoek naar JSON, CSV of XLSX.

    CSV en XLSX zijn om te lezen: CSV met puntkomma's en UTF-8 zoals Nederlandse Excel het
    opent (--komma voor andere programma's), XLSX met een vaste kopregel, filters en een blad
    'vragen' met de vragen achter de kolomnamen. JSON (stj-antwoorden/1) is voor 'stj import'.

    \b
    Voorbeelden:
      stj export 1 --formaat json --uit leeuwarden.json
      stj export 1 --formaat xlsx --uit leeuwarden.xlsx
      stj export 1 --formaat csv --uit - | head
    """
    cat = catalogus()
    # CSV and XLSX stream into a file; for standard output that file is a temporary one.
    with tempfile.TemporaryDirectory(prefix="stj-export-") as tijdelijk:
        doel = Path(tijdelijk) / f"export.{formaat}" if uit == STDOUT else uit

        async def _json(uow: UnitOfWork) -> int:
            bestand = await exporteer_bestand(uow, cat, onderzoek_id)
            tekst = json.dumps(bestand.naar_json(), ensure_ascii=False, indent=2) + "\n"
            doel.write_text(tekst, encoding="utf-8")
            return sum(len(r.antwoorden) for r in bestand.respondenten)

        schrijvers = {
            "json": _json,
            "csv": lambda uow: schrijf_csv(uow, cat, onderzoek_id, doel, komma),
            "xlsx": lambda uow: schrijf_xlsx(uow, cat, onderzoek_id, doel),
        }
        aantal = actie("export", schrijvers[formaat], onderzoek_id, f"formaat {formaat}")
        if uit == STDOUT:
            schrijf_uit(uit, doel.read_bytes())
    meld_geschreven(uit, f"{aantal} antwoorden geschreven naar {uit}")
