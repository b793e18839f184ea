"""`stj wederhoor`, `stj reactie`, `stj publiceer`, `stj verbeterplan`, `stj onderzoek vervolg`:
the steps after the concept on the command line, over the services the bot and the console
call. What goes to the gemeente goes by Telegram (with STJ_TELEGRAM_TOKEN, to the contact who
opened their link there) and always by a web link printed here."""

from __future__ import annotations

import asyncio
import datetime as dt
import os

import click
from telegram import Bot

from beoordeling.rapport import maak_rapport, soort
from bot.app import api_url
from bot.links import deeplink
from bot.proces import PUBLICATIE, stap_tekst, stuur_stap
from cli.omgeving import NUMMER, actie, catalogus, in_uow, stop, voluit, wie_cli
from cli.onderzoek import _datum, onderzoek
from opslag import proces
from opslag.beoordelingen import beoordeel
from opslag.klok import vandaag_in_nederland
from opslag.proces import Stap, verleng_stap, vervang_link
from opslag.reacties import reacties_van, wederhoor_stand
from opslag.uow import UnitOfWork
from opslag.verbeterplan import planstand, publiceer
from opslag.vervolg import open_vervolg
from opslag.weblinks import web_url
from opslag.wederhoor import beslis, leg_voor


def gemeentelink(token: str) -> str:
    """The web link of a step for the gemeente, on STJ_WEB_URL."""
    return proces.gemeentelink(web_url(), token)


def _stuur(
    onderzoek_id: int, chat_id: int | None, tekst: str, stap: Stap | None, met_pdf: bool
) -> str:
    """Send by Telegram where possible; the line that says how it went."""
    token = os.environ.get("STJ_TELEGRAM_TOKEN", "").strip()
    if chat_id is None:
        return (
            "Telegram: de contactpersoon van de gemeente heeft de bot niet geopend; stuur de link"
        )
    if not token:
        return "Telegram: STJ_TELEGRAM_TOKEN ontbreekt; stuur de link"
    cat = catalogus()
    b = in_uow(lambda uow: beoordeel(uow, cat, onderzoek_id))
    pdf, naam, waarom = None, "", ""
    if met_pdf:
        try:
            pdf = maak_rapport([b], "pdf", vandaag_in_nederland())
            naam = f"{soort([b])}-{b.gemeente}-{b.aanpak}.pdf".replace(" ", "_").replace("/", "_")
        except RuntimeError as fout:  # no PDF without WeasyPrint's Pango
            waarom = f" (zonder PDF: {fout})"

    async def werk() -> str | None:
        async with Bot(token, base_url=api_url()) as bot:
            return await stuur_stap(bot, chat_id, tekst, pdf, naam, stap)

    probleem = asyncio.run(werk())
    return f"Telegram: {probleem}" if probleem else f"Telegram: verstuurd{waarom}"


def _nieuwe_link(onderzoek_id: int, soort: str) -> None:
    """Replace the web link of an open step and print the new one (the old stops working)."""
    stap = actie(
        f"{soort} nieuwe link",
        lambda uow: vervang_link(uow, onderzoek_id, soort, vandaag_in_nederland()),
        onderzoek_id,
    )
    assert stap.link is not None
    click.echo(
        f"nieuwe weblink voor de gemeente (de vorige werkt niet meer): {gemeentelink(stap.link)}"
    )


@click.command("wederhoor")
@click.argument("onderzoek_id", metavar="ONDERZOEK", type=NUMMER)
@click.option("--termijn", callback=_datum, help="Tot en met wanneer (standaard uit het kader).")
@click.option("--verleng", callback=_datum, help="Verleng de lopende termijn tot deze datum.")
@click.option(
    "--nieuwe-link", is_flag=True, help="Een nieuwe weblink voor de gemeente; de vorige vervalt."
)
def wederhoor(
    onderzoek_id: int, termijn: dt.date | None, verleng: dt.date | None, nieuwe_link: bool
) -> None:
    """Leg het concept aan de gemeente voor (wederhoor): de contactpersoon krijgt de PDF in
    Telegram met een knop om te reageren, en er is een weblink zonder inloggen. Zonder opties
    toont een lopend wederhoor hoe het staat.

    \b
    Voorbeelden:
      stj wederhoor 3
      stj wederhoor 3 --termijn 2027-02-15
      stj wederhoor 3 --verleng 2027-03-01
      stj wederhoor 3 --nieuwe-link
    """
    if nieuwe_link:
        if termijn or verleng:
            stop("--nieuwe-link gaat niet samen met --termijn of --verleng")
        _nieuwe_link(onderzoek_id, "wederhoor")
        return
    cat = catalogus()
    vandaag = vandaag_in_nederland()
    if verleng is not None:
        stap = actie(
            "wederhoor verlengen",
            lambda uow: verleng_stap(uow, onderzoek_id, "wederhoor", verleng, vandaag),
            onderzoek_id,
            verleng.isoformat(),
        )
        click.echo(f"de gemeente kan reageren tot en met {voluit(verleng)}")
        return
    stap = actie(
        "wederhoor",
        lambda uow: leg_voor(uow, cat, onderzoek_id, vandaag, termijn),
        onderzoek_id,
        termijn.isoformat() if termijn else None,
    )
    info = in_uow(lambda uow: beoordeel(uow, cat, onderzoek_id))
    assert stap.termijn is not None and stap.link is not None
    click.echo(
        f"het concept ligt bij de gemeente tot en met {voluit(stap.termijn)}\n"
        + _stuur(
            onderzoek_id,
            stap.telegram_user_id,
            stap_tekst(stap, info.gemeente, info.aanpak),
            stap,
            True,
        )
        + f"\nweblink voor de gemeente: {gemeentelink(stap.link)}"
    )


