"""Webhook mode: `stj bot --webhook URL` registers the secret token with Telegram and refuses
updates that do not carry it (a real process against a local fake Bot API)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from gesprek import teksten
from tests.nep_botapi import NepBotApi


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _post(url: str, data: dict[str, object], geheim: str | None) -> int:
    verzoek = urllib.request.Request(
        url,
        data=json.dumps(data).encode(),
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    if geheim is not None:
        verzoek.add_header("X-Telegram-Bot-Api-Secret-Token", geheim)
    try:
        with urllib.request.urlopen(verzoek, timeout=10) as antwoord:
            return int(antwoord.status)
    except urllib.error.HTTPError as fout:
        return fout.code


def test_webhook_weigert_verzoeken_zonder_geheim(tmp_path: Path) -> None:
    poort = _vrije_poort()
    url = f"http://127.0.0.1:{poort}/telegram"
    with NepBotApi() as api:
        omgeving = {
            **os.environ,
            "STJ_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/w.db",
            "STJ_TELEGRAM_TOKEN": "123:ABC",
            "STJ_TELEGRAM_API_URL": api.url,
            "STJ_WEBHOOK_SECRET": "geheim-123",
        }
        proces = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "from cli.main import main; main()",
                "bot",
                "--webhook",
                url,
                "--poort",
                str(poort),
            ],
            env=omgeving,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            _, aanmelding = api.wacht_op(lambda m, p: m == "setWebhook", 0, tijd=30)
            assert aanmelding["url"] == url and aanmelding["secret_token"] == "geheim-123"
            for _ in range(100):  # the webhook server starts right after registering
                try:
                    socket.create_connection(("127.0.0.1", poort), timeout=0.2).close()
                    break
                except OSError:
                    time.sleep(0.1)
            update = {
                "update_id": 1,
                "message": {
                    "message_id": 1,
                    "date": 1,
                    "text": "/start",
                    "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
                    "chat": {"id": 77, "type": "private"},
                    "from": {"id": 77, "is_bot": False, "first_name": "T"},
                },
            }
            assert _post(url, update, None) == 403
            assert _post(url, {**update, "update_id": 2}, "fout-geheim") == 403
            vanaf = len(api.oproepen)
            assert _post(url, {**update, "update_id": 3}, "geheim-123") == 200
            _, antwoord = api.wacht_op(lambda m, p: m == "sendMessage", vanaf)
            assert antwoord["text"] == teksten.GEEN_UITNODIGING
            # The refused updates were never handled: only one reply in all.
            assert sum(m == "sendMessage" for m, _ in api.oproepen) == 1
        finally:
            proces.send_signal(signal.SIGTERM)
            try:
                proces.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proces.kill()
