"""Acceptance: kill -9 the real `stj bot` process mid-questionnaire, start it again, and the
respondent has lost no confirmed answer and continues at the right question. Runs against a
local fake Bot API server over HTTP, via STJ_TELEGRAM_API_URL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from typing import Any

from sqlalchemy import select

from gesprek.weergave import TOELICHTING_HINT
from opslag.db import maak_engine, maak_sessionmaker
from opslag.modellen import Antwoord
from tests.bot_hulp import uitnodiging
from tests.conftest import in_thread
from tests.nep_botapi import NepBotApi
from vragenlijsten.catalogus import Catalogus
from vragenlijsten.model import Item, Vragenlijst

GEBRUIKER = 4242


def _bericht(tekst: str) -> dict[str, Any]:
    bericht: dict[str, Any] = {
        "message_id": 1,
        "date": 1,
        "chat": {"id": GEBRUIKER, "type": "private"},
        "from": {"id": GEBRUIKER, "is_bot": False, "first_name": "T"},
        "text": tekst,
    }
    if tekst.startswith("/"):
        bericht["entities"] = [
            {"type": "bot_command", "offset": 0, "length": len(tekst.split()[0])}
        ]
    return {"message": bericht}


def _knop(params: dict[str, Any], label: str) -> dict[str, Any]:
    markup = json.loads(params["reply_markup"])
    data = next(
        k["callback_data"] for rij in markup["inline_keyboard"] for k in rij if k["text"] == label
    )
    return {
        "callback_query": {
            "id": "1",
            "chat_instance": "1",
            "data": data,
            "from": {"id": GEBRUIKER, "is_bot": False, "first_name": "T"},
            "message": {
                "message_id": 1,
                "date": 1,
                "text": params["text"],
                "chat": {"id": GEBRUIKER, "type": "private"},
            },
        }
    }


def _is_stap(methode: str, params: dict[str, Any]) -> bool:
    return methode == "sendMessage" and "reply_markup" in params and "Vraag " in params["text"]


def _antwoord(item: Item, params: dict[str, Any]) -> dict[str, Any]:
    if TOELICHTING_HINT in params["text"]:
        return _bericht("Een toelichting.")
    if "Geen document" in params["reply_markup"]:
        return _bericht("Beleidsplan")
    if item.type in ("kernvraag", "schaal"):
        return _knop(params, "Ja")
    if item.type == "keuze":
        return _knop(params, item.opties[0].label)  # type: ignore[union-attr]
    if item.type == "getal":
        return _bericht(str(max(item.min, min(item.max, 12))))  # type: ignore[union-attr]
    if item.type == "datum":
        return _bericht("15-01-2024")
    return _bericht("Een antwoord.")


def _item(vragenlijst: Vragenlijst, tekst: str, vorig: Item | None) -> Item:
    for item in vragenlijst.items():
        if item.vraag.strip() in tekst:
            return item
    assert vorig is not None, tekst
    return vorig  # a toelichting or document step of the previous item


def _start(api: NepBotApi, db_url: str) -> subprocess.Popen[bytes]:
    omgeving = {
        **os.environ,
        "STJ_DATABASE_URL": db_url,
        "STJ_TELEGRAM_TOKEN": "123:ABC",
        "STJ_TELEGRAM_API_URL": api.url,
    }
    return subprocess.Popen(
        [sys.executable, "-c", "from cli.main import main; main(['bot'])"],
        env=omgeving,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


async def _opgeslagen(db_url: str) -> dict[str, Any]:
    engine = maak_engine(db_url)
    try:
        async with maak_sessionmaker(engine)() as s:
            return {a.item_id: a.waarde for a in (await s.scalars(select(Antwoord))).all()}
    finally:
        await engine.dispose()


def test_kill_9_verliest_niets(db_url: str, catalogus: Catalogus) -> None:
    engine = maak_engine(db_url)
    info = in_thread(uitnodiging(maak_sessionmaker(engine), catalogus, "beleidsniveau", "gemeente"))
    in_thread(engine.dispose())
    vragenlijst = catalogus.vragenlijst("beleidsniveau", "gemeente")
    with NepBotApi() as api:
        proces = _start(api, db_url)
        try:
            api.zet_update(_bericht(f"/start {info.token}"))
            _, welkom = api.wacht_op(lambda m, p: m == "sendMessage" and "Welkom" in p["text"], 0)
            vanaf = len(api.oproepen)
            api.zet_update(_knop(welkom, "Beginnen"))
            item: Item | None = None
            bevestigd: list[str] = []
            for _ in range(8):
                _, stap = api.wacht_op(_is_stap, vanaf)
                item = _item(vragenlijst, stap["text"], item)
                if (
                    "Vraag " in stap["text"]
                    and item.vraag.strip() in stap["text"]
                    and item.id not in bevestigd
                ):
                    bevestigd.append(item.id)
                vanaf = len(api.oproepen)
                api.zet_update(_antwoord(item, stap))
            # The next step arriving is the confirmation that the last answer was stored.
            _, laatste = api.wacht_op(_is_stap, vanaf)
            proces.send_signal(signal.SIGKILL)
            proces.wait(timeout=10)
        finally:
            if proces.poll() is None:
                proces.kill()
        # Every answer was confirmed (the bot showed the next step), so every one is stored.
        opgeslagen = in_thread(_opgeslagen(db_url))
        assert len(bevestigd) >= 4
        assert set(bevestigd) <= set(opgeslagen), (bevestigd, opgeslagen)
        herstart = _start(api, db_url)
        try:
            vanaf = len(api.oproepen)
            api.zet_update(_bericht("/verder"))
            _, hervat = api.wacht_op(_is_stap, vanaf)
            assert laatste["text"].endswith(hervat["text"])  # minus its "✓ Opgeslagen" line
        finally:
            herstart.send_signal(signal.SIGTERM)
            try:
                herstart.wait(timeout=15)
            except subprocess.TimeoutExpired:
                herstart.kill()
