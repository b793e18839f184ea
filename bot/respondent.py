"""The respondent's commands: /start, /lijst, /overzicht, /wijzig_N, /indienen, /wissen, /help,
and the dispatcher for every inline button."""

from __future__ import annotations

import re

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.basis import Context, Verzend, diensten, zeg
from bot.knoppen import codeer, decodeer, enkel, ja_nee
from bot.verzender import Bericht, verstuur_alles
from bot.vragen import dicht_tekst, gesprek_van, knop, toon_huidig
from gesprek import teksten
from gesprek.lengte import in_stukken, kort
from gesprek.weergave import item_met_nummer, overzicht
from opslag.audit import leg_vast
from opslag.fouten import StjFout
from opslag.gesprekken import (
    Stand,
    activeer,
    bewaar_stap,
    bind_token,
    dien_in,
    stand,
    standen_van,
    vragenlijst_van,
    wis_antwoorden,
)
from opslag.inspecteurs import bind_inspecteur, gekoppelde_inspecteurs, inspecteur_van
from opslag.onderzoeken import onderzoek_van_uitnodiging, status_onderzoek
from opslag.uow import UnitOfWork

WIJZIG = re.compile(r"^/wijzig_([0-9]{1,4})(@\w+)?$")


def _wie(context: Context, s: Stand) -> str:
    """An invitation in one line, its role as the kader describes it."""
    return teksten.wie(s, diensten(context).catalogus.rol(s.kader, s.rol))


async def start(update: Update, context: Context, uow: UnitOfWork) -> Verzend | None:
    """/start <token>: bind the invitation and introduce the questionnaire."""
    gebruiker = update.effective_user
    if gebruiker is None:
        return None
    if not context.args:
        if await standen_van(uow, gebruiker.id):
            return zeg(
                update,
                context,
                "Welkom terug! Typ /verder om verder te gaan, of /help voor uitleg.",
            )
        return zeg(update, context, teksten.GEEN_UITNODIGING)
    d = diensten(context)
    try:
        inspecteur = await bind_inspecteur(uow, context.args[0], gebruiker.id)
        if inspecteur is not None:
            return zeg(
                update,
                context,
                f"Welkom, {inspecteur.naam}. U bent nu als inspecteur "
                f"bekend.\n\n{teksten.HULP_INSPECTEUR}",
            )
        s = await bind_token(uow, context.args[0], gebruiker.id, d.vandaag())
    except StjFout as fout:
        return zeg(update, context, str(fout))
    return welkom(update, context, s)


def welkom(update: Update, context: Context, s: Stand) -> Verzend:
    """The welcome of a freshly bound invitation, with the button to begin."""
    d = diensten(context)
    vragenlijst = vragenlijst_van(d.catalogus, s)
    aantal = gesprek_van(d, s).aantal_vragen()
    tekst = teksten.welkom(
        s, d.catalogus.rol(s.kader, s.rol), vragenlijst.duur_minuten, vragenlijst.inleiding, aantal
    )
    label = "Verder waar ik was" if s.antwoorden else "Beginnen"
    return zeg(update, context, tekst, enkel(label, "s", s.uitnodiging_id))


async def lijst(update: Update, context: Context, uow: UnitOfWork) -> Verzend | None:
    """/lijst: the user's questionnaires, to pick one."""
    if update.effective_user is None:
        return None
    standen = await standen_van(uow, update.effective_user.id)
    if not standen:
        return zeg(update, context, teksten.GEEN_UITNODIGING)
    knoppen = [
        [
            InlineKeyboardButton(
                f"{_wie(context, s)} – {s.status}",
                callback_data=codeer("k", s.uitnodiging_id),
            )
        ]
        for s in standen
    ]
    return zeg(
        update,
        context,
        "Uw vragenlijsten. Kies waar u aan wilt werken:",
        InlineKeyboardMarkup(knoppen),
    )


