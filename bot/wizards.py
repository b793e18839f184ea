"""/nieuw and /uitnodigen: inspector dialogs of a few steps. Their state is kept in the
database (like a respondent's), so a restart in the middle loses nothing."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import segno
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot import beoordelen, nazorg, reacties
from bot.basis import Context, Verzend, diensten, zeg
from bot.inspecteur import alleen_inspecteur, herinner_onderzoek
from bot.links import deeplink
from gesprek.invoer import lees_datum, lees_nummer
from gesprek.teksten import datum_tekst
from opslag.audit import leg_vast
from opslag.fouten import StjFout
from opslag.gesprekken import herbegin
from opslag.inspecteurs import (
    InspecteurInfo,
    inspecteur_van,
    koppel,
    mag,
    onderzoeken_van,
    zet_wizard,
)
from opslag.onderzoeken import (
    casuslabel,
    casuslabels,
    controleer_deadline,
    controleer_uitnodigbaar,
    maak_onderzoek,
    maak_uitnodiging,
    volgend_casuslabel,
)
from opslag.uow import UnitOfWork
from vragenlijsten import grenzen

VRAGEN = {
    "gemeente": "Voor welke gemeente is het onderzoek? (Typ de naam; /annuleer stopt.)",
    "aanpak": "Welke aanpak onderzoekt u? Typ de naam van de aanpak.",
    "kader": "Welk toetsingskader?",
    "deadline": "Wat is de deadline voor de antwoorden? Typ een datum (bijvoorbeeld "
    "31-01-2027), of kies Geen deadline.",
    "onderzoek": "Voor welk onderzoek nodigt u iemand uit?",
    "rol": "Wie nodigt u uit?",
    "organisatie": "Van welke organisatie is deze respondent? Typ de naam.",
    "casus": "Bij welk gezin hoort deze uitnodiging? Kies een gezin, of typ een label zonder "
    "naam of adres, bijvoorbeeld gezin 1.",
}
VERLOPEN_KNOP = "Deze knop hoort bij een eerdere stap. Begin opnieuw met /nieuw of /uitnodigen."
# What a typed answer to each step may be, and how long (the columns' own limits).
GRENZEN = {
    "gemeente": ("gemeente", grenzen.GEMEENTE),
    "aanpak": ("aanpak", grenzen.AANPAK),
    "organisatie": ("organisatie", grenzen.ORGANISATIE),
    "casus": ("casus", grenzen.CASUS),
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
        kaders = diensten(context).catalogus.kaders.values()
        markup = _knoppen([(k.kort or k.titel, f"kader|{k.kader}") for k in kaders])
    elif stap == "deadline":
        markup = _knoppen([("Geen deadline", "deadline|geen")])
    elif stap == "onderzoek":
        lijst = [o for o in await onderzoeken_van(uow, ik) if o.status == "open"]
        if not lijst:
            await zet_wizard(uow, ik.id, None)
            return zeg(update, context, "U heeft geen open onderzoeken. Open er een met /nieuw.")
        markup = _knoppen(
            [(f"{o.id}. {o.gemeente} · {o.aanpak}", f"onderzoek|{o.id}") for o in lijst]
        )
    elif stap == "rol":
        onderzoek = await mag(uow, ik, wizard["onderzoek"])
        controleer_uitnodigbaar(onderzoek)
        catalogus = diensten(context).catalogus
        kader = catalogus.kader(onderzoek.kader)
        rollen = [kader.rol(r) for r in catalogus.rollen(onderzoek.kader)]
        markup = _knoppen(
            [(r.enkelvoud.capitalize(), f"rol|{r.naam}") for r in rollen if r is not None]
        )
    elif stap == "casus":
        labels = await casuslabels(uow, wizard["onderzoek"])
        nieuw = volgend_casuslabel(set(labels))
        markup = _knoppen(
            [(label, f"casus|{label}") for label in labels[:20]]
            + [(f"Nieuw gezin ({nieuw})", f"casus|{nieuw}")]
        )
    return zeg(update, context, VRAGEN[stap], markup)


@alleen_inspecteur
async def nieuw(update: Update, context: Context, uow: UnitOfWork, ik: InspecteurInfo) -> Verzend:
    """/nieuw: open an onderzoek step by step; /nieuw vervolg N [DATUM]: its follow-up."""
    if context.args and context.args[0].lower() == "vervolg":
        return await nazorg.vervolg(update, context, uow, ik)
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
    tekst = grenzen.opslaanbaar(bericht.text).strip()
    try:
        if ik.wizard.get("soort") == "beoordeling":
            return await beoordelen.tekst(update, context, uow, ik, tekst)
        if ik.wizard.get("soort") == "reactie":
            return await reacties.tekst(update, context, uow, ik, tekst)
        return await _stap(update, context, uow, ik, tekst)
    except StjFout as fout:
        await herbegin(uow, update.update_id)  # a refused step leaves the dialog as it was
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
        controleer_deadline(datum, diensten(context).vandaag())  # told now, not at the end
        wizard["deadline"] = datum.isoformat() if datum else None
        return await _maak_onderzoek(update, context, uow, ik, wizard)
    wat, grens = GRENZEN[stap]
    schoon = grenzen.schoon(waarde)
    if not schoon:
        return zeg(update, context, f"Typ de {wat} als bericht, of /annuleer.")
    if probleem := grenzen.te_lang(schoon, grens, wat):
        return zeg(update, context, f"Dat is te lang: {probleem}. Typ het korter, of /annuleer.")
    wizard[stap] = casuslabel(schoon) if stap == "casus" else schoon
    if wizard["soort"] == "nieuw":
        wizard["stap"] = {"gemeente": "aanpak", "aanpak": "kader"}[stap]
        return await _vraag(update, context, uow, ik, wizard)
    return await _volgende_vraag(update, context, uow, ik, wizard)


async def _volgende_vraag(
    update: Update, context: Context, uow: UnitOfWork, ik: InspecteurInfo, wizard: dict[str, Any]
) -> Verzend:
    """After the role: an organisation where the role has one, a family where it is invited
    per casus (both from the kader's data), then the invitation."""
    rol = diensten(context).catalogus.kader(wizard["kader"]).rol(wizard["rol"])
    assert rol is not None  # checked when the role was chosen
    if rol.organisatie and "organisatie" not in wizard:
        wizard["stap"] = "organisatie"
        return await _vraag(update, context, uow, ik, wizard)
    if rol.casus and "casus" not in wizard:
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
    if wat == "re":
        return await reacties.knop(update, context, uow, ik, waarde)
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
        return zeg(update, context, VERLOPEN_KNOP)
    if wat == "kader" and waarde in diensten(context).catalogus.kaders:
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
        if waarde not in diensten(context).catalogus.rollen(onderzoek.kader):
            return zeg(update, context, VERLOPEN_KNOP)
        wizard.update(rol=waarde, kader=onderzoek.kader)
        return await _volgende_vraag(update, context, uow, ik, wizard)
    if wat == "casus":
        wizard["casus"] = casuslabel(waarde)
        return await _volgende_vraag(update, context, uow, ik, wizard)
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
        diensten(context).vandaag(),
    )
    await koppel(uow, info.id, ik.id)
    await zet_wizard(uow, ik.id, None)
    await leg_vast(uow, ik.wie, "onderzoek nieuw", info.id, f"{info.gemeente} · {info.aanpak}")
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
    await leg_vast(uow, ik.wie, "uitnodiging nieuw", info.onderzoek_id, info.wie)
    link = deeplink(info.token, context.bot.username)
    rol = diensten(context).catalogus.kader(wizard["kader"]).rol(info.rol)
    omschrijving = rol.omschrijving if rol else info.rol
    wie = " · ".join(x for x in (omschrijving, info.organisatie, info.casus) if x)
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
