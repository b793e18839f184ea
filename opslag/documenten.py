"""Documents respondents sent through Telegram: fetched once (by the bot, or `stj document
ophalen`) and kept in the database with their original name and type, so the inspectors of the
onderzoek can read them later. Only the file ids come from the answers; the bytes are ours."""

from __future__ import annotations

import datetime as dt
import io
import mimetypes
import re
import zipfile
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from opslag.fouten import NietGevonden, OngeldigeInvoer
from opslag.modellen import Antwoord, Document, Uitnodiging
from opslag.onderzoeken import label
from opslag.uow import UnitOfWork
from vragenlijsten import grenzen

# The Bot API lets a bot download files up to 20 MB; nothing bigger is ever kept.
MAX_GROOTTE = 20 * 1024 * 1024


@dataclass(frozen=True)
class DocumentInfo:
    """A kept document, without its bytes."""

    id: int
    onderzoek_id: int
    uitnodiging_id: int
    wie: str
    item_id: str
    naam: str
    mime: str
    grootte: int
    opgehaald: dt.datetime


@dataclass(frozen=True)
class OpTeHalen:
    """A file named in an answer that has not been fetched yet."""

    uitnodiging_id: int
    item_id: str
    telegram_file_id: str
    naam: str


# A media type as stored and later sent in a header: type/subtype and nothing else (a line
# break in it made a document undownloadable).
_SOORT = re.compile(r"[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*")


def soort(naam: str, mime: str | None) -> str:
    """The media type to serve a file with: as sent when it is a clean one, else guessed from
    its name."""
    if mime and len(mime.strip()) <= 100 and _SOORT.fullmatch(mime.strip()):
        return mime.strip().lower()
    return mimetypes.guess_type(naam)[0] or "application/octet-stream"


_OOXML = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
_ODF = {
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
}
_OLE = {".xls": "application/vnd.ms-excel", ".ppt": "application/vnd.ms-powerpoint"}
# What a text file may not start with: it would be a web page or a script, not a document.
_OPMAAK = re.compile(rb"\s*<", re.ASCII)


def herken(inhoud: bytes, naam: str | None = None) -> str | None:
    """The kind of document these bytes are, by their content (never by their name or the
    type the sender claims): PDF, Word, Excel, PowerPoint, OpenDocument, RTF, plain text,
    JPEG or PNG. None for anything else (a web page named x.pdf, a program)."""
    if b"%PDF-" in inhoud[:1024]:
        return "application/pdf"
    if inhoud.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if inhoud.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if inhoud.startswith(b"{\\rtf"):
        return "application/rtf"
    if inhoud.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):  # Word, Excel, PowerPoint 97
        achter = "." + (naam or "").rsplit(".", 1)[-1].lower()
        return _OLE.get(achter, "application/msword")
    if inhoud.startswith(b"PK\x03\x04"):
        return _zip_soort(inhoud)
    return _tekst_soort(inhoud)


def _zip_soort(inhoud: bytes) -> str | None:
    """An Office Open XML or OpenDocument file (both are zip files), from its table of
    contents only: nothing is unpacked but the few bytes of OpenDocument's `mimetype`."""
    try:
        with zipfile.ZipFile(io.BytesIO(inhoud)) as z:
            namen = z.namelist()
            if "[Content_Types].xml" in namen:
                for begin, soort in _OOXML.items():
                    if any(n.startswith(begin) for n in namen):
                        return soort
                return None
            if "mimetype" in namen and z.getinfo("mimetype").file_size <= 100:
                soort = z.read("mimetype").decode("ascii", "replace").strip()
                return soort if soort in _ODF else None
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, NotImplementedError):
        return None
    return None


def _tekst_soort(inhoud: bytes) -> str | None:
    """Plain text: UTF-8 without control characters, and not markup."""
    try:
        tekst = inhoud.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if _OPMAAK.match(inhoud) or any(t < " " and t not in "\t\n\r\f" for t in tekst):
        return None
    return "text/plain"


