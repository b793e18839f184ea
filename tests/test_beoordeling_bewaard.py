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
from opslag.reacties import reacties_van
from opslag.uitwisseling.importeren import importeer, lees_antwoordenbestand
from opslag.uow import UnitOfWork
from opslag.verbeterplan import publiceer
from opslag.vervolg import open_vervolg
from opslag.wederhoor import beslis, leg_voor
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


async def test_een_besluit_over_een_reactie_wordt_gezien(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    """The inspector's decision on a reaction of the gemeente (a row of the step's invitation,
    not of the onderzoek) changes the report's appendix: a kept assessment notices it."""
    n = await _onderzoek(sessions, catalogus)
    async with UnitOfWork(sessions) as uow:
        stap = await leg_voor(uow, catalogus, n, VANDAAG)
    async with UnitOfWork(sessions) as uow:
        await bewaar_antwoord(
            uow, stap.uitnodiging_id, "r3", Antwoord(waarde="Dit klopt niet."), "gemeente"
        )
        await uow.commit()
    voor = await _beoordeel(sessions, catalogus, n)
    assert [r.besluit for r in voor.proces.reacties] == [None]
    async with UnitOfWork(sessions) as uow:
        regel = (await reacties_van(uow, catalogus, n))[0]
        await beslis(uow, catalogus, n, regel.nummer, "afgewezen", "Het klopt wel.", None, "t")
    na = await _beoordeel(sessions, catalogus, n)
    assert [(r.besluit, r.reden) for r in na.proces.reacties] == [("afgewezen", "Het klopt wel.")]
    assert na == await _vers(sessions, catalogus, n)


async def test_een_vervolg_ziet_het_plan_van_de_eerste_ronde(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    """A follow-up's assessment shows the earlier round's plan: when the gemeente fills it in
    after the follow-up was compiled, a kept assessment of the follow-up notices."""
    n = await _onderzoek(sessions, catalogus)
    async with UnitOfWork(sessions) as uow:
        await zet_status(uow, n, "vastgesteld", vandaag=VANDAAG, toch=True)
    async with UnitOfWork(sessions) as uow:
        plan = (await publiceer(uow, catalogus, n, VANDAAG)).plan
    assert plan is not None
    async with UnitOfWork(sessions) as uow:
        m = (await open_vervolg(uow, catalogus, n, None, VANDAAG)).onderzoek.id
    voor = await _beoordeel(sessions, catalogus, m)
    assert voor.proces.vorige is not None
    assert voor.proces.vorige.acties[0].wat is None
    async with UnitOfWork(sessions) as uow:
        await bewaar_antwoord(
            uow, plan.uitnodiging_id, "wat1", Antwoord(waarde="Een convenant."), "gemeente"
        )
        await uow.commit()
    na = await _beoordeel(sessions, catalogus, m)
    assert na.proces.vorige is not None
    assert na.proces.vorige.acties[0].wat == "Een convenant."
    assert na == await _vers(sessions, catalogus, m)