@click.command("reactie")
@click.argument("onderzoek_id", metavar="ONDERZOEK", type=NUMMER)
@click.argument("nummer", metavar="[REACTIE]", type=NUMMER, required=False)
@click.option("--aanvaard", "besluit", flag_value="aanvaard", help="Neem de reactie over.")
@click.option("--afwijzen", "besluit", flag_value="afgewezen", help="Wijs de reactie af.")
@click.option("--reden", help="Waarom afgewezen (verplicht), of wat ermee is gedaan.")
@click.option("--bevinding", help="De bevinding zoals zij na de reactie moet luiden.")
def reactie(
    onderzoek_id: int,
    nummer: int | None,
    besluit: str | None,
    reden: str | None,
    bevinding: str | None,
) -> None:
    """De reacties van de gemeente op het concept, en uw besluit erover: aanvaarden (zo nodig
    met een aangepaste bevinding) of afwijzen met een reden.

    \b
    Voorbeelden:
      stj reactie 3
      stj reactie 3 12 --aanvaard --bevinding "Het plan is in maart 2027 vastgesteld."
      stj reactie 3 13 --afwijzen --reden "De dossiers laten dit niet zien."
    """
    cat = catalogus()
    if nummer is None:
        if besluit or reden or bevinding:
            stop("noem het nummer van de reactie; zie 'stj reactie ONDERZOEK'")
        stand = in_uow(lambda uow: wederhoor_stand(uow, cat, onderzoek_id, vandaag_in_nederland()))
        regels = in_uow(lambda uow: reacties_van(uow, cat, onderzoek_id))
        click.echo(stand.regel())
        for r in regels:
            staat = f"{r.besluit}" + (f": {r.reden}" if r.reden else "") if r.besluit else "open"
            click.echo(f"{r.nummer}. {r.indicator} [{staat}]\n   {r.tekst}")
        return
    if besluit is None:
        stop("kies --aanvaard of --afwijzen")
    regel = actie(
        "reactie",
        lambda uow: beslis(uow, cat, onderzoek_id, nummer, besluit, reden, bevinding, wie_cli()),
        onderzoek_id,
        f"reactie {nummer}: {besluit}",
    )
    click.echo(f"reactie {regel.nummer} ({regel.indicator}): {regel.besluit}")


@click.command("publiceer")
@click.argument("onderzoek_id", metavar="ONDERZOEK", type=NUMMER)
def publiceer_cmd(onderzoek_id: int) -> None:
    """Publiceer het vastgestelde rapport: het krijgt zijn publicatiedatum en gaat naar de
    gemeente zoals het concept ging, met de vraag om een verbeterplan per verbeterpunt.

    \b
    Voorbeeld:
      stj publiceer 3
    """
    cat = catalogus()
    p = actie(
        "publiceer",
        lambda uow: publiceer(uow, cat, onderzoek_id, vandaag_in_nederland()),
        onderzoek_id,
    )
    o = p.onderzoek
    tekst = (
        stap_tekst(p.plan, o.gemeente, o.aanpak)
        if p.plan
        else PUBLICATIE.format(gemeente=o.gemeente, aanpak=o.aanpak)
    )
    regels = [
        f"onderzoek {onderzoek_id} is gepubliceerd op {voluit(p.gepubliceerd_op)}",
        _stuur(onderzoek_id, p.telegram_user_id, tekst, p.plan, True),
    ]
    if p.plan is not None and p.plan.termijn is not None:
        regels.append(f"verbeterplan gevraagd vóór {voluit(p.plan.termijn)}")
        if p.plan.link:
            regels.append(f"weblink voor de gemeente: {gemeentelink(p.plan.link)}")
    click.echo("\n".join(regels))


