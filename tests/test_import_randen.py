"""`stj import` at its edges (issue 20): numbers are bounded (5,000 digits is one Dutch line, not
a traceback), a deadline is never in the past (as `stj onderzoek nieuw` promises), and a key
written twice in one JSON object is refused instead of silently keeping the last. Each leaves
the database as it was."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).parent / "data"


def _voorbeeld() -> Any:
    return json.loads((DATA / "voorbeeld-antwoorden.json").read_text(encoding="utf-8"))


def _importeer(stj: Any, tmp_path: Path, tekst: str) -> Any:
    pad = tmp_path / "a.json"
    pad.write_text(tekst, encoding="utf-8")
    return stj("import", str(pad))


def _een_regel(uit: Any, begin: str) -> None:
    assert uit.code == 1, uit
    assert uit.err.startswith(f"fout: a.json: {begin}"), uit.err
    assert uit.err.count("\n") == 1 and "Traceback" not in uit.err


@pytest.mark.parametrize(
    ("getal", "begin"),
    [
        ("9" * 5000, "een getal van 5000 cijfers (99999"),
        ("-" + "1" * 19, "een getal van 19 cijfers"),
        ("1e999", "het getal 1e999 is te groot of te lang"),
        ("0." + "1" * 5000, "het getal 0.1111"),
        ("NaN", "'NaN' is geen getal dat JSON kent"),
        ("-Infinity", "'-Infinity' is geen getal dat JSON kent"),
    ],
)
def test_een_getal_is_begrensd(stj: Any, tmp_path: Path, getal: str, begin: str) -> None:
    tekst = json.dumps(_voorbeeld()).replace('"waarde": 95000', f'"waarde": {getal}')
    assert getal in tekst
    _een_regel(_importeer(stj, tmp_path, tekst), begin)
    assert stj("onderzoek", "lijst", "--json").json() == []


def test_geen_deadline_in_het_verleden(stj: Any, tmp_path: Path) -> None:
    data = _voorbeeld()
    data["onderzoek"]["deadline"] = "2001-01-01"
    _een_regel(
        _importeer(stj, tmp_path, json.dumps(data)),
        "onderzoek: de deadline 01-01-2001 ligt in het verleden; kies vandaag of later",
    )
    assert stj("onderzoek", "lijst", "--json").json() == []


@pytest.mark.parametrize(
    ("van", "naar", "sleutel"),
    [
        ('"waarde": 95000', '"waarde": 95000, "waarde": 1', "waarde"),
        ('"ggsr-gezinnen": {', '"inwoners": {"waarde": 3}, "ggsr-gezinnen": {', "inwoners"),
        (
            '"formaat": "stj-antwoorden/1",',
            '"formaat": "stj-antwoorden/1", "formaat": "x",',
            "formaat",
        ),
    ],
)
def test_dubbele_sleutels_worden_geweigerd(
    stj: Any, tmp_path: Path, van: str, naar: str, sleutel: str
) -> None:
    tekst = (DATA / "voorbeeld-antwoorden.json").read_text(encoding="utf-8")
    assert van in tekst
    _een_regel(
        _importeer(stj, tmp_path, tekst.replace(van, naar, 1)),
        f"sleutel '{sleutel}' staat twee keer in hetzelfde object; haal er één weg",
    )
    assert stj("onderzoek", "lijst", "--json").json() == []
