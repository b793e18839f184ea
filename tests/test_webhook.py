"""Webhook mode: `stj bot --webhook URL` registers the secret token with Telegram and refuses
updates that do not carry it (a real process against a local fake Bot API)."""

from __future__ import annotations

import ipaddress
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


def _post_ruw(url: str, lichaam: bytes, geheim: str, lengte: int | None = None) -> int:
    """Post raw bytes (a declared Content-Length that may differ from what is sent)."""
    verzoek = urllib.request.Request(url, data=lichaam, method="POST")
    verzoek.add_header("Content-Type", "application/json")
    verzoek.add_header("X-Telegram-Bot-Api-Secret-Token", geheim)
    if lengte is not None:
        verzoek.add_header("Content-Length", str(lengte))
    try:
        with urllib.request.urlopen(verzoek, timeout=10) as antwoord:
            return int(antwoord.status)
    except urllib.error.HTTPError as fout:
        return fout.code
    except (ConnectionError, urllib.error.URLError):
        return -1  # the server closed the connection before reading the rest


HOSTIEL = {
    "geen JSON": b'{"update_id": 5, "message": ',
    "geen UTF-8": b'{"update_id": 5, "x": "\xff\xfe"}',
    "geen object": b"[1, 2, 3]",
    "update_id als tekst": b'{"update_id": "vijf"}',
    "bericht als tekst": b'{"update_id": 6, "message": "hallo"}',
    "chat als getal": b'{"update_id": 7, "message": {"message_id": 1, "date": 1, "chat": 5}}',
    "diep genest": b'{"update_id": 8, "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "net te diep": b'{"update_id": 9, "x": ' + b"[" * 40 + b"]" * 40 + b"}",
}


def luistert_op(poort: int) -> set[str]:
    """The addresses a local TCP port listens on (from /proc/net/tcp and tcp6)."""
    adressen = set()
    for bestand, v6 in (("/proc/net/tcp", False), ("/proc/net/tcp6", True)):
        try:
            regels = Path(bestand).read_text().splitlines()[1:]
        except OSError:
            continue
        for regel in regels:
            velden = regel.split()
            adres, hex_poort = velden[1].split(":")
            if int(hex_poort, 16) != poort or velden[3] != "0A":  # 0A: LISTEN
                continue
            ruw = bytes.fromhex(adres)
            if v6:
                ruw = b"".join(ruw[i : i + 4][::-1] for i in range(0, 16, 4))
                adressen.add(str(ipaddress.IPv6Address(ruw)))
            else:
                adressen.add(str(ipaddress.IPv4Address(ruw[::-1])))
    return adressen


def controleer_hostiel(url: str, geheim: str) -> None:
    """Every hostile body gets 400 (or 413 when too big) from a webhook that keeps working."""
    for wat, lichaam in HOSTIEL.items():
        assert _post_ruw(url, lichaam, geheim) == 400, wat
    # 90 MB announced: refused before it is read (413, or the connection closed).
    assert _post_ruw(url, b"{}", geheim, lengte=90 * 1024 * 1024) in (413, -1)


def controleer_log(stderr: str) -> None:
    """One line per refused body, never a traceback."""
    assert "Traceback" not in stderr, stderr[-3000:]
    regels = [r for r in stderr.splitlines() if "webhook: verzoek geweigerd" in r]
    assert len(regels) >= len(HOSTIEL), stderr[-3000:]


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
            # Behind a proxy: by default it listens on the loopback address only.
            assert luistert_op(poort) == {"127.0.0.1"}
            controleer_hostiel(url, "geheim-123")
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
        assert proces.stderr is not None
        controleer_log(proces.stderr.read().decode())
