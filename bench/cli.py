"""Benchmark: how long the command line takes to answer, next to a minimal Click CLI.

Each command runs as a fresh process (what an inspector waits for at the prompt), interleaved
with the references so a busy moment hits all alike; the median of --herhaal runs is printed.
References on the same Python: a minimal Click CLI (one group, one command: `--help`) and,
where installed, `sqlite-utils tables` on the same database; and a bare Python that imports
Click, aiosqlite and SQLAlchemy's async ORM, what a command reading the database cannot go below.

    .venv/bin/python bench/cli.py [--herhaal 7] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

MINIMAAL = '''
import click

@click.group()
def cli() -> None:
    """Minimal."""

@cli.command()
def hallo() -> None:
    """Zeg hallo."""
    click.echo("hallo")

cli()
'''


SQLALCHEMY = "import click, aiosqlite, sqlalchemy.ext.asyncio, sqlalchemy.orm"


def _klein_database(map_: Path) -> str:
    """A small database with Leeuwarden's onderzoek imported (tests/data); returns its URL."""
    from opslag.db import maak_engine, maak_sessionmaker, migreer
    from opslag.uitwisseling.importeren import importeer, lees_antwoordenbestand
    from opslag.uow import UnitOfWork
    from vragenlijsten.catalogus import laad_catalogus

    url = f"sqlite+aiosqlite:///{map_ / 'klein.db'}"
    bron = Path(__file__).resolve().parents[1] / "tests" / "data"
    tekst = (bron / "leeuwarden-interventieteam-gezinnen.json").read_text("utf-8")

    async def vul() -> None:
        engine = maak_engine(url)
        await migreer(engine)
        async with UnitOfWork(maak_sessionmaker(engine)) as uow:
            await importeer(uow, laad_catalogus(), lees_antwoordenbestand(tekst))
        await engine.dispose()

    asyncio.run(vul())
    return url


def _duur(opdracht: list[str], omgeving: dict[str, str]) -> float:
    """Wall time of one run in ms; a failing run stops the benchmark."""
    begin = time.perf_counter()
    klaar = subprocess.run(opdracht, env=omgeving, capture_output=True, text=True)
    duur = (time.perf_counter() - begin) * 1000
    if klaar.returncode != 0:
        raise SystemExit(f"{' '.join(opdracht)} faalde: {klaar.stderr.strip()[:300]}")
    return duur


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--herhaal", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    python = sys.executable
    stj = str(Path(python).with_name("stj"))
    with tempfile.TemporaryDirectory() as tmp:
        map_ = Path(tmp)
        url = _klein_database(map_)
        (map_ / "minimaal.py").write_text(MINIMAAL)
        omgeving = {**os.environ, "STJ_DATABASE_URL": url}
        opdrachten: dict[str, list[str]] = {
            "minimale Click-CLI --help": [python, str(map_ / "minimaal.py"), "--help"],
            "stj --help": [stj, "--help"],
            "stj onderzoek lijst": [stj, "onderzoek", "lijst"],
            "stj status 1": [stj, "status", "1"],
            # What any command that reads the database loads before it can ask anything:
            # the floor under `stj onderzoek lijst` with SQLAlchemy as the stack.
            "python: import SQLAlchemy (async, ORM)": [python, "-c", SQLALCHEMY],
        }
        sqlite_utils = shutil.which("sqlite-utils", path=str(Path(python).parent))
        if sqlite_utils:
            opdrachten["sqlite-utils tables"] = [sqlite_utils, "tables", str(map_ / "klein.db")]
        for opdracht in opdrachten.values():  # warm the file cache and .pyc files once
            _duur(opdracht, omgeving)
        tijden: dict[str, list[float]] = {naam: [] for naam in opdrachten}
        for _ in range(args.herhaal):
            for naam, opdracht in opdrachten.items():
                tijden[naam].append(_duur(opdracht, omgeving))

    referentie = statistics.median(tijden["minimale Click-CLI --help"])
    uitkomst = {
        naam: {
            "mediaan_ms": round(statistics.median(t), 1),
            "min_ms": round(min(t), 1),
            "max_ms": round(max(t), 1),
            "x_minimaal": round(statistics.median(t) / referentie, 2),
        }
        for naam, t in tijden.items()
    }
    if args.json:
        print(json.dumps(uitkomst, indent=2))
        return
    print(f"mediaan van {args.herhaal} (wandkloktijd, ms; [min-max]; × minimale Click-CLI)")
    for naam, r in uitkomst.items():
        print(
            f"{naam:40} {r['mediaan_ms']:8.1f}  [{r['min_ms']:.0f}-{r['max_ms']:.0f}]"
            f"  {r['x_minimaal']:5.2f}×"
        )


if __name__ == "__main__":
    main()
