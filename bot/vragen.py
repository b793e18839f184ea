"""Answering: the current question, typed answers, files and button presses, all through the
pure engine in `gesprek.motor`; this module only loads, stores and sends."""

from __future__ import annotations

import logging

from telegram import Bot, CallbackQuery, Message, Update

from bot.api import wijzig_knoppen, wijzig_tekst
from bot.basis import Context, Diensten, Verzend, diensten, stuur_tekst
from bot.documenten import DocumentGeweigerd, Opgehaald, haal_op
from bot.knoppen import Druk, toetsenbord
from gesprek import teksten
from gesprek.lengte import MAX_BERICHT, kort
from gesprek.motor import Gesprek, Herhaal, Invoer, Opslaan, Pauze, Positie, Verplaats
from gesprek.stap import pas_toe
from gesprek.weergave import scherm
from opslag.audit import leg_vast
from opslag.documenten import bewaar_document
from opslag.gesprekken import Stand, activeer, bewaar_stap, dicht, stand, vragenlijst_van
from opslag.uow import UnitOfWork
from vragenlijsten.antwoorden import Bestand

log = logging.getLogger("stj.bot")


def gesprek_van(d: Diensten, s: Stand) -> Gesprek:
    """The engine over this respondent's vragenlijst and answers."""
    vragenlijst = vragenlijst_van(d.catalogus, s)
    return Gesprek(vragenlijst, d.catalogus.kader(s.kader), s.antwoorden, s.overgeslagen)


def dicht_tekst(context: Context, s: Stand) -> str | None:
    """Why this respondent can no longer answer (closed, past the deadline, submitted,
    revoked), in words; None while they can. The rule itself is `opslag.gesprekken.dicht`."""
    reden = dicht(s, diensten(context).vandaag())
    return None if reden is None else teksten.dicht_tekst(reden, s)


async def stuur_stap(
    bot: Bot, chat_id: int, s: Stand, g: Gesprek, positie: Positie | None, voorwoord: str = ""
) -> None:
    """Send a step (or the all-done message)."""
    voor = f"{voorwoord}\n\n" if voorwoord else ""
    if positie is None:
        # Declining to take part ends the questionnaire with its own goodbye.
        await stuur_tekst(bot, chat_id, voor + (g.einde() or teksten.KLAAR))
        return
    getoond = scherm(g, positie)
    await stuur_tekst(
        bot, chat_id, voor + getoond.volledig(), toetsenbord(s.uitnodiging_id, getoond)
    )


async def verder(update: Update, context: Context, uow: UnitOfWork) -> Verzend | None:
    """/verder: show the current question of the active questionnaire."""
    s = await stand(uow, update.effective_user.id) if update.effective_user else None
    return await toon_huidig(update, context, uow, s)


async def toon_huidig(
    update: Update, context: Context, uow: UnitOfWork, s: Stand | None, voorwoord: str = ""
) -> Verzend:
    """Show where this respondent is (or why there is nothing to show)."""
    chat_id = update.effective_chat.id if update.effective_chat else 0
    bot = context.bot
    if s is None:
        return lambda: _stuur(bot, chat_id, teksten.GEEN_UITNODIGING)
    waarom = dicht_tekst(context, s)
    if waarom is not None:
        return lambda: _stuur(bot, chat_id, waarom)
    await activeer(uow, s)
    g = gesprek_van(diensten(context), s)
    positie = g.geldig(s.huidig_item, s.stap)
    return lambda: stuur_stap(bot, chat_id, s, g, positie, voorwoord)


async def _stuur(bot: Bot, chat_id: int, tekst: str) -> None:
    await stuur_tekst(bot, chat_id, tekst)


async def invoer(update: Update, context: Context, uow: UnitOfWork) -> Verzend | None:
    """A typed answer, or a file for a document question."""
    bericht = update.effective_message
    gebruiker = update.effective_user
    if bericht is None or gebruiker is None:
        return None
    s = await stand(uow, gebruiker.id)
    if s is None or dicht_tekst(context, s) is not None:
        return await toon_huidig(update, context, uow, s)
    g = gesprek_van(diensten(context), s)
    positie = g.geldig(s.huidig_item, s.stap)
    if positie is None:
        return await toon_huidig(update, context, uow, s)
    ingevoerd = _invoer_uit(bericht)
    uitkomst = g.verwerk(positie, ingevoerd)
    if isinstance(uitkomst, Opslaan) and uitkomst.antwoord.bestand is not None:
        # A file for a document question: nothing is stored until it has been fetched and
        # checked, and then the answer and the file together.
        return ophalen_en_bewaren(update, context, positie, ingevoerd)
    await pas_toe(uow, s, uitkomst, f"telegram:{gebruiker.id}")
    bot, chat_id = context.bot, bericht.chat_id
    if isinstance(uitkomst, Herhaal):
        return lambda: _stuur(bot, chat_id, uitkomst.melding)
    if isinstance(uitkomst, Pauze):
        return lambda: _stuur(bot, chat_id, teksten.PAUZE)
    return na_invoer(update, context, s, uitkomst, ingevoerd)


