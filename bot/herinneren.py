"""Reminders in Telegram: the friendly text with a Verder button, the bulk send at Telegram's
pace with every outcome recorded as it settles, and the scheduled job."""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup

from bot.basis import Context, diensten
from bot.knoppen import codeer
from bot.verzender import Bericht, Tempo, Uitslag, verstuur_alles
from gesprek.teksten import datum_tekst
from opslag.herinneringen import TeVersturen, claim_geplande, plan_geplande_rondes, registreer
from opslag.modellen import nu
from opslag.proces import NAAM
from opslag.uow import UnitOfWork

log = logging.getLogger("stj.herinneringen")
# Who claimed a reminder: this host and process (two instances never share both).
INSTANTIE = f"{socket.gethostname()}:{os.getpid()}"


@dataclass(frozen=True)
class Telling:
    """How a bulk send went."""

    verzonden: int = 0
    geblokkeerd: int = 0
    mislukt: int = 0


def herinnering_tekst(t: TeVersturen, vandaag: dt.date) -> str:
    """The reminder: who asks, how far the respondent got, until when."""
    if t.deadline is None:
        wanneer = ""
    elif t.deadline == vandaag:
        wanneer = "\nVandaag is de laatste dag om de vragenlijst in te vullen."
    else:
        dagen = (t.deadline - vandaag).days
        wanneer = (
            f"\nGraag invullen vóór {datum_tekst(t.deadline)} "
            f"(nog {dagen} dag{'en' if dagen != 1 else ''})."
        )
    if t.soort is not None:
        return (
            f"Goedendag! Een vriendelijke herinnering van Samenwerkend Toezicht Jeugd: "
            f"{NAAM.get(t.soort, t.soort)} over '{t.aanpak}' in {t.gemeente}.{wanneer}\nMet de "
            "knop hieronder gaat u verder waar u was."
        )
    if t.prive:  # plain language (B1) for those who answer about their own family
        return (
            f"Hallo! Een herinnering aan de vragen over de hulp aan uw gezin. U heeft er al "
            f"{t.beantwoord} van de {t.totaal} beantwoord.{wanneer}\nMet de knop gaat u "
            "verder waar u was. Dank u wel!"
        )
    return (
        f"Goedendag! Een vriendelijke herinnering aan de vragenlijst van Samenwerkend "
        f"Toezicht Jeugd over '{t.aanpak}' in {t.gemeente}. U heeft {t.beantwoord} van de "
        f"{t.totaal} vragen beantwoord.{wanneer}\nMet de knop hieronder gaat u verder waar "
        "u was."
    )


def verder_knop(uitnodiging_id: int) -> InlineKeyboardMarkup:
    """The button that resumes the questionnaire."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton("Verder ▶", callback_data=codeer("v", uitnodiging_id))]]
    )


async def verstuur_herinneringen(
    bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    te_versturen: list[TeVersturen],
    tempo: Tempo,
    vandaag: dt.date,
) -> Telling:
    """Send claimed reminders; each outcome is written to the database as it settles."""
    berichten = [
        Bericht(
            t.chat_id,
            herinnering_tekst(t, vandaag),
            t.herinnering_id,
            verder_knop(t.uitnodiging_id),
        )
        for t in te_versturen
    ]

    async def bij_uitslag(uitslag: Uitslag) -> None:
        async with UnitOfWork(sessions) as uow:
            await registreer(uow, int(uitslag.sleutel), uitslag.status, uitslag.fout)

    uitslagen = await verstuur_alles(bot, berichten, tempo, bij_uitslag)
    return Telling(
        verzonden=sum(u.status == "verzonden" for u in uitslagen),
        geblokkeerd=sum(u.status == "geblokkeerd" for u in uitslagen),
        mislukt=sum(u.status == "mislukt" for u in uitslagen),
    )


async def geplande_herinneringen(context: Context) -> None:
    """Job (every minute): plan due rounds, claim them, send them."""
    d = diensten(context)
    async with UnitOfWork(d.sessions) as uow:
        gepland = await plan_geplande_rondes(uow, d.catalogus, nu())
    async with UnitOfWork(d.sessions) as uow:
        te_versturen = await claim_geplande(uow, d.catalogus, INSTANTIE)
    if te_versturen:
        telling = await verstuur_herinneringen(
            context.bot, d.sessions, te_versturen, d.tempo, d.vandaag()
        )
        log.info("geplande herinneringen: %s gepland, %s", gepland, telling)
