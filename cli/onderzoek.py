"""`stj onderzoek …`, `stj uitnodiging nieuw`, `stj status`: opening work and following it."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import click

from bot.links import deeplink
from cli.lui import LuiGroep
from cli.omgeving import NUMMER, actie, catalogus, in_uow, print_json, stop, voluit
from cli.opdrachten import ONDERZOEK
from gesprek.invoer import lees_datum
from opslag.klok import vandaag_in_nederland
from opslag.onderzoeken import (
    OnderzoekInfo,
    lijst_onderzoeken,
    maak_onderzoek,
    maak_uitnodiging,
    status_onderzoek,
    trek_uitnodiging_in,
)


def _datum(_ctx: click.Context, _param: click.Parameter, waarde: str | None) -> dt.date | None:
    """A date as people write it (2026-12-31, 31-12-2026, 31 december 2026)."""
    if waarde is None:
        return None
    datum = lees_datum(waarde)
    if datum is None:
        raise click.BadParameter(f"'{waarde}' is geen datum; schrijf bijvoorbeeld 2026-12-31")
    return datum


def _json_info(info: OnderzoekInfo) -> dict[str, object]:
    return {
        "id": info.id,
        "gemeente": info.gemeente,
        "aanpak": info.aanpak,
        "kader": info.kader,
        "deadline": info.deadline.isoformat() if info.deadline else None,
        "status": info.status,
        "respondenten": info.respondenten,
        "ingediend": info.ingediend,
    }


@click.group(cls=LuiGroep, lui=ONDERZOEK)
def onderzoek() -> None:
    """Onderzoeken openen en bekijken.

    \b
    Voorbeeld:
      stj onderzoek lijst
    """


@onderzoek.command("nieuw")
@click.option("--gemeente", required=True, help="Naam van de gemeente.")
@click.option("--aanpak", required=True, help="Naam van de aanpak die wordt onderzocht.")
@click.option(
    "--kader", required=True, help="Het toetsingskader; 'stj kader lijst' toont welke er zijn."
)
@click.option(
    "--deadline",
    callback=_datum,
    help="Uiterste datum voor de antwoorden: 2026-12-31 of 31-12-2026 (dag-maand-jaar).",
)
@click.option("--json", "als_json", is_flag=True, help="Druk het resultaat af als JSON.")
def onderzoek_nieuw(
    gemeente: str, aanpak: str, kader: str, deadline: dt.date | None, als_json: bool
) -> None:
    """Open een onderzoek voor een gemeente en aanpak.

    \b
    Voorbeeld:
      stj onderzoek nieuw --gemeente Leeuwarden --aanpak "Interventieteam Gezinnen" \\
          --kader beleidsniveau --deadline 2026-12-31 --json
    """
    cat = catalogus()
    info = actie(
        "onderzoek nieuw",
        lambda uow: maak_onderzoek(
            uow, cat, gemeente, aanpak, kader, deadline, vandaag_in_nederland()
        ),
        lambda i: i.id,
        f"{gemeente} · {aanpak} ({kader})",
    )
    if als_json:
        print_json(_json_info(info))
    else:
        tot = f"deadline {voluit(info.deadline)}" if info.deadline else "zonder deadline"
        click.echo(
            f"onderzoek {info.id} geopend: {info.gemeente} · {info.aanpak} ({info.kader}), {tot}"
        )


@onderzoek.command("lijst")
@click.option("--json", "als_json", is_flag=True, help="Druk de lijst af als JSON.")
def onderzoek_lijst(als_json: bool) -> None:
    """Toon alle onderzoeken met hun voortgang.

    \b
    Voorbeeld:
      stj onderzoek lijst
    """
    onderzoeken = in_uow(lijst_onderzoeken)
    if als_json:
        print_json([_json_info(o) for o in onderzoeken])
        return
    if not onderzoeken:
        click.echo("nog geen onderzoeken; open er een met 'stj onderzoek nieuw'")
    for o in onderzoeken:
        deadline = f", deadline {o.deadline.isoformat()}" if o.deadline else ""
        click.echo(
            f"{o.id:>4}  {o.gemeente} · {o.aanpak} ({o.kader}{deadline}): "
            f"{o.ingediend}/{o.respondenten} ingediend"
        )


@click.group()
def uitnodiging() -> None:
    """Respondenten uitnodigen.

    \b
    Voorbeeld:
      stj uitnodiging nieuw 1 --rol netwerkpartner --organisatie "Fier Fryslân"
    """


@uitnodiging.command("nieuw")
@click.argument("onderzoek_id", metavar="ONDERZOEK", type=NUMMER)
@click.option(
    "--rol",
    required=True,
    help="Een rol van het kader van het onderzoek ('stj kader lijst' toont ze).",
)
@click.option(
    "--organisatie", help="Organisatie van de respondent (niet bij een rol zonder organisatie)."
)
@click.option(
    "--casus",
    help='Casuslabel bij een rol die bij een casus hoort, bijvoorbeeld "gezin 1"; zonder: het '
    'volgende vrije label ("gezin A", "gezin B", …). Nooit een naam of adres.',
)
@click.option(
    "--qr",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Schrijf ook een QR-code met de link naar dit PNG-bestand.",
)
@click.option("--json", "als_json", is_flag=True, help="Druk id, token en link af als JSON.")
def uitnodiging_nieuw(
    onderzoek_id: int,
    rol: str,
    organisatie: str | None,
    casus: str | None,
    qr: Path | None,
    als_json: bool,
) -> None:
    """Nodig een respondent uit: geeft het token en de link naar de bot.

    \b
    Voorbeelden:
      stj uitnodiging nieuw 1 --rol gemeente --organisatie "Gemeente Leeuwarden" --qr gem.png
      stj uitnodiging nieuw 2 --rol ouder --casus "gezin 1" --json
    """
    cat = catalogus()
    if qr is not None and not (qr.parent.is_dir() and os.access(qr.parent, os.W_OK)):
        # Checked first, so a QR code that cannot be written creates no invitation.
        stop(
            f"kan de QR-code niet schrijven: map '{qr.parent}' bestaat niet of is niet schrijfbaar"
        )
    info = actie(
        "uitnodiging nieuw",
        lambda uow: maak_uitnodiging(uow, cat, onderzoek_id, rol, organisatie, casus),
        onderzoek_id,
        f"{rol} {organisatie or ''} {casus or ''}".strip(),
    )
    link = deeplink(info.token)
    if qr is not None:
        import segno  # only here: most commands never draw a QR code

        segno.make(link, error="m").save(str(qr), scale=8, border=2)
    if als_json:
        print_json(
            {
                "id": info.id,
                "onderzoek": info.onderzoek_id,
                "rol": info.rol,
                "organisatie": info.organisatie,
                "casus": info.casus,
                "token": info.token,
                "link": link,
                "qr": str(qr) if qr else None,
            }
        )
        return
    click.echo(f"uitnodiging {info.id} ({info.wie})\ntoken: {info.token}\nlink:  {link}")
    if qr is not None:
        click.echo(f"QR-code: {qr}")


@uitnodiging.command("intrekken")
@click.argument("uitnodiging_id", metavar="UITNODIGING", type=NUMMER)
def uitnodiging_intrekken(uitnodiging_id: int) -> None:
    """Trek een uitnodiging in: de link werkt niet meer en er kan niets meer mee worden
    beantwoord, ingediend of gewist. Wat al beantwoord is, blijft voor de inspecteurs.

    \b
    Voorbeeld:
      stj uitnodiging intrekken 12
    """
    info = actie(
        "uitnodiging intrekken",
        lambda uow: trek_uitnodiging_in(uow, uitnodiging_id),
        lambda i: i.onderzoek_id,
        f"uitnodiging {uitnodiging_id}",
    )
    click.echo(f"uitnodiging {info.id} ({info.wie}) is ingetrokken")


@click.command()
@click.argument("onderzoek_id", metavar="ONDERZOEK", type=NUMMER)
@click.option("--json", "als_json", is_flag=True, help="Druk de status af als JSON.")
def status(onderzoek_id: int, als_json: bool) -> None:
    """Toon per respondent rol, organisatie, status en beantwoorde vragen.

    \b
    Voorbeeld:
      stj status 1
    """
    cat = catalogus()
    info, regels = actie(
        "status", lambda uow: status_onderzoek(uow, cat, onderzoek_id), onderzoek_id
    )
    if als_json:
        print_json(
            {
                **_json_info(info),
                "respondenten": [
                    {
                        "id": r.id,
                        "rol": r.rol,
                        "organisatie": r.organisatie,
                        "casus": r.casus,
                        "status": r.status,
                        "beantwoord": r.beantwoord,
                        "totaal": r.totaal,
                        "kernvragen": r.kernvragen,
                        "kernvragen_totaal": r.kernvragen_totaal,
                        "laatste_activiteit": r.laatste_activiteit,
                        "herinneringen": r.herinneringen,
                        **({"interview": r.interview} if r.interview else {}),
                    }
                    for r in regels
                ],
            }
        )
        return
    click.echo(f"onderzoek {info.id}: {info.gemeente} · {info.aanpak} ({info.kader})")
    if not regels:
        click.echo("nog geen respondenten; nodig ze uit met 'stj uitnodiging nieuw'")
    for r in regels:
        bron = f"  ({r.interview})" if r.interview else ""
        click.echo(
            f"  {r.wie:<45} {r.status:<12} {r.kernvragen} van {r.kernvragen_totaal} kernvragen"
            f"{bron}"
        )
