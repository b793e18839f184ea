"""`stj let-op` and `stj citeer`: an inspector's own LET OP remarks, and which toelichtingen the
factsheet may quote (by default it quotes none)."""

from __future__ import annotations

import click

from cli.omgeving import NUMMER, actie, catalogus, in_uow, stop
from opslag.beoordelingen import toelichtingen, zet_citaat, zet_let_op


@click.command("let-op")
@click.argument("onderzoek_id", metavar="ONDERZOEK", type=NUMMER)
@click.argument("indicator")
@click.argument("teksten", metavar="[TEKST]...", nargs=-1)
@click.option("--geen", is_flag=True, help="Haal elke LET OP bij deze indicator weg.")
@click.option("--standaard", is_flag=True, help="Terug naar de LET OP van de beslisregel.")
@click.option("--door", default="inspecteur (cli)", show_default=True, help="Wie besluit.")
def let_op(
    onderzoek_id: int,
    indicator: str,
    teksten: tuple[str, ...],
    geen: bool,
    standaard: bool,
    door: str,
) -> None:
    """Schrijf de LET OP bij een indicator zelf (in plaats van die van de beslisregel), haal hem
    weg, of zet hem terug.

    \b
    Voorbeelden:
      stj let-op 1 ap-niet-loslaten "Twee netwerkpartners kennen geen afspraken over afsluiten."
      stj let-op 1 sw-informatie --geen
      stj let-op 1 sw-informatie --standaard
    """
    if sum((bool(teksten), geen, standaard)) != 1:
        stop("geef een of meer teksten, of --geen, of --standaard (één van de drie)")
    cat = catalogus()
    opmerkingen = None if standaard else list(teksten)
    actie(
        "let-op",
        lambda uow: zet_let_op(uow, cat, onderzoek_id, indicator, opmerkingen, door),
        onderzoek_id,
        f"{indicator}: {'standaard' if standaard else 'geen' if geen else 'eigen tekst'}",
    )
    wat = "terug naar de beslisregel" if standaard else "weggehaald" if geen else "vastgelegd"
    click.echo(f"LET OP bij {indicator} in onderzoek {onderzoek_id}: {wat}")


@click.command("citeer")
@click.argument("onderzoek_id", metavar="ONDERZOEK", type=NUMMER)
@click.argument("indicator")
@click.argument("uitnodiging_id", metavar="[UITNODIGING]", type=NUMMER, required=False)
@click.option("--niet", is_flag=True, help="Haal de markering weg.")
@click.option("--door", default="inspecteur (cli)", show_default=True, help="Wie besluit.")
def citeer(
    onderzoek_id: int, indicator: str, uitnodiging_id: int | None, niet: bool, door: str
) -> None:
    """Laat de factsheet de toelichting van één respondent citeren (zonder naam: "een
    netwerkpartner uit de jeugdzorg licht toe: …"). Zonder UITNODIGING: alle toelichtingen bij
    deze indicator, met hun nummer en of ze geciteerd worden.

    \b
    Voorbeelden:
      stj citeer 1 tl-omschrijving
      stj citeer 1 tl-omschrijving 3
      stj citeer 1 tl-omschrijving 3 --niet
    """
    cat = catalogus()
    if uitnodiging_id is None:
        if niet:
            stop("geef bij --niet ook de uitnodiging")
        lijst = in_uow(lambda uow: toelichtingen(uow, cat, onderzoek_id, indicator))
        if not lijst:
            click.echo(
                f"bij {indicator} in onderzoek {onderzoek_id} is nog geen toelichting gegeven"
            )
        for t in lijst:
            teken = "❝ geciteerd" if t.gemarkeerd else "niet geciteerd"
            click.echo(
                f"{t.uitnodiging_id:>4}  {t.wie} ({t.waarde or '–'}) · {teken}\n      {t.tekst}"
            )
        return
    actie(
        "citeer",
        lambda uow: zet_citaat(uow, cat, onderzoek_id, indicator, uitnodiging_id, not niet, door),
        onderzoek_id,
        f"{indicator}: uitnodiging {uitnodiging_id}{' niet' if niet else ''}",
    )
    wat = "wordt niet meer geciteerd" if niet else "wordt geciteerd"
    click.echo(f"toelichting van uitnodiging {uitnodiging_id} bij {indicator} {wat}")
