"""Benchmark: the random-update fuzz of tests/fuzz.py at full size: 10,000 updates (texts, button
presses real, stale and forged, commands, files, edits, group and channel posts, duplicates)
from respondents of every role, strangers and an inspector, through the real handler table.
Prints what went wrong (nothing may) and how fast it went.

    .venv/bin/python bench/fuzz.py [--updates 10000] [--zaad 1] [--backend sqlite postgresql]
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import logging
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from opslag.db import maak_engine, maak_sessionmaker, migreer
from tests.fuzz import Uitslag, fuzz
from vragenlijsten.catalogus import laad_catalogus


def _database(backend: str, map_: Path) -> str:
    if backend == "sqlite":
        return f"sqlite+aiosqlite:///{map_ / 'fuzz.db'}"
    from tests.postgres import start_cluster

    cluster = start_cluster()
    atexit.register(cluster.stop)
    return cluster.url


async def meet(url: str, updates: int, zaad: int) -> Uitslag:
    engine = maak_engine(url)
    try:
        await migreer(engine)
        return await fuzz(maak_sessionmaker(engine), laad_catalogus(), updates, zaad)
    finally:
        await engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=10_000)
    parser.add_argument("--zaad", type=int, default=1)
    parser.add_argument("--backend", nargs="+", default=["sqlite", "postgresql"])
    args = parser.parse_args()
    # Refused attempts are logged as warnings by design; here only the counts matter.
    logging.getLogger("stj").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as tmp:
        for backend in args.backend:
            u = asyncio.run(meet(_database(backend, Path(tmp)), args.updates, args.zaad))
            print(f"{backend}: {u.updates} updates in {u.seconden:.1f} s "
                  f"({u.updates / u.seconden:.0f}/s), zaad {args.zaad}")  # fmt: skip
            print(f"  onafgehandelde fouten:       {u.fouten}")
            print(f"  zonder antwoord:             {u.zonder_antwoord}")
            print(f"  antwoorden buiten domein:    {u.buiten_domein}")
            print(f"  antwoorden bevestigd:        {u.bevestigd} (aan het eind bewaard: "
                  f"{u.opgeslagen})")  # fmt: skip
            for voorbeeld in u.voorbeelden[:10]:
                print(f"  - {voorbeeld[:300]}")


if __name__ == "__main__":
    main()
