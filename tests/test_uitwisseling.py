"""Import/export of stj-antwoorden/1 on both backends: lossless round trip, all-or-nothing
imports with one clear line, and CSV/XLSX exports."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from opslag.fouten import ImportFout
from opslag.inspecteurs import verleng
from opslag.modellen import Antwoord, AntwoordHistorie, Gemeente, Onderzoek, Uitnodiging
from opslag.uitwisseling.exporteren import exporteer_bestand, schrijf_csv, schrijf_xlsx
from opslag.uitwisseling.importeren import importeer, lees_antwoordenbestand
from opslag.uow import UnitOfWork
from vragenlijsten.catalogus import Catalogus

Sessies = async_sessionmaker[AsyncSession]
VOORBEELD = Path(__file__).parent / "data" / "voorbeeld-antwoorden.json"


def voorbeeld() -> dict[str, Any]:
    return json.loads(VOORBEELD.read_text(encoding="utf-8"))


async def _importeer(
    sessions: Sessies, catalogus: Catalogus, data: dict[str, Any], bijwerken: bool = False
) -> int:
    async with UnitOfWork(sessions) as uow:
        verslag = await importeer(
            uow, catalogus, lees_antwoordenbestand(json.dumps(data)), bijwerken=bijwerken
        )
        return verslag.onderzoek_id


async def _export(sessions: Sessies, catalogus: Catalogus, onderzoek_id: int) -> dict[str, Any]:
    async with UnitOfWork(sessions) as uow:
        return (await exporteer_bestand(uow, catalogus, onderzoek_id)).naar_json()


async def _tellingen(sessions: Sessies) -> tuple[int, ...]:
    async with sessions() as s:
        return tuple(
            [
                await s.scalar(select(func.count()).select_from(tabel)) or 0
                for tabel in (Gemeente, Onderzoek, Uitnodiging, Antwoord, AntwoordHistorie)
            ]
        )


async def test_import_export_is_verliesvrij(sessions: Sessies, catalogus: Catalogus) -> None:
    origineel = voorbeeld()
    onderzoek_id = await _importeer(sessions, catalogus, origineel)
    assert await _export(sessions, catalogus, onderzoek_id) == origineel


async def test_tweede_import_alleen_met_bijwerken(sessions: Sessies, catalogus: Catalogus) -> None:
    eerste = await _importeer(sessions, catalogus, voorbeeld())
    # Re-importing (one's own export, say) into the open onderzoek is refused without asking.
    with pytest.raises(ImportFout) as fout:
        await _importeer(sessions, catalogus, voorbeeld())
    assert str(fout.value) == (
        "er is al een open onderzoek naar 'Sterke Gezinnen' in Voorbeeldstad "
        f"(beleidsniveau): nummer {eerste}; vul het aan met --bijwerken (u ziet wat er "
        f"verandert) of sluit het eerst met 'stj onderzoek sluit {eerste}'"
    )
    # An extended deadline is kept: the file's older deadline does not reset it.
    async with UnitOfWork(sessions) as uow:
        await verleng(uow, eerste, dt.date(2027, 3, 31), dt.date(2026, 12, 1))
        await uow.commit()
    nieuw = voorbeeld()
    nieuw["respondenten"][1]["antwoorden"]["ap-doorzettingsmacht"] = {"waarde": "nee"}
    nieuw["respondenten"][1]["status"] = "ingediend"
    async with UnitOfWork(sessions) as uow:
        verslag = await importeer(
            uow, catalogus, lees_antwoordenbestand(json.dumps(nieuw)), bijwerken=True
        )
    assert (verslag.onderzoek_id, verslag.nieuw) == (eerste, False)
    assert verslag.wijzigingen == [
        "deadline blijft 2027-03-31 (het bestand noemt 2026-12-31; verschuif haar met "
        "'stj onderzoek verleng')",
        "netwerkpartner 'Jeugdzorg Noord': status bezig → ingediend",
        "netwerkpartner 'Jeugdzorg Noord': 1 antwoord(en) gewijzigd",
    ]
    nieuw["onderzoek"]["deadline"] = "2027-03-31"
    tweede = verslag.onderzoek_id
    assert tweede == eerste
    assert await _export(sessions, catalogus, eerste) == nieuw
    gemeente, onderzoek, uitnodiging, antwoord, historie = await _tellingen(sessions)
    assert (gemeente, onderzoek, uitnodiging) == (1, 1, 3)
    assert historie == antwoord + 1  # one change on top of one row per first answer


def _zet(data: dict[str, Any], pad: tuple[Any, ...], waarde: Any) -> dict[str, Any]:
    data = copy.deepcopy(data)
    doel = data
    for stap in pad[:-1]:
        doel = doel[stap]
    doel[pad[-1]] = waarde
    return data


KAPOT: dict[str, tuple[Any, str]] = {
    "geen-json": (
        '{"formaat": "stj-antwoorden/1",',
        "geen geldige JSON (regel 1, kolom 32: Expecting property name enclosed in double quotes)",
    ),
    "formaat": (
        _zet(voorbeeld(), ("formaat",), "stj-antwoorden/9"),
        "onbekend formaat 'stj-antwoorden/9'; verwacht 'stj-antwoorden/1'",
    ),
    "rol": (
        _zet(voorbeeld(), ("respondenten", 1, "rol"), "buurman"),
        "respondent 2 (buurman 'Jeugdzorg Noord'): rol 'buurman' bestaat niet bij kader "
        "beleidsniveau; kies uit gemeente, netwerkpartner",
    ),
    "item": (
        _zet(voorbeeld(), ("respondenten", 1, "antwoorden", "tl-populatie"), {"waarde": "ja"}),
        "respondent 2 (netwerkpartner 'Jeugdzorg Noord'): vraag 'tl-populatie' bestaat niet "
        "voor rol netwerkpartner",
    ),
    "optie": (
        _zet(voorbeeld(), ("respondenten", 0, "antwoorden", "sw-afspraken", "waarde"), "misschien"),
        "respondent 1 (gemeente 'Gemeente Voorbeeldstad'): vraag 'sw-afspraken': optie "
        "'misschien' bestaat niet; kies uit ja, deels, nee, weet_niet",
    ),
    "getal": (
        _zet(voorbeeld(), ("respondenten", 0, "antwoorden", "inwoners", "waarde"), -5),
        "respondent 1 (gemeente 'Gemeente Voorbeeldstad'): vraag 'inwoners': getal -5 "
        "ligt niet tussen 0 en 2000000",
    ),
    "dubbel": (
        _zet(voorbeeld(), ("respondenten", 2, "organisatie"), "Jeugdzorg Noord"),
        "respondent 3 (netwerkpartner 'Jeugdzorg Noord'): komt twee keer voor; voeg de "
        "antwoorden samen",
    ),
    "status": (
        _zet(voorbeeld(), ("respondenten", 1, "status"), "klaar"),
        "respondent 2 (netwerkpartner 'Jeugdzorg Noord'): status 'klaar' bestaat niet; "
        "kies uit uitgenodigd, bezig, ingediend",
    ),
    "sleutel": (
        _zet(voorbeeld(), ("respondenten", 0, "antwoorden", "tl-populatie", "opmerking"), "x"),
        "respondent 1 (gemeente 'Gemeente Voorbeeldstad'): vraag 'tl-populatie': "
        "sleutel 'opmerking' is onbekend; haal hem weg",
    ),
    # Found by trying it as an adversary would (issue 10).
    "te-diep": (
        '{"formaat": "stj-antwoorden/1", "x": ' + "[" * 5000 + "]" * 5000 + "}",
        "de JSON is te diep genest; een stj-antwoorden/1-bestand heeft hooguit een paar niveaus",
    ),
    "lege-gemeente": (
        _zet(voorbeeld(), ("onderzoek", "gemeente"), "   "),
        "onderzoek: gemeente is leeg; vul een gemeente in",
    ),
    "lange-aanpak": (
        _zet(voorbeeld(), ("onderzoek", "aanpak"), "a" * 301),
        "onderzoek: aanpak is 301 tekens lang; maximaal 300",
    ),
    "true-als-getal": (
        _zet(voorbeeld(), ("respondenten", 0, "antwoorden", "inwoners", "waarde"), True),
        "respondent 1 (gemeente 'Gemeente Voorbeeldstad'): vraag 'inwoners': waarde true "
        "heeft een ongeldig type",
    ),
    "lange-toelichting": (
        _zet(
            voorbeeld(),
            ("respondenten", 0, "antwoorden", "tl-populatie", "toelichting"),
            "x" * 5_000_000,
        ),
        "respondent 1 (gemeente 'Gemeente Voorbeeldstad'): vraag 'tl-populatie': toelichting "
        "is 5000000 tekens lang; maximaal 4000",
    ),
    "lange-organisatie": (
        _zet(voorbeeld(), ("respondenten", 1, "organisatie"), "J" * 301),
        f"respondent 2 (netwerkpartner '{'J' * 59}…'): organisatie is 301 tekens lang; "
        "maximaal 300",
    ),
    "dubbel-met-spatie": (
        _zet(voorbeeld(), ("respondenten", 2, "organisatie"), " Jeugdzorg  Noord "),
        "respondent 3 (netwerkpartner 'Jeugdzorg Noord'): komt twee keer voor; voeg de "
        "antwoorden samen",
    ),
}


@pytest.mark.parametrize("soort", sorted(KAPOT))
async def test_kapotte_import_slaat_niets_op(
    sessions: Sessies, catalogus: Catalogus, soort: str
) -> None:
    await _importeer(sessions, catalogus, voorbeeld())
    voor = await _tellingen(sessions)
    data, melding = KAPOT[soort]
    tekst = data if isinstance(data, str) else json.dumps(data)
    with pytest.raises(ImportFout) as fout:
        async with UnitOfWork(sessions) as uow:
            await importeer(uow, catalogus, lees_antwoordenbestand(tekst))
    assert str(fout.value) == melding
    assert await _tellingen(sessions) == voor


async def test_csv_export(sessions: Sessies, catalogus: Catalogus, tmp_path: Path) -> None:
    onderzoek_id = await _importeer(sessions, catalogus, voorbeeld())
    async with UnitOfWork(sessions) as uow:
        aantal = await schrijf_csv(uow, catalogus, onderzoek_id, tmp_path / "a.csv")
    rijen = list(csv.DictReader((tmp_path / "a.csv").open(encoding="utf-8-sig"), delimiter=";"))
    assert aantal == len(rijen) == 11
    eigen_kracht = next(r for r in rijen if r["item"] == "gc-eigen-kracht")
    assert eigen_kracht["indicator"] == "gc-eigen-kracht"
    assert eigen_kracht["document"] == "Visienota Eigen Kracht 2024 (bestand: visienota.pdf)"
    assert eigen_kracht["organisatie"] == "Gemeente Voorbeeldstad"
    assert next(r for r in rijen if r["item"] == "inwoners")["indicator"] == ""
    assert all(r["laatst gewijzigd"] for r in rijen)


async def test_xlsx_export(sessions: Sessies, catalogus: Catalogus, tmp_path: Path) -> None:
    onderzoek_id = await _importeer(sessions, catalogus, voorbeeld())
    async with UnitOfWork(sessions) as uow:
        await schrijf_xlsx(uow, catalogus, onderzoek_id, tmp_path / "a.xlsx")
    boek = load_workbook(tmp_path / "a.xlsx")
    assert boek.sheetnames == ["gemeente", "netwerkpartner", "antwoorden", "vragen"]
    gemeente = boek["gemeente"]
    koppen = [c.value for c in gemeente[1]]
    kolom = koppen.index("tl-populatie")
    assert gemeente.cell(1, kolom + 1).comment.text == (
        catalogus.vragenlijst("beleidsniveau", "gemeente").item("tl-populatie").vraag
    )
    assert gemeente.cell(2, kolom + 1).value == "Ja"
    assert gemeente.cell(2, koppen.index("inwoners") + 1).value == 95000
    partners = boek["netwerkpartner"]
    # Both partners get a row, also the one without answers.
    assert [partners.cell(r, 1).value for r in (2, 3)] == [
        "Jeugdzorg Noord",
        "Verslavingszorg Oost",
    ]
    assert partners.max_row == 3
    assert boek["antwoorden"].max_row == 12
