"""`stj beoordeel`, `stj oordeel`, `stj conclusie`, `stj vaststellen`, `stj overzicht`:
from stored answers to the factsheet and the national picture."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from beoordeling import Beoordeling
from beoordeling.overzicht import Uitkomst, landelijk_overzicht, overzicht_csv, overzicht_html
from beoordeling.rapport import FORMATEN, maak_rapport, soort
from cli.omgeving import (
    KOMMA_HULP,
    NUMMER,
    actie,
    catalogus,
    in_uow,
    meld_geschreven,
    schrijf_uit,
    stop,
    wie_cli,
)
from cli.onderzoek import onderzoek
from cli.paden import uit_bestand, uit_map
from opslag.audit import leg_vast
from opslag.beoordelingen import (
    OORDELEN,
    BevestigingNodig,
    beoordeel,
    zet_conclusie,
    zet_eindoordeel,
    zet_oordeel,
    zet_status,
)
from opslag.klok import vandaag_in_nederland
from opslag.onderzoeken import lijst_onderzoeken, sluit_onderzoek
from opslag.reacties import wederhoor_stand
from opslag.uitwisseling.spreadsheet import schrijf_csv_tekst
from opslag.uow import UnitOfWork
from opslag.vervolg import reeks_van


def schrijf_rapport(beoordelingen: list[Beoordeling], formaat: str, uit: Path) -> None:
    """Render the kader's report (factsheet or nota) in a format to a file (- for stdout)."""
    try:
        inhoud = maak_rapport(beoordelingen, formaat, dt.date.today())
    except (ValueError, RuntimeError) as fout:  # RuntimeError: no PDF without WeasyPrint's Pango
        stop(str(fout))
    schrijf_uit(uit, inhoud)


@click.command("beoordeel")
@click.argument("onderzoek_ids", metavar="ONDERZOEK...", type=NUMMER, nargs=-1, required=True)
@click.option("--formaat", type=click.Choice(FORMATEN), default="html", show_default=True)
@click.option(
    "--uit",
    required=True,
    type=click.Path(path_type=Path),
    callback=uit_bestand,
    help="Bestand om naar te schrijven (- voor standaarduitvoer).",
)
def beoordeel_cmd(onderzoek_ids: tuple[int, ...], formaat: str, uit: Path) -> None:
    """Maak het rapport (concept of vastgesteld): op beleidsniveau de factsheet van een of meer
    aanpakken van één gemeente, op casusniveau de nota van bevindingen van één aanpak.

    Gebruikt alle opgeslagen antwoorden, ook van wie nog niet heeft ingediend, en de oordelen
    van inspecteurs. Waar antwoorden ontbreken staat "niet beoordeeld".

    \b
    Voorbeelden:
      stj beoordeel 1 2 --formaat pdf --uit leeuwarden.pdf
      stj beoordeel 1 --formaat json --uit leeuwarden-itg.json
      stj beoordeel 3 --formaat html --uit zwolle-nota.html
    """
    cat = catalogus()

    async def werk(uow: UnitOfWork) -> list[Beoordeling]:
        return [await beoordeel(uow, cat, n) for n in onderzoek_ids]

    beoordelingen = actie("beoordeel", werk, onderzoek_ids[0], f"formaat {formaat}")
    schrijf_rapport(beoordelingen, formaat, uit)
    meld_geschreven(uit, f"{soort(beoordelingen)} ({formaat}) geschreven naar {uit}")


@click.command("oordeel")
@click.argument("onderzoek_id", metavar="ONDERZOEK", type=NUMMER)
@click.argument("indicator")
@click.option("--oordeel", "oordeel_", type=click.Choice(OORDELEN), help="Het oordeel.")
@click.option("--tekst", help="Eigen bevinding bij deze indicator.")
@click.option("--door", default="inspecteur (cli)", show_default=True, help="Wie besluit.")
@click.option("--wis", is_flag=True, help="Haal het oordeel van de inspecteur weg.")
def oordeel(
    onderzoek_id: int, indicator: str, oordeel_: str | None, tekst: str | None, door: str, wis: bool
) -> None:
    """Leg het oordeel van de inspecteur vast voor één indicator (gaat boven de beslisregel).

    \b
    Voorbeeld:
      stj oordeel 1 sw-afspraken --oordeel verbeterpunt \\
          --tekst "Alleen zorgpartijen hebben getekend; politie en onderwijs ontbreken."
    """
    if not wis and oordeel_ is None and not tekst:
        stop("geef --oordeel en/of --tekst (of --wis om het oordeel weg te halen)")
    cat = catalogus()
    actie(
        "oordeel",
        lambda uow: zet_oordeel(
            uow,
            cat,
            onderzoek_id,
            indicator,
            None if wis else oordeel_,
            None if wis else tekst,
            door,
        ),
        onderzoek_id,
        f"{indicator}: {'weggehaald' if wis else oordeel_ or 'tekst'}",
    )
    click.echo(
        f"oordeel voor {indicator} in onderzoek {onderzoek_id} "
        f"{'weggehaald' if wis else 'vastgelegd'}"
    )