def na_invoer(
    update: Update,
    context: Context,
    s: Stand,
    uitkomst: Opslaan | Verplaats,
    ingevoerd: Invoer,
    na: Gesprek | None = None,
) -> Verzend:
    """After a typed answer or file was stored: confirm it and show the next step (`na`: the
    conversation as stored now, when the caller has it)."""
    bot, chat_id = context.bot, update.effective_chat.id if update.effective_chat else 0
    na = na or gesprek_van(diensten(context), s)
    voorwoord = f"✓ Opgeslagen: {uitkomst.bevestiging}" if isinstance(uitkomst, Opslaan) else ""

    async def verder() -> None:
        await stuur_stap(bot, chat_id, s, na, uitkomst.volgende, voorwoord)

    return verder


def ophalen_en_bewaren(
    update: Update, context: Context, positie: Positie, ingevoerd: Invoer
) -> Verzend:
    """A file for a document question, after the update itself was recorded: fetch and check
    it (bot.documenten), then store the answer and the file in one transaction, and only then
    say "✓ Opgeslagen". A refused file stores nothing and says why, with the question again.
    This runs under the respondent's own lock (bot.basis.PerGebruiker), so nothing of theirs
    moves meanwhile; their state is read again all the same."""
    d = diensten(context)
    gebruiker = update.effective_user
    assert gebruiker is not None and ingevoerd.bestand is not None
    bestand = ingevoerd.bestand

    async def ophalen() -> None:
        try:
            opgehaald: Opgehaald | None = await haal_op(context.bot, bestand)
            weigering = ""
        except DocumentGeweigerd as fout:
            log.info("bestand van %s niet opgeslagen: %s", gebruiker.id, fout)
            opgehaald, weigering = None, fout.tekst
        async with d.orm_plaatsen, UnitOfWork(d.sessions) as uow:
            s = await stand(uow, gebruiker.id)
            g = gesprek_van(d, s) if s is not None else None
            nog_hier = (
                s is not None
                and g is not None
                and dicht_tekst(context, s) is None
                and g.geldig(s.huidig_item, s.stap) == positie
            )
            uitkomst = g.verwerk(positie, ingevoerd) if g is not None and nog_hier else None
            if s is None or opgehaald is None or not isinstance(uitkomst, Opslaan):
                # Refused, or the questionnaire moved on (closed) while the file came in.
                weigering = weigering or "Dit bestand is niet opgeslagen."
                verzend = await toon_huidig(update, context, uow, s, weigering)
            else:
                await pas_toe(uow, s, uitkomst, f"telegram:{gebruiker.id}")
                await bewaar_document(
                    uow,
                    s.uitnodiging_id,
                    uitkomst.item_id,
                    bestand.telegram_file_id,
                    bestand.naam,
                    opgehaald.soort,
                    opgehaald.inhoud,
                    commit=False,
                )
                verzend = na_invoer(update, context, s, uitkomst, ingevoerd)
            await uow.commit()
        await verzend()

    return ophalen


def _invoer_uit(bericht: Message) -> Invoer:
    if bericht.document is not None:
        d = bericht.document
        return Invoer(
            bestand=Bestand(telegram_file_id=d.file_id, naam=d.file_name, grootte=d.file_size),
            mime=d.mime_type,
        )
    if bericht.photo:
        foto = bericht.photo[-1]  # the largest size
        return Invoer(
            bestand=Bestand(telegram_file_id=foto.file_id, naam="foto.jpg", grootte=foto.file_size),
            mime="image/jpeg",
        )
    return Invoer(tekst=bericht.text or bericht.caption or "")


async def knop(update: Update, context: Context, uow: UnitOfWork, druk: Druk) -> Verzend | None:
    """A press on an answer button, on the current question or on an older one."""
    query = update.callback_query
    gebruiker = update.effective_user
    if query is None or gebruiker is None or druk.positie is None:
        return None
    s = await stand(uow, gebruiker.id, druk.uitnodiging_id)
    bot, chat_id = context.bot, query.message.chat.id if query.message else gebruiker.id
    if s is None:
        await leg_vast(uow, f"telegram:{gebruiker.id}", "knop", None, query.data, True)
        return lambda: _melding(query, "Deze knop hoort niet bij een vragenlijst van u.")
    waarom = dicht_tekst(context, s)
    if waarom is not None:
        return lambda: _melding(query, waarom, bot, chat_id)
    g = gesprek_van(diensten(context), s)
    huidig = g.geldig(s.huidig_item, s.stap)
    door = f"telegram:{gebruiker.id}"
    if druk.positie != huidig:
        return await _oude_knop(uow, s, g, huidig, druk, door, update, context)
    uitkomst = g.verwerk(druk.positie, Invoer(actie=druk.actie))
    await pas_toe(uow, s, uitkomst, door)
    if isinstance(uitkomst, Herhaal):
        return lambda: _melding(query, uitkomst.melding, bot, chat_id)
    if isinstance(uitkomst, Pauze):
        return lambda: _sluit_af(query, "⏸ Later verder", teksten.PAUZE, bot, chat_id)
    return na_knop(query, context, s, uitkomst, druk.positie)


