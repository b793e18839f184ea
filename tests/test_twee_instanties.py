"""Two real `stj bot --webhook` processes on one database, behind a round-robin load balancer
(each update goes to the next instance), one of them killed with SIGKILL right after it was
handed an answer and later started again: the respondent's answers move between instances
(each holds a copy of the state in memory, which the version per invitation keeps honest),
nothing confirmed is lost and nothing is recorded twice."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from typing import Any

from gesprek.teksten import HULP
from opslag.db import maak_engine, maak_sessionmaker
from tests.bot_hulp import uitnodiging
from tests.conftest import in_thread
from tests.nep_botapi import NepBotApi
from tests.test_herstart_proces import (
    _antwoord,
    _bericht,
    _historie,
    _is_stap,
    _is_welkom,
    _item,
    _knop,
)
from tests.test_webhook import _post, _vrije_poort
from vragenlijsten.catalogus import Catalogus
from vragenlijsten.model import Item

GEHEIM = "geheim-lb"


def _is_hulp(methode: str, params: dict[str, Any]) -> bool:
    return methode == "sendMessage" and params["text"] == HULP


class Instantie:
    """One `stj bot --webhook` process on its own port."""

    def __init__(self, api: NepBotApi, db_url: str) -> None:
        self.poort = _vrije_poort()
        self.url = f"http://127.0.0.1:{self.poort}/telegram"
        self._api, self._db_url = api, db_url
        self.proces: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        omgeving = {
            **os.environ,
            "STJ_DATABASE_URL": self._db_url,
            "STJ_TELEGRAM_TOKEN": "123:ABC",
            "STJ_TELEGRAM_API_URL": self._api.url,
            "STJ_WEBHOOK_SECRET": GEHEIM,
        }
        args = ["bot", "--webhook", self.url, "--poort", str(self.poort)]
        self.proces = subprocess.Popen(
            [sys.executable, "-c", "from cli.main import main; main()", *args],
            env=omgeving,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(300):  # the webhook server listens once the bot has started
            try:
                socket.create_connection(("127.0.0.1", self.poort), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.1)
        raise TimeoutError(f"instantie op poort {self.poort} start niet")

    def stuur(self, update: dict[str, Any]) -> None:
        assert _post(self.url, update, GEHEIM) == 200

    def stop(self, sein: int = signal.SIGTERM) -> None:
        if self.proces is None or self.proces.poll() is not None:
            return
        self.proces.send_signal(sein)
        try:
            self.proces.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proces.kill()


def test_twee_webhook_instanties_een_gedood(db_url: str, catalogus: Catalogus) -> None:
    engine = maak_engine(db_url)
    info = in_thread(uitnodiging(maak_sessionmaker(engine), catalogus, "beleidsniveau", "gemeente"))
    in_thread(engine.dispose())
    vragenlijst = catalogus.vragenlijst("beleidsniveau", "gemeente")
    update_ids = iter(range(1, 10_000))

    def update(inhoud: dict[str, Any]) -> dict[str, Any]:
        return {"update_id": next(update_ids), **inhoud}

    with NepBotApi() as api:
        a, b = Instantie(api, db_url), Instantie(api, db_url)
        a.start()
        b.start()
        try:
            vanaf = len(api.oproepen)
            a.stuur(update(_bericht(f"/start {info.token}")))
            _, welkom = api.wacht_op(_is_welkom, vanaf)
            vanaf = len(api.oproepen)
            b.stuur(update(_knop(welkom, "Beginnen")))
            _, stap = api.wacht_op(_is_stap, vanaf)
            item: Item | None = None
            beantwoord = 0
            for n in range(10):  # round robin: A, B, A, B, ...
                item = _item(vragenlijst, stap["text"], item)
                vanaf = len(api.oproepen)
                (a if n % 2 == 0 else b).stuur(update(_antwoord(item, stap)))
                _, stap = api.wacht_op(_is_stap, vanaf)
                beantwoord += 1
            # A gets the next answer and is killed at once: it may have stored and confirmed
            # it, stored it unconfirmed, or not seen it at all.
            item = _item(vragenlijst, stap["text"], item)
            gedood = update(_antwoord(item, stap))
            a.stuur(gedood)
            a.stop(signal.SIGKILL)
            beantwoord += 1
            # Telegram, not sure A handled it, delivers it again, now to B; then the respondent
            # asks where they are.
            vanaf = len(api.oproepen)
            b.stuur(gedood)
            b.stuur(update(_bericht("/verder")))
            # One user's updates are handled in order: once /help is answered, so are the two
            # before it, however many messages the redelivery brought.
            b.stuur(update(_bericht("/help")))
            api.wacht_op(_is_hulp, vanaf)
            stappen = [p for m, p in api.oproepen[vanaf:] if _is_stap(m, p)]
            stap = stappen[-1]  # what /verder showed: the step after the killed answer
            assert in_thread(_historie(db_url)) == beantwoord
            # A starts again and the round robin goes on over both.
            a.start()
            for n in range(6):
                item = _item(vragenlijst, stap["text"], item)
                vanaf = len(api.oproepen)
                (b if n % 2 == 0 else a).stuur(update(_antwoord(item, stap)))
                _, stap = api.wacht_op(_is_stap, vanaf)
                beantwoord += 1
        finally:
            a.stop()
            b.stop()
    # Every answer given is stored exactly once (one history row per answered step).
    assert in_thread(_historie(db_url)) == beantwoord
