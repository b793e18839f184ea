"""Storage services on SQLite and PostgreSQL: onderzoeken, invitations, answers with history."""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from opslag.antwoorden import antwoorden_van, bewaar_antwoord
from opslag.db import alembic_config, maak_engine, migreer
from opslag.fouten import NietGevonden, OngeldigeInvoer
from opslag.modellen import AntwoordHistorie
from opslag.onderzoeken import (
    haal_onderzoek,
    lijst_onderzoeken,
    maak_onderzoek,
    maak_uitnodiging,
    sluit_onderzoek,
    status_onderzoek,
)
from opslag.uow import UnitOfWork
from vragenlijsten.antwoorden import Antwoord
from vragenlijsten.catalogus import Catalogus
from vragenlijsten.laden import VragenlijstFout

Sessies = async_sessionmaker[AsyncSession]


async def test_migraties_zijn_idempotent(db_url: str) -> None:
    engine = maak_engine(db_url)
    try:
        await migreer(engine)  # the template was migrated already: a second run changes nothing
        async with engine.connect() as conn:
            assert (
                await conn.execute(text("select version_num from alembic_version"))
            ).scalar() == ScriptDirectory.from_config(alembic_config()).get_current_head()
            if engine.dialect.name == "sqlite":
                assert (await conn.execute(text("pragma journal_mode"))).scalar() == "wal"
                assert (await conn.execute(text("pragma foreign_keys"))).scalar() == 1
    finally:
        await engine.dispose()


async def test_migreren_op_sqlite_verliest_niets(tmp_path: Path) -> None:
    """A database from before the version columns (0005), with an invitation and an answer,
    migrated as every program migrates at start: nothing is lost. Alembic rebuilds a table to
    change it on SQLite, and with foreign keys on, dropping the old one deleted every row that
    refers to it (0006 emptied the answers; 0010 would have emptied the invitations)."""
    from alembic import command

    url = f"sqlite+aiosqlite:///{tmp_path / 'oud.db'}"
    await asyncio.to_thread(command.upgrade, alembic_config(url), "0005")
    with sqlite3.connect(tmp_path / "oud.db") as oud:
        oud.executescript(
            "INSERT INTO gemeente (naam) VALUES ('Oudstad');"
            "INSERT INTO onderzoek (gemeente_id, aanpak, kader, status, beoordeling_status, "
            "aangemaakt, herinner_dagen, herinner_tijd) VALUES (1, 'Aanpak', 'beleidsniveau', "
            "'open', 'concept', '2026-01-01 00:00:00.000000', '[]', '10:00');"
            "INSERT INTO uitnodiging (onderzoek_id, rol, token, status, aangemaakt, "
            "herinneringen, stap, overgeslagen) VALUES (1, 'gemeente', 'oud', 'bezig', "
            "'2026-01-01 00:00:00.000000', 0, 'waarde', '[]');"
            "INSERT INTO antwoord (uitnodiging_id, item_id, waarde, gewijzigd) "
            "VALUES (1, 'inwoners', '950', '2026-01-01 00:00:00.000000');"
        )
    engine = maak_engine(url)
    try:
        await migreer(engine)
        async with engine.connect() as conn:
            tellen = "SELECT (SELECT count(*) FROM uitnodiging), (SELECT count(*) FROM antwoord)"
            assert tuple((await conn.execute(text(tellen))).one()) == (1, 1)
            assert (await conn.execute(text("pragma foreign_keys"))).scalar() == 1
    finally:
        await engine.dispose()


