"""`stj inspecteur …`, `stj onderzoek koppel|verleng|schema`, `stj herinner`: the inspector's
work from the command line."""

from __future__ import annotations

import asyncio
import os

import click
from telegram import Bot

from bot.app import api_url
from bot.herinneren import verstuur_herinneringen
from bot.links import deeplink
from bot.verzender import Tempo
from cli.omgeving import (
    NUMMER,
    actie,
    catalogus,
    database,
    in_uow,
    print_json,
    stop,
    voluit,
    wie_cli,
)
from cli.onderzoek import onderzoek
from gesprek.invoer import lees_datum
from opslag.audit import audit_log, leg_vast
from opslag.herinneringen import al_herinnerd_regel, plan_nu
from opslag.inspecteurs import (
    koppel,
    lijst_inspecteurs,
    maak_inspecteur,
    trek_inspecteur_in,
    verleng,
    zet_schema,
)
from opslag.klok import vandaag_in_nederland
from opslag.uow import UnitOfWork
from opslag.weblinks import inloglink, maak_weblink, web_url


@click.group()
def inspecteur() -> None:
    """Inspecteurs registreren.

    \b
    Voorbeeld:
      stj inspecteur nieuw --naam "A. de Vries" --coordinator
    """


@inspecteur.command("nieuw")
@click.option("--naam", required=True, help="Naam van de inspecteur.")
@click.option("--coordinator", is_flag=True, help="Ziet en beheert alle onderzoeken.")
@click.option("--json", "als_json", is_flag=True, help="Druk id, token en link af als JSON.")
def inspecteur_nieuw(naam: str, coordinator: bool, als_json: bool) -> None:
    """Registreer een inspecteur: geeft een eenmalige link waarmee hij in Telegram inspecteur
    wordt.

    \b
    Voorbeeld:
      stj inspecteur nieuw --naam "A. de Vries" --json
    """
    info = actie(
        "inspecteur nieuw", lambda uow: maak_inspecteur(uow, naam, coordinator), None, naam
    )
    link = deeplink(info.token)
    if als_json:
        print_json(
            {
                "id": info.id,
                "naam": info.naam,
                "coordinator": info.coordinator,
                "token": info.token,
                "link": link,
            }
        )
    else:
        click.echo(f"inspecteur {info.id} ({info.naam})\nlink (eenmalig): {link}")


@inspecteur.command("lijst")
def inspecteur_lijst() -> None:
    """Toon alle inspecteurs.

    \b
    Voorbeeld:
      stj inspecteur lijst
    """
    for i in in_uow(lijst_inspecteurs):
        rol = "coördinator" if i.coordinator else "inspecteur"
        actief = (
            "ingetrokken"
            if i.ingetrokken
            else "in Telegram actief"
            if i.telegram_user_id
            else "link nog niet gebruikt"
        )
        click.echo(f"{i.id:>4}  {i.naam} ({rol}, {actief})")


@inspecteur.command("weblink")
@click.argument("inspecteur_id", metavar="INSPECTEUR", type=NUMMER)
@click.option(
    "--poort",
    type=click.IntRange(1, 65535),
    help="De poort van 'stj web --poort' (zonder STJ_WEB_URL; standaard 8080).",
)
def inspecteur_weblink(inspecteur_id: int, poort: int | None) -> None:
    """Maak een inloglink voor de webconsole: één keer te gebruiken, 15 minuten geldig. De
    laatste regel is de link, gebouwd op STJ_WEB_URL (anders http://127.0.0.1:8080, of de
    poort van --poort).

    \b
    Voorbeelden:
      stj inspecteur weblink 2
      stj inspecteur weblink 2 --poort 18090
      STJ_WEB_URL=https://stj.example.nl stj inspecteur weblink 2
    """
    token = actie("weblink", lambda uow: maak_weblink(uow, inspecteur_id))
    click.echo("Inloglink voor de webconsole (één keer te gebruiken, 15 minuten geldig):")
    click.echo(inloglink(web_url(poort), token))


@inspecteur.command("intrekken")
@click.argument("inspecteur_id", metavar="INSPECTEUR", type=NUMMER)
def inspecteur_intrekken(inspecteur_id: int) -> None:
    """Trek een inspecteur in: daarna weigert de bot hem zoals ieder ander. Wat hij deed, blijft
    in het auditlog.

    \b
    Voorbeeld:
      stj inspecteur intrekken 2
    """
    info = actie(
        "inspecteur intrekken",
        lambda uow: trek_inspecteur_in(uow, inspecteur_id),
        None,
        f"inspecteur {inspecteur_id}",
    )
    click.echo(f"inspecteur {info.id} ({info.naam}) is ingetrokken")


@onderzoek.command("koppel")
@click.argument("onderzoek_id", metavar="ONDERZOEK", type=NUMMER)
@click.argument("inspecteur_id", metavar="INSPECTEUR", type=NUMMER)
def onderzoek_koppel(onderzoek_id: int, inspecteur_id: int) -> None:
    """Koppel een inspecteur aan een onderzoek.

    \b
    Voorbeeld:
      stj onderzoek koppel 3 1
    """

    async def werk(uow: UnitOfWork) -> None:
        await koppel(uow, onderzoek_id, inspecteur_id)

    actie("onderzoek koppel", werk, onderzoek_id, f"inspecteur {inspecteur_id}")
    click.echo(f"inspecteur {inspecteur_id} is gekoppeld aan onderzoek {onderzoek_id}")


