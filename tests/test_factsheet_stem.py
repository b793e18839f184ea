"""The factsheet reads as if STJ wrote it: partners anonymous outside the list of who took part
(every format), no more words than the 2013 original with a finding for every indicator, dated
by its onderzoek, with the introduction STJ gives; inspectors write their own LET OP and choose
what is quoted, on the command line and in Telegram."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from beoordeling import factsheet, naar_json, render_html, render_markdown
from beoordeling.rapport import maak_rapport
from opslag.beoordelingen import beoordeel, zet_status
from opslag.inspecteurs import koppel, maak_inspecteur
from opslag.modellen import Onderzoek
from opslag.uitwisseling.importeren import importeer, lees_antwoordenbestand
from opslag.uow import UnitOfWork
from tests.bot_hulp import start_bot
from tests.nep_telegram import Gebruiker
from vragenlijsten.catalogus import Catalogus

DATA = Path(__file__).parent / "data"
IG = DATA / "leeuwarden-interventieteam-gezinnen.json"
VIG = DATA / "leeuwarden-voorwaardelijke-interventie-gezinnen.json"
Sessies = async_sessionmaker[AsyncSession]
PARTNERS = (
    "Fier Fryslân",
    "Leger des Heils",
    "Verslavingszorg Noord Nederland",
    "Bureau Jeugdzorg",
    "Politie",
    "Reclassering Nederland",
)
ORIGINEEL_WOORDEN = 5500  # the 2013 Leeuwarden factsheet (seeds/002): 5,454 words


async def _leeuwarden(sessions: Sessies, catalogus: Catalogus) -> tuple[int, int]:
    ids = []
    for pad in (IG, VIG):
        async with UnitOfWork(sessions) as uow:
            verslag = await importeer(uow, catalogus, lees_antwoordenbestand(pad.read_text()))
            ids.append(verslag.onderzoek_id)
    return ids[0], ids[1]


def _tekst(html_tekst: str) -> str:
    """What a reader sees of an HTML page."""
    zonder = re.sub(r"<style.*?</style>", " ", html_tekst, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", zonder))


def _buiten_deelname(tekst: str, kop: str, volgende: str) -> str:
    """The text without the sections that list who took part (from `kop` to `volgende`)."""
    return re.sub(rf"{kop}.*?(?={volgende})", " ", tekst, flags=re.S)


@pytest.mark.debian("pdf", "pdftotext")
async def test_geen_partnernaam_buiten_de_lijst_van_wie_meewerkten(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    ig, vig = await _leeuwarden(sessions, catalogus)
    async with UnitOfWork(sessions) as uow:
        b = [await beoordeel(uow, catalogus, n) for n in (ig, vig)]
    blad = factsheet(b, dt.date(2026, 12, 1))
    pagina = render_html(blad)  # the PDF is printed from exactly this HTML
    md = render_markdown(blad)
    assert all(naam in pagina and naam in md for naam in PARTNERS)  # the list is there
    rest_html = _buiten_deelname(_tekst(pagina), "Wie meewerkten", "Beschrijving")
    rest_md = _buiten_deelname(md, "### Wie meewerkten", "### Beschrijving")
    for naam in PARTNERS:
        assert naam not in rest_html, naam
        assert naam not in rest_md, naam
    for beoordeling in b:
        data = naar_json(beoordeling)
        buiten = json.dumps({k: v for k, v in data.items() if k != "respondenten"})
        assert not any(naam in buiten for naam in PARTNERS), buiten[:300]
    # Where a partner's sector is known, it stands in for the name.
    assert "één netwerkpartner uit de jeugdzorg" in rest_md
    # And in the PDF as printed (read back with poppler's pdftotext).
    pdf = _pdf_tekst(maak_rapport(b, "pdf", dt.date(2026, 12, 1)))
    assert all(naam in pdf for naam in PARTNERS)
    rest_pdf = _buiten_deelname(pdf, "Wie meewerkten", "Beschrijving")
    assert not any(naam in rest_pdf for naam in PARTNERS)


def _pdf_tekst(pdf: bytes) -> str:
    """The text of a PDF, via pdftotext (Debian's poppler-utils)."""
    uit = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return uit.stdout.decode("utf-8")


async def test_vastgestelde_factsheet_is_niet_langer_dan_het_origineel(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    ig, vig = await _leeuwarden(sessions, catalogus)
    for n in (ig, vig):
        async with UnitOfWork(sessions) as uow:
            await zet_status(uow, n, "vastgesteld")
    async with UnitOfWork(sessions) as uow:
        b = [await beoordeel(uow, catalogus, n) for n in (ig, vig)]
    tekst = _tekst(render_html(factsheet(b, dt.date(2026, 12, 1))))
    woorden = len(tekst.split())
    assert woorden <= ORIGINEEL_WOORDEN, woorden
    assert "Grond:" not in tekst and "CONCEPT" not in tekst
    for beoordeling in b:
        for io in beoordeling.indicatoren:
            assert io.bevinding.strip() and io.bevinding[0].isupper(), io.id
    # STJ's introduction: the GGSR definition and the report expected after a year, by a date.
    assert "minimaal vier" in tekst
    assert re.search(r"verwacht vóór \d+ \w+ \d{4} een rapportage over de voortgang", tekst)


async def test_factsheet_draagt_de_datum_van_het_onderzoek(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    ig, _ = await _leeuwarden(sessions, catalogus)
    async with sessions() as s:
        await s.execute(
            update(Onderzoek).where(Onderzoek.id == ig).values(deadline=dt.date(2013, 9, 30))
        )
        await s.commit()
    async with UnitOfWork(sessions) as uow:
        concept = await beoordeel(uow, catalogus, ig)
    assert concept.datum == dt.date(2013, 9, 30)
    html = render_html(factsheet([concept], dt.date(2026, 12, 1)))
    # One date style: the header and the footer say the same.
    assert "Samenwerkend Toezicht Jeugd, september 2013" in html
    assert "Concept · september 2013" in html and "September" not in html
    async with UnitOfWork(sessions) as uow:
        await zet_status(uow, ig, "vastgesteld")
    async with UnitOfWork(sessions) as uow:
        vastgesteld = await beoordeel(uow, catalogus, ig)
    assert vastgesteld.datum is not None and vastgesteld.datum.year >= 2026
    assert factsheet([vastgesteld], dt.date(1999, 1, 1)).datum == vastgesteld.datum


def _regel(md: str, stuk: str) -> str:
    return next(r for r in md.splitlines() if stuk in r)


def test_let_op_en_citaten_op_de_command_line(stj: Any, tmp_path: Path) -> None:
    assert stj("import", str(IG)).code == 0
    lijst = stj("citeer", "1", "ap-niet-loslaten")
    assert "Verslavingszorg Noord Nederland (deels) · niet geciteerd" in lijst.out
    assert stj("citeer", "1", "ap-niet-loslaten", "4").code == 0
    assert stj("let-op", "1", "ap-niet-loslaten", "Afspraken over afsluiten ontbreken.").code == 0
    assert stj("let-op", "1", "gc-sociaal-netwerk", "--geen").code == 0
    md = stj("beoordeel", "1", "--formaat", "md", "--uit", "-").out
    loslaten = _regel(md, "het gezin niet wordt losgelaten |")
    assert "Een netwerkpartner uit de volwassenenzorg licht toe: “Afspraken over wanneer" in (
        loslaten
    )
    assert "**LET OP:** Afspraken over afsluiten ontbreken." in loslaten
    assert "Verslavingszorg" not in loslaten
    assert "LET OP" not in _regel(md, "het sociale netwerk van het gezin benut |")
    assert stj("let-op", "1", "gc-sociaal-netwerk", "--standaard").code == 0
    md = stj("beoordeel", "1", "--formaat", "md", "--uit", "-").out
    assert "LET OP" in _regel(md, "het sociale netwerk van het gezin benut |")
    # Mistakes are one Dutch line; the audit log has every change.
    for args, melding in (
        (("citeer", "1", "tl-populatie", "2"),
         "uitnodiging 2 heeft bij 'tl-populatie' geen toelichting gegeven"),
        (("citeer", "1", "ap-niet-loslaten", "99"),
         "uitnodiging 99 hoort niet bij onderzoek 1; zie 'stj citeer 1 ap-niet-loslaten'"),
        (("let-op", "1", "ap-niet-loslaten"),
         "geef een of meer teksten, of --geen, of --standaard (één van de drie)"),
        (("let-op", "1", "xx-bestaat-niet", "--geen"),
         "indicator 'xx-bestaat-niet' bestaat niet in kader beleidsniveau; zie "
         "vragenlijsten/kaders/"),
    ):  # fmt: skip
        uit = stj(*args)
        assert (uit.code, uit.err) == (1, f"fout: {melding}\n"), args
    acties = [r["actie"] for r in stj("audit", "--json").json()]
    assert acties.count("let-op") == 3 and acties.count("citeer") == 1
    assert stj("vaststellen", "1", "--toch").code == 0  # without wederhoor: confirmed
    assert "is vastgesteld" in stj("let-op", "1", "sw-regie", "--geen").err


async def test_let_op_en_citaten_in_telegram(sessions: Sessies, catalogus: Catalogus) -> None:
    ig, _ = await _leeuwarden(sessions, catalogus)
    async with UnitOfWork(sessions) as uow:
        ik = await maak_inspecteur(uow, "A. de Vries")
    async with UnitOfWork(sessions) as uow:
        await koppel(uow, ig, ik.id)
        await uow.commit()
    bot = await start_bot(sessions, catalogus)
    inspecteur = Gebruiker(bot.app, bot.nep, 9611)
    await inspecteur.typ(f"/start {ik.token}")
    await inspecteur.typ(f"/beoordeling {ig}")
    await inspecteur.druk("✎ LET OP")
    terug = inspecteur.berichten(await inspecteur.typ("Nog geen vaste werkwijze."))[0]
    assert terug.startswith("Indicator 1 van 30") and "LET OP: Nog geen vaste werkwijze." in terug
    lijst = inspecteur.berichten(await inspecteur.druk("❝ Citeren"))[0]
    # The gemeente's own words are in the finding already; only a partner can be marked.
    assert "Gemeente Leeuwarden" not in lijst
    assert "▫️ 1. netwerkpartner · Fier Fryslân (ja)" in lijst
    aan = inspecteur.berichten(await inspecteur.druk("1: citeren"))[0]
    assert "✅ 1. netwerkpartner · Fier Fryslân (ja)" in aan
    indicator = inspecteur.berichten(await inspecteur.druk("◀ Terug naar de indicator"))[0]
    assert "maatschappelijke opvang licht toe: “Gezinnen met complexe problemen" in indicator
    zonder = inspecteur.berichten(await inspecteur.druk("✕ Geen LET OP"))[0]
    assert "LET OP" not in zonder
    async with UnitOfWork(sessions) as uow:
        b = await beoordeel(uow, catalogus, ig)
    eerste = b.indicatoren[0]
    assert eerste.let_op == () and "opvang licht toe:" in eerste.bevinding
    assert eerste.oordeel == eerste.voorstel  # the verdict itself is still the rule's


@pytest.mark.parametrize("formaat", ["md", "html"])
def test_concept_noemt_de_grond_vastgesteld_niet(stj: Any, formaat: str) -> None:
    assert stj("import", str(VIG)).code == 0
    concept = stj("beoordeel", "1", "--formaat", formaat, "--uit", "-").out
    assert "Grond: Regel" in concept
    assert stj("vaststellen", "1", "--toch").code == 0  # without wederhoor: confirmed
    vast = stj("beoordeel", "1", "--formaat", formaat, "--uit", "-").out
    assert "Grond" not in vast and "CONCEPT" not in vast
