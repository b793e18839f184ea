"""Downloads for the inspectors of an onderzoek: the answers (JSON, CSV, XLSX), the report
(factsheet or nota, HTML or PDF) and the documents respondents sent."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import tempfile
from pathlib import Path
from urllib.parse import quote

from starlette.background import BackgroundTask
from starlette.responses import FileResponse, Response

from beoordeling import Beoordeling
from beoordeling.rapport import SOORT, maak_rapport
from opslag.beoordelingen import beoordeel
from opslag.documenten import haal_document
from opslag.fouten import GeenToegang, NietGevonden
from opslag.uitwisseling.exporteren import exporteer_bestand, schrijf_csv, schrijf_xlsx
from opslag.uow import UnitOfWork
from web.rapporten import met_terugweg
from web.toegang import Verzoek, inspecteur_pagina
from web.zwaar import op_de_achtergrond

SOORTEN = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
}


# A media type as a header may carry it: type/subtype and simple parameters, nothing else
# (a stored type with a line break in it would break the response).
_TOKEN = r"[A-Za-z0-9!#$&^_.+-]+"
_SOORT = re.compile(rf"{_TOKEN}/{_TOKEN}(; ?[A-Za-z0-9_-]+=[A-Za-z0-9_.-]+)*")


def veilige_soort(soort: str) -> str:
    """The media type to send: as given when it is a clean one, else a neutral one."""
    return soort if _SOORT.fullmatch(soort) else "application/octet-stream"


def bestand(inhoud: bytes, naam: str, soort: str, bijlage: bool = True) -> Response:
    """A file to download, its name and type safe in the headers (also when not ASCII). The
    security headers come with every response (web.bescherming)."""
    return Response(
        inhoud,
        media_type=veilige_soort(soort),
        headers={"Content-Disposition": _bijlage(naam, bijlage)},
    )


def _bijlage(naam: str, bijlage: bool) -> str:
    """The Content-Disposition of a file by this name (also when not ASCII)."""
    veilig = re.sub(r"[^A-Za-z0-9._-]+", "_", naam) or "bestand"
    hoe = "attachment" if bijlage else "inline"
    return f"{hoe}; filename=\"{veilig}\"; filename*=UTF-8''{quote(naam)}"


@inspecteur_pagina("export")
async def export(v: Verzoek) -> Response:
    """/onderzoek/N/export/{json|csv|xlsx} — every answer of the onderzoek: written in the
    background (web.zwaar) to a temporary file, and sent from there in pieces."""
    formaat = v.request.path_params["formaat"]
    if formaat not in ("json", "csv", "xlsx"):
        raise NietGevonden(f"formaat '{formaat}' bestaat niet; kies json, csv of xlsx")
    n, cat = v.onderzoek_id, v.d.catalogus
    map_ = Path(tempfile.mkdtemp(prefix="stj-export-"))
    pad = map_ / f"export.{formaat}"

    async def schrijf(uow: UnitOfWork) -> None:
        if formaat == "json":
            data = (await exporteer_bestand(uow, cat, n)).naar_json()
            pad.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        else:
            await (schrijf_csv if formaat == "csv" else schrijf_xlsx)(uow, cat, n, pad)

    try:
        await op_de_achtergrond(v, schrijf)
    except BaseException:
        shutil.rmtree(map_, ignore_errors=True)
        raise
    naam = f"onderzoek-{n}-antwoorden.{formaat}"
    return FileResponse(
        pad,
        media_type=SOORTEN[formaat],
        headers={"Content-Disposition": _bijlage(naam, True)},
        background=BackgroundTask(shutil.rmtree, map_, ignore_errors=True),
    )


@inspecteur_pagina("rapport")
async def rapport(v: Verzoek) -> Response:
    """/onderzoek/N/rapport/{html|pdf} — the factsheet (or nota), concept or vastgesteld."""
    formaat = v.request.path_params["formaat"]
    if formaat not in ("html", "pdf"):
        raise NietGevonden(f"formaat '{formaat}' bestaat niet; kies html of pdf")
    catalogus, n = v.d.catalogus, v.onderzoek_id

    async def beoordeling(uow: UnitOfWork) -> Beoordeling:
        return await beoordeel(uow, catalogus, n)

    b = await op_de_achtergrond(v, beoordeling)
    # WeasyPrint takes seconds: off the event loop, so other inspectors are not held up.
    inhoud = await asyncio.to_thread(maak_rapport, [b], formaat, v.d.vandaag())
    naam = f"{b.gemeente}-{b.aanpak}-{b.status}.{formaat}".replace(" ", "_")
    if formaat == "html":
        inhoud = met_terugweg(
            inhoud.decode("utf-8"),
            [
                ("Onderzoeken", "/"),
                (f"{b.gemeente} · {b.aanpak}", f"/onderzoek/{n}"),
                ("Beoordeling", f"/onderzoek/{n}/beoordeling"),
            ],
            SOORT[b.rapport].capitalize(),
        ).encode("utf-8")
    return bestand(inhoud, naam, SOORTEN[formaat], bijlage=formaat == "pdf")


@inspecteur_pagina("document")
async def document(v: Verzoek) -> Response:
    """/onderzoek/N/document/D — a document a respondent of this onderzoek sent."""
    info, inhoud = await haal_document(v.uow, int(v.request.path_params["document"]))
    if info.onderzoek_id != v.onderzoek_id:
        raise GeenToegang(f"Dit document hoort niet bij onderzoek {v.onderzoek_id}.")
    return bestand(inhoud, info.naam, info.mime)
