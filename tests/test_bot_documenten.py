"""A document sent in the chat (issue 20), on both databases: "✓ Opgeslagen" only once the answer
and the file are stored; a file over 20 MB (whatever size the message claims) or one that is no
document by its content (a web page named x.pdf) is refused with the reason and the question
again, and nothing of it is stored; the stored type is what the content is, never a header
value the sender made up."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.app import bouw_app
from bot.basis import Diensten
from bot.documenten import GEEN_DOCUMENT, TE_GROOT
from gesprek.motor import Gesprek
from opslag.antwoorden import antwoorden_van
from opslag.documenten import MAX_GROOTTE, documenten_van
from opslag.modellen import Document
from opslag.uow import UnitOfWork
from tests.bot_hulp import VANDAAG, uitnodiging
from tests.nep_telegram import Gebruiker, NepRequest
from vragenlijsten.catalogus import Catalogus

Sessies = async_sessionmaker[AsyncSession]
ITEM = "gc-eigen-kracht"


class Meekijker(NepRequest):
    """The fake Bot API, noting how many documents were stored when a confirmation went out."""

    def __init__(self, sessions: Sessies) -> None:
        super().__init__()
        self.sessions = sessions
        self.bij_bevestiging: list[int] = []

    async def do_request(self, url: str, method: str, request_data: Any = None, *a: Any,
                         **k: Any) -> tuple[int, bytes]:  # fmt: skip
        tekst = str(request_data.parameters.get("text", "")) if request_data else ""
        if tekst.startswith("✓ Opgeslagen"):
            async with self.sessions() as s:
                self.bij_bevestiging.append(int(await s.scalar(select(func.count(Document.id)))))
        return await super().do_request(url, method, request_data, *a, **k)


async def _bij_de_documentvraag(
    sessions: Sessies, catalogus: Catalogus
) -> tuple[Gebruiker, Meekijker, int, int]:
    nep = Meekijker(sessions)
    app = bouw_app(Diensten(sessions, catalogus, vandaag=lambda: VANDAAG), "123:TEST", request=nep)
    await app.initialize()
    info = await uitnodiging(sessions, catalogus, "beleidsniveau", "gemeente")
    respondent = Gebruiker(app, nep, 9931)
    await respondent.typ(f"/start {info.token}")
    await respondent.druk("Beginnen")
    # The number the respondent sees ("Vraag 17 van 44"): a follow-up not asked is not counted.
    kader = catalogus.kader("beleidsniveau")
    nummer = Gesprek(catalogus.vragenlijst("beleidsniveau", "gemeente"), kader, {}).nummer(ITEM)
    await respondent.typ(f"/wijzig_{nummer}")
    await respondent.druk("Ja")
    await respondent.druk("Geen toelichting")
    return respondent, nep, info.id, info.onderzoek_id


def _document(file_id: str, naam: str, grootte: int | None, mime: str = "application/pdf") -> Any:
    d: dict[str, Any] = {"file_id": file_id, "file_unique_id": file_id, "file_name": naam,
                         "mime_type": mime}  # fmt: skip
    if grootte is not None:
        d["file_size"] = grootte
    return d


async def _bewaard(sessions: Sessies, u: int, onderzoek: int) -> tuple[Any, list[Any]]:
    async with UnitOfWork(sessions) as uow:
        antwoord = (await antwoorden_van(uow, [u]))[u].get(ITEM)
        return antwoord, await documenten_van(uow, onderzoek)


async def test_bevestigd_pas_als_het_bestand_bewaard_is(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    respondent, nep, u, o = await _bij_de_documentvraag(sessions, catalogus)
    nep.bestanden["pdf-1"] = b"%PDF-1.7 het convenant"
    oproepen = await respondent.stuur(document=_document("pdf-1", "convenant.pdf", 22))
    berichten = respondent.berichten(oproepen)
    assert berichten[0].startswith("✓ Opgeslagen: bestand “convenant.pdf”")
    assert nep.bij_bevestiging == [1]  # the file was in the database before the ✓ went out
    antwoord, documenten = await _bewaard(sessions, u, o)
    assert antwoord.bestand.naam == "convenant.pdf"
    assert [(d.naam, d.mime) for d in documenten] == [("convenant.pdf", "application/pdf")]


async def test_een_te_groot_bestand_wordt_geweigerd(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    respondent, nep, u, o = await _bij_de_documentvraag(sessions, catalogus)
    groot = b"%PDF-1.4 " + b"x" * (MAX_GROOTTE + 1024 * 1024)  # 21 MB
    for n, grootte in enumerate((22, None)):  # a false size in the message, and none at all
        nep.bestanden[f"groot-{n}"] = groot
        oproepen = await respondent.stuur(document=_document(f"groot-{n}", "plan.pdf", grootte))
        berichten = respondent.berichten(oproepen)
        assert not any("✓ Opgeslagen" in b for b in berichten), berichten
        assert berichten[0].startswith(TE_GROOT)
        assert "document" in berichten[0].lower() and oproepen[-1].knoppen()  # the question again
    assert not any(o.methode == "download" for o in nep.oproepen)  # never fetched whole
    antwoord, documenten = await _bewaard(sessions, u, o)
    assert (antwoord.bestand if antwoord else None) is None and documenten == []


async def test_een_webpagina_met_de_naam_x_pdf_is_geen_document(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    respondent, nep, u, o = await _bij_de_documentvraag(sessions, catalogus)
    for n, inhoud in enumerate(
        (b"<!DOCTYPE html><script>alert(1)</script>", b"MZ\x90\x00 een programma", b"\x00\x01")
    ):
        nep.bestanden[f"nep-{n}"] = inhoud
        oproepen = await respondent.stuur(document=_document(f"nep-{n}", "x.pdf", len(inhoud)))
        berichten = respondent.berichten(oproepen)
        assert berichten[0].startswith(GEEN_DOCUMENT), berichten
        assert not any("✓ Opgeslagen" in b for b in berichten)
    antwoord, documenten = await _bewaard(sessions, u, o)
    assert (antwoord.bestand if antwoord else None) is None and documenten == []


async def test_de_bewaarde_soort_komt_uit_de_inhoud(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    respondent, nep, u, o = await _bij_de_documentvraag(sessions, catalogus)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    nep.bestanden["docx-1"] = buffer.getvalue()
    await respondent.stuur(
        document=_document("docx-1", "notulen.pdf", 100, mime="text/html\r\nSet-Cookie: a=b")
    )
    _, documenten = await _bewaard(sessions, u, o)
    assert [d.mime for d in documenten] == [
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    ]
