"""Benchmark: simulated respondents answer the gemeente questionnaire through the real Telegram
adapter (a request object answers every Bot API call at once), on SQLite and on PostgreSQL with
durable commits (fsync and synchronous_commit on); the textbook peer (ConversationHandler +
PicklePersistence, answers in user_data, not durable) answering 30 kernvragen; and the fair peer:
the same textbook bot replaying, per update, exactly the Bot API calls, texts and keyboards our bot
made for that update (recorded from our bot first, in its own process).

Two scenarios: "vol", N respondents who each send the next answer the instant the previous one is
confirmed (throughput); and "denktijd", respondents who think 1-5 s between answers (the
realistic load; its p99 is what a respondent feels). Per scenario and system: updates/s, p50 and
p99 latency, CPU ms per update (this process), peak memory, and the ratios to both peers (in
updates/s, and the fair peer's CPU per update over ours). With --herhaal N every scenario runs N
rounds, each round all systems one after another (interleaved), and the table shows medians with
the spread over the rounds.

    .venv/bin/python bench/gesprek.py [--respondenten 200] [--denktijd 200 2000]
        [--backend sqlite postgresql] [--herhaal 3] [--json]
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
    MessageHandler,
    PicklePersistence,
    filters,
)
from telegram.request import RequestData

from tests.nep_telegram import StilleRequest

BOT = {"id": 999, "is_bot": True, "first_name": "STJ", "username": "BenchBot"}


class DirecteRequest(StilleRequest):
    """Answers every Bot API call at once, as Telegram would (a sent or edited message comes
    back as a Message); remembers the last message per chat and, when asked, every call."""

    def __init__(self, opnemen: bool = False) -> None:
        self.laatste: dict[int, dict[str, Any]] = {}
        self.aantal = 0
        self.oproepen: list[tuple[str, dict[str, Any]]] | None = [] if opnemen else None

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
        if self.oproepen is not None and methode != "getMe":
            self.oproepen.append((methode, json.loads(json.dumps(params))))
        if methode == "getMe":
            resultaat: Any = BOT
        elif methode in ("sendMessage", "editMessageText", "editMessageReplyMarkup"):
            chat = int(params["chat_id"])
            if methode == "sendMessage":
                self.laatste[chat] = params
            resultaat = {
                "message_id": params.get("message_id") or self.aantal,
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
    respondenten: int,
    db_url: str,
    denktijd: bool = False,
    antwoorden: int = 0,
    opname: Path | None = None,
) -> dict[str, Any]:
    """Our bot; with `opname`, one respondent's updates and the Bot API calls each one made are
    written there (for the fair peer)."""
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
    request = DirecteRequest(opnemen=opname is not None)
    app = bouw_app(Diensten(sessions, catalogus), "1:BENCH", request=request)
    await app.initialize()
    klaar_voor_gebruik()  # as `stj bot` does once it has started
    latenties: list[float] = []
    opgenomen: list[dict[str, Any]] = []

    async def verwerk(data: dict[str, Any]) -> None:
        voor = len(request.oproepen) if request.oproepen is not None else 0
        await _verwerk(app, data, latenties)
        if request.oproepen is not None:
            opgenomen.append({"update": data, "oproepen": request.oproepen[voor:]})

    async def respondent(nummer: int, token: str) -> None:
        gebruiker = 10_000 + nummer
        kans = random.Random(nummer) if denktijd else None
        teller = iter(range(gebruiker * 1000, gebruiker * 1000 + 1000))
        if kans is not None:
            await asyncio.sleep(kans.uniform(0, 5))  # respondents do not all start at once
        await verwerk(_bericht(gebruiker, next(teller), f"/start {token}"))
        await _denk(kans)
        await verwerk(_knop(gebruiker, next(teller), request.laatste[gebruiker], "Beginnen"))
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
                    await verwerk(
                        _knop(gebruiker, next(teller), params, "▫️ " + item.opties[0].label)
                    )
                    data = _knop(gebruiker, next(teller), params, "Klaar ✔")
                elif item.type == "getal":
                    data = _bericht(gebruiker, next(teller), str(max(item.min, min(item.max, 12))))
                elif item.type == "datum":
                    data = _bericht(gebruiker, next(teller), "1-3-2024")
                else:
                    data = _bericht(gebruiker, next(teller), "Een antwoord.")
            await verwerk(data)

    begin, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(respondent(n, t) for n, t in enumerate(tokens)))
    duur, cpu = time.perf_counter() - begin, time.process_time() - cpu
    await app.shutdown()
    await app.bot_data["diensten"].antwoordpad.sluit()
    await engine.dispose()
    if opname is not None:
        opname.write_text(json.dumps(opgenomen))
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
    app = await _leerboekbot(
        "peer",
        map_,
        request,
        CommandHandler("start", begin),
        {n: [CallbackQueryHandler(antwoord(n))] for n in range(len(vragen))},
    )
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

    return await _meet(app, respondent, respondenten, latenties)


# --- the fair peer ------------------------------------------------------------------------


def _knoppenbord(params: dict[str, Any]) -> InlineKeyboardMarkup | None:
    """A recorded keyboard as a textbook bot writes it (built once, kept like a constant)."""
    markup = params.get("reply_markup")
    if markup is None:
        return None
    markup = json.loads(markup) if isinstance(markup, str) else markup
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(k["text"], callback_data=k["callback_data"]) for k in rij]
            for rij in markup["inline_keyboard"]
        ]
    )


def _als_gebruiker(data: dict[str, Any], gebruiker: int, update_id: int) -> dict[str, Any]:
    """A recorded update as another user sends it."""
    kopie: dict[str, Any] = json.loads(json.dumps(data))
    kopie["update_id"] = update_id
    bericht = kopie.get("message") or kopie["callback_query"]["message"]
    bericht["chat"]["id"] = gebruiker
    (kopie.get("message") or kopie["callback_query"])["from"]["id"] = gebruiker
    if "callback_query" in kopie:
        kopie["callback_query"]["id"] = str(update_id)
    return kopie


async def eerlijk(
    respondenten: int, map_: Path, opname: Path, denktijd: bool = False
) -> dict[str, Any]:
    """The textbook bot (ConversationHandler + PicklePersistence, answers in user_data, not
    durable) that, for each update, makes exactly the Bot API calls our bot made for it: the
    same methods, texts and keyboards, through the library's usual methods."""
    stappen = json.loads(opname.read_text())
    plan = [
        [(m, p, _knoppenbord(p)) for m, p in stap["oproepen"]] for stap in stappen
    ]  # keyboards made once, before the first update

    def stap(n: int) -> Any:
        async def verwerk(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
            assert update.effective_chat is not None and context.user_data is not None
            query = update.callback_query
            bericht = update.effective_message
            context.user_data[n] = query.data if query else bericht.text if bericht else None
            chat = update.effective_chat.id
            for methode, params, markup in plan[n]:
                if methode == "sendMessage":
                    await context.bot.send_message(chat, params["text"], reply_markup=markup)
                elif methode == "answerCallbackQuery" and query is not None:
                    await query.answer(params.get("text"), show_alert=params.get("show_alert"))
                elif methode == "editMessageText" and query is not None:
                    await query.edit_message_text(params["text"], reply_markup=markup)
                elif methode == "editMessageReplyMarkup" and query is not None:
                    await query.edit_message_reply_markup(markup)
                else:
                    raise ValueError(f"niet na te doen: {methode}")
            return n + 1 if n + 1 < len(plan) else ConversationHandler.END

        return verwerk

    def handler(n: int) -> Any:
        if "callback_query" in stappen[n]["update"]:
            return CallbackQueryHandler(stap(n))
        return MessageHandler(filters.TEXT & ~filters.COMMAND, stap(n))

    request = DirecteRequest()
    app = await _leerboekbot(
        "eerlijk",
        map_,
        request,
        CommandHandler("start", stap(0)),
        {n: [handler(n)] for n in range(1, len(plan))},
    )
    latenties: list[float] = []

    async def respondent(nummer: int) -> None:
        gebruiker = 10_000 + nummer
        kans = random.Random(nummer) if denktijd else None
        if kans is not None:
            await asyncio.sleep(kans.uniform(0, 5))
        for n, opgenomen in enumerate(stappen):
            if n:
                await _denk(kans)
            data = _als_gebruiker(opgenomen["update"], gebruiker, gebruiker * 1000 + n)
            await _verwerk(app, data, latenties)

    return await _meet(app, respondent, respondenten, latenties)


async def _leerboekbot(
    naam: str, map_: Path, request: Any, start: Any, states: dict[object, list[Any]]
) -> Application:  # type: ignore[type-arg]
    """The textbook bot both peers are: a ConversationHandler with PicklePersistence (answers
    in user_data, flushed on a timer: not durable), started and ready."""
    app = (
        Application.builder()
        .token(f"1:{naam.upper()}")
        .request(request)
        .persistence(PicklePersistence(map_ / f"{naam}.pickle", update_interval=60))
        .build()
    )
    app.add_handler(
        ConversationHandler(
            entry_points=[start],
            states=states,
            fallbacks=[],
            name="vragenlijst",
            persistent=True,
            per_message=False,
        )
    )
    await app.initialize()
    return app


async def _meet(
    app: Any, respondent: Any, respondenten: int, latenties: list[float]
) -> dict[str, Any]:
    """Let every respondent answer at once; the wall and CPU time they took, then stop."""
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
    systeem: str,
    respondenten: int,
    db_url: str | None,
    denktijd: bool,
    antwoorden: int,
    opname: Path | None = None,
) -> dict[str, Any]:
    """Run one measurement in a fresh process, so peak memory and CPU time are its own."""
    args = [sys.executable, __file__, "--scenario", systeem, "--respondenten", str(respondenten)]
    args += ["--db-url", db_url or "", "--antwoorden", str(antwoorden)]
    args += ["--opname", str(opname)] if opname is not None else []
    uit = subprocess.run(
        [*args, *(["--met-denktijd"] if denktijd else [])],
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(uit.stdout.strip().splitlines()[-1]))


