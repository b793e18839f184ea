"""Casusniveau end to end through storage: `stj import` of families' answers, `stj beoordeel`
in every format (also for a gezin without ouder, roles that did not answer, no answers at all),
inspector decisions from the CLI and Telegram, and practice next to policy."""

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
ZWOLLE = DATA / "zwolle-bemoeizorg-jeugd.json"


def _zwolle() -> Any:
    return json.loads(ZWOLLE.read_text(encoding="utf-8"))


def _importeer(stj: Any, tmp_path: Path, data: Any, naam: str = "a.json") -> str:
    (tmp_path / naam).write_text(json.dumps(data), encoding="utf-8")
    uit = stj("import", str(tmp_path / naam), "--json")
    assert uit.code == 0, uit.err
    return str(uit.json()["id"])


def _beoordeling(stj: Any, tmp_path: Path, onderzoek: str) -> Any:
    uit = stj("beoordeel", onderzoek, "--formaat", "json", "--uit", str(tmp_path / "b.json"))
    assert uit.code == 0, uit.err
    return json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))


@pytest.mark.debian("pdf")
def test_nota_in_elk_formaat(stj: Any, tmp_path: Path) -> None:
    onderzoek = _importeer(stj, tmp_path, _zwolle())
    for formaat in ("html", "md", "pdf", "json"):
        pad = tmp_path / f"nota.{formaat}"
        uit = stj("beoordeel", onderzoek, "--formaat", formaat, "--uit", str(pad))
        assert uit.code == 0, uit.err
        assert uit.out.strip() == f"nota van bevindingen ({formaat}) geschreven naar {pad}"
    assert "Nota van bevindingen Zwolle" in (tmp_path / "nota.html").read_text("utf-8")
    assert (tmp_path / "nota.md").read_text("utf-8").startswith("# Nota van bevindingen Zwolle")
    assert (tmp_path / "nota.pdf").read_bytes()[:5] == b"%PDF-"
    data = json.loads((tmp_path / "nota.json").read_text("utf-8"))
    assert [c["casus"] for c in data["casussen"]] == ["gezin 1", "gezin 2", "gezin 3"]
    assert sum(i["oordeel"] == "verbeterpunt" for i in data["indicatoren"]) == 15
    ander = {"gemeente": "Zwolle", "aanpak": "Bijzondere Doelgroepen", "kader": "casusniveau"}
    tweede = _importeer(stj, tmp_path, {**_zwolle(), "onderzoek": ander}, "b.json")
    fout = stj("beoordeel", onderzoek, tweede, "--formaat", "html", "--uit", str(tmp_path / "x"))
    assert (fout.code, fout.err.strip()) == (
        1,
        "fout: een nota van bevindingen is per aanpak; geef één onderzoek",
    )


def test_gezin_zonder_ouder_en_rollen_die_niet_antwoordden(stj: Any, tmp_path: Path) -> None:
    data = _zwolle()
    # Gezin 2 has no parent; in gezin 3 the professionals were invited but did not answer.
    data["respondenten"] = [
        r for r in data["respondenten"] if not (r["rol"] == "ouder" and r["casus"] == "gezin 2")
    ]
    for r in data["respondenten"]:
        if r["rol"] == "professional" and r["casus"] == "gezin 3":
            r.update(antwoorden={}, status="uitgenodigd")
    b = _beoordeling(stj, tmp_path, _importeer(stj, tmp_path, data))
    gezin2 = next(c for c in b["casussen"] if c["casus"] == "gezin 2")
    assert [r["rol"] for r in gezin2["respondenten"]] == ["regisseur"] + ["professional"] * 3
    # Without the family's voice the rule still weighs the regisseur against the professionals.
    vertrouwen = next(i for i in gezin2["indicatoren"] if i["id"] == "cs-vertrouwen")
    assert (vertrouwen["oordeel"], vertrouwen["antwoorden"]) == (
        "voldoet",
        [{"rol": "regisseur", "wie": "regisseur", "waarde": "ja"}],
    )
    gezin3 = next(c for c in b["casussen"] if c["casus"] == "gezin 3")
    erkend = next(i for i in gezin3["indicatoren"] if i["id"] == "cs-regisseur-erkend")
    assert [a["waarde"] for a in erkend["antwoorden"]] == ["deels", None, None, None]
    assert len(b["indicatoren"]) == 33
    html = tmp_path / "n.html"
    deventer = {"gemeente": "Deventer", "aanpak": "Bemoeizorg", "kader": "casusniveau"}
    onderzoek = _importeer(stj, tmp_path, {**data, "onderzoek": deventer}, "d.json")
    assert stj("beoordeel", onderzoek, "--formaat", "html", "--uit", str(html)).code == 0
    assert "drie professionals (drie nog niet ingediend)" in html.read_text("utf-8")


