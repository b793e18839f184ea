"""Driving the real bot offline: build it on a test database and walk whole questionnaires the
way a respondent would, reading what the bot shows and answering it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram.ext import Application

from bot.app import bouw_app
from bot.basis import Diensten
from gesprek.motor import Gesprek
from gesprek.teksten import KLAAR
from gesprek.weergave import TOELICHTING_HINT
from opslag.onderzoeken import UitnodigingInfo, maak_onderzoek, maak_uitnodiging
from opslag.uow import UnitOfWork
from tests.nep_telegram import Gebruiker, NepRequest, Oproep
from vragenlijsten.catalogus import Catalogus
from vragenlijsten.model import Item, Vragenlijst

VANDAAG = dt.date(2026, 11, 22)


@dataclass
class Opstelling:
    app: Application  # type: ignore[type-arg]
    nep: NepRequest


_GESTART: list[Application] = []  # type: ignore[type-arg]


async def start_bot(sessions: async_sessionmaker[AsyncSession], catalogus: Catalogus) -> Opstelling:
    nep = NepRequest()
    app = bouw_app(Diensten(sessions, catalogus, vandaag=lambda: VANDAAG), "123:TEST", request=nep)
    await start_app(app)
    return Opstelling(app, nep)


async def start_app(app: Application) -> None:  # type: ignore[type-arg]
    """Initialise and start an offline bot as `stj bot` does, so that its background work (a
    PDF, a file, reminders) runs as tracked tasks; `stop_apps` (after every test) ends them."""
    await app.initialize()
    await app.start()
    _GESTART.append(app)


async def stop_apps() -> None:
    """Stop the bots a test started: their background tasks are awaited first."""
    while _GESTART:
        app = _GESTART.pop()
        if app.running:
            await app.stop()
        await app.shutdown()


async def uitnodiging(
    sessions: async_sessionmaker[AsyncSession],
    catalogus: Catalogus,
    kader: str,
    rol: str,
    aanpak: str = "Sterke Gezinnen",
    deadline: dt.date | None = dt.date(2026, 12, 31),
) -> UitnodigingInfo:
    onderzoek_id: int | None = None
    async with UnitOfWork(sessions) as uow:
        bestaand = await uow.repo.gemeente("Leeuwarden")
        if bestaand is not None:
            onderzoek = await uow.repo.onderzoek_van(bestaand.id, aanpak, kader)
            onderzoek_id = onderzoek.id if onderzoek else None
    if onderzoek_id is None:
        async with UnitOfWork(sessions) as uow:
            info = await maak_onderzoek(uow, catalogus, "Leeuwarden", aanpak, kader, deadline)
            onderzoek_id = info.id
    betekenis = catalogus.rol(kader, rol)
    assert betekenis is not None
    organisatie = f"Organisatie {rol}" if betekenis.organisatie else None
    casus = "gezin 1" if betekenis.casus else None
    async with UnitOfWork(sessions) as uow:
        return await maak_uitnodiging(uow, catalogus, onderzoek_id, rol, organisatie, casus)


def vraagnummer(catalogus: Catalogus, kader: str, rol: str, item_id: str) -> int:
    """The number a fresh respondent sees for this question ("Vraag N", /wijzig_N)."""
    return Gesprek(catalogus.vragenlijst(kader, rol), catalogus.kader(kader), {}).nummer(item_id)


def item_in(vragenlijst: Vragenlijst, oproep: Oproep) -> Item:
    """The item whose question the bot is showing in this message."""
    for item in vragenlijst.items():
        if item.vraag.strip() in oproep.tekst:
            return item
    raise AssertionError(f"geen vraag herkend in: {oproep.tekst[:200]}")


async def beantwoord(gebruiker: Gebruiker, item: Item) -> list[Oproep]:
    """Answer an item's question the way a careful respondent would."""
    if item.type in ("kernvraag", "schaal"):
        return await gebruiker.druk("Ja")
    if item.type == "keuze":
        return await gebruiker.druk(item.opties[0].label)  # type: ignore[union-attr]
    if item.type == "meerkeuze":
        await gebruiker.druk("▫️ " + item.opties[0].label)  # type: ignore[union-attr]
        return await gebruiker.druk("Klaar ✔")
    if item.type == "getal":
        return await gebruiker.typ(str(max(item.min, min(item.max, 12))))  # type: ignore[union-attr]
    if item.type == "datum":
        return await gebruiker.typ("15-01-2024")
    if item.type == "document":
        return await gebruiker.typ("Beleidsplan 2024")
    return await gebruiker.typ(f"Antwoord op {item.id}.")


async def tot_kernvraag(gebruiker: Gebruiker, vragenlijst: Vragenlijst) -> Oproep:
    """Answer steps until a kernvraag (Ja/Deels/Nee/Weet ik niet) is on screen; return it."""
    vorig: Item | None = None
    for _ in range(len(vragenlijst.items()) * 3):
        vraag = gebruiker.laatste_met_knoppen()
        if "Weet ik niet" in vraag.knoppen():
            return vraag
        if TOELICHTING_HINT in vraag.tekst:
            await gebruiker.typ("Toelichting.")
        elif "Geen document" in vraag.knoppen():
            await gebruiker.typ("Document")
        else:
            vorig = item_in(vragenlijst, vraag)
            await beantwoord(gebruiker, vorig)
    raise AssertionError("geen kernvraag gevonden")


async def vul_in(
    gebruiker: Gebruiker,
    vragenlijst: Vragenlijst,
    oproepen: list[Oproep],
    stop_na: int | None = None,
) -> list[str]:
    """Answer every step the bot shows until it says all questions are done (or after
    `stop_na` questions); returns the ids of the items answered, in order."""
    beantwoord_: list[str] = []
    item: Item | None = None
    for _ in range(10 * len(vragenlijst.items()) + 10):
        teksten_ = gebruiker.berichten(oproepen)
        if any(KLAAR in t for t in teksten_):
            return beantwoord_
        vraag = gebruiker.laatste_met_knoppen()
        if TOELICHTING_HINT in vraag.tekst:
            oproepen = await gebruiker.typ(f"Toelichting bij {item.id if item else '?'}.")
        elif "Geen document" in vraag.knoppen():
            oproepen = await gebruiker.typ(f"Document bij {item.id if item else '?'}")
        else:
            if stop_na is not None and len(beantwoord_) == stop_na:
                return beantwoord_
            item = item_in(vragenlijst, vraag)
            assert f"Vraag {len(beantwoord_) + 1} van " in vraag.tekst, vraag.tekst[:80]
            beantwoord_.append(item.id)
            oproepen = await beantwoord(gebruiker, item)
    raise AssertionError("de vragenlijst kwam niet aan een eind")
