"""The console's heavy pages read in a background thread with a connection of their own (issue
23), on both databases: the beoordeling page, the exports and the report come out as when read
in the request itself, and meanwhile the request does not hold SQLite's one writer."""

from __future__ import annotations

import asyncio
import re

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from opslag import beoordelingen
from opslag.achtergrond import Achtergrond
from opslag.uow import UnitOfWork
from tests.test_web import _importeer, _inspecteur, _link
from vragenlijsten.catalogus import Catalogus
from web.app import maak_app
from web.diensten import WebDiensten

Sessies = async_sessionmaker[AsyncSession]
PADEN = ("beoordeling", "export/json", "export/csv", "export/xlsx", "rapport/html")


async def _haal(
    sessions: Sessies, catalogus: Catalogus, achtergrond: Achtergrond | None, n: int, ik: int
) -> dict[str, bytes]:
    app = maak_app(WebDiensten(sessions, catalogus, "http://console", achtergrond=achtergrond))
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 123))
    async with httpx.AsyncClient(transport=transport, base_url="http://console") as c:
        assert (await c.get(f"/inloggen/{await _link(sessions, ik)}")).status_code == 303
        uit = {}
        for pad in PADEN:
            r = await c.get(f"/onderzoek/{n}/{pad}")
            assert r.status_code == 200, (pad, r.text[:300])
            uit[pad] = r.content
        return uit


def _zonder_sessie(inhoud: bytes) -> bytes:
    """A page without what differs per login: the forms' token, and the history (which shows
    the downloads of the first login)."""
    inhoud = re.sub(rb'name="csrf" value="[^"]+"', b"", inhoud)
    return inhoud.split(b'<h2 id="geschiedenis">')[0]


async def test_op_de_achtergrond_hetzelfde(sessions: Sessies, catalogus: Catalogus) -> None:
    n = await _importeer(sessions, catalogus, "leeuwarden-interventieteam-gezinnen.json")
    ik = await _inspecteur(sessions, "A. de Vries", n)
    hier = await _haal(sessions, catalogus, None, n, ik)
    beoordelingen._BEWAARD.clear()
    url = sessions.kw["bind"].url.render_as_string(hide_password=False)
    achtergrond = Achtergrond(url)
    try:
        daar = await _haal(sessions, catalogus, achtergrond, n, ik)
    finally:
        await achtergrond.sluit()
    for pad in ("beoordeling", "export/json", "export/csv", "rapport/html"):
        assert _zonder_sessie(daar[pad]) == _zonder_sessie(hier[pad]), pad
    assert daar["export/xlsx"][:2] == b"PK"  # a workbook (its zip carries the time it was made)


async def test_zonder_slot_wacht_een_schrijver_niet(sessions: Sessies) -> None:
    """While a unit of work waits for the background, another one can write meanwhile."""
    async with UnitOfWork(sessions) as wachter:
        await wachter.repo.onderzoeken()
        async with (
            wachter.zonder_slot(),
            asyncio.timeout(10),
            UnitOfWork(sessions) as schrijver,
        ):
            await schrijver.repo.gemeente("Tussendoor", maak=True)
            await schrijver.commit()
        assert await wachter.repo.gemeente("Tussendoor") is not None