async def overzicht_cmd(update: Update, context: Context, uow: UnitOfWork) -> Verzend | None:
    """/overzicht: every answer per section, with /wijzig_N to change one."""
    s = await stand(uow, update.effective_user.id) if update.effective_user else None
    if s is None:
        return zeg(update, context, teksten.GEEN_UITNODIGING)
    g = gesprek_van(diensten(context), s)
    regels = [f"Uw antwoorden – {_wie(context, s)}"]
    for titel, items in overzicht(g):
        regels.append(f"\n— {titel} —")
        for r in items:
            vraag = kort(r.vraag, 90)
            antwoord = kort(r.antwoord) if r.antwoord else "nog niet beantwoord"
            wijzig = "" if s.ingediend else f"  /wijzig_{r.nummer}"
            regels.append(f"{r.nummer}. {vraag}\n   → {antwoord}{wijzig}")
    regels.append(
        "\n"
        + (
            teksten.AL_INGEDIEND
            if s.ingediend
            else "Tik op /wijzig_… om een antwoord te veranderen. Klaar? /indienen"
        )
    )
    berichten = in_stukken("\n".join(regels))
    chat_id = update.effective_chat.id if update.effective_chat else 0

    async def stuur() -> None:
        for bericht in berichten:
            await context.bot.send_message(chat_id, bericht)

    return stuur


async def wijzig(update: Update, context: Context, uow: UnitOfWork) -> Verzend | None:
    """/wijzig_N: go to item N to change its answer."""
    bericht = update.effective_message
    s = await stand(uow, update.effective_user.id) if update.effective_user else None
    if s is None or dicht_tekst(context, s) is not None or bericht is None:
        return await toon_huidig(update, context, uow, s)
    treffer = WIJZIG.match(bericht.text or "")
    g = gesprek_van(diensten(context), s)
    positie = item_met_nummer(g, int(treffer[1])) if treffer else None
    if positie is None:
        return zeg(
            update,
            context,
            "Die vraag bestaat niet (meer). Typ /overzicht voor de vragen en hun nummers.",
        )
    await bewaar_stap(
        uow, s, f"telegram:{s.uitnodiging_id}", (positie.item_id, positie.stap), s.overgeslagen
    )
    return await toon_huidig(update, context, uow, s)


async def indienen(update: Update, context: Context, uow: UnitOfWork) -> Verzend | None:
    """/indienen: check required items, then ask for confirmation."""
    s = await stand(uow, update.effective_user.id) if update.effective_user else None
    if s is None or dicht_tekst(context, s) is not None:
        return await toon_huidig(update, context, uow, s)
    ontbrekend = _ontbrekend(context, s)
    if ontbrekend:
        return zeg(update, context, ontbrekend)
    return zeg(
        update,
        context,
        "Wilt u uw antwoorden nu indienen? Daarna kunt u ze niet meer veranderen.",
        ja_nee("i", s.uitnodiging_id, "Ja, indienen", "Nee, nog niet", _stempel(context, s)),
    )


def _stempel(context: Context, s: Stand) -> str:
    return gesprek_van(diensten(context), s).stempel()


def _ontbrekend(context: Context, s: Stand) -> str | None:
    g = gesprek_van(diensten(context), s)
    open_ = [(g.nummer(i.id), i.vraag.strip()) for i in g.ontbrekend()]
    if not open_:
        return None
    regels = [f"{n}. {v if len(v) <= 80 else v[:77] + '…'}  /wijzig_{n}" for n, v in open_]
    return (
        "Deze verplichte vragen zijn nog niet beantwoord:\n"
        + "\n".join(regels)
        + "\n\nBeantwoord ze en typ dan opnieuw /indienen."
    )


async def wissen(update: Update, context: Context, uow: UnitOfWork) -> Verzend | None:
    """/wissen: erase own answers after confirmation (only before submitting)."""
    s = await stand(uow, update.effective_user.id) if update.effective_user else None
    if s is None or dicht_tekst(context, s) is not None:
        return await toon_huidig(update, context, uow, s)
    return zeg(
        update,
        context,
        f"Weet u zeker dat u al uw {len(s.antwoorden)} antwoorden wilt "
        "wissen? Dit kan niet ongedaan worden.",
        ja_nee("x", s.uitnodiging_id, "Ja, alles wissen", "Nee, bewaren", _stempel(context, s)),
    )


