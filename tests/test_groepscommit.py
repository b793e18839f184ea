"""Group commit and the answering path from memory: one transaction for concurrent updates with
a savepoint each, nothing confirmed before the commit, and an instance that answers from a stale
copy noticing it (the version per invitation) and taking the ORM path instead."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gesprek import teksten
from opslag.db import SCHRIJFSLOT
from opslag.groepscommit import Groepscommit, Terugdraaien, groepscommit
from opslag.modellen import Antwoord, AntwoordHistorie, VerwerkteUpdate
from opslag.onderzoeken import sluit_onderzoek
from opslag.uow import UnitOfWork
from tests.bot_hulp import start_bot, tot_kernvraag, uitnodiging
from tests.nep_telegram import Gebruiker
from vragenlijsten.catalogus import Catalogus

Sessies = async_sessionmaker[AsyncSession]
_CLAIM = "INSERT INTO verwerkte_update (update_id, verwerkt) VALUES ({}, {}) ON CONFLICT DO NOTHING"


class Claim:
    """A unit that claims an update id: 'dubbel' (rolled back) if it was claimed, or fails."""

    def __init__(self, update_id: int, faalt: bool = False) -> None:
        self.update_id, self.faalt = update_id, faalt

    def _uitkomst(self, geclaimd: bool) -> str:
        if self.faalt:
            raise RuntimeError(f"eenheid {self.update_id} faalt")
        if not geclaimd:
            raise Terugdraaien("dubbel")
        return "geschreven"

    def sqlite(self, verbinding: sqlite3.Connection) -> str:
        sql = _CLAIM.format("?", "'2026-12-02 10:00:00.000000'")
        return self._uitkomst(verbinding.execute(sql, (self.update_id,)).rowcount == 1)

    async def postgres(self, verbinding: Any) -> str:
        status = await verbinding.execute(_CLAIM.format("$1", "now()"), self.update_id)
        return self._uitkomst(status.endswith(" 1"))


@pytest.fixture
def commits() -> Iterator[list[str]]:
    """Every COMMIT of a group, as it is about to happen."""
    gezien: list[str] = []
    Groepscommit.voor_commit.append(lambda: gezien.append("commit"))
    yield gezien
    Groepscommit.voor_commit.clear()


async def _geclaimd(sessions: Sessies) -> list[int]:
    async with sessions() as s:
        return list(await s.scalars(select(VerwerkteUpdate.update_id).order_by("update_id")))


def _groep(sessions: Sessies) -> Groepscommit:
    schrijver = groepscommit(sessions.kw["bind"], sessions.kw["info"].get(SCHRIJFSLOT))
    assert schrijver is not None
    return schrijver


async def test_een_savepoint_per_update(sessions: Sessies, commits: list[str]) -> None:
    schrijver = _groep(sessions)
    uitkomsten = await asyncio.gather(
        *(schrijver.voer_uit(Claim(n, faalt=n == 3)) for n in (1, 2, 3, 2, 4)),
        return_exceptions=True,
    )
    # One transaction for all five; the failing unit and the second claim of 2 roll back alone.
    assert commits == ["commit"]
    assert uitkomsten[:2] == ["geschreven", "geschreven"]
    assert isinstance(uitkomsten[2], RuntimeError) and "eenheid 3 faalt" in str(uitkomsten[2])
    assert uitkomsten[3:] == ["dubbel", "geschreven"]
    assert await _geclaimd(sessions) == [1, 2, 4]
    await schrijver.sluit()


async def test_niets_bevestigd_voor_de_commit(sessions: Sessies) -> None:
    schrijver = _groep(sessions)

    def crash() -> None:
        raise OSError("schijf weg")

    Groepscommit.voor_commit.append(crash)
    try:
        uitkomsten = await asyncio.gather(
            *(schrijver.voer_uit(Claim(n)) for n in (1, 2)), return_exceptions=True
        )
    finally:
        Groepscommit.voor_commit.clear()
    # Written, but not committed: every unit of the group hears the failure, none is kept.
    assert [str(u) for u in uitkomsten] == ["schijf weg", "schijf weg"]
    assert await _geclaimd(sessions) == []
    assert await schrijver.voer_uit(Claim(1)) == "geschreven"  # the next group goes on
    assert await _geclaimd(sessions) == [1]
    await schrijver.sluit()


async def _historie(sessions: Sessies) -> int:
    async with sessions() as s:
        return int(await s.scalar(select(func.count()).select_from(AntwoordHistorie)) or 0)


async def test_geen_bevestiging_zonder_commit(sessions: Sessies, catalogus: Catalogus) -> None:
    bot = await start_bot(sessions, catalogus)
    info = await uitnodiging(sessions, catalogus, "beleidsniveau", "netwerkpartner")
    gebruiker = Gebruiker(bot.app, bot.nep, 7301)
    await gebruiker.typ(f"/start {info.token}")
    await gebruiker.druk("Beginnen")
    vraag = await tot_kernvraag(gebruiker, catalogus.vragenlijst("beleidsniveau", "netwerkpartner"))
    voor = await _historie(sessions)

    def crash() -> None:
        raise OSError("schijf weg")

    Groepscommit.voor_commit.append(crash)
    try:
        mislukt = gebruiker.berichten(await gebruiker.druk("Ja"))
    finally:
        Groepscommit.voor_commit.clear()
    # No "✓ Ja": the respondent is told something went wrong, and nothing was stored.
    assert not any("✓" in t for t in mislukt) and mislukt
    assert await _historie(sessions) == voor
    # Pressed again, it is stored once and confirmed; the same update again changes nothing.
    opnieuw = await gebruiker.druk_data(vraag.callback("Ja"), vraag.tekst)
    assert any("✓ Ja" in t for t in gebruiker.berichten(opnieuw))
    assert await gebruiker.verwerk(gebruiker.laatste_update or {}) == []
    assert await _historie(sessions) == voor + 1


async def test_twee_instanties_zien_elkaars_antwoorden(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    vragenlijst = catalogus.vragenlijst("beleidsniveau", "netwerkpartner")
    a, b = await start_bot(sessions, catalogus), await start_bot(sessions, catalogus)
    info = await uitnodiging(sessions, catalogus, "beleidsniveau", "netwerkpartner")
    op_a = Gebruiker(a.app, a.nep, 7401)
    await op_a.typ(f"/start {info.token}")
    await op_a.druk("Beginnen")
    await tot_kernvraag(op_a, vragenlijst)
    await op_a.druk("Ja")  # instance A now holds this respondent's state in memory
    # The next update reaches instance B (behind a load balancer): it answers the toelichting.
    op_b = Gebruiker(b.app, b.nep, 7401)
    op_b._update_ids = op_a._update_ids
    na_b = op_b.berichten(await op_b.typ("Toelichting via B."))
    assert any("✓ Opgeslagen" in t for t in na_b)
    # Back on A, whose copy still waits for the toelichting: the version tells it B moved on,
    # so the text is taken at the step B showed (the next kernvraag, read afresh), where a
    # text is no answer, and not as a second toelichting.
    assert "Weet uw organisatie waar zij een gezin" in op_b.laatste_met_knoppen().tekst
    na_a = op_a.berichten(await op_a.typ("Nog een toelichting"))
    assert na_a == ["Kies een antwoord: Ja, Deels, Nee of Weet ik niet."]
    async with sessions() as s:
        rijen = (await s.scalars(select(Antwoord).order_by(Antwoord.id))).all()
    assert [r.toelichting for r in rijen if r.toelichting] == ["Toelichting via B."]
    # And A answers on from there: its copy was read again.
    volgende = op_a.berichten(await op_a.druk_data(op_b.laatste_met_knoppen().callback("Nee")))
    assert any("✓ Nee" in t for t in volgende)


async def test_gesloten_onderzoek_ook_uit_het_geheugen(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    bot = await start_bot(sessions, catalogus)
    info = await uitnodiging(sessions, catalogus, "beleidsniveau", "netwerkpartner")
    gebruiker = Gebruiker(bot.app, bot.nep, 7501)
    await gebruiker.typ(f"/start {info.token}")
    await gebruiker.druk("Beginnen")
    await tot_kernvraag(gebruiker, catalogus.vragenlijst("beleidsniveau", "netwerkpartner"))
    voor = await _historie(sessions)
    # An inspector closes the onderzoek elsewhere (the web console, the CLI, another instance).
    async with UnitOfWork(sessions) as uow:
        await sluit_onderzoek(uow, info.onderzoek_id)
    antwoord = gebruiker.berichten(await gebruiker.druk("Ja"))
    assert antwoord == [teksten.GESLOTEN]
    assert await _historie(sessions) == voor


async def test_antwoorden_nemen_de_snelle_weg(sessions: Sessies, catalogus: Catalogus) -> None:
    """Once a respondent's state is in memory, answering runs no ORM statement at all (the
    answer is written on the group commit's own connection). Guards against a fast path that
    quietly declines every time and leaves all the work to the ORM."""
    bot = await start_bot(sessions, catalogus)
    info = await uitnodiging(sessions, catalogus, "beleidsniveau", "netwerkpartner")
    gebruiker = Gebruiker(bot.app, bot.nep, 7601)
    await gebruiker.typ(f"/start {info.token}")
    await gebruiker.druk("Beginnen")
    await tot_kernvraag(gebruiker, catalogus.vragenlijst("beleidsniveau", "netwerkpartner"))
    voor = await _historie(sessions)
    statements: list[str] = []

    def tel(_conn: Any, _cursor: Any, sql: str, *_args: Any) -> None:
        statements.append(sql)

    motor = sessions.kw["bind"].sync_engine
    event.listen(motor, "before_cursor_execute", tel)
    try:
        ja = gebruiker.berichten(await gebruiker.druk("Ja"))
        toelichting = gebruiker.berichten(await gebruiker.typ("Zo doen wij dat."))
    finally:
        event.remove(motor, "before_cursor_execute", tel)
    assert any("✓ Ja" in t for t in ja)
    assert toelichting[0].startswith("✓ Opgeslagen: uw toelichting")
    assert statements == []
    assert await _historie(sessions) == voor + 2
