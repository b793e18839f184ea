"""The gemeente's reaction page in a real browser (Debian's Chromium through Playwright), on
SQLite and PostgreSQL: opened by its link without logging in, a reaction written and saved,
the page narrow as a phone, the reaction sent; axe-core finds no WCAG 2.1 A/AA violation at
1280 and 390 pixels, before and after sending; the inspector's list then has the reaction."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from opslag.db import maak_engine, maak_sessionmaker, migreer
from opslag.inspecteurs import koppel, maak_inspecteur
from opslag.klok import vandaag_in_nederland
from opslag.reacties import reacties_van
from opslag.uitwisseling.importeren import importeer, lees_antwoordenbestand
from opslag.uow import UnitOfWork
from opslag.weblinks import maak_weblink
from opslag.wederhoor import leg_voor
from tests.axe import axe_bron, schendingen
from tests.conftest import in_thread
from tests.test_web_browser import _chromium, serveer
from vragenlijsten.catalogus import laad_catalogus

ITG = Path(__file__).parent / "data" / "leeuwarden-interventieteam-gezinnen.json"
REACTIE = "Het zijn ongeveer 60 gezinnen, niet 50."


async def _voorbereiden(url: str) -> tuple[str, str]:
    """Leeuwarden imported and its concept put to the gemeente; the web link's token and an
    inspector's login token."""
    engine = maak_engine(url)
    await migreer(engine)
    sessions = maak_sessionmaker(engine)
    cat = laad_catalogus()
    async with UnitOfWork(sessions) as uow:
        onderzoek = (
            await importeer(uow, cat, lees_antwoordenbestand(ITG.read_text(encoding="utf-8")))
        ).onderzoek_id
    async with UnitOfWork(sessions) as uow:
        stap = await leg_voor(uow, cat, onderzoek, vandaag_in_nederland())
    async with UnitOfWork(sessions) as uow:
        ik = await maak_inspecteur(uow, "A. de Vries")
    async with UnitOfWork(sessions) as uow:
        await koppel(uow, onderzoek, ik.id)
        await uow.commit()
    async with UnitOfWork(sessions) as uow:
        inlog = await maak_weblink(uow, ik.id)
    await engine.dispose()
    assert stap.link is not None
    return stap.link, inlog


async def _reacties(url: str) -> list[str]:
    engine = maak_engine(url)
    async with UnitOfWork(maak_sessionmaker(engine)) as uow:
        regels = await reacties_van(uow, laad_catalogus(), 1)
    await engine.dispose()
    return [
        f"{r.indicator}: {r.tekst} ({'verstuurd' if r.verstuurd else 'bewaard'})" for r in regels
    ]


@pytest.fixture
def link(db_url: str) -> Iterator[tuple[str, str]]:
    """The gemeente's link and the inspector's login link, on a console over a fresh database
    of either backend."""
    token, inlog = in_thread(_voorbereiden(db_url))
    with serveer(db_url) as basis:
        yield f"{basis}/gemeente/{token}", f"{basis}/inloggen/{inlog}"


@pytest.mark.debian("browser")
def test_de_gemeente_reageert_via_de_link(link: tuple[str, str], db_url: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    link, inloggen = link
    bron = axe_bron()
    fouten: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=["--no-sandbox"])
        # bypass_csp: the page's CSP allows no script at all, axe has to be let in.
        context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
        pagina = context.new_page()
        pagina.goto(link)
        expect(pagina.get_by_role("heading", level=1)).to_have_text("Reactie op het concept")
        fouten += [f"1280px: {s}" for s in schendingen(pagina, bron)]
        veld = pagina.get_by_label("De gemeente heeft zicht op de populatie GGSR")
        expect(veld).to_be_empty()
        veld.fill(REACTIE)
        pagina.get_by_role("button", name="Opslaan (later verder)").click()
        expect(pagina.get_by_role("status")).to_contain_text("Opgeslagen.")
        pagina.set_viewport_size({"width": 390, "height": 844})
        fouten += [f"390px: {s}" for s in schendingen(pagina, bron)]
        breder = pagina.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert breder <= 0, f"390px: {breder}px te breed"
        expect(pagina.get_by_label("De gemeente heeft zicht op de populatie GGSR")).to_have_value(
            REACTIE
        )
        pagina.get_by_role("button", name="Versturen").click()
        expect(pagina.get_by_role("status")).to_contain_text("Verstuurd. Hartelijk dank!")
        expect(pagina.get_by_role("heading", name="Uw antwoorden")).to_be_visible()
        expect(pagina.get_by_text(REACTIE)).to_be_visible()
        expect(pagina.get_by_role("button", name="Versturen")).to_have_count(0)
        fouten += [f"390px, verstuurd: {s}" for s in schendingen(pagina, bron)]

        # The inspector sees the reaction at its indicator and rejects it with a reason.
        pagina.goto(inloggen)
        pagina.goto(link.split("/gemeente/")[0] + "/onderzoek/1/beoordeling")
        kaart = pagina.locator("article#tl-populatie")
        expect(kaart).to_contain_text(f"Reactie van de gemeente: {REACTIE}")
        kaart.get_by_role("link", name="besluit nemen").click()
        reactie = pagina.locator("article.reactie")
        fouten += [f"390px, console: {s}" for s in schendingen(pagina, bron)]
        reactie.get_by_role("radio", name="Afwijzen").check()
        reactie.get_by_role("textbox", name="Reden").fill("De telling is van na het onderzoek.")
        reactie.get_by_role("button", name="Besluit opslaan").click()
        expect(pagina.get_by_role("status")).to_contain_text("is afgewezen")
        expect(pagina.locator("article.reactie")).to_contain_text(
            "Afgewezen: De telling is van na het onderzoek."
        )
        pagina.set_viewport_size({"width": 1280, "height": 900})
        fouten += [f"1280px, console: {s}" for s in schendingen(pagina, bron)]
        browser.close()
    assert fouten == []
    assert in_thread(_reacties(db_url)) == [
        f"De gemeente heeft zicht op de populatie GGSR: {REACTIE} (verstuurd)"
    ]
