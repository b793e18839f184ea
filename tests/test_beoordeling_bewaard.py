"""A compiled assessment is kept in memory while nothing it reads changed (issue 23), on both
databases: every kind of change, made here or by another process (another engine on the same
database), and answers written by the answering path in plain SQL, gives the assessment a
fresh compile would; a change that is rolled back leaves nothing behind."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from beoordeling import Beoordeling
from opslag import beoordelingen
from opslag.antwoorden import bewaar_antwoord
from opslag.beoordelingen import beoordeel, zet_conclusie, zet_let_op, zet_oordeel, zet_status
from opslag.bewijsstukken import lees_document, zet_document
from opslag.db import maak_engine, maak_sessionmaker
from opslag.onderzoeken import maak_uitnodiging
from opslag.uitwisseling.importeren import importeer, lees_antwoordenbestand
from opslag.uow import UnitOfWork
from vragenlijsten.antwoorden import Antwoord
from vragenlijsten.catalogus import Catalogus

Sessies = async_sessionmaker[AsyncSession]
DATA = Path(__file__).parent / "data"
VANDAAG = dt.date(2026, 12, 7)


async def _onderzoek(sessions: Sessies, catalogus: Catalogus) -> int:
    tekst = (DATA / "leeuwarden-interventieteam-gezinnen.json").read_text(encoding="utf-8")
    async with UnitOfWork(sessions) as uow:
        return (await importeer(uow, catalogus, lees_antwoordenbestand(tekst))).onderzoek_id


async def _beoordeel(sessions: Sessies, catalogus: Catalogus, n: int) -> Beoordeling:
    async with UnitOfWork(sessions) as uow:
        return await beoordeel(uow, catalogus, n)


async def _vers(sessions: Sessies, catalogus: Catalogus, n: int) -> Beoordeling:
    """Compiled anew, whatever is kept."""
    beoordelingen._BEWAARD.clear()
    return await _beoordeel(sessions, catalogus, n)


Wijziging = Callable[[Sessies, Catalogus, int], Awaitable[object]]


async def _antwoord(s: Sessies, c: Catalogus, n: int) -> None:
    async with UnitOfWork(s) as uow:
        u = (await uow.repo.uitnodigingen(n))[0]
        await bewaar_antwoord(uow, u.id, "tl-aanmelders", Antwoord(waarde="nee"), "test")
        await uow.commit()


async def _antwoord_in_sql(s: Sessies, c: Catalogus, n: int) -> None:
    """As the answering path writes (opslag.antwoordwerk): the row and the version, no ORM."""
    async with s() as sessie, sessie.begin():
        u = await sessie.execute(text(f"SELECT min(id) FROM uitnodiging WHERE onderzoek_id = {n}"))
        uid = u.scalar_one()
        await sessie.execute(
            text(
                "UPDATE antwoord SET waarde = '\"deels\"' "
                f"WHERE uitnodiging_id = {uid} AND item_id = 'gc-eigen-kracht'"
            )
        )
        await sessie.execute(text(f"UPDATE uitnodiging SET versie = versie + 1 WHERE id = {uid}"))


async def _oordeel(s: Sessies, c: Catalogus, n: int) -> None:
    async with UnitOfWork(s) as uow:
        await zet_oordeel(uow, c, n, "gc-eigen-kracht", "verbeterpunt", None, "test")


async def _let_op(s: Sessies, c: Catalogus, n: int) -> None:
    async with UnitOfWork(s) as uow:
        await zet_let_op(uow, c, n, "gc-sociaal-netwerk", ["Eigen opmerking."], "test")


async def _conclusie(s: Sessies, c: Catalogus, n: int) -> None:
    thema = c.kader("beleidsniveau").themas[0].naam
    async with UnitOfWork(s) as uow:
        await zet_conclusie(uow, c, n, thema, ["Goed."], None, "test")


async def _document(s: Sessies, c: Catalogus, n: int) -> None:
    async with UnitOfWork(s) as uow:
        await zet_document(uow, n, "Nieuw werkplan", "ontvangen", None, "test", VANDAAG)


async def _lezing(s: Sessies, c: Catalogus, n: int) -> None:
    async with UnitOfWork(s) as uow:
        await lees_document(
            uow, c, n, "Werkplan Amaryllis interventieteams 2013", "ap-doelen", "steunt_niet",
            "Het werkplan noemt geen doelen.", "test", VANDAAG,
        )  # fmt: skip


async def _uitnodiging(s: Sessies, c: Catalogus, n: int) -> None:
    async with UnitOfWork(s) as uow:
        await maak_uitnodiging(uow, c, n, "netwerkpartner", "Nieuwe partner")


async def _vaststellen(s: Sessies, c: Catalogus, n: int) -> None:
    async with UnitOfWork(s) as uow:
        await zet_status(uow, n, "vastgesteld", vandaag=VANDAAG, toch=True)


WIJZIGINGEN: list[Wijziging] = [
    _antwoord,
    _antwoord_in_sql,
    _oordeel,
    _let_op,
    _conclusie,
    _document,
    _lezing,
    _uitnodiging,
    _vaststellen,
]


async def test_bewaard_tot_er_iets_verandert(sessions: Sessies, catalogus: Catalogus) -> None:
    """Unchanged: the very same assessment; after each change, here or through another engine
    on the same database (another process), what a fresh compile gives."""
    n = await _onderzoek(sessions, catalogus)
    eerst = await _beoordeel(sessions, catalogus, n)
    assert await _beoordeel(sessions, catalogus, n) is eerst
    url = sessions.kw["bind"].url.render_as_string(hide_password=False)
    ander = maak_engine(url)
    try:
        for nummer, wijzig in enumerate(WIJZIGINGEN):
            voor = await _beoordeel(sessions, catalogus, n)
            # Every other change through the other engine: this process's copy must notice.
            await wijzig(maak_sessionmaker(ander) if nummer % 2 else sessions, catalogus, n)
            na = await _beoordeel(sessions, catalogus, n)
            assert na is not voor, wijzig.__name__
            assert na == await _vers(sessions, catalogus, n), wijzig.__name__
    finally:
        await ander.dispose()


async def test_een_teruggedraaide_wijziging_blijft_niet_hangen(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    """An assessment read inside a transaction that changed an override and was rolled back
    is not kept: the next change (which raises the version to the same number) is seen."""
    n = await _onderzoek(sessions, catalogus)
    await _beoordeel(sessions, catalogus, n)
    async with UnitOfWork(sessions) as uow:
        await zet_oordeel(uow, catalogus, n, "gc-eigen-kracht", "verbeterpunt", None, "test")
    # The same change again in a transaction that is rolled back, read before the rollback.
    async with UnitOfWork(sessions) as uow:
        rij = await beoordelingen._aanpassing(uow, n, "gc-eigen-kracht")
        assert rij is not None
        rij.tekst = "Wordt teruggedraaid."
        binnen = await beoordeel(uow, catalogus, n)
        assert binnen.oordeel("gc-eigen-kracht").bevinding == "Wordt teruggedraaid."
        await uow.session.rollback()
    async with UnitOfWork(sessions) as uow:
        await zet_oordeel(uow, catalogus, n, "gc-eigen-kracht", "voldoet", "Blijft.", "test")
    na = await _beoordeel(sessions, catalogus, n)
    assert na.oordeel("gc-eigen-kracht").bevinding == "Blijft."
    assert na == await _vers(sessions, catalogus, n)


@pytest.fixture(autouse=True)
def _leeg() -> None:
    beoordelingen._BEWAARD.clear()