@pytest.mark.debian("pdf")
def test_onderzoek_zonder_antwoorden_is_niet_beoordeeld(stj: Any, tmp_path: Path) -> None:
    nieuw = stj(
        "onderzoek", "nieuw", "--gemeente", "Zwolle", "--aanpak", "Bemoeizorg Jeugd",
        "--kader", "casusniveau", "--json",
    )  # fmt: skip
    onderzoek = str(nieuw.json()["id"])
    leeg = _beoordeling(stj, tmp_path, onderzoek)
    assert {i["oordeel"] for i in leeg["indicatoren"]} == {"niet_beoordeeld"}
    assert leeg["casussen"] == [] and leeg["hoofdstukken"] == []
    stj("uitnodiging", "nieuw", onderzoek, "--rol", "regisseur", "--organisatie", "GGD",
        "--casus", "gezin 1")  # fmt: skip
    uitgenodigd = _beoordeling(stj, tmp_path, onderzoek)
    assert {i["oordeel"] for i in uitgenodigd["indicatoren"]} == {"niet_beoordeeld"}
    for formaat in ("html", "md", "pdf"):
        pad = tmp_path / f"leeg.{formaat}"
        assert stj("beoordeel", onderzoek, "--formaat", formaat, "--uit", str(pad)).code == 0
    tekst = (tmp_path / "leeg.md").read_text("utf-8")
    assert "niet beoordeeld" in tekst and "Er zijn (nog) geen onderwerpen" in tekst


def test_oordeel_conclusie_en_vaststellen_op_casusniveau(stj: Any, tmp_path: Path) -> None:
    onderzoek = _importeer(stj, tmp_path, _zwolle())
    uit = stj(
        "oordeel", onderzoek, "ca-analyse", "--oordeel", "verbeterpunt", "--tekst",
        "In de dossiers staat een probleemanalyse zonder diepgang.", "--door", "B. Jansen",
    )  # fmt: skip
    assert uit.code == 0, uit.err
    assert stj("conclusie", onderzoek, "Aanpak", "--kan-beter", "Maak één gezinsplan.").code == 0
    concept = _beoordeling(stj, tmp_path, onderzoek)
    analyse = next(i for i in concept["indicatoren"] if i["id"] == "ca-analyse")
    assert analyse["aanpassing"]["door"] == "B. Jansen"
    # The chapters the inspector has yet to write stop vaststellen until confirmed.
    nog = stj("vaststellen", onderzoek)
    assert nog.code == 1
    assert "4 hoofdstuk(ken) nog niet geschreven: ‘Voorwoord’, ‘Bemoeizorg Jeugd’" in nog.err
    assert stj("vaststellen", onderzoek, "--toch").code == 0
    b = _beoordeling(stj, tmp_path, onderzoek)
    analyse = next(i for i in b["indicatoren"] if i["id"] == "ca-analyse")
    assert (analyse["oordeel"], analyse["aangepast_door_inspecteur"]) == ("verbeterpunt", True)
    # Who changed it is a concept mark: the vastgesteld JSON does not carry it.
    assert "aanpassing" not in analyse
    # The families' verdicts stay visible (gezin 2: STJ saw the analysis in the dossier).
    assert analyse["per_casus"] == {"gezin 1": "voldoet", "gezin 2": "voldoet",
                                    "gezin 3": "voldoet"}  # fmt: skip
    assert b["conclusie"]["Aanpak"]["kan_beter"] == ["Maak één gezinsplan."]
    assert b["status"] == "vastgesteld"
    md = tmp_path / "n.md"
    assert stj("beoordeel", onderzoek, "--formaat", "md", "--uit", str(md)).code == 0
    tekst = md.read_text("utf-8")
    assert "CONCEPT" not in tekst and "Grond:" not in tekst
    assert "oordeel inspecteur" not in tekst and "B. Jansen" not in tekst
    # A chapter without text and without a draft is left out; one with a draft is in.
    assert "## Voorwoord" not in tekst and "Toezichtonderzoek STJ" in tekst