def na_knop(
    query: CallbackQuery,
    context: Context,
    s: Stand,
    uitkomst: Opslaan | Verplaats,
    positie: Positie,
    na: Gesprek | None = None,
) -> Verzend:
    """After a pressed answer was stored: close the question with the choice and show the
    next step, or (a multiple-choice toggle) redraw the buttons (`na`: the conversation as
    stored now, when the caller has it)."""
    bot, chat_id = context.bot, query.message.chat.id if query.message else query.from_user.id
    na = na or gesprek_van(diensten(context), s)
    if uitkomst.volgende == positie:  # a multiple-choice toggle: redraw the buttons
        getoond = scherm(na, positie)

        async def herteken() -> None:
            await query.answer()
            if query.message is not None:
                knoppen = toetsenbord(s.uitnodiging_id, getoond)
                await wijzig_knoppen(bot, chat_id, query.message.message_id, knoppen)

        return herteken

    async def verder_na_knop() -> None:
        await _sluit_af(query, f"✓ {uitkomst.bevestiging}", None, bot, chat_id)
        await stuur_stap(bot, chat_id, s, na, uitkomst.volgende)

    return verder_na_knop


async def _oude_knop(
    uow: UnitOfWork,
    s: Stand,
    g: Gesprek,
    huidig: Positie | None,
    druk: Druk,
    door: str,
    update: Update,
    context: Context,
) -> Verzend:
    """A button of an earlier message: it may change that answer if the item is still asked;
    the respondent stays where they were."""
    query = update.callback_query
    assert query is not None and druk.positie is not None
    bot, chat_id = context.bot, query.message.chat.id if query.message else query.from_user.id
    item = g.vragenlijst.item(druk.positie.item_id)
    waarde_knop = druk.actie.startswith(("w:", "m:")) and druk.positie.stap == "waarde"
    if item is None or not g.is_zichtbaar(item) or not waarde_knop:
        verder_tekst = f"{teksten.OUDE_KNOP} U kunt gewoon verder bij de vraag hieronder."
        return lambda: _melding_en_stap(query, verder_tekst, bot, chat_id, s, g, huidig)
    uitkomst = g.verwerk(druk.positie, Invoer(actie=druk.actie))
    if not isinstance(uitkomst, Opslaan):
        return lambda: _melding(query, teksten.OUDE_KNOP, bot, chat_id)
    volgende = (huidig.item_id, huidig.stap) if huidig else None
    await bewaar_stap(
        uow, s, door, volgende, list(uitkomst.overgeslagen), uitkomst.item_id, uitkomst.antwoord
    )

    async def aangepast() -> None:
        await _sluit_af(query, f"✓ Aangepast: {uitkomst.bevestiging}", None, bot, chat_id)

    return aangepast


async def _melding(
    query: CallbackQuery, tekst: str, bot: Bot | None = None, chat_id: int = 0
) -> None:
    """Acknowledge the press and say why: in the chat when we can (a toast is easy to miss)."""
    if bot is None:
        await query.answer(tekst, show_alert=True)
        return
    await query.answer()
    await bot.send_message(chat_id, tekst)


async def _melding_en_stap(
    query: CallbackQuery,
    tekst: str,
    bot: Bot,
    chat_id: int,
    s: Stand,
    g: Gesprek,
    huidig: Positie | None,
) -> None:
    await _melding(query, tekst, bot, chat_id)
    await stuur_stap(bot, chat_id, s, g, huidig)


async def _sluit_af(
    query: CallbackQuery, regel: str, bericht: str | None, bot: Bot, chat_id: int
) -> None:
    """Close a question message: show the choice in it and remove its buttons."""
    await query.answer()
    tekst = getattr(query.message, "text", None)
    if tekst and query.message is not None:
        # The question stays readable with the choice under it, within Telegram's limit.
        nieuw = kort(f"{tekst}\n\n{regel}", MAX_BERICHT)
        await wijzig_tekst(bot, query.message.chat.id, query.message.message_id, nieuw)
    if bericht:
        await bot.send_message(chat_id, bericht)
