"""What the inspector read and heard besides the questionnaires: `stj document` (the document
list, requested / received / read, and per indicator what a document says), `stj dossier`
(what a family's dossier shows), `stj interview` (answers recorded in a conversation) and
`stj bevinding` (edit or drop one part of a finding)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from cli.documenten import document
from cli.omgeving import NUMMER, actie, catalogus, in_uow, print_json, stop
from cli.onderzoek import _datum
from opslag.beoordelingen import beoordeel, zet_deel
from opslag.bewijsstukken import (
    STATUS_LABEL,
    STEUN_LABEL,
    documentlijst,
    dossierbevindingen,
    lees_document,
    zet_document,
    zet_dossier,
)
from opslag.interviews import bewaar_interview, maak_interview
from opslag.klok import vandaag_in_nederland
from opslag.onderzoeken import haal_onderzoek, onderzoek_van_uitnodiging
from opslag.uow import UnitOfWork
from vragenlijsten.antwoorden import DOCUMENT_STATUSSEN, Antwoord, Dossierbevinding


@document.command("bewijs")
@click.argument("onderzoek_id", metavar="ONDERZOEK", type=NUMMER)
@click.option("--json", "als_json", is_flag=True, help="Druk de lijst af als JSON.")
def bewijs(onderzoek_id: int, als_json: bool) -> None:
    """De documentenlijst van een onderzoek: wat respondenten noemden en wat de inspecteur
    opvroeg, ontving en las, met per indicator wat er staat.

    \b
    Voorbeeld:
      stj document bewijs 1
    """

    async def werk(uow: UnitOfWork) -> list[dict[str, object]]:
        await haal_onderzoek(uow, onderzoek_id)
        return [
            {
                "titel": r.titel,
                "status": r.status,
                "datum": r.datum.isoformat() if r.datum else None,
                "genoemd": [{"wie": n.wie, "vraag": n.indicator_id} for n in r.genoemd],
                "lezingen": {
                    i: {"steun": lz.steun, "notitie": lz.notitie} for i, lz in r.lezingen.items()
                },
            }
            for r in await documentlijst(uow, onderzoek_id)
        ]

    lijst = actie("document bewijs", werk, onderzoek_id)
    if als_json:
        print_json(lijst)
        return
    if not lijst:
        click.echo(f"onderzoek {onderzoek_id} heeft (nog) geen documenten")
    for d in lijst:
        datum = f" ({dt.date.fromisoformat(str(d['datum'])):%d-%m-%Y})" if d["datum"] else ""
        click.echo(f"‘{d['titel']}’ · {STATUS_LABEL[str(d['status'])]}{datum}")
        for n in d["genoemd"]:  # type: ignore[attr-defined]
            click.echo(f"    genoemd door {n['wie']} bij {n['vraag']}")
        for indicator, lezing in d["lezingen"].items():  # type: ignore[attr-defined]
            notitie = f": {lezing['notitie']}" if lezing["notitie"] else ""
            click.echo(f"    {indicator}: {STEUN_LABEL[lezing['steun']]}{notitie}")


@document.command("nieuw")
@click.argument("onderzoek_id", metavar="ONDERZOEK", type=NUMMER)
@click.argument("titel")
@click.option(
    "--status",
    type=click.Choice(DOCUMENT_STATUSSEN),
    default="opgevraagd",
    show_default=True,
    help="Waar het document staat.",
)
@click.option("--datum", callback=_datum, help="Wanneer (standaard vandaag), JJJJ-MM-DD.")
@click.option("--door", default="inspecteur (cli)", show_default=True, help="Wie.")
def document_nieuw(
    onderzoek_id: int, titel: str, status: str, datum: dt.date | None, door: str
) -> None:
    """Zet een document op de lijst, of leg vast dat het is opgevraagd, ontvangen of gelezen.

    \b
    Voorbeelden:
      stj document nieuw 1 "Werkplan Amaryllis interventieteams 2013" --status ontvangen
      stj document nieuw 1 "Jaarverslag 2012" --status gelezen --datum 2013-06-12
    """
    vandaag = vandaag_in_nederland()
    nummer = actie(
        "document nieuw",
        lambda uow: zet_document(uow, onderzoek_id, titel, status, datum, door, vandaag),
        onderzoek_id,
        f"{titel}: {status}",
    )
    click.echo(f"document {nummer} in onderzoek {onderzoek_id}: ‘{titel}’, {status}")


STEUN_OPTIES = {"steunt": "steunt", "deels": "steunt_deels", "niet": "steunt_niet"}


@document.command("lees")
@click.argument("onderzoek_id", metavar="ONDERZOEK", type=NUMMER)
@click.argument("titel")
@click.argument("indicator")
@click.option(
    "--steun",
    type=click.Choice([*STEUN_OPTIES, "wis"]),
    required=True,
    help="Steunt het document de indicator: steunt, deels, niet; wis haalt de lezing weg.",
)
@click.option("--notitie", help='Wat erin staat, zoals het rapport het zegt ("In het … staat …").')
@click.option("--door", default="inspecteur (cli)", show_default=True, help="Wie.")
def document_lees(
    onderzoek_id: int, titel: str, indicator: str, steun: str, notitie: str | None, door: str
) -> None:
    """Leg vast wat een document zegt over één indicator. Een gelezen document dat de
    indicator steunt, telt als vastlegging (regel 3, waar het kader dat toelaat).

    \b
    Voorbeelden:
      stj document lees 1 "Samenwerkingsafspraken 2013" sw-afspraken --steun deels \\
          --notitie "Alleen zorgaanbieders tekenden; politie en onderwijs ontbreken."
      stj document lees 1 "Samenwerkingsafspraken 2013" sw-afspraken --steun wis
    """
    cat = catalogus()
    vandaag = vandaag_in_nederland()
    keuze = STEUN_OPTIES.get(steun)
    actie(
        "document lees",
        lambda uow: lees_document(
            uow, cat, onderzoek_id, titel, indicator, keuze, notitie, door, vandaag
        ),
        onderzoek_id,
        f"{titel}, {indicator}: {keuze or 'gewist'}",
    )
    wat = STEUN_LABEL[keuze] if keuze else "lezing weggehaald"
    click.echo(f"‘{titel}’ bij {indicator} in onderzoek {onderzoek_id}: {wat}")


@click.group()
def dossier() -> None:
    """Wat de inspecteur in het dossier van een gezin zag, per indicator.

    \b
    Voorbeelden:
      stj dossier lijst 3
      stj dossier zet 3 "gezin 1" ca-plan --nee --notitie "Er is geen gezamenlijk plan."
    """


@dossier.command("lijst")
@click.argument("onderzoek_id", metavar="ONDERZOEK", type=NUMMER)
def dossier_lijst(onderzoek_id: int) -> None:
    """De dossierbevindingen van een onderzoek, per gezin.

    \b
    Voorbeeld:
      stj dossier lijst 3
    """

    async def werk(uow: UnitOfWork) -> list[Dossierbevinding]:
        await haal_onderzoek(uow, onderzoek_id)
        return await dossierbevindingen(uow, onderzoek_id)

    lijst = actie("dossier lijst", werk, onderzoek_id)
    if not lijst:
        click.echo(f"onderzoek {onderzoek_id} heeft (nog) geen dossierbevindingen")
    for b in lijst:
        notitie = f": {b.notitie}" if b.notitie else ""
        click.echo(f"{b.casus} · {b.indicator} · {b.waarde}{notitie}")


@dossier.command("zet")
@click.argument("onderzoek_id", metavar="ONDERZOEK", type=NUMMER)
@click.argument("casus")
@click.argument("indicator")
@click.option("--ja", "waarde", flag_value="ja", help="Het dossier laat zien dat het zo is.")
@click.option("--deels", "waarde", flag_value="deels", help="Maar deels.")
@click.option("--nee", "waarde", flag_value="nee", help="Het dossier laat zien dat het niet zo is.")
@click.option("--wis", "waarde", flag_value="wis", help="Haal de bevinding weg.")
@click.option("--notitie", help='Wat er in het dossier staat ("In het dossier …").')
@click.option("--door", default="inspecteur (cli)", show_default=True, help="Wie.")
def dossier_zet(
    onderzoek_id: int,
    casus: str,
    indicator: str,
    waarde: str | None,
    notitie: str | None,
    door: str,
) -> None:
    """Leg vast wat het dossier van één gezin laat zien over één indicator.

    \b
    Voorbeeld:
      stj dossier zet 3 "gezin 1" ca-plan --nee --notitie "Er is geen gezamenlijk plan."
    """
    if waarde is None:
        stop("kies --ja, --deels, --nee of --wis")
    cat = catalogus()
    gekozen = None if waarde == "wis" else waarde
    actie(
        "dossier",
        lambda uow: zet_dossier(uow, cat, onderzoek_id, casus, indicator, gekozen, notitie, door),
        onderzoek_id,
        f"{casus}, {indicator}: {gekozen or 'gewist'}",
    )
    click.echo(f"dossier {casus} bij {indicator} in onderzoek {onderzoek_id}: {waarde}")


@click.group()
def interview() -> None:
    """Antwoorden die de inspecteur in een gesprek vastlegde, namens de respondent.

    \b
    Voorbeelden:
      stj interview nieuw 3 --rol ouder --casus "gezin 1" --door "A. de Vries" \\
          --antwoorden gezin1-moeder.json --afgerond
      stj interview antwoorden 12 aanvulling.json
    """


def _antwoorden(pad: Path | None) -> dict[str, Antwoord | None]:
    """Answers per item as in stj-antwoorden/1 ({"ca-plan": {"waarde": "nee"}}); null removes
    one."""
    if pad is None:
        return {}
    try:
        data = json.loads(pad.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as fout:
        stop(f"{pad} kan niet worden gelezen: {fout.__class__.__name__}")
    except json.JSONDecodeError as fout:
        stop(f"{pad}: geen geldige JSON (regel {fout.lineno}, kolom {fout.colno})")
    if not isinstance(data, dict):
        stop(f'{pad}: verwacht een object met per vraag een antwoord ({{"ca-plan": {{…}}}})')
    antwoorden: dict[str, Antwoord | None] = {}
    for item_id, ruw in data.items():
        try:
            antwoorden[str(item_id)] = None if ruw is None else Antwoord.model_validate(ruw)
        except ValueError:
            stop(f'{pad}: vraag \'{item_id}\': verwacht {{"waarde": …, "toelichting": …}}')
    return antwoorden


@interview.command("nieuw")
@click.argument("onderzoek_id", metavar="ONDERZOEK", type=NUMMER)
@click.option("--rol", required=True, help="De rol van wie werd geïnterviewd.")
@click.option("--organisatie", help="Organisatie (niet voor rollen zonder organisatie).")
@click.option("--casus", help='Het gezin ("gezin 1"), bij rollen per casus.')
@click.option("--datum", callback=_datum, help="Datum van het interview (standaard vandaag).")
@click.option("--door", required=True, help="Wie het interview hield.")
@click.option(
    "--antwoorden",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="JSON met per vraag het antwoord, zoals in stj-antwoorden/1.",
)
@click.option("--afgerond", is_flag=True, help="Het interview is compleet (telt als ingediend).")
def interview_nieuw(
    onderzoek_id: int,
    rol: str,
    organisatie: str | None,
    casus: str | None,
    datum: dt.date | None,
    door: str,
    antwoorden: Path | None,
    afgerond: bool,
) -> None:
    """Leg een interview vast: een respondent van deze rol, met de antwoorden die hij of zij
    in het gesprek gaf (op de vragen van de vragenlijst van die rol).

    \b
    Voorbeeld:
      stj interview nieuw 3 --rol ouder --casus "gezin 1" --door "A. de Vries" \\
          --antwoorden gezin1-moeder.json --afgerond
    """
    cat = catalogus()
    vandaag = vandaag_in_nederland()
    gegeven = _antwoorden(antwoorden)

    async def werk(uow: UnitOfWork) -> tuple[int, str, int]:
        info = await maak_interview(
            uow, cat, onderzoek_id, rol, organisatie, casus, datum, door, vandaag
        )
        n = await bewaar_interview(uow, cat, info.id, gegeven, afgerond, f"interview door {door}")
        return info.id, info.wie, n

    nummer, wie, n = actie("interview", werk, onderzoek_id, f"{rol} {casus or ''}".strip())
    click.echo(f"interview {nummer} ({wie}) in onderzoek {onderzoek_id}: {n} antwoord(en)")


@interview.command("antwoorden")
@click.argument("uitnodiging_id", metavar="INTERVIEW", type=NUMMER)
@click.argument("bestand", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--afgerond", is_flag=True, help="Het interview is compleet (telt als ingediend).")
@click.option("--door", default="inspecteur (cli)", show_default=True, help="Wie.")
def interview_antwoorden(uitnodiging_id: int, bestand: Path, afgerond: bool, door: str) -> None:
    """Vul de antwoorden van een interview aan of verbeter ze.

    \b
    Voorbeeld:
      stj interview antwoorden 12 aanvulling.json --afgerond
    """
    cat = catalogus()
    gegeven = _antwoorden(bestand)

    async def werk(uow: UnitOfWork) -> tuple[int, int]:
        n = await bewaar_interview(uow, cat, uitnodiging_id, gegeven, afgerond, door)
        return await onderzoek_van_uitnodiging(uow, uitnodiging_id), n

    onderzoek_id, n = actie("interview", werk, lambda r: r[0], f"interview {uitnodiging_id}")
    click.echo(
        f"interview {uitnodiging_id} in onderzoek {onderzoek_id}: {n} antwoord(en) gewijzigd"
    )


@click.command("bevinding")
@click.argument("onderzoek_id", metavar="ONDERZOEK", type=NUMMER)
@click.argument("indicator")
@click.argument("deel", required=False)
@click.option("--tekst", help="Eigen tekst voor dit deel.")
@click.option("--weg", is_flag=True, help="Laat dit deel weg uit de bevinding.")
@click.option("--herstel", is_flag=True, help="Terug naar wat de bronnen zeggen.")
@click.option("--door", default="inspecteur (cli)", show_default=True, help="Wie.")
def bevinding(
    onderzoek_id: int,
    indicator: str,
    deel: str | None,
    tekst: str | None,
    weg: bool,
    herstel: bool,
    door: str,
) -> None:
    """Toon de delen van een bevinding (zonder DEEL), of pas één deel aan.

    \b
    Voorbeelden:
      stj bevinding 1 tl-populatie
      stj bevinding 1 tl-populatie toelichting --tekst "De gemeente weet om hoeveel gezinnen …"
      stj bevinding 1 tl-populatie antwoorden --weg
      stj bevinding 1 tl-populatie antwoorden --herstel
    """
    cat = catalogus()
    if deel is None:
        if tekst or weg or herstel:
            stop("noem het deel dat u wilt aanpassen (zie 'stj bevinding ONDERZOEK INDICATOR')")
        b = in_uow(lambda uow: beoordeel(uow, cat, onderzoek_id))
        try:
            io = b.oordeel(indicator)
        except KeyError:
            stop(f"indicator '{indicator}' bestaat niet in kader {b.kader}")
        for d in io.delen:
            staat = " (weggelaten)" if d.weggelaten else " (eigen tekst)" if d.aangepast else ""
            click.echo(f"[{d.sleutel}] {d.bron}{staat}\n    {d.tekst}")
        return
    if sum((tekst is not None, weg, herstel)) != 1:
        stop("kies --tekst, --weg of --herstel (één van de drie)")
    actie(
        "bevinding",
        lambda uow: zet_deel(uow, cat, onderzoek_id, indicator, deel, tekst, weg, door),
        onderzoek_id,
        f"{indicator} [{deel}]: {'weg' if weg else 'hersteld' if herstel else 'eigen tekst'}",
    )
    wat = "weggelaten" if weg else "terug naar de bronnen" if herstel else "eigen tekst"
    click.echo(f"bevinding {indicator} [{deel}] in onderzoek {onderzoek_id}: {wat}")
