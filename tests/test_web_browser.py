"""The web console in a real browser: Playwright drives Debian's Chromium (no browser download)
against `stj web`'s application served by uvicorn on a free port. An inspector logs in through
a one-time link, walks the pages, changes a verdict and a conclusion, downloads the PDF; the
factsheet and `stj beoordeel --formaat json` then show the change as an inspector's decision."""

from __future__ import annotations

import contextlib
import json
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from cli.main import main
from opslag.db import maak_engine, maak_sessionmaker, migreer
from opslag.inspecteurs import koppel, maak_inspecteur
from opslag.uitwisseling.importeren import importeer, lees_antwoordenbestand
from opslag.uow import UnitOfWork
from opslag.weblinks import maak_weblink
from tests.conftest import in_thread
from vragenlijsten.catalogus import laad_catalogus
from web.app import maak_app
from web.diensten import WebDiensten

DATA = Path(__file__).parent / "data"


def _chromium() -> str:
    """Debian's Chromium (make test installs it); the tests never download a browser."""
    pad = shutil.which("chromium") or shutil.which("chromium-browser")
    assert pad is not None
    return pad


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _voorbereiden(url: str) -> str:
    engine = maak_engine(url)
    await migreer(engine)
    sessions = maak_sessionmaker(engine)
    cat = laad_catalogus()
    async with UnitOfWork(sessions) as uow:
        tekst = (DATA / "leeuwarden-interventieteam-gezinnen.json").read_text(encoding="utf-8")
        await importeer(uow, cat, lees_antwoordenbestand(tekst))
    async with UnitOfWork(sessions) as uow:
        ik = await maak_inspecteur(uow, "A. de Vries")
    async with UnitOfWork(sessions) as uow:
        await koppel(uow, 1, ik.id)
        await uow.commit()
    async with UnitOfWork(sessions) as uow:
        token = await maak_weblink(uow, ik.id)
    await engine.dispose()
    return token


@contextlib.contextmanager
def serveer(url: str) -> Iterator[str]:
    """A console over the database at `url`, served by uvicorn in a thread; its base URL."""
    poort = _vrije_poort()
    basis = f"http://127.0.0.1:{poort}"
    engine = maak_engine(url)
    d = WebDiensten(maak_sessionmaker(engine), laad_catalogus(), basis)
    server = uvicorn.Server(
        uvicorn.Config(maak_app(d), host="127.0.0.1", port=poort, log_level="warning")
    )
    draad = threading.Thread(target=server.run, daemon=True)
    draad.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    try:
        yield basis
    finally:
        server.should_exit = True
        draad.join(timeout=10)


@pytest.fixture
def console(tmp_path: Path) -> Iterator[tuple[str, str, str]]:
    """(base URL, login token, database URL) of a console served in a thread."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'web.db'}"
    token = in_thread(_voorbereiden(url))
    with serveer(url) as basis:
        yield basis, token, url


def _stj(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """Run `stj` and return what it printed."""
    with pytest.raises(SystemExit) as einde:
        main(list(args))
    assert einde.value.code in (0, None)
    return capsys.readouterr().out


@pytest.mark.debian("browser", "pdf")  # before Playwright starts, not inside it
def test_een_inspecteur_aan_het_werk(
    console: tuple[str, str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from playwright.sync_api import expect, sync_playwright

    basis, token, db_url = console
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=["--no-sandbox"])
        pagina = browser.new_page(accept_downloads=True)
        pagina.goto(f"{basis}/inloggen/{token}")
        expect(pagina.get_by_role("heading", name="Onderzoeken")).to_be_visible()
        pagina.get_by_role("link", name="Leeuwarden · Interventieteam Gezinnen").click()
        expect(pagina.get_by_role("heading", name="Respondenten")).to_be_visible()
        pagina.get_by_role("link", name="netwerkpartner · Fier Fryslân").click()
        expect(pagina.get_by_role("heading", name="Geschiedenis")).to_be_visible()
        pagina.go_back()
        pagina.get_by_role("link", name="Beoordeling", exact=True).click()
        blok = pagina.locator("article#tl-populatie")
        blok.get_by_text("Oordeel, bevinding en LET OP wijzigen").click()
        blok.get_by_label("verbeterpunt").check()
        blok.get_by_label("Eigen bevinding").fill("De wijken zijn niet bekend.")
        blok.get_by_role("button", name="Opslaan").click()
        expect(pagina.get_by_role("status")).to_have_text("Opgeslagen.")
        expect(pagina.locator("article#tl-populatie .oordeel")).to_contain_text("verbeterpunt")
        conclusie = pagina.locator("form", has=pagina.get_by_role("heading", name="Toeleiding"))
        conclusie.get_by_label("Wat kan beter?").fill("Breng de wijken in beeld.")
        conclusie.get_by_role("button", name="Conclusie opslaan").click()
        expect(pagina.get_by_role("status")).to_have_text("Opgeslagen.")
        with pagina.expect_download() as download:
            pagina.get_by_role("link", name="PDF", exact=True).click()
        pdf = Path(download.value.path()).read_bytes()
        assert pdf.startswith(b"%PDF-")
        pagina.get_by_role("button", name="Uitloggen").click()
        expect(pagina.get_by_role("heading", name="Inloggen")).to_be_visible()
        # The link was spent: a second use says so, in Dutch.
        pagina.goto(f"{basis}/inloggen/{token}")
        expect(pagina.get_by_role("alert")).to_contain_text("Deze inloglink is al gebruikt.")
        browser.close()
    monkeypatch.setenv("STJ_DATABASE_URL", db_url)
    data = json.loads(_stj(capsys, "beoordeel", "1", "--formaat", "json", "--uit", "-"))
    populatie = next(i for i in data["indicatoren"] if i["id"] == "tl-populatie")
    assert (populatie["oordeel"], populatie["aangepast_door_inspecteur"]) == ("verbeterpunt", True)
    assert populatie["bevinding"] == "De wijken zijn niet bekend."
    assert data["conclusie"]["Toeleiding"]["kan_beter"] == ["Breng de wijken in beeld."]
    html = _stj(capsys, "beoordeel", "1", "--formaat", "html", "--uit", "-")
    assert "oordeel inspecteur · A. de Vries (inspecteur 1, web)" in html