async def knoppen(update: Update, context: Context, uow: UnitOfWork) -> Verzend | None:
    """Every inline button press."""
    query = update.callback_query
    gebruiker = update.effective_user
    if query is None or gebruiker is None:
        return None
    druk = decodeer(query.data or "")
    if druk is None:
        return lambda: _toast(query, "Deze knop werkt niet meer. Typ /verder.")
    if druk.soort == "a":
        return await knop(update, context, uow, druk)
    s = await stand(uow, gebruiker.id, druk.uitnodiging_id)
    if s is None:
        await leg_vast(uow, f"telegram:{gebruiker.id}", "knop", None, query.data, True)
        return lambda: _toast(query, "Deze knop hoort niet bij een vragenlijst van u.")
    if druk.soort in ("s", "k", "v"):
        voorwoord = f"U werkt nu aan: {_wie(context, s)}" if druk.soort == "k" else ""
        verzend = await toon_huidig(update, context, uow, s, voorwoord)
        return lambda: _toast_en(query, verzend)
    if druk.actie == "nee":
        return lambda: _sluit(query, "Prima, er is niets veranderd.")
    waarom = dicht_tekst(context, s)
    if waarom is not None:
        return lambda: _sluit(query, waarom)
    if druk.stempel != _stempel(context, s):
        opdracht = "/indienen" if druk.soort == "i" else "/wissen"
        return lambda: _sluit(query, teksten.verouderde_bevestiging(opdracht))
    if druk.soort == "i":
        ontbrekend = _ontbrekend(context, s)
        if ontbrekend:
            return lambda: _sluit(query, ontbrekend)
        await dien_in(uow, s)
        melding = await _melding_voor_inspecteurs(uow, s, context)

        async def bedankt() -> None:
            await _sluit(
                query,
                "Hartelijk dank! Uw antwoorden zijn ingediend. De inspecteurs "
                "nemen ze mee in het onderzoek.",
            )
            await melding()

        return bedankt
    aantal = await wis_antwoorden(uow, s)
    await activeer(uow, s)
    return lambda: _sluit(
        query, f"Uw {aantal} antwoorden zijn gewist. Typ /verder om opnieuw te beginnen."
    )


async def _melding_voor_inspecteurs(uow: UnitOfWork, s: Stand, context: Context) -> Verzend:
    """A short notice to the linked inspectors that a respondent submitted."""
    onderzoek_id = await onderzoek_van_uitnodiging(uow, s.uitnodiging_id)
    info, _ = await status_onderzoek(uow, diensten(context).catalogus, onderzoek_id)
    tekst = (
        f"✓ {_wie(context, s)} heeft de vragenlijst ingediend ({info.ingediend}/"
        f"{info.respondenten} ingediend; /status {onderzoek_id})."
    )
    berichten = [
        Bericht(i.telegram_user_id, tekst, i.id)
        for i in await gekoppelde_inspecteurs(uow, onderzoek_id)
        if i.telegram_user_id
    ]
    d, bot = diensten(context), context.bot

    async def stuur() -> None:
        await verstuur_alles(bot, berichten, d.tempo)

    return stuur


async def _toast(query: CallbackQuery, tekst: str) -> None:
    await query.answer(tekst, show_alert=True)


async def _toast_en(query: CallbackQuery, verzend: Verzend) -> None:
    await query.answer()
    await verzend()


async def _sluit(query: CallbackQuery, tekst: str) -> None:
    """Replace a confirmation message by its outcome."""
    await query.answer()
    await query.edit_message_text(tekst, reply_markup=None)


async def vaste_tekst(update: Update, context: Context, uow: UnitOfWork) -> Verzend | None:
    """/help, /privacy, unknown commands and message kinds the bot cannot use."""
    bericht = update.effective_message
    tekst = bericht.text if bericht and bericht.text else ""
    opdracht = tekst.split()[0].split("@")[0] if tekst.startswith("/") else ""
    if opdracht == "/help":
        ik = await inspecteur_van(uow, update.effective_user.id) if update.effective_user else None
        return zeg(update, context, teksten.HULP_INSPECTEUR if ik else teksten.HULP)
    if opdracht == "/privacy":
        s = (
            await stand(uow, update.effective_user.id, lock=False)
            if update.effective_user
            else None
        )
        rol = diensten(context).catalogus.rol(s.kader, s.rol) if s else None
        return zeg(update, context, teksten.privacy(rol))
    if opdracht:
        return zeg(update, context, teksten.ONBEKENDE_OPDRACHT)
    if update.edited_message is not None:
        return zeg(
            update,
            context,
            "Een aangepast bericht kan ik niet verwerken. Stuur uw antwoord als nieuw bericht.",
        )
    return zeg(update, context, teksten.ONBEKEND_BERICHT)