async def bewaar_document(
    uow: UnitOfWork,
    uitnodiging_id: int,
    item_id: str,
    telegram_file_id: str,
    naam: str | None,
    mime: str | None,
    inhoud: bytes,
    commit: bool = True,
) -> None:
    """Keep a fetched file (once: a second fetch of the same file changes nothing); `mime`
    is what its content says it is (herken). Committed, unless `commit` is False (the caller
    commits it together with the answer)."""
    if len(inhoud) > MAX_GROOTTE:
        raise OngeldigeInvoer(f"bestand is {len(inhoud)} bytes; hooguit {MAX_GROOTTE}")
    naam = grenzen.opslaanbaar(naam or "bestand")[: grenzen.BESTANDSNAAM] or "bestand"
    insert = (
        postgresql_insert if uow.session.get_bind().dialect.name == "postgresql" else sqlite_insert
    )
    await uow.session.execute(
        insert(Document)
        .values(
            uitnodiging_id=uitnodiging_id,
            item_id=item_id,
            telegram_file_id=telegram_file_id,
            naam=naam,
            mime=soort(naam, mime),
            grootte=len(inhoud),
            inhoud=inhoud,
        )
        .on_conflict_do_nothing()
    )
    if commit:
        await uow.commit()


def _info(d: Document, u: Uitnodiging) -> DocumentInfo:
    return DocumentInfo(
        d.id,
        u.onderzoek_id,
        u.id,
        label(u.rol, u.organisatie, u.casus),
        d.item_id,
        d.naam,
        d.mime,
        d.grootte,
        d.opgehaald,
    )


async def documenten_van(uow: UnitOfWork, onderzoek_id: int) -> list[DocumentInfo]:
    """The kept documents of an onderzoek, per respondent and item."""
    rijen = await uow.session.execute(
        select(Document, Uitnodiging)
        .join(Uitnodiging, Document.uitnodiging_id == Uitnodiging.id)
        .where(Uitnodiging.onderzoek_id == onderzoek_id)
        .order_by(Uitnodiging.id, Document.item_id, Document.id)
    )
    return [_info(d, u) for d, u in rijen]


async def haal_document(uow: UnitOfWork, document_id: int) -> tuple[DocumentInfo, bytes]:
    """One document with its bytes; the caller checks who may see it (its onderzoek)."""
    rij = (
        await uow.session.execute(
            select(Document, Uitnodiging)
            .join(Uitnodiging, Document.uitnodiging_id == Uitnodiging.id)
            .where(Document.id == document_id)
        )
    ).first()
    if rij is None:
        raise NietGevonden(f"document {document_id} bestaat niet; zie 'stj document lijst'")
    d, u = rij
    return _info(d, u), d.inhoud


async def nog_op_te_halen(uow: UnitOfWork, onderzoek_id: int | None = None) -> list[OpTeHalen]:
    """Files named in answers whose bytes are not kept yet (the bot was down, or a fetch
    failed)."""
    query = (
        select(
            Antwoord.uitnodiging_id,
            Antwoord.item_id,
            Antwoord.bestand_file_id,
            Antwoord.bestand_naam,
        )
        .join(Uitnodiging, Antwoord.uitnodiging_id == Uitnodiging.id)
        .where(Antwoord.bestand_file_id.is_not(None))
        .outerjoin(
            Document,
            (Document.uitnodiging_id == Antwoord.uitnodiging_id)
            & (Document.item_id == Antwoord.item_id)
            & (Document.telegram_file_id == Antwoord.bestand_file_id),
        )
        .where(Document.id.is_(None))
        .order_by(Antwoord.uitnodiging_id, Antwoord.item_id)
    )
    if onderzoek_id is not None:
        query = query.where(Uitnodiging.onderzoek_id == onderzoek_id)
    return [
        OpTeHalen(u, i, f or "", n or "bestand") for u, i, f, n in await uow.session.execute(query)
    ]
