"""The whole report in the tool, in a real browser (issue 22): Playwright drives Debian's
Chromium against the console; an inspector writes a chapter of the Zwolle nota, the Bergen op Zoom
themarapport and the Leeuwarden factsheet in the console's editor (with a preview first), the
other chapters go through `stj hoofdstuk`, the reports are vastgesteld, and the nota, the
themarapport and the factsheet then carry every chapter of their seed in HTML (as the console
serves it), PDF (downloaded from the console), Markdown and JSON."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from cli.main import main
from opslag.db import maak_engine, maak_sessionmaker, migreer
from opslag.inspecteurs import koppel, maak_inspecteur
from opslag.uitwisseling.importeren import importeer, lees_antwoordenbestand
from opslag.uow import UnitOfWork
from opslag.weblinks import maak_weblink
from tests.conftest import in_thread
from tests.hoofdstukteksten import BERGEN, LEEUWARDEN, ZWOLLE
from tests.test_rapport_hoofdstukken import (
    SEED_000,
    SEED_001,
    SEED_002,
    in_volgorde,
    koppen_html,
    koppen_json,
    koppen_md,
    pdf_tekst,
)
from tests.test_web_browser import _chromium, _vrije_poort
from vragenlijsten.catalogus import laad_catalogus
from web.app import maak_app
from web.diensten import WebDiensten

# Debian's Chromium and what the browser needs (.ci/debian-pakketten), before Playwright starts.
pytestmark = pytest.mark.debian("browser", "pdf")

DATA = Path(__file__).parent / "data"
BESTANDEN = (
    "zwolle-bemoeizorg-jeugd.json",
    "bergen-op-zoom-wijkteam.json",
    "leeuwarden-interventieteam-gezinnen.json",
    "leeuwarden-voorwaardelijke-interventie-gezinnen.json",
)


async def _voorbereiden(url: str) -> list[str]:
    engine = maak_engine(url)
    await migreer(engine)
    sessions = maak_sessionmaker(engine)
    cat = laad_catalogus()
    for bestand in BESTANDEN:
        async with UnitOfWork(sessions) as uow:
            tekst = (DATA / bestand).read_text(encoding="utf-8")
            await importeer(uow, cat, lees_antwoordenbestand(tekst))
    async with UnitOfWork(sessions) as uow:
        ik = await maak_inspecteur(uow, "A. de Vries")
    for n in range(1, len(BESTANDEN) + 1):
        async with UnitOfWork(sessions) as uow:
            await koppel(uow, n, ik.id)
            await uow.commit()
    tokens = []
    for _ in range(2):
        async with UnitOfWork(sessions) as uow:
            tokens.append(await maak_weblink(uow, ik.id))
    await engine.dispose()
    return tokens


@pytest.fixture
def console(tmp_path: Path) -> Iterator[tuple[str, list[str], str]]:
    """(base URL, two login tokens, database URL) of a console served in a thread."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'web.db'}"
    token = in_thread(_voorbereiden(url))
    poort = _vrije_poort()
    basis = f"http://127.0.0.1:{poort}"
    d = WebDiensten(maak_sessionmaker(maak_engine(url)), laad_catalogus(), basis)
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
        yield basis, token, url
    finally:
        server.should_exit = True
        draad.join(timeout=10)


