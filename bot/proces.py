"""The steps after the concept in Telegram: the gemeente's contact gets the report (the concept,
later the vastgesteld one) as a PDF with a button that opens the step's questionnaire in this
bot, the same engine as every other questionnaire. The command line and the console call this
with their own Bot; a chat that cannot be reached is one line back, never a traceback."""

from __future__ import annotations

import logging

from telegram import Bot
from telegram.error import TelegramError

from bot.knoppen import enkel
from gesprek.teksten import datum_tekst
from opslag.proces import Stap

log = logging.getLogger("stj.proces")

KNOP = {
    "wederhoor": "Reageren op het concept",
    "verbeterplan": "Verbeterplan invullen",
    "voortgang": "Voortgang invullen",
}


def stap_tekst(stap: Stap, gemeente: str, aanpak: str) -> str:
    """The message with the PDF: what is asked, until when, and how."""
    tot = f" tot en met {datum_tekst(stap.termijn)}" if stap.termijn else ""
    if stap.soort == "wederhoor":
        return (
            f"Goedendag! Samenwerkend Toezicht Jeugd legt u het concept voor van het rapport "
            f"over '{aanpak}' in {gemeente}. Staat er iets feitelijk onjuist in? Dan kunt u "
            f"daarop reageren, per indicator of in het algemeen,{tot}. Met de knop hieronder "
            "begint u."
        )
    if stap.soort == "verbeterplan":
        return (
            f"Goedendag! Het rapport over '{aanpak}' in {gemeente} is vastgesteld; u vindt het "
            f"hierbij. Wij vragen u per verbeterpunt wat u gaat doen, wie daarvoor "
            f"verantwoordelijk is en wanneer het klaar is; dat kan{tot}. Met de knop hieronder "
            "begint u."
        )
    return (
        f"Goedendag! Een jaar geleden maakte u een verbeterplan voor '{aanpak}' in {gemeente}. "
        f"Wij vragen u per actie of die is uitgevoerd{tot}. Met de knop hieronder begint u."
    )


PUBLICATIE = (
    "Goedendag! Het rapport over '{aanpak}' in {gemeente} is vastgesteld en gepubliceerd; u "
    "vindt het hierbij. Er zijn geen verbeterpunten, dus er is geen verbeterplan nodig."
)


async def stuur_stap(
    bot: Bot,
    chat_id: int,
    tekst: str,
    pdf: bytes | None,
    bestandsnaam: str,
    stap: Stap | None,
) -> str | None:
    """Send the report (if there is a PDF) and the message with the step's button (when there
    is a step); None when it went, else the reason in one Dutch line."""
    knoppen = (
        enkel(f"{KNOP.get(stap.soort, 'Beginnen')} ▶", "s", stap.uitnodiging_id)
        if stap is not None
        else None
    )
    try:
        if pdf is not None:
            await bot.send_document(chat_id, pdf, filename=bestandsnaam)
        await bot.send_message(chat_id, tekst, reply_markup=knoppen)
    except TelegramError as fout:
        log.warning("stap niet verstuurd naar chat %s: %s", chat_id, fout)
        return f"Telegram gaf een fout: {fout}"
    return None
