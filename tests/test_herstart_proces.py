"""Acceptance: kill -9 the real `stj bot` process mid-questionnaire, start it again, and the
respondent has lost no confirmed answer and continues at the right question. Runs against a
local fake Bot API server over HTTP, via STJ_TELEGRAM_API_URL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from gesprek.weergave import TOELICHTING_HINT
from opslag.db import maak_engine, maak_sessionmaker
from opslag.modellen import Antwoord, AntwoordHistorie
from tests.bot_hulp import uitnodiging
from tests.conftest import in_thread
from tests.nep_botapi import NepBotApi
from tests.test_web_proces import _stop
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


# The bot, killed with SIGKILL between a group's writes and its COMMIT once the flag file exists.
CRASH_VOOR_COMMIT = """
import os, pathlib, signal
from opslag.groepscommit import Groepscommit
vlag = pathlib.Path(os.environ["STJ_TEST_CRASH"])
Groepscommit.voor_commit.append(lambda: vlag.exists() and os.kill(os.getpid(), signal.SIGKILL))
"""


def _start(api: NepBotApi, db_url: str, crash: Path | None = None) -> subprocess.Popen[bytes]:
    omgeving = {
        **os.environ,
        "STJ_DATABASE_URL": db_url,
        "STJ_TELEGRAM_TOKEN": "123:ABC",
        "STJ_TELEGRAM_API_URL": api.url,
        "STJ_TEST_CRASH": str(crash or ""),
    }
    code = (CRASH_VOOR_COMMIT if crash else "") + "from cli.main import main; main(['bot'])"
    return subprocess.Popen(
        [sys.executable, "-c", code],
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


async def _historie(db_url: str) -> int:
    engine = maak_engine(db_url)
    try:
        async with maak_sessionmaker(engine)() as s:
            return int(await s.scalar(select(func.count()).select_from(AntwoordHistorie)) or 0)
    finally:
        await engine.dispose()


def _is_welkom(methode: str, params: dict[str, Any]) -> bool:
    return methode == "sendMessage" and "Welkom" in params["text"]


def test_kill_tussen_schrijven_en_commit(db_url: str, catalogus: Catalogus, tmp_path: Path) -> None:
    """Killed after an answer's statements ran but before their group committed: no
    confirmation went out, nothing was stored; the respondent gets the question again, and a
    redelivery of the update is recorded once."""
    engine = maak_engine(db_url)
    info = in_thread(uitnodiging(maak_sessionmaker(engine), catalogus, "beleidsniveau", "gemeente"))
    in_thread(engine.dispose())
    vragenlijst = catalogus.vragenlijst("beleidsniveau", "gemeente")
    vlag = tmp_path / "crash"
    with NepBotApi() as api:
        proces = _start(api, db_url, crash=vlag)
        try:
            api.zet_update(_bericht(f"/start {info.token}"))
            _, welkom = api.wacht_op(_is_welkom, 0)
            vanaf = len(api.oproepen)
            api.zet_update(_knop(welkom, "Beginnen"))
            item: Item | None = None
            for _ in range(3):
                _, stap = api.wacht_op(_is_stap, vanaf)
                item = _item(vragenlijst, stap["text"], item)
                vanaf = len(api.oproepen)
                api.zet_update(_antwoord(item, stap))
            _, stap = api.wacht_op(_is_stap, vanaf)
            item = _item(vragenlijst, stap["text"], item)
            voor = in_thread(_historie(db_url))
            vlag.touch()
            vanaf = len(api.oproepen)
            antwoord = _antwoord(item, stap)
            update_id = api.zet_update(antwoord)
            assert proces.wait(timeout=20) == -signal.SIGKILL
        finally:
            if proces.poll() is None:
                proces.kill()
        verstuurd = [m for m, _ in api.oproepen[vanaf:] if m != "getMe"]
        assert verstuurd == []  # no confirmation, not even the button's acknowledgement
        assert in_thread(_historie(db_url)) == voor
        vlag.unlink()
        api.vergeet(update_id)  # the killed bot had fetched it
        herstart = _start(api, db_url)
        try:
            vanaf = len(api.oproepen)
            api.zet_update(_bericht("/verder"))
            _, opnieuw = api.wacht_op(_is_stap, vanaf)
            assert stap["text"].endswith(opnieuw["text"])  # the same question again
            # Telegram redelivers the update, twice: one answer, one confirmation.
            vanaf = len(api.oproepen)
            api.zet_opnieuw(update_id, antwoord)
            _, volgende = api.wacht_op(_is_stap, vanaf)
            assert "✓" in volgende["text"] or any(
                m == "editMessageText" and "✓" in p["text"] for m, p in api.oproepen[vanaf:]
            )
            vanaf = len(api.oproepen)
            api.zet_opnieuw(update_id, antwoord)
            api.zet_update(_bericht("/verder"))
            _, hervat = api.wacht_op(_is_stap, vanaf)
            stappen = [p for m, p in api.oproepen[vanaf:] if _is_stap(m, p)]
            assert len(stappen) == 1 and volgende["text"].endswith(hervat["text"])
            assert in_thread(_historie(db_url)) == voor + 1
        finally:
            _stop(herstart)


def test_kill_9_verliest_niets(db_url: str, catalogus: Catalogus) -> None:
    engine = maak_engine(db_url)
    info = in_thread(uitnodiging(maak_sessionmaker(engine), catalogus, "beleidsniveau", "gemeente"))
    in_thread(engine.dispose())
    vragenlijst = catalogus.vragenlijst("beleidsniveau", "gemeente")
    with NepBotApi() as api:
        proces = _start(api, db_url)
        try:
            api.zet_update(_bericht(f"/start {info.token}"))
            _, welkom = api.wacht_op(_is_welkom, 0)
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
            _stop(herstart)