MATEN = ("updates_per_s", "p50_ms", "p99_ms", "cpu_ms_per_update", "peak_mb")
VERHOUDINGEN = ("x_peer", "x_eerlijk", "cpu_x_eerlijk")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondenten", type=int, default=200, help="vol: tegelijk")
    parser.add_argument("--denktijd", type=int, nargs="*", default=[200, 2000])
    parser.add_argument(
        "--antwoorden", type=int, default=12, help="denktijd: updates per respondent"
    )
    parser.add_argument("--backend", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--herhaal", type=int, default=1, help="rondes per scenario")
    parser.add_argument("--json", action="store_true", help="laatste regel: alles als JSON")
    parser.add_argument("--scenario", help=argparse.SUPPRESS)
    parser.add_argument("--db-url", help=argparse.SUPPRESS)
    parser.add_argument("--opname", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--met-denktijd", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.scenario == "ons":
            uitslag = ons(
                args.respondenten, args.db_url, args.met_denktijd, args.antwoorden, args.opname
            )
            print(json.dumps(asyncio.run(uitslag)))
            return
        if args.scenario == "peer":
            uitslag = peer(args.respondenten, Path(tmp), args.met_denktijd, args.antwoorden)
            print(json.dumps(asyncio.run(uitslag)))
            return
        if args.scenario == "eerlijk":
            uitslag = eerlijk(args.respondenten, Path(tmp), args.opname, args.met_denktijd)
            print(json.dumps(asyncio.run(uitslag)))
            return
        metingen = [("vol", args.respondenten, False, 0)]
        metingen += [("denktijd", n, True, args.antwoorden) for n in args.denktijd]
        alles: dict[str, dict[str, Any]] = {}
        for soort, n, denken, antwoorden in metingen:
            naam = f"{soort}-{n}"
            # What our bot sends for each update of one respondent, for the fair peer.
            opname = Path(tmp) / f"{naam}-opname.json"
            url = _database("sqlite", Path(tmp) / f"{naam}-opname")
            _scenario("ons", 1, url, False, antwoorden, opname)
            rondes: list[dict[str, dict[str, Any]]] = []
            for ronde in range(args.herhaal):
                rijen = {
                    "peer": _scenario("peer", n, None, denken, antwoorden),
                    "eerlijk": _scenario("eerlijk", n, None, denken, antwoorden, opname),
                }
                for backend in args.backend:
                    url = _database(backend, Path(tmp) / f"{naam}-{backend}-{ronde}")
                    rijen[backend] = _scenario("ons", n, url, denken, antwoorden)
                for r in rijen.values():
                    r["x_peer"] = round(r["updates_per_s"] / rijen["peer"]["updates_per_s"], 3)
                    r["x_eerlijk"] = round(
                        r["updates_per_s"] / rijen["eerlijk"]["updates_per_s"], 3
                    )
                    r["cpu_x_eerlijk"] = round(
                        rijen["eerlijk"]["cpu_ms_per_update"] / r["cpu_ms_per_update"], 3
                    )
                rondes.append(rijen)
            samen = {systeem: _samen([r[systeem] for r in rondes]) for systeem in rondes[0]}
            _toon(naam, samen, args.herhaal)
            alles.update({f"{naam}/{systeem}": r for systeem, r in samen.items()})
    if args.json:
        print(json.dumps(alles))


def _samen(rondes: list[dict[str, Any]]) -> dict[str, Any]:
    """The rounds of one system: every measure's median, and all rounds' values."""
    uit: dict[str, Any] = {"updates": rondes[0]["updates"]}
    for maat in (*MATEN, *VERHOUDINGEN):
        waarden = [r[maat] for r in rondes]
        uit[maat] = statistics.median(waarden)
        uit[f"{maat}_rondes"] = waarden
    return uit


def _toon(naam: str, rijen: dict[str, dict[str, Any]], rondes: int) -> None:
    """One scenario as a table: medians, and with several rounds the spread of upd/s and
    p99."""
    print(f"\n{naam}" + (f" (mediaan van {rondes} rondes; [min-max])" if rondes > 1 else ""))
    kop = ("updates", "upd/s", "p50 ms", "p99 ms", "CPU ms/u", "piek MB", "× peer", "× eerl")
    print(f"{'':10}" + "".join(f"{k:>10}" for k in kop) + f"{'CPU×eerl':>10}")
    for systeem, r in rijen.items():
        waarden = (
            f"{r['updates']}",
            f"{r['updates_per_s']:.0f}",
            f"{r['p50_ms']:.1f}",
            f"{r['p99_ms']:.1f}",
            f"{r['cpu_ms_per_update']:.3f}",
            f"{r['peak_mb']:.0f}",
            f"{r['x_peer']:.2f}",
            f"{r['x_eerlijk']:.2f}",
            f"{r['cpu_x_eerlijk']:.2f}",
        )
        print(f"{systeem:10}" + "".join(f"{w:>10}" for w in waarden))
        if rondes > 1:
            spreiding = {
                m: f"[{min(r[m + '_rondes'])}-{max(r[m + '_rondes'])}]"
                for m in ("updates_per_s", "p99_ms", "cpu_ms_per_update", "x_eerlijk")
            }
            print(f"{'':10}" + "  ".join(f"{m} {v}" for m, v in spreiding.items()))


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