@onderzoek.command("verleng")
@click.argument("onderzoek_id", metavar="ONDERZOEK", type=NUMMER)
@click.option(
    "--deadline", required=True, help="Nieuwe deadline: 2027-01-31 of 31-01-2027 (dag-maand-jaar)."
)
def onderzoek_verleng(onderzoek_id: int, deadline: str) -> None:
    """Verschuif de deadline van een onderzoek (de herinneringen schuiven mee).

    \b
    Voorbeeld:
      stj onderzoek verleng 3 --deadline 2027-01-31
    """
    datum = lees_datum(deadline)
    if datum is None:
        stop(f"'{deadline}' is geen datum; schrijf bijvoorbeeld 2027-01-31")

    async def werk(uow: UnitOfWork) -> None:
        await verleng(uow, onderzoek_id, datum, vandaag_in_nederland())

    actie("onderzoek verleng", werk, onderzoek_id, datum.isoformat())
    click.echo(f"deadline van onderzoek {onderzoek_id} is nu {voluit(datum)}")


@onderzoek.command("schema")
@click.argument("onderzoek_id", metavar="ONDERZOEK", type=NUMMER)
@click.option(
    "--dagen", default="7,2,0", show_default=True, help="Dagen vóór de deadline, met komma's."
)
@click.option("--tijd", default="10:00", show_default=True, help="Tijdstip (Europe/Amsterdam).")
def onderzoek_schema(onderzoek_id: int, dagen: str, tijd: str) -> None:
    """Stel in wanneer de bot vanzelf herinneringen stuurt.

    \b
    Voorbeeld:
      stj onderzoek schema 3 --dagen 14,7,1 --tijd 09:30
    """
    try:
        lijst = [int(d) for d in dagen.split(",") if d.strip()]
    except ValueError:
        stop(f"'{dagen}' is geen lijst van dagen; schrijf bijvoorbeeld 7,2,0")

    async def werk(uow: UnitOfWork) -> None:
        await zet_schema(uow, onderzoek_id, lijst, tijd)

    actie("onderzoek schema", werk, onderzoek_id, f"{dagen} om {tijd}")
    click.echo(
        f"herinneringen voor onderzoek {onderzoek_id}: {sorted(set(lijst), reverse=True)} "
        f"dagen voor de deadline om {tijd}"
    )


@click.command()
@click.argument("onderzoek_id", metavar="ONDERZOEK", type=NUMMER)
def herinner(onderzoek_id: int) -> None:
    """Stuur iedereen die begonnen is maar nog niet heeft ingediend een herinnering.

    Gebruikt STJ_TELEGRAM_TOKEN en verstuurt op Telegrams tempo (hoogstens 30 per seconde).

    \b
    Voorbeeld:
      stj herinner 3
    """
    token = os.environ.get("STJ_TELEGRAM_TOKEN", "").strip()
    if not token:
        stop("STJ_TELEGRAM_TOKEN ontbreekt; herinneringen gaan via de bot")
    cat = catalogus()

    async def werk() -> None:
        async with database() as sessions:
            async with UnitOfWork(sessions) as uow:
                plan = await plan_nu(uow, cat, onderzoek_id, wie_cli(), vandaag_in_nederland())
                await leg_vast(uow, wie_cli(), "herinner", onderzoek_id)
                await uow.commit()
            async with Bot(token, base_url=api_url()) as bot:
                telling = await verstuur_herinneringen(
                    bot, sessions, plan.te_versturen, Tempo(), vandaag_in_nederland()
                )
        click.echo(
            f"verstuurd: {telling.verzonden}\novergeslagen (al ingediend): "
            f"{len(plan.al_ingediend)}\nniet bereikbaar (nooit begonnen): "
            f"{len(plan.nooit_gestart)}\nmislukt (bot geblokkeerd): {telling.geblokkeerd}"
            + (f"\nmislukt (andere fout): {telling.mislukt}" if telling.mislukt else "")
            + (f"\n{al_herinnerd_regel(plan)}" if plan.al_herinnerd else "")
        )
        for r in plan.nooit_gestart:
            click.echo(f"  stuur opnieuw: {r.wie}: {deeplink(r.token)}")

    asyncio.run(werk())


@click.command("audit")
@click.option("--onderzoek", "onderzoek_id", type=NUMMER, help="Alleen dit onderzoek.")
@click.option("--geweigerd", is_flag=True, help="Alleen geweigerde pogingen.")
@click.option("--json", "als_json", is_flag=True, help="Druk het log af als JSON.")
def audit(onderzoek_id: int | None, geweigerd: bool, als_json: bool) -> None:
    """Het auditlog: wie deed wat en wanneer, bij welk onderzoek, en elke geweigerde poging
    (ook van wie geen inspecteur is).

    \b
    Voorbeelden:
      stj audit --onderzoek 3
      stj audit --geweigerd
    """
    regels = in_uow(lambda uow: audit_log(uow, onderzoek_id, geweigerd))
    if als_json:
        print_json(
            [
                {
                    "id": r.id,
                    "wanneer": r.wanneer.isoformat(),
                    "wie": r.wie,
                    "actie": r.actie,
                    "onderzoek": r.onderzoek_id,
                    "details": r.details,
                    "geweigerd": r.geweigerd,
                }
                for r in regels
            ]
        )
        return
    if not regels:
        over = f" over onderzoek {onderzoek_id}" if onderzoek_id is not None else ""
        soort = "geweigerde pogingen" if geweigerd else "regels"
        click.echo(f"het auditlog heeft (nog) geen {soort}{over}")
    for r in regels:
        waar = f" · onderzoek {r.onderzoek_id}" if r.onderzoek_id else ""
        uitslag = " · GEWEIGERD" if r.geweigerd else ""
        details = f" · {r.details}" if r.details else ""
        click.echo(
            f"{r.wanneer:%d-%m-%Y %H:%M:%S} UTC · {r.wie} · {r.actie}{waar}{uitslag}{details}"
        )
