"""Benchmark: N simulated respondents answer the full gemeente questionnaire at once through the
real Telegram adapter (a request object answers every Bot API call at once), on SQLite and
PostgreSQL; and the textbook peer (ConversationHandler + PicklePersistence, answers in
user_data) answering the same 30 kernvragen. Prints updates/s, p50/p99 latency, peak memory.

    .venv/bin/python bench/gesprek.py [--respondenten 200] [--backend sqlite postgresql]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    PicklePersistence,
)
from telegram.request import RequestData

from tests.nep_telegram import StilleRequest

BOT = {"id": 999, "is_bot": True, "first_name": "STJ", "username": "BenchBot"}


class DirecteRequest(StilleRequest):
    """Answers every Bot API call at once; remembers the last message per chat."""

    def __init__(self) -> None:
        self.laatste: dict[int, dict[str, Any]] = {}
        self.aantal = 0

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> tuple[int, bytes]:
        methode = url.rsplit("/", 1)[-1]
        self.aantal += 1
        params = request_data.parameters if request_data else {}
        if methode == "getMe":
            resultaat: Any = BOT
        elif methode == "sendMessage":
            chat = int(params["chat_id"])
            self.laatste[chat] = params
            resultaat = {
                "message_id": self.aantal,
                "date": 0,
                "text": params.get("text", ""),
                "chat": {"id": chat, "type": "private"},
            }
        else:
            resultaat = True
        return 200, json.dumps({"ok": True, "result": resultaat}).encode()


def _bericht(gebruiker: int, n: int, tekst: str) -> dict[str, Any]:
    bericht: dict[str, Any] = {
        "message_id": n,
        "date": 0,
        "text": tekst,
        "chat": {"id": gebruiker, "type": "private"},
        "from": {"id": gebruiker, "is_bot": False, "first_name": "R"},
    }
    if tekst.startswith("/"):
        bericht["entities"] = [
            {"type": "bot_command", "offset": 0, "length": len(tekst.split()[0])}
        ]
    return {"update_id": n, "message": bericht}


def _knop(gebruiker: int, n: int, params: dict[str, Any], label: str) -> dict[str, Any]:
    markup = params["reply_markup"]
    markup = json.loads(markup) if isinstance(markup, str) else markup
    data = next(
        k["callback_data"] for rij in markup["inline_keyboard"] for k in rij if k["text"] == label
    )
    return {
        "update_id": n,
        "callback_query": {
            "id": str(n),
            "chat_instance": "1",
            "data": data,
            "from": {"id": gebruiker, "is_bot": False, "first_name": "R"},
            "message": {
                "message_id": 1,
                "date": 0,
                "text": params.get("text", ""),
                "chat": {"id": gebruiker, "type": "private"},
            },
        },
    }


async def _verwerk(app: Application, data: dict[str, Any], latenties: list[float]) -> None:  # type: ignore[type-arg]
    update = Update.de_json(data, app.bot)
    begin = time.perf_counter()
    await app.update_processor.process_update(update, app.process_update(update))
    latenties.append(time.perf_counter() - begin)


# --- ours ---------------------------------------------------------------------------------


async def ons(respondenten: int, db_url: str) -> dict[str, Any]:
    from bot.app import bouw_app
    from bot.basis import Diensten
    from gesprek.weergave import TOELICHTING_HINT
    from opslag.db import maak_engine, maak_sessionmaker, migreer
    from opslag.onderzoeken import maak_onderzoek, maak_uitnodiging
    from opslag.uow import UnitOfWork
    from vragenlijsten.catalogus import laad_catalogus

    catalogus = laad_catalogus()
    engine = maak_engine(db_url)
    await migreer(engine)
    sessions = maak_sessionmaker(engine)
    async with UnitOfWork(sessions) as uow:
        onderzoek = await maak_onderzoek(uow, catalogus, "Benchstad", "Aanpak", "beleidsniveau")
    tokens = []
    for n in range(respondenten):
        async with UnitOfWork(sessions) as uow:
            tokens.append(
                (
                    await maak_uitnodiging(
                        uow, catalogus, onderzoek.id, "gemeente", f"Gemeente {n}"
                    )
                ).token
            )
    vragenlijst = catalogus.vragenlijst("beleidsniveau", "gemeente")
    vragen = [(i.vraag.strip(), i) for i in vragenlijst.items()]
    request = DirecteRequest()
    app = bouw_app(Diensten(sessions, catalogus), "1:BENCH", request=request)
    await app.initialize()
    latenties: list[float] = []

    async def respondent(nummer: int, token: str) -> None:
        gebruiker = 10_000 + nummer
        teller = iter(range(gebruiker * 1000, gebruiker * 1000 + 1000))
        await _verwerk(app, _bericht(gebruiker, next(teller), f"/start {token}"), latenties)
        await _verwerk(
            app, _knop(gebruiker, next(teller), request.laatste[gebruiker], "Beginnen"), latenties
        )
        item = None
        while True:
            params = request.laatste[gebruiker]
            tekst = params["text"]
            if "Vraag " not in tekst:
                return  # all questions done
            if TOELICHTING_HINT in tekst:
                data = _bericht(gebruiker, next(teller), "Toelichting.")
            elif "Geen document" in str(params.get("reply_markup")):
                data = _bericht(gebruiker, next(teller), "Beleidsplan")
            else:
                item = next(i for v, i in vragen if v in tekst)
                if item.type in ("kernvraag", "schaal"):
                    data = _knop(gebruiker, next(teller), params, "Ja")
                elif item.type == "keuze":
                    data = _knop(gebruiker, next(teller), params, item.opties[0].label)
                elif item.type == "meerkeuze":
                    await _verwerk(
                        app,
                        _knop(gebruiker, next(teller), params, "▫️ " + item.opties[0].label),
                        latenties,
                    )
                    data = _knop(gebruiker, next(teller), params, "Klaar ✔")
                elif item.type == "getal":
                    data = _bericht(gebruiker, next(teller), str(max(item.min, min(item.max, 12))))
                elif item.type == "datum":
                    data = _bericht(gebruiker, next(teller), "1-3-2024")
                else:
                    data = _bericht(gebruiker, next(teller), "Een antwoord.")
            await _verwerk(app, data, latenties)

    begin = time.perf_counter()
    await asyncio.gather(*(respondent(n, t) for n, t in enumerate(tokens)))
    duur = time.perf_counter() - begin
    await app.shutdown()
    await engine.dispose()
    return _uitslag(latenties, duur)


# --- the textbook peer --------------------------------------------------------------------


async def peer(respondenten: int, map_: Path) -> dict[str, Any]:
    vragen = [f"Kernvraag {n + 1}: is dit geregeld?" for n in range(30)]
    keuzes = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(t, callback_data=t.lower())
                for t in ("Ja", "Deels", "Nee", "Weet niet")
            ]
        ]
    )

    async def begin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        assert update.effective_chat is not None
        await context.bot.send_message(update.effective_chat.id, vragen[0], reply_markup=keuzes)
        return 0

    def antwoord(stap: int) -> Any:
        async def verwerk(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
            assert update.callback_query is not None and update.effective_chat is not None
            assert context.user_data is not None
            context.user_data[f"v{stap}"] = update.callback_query.data
            await update.callback_query.answer()
            if stap + 1 == len(vragen):
                await context.bot.send_message(update.effective_chat.id, "Dank u wel.")
                return ConversationHandler.END
            await context.bot.send_message(
                update.effective_chat.id, vragen[stap + 1], reply_markup=keuzes
            )
            return stap + 1

        return verwerk

    request = DirecteRequest()
    app = (
        Application.builder()
        .token("1:PEER")
        .request(request)
        .persistence(PicklePersistence(map_ / "peer.pickle", update_interval=60))
        .build()
    )
    app.add_handler(
        ConversationHandler(
            entry_points=[CommandHandler("start", begin)],
            states={n: [CallbackQueryHandler(antwoord(n))] for n in range(len(vragen))},
            fallbacks=[],
            name="vragenlijst",
            persistent=True,
            per_message=False,
        )
    )
    await app.initialize()
    latenties: list[float] = []

    async def respondent(nummer: int) -> None:
        gebruiker = 10_000 + nummer
        teller = iter(range(gebruiker * 1000, gebruiker * 1000 + 1000))
        await _verwerk(app, _bericht(gebruiker, next(teller), "/start"), latenties)
        for _ in vragen:
            await _verwerk(
                app, _knop(gebruiker, next(teller), request.laatste[gebruiker], "Ja"), latenties
            )

    begin_tijd = time.perf_counter()
    await asyncio.gather(*(respondent(n) for n in range(respondenten)))
    duur = time.perf_counter() - begin_tijd
    await app.shutdown()
    return _uitslag(latenties, duur)


def _uitslag(latenties: list[float], duur: float) -> dict[str, Any]:
    latenties.sort()
    return {
        "updates": len(latenties),
        "seconden": duur,
        "per_seconde": len(latenties) / duur,
        "p50_ms": 1000 * statistics.median(latenties),
        "p99_ms": 1000 * latenties[int(0.99 * (len(latenties) - 1))],
        "piek_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _scenario(naam: str, respondenten: int, db_url: str | None) -> dict[str, Any]:
    """Run one scenario in a fresh process, so peak memory is its own."""
    uit = subprocess.run(
        [
            sys.executable,
            __file__,
            "--scenario",
            naam,
            "--respondenten",
            str(respondenten),
            "--db-url",
            db_url or "",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(uit.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondenten", type=int, default=200)
    parser.add_argument("--backend", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--scenario", help=argparse.SUPPRESS)
    parser.add_argument("--db-url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.scenario == "ons":
            print(json.dumps(asyncio.run(ons(args.respondenten, args.db_url))))
            return
        if args.scenario == "peer":
            print(json.dumps(asyncio.run(peer(args.respondenten, Path(tmp)))))
            return
        rijen = {
            "peer (ConversationHandler + PicklePersistence)": _scenario(
                "peer", args.respondenten, None
            )
        }
        for backend in args.backend:
            rijen[f"STJ-intake op {backend}"] = _scenario(
                "ons", args.respondenten, _database(backend, Path(tmp))
            )
    print(f"{args.respondenten} respondenten tegelijk\n")
    print(f"{'':48} {'updates':>8} {'upd/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'piek MB':>8}")
    for naam, r in rijen.items():
        print(
            f"{naam:48} {r['updates']:>8} {r['per_seconde']:>8.0f} {r['p50_ms']:>8.1f} "
            f"{r['p99_ms']:>8.1f} {r['piek_mb']:>8.0f}"
        )
    peer_snelheid = rijen["peer (ConversationHandler + PicklePersistence)"]["per_seconde"]
    for naam, r in rijen.items():
        if naam.startswith("STJ"):
            print(f"verhouding {naam} / peer: {r['per_seconde'] / peer_snelheid:.2f}")


_CLUSTERS: list[Any] = []


def _database(backend: str, map_: Path) -> str:
    if backend == "sqlite":
        return f"sqlite+aiosqlite:///{map_ / 'bench.db'}"
    from tests.postgres import start_cluster

    cluster = start_cluster()
    _CLUSTERS.append(cluster)
    import atexit

    atexit.register(cluster.stop)
    return cluster.url.rsplit("/", 1)[0] + "/postgres"


if __name__ == "__main__":
    main()