@click.command("conclusie")
@click.argument("onderzoek_id", metavar="ONDERZOEK", type=NUMMER)
@click.argument("thema")
@click.option("--gaat-goed", multiple=True, help="Een zin voor 'Wat gaat goed?' (herhaalbaar).")
@click.option("--kan-beter", multiple=True, help="Een zin voor 'Wat kan beter?' (herhaalbaar).")
@click.option("--door", default="inspecteur (cli)", show_default=True, help="Wie besluit.")
def conclusie(
    onderzoek_id: int, thema: str, gaat_goed: tuple[str, ...], kan_beter: tuple[str, ...], door: str
) -> None:
    """Vervang de conclusie van een thema door eigen tekst.

    \b
    Voorbeeld:
      stj conclusie 1 Samenwerking --kan-beter "Maak ook afspraken met politie en onderwijs."
    """
    if not gaat_goed and not kan_beter:
        stop("geef --gaat-goed en/of --kan-beter")
    cat = catalogus()
    actie(
        "conclusie",
        lambda uow: zet_conclusie(
            uow, cat, onderzoek_id, thema, list(gaat_goed) or None, list(kan_beter) or None, door
        ),
        onderzoek_id,
        thema,
    )
    click.echo(f"conclusie voor {thema} in onderzoek {onderzoek_id} vastgelegd")


@click.command("eindoordeel")
@click.argument("onderzoek_id", metavar="ONDERZOEK", type=NUMMER)
@click.option("--voldoende", "keuze", flag_value="voldoende", help="Het eindoordeel: voldoende.")
@click.option(
    "--onvoldoende",
    "keuze",
    flag_value="onvoldoende",
    help="Het eindoordeel: nog niet voldoende, moet verbeterd worden.",
)
@click.option("--wis", "keuze", flag_value="wis", help="Laat het eindoordeel weer aan de regel.")
@click.option("--tekst", help="Eigen zin in plaats van de standaardzin van het kader.")
@click.option("--door", default="inspecteur (cli)", show_default=True, help="Wie besluit.")
def eindoordeel(onderzoek_id: int, keuze: str | None, tekst: str | None, door: str) -> None:
    """Stel het eindoordeel van een themarapport zelf vast (in plaats van de regel).

    \b
    Voorbeeld:
      stj eindoordeel 4 --onvoldoende --tekst "Alles overziend …"
    """
    if keuze is None:
        stop("geef --voldoende, --onvoldoende of --wis")
    if keuze == "wis" and tekst:
        stop("--tekst kan niet samen met --wis")
    voldoende = None if keuze == "wis" else keuze == "voldoende"
    cat = catalogus()
    actie(
        "eindoordeel",
        lambda uow: zet_eindoordeel(uow, cat, onderzoek_id, voldoende, tekst, door),
        onderzoek_id,
        keuze,
    )
    wat = "aan de regel gelaten" if voldoende is None else f"vastgesteld als {keuze}"
    click.echo(f"eindoordeel van onderzoek {onderzoek_id} {wat}")


