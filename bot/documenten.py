"""A file a respondent sends for a document question is fetched from Telegram and checked before
anything is stored or confirmed: at most 20 MB (by what Telegram says of the file itself, not
what the message claims, and by the bytes that came), and a document by its content (a web page
named x.pdf is no PDF). Then the answer and the file are stored together (bot.vragen); Telegram's
file links expire, the inspectors need the document later. `stj document ophalen` fetches, with
the same checks, what was stored without its bytes (by an older version, or imported)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot
from telegram.error import TelegramError

from opslag.documenten import MAX_GROOTTE, bewaar_document, herken
from opslag.fouten import StjFout
from opslag.uow import UnitOfWork
from vragenlijsten.antwoorden import Bestand

log = logging.getLogger("stj.bot")

TE_GROOT = (
    "Dit bestand is groter dan 20 MB en is niet opgeslagen. Stuur een kleiner bestand, of typ "
    "alleen de titel van het document."
)
GEEN_DOCUMENT = (
    "Dit bestand is niet opgeslagen: het is geen PDF, Word-, Excel-, PowerPoint- of "
    "OpenDocument-bestand, tekst of foto (wat erin staat telt, niet de naam). Stuur het "
    "document in een van die vormen, of typ alleen de titel."
)
NIET_OPGEHAALD = (
    "Het bestand kon niet bij Telegram worden opgehaald en is niet opgeslagen. Probeer het "
    "over een paar minuten opnieuw, of typ alleen de titel van het document."
)


class DocumentGeweigerd(Exception):
    """A sent file that is not kept; the text says why, for the respondent."""

    def __init__(self, tekst: str, reden: str) -> None:
        super().__init__(reden)
        self.tekst = tekst


@dataclass(frozen=True)
class Opgehaald:
    """A fetched file that passed the checks: its bytes and the kind its content shows."""

    inhoud: bytes
    soort: str


async def haal_op(bot: Bot, bestand: Bestand) -> Opgehaald:
    """Fetch one file through the Bot API and check it (DocumentGeweigerd when it fails)."""
    if bestand.grootte is not None and bestand.grootte > MAX_GROOTTE:
        raise DocumentGeweigerd(TE_GROOT, f"volgens het bericht {bestand.grootte} bytes")
    try:
        bestandje = await bot.get_file(bestand.telegram_file_id)
        if bestandje.file_size is not None and bestandje.file_size > MAX_GROOTTE:
            raise DocumentGeweigerd(TE_GROOT, f"volgens Telegram {bestandje.file_size} bytes")
        inhoud = bytes(await bestandje.download_as_bytearray())
    except (TelegramError, OSError) as fout:
        raise DocumentGeweigerd(NIET_OPGEHAALD, f"ophalen mislukt: {fout}") from fout
    if len(inhoud) > MAX_GROOTTE:
        raise DocumentGeweigerd(TE_GROOT, f"{len(inhoud)} bytes ontvangen")
    soort = herken(inhoud, bestand.naam)
    if soort is None:
        raise DocumentGeweigerd(GEEN_DOCUMENT, f"inhoud is geen document ({inhoud[:8]!r})")
    return Opgehaald(inhoud, soort)


async def haal_en_bewaar(
    bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    uitnodiging_id: int,
    item_id: str,
    bestand: Bestand,
) -> bool:
    """Fetch, check and keep one file named in a stored answer; False (logged) when that
    fails."""
    try:
        opgehaald = await haal_op(bot, bestand)
        async with UnitOfWork(sessions) as uow:
            await bewaar_document(
                uow,
                uitnodiging_id,
                item_id,
                bestand.telegram_file_id,
                bestand.naam,
                opgehaald.soort,
                opgehaald.inhoud,
            )
    except (DocumentGeweigerd, StjFout) as fout:
        log.warning(
            "document van uitnodiging %s bij %s niet bewaard: %s", uitnodiging_id, item_id, fout
        )
        return False
    return True