@click.command("verbeterplan")
@click.argument("onderzoek_id", metavar="ONDERZOEK", type=NUMMER)
@click.option("--verleng", callback=_datum, help="Verleng de deadline tot deze datum.")
@click.option(
    "--nieuwe-link", is_flag=True, help="Een nieuwe weblink voor de gemeente; de vorige vervalt."
)
def verbeterplan(onderzoek_id: int, verleng: dt.date | None, nieuwe_link: bool) -> None:
    """Het verbeterplan van de gemeente: per verbeterpunt wat, wie en wanneer.

    \b
    Voorbeelden:
      stj verbeterplan 3
      stj verbeterplan 3 --verleng 2027-06-01
      stj verbeterplan 3 --nieuwe-link
    """
    if nieuwe_link:
        if verleng:
            stop("--nieuwe-link gaat niet samen met --verleng")
        _nieuwe_link(onderzoek_id, "verbeterplan")
        return
    cat = catalogus()
    if verleng is not None:
        actie(
            "verbeterplan verlengen",
            lambda uow: verleng_stap(
                uow, onderzoek_id, "verbeterplan", verleng, vandaag_in_nederland()
            ),
            onderzoek_id,
            verleng.isoformat(),
        )
        click.echo(f"het verbeterplan kan worden ingevuld tot en met {voluit(verleng)}")
        return

    async def werk(uow: UnitOfWork) -> None:
        stand = await planstand(uow, cat, onderzoek_id)
        if stand is None:
            stop(f"onderzoek {onderzoek_id} heeft nog geen verbeterplan; zie 'stj publiceer'")
        termijn = f"{stand.stap.termijn:%d-%m-%Y}" if stand.stap.termijn else "geen"
        click.echo(
            f"verbeterplan ({stand.stap.status}, deadline {termijn}): "
            f"{stand.met_plan} van de {len(stand.acties)} verbeterpunten met een plan"
        )
        for a in stand.acties:
            if a.wat:
                wanneer = f"{a.wanneer:%d-%m-%Y}" if a.wanneer else "?"
                click.echo(f"✓ {a.indicator}\n   {a.wat} (wie: {a.wie or '?'}; klaar: {wanneer})")
            else:
                click.echo(f"– {a.indicator}: nog geen plan")

    in_uow(werk)


@onderzoek.command("vervolg")
@click.argument("onderzoek_id", metavar="ONDERZOEK", type=NUMMER)
@click.option("--deadline", callback=_datum, help="Deadline van het vervolgonderzoek.")
def vervolg(onderzoek_id: int, deadline: dt.date | None) -> None:
    """Open het vervolgonderzoek (een jaar later): dezelfde gemeente, aanpak en kader,
    gekoppeld aan het eerste, met de respondenten van toen opnieuw uitgenodigd (nieuwe links)
    en de vraag aan de gemeente hoe het verbeterplan is uitgevoerd.

    \b
    Voorbeeld:
      stj onderzoek vervolg 3 --deadline 2028-03-01
    """
    cat = catalogus()
    v = actie(
        "onderzoek vervolg",
        lambda uow: open_vervolg(uow, cat, onderzoek_id, deadline, vandaag_in_nederland()),
        lambda v: v.onderzoek.id,
        f"vervolg op {onderzoek_id}",
    )
    o = v.onderzoek
    regels = [
        f"vervolgonderzoek {o.id} op {onderzoek_id} geopend: {o.gemeente} · {o.aanpak}"
        + (" (onderzoek " + str(onderzoek_id) + " is gesloten)" if v.vorige_gesloten else ""),
        f"{len(v.uitnodigingen)} respondenten opnieuw uitgenodigd:",
    ]
    for u in v.uitnodigingen:
        wie = " · ".join(x for x in (u.rol, u.organisatie, u.casus) if x)
        regels.append(f"  {u.id} {wie}: {deeplink(u.token)}")
    if v.voortgang is not None:
        regels.append(
            _stuur(
                o.id,
                v.voortgang.telegram_user_id,
                stap_tekst(v.voortgang, o.gemeente, o.aanpak),
                v.voortgang,
                False,
            )
        )
        if v.voortgang.link:
            regels.append(f"weblink voor de voortgang: {gemeentelink(v.voortgang.link)}")
    click.echo("\n".join(regels))