@click.command("vaststellen")
@click.argument("onderzoek_id", metavar="ONDERZOEK", type=NUMMER)
@click.option("--concept", is_flag=True, help="Heropen: zet de beoordeling terug naar concept.")
@click.option("--reden", help="Waarom een vastgestelde beoordeling wordt heropend (verplicht).")
@click.option(
    "--toch",
    is_flag=True,
    help="Stel vast hoewel er nog iets open staat (ongelezen documenten, respondenten die niet "
    "indienden, een deadline die nog komt); het auditlog noemt wat open stond.",
)
def vaststellen(onderzoek_id: int, concept: bool, reden: str | None, toch: bool) -> None:
    """Stel de beoordeling vast: daarna kan zij niet meer veranderen, tot zij met een reden
    wordt heropend. Staat er nog iets open, dan zegt vaststellen wat, en gaat het alleen door
    met --toch.

    \b
    Voorbeelden:
      stj vaststellen 1
      stj vaststellen 1 --toch
      stj vaststellen 1 --concept --reden "Nieuwe informatie van de gemeente"
    """
    status = "concept" if concept else "vastgesteld"
    cat = catalogus()

    async def werk(uow: UnitOfWork) -> str:
        vandaag = vandaag_in_nederland()
        try:
            bevestigd = await zet_status(
                uow, onderzoek_id, status, reden, vandaag, toch=toch, catalogus=cat
            )
        except BevestigingNodig as fout:
            stop(f"{fout}; stel toch vast met --toch")
        # Whether the gemeente could react, and what was open when the inspector confirmed,
        # are part of the record.
        wederhoor = (
            "" if concept else (await wederhoor_stand(uow, cat, onderzoek_id, vandaag)).regel()
        )
        details = "; ".join(
            x
            for x in (
                f"vastgesteld hoewel {'; '.join(bevestigd)}" if bevestigd else reden or "",
                wederhoor,
            )
            if x
        )
        await leg_vast(
            uow, wie_cli(), "heropenen" if concept else "vaststellen", onderzoek_id, details or None
        )
        await uow.commit()
        return wederhoor

    wederhoor = in_uow(werk)
    click.echo(f"beoordeling van onderzoek {onderzoek_id}: {status}")
    if wederhoor:
        click.echo(wederhoor)


@click.command("overzicht")
@click.option(
    "--kader",
    help="Het kader (zie 'stj kader lijst'); standaard het enige met een factsheet per gemeente.",
)
@click.option(
    "--uit",
    required=True,
    type=click.Path(path_type=Path),
    callback=uit_map,
    help="Map voor overzicht.html en overzicht.csv (wordt gemaakt in een bestaande map).",
)
@click.option("--komma", is_flag=True, help=KOMMA_HULP)
def overzicht(kader: str | None, uit: Path, komma: bool) -> None:
    """Het landelijk beeld: gemeenten × indicatoren (✓/✗/–) als HTML met heatmap en als CSV,
    het aandeel verbeterpunten per indicator en thema, en wat veranderde bij een vervolg.

    \b
    Voorbeeld:
      stj overzicht --uit landelijk/
    """
    cat = catalogus()
    if kader is None:
        bladen = sorted(k for k, x in cat.kaders.items() if x.rapport == "factsheet")
        if len(bladen) != 1:
            stop(f"kies een kader met --kader: {', '.join(bladen) or 'geen met een factsheet'}")
        kader = bladen[0]
    else:
        cat.kader(kader)  # an unknown kader: a clear error, not an empty overview
    gekozen = kader

    async def werk(uow: UnitOfWork) -> list[Uitkomst]:
        uitkomsten = []
        for o in await lijst_onderzoeken(uow):
            if o.kader == gekozen:
                info = await beoordeel(uow, cat, o.id)
                datum = (o.aangemaakt or dt.datetime.now(dt.UTC)).date()
                uitkomsten.append(Uitkomst(datum, info, await reeks_van(uow, o.id)))
        return uitkomsten

    uitkomsten = actie("overzicht", werk, None, kader)
    if not uitkomsten:
        stop(f"geen onderzoeken op {kader}; importeer antwoorden met 'stj import'")
    beeld = landelijk_overzicht(uitkomsten)
    uit.mkdir(exist_ok=True)
    (uit / "overzicht.html").write_text(overzicht_html(beeld, dt.date.today()), encoding="utf-8")
    schrijf_csv_tekst(uit / "overzicht.csv", overzicht_csv(beeld), komma)
    click.echo(
        f"{len(uitkomsten)} beoordelingen: {uit / 'overzicht.html'}, {uit / 'overzicht.csv'}"
    )


@onderzoek.command("sluit")
@click.argument("onderzoek_id", metavar="ONDERZOEK", type=NUMMER)
def onderzoek_sluit(onderzoek_id: int) -> None:
    """Sluit een onderzoek (geen antwoorden of herinneringen meer); daarna kan een
    vervolgonderzoek naar dezelfde aanpak worden geopend.

    \b
    Voorbeeld:
      stj onderzoek sluit 1
    """
    info = actie("onderzoek sluit", lambda uow: sluit_onderzoek(uow, onderzoek_id), onderzoek_id)
    click.echo(f"onderzoek {info.id} ({info.gemeente} · {info.aanpak}) is gesloten")
