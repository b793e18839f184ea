"""/nieuw and /uitnodigen: inspector dialogs of a few steps. Their state is kept in the
database (like a respondent's), so a restart in the middle loses nothing."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import segno
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot import beoordelen
from bot.basis import Context, Verzend, diensten, zeg
from bot.inspecteur import alleen_inspecteur, herinner_onderzoek
from bot.invoer import lees_datum, lees_nummer
from bot.links import deeplink
from bot.teksten import ROL_OMSCHRIJVING, datum_tekst
from opslag.fouten import StjFout
from opslag.inspecteurs import (
    InspecteurInfo,
    inspecteur_van,
    koppel,
    mag,
    onderzoeken_van,
    zet_wizard,
)
from opslag.onderzoeken import maak_onderzoek, maak_uitnodiging
from opslag.uow import UnitOfWork

VRAGEN = {
    "gemeente": "Voor welke gemeente is het onderzoek? (Typ de naam; /annuleer stopt.)",
    "aanpak": "Welke aanpak onderzoekt u? Typ de naam van de aanpak.",
    "kader": "Welk toetsingskader?",
    "deadline": "Wat is de deadline voor de antwoorden? Typ een datum (bijvoorbeeld "
    "31-01-2027), of kies Geen deadline.",
    "onderzoek": "Voor welk onderzoek nodigt u iemand uit?",
    "rol": "Wie nodigt u uit?",
    "organisatie": "Van welke organisatie is deze respondent? Typ de naam.",
    "casus": "Bij welk gezin hoort deze uitnodiging? Typ een label zonder namen, bijvoorbeeld "
    "gezin 1.",
}


def _knoppen(paren: list[tuple[str, str]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=f"b|{data}")] for label, data in paren]
    )


async def _vraag(
    update: Update, context: Context, uow: UnitOfWork, ik: InspecteurInfo, wizard: dict[str, Any]
) -> Verzend:
    """Store the wizard and ask its current step."""
    await zet_wizard(uow, ik.id, wizard)
    stap = wizard["stap"]
    markup = None
    if stap == "kader":
        markup = _knoppen(
            [("Beleidsniveau", "kader|beleidsniveau"), ("Casusniveau", "kader|casusniveau")]
        )
    elif stap == "deadline":
        markup = _knoppen([("Geen deadline", "deadline|geen")])
    elif stap == "onderzoek":
        lijst = await onderzoeken_van(uow, ik)
        if not lijst:
            await zet_wizard(uow, ik.id, None)
            return zeg(update, context, "U heeft nog geen onderzoeken. Open er een met /nieuw.")
        markup = _knoppen(
            [(f"{o.id}. {o.gemeente} · {o.aanpak}", f"onderzoek|{o.id}") for o in lijst]
        )
    elif stap == "rol":
        onderzoek = await mag(uow, ik, wizard["onderzoek"])
        rollen = diensten(context).catalogus.rollen(onderzoek.kader)
        markup = _knoppen([(r.capitalize(), f"rol|{r}") for r in rollen])
    return zeg(update, context, VRAGEN[stap], markup)


@alleen_inspecteur
async def nieuw(update: Update, context: Context, uow: UnitOfWork, ik: InspecteurInfo) -> Verzend:
    """/nieuw: open an onderzoek step by step."""
    return await _vraag(update, context, uow, ik, {"soort": "nieuw", "stap": "gemeente"})


@alleen_inspecteur
async def uitnodigen(
    update: Update, context: Context, uow: UnitOfWork, ik: InspecteurInfo
) -> Verzend:
    """/uitnodigen [N]: invite respondents; replies with the link and a QR code."""
    nummer = lees_nummer(context.args[0]) if context.args else None
    if nummer is not None:
        await mag(uow, ik, nummer)
        return await _vraag(
            update,
            context,
            uow,
            ik,
            {"soort": "uitnodigen", "stap": "rol", "onderzoek": nummer},
        )
    return await _vraag(update, context, uow, ik, {"soort": "uitnodigen", "stap": "onderzoek"})


@alleen_inspecteur
async def annuleer(
    update: Update, context: Context, uow: UnitOfWork, ik: InspecteurInfo
) -> Verzend:
    """/annuleer: stop a dialog."""
    await zet_wizard(uow, ik.id, None)
    return zeg(update, context, "Gestopt. Er is niets aangemaakt.")


async def wizard_tekst(update: Update, context: Context, uow: UnitOfWork) -> Verzend | None:
    """Typed text for a dialog in progress; None when the user has no dialog open."""
    gebruiker, bericht = update.effective_user, update.effective_message
    if gebruiker is None or bericht is None or not bericht.text:
        return None
    ik = await inspecteur_van(uow, gebruiker.id)
    if ik is None or not ik.wizard:
        return None
    try:
        if ik.wizard.get("soort") == "beoordeling":
            return await beoordelen.tekst(update, context, uow, ik, bericht.text.strip())
        return await _stap(update, context, uow, ik, bericht.text.strip())
    except StjFout as fout:
        return zeg(update, context, str(fout))


async def _stap(
    update: Update, context: Context, uow: UnitOfWork, ik: InspecteurInfo, waarde: str
) -> Verzend:
    """Take one answer for the current step and move on."""
    wizard = dict(ik.wizard or {})
    stap = wizard["stap"]
    if stap in ("kader", "onderzoek", "rol"):
        return zeg(update, context, "Kies een van de knoppen hierboven, of /annuleer.")
    if stap == "deadline":
        datum = lees_datum(waarde) if waarde.lower() != "geen" else None
        if datum is None and waarde.lower() != "geen":
            return zeg(
                update,
                context,
                "Dat is geen datum. Typ bijvoorbeeld 31-01-2027, of kies Geen deadline.",
            )
        wizard["deadline"] = datum.isoformat() if datum else None
        return await _maak_onderzoek(update, context, uow, ik, wizard)
    if not waarde or len(waarde) > 200:
        return zeg(update, context, "Typ een naam van hoogstens 200 tekens.")
    wizard[stap] = waarde
    if wizard["soort"] == "nieuw":
        wizard["stap"] = {"gemeente": "aanpak", "aanpak": "kader"}[stap]
        return await _vraag(update, context, uow, ik, wizard)
    if stap == "organisatie" and wizard.get("kader") == "casusniveau":
        wizard["stap"] = "casus"
        return await _vraag(update, context, uow, ik, wizard)
    return await _maak_uitnodiging(update, context, uow, ik, wizard)


@alleen_inspecteur
async def inspecteur_knop(
    update: Update, context: Context, uow: UnitOfWork, ik: InspecteurInfo
) -> Verzend | None:
    """Buttons of inspector messages: b|<what>|<value>."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    _, wat, waarde = (query.data or "b||").split("|", 2)
    wizard = dict(ik.wizard or {})
    if wat == "bo":
        return await beoordelen.knop(update, context, uow, ik, waarde)
    nummer = lees_nummer(waarde)
    if wat == "herinner" and nummer is not None:
        return await herinner_onderzoek(update, context, uow, ik, nummer)
    if wat == "opnieuw" and nummer is not None:
        return await _vraag(
            update,
            context,
            uow,
            ik,
            {"soort": "uitnodigen", "stap": "rol", "onderzoek": nummer},
        )
    if wat == "klaar":
        await zet_wizard(uow, ik.id, None)
        return zeg(update, context, "Klaar. Volg de voortgang met /status.")
    if wizard.get("stap") != wat:
        return zeg(
            update,
            context,
            "Deze knop hoort bij een eerdere stap. Begin opnieuw met /nieuw of /uitnodigen.",
        )
    if wat == "kader" and waarde in ("beleidsniveau", "casusniveau"):
        wizard.update(kader=waarde, stap="deadline")
        return await _vraag(update, context, uow, ik, wizard)
    if wat == "deadline":
        wizard["deadline"] = None
        return await _maak_onderzoek(update, context, uow, ik, wizard)
    if wat == "onderzoek" and nummer is not None:
        await mag(uow, ik, nummer)
        wizard.update(onderzoek=nummer, stap="rol")
        return await _vraag(update, context, uow, ik, wizard)
    if wat == "rol":
        onderzoek = await mag(uow, ik, wizard["onderzoek"])
        wizard.update(rol=waarde, kader=onderzoek.kader)
        wizard["stap"] = "organisatie" if waarde != "ouder" else "casus"
        return await _vraag(update, context, uow, ik, wizard)
    return zeg(update, context, "Deze knop ken ik niet. Typ /help.")


