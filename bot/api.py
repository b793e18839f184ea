"""Bot API calls whose answer the bot never reads: a message, an edit. They go through
python-telegram-bot's own `do_api_request` without a return type, which sends exactly what
`send_message` / `edit_message_text` send but leaves Telegram's answer as it came instead of
turning it into a `Message` (about a fifth of the library's cost per answer, measured with
bench/gesprek.py). Keyboards may come as plain data (`bot.knoppen.toetsenbord`: JSON text
made once per question) or as python-telegram-bot objects."""

from __future__ import annotations

import warnings
from typing import Any

from telegram import Bot, InlineKeyboardMarkup
from telegram.warnings import PTBUserWarning

# do_api_request suggests the named method for an endpoint that has one; here the point is
# not to have the answer parsed, so the suggestion does not apply.
warnings.filterwarnings(
    "ignore",
    message=r"Please use 'Bot\.(sendMessage|editMessageText|editMessageReplyMarkup)'",
    category=PTBUserWarning,
)

Knoppen = InlineKeyboardMarkup | str  # an object, or the keyboard as JSON text


async def stuur(bot: Bot, chat_id: int, tekst: str, knoppen: Knoppen | None = None) -> None:
    """sendMessage, with the buttons under it if any."""
    velden: dict[str, Any] = {"chat_id": chat_id, "text": tekst}
    if knoppen is not None:
        velden["reply_markup"] = knoppen
    await bot.do_api_request("sendMessage", velden)


async def wijzig_tekst(bot: Bot, chat_id: int, bericht_id: int, tekst: str) -> None:
    """editMessageText: the message gets this text and loses its buttons."""
    velden = {"chat_id": chat_id, "message_id": bericht_id, "text": tekst}
    await bot.do_api_request("editMessageText", velden)


async def wijzig_knoppen(bot: Bot, chat_id: int, bericht_id: int, knoppen: Knoppen) -> None:
    """editMessageReplyMarkup: other buttons under the same message."""
    velden = {"chat_id": chat_id, "message_id": bericht_id, "reply_markup": knoppen}
    await bot.do_api_request("editMessageReplyMarkup", velden)
