"""Shared fixtures: the catalogue, and a fresh migrated database per test on SQLite and on a
real PostgreSQL server (a throwaway cluster this session starts, or STJ_TEST_POSTGRES_URL)."""

from __future__ import annotations

import asyncio
import functools
import inspect
import json
import os
import shutil
import uuid
import warnings
from collections import Counter
from collections.abc import AsyncIterator, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import asyncpg
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cli.main import main
from opslag.db import maak_engine, maak_sessionmaker, migreer
from tests.bot_hulp import stop_apps
from tests.postgres import start_cluster
from tests.systeem import installeer_regel, ontbrekend
from vragenlijsten.catalogus import Catalogus, laad_catalogus

T = TypeVar("T")
SJABLOON = "stj_sjabloon"
_uitslagen: Counter[tuple[str, str]] = Counter()


def in_thread(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion on its own loop, whatever loop the caller is in."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


async def _migreer(url: str) -> None:
    engine = maak_engine(url)
    try:
        await migreer(engine)
    finally:
        await engine.dispose()


async def _sql(dsn: str, *opdrachten: str) -> None:
    verbinding = await asyncpg.connect(dsn)
    try:
        for opdracht in opdrachten:
            await verbinding.execute(opdracht)
    finally:
        await verbinding.close()


def vereis_debian(*voor: str) -> None:
    """Skip the test when a Debian package it needs (.ci/debian-pakketten) is missing, with
    the command that installs it; under CI (.ci/run) a missing package fails instead."""
    missen = _ontbrekend(voor)
    if missen:
        melding = (
            f"Debian-pakket ontbreekt: {' '.join(missen)}; installeer met: "
            f"{installeer_regel(missen)} (of draai 'make test' als root)"
        )
        if os.environ.get("CI"):
            pytest.fail(melding)
        pytest.skip(melding)


@functools.cache
def _ontbrekend(voor: tuple[str, ...]) -> list[str]:
    return [p.naam for p in ontbrekend(voor)]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "debian(*voor): needs the Debian packages of .ci/debian-pakketten for these"
    )


# Warnings that once showed in every run: a test during which one shows fails, so they cannot
# come back unnoticed (raising them would not do: the bot's error handler would swallow them).
VERBODEN_WAARSCHUWINGEN = (
    "Tasks created via `Application.create_task` while the application is not running",
    "HarfBuzz-Subset",
)


@pytest.fixture(autouse=True)
def _geen_oude_waarschuwingen() -> Iterator[None]:
    with warnings.catch_warnings(record=True) as gezien:
        yield
    verboden = []
    for w in gezien:
        if any(v in str(w.message) for v in VERBODEN_WAARSCHUWINGEN):
            verboden.append(f"{w.filename}:{w.lineno}: {w.message}")
        else:  # the others as pytest would have shown them
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    if verboden:
        pytest.fail("waarschuwing die niet meer mag: " + "; ".join(verboden))


def pytest_runtest_setup(item: pytest.Item) -> None:
    """A test marked `debian("pdf")` runs only where those packages are installed."""
    for marker in item.iter_markers("debian"):
        vereis_debian(*marker.args)


@pytest.fixture
async def _bots_stoppen() -> AsyncIterator[None]:
    """Every offline bot a test started stops when the test ends, awaiting its background work."""
    yield
    await stop_apps()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Async tests (the only ones that start offline bots) stop them afterwards. Not autouse: an
    async fixture around a sync test would run an event loop in the main thread, where a browser
    test's Playwright already runs one."""
    for item in items:
        if inspect.iscoroutinefunction(getattr(item, "function", None)):
            item.fixturenames.append("_bots_stoppen")  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def catalogus() -> Catalogus:
    return laad_catalogus()


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[str]:
    """A SQLAlchemy URL of a PostgreSQL admin database with a migrated template database."""
    extern = os.environ.get("STJ_TEST_POSTGRES_URL")
    cluster = None
    if extern:
        admin = extern
    else:
        vereis_debian("postgresql")
        cluster = start_cluster()
        admin = cluster.url
    dsn = admin.replace("postgresql+asyncpg://", "postgresql://")
    try:
        in_thread(_sql(dsn, f"DROP DATABASE IF EXISTS {SJABLOON}", f"CREATE DATABASE {SJABLOON}"))
        in_thread(_migreer(admin.rsplit("/", 1)[0] + "/" + SJABLOON))
        yield admin
    finally:
        if cluster is not None:
            cluster.stop()


@pytest.fixture(scope="session")
def sqlite_sjabloon(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file that each test copies (faster than migrating every time)."""
    pad = tmp_path_factory.mktemp("sjabloon") / "stj.db"
    in_thread(_migreer(f"sqlite+aiosqlite:///{pad}"))
    return pad


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, migrated database for one test, on each backend."""
    if request.param == "sqlite":
        sjabloon: Path = request.getfixturevalue("sqlite_sjabloon")
        shutil.copy(sjabloon, tmp_path / "stj.db")
        yield f"sqlite+aiosqlite:///{tmp_path / 'stj.db'}"
        return
    admin: str = request.getfixturevalue("postgres_admin")
    dsn = admin.replace("postgresql+asyncpg://", "postgresql://")
    naam = f"t_{uuid.uuid4().hex[:16]}"
    in_thread(_sql(dsn, f"CREATE DATABASE {naam} TEMPLATE {SJABLOON}"))
    try:
        yield admin.rsplit("/", 1)[0] + "/" + naam
    finally:
        in_thread(_sql(dsn, f"DROP DATABASE IF EXISTS {naam} WITH (FORCE)"))


@pytest.fixture
async def sessions(db_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """The session factory for this test's database."""
    engine = maak_engine(db_url)
    try:
        yield maak_sessionmaker(engine)
    finally:
        await engine.dispose()


@dataclass
class Uitvoer:
    code: int
    out: str
    err: str

    def json(self) -> object:
        return json.loads(self.out)


@pytest.fixture
def stj(db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    monkeypatch.setenv("STJ_DATABASE_URL", db_url)
    monkeypatch.setenv("STJ_BOT_USERNAME", "STJTestBot")

    def draai(*args: str) -> Uitvoer:
        with pytest.raises(SystemExit) as einde:
            main(list(args))
        uit = capsys.readouterr()
        return Uitvoer(int(einde.value.code or 0), uit.out, uit.err)

    return draai


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Count outcomes per database backend for the closing summary."""
    if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
        for backend in ("sqlite", "postgresql"):
            if f"[{backend}" in report.nodeid or f"-{backend}]" in report.nodeid:
                _uitslagen[(backend, report.outcome)] += 1


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Show that the storage tests ran on both backends."""
    for backend in ("sqlite", "postgresql"):
        delen = [f"{n} {uitslag}" for (b, uitslag), n in sorted(_uitslagen.items()) if b == backend]
        terminalreporter.write_line(f"database-tests op {backend}: {', '.join(delen) or 'geen'}")
