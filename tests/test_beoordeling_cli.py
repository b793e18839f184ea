"""Issue 5 end to end through storage: import → `stj beoordeel` in every format, inspector
decisions from the CLI and from Telegram, errors, an empty onderzoek, the national overview."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from opslag.beoordelingen import beoordeel
from opslag.inspecteurs import koppel, maak_inspecteur
from opslag.uitwisseling.importeren import importeer, lees_antwoordenbestand
from opslag.uow import UnitOfWork
from tests.bot_hulp import start_bot
from tests.nep_telegram import Gebruiker
from vragenlijsten.catalogus import Catalogus

DATA = Path(__file__).parent / "data"
ITG = DATA / "leeuwarden-interventieteam-gezinnen.json"
VIG = DATA / "leeuwarden-voorwaardelijke-interventie-gezinnen.json"


def _json(pad: Path) -> Any:
    return json.loads(pad.read_text(encoding="utf-8"))


@pytest.mark.debian("pdf")
def test_beoordeel_in_elk_formaat(stj: Any, tmp_path: Path) -> None:
    itg = stj("import", str(ITG), "--json").json()["id"]
    vig = stj("import", str(VIG), "--json").json()["id"]
    html = tmp_path / "f.html"
    assert stj("beoordeel", str(itg), str(vig), "--formaat", "html", "--uit", str(html)).code == 0
    tekst = html.read_text()
    assert "Uitkomsten toezichtonderzoek Leeuwarden" in tekst
    assert "Interventieteam Gezinnen" in tekst and "Voorwaardelijke Interventie Gezinnen" in tekst
    md = tmp_path / "f.md"
    assert stj("beoordeel", str(itg), "--formaat", "md", "--uit", str(md)).code == 0
    assert md.read_text().startswith("# Uitkomsten toezichtonderzoek Leeuwarden")
    pdf = tmp_path / "f.pdf"
    assert stj("beoordeel", str(itg), "--formaat", "pdf", "--uit", str(pdf)).code == 0
    assert pdf.read_bytes()[:5] == b"%PDF-"
    js = tmp_path / "f.json"
    assert stj("beoordeel", str(itg), "--formaat", "json", "--uit", str(js)).code == 0
    data = _json(js)
    assert data["formaat"] == "stj-beoordeling/1" and len(data["indicatoren"]) == 30
    # No override: the inspector's reading of the agreements (in the answers file) makes
    # sw-afspraken a verbeterpunt by rule 3, and the JSON says how the finding came about.
    sw = next(i for i in data["indicatoren"] if i["id"] == "sw-afspraken")
    assert (sw["oordeel"], sw["aangepast_door_inspecteur"]) == ("verbeterpunt", False)
    assert sw["documenten"][0]["steun"] == "steunt_deels"
    assert [d["bron"] for d in sw["delen"]] == [
        "document ‘Samenwerkingsafspraken uitvoering Amaryllisplan’",
        "antwoorden",
    ]
    assert (
        stj("beoordeel", str(itg), str(vig), "--formaat", "json", "--uit", str(js)).err.strip()
        == "fout: stj-beoordeling/1 (json) is per aanpak; geef één "
        "onderzoek"
    )


def test_oordeel_en_conclusie_van_de_inspecteur(stj: Any, tmp_path: Path) -> None:
    itg = str(stj("import", str(ITG), "--json").json()["id"])
    uit = stj(
        "oordeel",
        itg,
        "sw-afspraken",
        "--oordeel",
        "verbeterpunt",
        "--tekst",
        "Alleen zorgpartijen hebben getekend.",
        "--door",
        "A. de Vries",
    )
    assert uit.code == 0, uit.err
    assert (
        stj(
            "conclusie",
            itg,
            "Samenwerking",
            "--kan-beter",
            "Maak ook afspraken met politie en onderwijs.",
        ).code
        == 0
    )
    assert stj("vaststellen", itg, "--toch").code == 0  # without wederhoor: confirmed
    js, html = tmp_path / "b.json", tmp_path / "b.html"
    stj("beoordeel", itg, "--formaat", "json", "--uit", str(js))
    stj("beoordeel", itg, "--formaat", "html", "--uit", str(html))
    data = _json(js)
    sw = next(i for i in data["indicatoren"] if i["id"] == "sw-afspraken")
    assert (sw["oordeel"], sw["bevinding"], sw["aangepast_door_inspecteur"]) == (
        "verbeterpunt",
        "Alleen zorgpartijen hebben getekend.",
        True,
    )
    assert data["status"] == "vastgesteld"
    assert "Maak ook afspraken met politie en onderwijs." in json.dumps(data, ensure_ascii=False)
    # Who changed the verdict is a concept mark: the vastgesteld factsheet does not name them.
    assert "A. de Vries" not in html.read_text() and "aanpassing" not in sw
    assert stj("vaststellen", itg, "--concept", "--reden", "nog een blik").code == 0
    stj("beoordeel", itg, "--formaat", "html", "--uit", str(html))
    assert "oordeel inspecteur · A. de Vries" in html.read_text()


@pytest.mark.parametrize(
    ("args", "melding"),
    [
        (
            ("beoordeel", "99", "--formaat", "html", "--uit", "x.html"),
            "fout: onderzoek 99 bestaat niet; zie 'stj onderzoek lijst'",
        ),
        (
            ("oordeel", "1", "xx-bestaat-niet", "--oordeel", "voldoet"),
            "fout: indicator 'xx-bestaat-niet' bestaat niet in kader beleidsniveau; zie "
            "vragenlijsten/kaders/",
        ),
        (
            ("conclusie", "1", "Onbekend", "--gaat-goed", "x"),
            "fout: thema 'Onbekend' bestaat niet; kies uit Toeleiding, Gezin centraal, Aanpak, "
            "Samenwerking, Continu",
        ),
    ],
)
def test_fouten_zijn_een_regel(stj: Any, args: tuple[str, ...], melding: str) -> None:
    stj("import", str(ITG))
    uit = stj(*args)
    assert (uit.code, uit.err.strip()) == (1, melding)


def test_onderzoek_zonder_antwoorden(stj: Any, tmp_path: Path) -> None:
    nieuw = stj(
        "onderzoek",
        "nieuw",
        "--gemeente",
        "Leegstad",
        "--aanpak",
        "Nog niets",
        "--kader",
        "beleidsniveau",
        "--json",
    ).json()
    js, html = tmp_path / "l.json", tmp_path / "l.html"
    assert stj("beoordeel", str(nieuw["id"]), "--formaat", "json", "--uit", str(js)).code == 0
    assert {i["oordeel"] for i in _json(js)["indicatoren"]} == {"niet_beoordeeld"}
    assert stj("beoordeel", str(nieuw["id"]), "--formaat", "html", "--uit", str(html)).code == 0
    assert "niet beoordeeld" in html.read_text()


def test_landelijk_overzicht_met_vervolg(stj: Any, tmp_path: Path) -> None:
    itg = stj("import", str(ITG), "--json").json()["id"]
    stj("import", str(VIG))
    # A follow-up a year later: close the first onderzoek and import new answers.
    assert stj("onderzoek", "sluit", str(itg)).code == 0
    later = _json(ITG)
    gemeente = next(r for r in later["respondenten"] if r["rol"] == "gemeente")
    gemeente["antwoorden"]["sw-opschaling"] = {"waarde": "ja", "document": "Escalatieprotocol"}
    (tmp_path / "later.json").write_text(json.dumps(later), encoding="utf-8")
    vervolg = stj("import", str(tmp_path / "later.json"), "--json").json()["id"]
    assert vervolg != itg
    assert stj("vaststellen", str(vervolg), "--toch").code == 0
    uit = stj("overzicht", "--uit", str(tmp_path / "landelijk"))
    assert uit.code == 0, uit.err
    assert "3 beoordelingen" in uit.out
    html = (tmp_path / "landelijk" / "overzicht.html").read_text()
    assert "<svg" in html and "Leeuwarden" in html
    assert "Wat is er veranderd?" in html
    veranderd = html.split('<li data-indicator="sw-opschaling">', 1)[1].split("</li>", 1)[0]
    assert veranderd.split("→")[0].strip().startswith("Bij stagnatie")  # was ✗, now ✓
    assert "✗" in veranderd.split("→")[0] and "✓" in veranderd.split("→")[1], veranderd
    # Columns carry the kader's short labels and every cell its symbol; the CSV keeps the ids.
    assert ">Opschaling geregeld<title>" in html and ">sw-opschaling<" not in html
    assert html.count('<g class="cel o-') == 2 * 30  # the latest onderzoek per aanpak
    assert "size: A4 landscape" in html and "@media screen and (max-width: 600px)" in html
    csv = (tmp_path / "landelijk" / "overzicht.csv").read_text(encoding="utf-8-sig")
    assert "Leeuwarden" in csv
    assert csv.splitlines()[0].startswith("gemeente;aanpak;datum;status;tl-omschrijving;")
    # The follow-up of one aanpak is vastgesteld, the other aanpak is still a concept.
    status = {r.split(";")[1]: r.split(";")[3] for r in csv.splitlines()[1:]}
    assert status == {
        "Interventieteam Gezinnen": "vastgesteld",
        "Voorwaardelijke Interventie Gezinnen": "concept",
    }, status
    assert "1 van de 2 aanpakken is nog niet vastgesteld" in html
    assert "Interventieteam Gezinnen (concept)" not in html
    assert html.count("Leeuwarden · Voorwaardelijke Interventie Gezinnen (concept)") >= 3


@pytest.mark.debian("pdf")
async def test_beoordeling_in_telegram(
    sessions: async_sessionmaker[AsyncSession], catalogus: Catalogus
) -> None:
    async with UnitOfWork(sessions) as uow:
        onderzoek_id = (
            await importeer(uow, catalogus, lees_antwoordenbestand(ITG.read_text("utf-8")))
        ).onderzoek_id
    async with UnitOfWork(sessions) as uow:
        ik = await maak_inspecteur(uow, "A. de Vries")
    async with UnitOfWork(sessions) as uow:
        await koppel(uow, onderzoek_id, ik.id)
        await uow.commit()
    bot = await start_bot(sessions, catalogus)
    inspecteur = Gebruiker(bot.app, bot.nep, 9601)
    await inspecteur.typ(f"/start {ik.token}")
    eerste = inspecteur.berichten(await inspecteur.typ(f"/beoordeling {onderzoek_id}"))[0]
    assert eerste.startswith("Indicator 1 van 30 · Toeleiding — GGSR zijn in beeld")
    assert "Voorstel: ✓ voldoet" in eerste
    tweede = inspecteur.berichten(await inspecteur.druk("Verbeterpunt"))[0]
    assert tweede.startswith("Indicator 2 van 30")
    await inspecteur.druk("✎ Eigen bevinding")
    derde = inspecteur.berichten(await inspecteur.typ("De gemeente kent de wijken goed."))[0]
    assert derde.startswith("Indicator 3 van 30")
    einde = inspecteur.berichten(await inspecteur.druk("Naar het einde"))[0]
    assert "2 oordelen van de inspecteur" in einde
    pdf = next(
        o for o in await inspecteur.druk_en_wacht("PDF sturen") if o.methode == "sendDocument"
    )
    assert next(iter(pdf.bestanden.values()))[1][:5] == b"%PDF-"
    # Without a wederhoor, vaststellen asks first.
    vraag = inspecteur.berichten(await inspecteur.druk("Vaststellen"))[0]
    assert "geen wederhoor" in vraag and "toch vaststellen?" in vraag
    vast = inspecteur.berichten(await inspecteur.druk("Toch vaststellen"))[0]
    assert "is vastgesteld.\nWederhoor: niet gehouden" in vast
    async with UnitOfWork(sessions) as uow:
        b = await beoordeel(uow, catalogus, onderzoek_id)
    een, twee = b.indicatoren[0], b.indicatoren[1]
    assert (een.oordeel, een.aangepast_door_inspecteur) == ("verbeterpunt", True)
    assert (twee.bevinding, twee.aangepast_door_inspecteur) == (
        "De gemeente kent de wijken goed.",
        True,
    )
    assert b.status == "vastgesteld"