async def test_migraties_en_modellen_komen_overeen(db_url: str) -> None:
    """A migrated database has exactly the tables and columns the models describe."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from opslag.modellen import Basis

    engine = maak_engine(db_url)
    try:
        async with engine.connect() as conn:
            verschil = await conn.run_sync(
                lambda sync: compare_metadata(MigrationContext.configure(sync), Basis.metadata)
            )
    finally:
        await engine.dispose()
    # Only structural differences count (added or removed tables, columns, indexes).
    structureel = [
        v for v in verschil if isinstance(v, tuple) and v[0].startswith(("add", "remove"))
    ]
    assert structureel == []


async def test_onderzoek_openen_en_opvragen(sessions: Sessies, catalogus: Catalogus) -> None:
    async with UnitOfWork(sessions) as uow:
        info = await maak_onderzoek(
            uow,
            catalogus,
            " Leeuwarden ",
            "Interventieteam Gezinnen",
            "beleidsniveau",
            dt.date(2026, 12, 31),
        )
    async with UnitOfWork(sessions) as uow:
        terug = await haal_onderzoek(uow, info.id)
        alle = await lijst_onderzoeken(uow)
    assert (terug.gemeente, terug.aanpak, terug.deadline) == (
        "Leeuwarden",
        "Interventieteam Gezinnen",
        dt.date(2026, 12, 31),
    )
    assert [o.id for o in alle] == [info.id]


async def test_dubbel_onderzoek_en_onbekend_kader(sessions: Sessies, catalogus: Catalogus) -> None:
    async with UnitOfWork(sessions) as uow:
        info = await maak_onderzoek(uow, catalogus, "Zwolle", "Sluitende aanpak", "casusniveau")
    async with UnitOfWork(sessions) as uow:
        with pytest.raises(OngeldigeInvoer) as fout:
            await maak_onderzoek(uow, catalogus, "Zwolle", "Sluitende aanpak", "casusniveau")
    assert str(fout.value) == (
        f"er is al een open onderzoek naar 'Sluitende aanpak' in Zwolle (casusniveau): nummer "
        f"{info.id}; sluit het eerst met 'stj onderzoek sluit {info.id}' voor een "
        "vervolgonderzoek"
    )
    # A follow-up a year later: close the first, open the next.
    async with UnitOfWork(sessions) as uow:
        gesloten = await sluit_onderzoek(uow, info.id)
    async with UnitOfWork(sessions) as uow:
        vervolg = await maak_onderzoek(uow, catalogus, "Zwolle", "Sluitende aanpak", "casusniveau")
    assert gesloten.status == "afgesloten" and vervolg.id != info.id
    async with UnitOfWork(sessions) as uow:
        with pytest.raises(VragenlijstFout, match="kader 'jeugdbescherming' bestaat niet"):
            await maak_onderzoek(uow, catalogus, "Zwolle", "X", "jeugdbescherming")
        with pytest.raises(NietGevonden, match="onderzoek 999 bestaat niet"):
            await haal_onderzoek(uow, 999)


async def test_uitnodigingen_en_hun_regels(sessions: Sessies, catalogus: Catalogus) -> None:
    async with UnitOfWork(sessions) as uow:
        beleid = await maak_onderzoek(uow, catalogus, "Leeuwarden", "VIG", "beleidsniveau")
    async with UnitOfWork(sessions) as uow:
        casus = await maak_onderzoek(uow, catalogus, "Leeuwarden", "VIG", "casusniveau")
    async with UnitOfWork(sessions) as uow:
        a = await maak_uitnodiging(uow, catalogus, beleid.id, "netwerkpartner", "Politie")
    async with UnitOfWork(sessions) as uow:
        b = await maak_uitnodiging(uow, catalogus, casus.id, "ouder", None, "gezin 1")
    assert a.token != b.token and len(a.token) >= 22
    assert (b.organisatie, b.casus) == (None, "gezin 1")
    fouten = {
        (beleid.id, "ouder", None, None): "rol 'ouder' bestaat niet bij kader beleidsniveau; "
        "kies uit gemeente, netwerkpartner",
        (beleid.id, "gemeente", None, None): "rol gemeente heeft een organisatie nodig; "
        "geef --organisatie",
        (beleid.id, "gemeente", "Gemeente X", "gezin 1"): "een casus hoort alleen bij rollen "
        "die per gezin worden uitgenodigd; laat --casus weg bij beleidsniveau",
        (casus.id, "ouder", "Familie Jansen", "gezin 1"): "ouders worden niet bij naam of "
        "organisatie vastgelegd; laat de "
        "organisatie weg",
        (casus.id, "regisseur", "Wijkteam", "Familie Jansen, Dorpsstraat 3"): "casus "
        "'Familie Jansen, Dorpsstraat 3' kan een naam of adres bevatten; een gezin wordt alleen "
        "met een label vastgelegd, zoals 'gezin 1' of 'gezin A' (laat --casus weg voor het "
        "volgende vrije label)",
        (casus.id, "regisseur", "x" * 301, "gezin 1"): "organisatie is 301 tekens lang; "
        "maximaal 300",
        (casus.id, "professional", " ", "gezin 1"): "rol professional heeft een organisatie "
        "nodig; geef --organisatie",
    }
    for (onderzoek_id, rol, organisatie, casuslabel), melding in fouten.items():
        async with UnitOfWork(sessions) as uow:
            with pytest.raises((OngeldigeInvoer, VragenlijstFout)) as fout:
                await maak_uitnodiging(uow, catalogus, onderzoek_id, rol, organisatie, casuslabel)
        assert str(fout.value) == melding


async def test_antwoord_met_historie(sessions: Sessies, catalogus: Catalogus) -> None:
    async with UnitOfWork(sessions) as uow:
        o = await maak_onderzoek(uow, catalogus, "Leeuwarden", "VIG", "beleidsniveau")
    async with UnitOfWork(sessions) as uow:
        u = await maak_uitnodiging(uow, catalogus, o.id, "gemeente", "Gemeente Leeuwarden")
    for waarde, door in (("ja", "telegram:1"), ("ja", "telegram:1"), ("deels", "telegram:2")):
        async with UnitOfWork(sessions) as uow:
            await bewaar_antwoord(
                uow, u.id, "tl-populatie", Antwoord(waarde=waarde, toelichting="zo'n 50"), door
            )
            await uow.commit()
    async with UnitOfWork(sessions) as uow:
        antwoorden = await antwoorden_van(uow, [u.id])
        historie = [
            (h.oud, h.nieuw, h.door, h.wanneer)
            for h in await uow.session.scalars(
                select(AntwoordHistorie).order_by(AntwoordHistorie.id)
            )
        ]
        _, regels = await status_onderzoek(uow, catalogus, o.id)
    assert antwoorden[u.id]["tl-populatie"].waarde == "deels"
    # The repeated identical answer wrote no history row.
    assert [h[:3] for h in historie] == [
        (None, {"waarde": "ja", "toelichting": "zo'n 50"}, "telegram:1"),
        (
            {"waarde": "ja", "toelichting": "zo'n 50"},
            {"waarde": "deels", "toelichting": "zo'n 50"},
            "telegram:2",
        ),
    ]
    assert historie[0][3].tzinfo is not None
    assert (regels[0].beantwoord, regels[0].totaal) == (
        1,
        len(catalogus.vragenlijst("beleidsniveau", "gemeente").items()) - _verborgen(catalogus),
    )


def _verborgen(catalogus: Catalogus) -> int:
    """Items hidden while nothing is answered (conditional items)."""
    vl = catalogus.vragenlijst("beleidsniveau", "gemeente")
    return sum(1 for i in vl.items() if i.toon_als is not None)


async def test_niet_vastgelegd_antwoord_is_weg(sessions: Sessies, catalogus: Catalogus) -> None:
    async with UnitOfWork(sessions) as uow:
        o = await maak_onderzoek(uow, catalogus, "Leeuwarden", "VIG", "beleidsniveau")
    async with UnitOfWork(sessions) as uow:
        u = await maak_uitnodiging(uow, catalogus, o.id, "gemeente", "Gemeente Leeuwarden")
    async with UnitOfWork(sessions) as uow:
        await bewaar_antwoord(uow, u.id, "tl-populatie", Antwoord(waarde="ja"), "t")
        # no commit: leaving the unit of work rolls back
    async with UnitOfWork(sessions) as uow:
        assert (await antwoorden_van(uow, [u.id]))[u.id] == {}
        assert await uow.session.scalar(select(func.count()).select_from(AntwoordHistorie)) == 0


def test_tokens_beginnen_nooit_met_een_streepje() -> None:
    from opslag.onderzoeken import nieuw_token

    tokens = {nieuw_token() for _ in range(5000)}
    assert len(tokens) == 5000  # unguessable and unique in practice
    assert not any(t.startswith("-") for t in tokens)
    assert all(len(t) == 22 for t in tokens)  # 128 bits, URL-safe base64


async def test_oude_update_ids_worden_vergeten(sessions: Sessies) -> None:
    from opslag.gesprekken import DubbeleUpdate, eenmalig, ruim_updates_op
    from opslag.modellen import VerwerkteUpdate

    async with UnitOfWork(sessions) as uow:
        await eenmalig(uow, 1)
        await eenmalig(uow, 2)
        await uow.commit()
    async with sessions() as s:
        oud = await s.get(VerwerkteUpdate, 1)
        assert oud is not None
        oud.verwerkt = oud.verwerkt - dt.timedelta(days=8)
        await s.commit()
    async with UnitOfWork(sessions) as uow:
        await ruim_updates_op(uow, dt.timedelta(days=7))
    async with UnitOfWork(sessions) as uow:
        with pytest.raises(DubbeleUpdate):
            await eenmalig(uow, 2)  # the recent claim is kept
    async with UnitOfWork(sessions) as uow:
        await eenmalig(uow, 1)  # the week-old one is forgotten
