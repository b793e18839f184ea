"""The console and its reports for everyone (issue 20, WCAG 2.1 AA): axe-core with the A and AA
rules over every console page and every HTML report (factsheet concept and vastgesteld, nota,
themarapport, the national overview), also with form errors showing and on the error pages,
with zero violations; every page reflows at 320 px without horizontal scrolling; and the main
tasks done with the keyboard alone. Playwright drives Debian's Chromium against a console served
by uvicorn, logged in as an inspector of a concept, a vastgesteld, a casusniveau and a wijkteams
onderzoek."""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from starlette.requests import Request
from starlette.routing import Route

from opslag.antwoorden import bewaar_antwoord
from opslag.beoordelingen import zet_let_op, zet_oordeel, zet_status
from opslag.bewijsstukken import lees_document, zet_dossier
from opslag.db import maak_engine, maak_sessionmaker, migreer
from opslag.documenten import bewaar_document
from opslag.inspecteurs import koppel, maak_inspecteur
from opslag.interviews import bewaar_interview, maak_interview
from opslag.onderzoeken import maak_onderzoek, maak_uitnodiging
from opslag.uitwisseling.importeren import importeer, lees_antwoordenbestand
from opslag.uow import UnitOfWork
from opslag.weblinks import maak_weblink
from tests.axe import axe_bron, schendingen
from tests.conftest import in_thread
from tests.test_web_browser import _chromium, _vrije_poort
from vragenlijsten.antwoorden import Antwoord
from vragenlijsten.catalogus import laad_catalogus
from web.app import maak_app
from web.diensten import WebDiensten

# Debian's Chromium and what the browser needs (.ci/debian-pakketten), before Playwright starts.
pytestmark = pytest.mark.debian("browser", "axe")

DATA = Path(__file__).parent / "data"
LANG = "Een toelichting " + "zonderspatiesdiedoorloopttotvoorbijderandvanhetscherm" * 8
DOOR = "A. de Vries (inspecteur 1, web)"
BREEDTES = (1280, 320)


@dataclass
class Console:
    basis: str
    db_url: str
    tokens: list[str]
    concept: int
    vastgesteld: int
    casus: int
    wijkteam: int
    interview: int
    bergen: int

    def link(self) -> str:
        """A fresh one-time login link."""
        return f"{self.basis}/inloggen/{self.tokens.pop()}"


async def _voorbereiden(url: str) -> dict[str, Any]:
    engine = maak_engine(url)
    await migreer(engine)
    sessions = maak_sessionmaker(engine)
    cat = laad_catalogus()
    ids = {}
    for naam, bestand in (
        ("concept", "leeuwarden-interventieteam-gezinnen.json"),
        ("vastgesteld", "leeuwarden-voorwaardelijke-interventie-gezinnen.json"),
        ("casus", "zwolle-bemoeizorg-jeugd.json"),
        ("bergen", "bergen-op-zoom-wijkteam.json"),
    ):
        tekst = (DATA / bestand).read_text(encoding="utf-8")
        async with UnitOfWork(sessions) as uow:
            ids[naam] = (await importeer(uow, cat, lees_antwoordenbestand(tekst))).onderzoek_id
    async with UnitOfWork(sessions) as uow:
        ids["wijkteam"] = (
            await maak_onderzoek(uow, cat, "Bergen", "Wijkteam Oost", "wijkteams")
        ).id
    async with UnitOfWork(sessions) as uow:
        u = await maak_uitnodiging(uow, cat, ids["wijkteam"], "wijkteam", "Wijkteam Oost")
    async with UnitOfWork(sessions) as uow:
        await bewaar_antwoord(uow, u.id, "tt-dialoog", Antwoord(waarde="ja", toelichting=LANG), "t")
        await uow.commit()
    async with UnitOfWork(sessions) as uow:
        await zet_oordeel(uow, cat, ids["concept"], "tl-populatie", "verbeterpunt", LANG, DOOR)
    async with UnitOfWork(sessions) as uow:
        await zet_let_op(uow, cat, ids["concept"], "co-duur", [LANG], DOOR)
    async with UnitOfWork(sessions) as uow:
        await zet_status(uow, ids["vastgesteld"], "vastgesteld")
    async with UnitOfWork(sessions) as uow:
        eerste = (await uow.repo.uitnodigingen(ids["concept"]))[0].id
    async with UnitOfWork(sessions) as uow:
        await bewaar_document(
            uow, eerste, "gc-eigen-kracht", "f1", "convenant.pdf", "application/pdf", b"%PDF-1.4"
        )
    # The inspector's own sources show on the pages too: a document read for an indicator, a
    # family's dossier, an interview.
    async with UnitOfWork(sessions) as uow:
        await lees_document(
            uow,
            cat,
            ids["concept"],
            "Werkplan Amaryllis interventieteams 2013",
            "ap-toegerust",
            "steunt_deels",
            LANG,
            DOOR,
            dt.date(2026, 12, 1),
        )
    async with UnitOfWork(sessions) as uow:
        await zet_dossier(uow, cat, ids["casus"], "gezin 1", "ca-plan", "nee", LANG, DOOR)
    async with UnitOfWork(sessions) as uow:
        interview = await maak_interview(
            uow,
            cat,
            ids["casus"],
            "ouder",
            None,
            "gezin 4",
            dt.date(2026, 12, 1),
            DOOR,
            dt.date(2026, 12, 1),
        )
    async with UnitOfWork(sessions) as uow:
        await bewaar_interview(
            uow,
            cat,
            interview.id,
            {"ct-direct-start": Antwoord(waarde="ja", toelichting=LANG)},
            False,
            DOOR,
        )
    async with UnitOfWork(sessions) as uow:
        ik = await maak_inspecteur(uow, "A. de Vries")
    for n in ids.values():
        async with UnitOfWork(sessions) as uow:
            await koppel(uow, n, ik.id)
            await uow.commit()
    tokens = []
    for _ in range(12):
        async with UnitOfWork(sessions) as uow:
            tokens.append(await maak_weblink(uow, ik.id))
    await engine.dispose()
    return {"tokens": tokens, "interview": interview.id, **ids}