def test_praktijk_naast_beleid_uit_de_opslag(stj: Any, tmp_path: Path) -> None:
    beleid = json.loads((DATA / "leeuwarden-interventieteam-gezinnen.json").read_text("utf-8"))
    beleid["onderzoek"].update(gemeente="Zwolle", aanpak="Bemoeizorg Jeugd")
    _importeer(stj, tmp_path, beleid, "beleid.json")
    b = _beoordeling(stj, tmp_path, _importeer(stj, tmp_path, _zwolle()))
    regisseur = next(i for i in b["indicatoren"] if i["id"] == "cs-een-regisseur")
    assert regisseur["beleid"] == [{"id": "ap-regisseur", "oordeel": "voldoet"}]
    assert regisseur["verband"] == (
        "Op beleidsniveau geregeld; in de praktijk bij twee van de drie gezinnen niet gezien."
    )


@pytest.mark.debian("pdf")
async def test_beoordeling_van_een_nota_in_telegram(
    sessions: async_sessionmaker[AsyncSession], catalogus: Catalogus
) -> None:
    async with UnitOfWork(sessions) as uow:
        onderzoek_id = (
            await importeer(uow, catalogus, lees_antwoordenbestand(ZWOLLE.read_text("utf-8")))
        ).onderzoek_id
    async with UnitOfWork(sessions) as uow:
        ik = await maak_inspecteur(uow, "A. de Vries")
    async with UnitOfWork(sessions) as uow:
        await koppel(uow, onderzoek_id, ik.id)
        await uow.commit()
    bot = await start_bot(sessions, catalogus)
    inspecteur = Gebruiker(bot.app, bot.nep, 9602)
    await inspecteur.typ(f"/start {ik.token}")
    eerste = inspecteur.berichten(await inspecteur.typ(f"/beoordeling {onderzoek_id}"))[0]
    assert eerste.startswith("Indicator 1 van 33 · Toeleiding — De aanpak wordt op tijd")
    assert "Per gezin: gezin 1 ✓ voldoet · gezin 2 ✓ voldoet · gezin 3 ✓ voldoet" in eerste
    await inspecteur.druk("Verbeterpunt")
    pdf = await inspecteur.druk("Naar het einde")
    assert "1 oordelen van de inspecteur" in inspecteur.berichten(pdf)[0]
    stuk = next(
        o for o in await inspecteur.druk_en_wacht("PDF sturen") if o.methode == "sendDocument"
    )
    naam, inhoud = next(iter(stuk.bestanden.values()))[:2]
    assert inhoud[:5] == b"%PDF-" and naam.startswith("nota_van_bevindingen-Zwolle")
    async with UnitOfWork(sessions) as uow:
        b = await beoordeel(uow, catalogus, onderzoek_id)
    assert (b.indicatoren[0].oordeel, b.indicatoren[0].aangepast_door_inspecteur) == (
        "verbeterpunt",
        True,
    )
