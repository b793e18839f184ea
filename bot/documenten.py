"""A file a respondent sends for a document question is fetched from Telegram once, right after
the answer is stored, and kept (opslag.documenten): Telegram's file links expire, the inspectors
need the document later. A failed fetch is logged; `stj document ophalen` tries again."""

from __future__ import annotations

import logging

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot
from telegram.error import TelegramError

from opslag.documenten import MAX_GROOTTE, bewaar_document
from opslag.fouten import StjFout
from opslag.uow import UnitOfWork
from vragenlijsten.antwoorden import Bestand

log = logging.getLogger("stj.bot")


async def haal_en_bewaar(
    bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    uitnodiging_id: int,
    item_id: str,
    bestand: Bestand,
    mime: str | None,
) -> bool:
    """Fetch one file through the Bot API and keep it; False (logged) when that fails."""
    if bestand.grootte is not None and bestand.grootte > MAX_GROOTTE:
        return False
    try:
        bestandje = await bot.get_file(bestand.telegram_file_id)
        inhoud = bytes(await bestandje.download_as_bytearray())
        async with UnitOfWork(sessions) as uow:
            await bewaar_document(
                uow, uitnodiging_id, item_id, bestand.telegram_file_id, bestand.naam, mime, inhoud
            )
    except (TelegramError, StjFout, OSError) as fout:
        log.warning(
            "document van uitnodiging %s bij %s niet opgehaald: %s", uitnodiging_id, item_id, fout
        )
        return False
    return True
