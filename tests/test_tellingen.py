"""One count for a respondent everywhere: the kernvragen answered, of the kernvragen the role is
asked, the same in the factsheet, the web console, `stj status` and /status in Telegram; and
what a reminder tells a respondent counts as the chat does ("Vraag 1 van 24")."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from beoordeling import factsheet, render_markdown
from gesprek.motor import Gesprek
from opslag.antwoorden import bewaar_antwoord
from opslag.beoordelingen import beoordeel
from opslag.inspecteurs import koppel, maak_inspecteur
from opslag.modellen import Uitnodiging
from opslag.onderzoeken import status_onderzoek
from opslag.uow import UnitOfWork
from tests.bot_hulp import start_bot, uitnodiging
from tests.nep_telegram import Gebruiker
from tests.test_web import _client, _link
from vragenlijsten.antwoorden import Antwoord
from vragenlijsten.catalogus import Catalogus
from vragenlijsten.waarden import kernvragen, voortgang

Sessies = async_sessionmaker[AsyncSession]
# A context question and three kernvragen (one with only a toelichting: not answered).
ANTWOORDEN = {
    "organisatie-soort": Antwoord(waarde="politie"),
    "tl-omschrijving": Antwoord(waarde="ja"),
    "tl-aanmeldpunt": Antwoord(waarde="weet_niet"),
    "tl-aanmelders": Antwoord(toelichting="Nog niet bekend."),
    "gc-eigen-kracht": Antwoord(waarde="deels"),
}


async def test_kernvragen_overal_dezelfde_telling(sessions: Sessies, catalogus: Catalogus) -> None:
    info = await uitnodiging(sessions, catalogus, "beleidsniveau", "netwerkpartner")
    async with UnitOfWork(sessions) as uow:
        for item, antwoord in ANTWOORDEN.items():
            await bewaar_antwoord(uow, info.id, item, antwoord, "test")
        await uow.session.execute(
            update(Uitnodiging).where(Uitnodiging.id == info.id).values(status="bezig")
        )
        await uow.commit()
    beantwoord, gevraagd = kernvragen(
        catalogus.kader("beleidsniveau"), "netwerkpartner", ANTWOORDEN
    )
    assert (beantwoord, gevraagd) == (3, 24)
    telling = f"{beantwoord} van {gevraagd} kernvragen"

    async with UnitOfWork(sessions) as uow:
        _, regels = await status_onderzoek(uow, catalogus, info.onderzoek_id)
        b = await beoordeel(uow, catalogus, info.onderzoek_id)
        ik = await maak_inspecteur(uow, "A. de Vries")
        await koppel(uow, info.onderzoek_id, ik.id)
        await uow.commit()
    assert (regels[0].kernvragen, regels[0].kernvragen_totaal) == (beantwoord, gevraagd)
    # The factsheet (concept) ...
    assert f"{telling} beantwoord" in render_markdown(factsheet([b], dt.date(2026, 12, 1)))
    # ... the web console ...
    async with _client(sessions, catalogus) as c:
        await c.get(f"/inloggen/{await _link(sessions, ik.id)}")
        assert telling in (await c.get(f"/onderzoek/{info.onderzoek_id}")).text
    # ... and /status in Telegram.
    bot = await start_bot(sessions, catalogus)
    inspecteur = Gebruiker(bot.app, bot.nep, 9501)
    await inspecteur.typ(f"/start {ik.token}")
    status = "\n".join(inspecteur.berichten(await inspecteur.typ(f"/status {info.onderzoek_id}")))
    assert telling in status


def test_stj_status_telt_kernvragen(stj: Any) -> None:
    onderzoek = stj("onderzoek", "nieuw", "--gemeente", "Aa", "--aanpak", "Bb", "--kader",
                    "beleidsniveau", "--json").json()["id"]  # fmt: skip
    stj("uitnodiging", "nieuw", str(onderzoek), "--rol", "netwerkpartner", "--organisatie", "GGD")
    tekst = stj("status", str(onderzoek)).out
    assert "uitgenodigd  0 van 24 kernvragen" in tekst
    regel = json.loads(stj("status", str(onderzoek), "--json").out)["respondenten"][0]
    assert (regel["kernvragen"], regel["kernvragen_totaal"]) == (0, 24)


def test_herinnering_telt_als_de_chat(catalogus: Catalogus) -> None:
    # A parent's questions wait behind the consent question: the chat says "Vraag 1 van 24",
    # so a reminder must not say "0 van de 1".
    vragenlijst = catalogus.vragenlijst("casusniveau", "ouder")
    chat = Gesprek(vragenlijst, catalogus.kader("casusniveau"), {}).aantal_vragen()
    assert chat > 1
    assert voortgang(vragenlijst, {}) == (0, chat)
