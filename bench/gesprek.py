"""Benchmark: simulated respondents answer the gemeente questionnaire through the real Telegram
adapter (a request object answers every Bot API call at once), on SQLite and on PostgreSQL with
durable commits (fsync and synchronous_commit on); and the textbook peer (ConversationHandler +
PicklePersistence, answers in user_data, not durable) answering 30 kernvragen.

Two scenarios: "vol", N respondents who each send the next answer the instant the previous one is
confirmed (throughput); and "denktijd", respondents who think 1-5 s between answers (the
realistic load; its p99 is what a respondent feels). Per scenario and system: updates/s, p50 and
p99 latency, CPU ms per update (this process), peak memory, and the ratio to the peer.

    .venv/bin/python bench/gesprek.py [--respondenten 200] [--denktijd 200 2000]
        [--backend sqlite postgresql] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
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


async def _denk(kans: random.Random | None) -> None:
    """A respondent thinking 1-5 s before the next answer (denktijd scenario)."""
    if kans is not None:
        await asyncio.sleep(kans.uniform(1, 5))


async def ons(
    respondenten: int, db_url: str, denktijd: bool = False, antwoorden: int = 0
) -> dict[str, Any]:
    from bot.app import bouw_app, klaar_voor_gebruik
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
    klaar_voor_gebruik()  # as `stj bot` does once it has started
    latenties: list[float] = []

    async def respondent(nummer: int, token: str) -> None:
        gebruiker = 10_000 + nummer
        kans = random.Random(nummer) if denktijd else None
        teller = iter(range(gebruiker * 1000, gebruiker * 1000 + 1000))
        if kans is not None:
            await asyncio.sleep(kans.uniform(0, 5))  # respondents do not all start at once
        await _verwerk(app, _bericht(gebruiker, next(teller), f"/start {token}"), latenties)
        await _denk(kans)
        await _verwerk(
            app, _knop(gebruiker, next(teller), request.laatste[gebruiker], "Beginnen"), latenties
        )
        item = None
        gegeven = 2
        while not antwoorden or gegeven < antwoorden:
            await _denk(kans)
            gegeven += 1
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

    begin, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(respondent(n, t) for n, t in enumerate(tokens)))
    duur, cpu = time.perf_counter() - begin, time.process_time() - cpu
    await app.shutdown()
    await app.bot_data["diensten"].antwoordpad.sluit()
    await engine.dispose()
    return _uitslag(latenties, duur, cpu)


# --- the textbook peer --------------------------------------------------------------------


async def peer(
    respondenten: int, map_: Path, denktijd: bool = False, antwoorden: int = 0
) -> dict[str, Any]:
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
        kans = random.Random(nummer) if denktijd else None
        teller = iter(range(gebruiker * 1000, gebruiker * 1000 + 1000))
        if kans is not None:
            await asyncio.sleep(kans.uniform(0, 5))
        await _verwerk(app, _bericht(gebruiker, next(teller), "/start"), latenties)
        for _ in vragen[: antwoorden - 1] if antwoorden else vragen:
            await _denk(kans)
            await _verwerk(
                app, _knop(gebruiker, next(teller), request.laatste[gebruiker], "Ja"), latenties
            )

    begin_tijd, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(respondent(n) for n in range(respondenten)))
    duur, cpu = time.perf_counter() - begin_tijd, time.process_time() - cpu
    await app.shutdown()
    return _uitslag(latenties, duur, cpu)


def _uitslag(latenties: list[float], duur: float, cpu: float) -> dict[str, Any]:
    latenties.sort()
    return {
        "updates": len(latenties),
        "seconden": round(duur, 2),
        "updates_per_s": round(len(latenties) / duur, 1),
        "p50_ms": round(1000 * statistics.median(latenties), 2),
        "p99_ms": round(1000 * latenties[int(0.99 * (len(latenties) - 1))], 2),
        "cpu_ms_per_update": round(1000 * cpu / len(latenties), 3),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def _scenario(
    systeem: str, respondenten: int, db_url: str | None, denktijd: bool, antwoorden: int
) -> dict[str, Any]:
    """Run one measurement in a fresh process, so peak memory is its own."""
    args = [sys.executable, __file__, "--scenario", systeem, "--respondenten", str(respondenten)]
    args += ["--db-url", db_url or "", "--antwoorden", str(antwoorden)]
    uit = subprocess.run(
        [*args, *(["--met-denktijd"] if denktijd else [])],
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(uit.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondenten", type=int, default=200, help="vol: tegelijk")
    parser.add_argument("--denktijd", type=int, nargs="*", default=[200, 2000])
    parser.add_argument(
        "--antwoorden", type=int, default=12, help="denktijd: updates per respondent"
    )
    parser.add_argument("--backend", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--json", action="store_true", help="laatste regel: alles als JSON")
    parser.add_argument("--scenario", help=argparse.SUPPRESS)
    parser.add_argument("--db-url", help=argparse.SUPPRESS)
    parser.add_argument("--met-denktijd", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.scenario == "ons":
            uitslag = ons(args.respondenten, args.db_url, args.met_denktijd, args.antwoorden)
            print(json.dumps(asyncio.run(uitslag)))
            return
        if args.scenario == "peer":
            uitslag = peer(args.respondenten, Path(tmp), args.met_denktijd, args.antwoorden)
            print(json.dumps(asyncio.run(uitslag)))
            return
        metingen = [("vol", args.respondenten, False, 0)]
        metingen += [("denktijd", n, True, args.antwoorden) for n in args.denktijd]
        alles: dict[str, dict[str, Any]] = {}
        for soort, n, denken, antwoorden in metingen:
            naam = f"{soort}-{n}"
            rijen = {"peer": _scenario("peer", n, None, denken, antwoorden)}
            for backend in args.backend:
                url = _database(backend, Path(tmp) / f"{naam}-{backend}")
                rijen[backend] = _scenario("ons", n, url, denken, antwoorden)
            for r in rijen.values():
                r["ratio_to_peer"] = round(r["updates_per_s"] / rijen["peer"]["updates_per_s"], 3)
            _toon(naam, rijen)
            alles.update({f"{naam}/{systeem}": r for systeem, r in rijen.items()})
    if args.json:
        print(json.dumps(alles))


def _toon(naam: str, rijen: dict[str, dict[str, Any]]) -> None:
    """One scenario as a table."""
    print(f"\n{naam}")
    kop = ("updates", "upd/s", "p50 ms", "p99 ms", "CPU ms/u", "piek MB", "× peer")
    print(f"{'':12}" + "".join(f"{k:>10}" for k in kop))
    for systeem, r in rijen.items():
        waarden = (
            f"{r['updates']}",
            f"{r['updates_per_s']:.0f}",
            f"{r['p50_ms']:.1f}",
            f"{r['p99_ms']:.1f}",
            f"{r['cpu_ms_per_update']:.2f}",
            f"{r['peak_mb']:.0f}",
            f"{r['ratio_to_peer']:.2f}",
        )
        print(f"{systeem:12}" + "".join(f"{w:>10}" for w in waarden))


_CLUSTERS: list[Any] = []


def _database(backend: str, map_: Path) -> str:
    """A fresh database per measurement; PostgreSQL with durable commits."""
    if backend == "sqlite":
        map_.mkdir(parents=True, exist_ok=True)
        return f"sqlite+aiosqlite:///{map_ / 'bench.db'}"
    from tests.postgres import start_cluster

    cluster = start_cluster(duurzaam=True)
    _CLUSTERS.append(cluster)
    import atexit

    atexit.register(cluster.stop)
    return cluster.url.rsplit("/", 1)[0] + "/postgres"


if __name__ == "__main__":
    main()