def _stj(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    with pytest.raises(SystemExit) as einde:
        main(list(args))
    uit = capsys.readouterr()
    assert einde.value.code in (0, None), uit.err
    return uit.out


def _in_de_console(pagina: Any, basis: str, onderzoek: int, naam: str, tekst: str) -> None:
    """Write one chapter in the console: the editor, a preview, then save; the history shows it."""
    from playwright.sync_api import expect

    pagina.goto(f"{basis}/onderzoek/{onderzoek}")
    pagina.get_by_role("link", name="Hoofdstukken", exact=True).click()
    pagina.locator(f'a[href="/onderzoek/{onderzoek}/hoofdstuk/{naam}"]').click()
    veld = pagina.get_by_label("Tekst van het hoofdstuk")
    veld.fill(tekst)
    pagina.get_by_role("button", name="Voorbeeld bekijken").click()
    expect(pagina.get_by_role("heading", name="Voorbeeld (nog niet opgeslagen)")).to_be_visible()
    eerste = tekst.split("\n")[0].replace("**", "")[:40]
    expect(pagina.locator("div.geschreven").last).to_contain_text(eerste)
    expect(pagina.get_by_label("Tekst van het hoofdstuk")).to_have_value(tekst)
    pagina.get_by_role("button", name="Opslaan").click()
    expect(pagina.get_by_role("status")).to_have_text("Opgeslagen.")
    expect(pagina.locator("#geschiedenis + table")).to_contain_text("A. de Vries")


def test_hoofdstukken_in_de_console_en_op_de_command_line(
    console: tuple[str, list[str], str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    from playwright.sync_api import sync_playwright

    basis, tokens, db_url = console
    monkeypatch.setenv("STJ_DATABASE_URL", db_url)
    zwolle, bergen, ig, vig = 1, 2, 3, 4
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=["--no-sandbox"])
        pagina = browser.new_page()
        pagina.goto(f"{basis}/inloggen/{tokens[0]}")
        _in_de_console(pagina, basis, zwolle, "voorwoord", ZWOLLE["voorwoord"])
        _in_de_console(pagina, basis, bergen, "verklaringen-1", BERGEN["verklaringen-1"])
        _in_de_console(pagina, basis, ig, "context", LEEUWARDEN["context"])
        browser.close()
    # The rest on the command line (outside Playwright's event loop).
    for onderzoek, teksten, gedaan in (
        (zwolle, ZWOLLE, "voorwoord"),
        (bergen, BERGEN, "verklaringen-1"),
        (ig, LEEUWARDEN, "context"),
    ):
        for naam, tekst in teksten.items():
            if naam != gedaan:
                pad = tmp_path / f"{onderzoek}-{naam}.txt"
                pad.write_text(tekst, encoding="utf-8")
                _stj(capsys, "hoofdstuk", str(onderzoek), naam, "--bestand", str(pad))
    _stj(capsys, "eindoordeel", str(bergen), "--onvoldoende")
    for onderzoek in (zwolle, bergen, ig, vig):
        _stj(capsys, "vaststellen", str(onderzoek), "--toch")
    # The reports as the console serves them: HTML with the breadcrumb, the PDF download.
    rapporten: dict[int, dict[str, Any]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=["--no-sandbox"])
        pagina = browser.new_page(accept_downloads=True)
        pagina.goto(f"{basis}/inloggen/{tokens[1]}")
        for onderzoek in (zwolle, bergen, ig):
            pagina.goto(f"{basis}/onderzoek/{onderzoek}/rapport/html")
            html = pagina.content()
            pagina.goto(f"{basis}/onderzoek/{onderzoek}")
            with pagina.expect_download() as download:
                pagina.get_by_role("link", name="(PDF)").click()
            pdf = Path(download.value.path()).read_bytes()
            rapporten[onderzoek] = {"html": html, "pdf": pdf_tekst(pdf)}
        browser.close()
    for onderzoek in (zwolle, bergen):
        rapporten[onderzoek]["md"] = _stj(
            capsys, "beoordeel", str(onderzoek), "--formaat", "md", "--uit", "-"
        )
        rapporten[onderzoek]["json"] = json.loads(
            _stj(capsys, "beoordeel", str(onderzoek), "--formaat", "json", "--uit", "-")
        )
    fact = _stj(capsys, "beoordeel", str(ig), str(vig), "--formaat", "md", "--uit", "-")

    for onderzoek, seed, tekst in (
        (zwolle, SEED_000, "Namens STJ dank ik iedereen"),
        (bergen, SEED_001, "Een eerste verklaring is dat het CJG"),
    ):
        r = rapporten[onderzoek]
        assert not in_volgorde(seed, koppen_html(r["html"])), onderzoek
        assert not in_volgorde(seed, koppen_md(r["md"])), onderzoek
        assert not in_volgorde(seed, koppen_json(r["json"])), onderzoek
        assert all(k in r["pdf"] for k in seed[2:-2]), [k for k in seed if k not in r["pdf"]]
        for inhoud in (r["html"], r["md"], r["pdf"]):
            assert tekst in inhoud, onderzoek
    # The console's factsheet is that of one aanpak; `stj beoordeel` makes the gemeente's.
    r = rapporten[ig]
    assert not in_volgorde(SEED_002[:6], koppen_html(r["html"]))
    assert "Sinds 2008 wordt welzijn en zorg in Leeuwarden" in r["pdf"]
    assert not in_volgorde(SEED_002 + SEED_002[2:6], koppen_md(fact))
    assert "Sinds 2008 wordt welzijn en zorg in Leeuwarden" in fact
