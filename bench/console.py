"""Benchmark: the web console on a large onderzoek, with the bot answering in the same process.

One onderzoek (Leeuwarden's, tests/data) grown to N respondents (the gemeente and N-1 network
partners, answers varied by a seeded random generator), imported as one stj-antwoorden/1 file.
Measured, in one process as `stj web` with the bot runs:

- import: the file into an empty database (ms per respondent);
- pages: the onderzoek page, the beoordeling page (after an answer changed, so not from a
  cache; and again unchanged), the XLSX export (median of 3 each);
- light page under load: the start page's p99 while another inspector loads the beoordeling
  page over and over and respondents keep answering (so the assessment keeps changing);
- the bot under load: p99 of respondents' answers (through the real handler table, think time
  0.2-1 s) while inspectors load the beoordeling page and the XLSX over and over.

    .venv/bin/python bench/console.py [--respondenten 1000 2000] [--backend sqlite postgresql]
        [--herhaal 3] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

BRON = Path(__file__).resolve().parents[1] / "tests" / "data"
SCHAAL = ("ja", "ja", "ja", "deels", "nee", "weet_niet")
ANTWOORDERS = 40  # respondents answering through the bot during the load scenarios
DUUR = 8.0  # seconds per load scenario


def _bestand(respondenten: int) -> str:
    """Leeuwarden's file with the gemeente and respondenten-1 network partners."""
    data = json.loads((BRON / "leeuwarden-interventieteam-gezinnen.json").read_text("utf-8"))
    kans = random.Random(respondenten)
    gemeente = next(r for r in data["respondenten"] if r["rol"] == "gemeente")
    partners = [r for r in data["respondenten"] if r["rol"] == "netwerkpartner"]
    lijst = [gemeente]
    for n in range(respondenten - 1):
        r = copy.deepcopy(partners[n % len(partners)])
        r["organisatie"] = f"Partner {n + 1}"
        for antwoord in r["antwoorden"].values():
            if antwoord.get("waarde") in SCHAAL:
                antwoord["waarde"] = kans.choice(SCHAAL)
        lijst.append(r)
    data["respondenten"] = lijst
    return json.dumps(data, ensure_ascii=False)


def _p99(waarden: list[float]) -> float:
    waarden = sorted(waarden)
    return round(1000 * waarden[int(0.99 * (len(waarden) - 1))], 1) if waarden else 0.0