async def _maak_onderzoek(
    update: Update, context: Context, uow: UnitOfWork, ik: InspecteurInfo, wizard: dict[str, Any]
) -> Verzend:
    deadline = dt.date.fromisoformat(wizard["deadline"]) if wizard.get("deadline") else None
    info = await maak_onderzoek(
        uow,
        diensten(context).catalogus,
        wizard["gemeente"],
        wizard["aanpak"],
        wizard["kader"],
        deadline,
    )
    await koppel(uow, info.id, ik.id)
    await zet_wizard(uow, ik.id, None)
    wanneer = f", deadline {datum_tekst(deadline)}" if deadline else ""
    return zeg(
        update,
        context,
        f"Onderzoek {info.id} is geopend: {info.gemeente} · {info.aanpak} "
        f"({info.kader}{wanneer}).\nNodig respondenten uit met /uitnodigen {info.id}.",
    )


async def _maak_uitnodiging(
    update: Update, context: Context, uow: UnitOfWork, ik: InspecteurInfo, wizard: dict[str, Any]
) -> Verzend:
    info = await maak_uitnodiging(
        uow,
        diensten(context).catalogus,
        wizard["onderzoek"],
        wizard["rol"],
        wizard.get("organisatie"),
        wizard.get("casus"),
    )
    await zet_wizard(uow, ik.id, None)
    link = deeplink(info.token, context.bot.username)
    wie = " · ".join(
        x for x in (ROL_OMSCHRIJVING.get(info.rol, info.rol), info.organisatie, info.casus) if x
    )
    png = io.BytesIO()
    segno.make(link, error="m").save(png, kind="png", scale=8, border=2)
    chat_id = update.effective_chat.id if update.effective_chat else 0
    tekst = (
        f"Uitnodiging voor {wie}.\n\nStuur deze link, bijvoorbeeld in een e-mail:\n{link}\n\n"
        "De link is persoonlijk: wie hem opent, vult de vragenlijst in."
    )
    verder = _knoppen(
        [("Nog iemand uitnodigen", f"opnieuw|{info.onderzoek_id}"), ("Klaar", "klaar|0")]
    )

    async def stuur() -> None:
        await context.bot.send_message(chat_id, tekst)
        await context.bot.send_photo(
            chat_id, png.getvalue(), caption=f"QR-code voor {wie}", reply_markup=verder
        )

    return stuur
