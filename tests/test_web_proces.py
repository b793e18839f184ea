"""`stj web` as a real process: on its own it serves the console; with --telegram-webhook the
bot runs in the same process, its webhook one more route (refused without Telegram's secret),
and reminders from the console go out through that bot (a local fake Bot API)."""

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


def _wacht(poort: int, proces: subprocess.Popen[bytes]) -> None:
    for _ in range(150):
        try:
            socket.create_connection(("127.0.0.1", poort), timeout=0.2).close()
            return
        except OSError:
            if proces.poll() is not None:
                fout = proces.stderr.read().decode() if proces.stderr else "gestopt"
                raise AssertionError(fout) from None
            time.sleep(0.1)
    raise AssertionError("de webconsole startte niet")


def _verzoek(url: str, data: dict[str, object] | None = None, geheim: str | None = None) -> int:
    verzoek = urllib.request.Request(
        url,
        data=json.dumps(data).encode() if data is not None else None,
        method="POST" if data is not None else "GET",
        headers={"Content-Type": "application/json"},
    )
    if geheim is not None:
        verzoek.add_header("X-Telegram-Bot-Api-Secret-Token", geheim)
    try:
        with urllib.request.urlopen(verzoek, timeout=10) as antwoord:
            return int(antwoord.status)
    except urllib.error.HTTPError as fout:
        return fout.code


def _stj_web(tmp_path: Path, poort: int, *extra: str, **env: str) -> subprocess.Popen[bytes]:
    omgeving = {
        **os.environ,
        "STJ_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/web.db",
        "STJ_WEB_URL": f"http://127.0.0.1:{poort}",
        **env,
    }
    return subprocess.Popen(
        [sys.executable, "-c", "from cli.main import main; main()", "web", "--poort", str(poort),
         *extra],
        env=omgeving,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )  # fmt: skip


def _stop(proces: subprocess.Popen[bytes]) -> None:
    proces.send_signal(signal.SIGTERM)
    try:
        proces.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proces.kill()


def test_stj_web_alleen(tmp_path: Path) -> None:
    poort = _vrije_poort()
    proces = _stj_web(tmp_path, poort)
    try:
        _wacht(poort, proces)
        assert _verzoek(f"http://127.0.0.1:{poort}/inloggen") == 200
        with urllib.request.urlopen(f"http://127.0.0.1:{poort}/", timeout=10) as antwoord:
            assert antwoord.url.endswith("/inloggen")  # no session: to the login page
    finally:
        _stop(proces)


def test_stj_web_met_de_bot_in_hetzelfde_proces(tmp_path: Path) -> None:
    poort = _vrije_poort()
    url = f"http://127.0.0.1:{poort}/telegram"
    with NepBotApi() as api:
        proces = _stj_web(
            tmp_path, poort, "--telegram-webhook", url,
            STJ_TELEGRAM_TOKEN="123:ABC", STJ_TELEGRAM_API_URL=api.url,
            STJ_WEBHOOK_SECRET="geheim-456",
        )  # fmt: skip
        try:
            _, aanmelding = api.wacht_op(lambda m, p: m == "setWebhook", 0, tijd=30)
            assert aanmelding["url"] == url and aanmelding["secret_token"] == "geheim-456"
            _wacht(poort, proces)
            update = {
                "update_id": 1,
                "message": {
                    "message_id": 1,
                    "date": 1,
                    "text": "/start",
                    "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
                    "chat": {"id": 78, "type": "private"},
                    "from": {"id": 78, "is_bot": False, "first_name": "T"},
                },
            }
            assert _verzoek(url, update) == 403
            vanaf = len(api.oproepen)
            assert _verzoek(url, {**update, "update_id": 2}, "geheim-456") == 200
            _, antwoord = api.wacht_op(lambda m, p: m == "sendMessage", vanaf)
            assert antwoord["text"] == teksten.GEEN_UITNODIGING
            assert _verzoek(f"http://127.0.0.1:{poort}/inloggen") == 200
        finally:
            _stop(proces)