async def meet(respondenten: int, db_url: str) -> dict[str, Any]:
    """One measurement in this process."""
    import httpx

    from bot.app import bouw_app, klaar_voor_gebruik
    from bot.basis import Diensten
    from opslag.achtergrond import Achtergrond
    from opslag.db import maak_engine, maak_sessionmaker, migreer
    from opslag.inspecteurs import koppel, maak_inspecteur
    from opslag.onderzoeken import maak_uitnodiging
    from opslag.uitwisseling.importeren import importeer, lees_antwoordenbestand
    from opslag.uow import UnitOfWork
    from opslag.weblinks import maak_weblink
    from vragenlijsten.catalogus import laad_catalogus
    from web.app import maak_app
    from web.diensten import WebDiensten

    spec = __import__("importlib.util").util.spec_from_file_location(
        "bench_gesprek", Path(__file__).parent / "gesprek.py"
    )
    gesprek = __import__("importlib.util").util.module_from_spec(spec)
    spec.loader.exec_module(gesprek)

    catalogus = laad_catalogus()
    engine = maak_engine(db_url)
    await migreer(engine)
    sessions = maak_sessionmaker(engine)
    uitslag: dict[str, Any] = {"respondenten": respondenten}

    tekst = _bestand(respondenten)
    begin = time.perf_counter()
    async with UnitOfWork(sessions) as uow:
        onderzoek = (await importeer(uow, catalogus, lees_antwoordenbestand(tekst))).onderzoek_id
    uitslag["import_ms_per_respondent"] = round(
        1000 * (time.perf_counter() - begin) / respondenten, 2
    )

    tokens = []
    for n in range(ANTWOORDERS):
        async with UnitOfWork(sessions) as uow:
            info = await maak_uitnodiging(
                uow, catalogus, onderzoek, "netwerkpartner", f"Antwoorder {n}"
            )
            tokens.append(info.token)
    async with UnitOfWork(sessions) as uow:
        ik = await maak_inspecteur(uow, "Bench")
    async with UnitOfWork(sessions) as uow:
        await koppel(uow, onderzoek, ik.id)
        await uow.commit()

    request = gesprek.DirecteRequest()
    bot = bouw_app(Diensten(sessions, catalogus), "1:BENCH", request=request)
    await bot.initialize()
    # As `stj web` runs it: heavy reading in its background thread (web.zwaar).
    achtergrond = Achtergrond(db_url)
    app = maak_app(WebDiensten(sessions, catalogus, "http://console", achtergrond=achtergrond))

    async def inspecteur() -> httpx.AsyncClient:
        async with UnitOfWork(sessions) as uow:
            link = await maak_weblink(uow, ik.id)
        client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app, client=("127.0.0.1", 123)),
            base_url="http://console",
            timeout=120,
        )
        r = await client.get(f"/inloggen/{link}")
        assert r.status_code == 303, r.text
        return client

    a, b = await inspecteur(), await inspecteur()
    klaar_voor_gebruik()
    oz = f"/onderzoek/{onderzoek}"

    async def duur(client: httpx.AsyncClient, pad: str) -> float:
        begin = time.perf_counter()
        r = await client.get(pad)
        assert r.status_code == 200, (pad, r.status_code, r.text[:300])
        return time.perf_counter() - begin

    # A respondent changes an answer, so the next beoordeling page cannot come from a cache.
    tellers = iter(range(10**9))

    async def respondent(nummer: int, token: str, tot: float, latenties: list[float]) -> None:
        gebruiker = 50_000 + nummer
        teller = iter(range(gebruiker * 10_000, gebruiker * 10_000 + 10_000))
        kans = random.Random(nummer)
        await gesprek._verwerk(
            bot, gesprek._bericht(gebruiker, next(teller), f"/start {token}"), []
        )
        params = request.laatste[gebruiker]
        await gesprek._verwerk(bot, gesprek._knop(gebruiker, next(teller), params, "Beginnen"), [])
        while time.perf_counter() < tot:
            await asyncio.sleep(kans.uniform(0.2, 1.0))
            params = request.laatste[gebruiker]
            tekst = params["text"]
            if "Vraag " not in tekst:
                return
            markup = str(params.get("reply_markup"))
            if "Geen toelichting" in markup or "Geen document" in markup:
                data = gesprek._bericht(gebruiker, next(teller), "Een toelichting.")
            elif '"Ja"' in markup:
                data = gesprek._knop(gebruiker, next(teller), params, "Ja")
            elif "Overslaan" in markup:
                data = gesprek._knop(gebruiker, next(teller), params, "Overslaan")
            else:
                data = gesprek._bericht(gebruiker, next(teller), "12")
            await gesprek._verwerk(bot, data, latenties)

    async def verander() -> None:
        """One answer changed through the ORM, as the console or an import would."""
        from opslag.antwoorden import bewaar_antwoord
        from vragenlijsten.antwoorden import Antwoord

        async with UnitOfWork(sessions) as uow:
            await bewaar_antwoord(
                uow, 1, "tl-aanmelders", Antwoord(waarde=SCHAAL[next(tellers) % 4]), "bench"
            )
            await uow.commit()

    uitslag["onderzoek_ms"] = round(1000 * statistics.median([await duur(a, oz) for _ in "123"]))
    koud = []
    for _ in "123":
        await verander()
        koud.append(await duur(a, oz + "/beoordeling"))
    uitslag["beoordeling_ms"] = round(1000 * statistics.median(koud))
    uitslag["beoordeling_ongewijzigd_ms"] = round(
        1000 * statistics.median([await duur(a, oz + "/beoordeling") for _ in "123"])
    )
    uitslag["xlsx_ms"] = round(
        1000 * statistics.median([await duur(a, oz + "/export/xlsx") for _ in "123"])
    )

    async def herhaal(client: httpx.AsyncClient, paden: list[str], tot: float) -> int:
        n = 0
        while time.perf_counter() < tot:
            await duur(client, paden[n % len(paden)])
            n += 1
        return n

    # Light page while another inspector loads the beoordeling page, respondents answering.
    licht: list[float] = []
    antwoorden: list[float] = []
    tot = time.perf_counter() + DUUR

    async def lichte_pagina() -> None:
        while time.perf_counter() < tot:
            licht.append(await duur(b, "/"))
            await asyncio.sleep(0.05)

    helft = ANTWOORDERS // 2
    zwaar = await asyncio.gather(
        herhaal(a, [oz + "/beoordeling"], tot),
        lichte_pagina(),
        *(respondent(n, tokens[n], tot, antwoorden) for n in range(helft)),
    )
    uitslag["licht_p99_ms"] = _p99(licht)
    uitslag["licht_zwaar_geladen"] = zwaar[0]

    # The bot while inspectors load heavy pages in the same process.
    bot_latenties: list[float] = []
    tot = time.perf_counter() + DUUR
    zwaar = await asyncio.gather(
        herhaal(a, [oz + "/beoordeling"], tot),
        herhaal(b, [oz + "/export/xlsx", oz], tot),
        *(respondent(n, tokens[n], tot, bot_latenties) for n in range(helft, ANTWOORDERS)),
    )
    uitslag["bot_p99_ms"] = _p99(bot_latenties)
    uitslag["bot_antwoorden"] = len(bot_latenties)
    uitslag["bot_zwaar_geladen"] = zwaar[0] + zwaar[1]

    await a.aclose()
    await b.aclose()
    await bot.shutdown()
    await bot.bot_data["diensten"].antwoordpad.sluit()
    await achtergrond.sluit()
    await engine.dispose()
    return uitslag


