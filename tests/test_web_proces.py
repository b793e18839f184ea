"""`stj web` as a real process: on its own it serves the console; with --telegram-webhook the
bot runs in the same process, its webhook one more route (refused without Telegram's secret,
400 for what is no update), and reminders from the console go out through that bot (a local
fake Bot API); two processes on one database share their sessions."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from gesprek import teksten
from tests.conftest import in_thread
from tests.nep_botapi import NepBotApi
from tests.test_webhook import controleer_hostiel, controleer_log


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
            controleer_hostiel(url, "geheim-456")
            vanaf = len(api.oproepen)
            assert _verzoek(url, {**update, "update_id": 2}, "geheim-456") == 200
            _, antwoord = api.wacht_op(lambda m, p: m == "sendMessage", vanaf)
            assert antwoord["text"] == teksten.GEEN_UITNODIGING
            assert _verzoek(f"http://127.0.0.1:{poort}/inloggen") == 200
        finally:
            _stop(proces)
        assert proces.stderr is not None
        controleer_log(proces.stderr.read().decode())


def _http(
    url: str, cookie: str | None = None, data: dict[str, str] | None = None
) -> tuple[int, dict[str, str], str]:
    """One request without following redirects: status, headers, body."""

    class Blijf(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    verzoek = urllib.request.Request(
        url,
        data=urllib.parse.urlencode(data).encode() if data is not None else None,
        method="POST" if data is not None else "GET",
    )
    if cookie:
        verzoek.add_header("Cookie", f"stj_sessie={cookie}")
    opener = urllib.request.build_opener(Blijf)
    try:
        with opener.open(verzoek, timeout=10) as antwoord:
            return antwoord.status, dict(antwoord.headers), antwoord.read().decode()
    except urllib.error.HTTPError as fout:
        return fout.code, dict(fout.headers), fout.read().decode()


async def _inspecteur_met_link(db_url: str) -> str:
    from opslag.db import maak_engine, maak_sessionmaker
    from opslag.inspecteurs import maak_inspecteur
    from opslag.uow import UnitOfWork
    from opslag.weblinks import maak_weblink

    engine = maak_engine(db_url)
    try:
        sessions = maak_sessionmaker(engine)
        async with UnitOfWork(sessions) as uow:
            ik = await maak_inspecteur(uow, "A. de Vries")
        async with UnitOfWork(sessions) as uow:
            return await maak_weblink(uow, ik.id)
    finally:
        await engine.dispose()


def test_twee_consoles_delen_de_sessies(tmp_path: Path, db_url: str) -> None:
    """Two `stj web` processes on one database, each with its own random STJ_WEB_SECRET (none
    set): a login on one is a login on the other, and logging out on the other ends it on
    both; the copied cookie opens nothing anywhere afterwards."""
    token = in_thread(_inspecteur_met_link(db_url))
    poorten = [_vrije_poort(), _vrije_poort()]
    processen = [
        _stj_web(tmp_path, p, STJ_DATABASE_URL=db_url, STJ_WEB_URL=f"http://127.0.0.1:{p}")
        for p in poorten
    ]
    try:
        for poort, proces in zip(poorten, processen, strict=True):
            _wacht(poort, proces)
        a, b = (f"http://127.0.0.1:{p}" for p in poorten)
        status, koppen, _ = _http(f"{a}/inloggen/{token}")
        assert status == 303
        cookie = koppen["set-cookie"].split(";", 1)[0].split("=", 1)[1]
        assert "HttpOnly" in koppen["set-cookie"] and "SameSite=lax" in koppen["set-cookie"]
        status, _, start = _http(f"{b}/", cookie)
        assert status == 200 and "A. de Vries" in start
        csrf = start.split('name="csrf" value="', 1)[1].split('"', 1)[0]
        status, koppen, _ = _http(f"{b}/uitloggen", cookie, {"csrf": csrf})
        assert (status, koppen["location"]) == (303, "/inloggen")
        for console in (a, b):
            status, koppen, _ = _http(f"{console}/", cookie)
            assert (status, koppen["location"]) == (303, "/inloggen"), console
    finally:
        for proces in processen:
            _stop(proces)