async def _kapot(_: Request) -> None:
    raise RuntimeError("een fout van de console zelf")


@pytest.fixture(scope="module")
def console(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Console]:
    """A console in a thread over a database with every kind of onderzoek."""
    url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('a11y') / 'web.db'}"
    gegevens = in_thread(_voorbereiden(url))
    poort = _vrije_poort()
    basis = f"http://127.0.0.1:{poort}"
    engine = maak_engine(url)
    d = WebDiensten(maak_sessionmaker(engine), laad_catalogus(), basis)
    app = maak_app(d, extra=[Route("/kapot", _kapot)])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=poort, log_level="critical"))
    draad = threading.Thread(target=server.run, daemon=True)
    draad.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    try:
        yield Console(basis, url, **gegevens)
    finally:
        server.should_exit = True
        draad.join(timeout=10)


@pytest.fixture(autouse=True)
def _bots_stoppen() -> None:
    """No bot starts here; the shared async one (tests/conftest.py) cannot set up while this
    module's sync Playwright runs its own event loop ("cannot be called from a running event
    loop"), so this module replaces it."""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=_chromium(), args=["--no-sandbox"])
        yield b
        b.close()


def _paginas(c: Console) -> list[str]:
    """Every page of the console, and every report."""
    paden = [
        "/",
        "/overzicht",
        "/inloggen",
        "/inloggen/verzonnen",
        "/bestaat-niet",
        "/uitloggen",
        "/kapot",
    ]
    for n in (c.concept, c.vastgesteld, c.casus, c.wijkteam):
        paden += [
            f"/onderzoek/{n}",
            f"/onderzoek/{n}/beoordeling",
            f"/onderzoek/{n}/documenten",
            f"/onderzoek/{n}/rapport/html",
        ]
    # The chapters an inspector writes: the list, and a chapter of every kind of report.
    for n, naam in (
        (c.concept, "context"),
        (c.vastgesteld, "beschrijving"),
        (c.casus, "voorwoord"),
        (c.wijkteam, "samenvatting"),
        (c.bergen, "verklaringen-1"),
    ):
        paden += [f"/onderzoek/{n}/hoofdstukken", f"/onderzoek/{n}/hoofdstuk/{naam}"]
    paden += [f"/onderzoek/{c.bergen}/beoordeling", f"/onderzoek/{c.bergen}/rapport/html"]
    paden += [f"/onderzoek/{c.casus}/interview/{c.interview}"]
    paden += [f"/onderzoek/{c.concept}/respondent/1", f"/onderzoek/{c.wijkteam}/respondent/"]
    return paden


def _reflow(pagina: Any) -> int:
    """How far the page is wider than the window (0: no horizontal scrolling)."""
    return int(
        pagina.evaluate(
            "Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
            " - window.innerWidth"
        )
    )


