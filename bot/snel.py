"""The fast path for what makes up nearly all traffic: a typed or pressed answer to the current
question, "show where I am" (Beginnen, Verder), and opening an invitation (/start <token>). It
works from the respondent's state in memory, writes through group commit (opslag.antwoordpad),
and replies only after the commit.

Anything out of the ordinary (no state in memory for this user, a closed questionnaire, a file,
an old button, an input the question does not accept, another instance that moved on) is
declined by returning None: the update then takes the normal path (bot.vragen and
bot.respondent), which handles every case and claims the update itself.
"""

from __future__ import annotations

import logging

from telegram import Update

from bot.basis import Context, Diensten, Verzend, diensten
from bot.knoppen import decodeer
from bot.respondent import welkom
from bot.vragen import dicht_tekst, gesprek_van, na_invoer, na_knop, stuur_stap
from gesprek.motor import Gesprek, Invoer, Opslaan, Verplaats
from opslag.antwoordpad import BEWAARD
from opslag.antwoordwerk import Uitkomst
from opslag.gesprekken import Stand

log = logging.getLogger("stj.bot")


def _gesprek(d: Diensten, s: Stand) -> Gesprek:
    """The engine over this copy: the one handed on by the previous update while the copy is
    the same one at the same version (only a write through this path moves it on), else new."""
    bewaard = d.gesprekken.get(s.uitnodiging_id)
    if bewaard is not None and bewaard[0] is s and bewaard[1] == s.versie:
        return bewaard[2]
    g = gesprek_van(d, s)
    _onthoud(d, s, g)
    return g


def _onthoud(d: Diensten, s: Stand, g: Gesprek) -> None:
    """Keep `g` as the engine over `s` at its current version."""
    d.gesprekken.pop(s.uitnodiging_id, None)  # to the back: the oldest go first
    d.gesprekken[s.uitnodiging_id] = (s, s.versie, g)
    if len(d.gesprekken) > BEWAARD:
        del d.gesprekken[next(iter(d.gesprekken))]


async def snel_start(update: Update, context: Context) -> Verzend | None:
    """/start <token> for a respondent's invitation that may be bound and answered."""
    gebruiker = update.effective_user
    if gebruiker is None or not context.args:
        return None
    d = diensten(context)
    s = await d.antwoordpad.bind(
        gebruiker.id, update.update_id, context.args[0].strip(), d.vandaag()
    )
    if not isinstance(s, Stand):
        return _niet_geschreven(update, s)
    return welkom(update, context, s)


async def snel_invoer(update: Update, context: Context) -> Verzend | None:
    """A typed answer to the current question."""
    bericht, gebruiker = update.effective_message, update.effective_user
    if bericht is None or gebruiker is None or bericht.text is None:
        return None
    d = diensten(context)
    s = await d.antwoordpad.stand(gebruiker.id)
    if s is None or dicht_tekst(context, s) is not None:
        return None
    g = _gesprek(d, s)
    positie = g.geldig(s.huidig_item, s.stap)
    if positie is None:
        return None
    ingevoerd = Invoer(tekst=bericht.text)
    uitkomst = g.verwerk(positie, ingevoerd)
    if not isinstance(uitkomst, Opslaan | Verplaats):
        return None
    geschreven = await _bewaar(update, context, s, uitkomst)
    if geschreven != "geschreven":
        return _niet_geschreven(update, geschreven)
    na = g.na(uitkomst)
    _onthoud(d, s, na)
    return na_invoer(update, context, s, uitkomst, ingevoerd, na)


async def snel_knop(update: Update, context: Context) -> Verzend | None:
    """A press on an answer button of the current question, or on Beginnen / Verder."""
    query, gebruiker = update.callback_query, update.effective_user
    druk = decodeer(query.data or "") if query is not None else None
    if query is None or gebruiker is None or druk is None or druk.soort not in ("a", "s", "v"):
        return None
    d = diensten(context)
    s = await d.antwoordpad.stand(gebruiker.id)
    if s is None or s.uitnodiging_id != druk.uitnodiging_id or dicht_tekst(context, s):
        return None
    g = _gesprek(d, s)
    huidig = g.geldig(s.huidig_item, s.stap)
    if druk.soort != "a":
        # Only that the user is here now: the stored position and skips stay as they are.
        hier = (s.huidig_item, s.stap) if s.huidig_item is not None else None
        geschreven = await d.antwoordpad.bewaar(
            s, gebruiker.id, update.update_id, hier, list(s.overgeslagen)
        )
        if geschreven != "geschreven":
            return _niet_geschreven(update, geschreven)
        _onthoud(d, s, g)  # the answers are as they were
        bot, chat_id = context.bot, query.message.chat.id if query.message else gebruiker.id

        async def toon() -> None:
            await query.answer()
            await stuur_stap(bot, chat_id, s, g, huidig)

        return toon
    if druk.positie is None or druk.positie != huidig:
        return None
    uitkomst = g.verwerk(druk.positie, Invoer(actie=druk.actie))
    if not isinstance(uitkomst, Opslaan | Verplaats):
        return None
    geschreven = await _bewaar(update, context, s, uitkomst)
    if geschreven != "geschreven":
        return _niet_geschreven(update, geschreven)
    na = g.na(uitkomst)
    _onthoud(d, s, na)
    return na_knop(query, context, s, uitkomst, druk.positie, na)


async def _bewaar(
    update: Update, context: Context, s: Stand, uitkomst: Opslaan | Verplaats
) -> Uitkomst:
    """Write what the engine decided."""
    assert update.effective_user is not None
    volgende = uitkomst.volgende
    opslaan = uitkomst if isinstance(uitkomst, Opslaan) else None
    return await diensten(context).antwoordpad.bewaar(
        s,
        update.effective_user.id,
        update.update_id,
        (volgende.item_id, volgende.stap) if volgende is not None else None,
        list(uitkomst.overgeslagen),
        opslaan.item_id if opslaan else None,
        opslaan.antwoord if opslaan else None,
    )


def _niet_geschreven(update: Update, uitkomst: str | None) -> Verzend | None:
    """A redelivered update was handled (and answered) before: nothing to send. Anything else
    (a stale copy, a case for the ORM path) declines."""
    if uitkomst != "dubbel":
        return None
    log.info("update %s is al verwerkt; overgeslagen", update.update_id)

    async def niets() -> None:
        return None

    return niets
