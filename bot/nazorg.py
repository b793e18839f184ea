"""The steps after the concept in Telegram, for inspectors: /wederhoor N [DATUM] puts the
concept to the gemeente, /publiceer N publishes the vastgesteld report with its improvement
plan, /nieuw vervolg N [DATUM] opens the follow-up. The same services as the command line and
the console; the gemeente's contact gets the report and the step's button in this bot (made
and sent in the background: WeasyPrint takes seconds), and the inspector the web link."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

from telegram import Update

from beoordeling.rapport import maak_rapport, soort
from bot.basis import Context, Verzend, diensten, zeg
from bot.inspecteur import alleen_inspecteur, onderzoek_arg
from bot.links import deeplink
from bot.proces import PUBLICATIE, stap_tekst, stuur_stap
from gesprek.invoer import lees_datum, lees_nummer
from gesprek.teksten import datum_tekst
from opslag.beoordelingen import beoordeel
from opslag.fouten import StjFout
from opslag.inspecteurs import InspecteurInfo, mag
from opslag.proces import Stap, gemeentelink
from opslag.uow import UnitOfWork
from opslag.verbeterplan import publiceer
from opslag.vervolg import open_vervolg
from opslag.weblinks import web_url
from opslag.wederhoor import leg_voor

log = logging.getLogger("stj.bot")


def _datum(context: Context, plek: int) -> dt.date | None:
    """An optional date argument; None when absent, an error when it is no date."""
    args = context.args or []
    if len(args) <= plek:
        return None
    datum = lees_datum(args[plek])
    if datum is None:
        raise StjFout(f"'{args[plek]}' is geen datum; schrijf bijvoorbeeld 31-01-2027.")
    return datum


async def _naar_gemeente(
    update: Update,
    context: Context,
    uow: UnitOfWork,
    onderzoek_id: int,
    chat_id: int | None,
    tekst: str,
    stap: Stap | None,
    melding: str,
) -> Verzend:
    """Tell the inspector what happened, then (in the background) send the report as a PDF
    and the step's button to the gemeente's chat, and say how that went."""
    d = diensten(context)
    b = await beoordeel(uow, d.catalogus, onderzoek_id)
    ik_chat = update.effective_chat.id if update.effective_chat else 0
    if stap is not None and stap.link:
        basis = d.web_url or web_url()
        melding += f"\nWeblink voor de gemeente: {gemeentelink(basis, stap.link)}"
    if chat_id is None:
        melding += "\nDe contactpersoon van de gemeente opende de bot niet: stuur de weblink."

    async def maak_en_stuur() -> None:
        assert chat_id is not None
        try:
            pdf: bytes | None = await asyncio.to_thread(maak_rapport, [b], "pdf", d.vandaag())
        except RuntimeError as fout:  # no PDF without WeasyPrint's Pango: the message alone
            log.warning("geen PDF voor de gemeente: %s", fout)
            pdf = None
        naam = f"{soort([b])}-{b.gemeente}-{b.aanpak}.pdf".replace(" ", "_").replace("/", "_")
        probleem = await stuur_stap(context.bot, chat_id, tekst, pdf, naam, stap)
        uitslag = (
            f"Niet verstuurd aan de gemeente: {probleem}"
            if probleem
            else "Verstuurd aan de gemeente."
        )
        await context.bot.send_message(ik_chat, uitslag)

    async def stuur() -> None:
        await zeg(update, context, melding)()
        if chat_id is not None:
            context.application.create_task(maak_en_stuur(), update=update)

    return stuur


@alleen_inspecteur
async def wederhoor(
    update: Update, context: Context, uow: UnitOfWork, ik: InspecteurInfo
) -> Verzend:
    """/wederhoor N [DATUM]: the concept to the gemeente, to react until DATUM."""
    onderzoek_id = onderzoek_arg(context, "wederhoor")
    info = await mag(uow, ik, onderzoek_id)
    d = diensten(context)
    termijn = _datum(context, 1)
    stap = await leg_voor(uow, d.catalogus, onderzoek_id, d.vandaag(), termijn)
    assert stap.termijn is not None
    return await _naar_gemeente(
        update,
        context,
        uow,
        onderzoek_id,
        stap.telegram_user_id,
        stap_tekst(stap, info.gemeente, info.aanpak),
        stap,
        f"Het concept ligt bij de gemeente tot en met {datum_tekst(stap.termijn)}.",
    )


@alleen_inspecteur
async def publiceer_cmd(
    update: Update, context: Context, uow: UnitOfWork, ik: InspecteurInfo
) -> Verzend:
    """/publiceer N: the vastgesteld report to the gemeente, with the improvement plan."""
    onderzoek_id = onderzoek_arg(context, "publiceer")
    await mag(uow, ik, onderzoek_id)
    d = diensten(context)
    p = await publiceer(uow, d.catalogus, onderzoek_id, d.vandaag())
    o = p.onderzoek
    melding = f"Het rapport is gepubliceerd op {datum_tekst(p.gepubliceerd_op)}."
    if p.plan is not None and p.plan.termijn is not None:
        melding += f" Verbeterplan gevraagd vóór {datum_tekst(p.plan.termijn)}."
    tekst = (
        stap_tekst(p.plan, o.gemeente, o.aanpak)
        if p.plan
        else PUBLICATIE.format(gemeente=o.gemeente, aanpak=o.aanpak)
    )
    return await _naar_gemeente(
        update, context, uow, onderzoek_id, p.telegram_user_id, tekst, p.plan, melding
    )


async def vervolg(update: Update, context: Context, uow: UnitOfWork, ik: InspecteurInfo) -> Verzend:
    """/nieuw vervolg N [DATUM]: the follow-up of onderzoek N, its respondents invited again."""
    args = context.args or []
    nummer = lees_nummer(args[1]) if len(args) > 1 else None
    if nummer is None:
        raise StjFout("Geef het nummer van het eerste onderzoek, bijvoorbeeld /nieuw vervolg 3.")
    await mag(uow, ik, nummer)
    d = diensten(context)
    deadline = _datum(context, 2)
    v = await open_vervolg(uow, d.catalogus, nummer, deadline, d.vandaag())
    o = v.onderzoek
    regels = [
        f"Vervolgonderzoek {o.id} op onderzoek {nummer} is geopend: {o.gemeente} · {o.aanpak}.",
        f"{len(v.uitnodigingen)} respondenten zijn opnieuw uitgenodigd; stuur ieder de eigen link:",
    ]
    for u in v.uitnodigingen:
        regels.append(f"• {u.wie}: {deeplink(u.token, context.bot.username)}")
    tekst = stap_tekst(v.voortgang, o.gemeente, o.aanpak) if v.voortgang else ""
    if v.voortgang is None:
        return zeg(update, context, "\n".join(regels))
    return await _naar_gemeente(
        update,
        context,
        uow,
        o.id,
        v.voortgang.telegram_user_id,
        tekst,
        v.voortgang,
        "\n".join(regels),
    )