def test_axe_en_reflow_op_elke_pagina(console: Console, browser: Any) -> None:
    bron = axe_bron()
    fouten = []
    for breedte in BREEDTES:
        # bypass_csp: the console's CSP allows no script at all, axe has to be let in.
        context = browser.new_context(bypass_csp=True, viewport={"width": breedte, "height": 900})
        pagina = context.new_page()
        pagina.goto(console.link())
        paden = _paginas(console)
        respondent = pagina.goto(f"{console.basis}/onderzoek/{console.wijkteam}")
        assert respondent is not None
        wijkteam_respondent = re.search(
            rf"/onderzoek/{console.wijkteam}/respondent/(\d+)", pagina.content()
        )
        assert wijkteam_respondent
        paden[-1] += wijkteam_respondent[1]
        for pad in paden:
            pagina.goto(console.basis + pad)
            fouten += [f"{breedte}px {pad}: {s}" for s in schendingen(pagina, bron)]
            if (te_breed := _reflow(pagina)) > 0:
                fouten.append(f"{breedte}px {pad}: {te_breed}px te breed")
        context.close()
    assert not fouten, "\n".join(fouten)


def test_het_overzicht_past_op_elke_breedte(console: Console, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pagina = context.new_page()
    pagina.goto(console.link())
    for breedte in (320, 480, 640, 800, 1024):
        pagina.set_viewport_size({"width": breedte, "height": 900})
        pagina.goto(f"{console.basis}/overzicht")
        assert _reflow(pagina) <= 0, breedte
    context.close()


def test_axe_op_formulieren_met_fouten(console: Console, browser: Any) -> None:
    from playwright.sync_api import expect

    bron = axe_bron()
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    pagina = context.new_page()
    pagina.goto(console.link())
    fouten = []
    pagina.goto(f"{console.basis}/onderzoek/{console.concept}")
    pagina.get_by_role("button", name="Uitnodiging maken").click()
    expect(pagina.locator("#uitnodigen-organisatie")).to_be_focused()
    fouten += schendingen(pagina, bron)
    pagina.get_by_role("button", name="Onderzoek sluiten").click()
    expect(pagina.locator("#sluiten-zeker")).to_be_focused()
    fouten += schendingen(pagina, bron)
    pagina.goto(f"{console.basis}/onderzoek/{console.concept}/beoordeling")
    blok = pagina.locator("article#tl-omschrijving")
    blok.get_by_text("Oordeel, bevinding en LET OP wijzigen").click()
    blok.get_by_label("eigen tekst").check()
    blok.get_by_role("button", name="Opslaan").click()
    expect(pagina.locator("#oordeel-tl-omschrijving-let-op")).to_be_focused()
    fouten += schendingen(pagina, bron)
    # The inspector's own sources: each refused form puts its message at the field.
    blok = pagina.locator("article#ap-toegerust")
    blok.get_by_text("Wat staat er in een document?").click()
    blok.get_by_label("Document").fill("")
    blok.get_by_role("button", name="Lezing opslaan").click()
    expect(pagina.locator("#lezing-ap-toegerust-titel")).to_be_focused()
    expect(pagina.locator("#lezing-ap-toegerust-titel-fout")).to_contain_text("geef de titel")
    fouten += schendingen(pagina, bron)
    pagina.goto(f"{console.basis}/onderzoek/{console.casus}/beoordeling")
    blok = pagina.locator("article#ca-plan")
    blok.get_by_text("Wat laat een dossier zien?").click()
    blok.get_by_label("Gezin", exact=True).fill("Familie Jansen")
    blok.get_by_role("button", name="Dossierbevinding opslaan").click()
    expect(pagina.locator("#dossier-ca-plan-casus")).to_be_focused()
    expect(pagina.locator("#dossier-ca-plan-casus")).to_have_value("Familie Jansen")
    fouten += schendingen(pagina, bron)
    # A chapter's preview, and a chapter too long: the message at the field.
    pagina.goto(f"{console.basis}/onderzoek/{console.casus}/hoofdstuk/voorwoord")
    pagina.get_by_label("Tekst van het hoofdstuk").fill("Een **voorwoord**.\n\n- met een lijst")
    pagina.get_by_role("button", name="Voorbeeld bekijken").click()
    expect(pagina.get_by_role("heading", name="Voorbeeld (nog niet opgeslagen)")).to_be_focused()
    fouten += schendingen(pagina, bron)
    pagina.get_by_label("Tekst van het hoofdstuk").fill("x" * 20_001)
    pagina.get_by_role("button", name="Opslaan").click()
    expect(pagina.locator("#hoofdstuk-formulier-tekst")).to_be_focused()
    expect(pagina.locator("#hoofdstuk-formulier-tekst-fout")).to_contain_text("maak hem korter")
    fouten += schendingen(pagina, bron)
    pagina.goto(f"{console.basis}/onderzoek/{console.casus}")
    pagina.get_by_label("Datum van het interview").fill("2099-01-01")
    pagina.get_by_role("button", name="Interview aanmaken").click()
    expect(pagina.locator("#interview-datum")).to_be_focused()
    fouten += schendingen(pagina, bron)
    context.close()
    assert not fouten, "\n".join(fouten)


def _tab_naar(pagina: Any, voorwaarde: str, maximaal: int = 400) -> None:
    """Press Tab until the focused element meets the condition (a JS expression on `e`)."""
    for _ in range(maximaal):
        pagina.keyboard.press("Tab")
        if pagina.evaluate(f"(e => {voorwaarde})(document.activeElement)"):
            return
    raise AssertionError(f"met Tab niet bereikt: {voorwaarde}")


def test_de_hoofdtaken_met_alleen_het_toetsenbord(console: Console, browser: Any) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pagina = context.new_page()
    pagina.goto(console.link())
    # The first Tab reaches "Naar de inhoud", which moves on to the main content.
    pagina.keyboard.press("Tab")
    assert pagina.evaluate("document.activeElement.textContent") == "Naar de inhoud"
    pagina.keyboard.press("Enter")
    assert pagina.evaluate("location.hash") == "#inhoud"
    # To the onderzoek, its assessment, one indicator's form.
    _tab_naar(pagina, "e.textContent === 'Leeuwarden · Interventieteam Gezinnen'")
    pagina.keyboard.press("Enter")
    pagina.wait_for_url(re.compile(rf"/onderzoek/{console.concept}$"))
    _tab_naar(pagina, "e.textContent === 'Beoordeling'")
    pagina.keyboard.press("Enter")
    pagina.wait_for_url(re.compile("/beoordeling$"))
    _tab_naar(
        pagina,
        "e.tagName === 'SUMMARY' && e.textContent.startsWith('Oordeel')"
        " && e.closest('article').id === 'tl-omschrijving'",
    )
    pagina.keyboard.press("Enter")  # opens the form
    _tab_naar(pagina, "e.name === 'oordeel'")
    pagina.keyboard.press("ArrowDown")  # the radio group: from the rule's proposal to voldoet
    pagina.keyboard.press("ArrowDown")  # and to verbeterpunt
    _tab_naar(pagina, "e.name === 'tekst'")
    pagina.keyboard.type("Met het toetsenbord geschreven.")
    _tab_naar(pagina, "e.tagName === 'BUTTON' && e.textContent.startsWith('Opslaan')")
    pagina.keyboard.press("Enter")
    pagina.wait_for_url(re.compile("/beoordeling#tl-omschrijving$"))
    assert pagina.get_by_role("status").inner_text() == "Opgeslagen."
    assert "verbeterpunt" in pagina.locator("article#tl-omschrijving .oordeel").inner_text()
    # A form error: the focus lands on the field, the message is read with it.
    pagina.goto(f"{console.basis}/onderzoek/{console.concept}")
    _tab_naar(pagina, "e.id === 'uitnodigen-organisatie'")
    _tab_naar(pagina, "e.textContent === 'Uitnodiging maken'")
    with pagina.expect_navigation():
        pagina.keyboard.press("Enter")
    veld = pagina.locator("#uitnodigen-organisatie")
    expect(pagina.locator("#uitnodigen-organisatie")).to_be_focused()
    assert veld.get_attribute("aria-invalid") == "true"
    beschrijving = veld.get_attribute("aria-describedby") or ""
    assert "uitnodigen-organisatie-fout" in beschrijving.split()
    pagina.keyboard.type("Politie")
    with pagina.expect_navigation():
        pagina.keyboard.press("Enter")  # Enter in a text field sends the form
    assert pagina.get_by_role("heading", name=re.compile("Uitnodiging gemaakt voor")).is_visible()
    # The national overview's table alternative and full indicator names, by keyboard.
    pagina.goto(f"{console.basis}/overzicht")
    _tab_naar(pagina, "e.tagName === 'SUMMARY' && e.textContent.includes('tabel')")
    pagina.keyboard.press("Enter")
    tabel = pagina.locator("details.tabel table").first
    assert tabel.is_visible()
    namen = tabel.locator("thead th[scope=col]").all_inner_texts()
    assert any(len(n) > 25 for n in namen)  # the full names, not only the short labels
    # Back from a report: its breadcrumb is the first stop.
    pagina.goto(f"{console.basis}/onderzoek/{console.concept}/rapport/html")
    pagina.keyboard.press("Tab")
    assert pagina.evaluate("document.activeElement.textContent") == "Onderzoeken"
    # And out.
    pagina.goto(f"{console.basis}/")
    _tab_naar(pagina, "e.textContent === 'Uitloggen'")
    pagina.keyboard.press("Enter")
    pagina.wait_for_url(re.compile("/inloggen$"))
    context.close()
