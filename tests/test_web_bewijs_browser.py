"""The inspector's own sources in the console, in a real browser (Debian's Chromium through
Playwright), on SQLite and PostgreSQL: a document added and read for an indicator, a finding's
part dropped, an interview recorded in the questionnaire of its role, a dossier finding for a
family, and vaststellen that names what is still open; then the command line's JSON and the
audit log show it all."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from opslag.db import maak_engine, maak_sessionmaker, migreer
from opslag.inspecteurs import maak_inspecteur
from opslag.uitwisseling.importeren import importeer, lees_antwoordenbestand
from opslag.uow import UnitOfWork
from opslag.weblinks import maak_weblink
from tests.conftest import in_thread
from tests.test_web_browser import _chromium, _stj, serveer
from vragenlijsten.catalogus import laad_catalogus

DATA = Path(__file__).parent / "data"
AFSPRAKEN = "Samenwerkingsafspraken uitvoering Amaryllisplan"


def _zonder_bewijs(naam: str) -> str:
    data = json.loads((DATA / naam).read_text(encoding="utf-8"))
    data.pop("documenten", None)
    data.pop("dossier", None)
    return json.dumps(data, ensure_ascii=False)


async def _voorbereiden(url: str) -> str:
    engine = maak_engine(url)
    await migreer(engine)
    sessions = maak_sessionmaker(engine)
    cat = laad_catalogus()
    for naam in ("leeuwarden-interventieteam-gezinnen.json", "zwolle-bemoeizorg-jeugd.json"):
        async with UnitOfWork(sessions) as uow:
            await importeer(uow, cat, lees_antwoordenbestand(_zonder_bewijs(naam)))
    async with UnitOfWork(sessions) as uow:
        ik = await maak_inspecteur(uow, "A. de Vries", coordinator=True)
    async with UnitOfWork(sessions) as uow:
        token = await maak_weblink(uow, ik.id)
    await engine.dispose()
    return token


@pytest.fixture
def console(db_url: str) -> Iterator[tuple[str, str]]:
    """(base URL, login token) of a console over a fresh database of either backend."""
    token = in_thread(_voorbereiden(db_url))
    with serveer(db_url) as basis:
        yield basis, token


@pytest.mark.debian("browser")
def test_documenten_interviews_en_dossiers_in_de_console(
    console: tuple[str, str],
    db_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from playwright.sync_api import expect, sync_playwright

    basis, token = console
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=["--no-sandbox"])
        pagina = browser.new_page()
        pagina.goto(f"{basis}/inloggen/{token}")
        pagina.goto(f"{basis}/onderzoek/1/documenten")
        expect(pagina.get_by_role("cell", name=f"‘{AFSPRAKEN}’")).to_be_visible()
        pagina.get_by_label("Titel").fill("Jaarverslag 2012")
        pagina.get_by_role("button", name="Opslaan").click()
        expect(pagina.get_by_role("status")).to_have_text("Opgeslagen.")
        expect(pagina.get_by_role("cell", name="‘Jaarverslag 2012’")).to_be_visible()

        pagina.goto(f"{basis}/onderzoek/1/beoordeling")
        blok = pagina.locator("article#sw-afspraken")
        expect(blok).to_contain_text("genoemd, nog niet gelezen")
        blok.get_by_text("Wat staat er in een document?").click()
        blok.get_by_label("Document").fill(AFSPRAKEN)
        blok.get_by_label("steunt deels").check()
        blok.get_by_label("Wat erin staat").fill("Alleen zorgaanbieders tekenden de afspraken.")
        blok.get_by_role("button", name="Lezing opslaan").click()
        expect(pagina.get_by_role("status")).to_have_text("Opgeslagen.")
        blok = pagina.locator("article#sw-afspraken")
        expect(blok.locator(".oordeel")).to_contain_text("verbeterpunt")
        expect(blok).to_contain_text("Alleen zorgaanbieders tekenden de afspraken.")

        kracht = pagina.locator("article#gc-eigen-kracht")
        kracht.get_by_text("Delen van de bevinding aanpassen").click()
        kracht.locator("fieldset", has_text="antwoorden").get_by_label("weglaten").check()
        kracht.get_by_role("button", name="Delen opslaan").click()
        expect(pagina.get_by_role("status")).to_have_text("Opgeslagen.")
        expect(pagina.locator("article#gc-eigen-kracht del")).to_have_count(1)

        # Vaststellen says what is open and goes on only once the inspector confirms.
        vast = pagina.locator(
            "form", has=pagina.get_by_role("button", name="Beoordeling vaststellen")
        )
        expect(vast).to_contain_text("genoemd(e) document(en) nog niet gelezen")
        vast.get_by_label("Ik stel de beoordeling toch vast").check()
        vast.get_by_role("button", name="Beoordeling vaststellen").click()
        expect(pagina.get_by_role("status")).to_have_text(
            "De beoordeling is vastgesteld. Wederhoor: niet gehouden (het concept is niet aan de "
            "gemeente voorgelegd)."
        )

        # An interview in the questionnaire of its role (casusniveau, a parent of a new family).
        pagina.goto(f"{basis}/onderzoek/2")
        form = pagina.locator(
            "form", has=pagina.get_by_role("heading", name="Interview vastleggen")
        )
        form.get_by_label("Rol").select_option("ouder")
        form.get_by_label("Gezin").fill("gezin 4")
        form.get_by_role("button", name="Interview aanmaken").click()
        expect(pagina.get_by_role("heading", name="Interview · ouder · gezin 4")).to_be_visible()
        vraag = pagina.locator("#ct-direct-start")
        vraag.get_by_label("Ja", exact=True).check()
        vraag.get_by_label("Toelichting").fill("De hulp begon een week na de aanmelding.")
        pagina.get_by_label("Het interview is compleet").check()
        pagina.get_by_role("button", name="Interview opslaan").click()
        expect(pagina.get_by_role("status")).to_contain_text("Opgeslagen:")
        expect(pagina.locator("#ct-direct-start").get_by_label("Ja", exact=True)).to_be_checked()

        pagina.goto(f"{basis}/onderzoek/2/beoordeling")
        plan = pagina.locator("article#ca-plan")
        plan.get_by_text("Wat laat een dossier zien?").click()
        plan.get_by_label("Gezin").fill("gezin 1")
        plan.get_by_label("nee", exact=True).check()
        plan.get_by_label("Wat u in het dossier zag").fill(
            "Er is geen gezamenlijk plan voor het gezin."
        )
        plan.get_by_role("button", name="Dossierbevinding opslaan").click()
        expect(pagina.get_by_role("status")).to_have_text("Opgeslagen.")
        expect(pagina.locator("article#ca-plan")).to_contain_text(
            "Gezin 1: er is geen gezamenlijk plan voor het gezin."
        )
        browser.close()

    monkeypatch.setenv("STJ_DATABASE_URL", db_url)
    data = json.loads(_stj(capsys, "beoordeel", "1", "--formaat", "json", "--uit", "-"))
    afspraken = next(i for i in data["indicatoren"] if i["id"] == "sw-afspraken")
    assert (data["status"], afspraken["oordeel"], afspraken["documenten"][0]["steun"]) == (
        "vastgesteld",
        "verbeterpunt",
        "steunt_deels",
    )
    zwolle = json.loads(_stj(capsys, "export", "2", "--formaat", "json", "--uit", "-"))
    assert zwolle["dossier"] == [
        {
            "casus": "gezin 1",
            "indicator": "ca-plan",
            "waarde": "nee",
            "notitie": "Er is geen gezamenlijk plan voor het gezin.",
        }
    ]
    ouder = next(r for r in zwolle["respondenten"] if r.get("casus") == "gezin 4")
    assert ouder["bron"]["soort"] == "interview" and ouder["status"] == "ingediend"
    assert ouder["antwoorden"]["ct-direct-start"]["waarde"] == "ja"
    acties = {r["actie"] for r in json.loads(_stj(capsys, "audit", "--json"))}
    assert {
        "web document",
        "web document lezen",
        "web bevinding",
        "web vaststellen",
        "vaststellen bevestigd",
        "web interview nieuw",
        "web interview",
        "web dossier",
    } <= acties