def _scenario(respondenten: int, db_url: str) -> dict[str, Any]:
    """One measurement in a fresh process."""
    uit = subprocess.run(
        [sys.executable, __file__, "--scenario", str(respondenten), "--db-url", db_url],
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(uit.stdout.strip().splitlines()[-1]))


MATEN = (
    "import_ms_per_respondent",
    "onderzoek_ms",
    "beoordeling_ms",
    "beoordeling_ongewijzigd_ms",
    "xlsx_ms",
    "licht_p99_ms",
    "bot_p99_ms",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondenten", type=int, nargs="+", default=[1000, 2000])
    parser.add_argument("--backend", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--herhaal", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--scenario", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--db-url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.scenario:
        print(json.dumps(asyncio.run(meet(args.scenario, args.db_url))))
        return
    spec = __import__("importlib.util").util.spec_from_file_location(
        "bench_gesprek", Path(__file__).parent / "gesprek.py"
    )
    gesprek = __import__("importlib.util").util.module_from_spec(spec)
    spec.loader.exec_module(gesprek)
    alles: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.respondenten:
            for backend in args.backend:
                rondes = []
                for ronde in range(args.herhaal):
                    url = gesprek._database(backend, Path(tmp) / f"console-{n}-{backend}-{ronde}")
                    rondes.append(_scenario(n, url))
                samen = {
                    m: statistics.median(r[m] for r in rondes) for m in MATEN if m in rondes[0]
                }
                samen["rondes"] = rondes
                alles[f"{n}/{backend}"] = samen
                print(f"\n{n} respondenten, {backend}" + (f" (mediaan van {args.herhaal})"))
                for m in MATEN:
                    waarden = [r[m] for r in rondes]
                    print(f"  {m:28} {samen[m]:>9}   {waarden}")
    if args.json:
        print(json.dumps(alles))


if __name__ == "__main__":
    main()
