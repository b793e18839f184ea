"""Markdown reports show what people typed as text (issue 20): respondents' toelichtingen,
organisation names and the inspector's own findings, LET OP's and conclusions with raw HTML,
javascript links and Markdown formatting come out escaped in `stj beoordeel --formaat md`, for
the factsheet, the nota and the themarapport alike; the escaping itself is exact."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from beoordeling.markdown import cel, ontsnap

DATA = Path(__file__).parent / "data"
HOSTIEL = (
    "<script>alert(1)</script> <img src=x onerror=alert(2)> [klik](javascript:alert(3)) "
    "**vet** <https://evil.example>"
)
# Markup that would act: not preceded by the backslash that makes it text.
GEVAARLIJK = re.compile(r"(?<!\\)(<script|<img|<https://evil|\[klik|\]\(javascript:)")


def _hostiel_bestand(naam: str) -> Any:
    """A data file in which every toelichting and organisation carries hostile text."""
    data = json.loads((DATA / naam).read_text(encoding="utf-8"))
    for n, r in enumerate(data["respondenten"]):
        if r.get("organisatie"):
            r["organisatie"] = f"{HOSTIEL} {n}"
        for antwoord in r["antwoorden"].values():
            if "toelichting" in antwoord:
                antwoord["toelichting"] = HOSTIEL
    return data


def _md(stj: Any, tmp_path: Path, onderzoek: str) -> str:
    uit = tmp_path / f"{onderzoek}.md"
    resultaat = stj("beoordeel", onderzoek, "--formaat", "md", "--uit", str(uit))
    assert resultaat.code == 0, resultaat.err
    return uit.read_text(encoding="utf-8")


def _importeer(stj: Any, tmp_path: Path, data: Any) -> str:
    pad = tmp_path / "hostiel.json"
    pad.write_text(json.dumps(data), encoding="utf-8")
    uit = stj("import", str(pad), "--json")
    assert uit.code == 0, uit.err
    return str(uit.json()["id"])


def test_factsheet_in_markdown_ontsnapt_alles(stj: Any, tmp_path: Path) -> None:
    onderzoek = _importeer(
        stj, tmp_path, _hostiel_bestand("leeuwarden-interventieteam-gezinnen.json")
    )
    assert stj("oordeel", onderzoek, "sw-afspraken", "--oordeel", "verbeterpunt",
               "--tekst", HOSTIEL).code == 0  # fmt: skip
    assert stj("let-op", onderzoek, "ap-niet-loslaten", HOSTIEL).code == 0
    assert stj("conclusie", onderzoek, "Samenwerking", "--kan-beter", HOSTIEL).code == 0
    uit = stj("citeer", onderzoek, "tl-omschrijving")
    for nummer in re.findall(r"^\s*(\d+)\b", uit.out, re.MULTILINE)[:1]:
        stj("citeer", onderzoek, "tl-omschrijving", nummer)
    md = _md(stj, tmp_path, onderzoek)
    assert not GEVAARLIJK.search(md), GEVAARLIJK.search(md)
    assert md.count("\\<script\\>alert(1)\\</script\\>") >= 3  # the texts are there, as text
    assert "\\*\\*vet\\*\\*" in md


def test_nota_in_markdown_ontsnapt_alles(stj: Any, tmp_path: Path) -> None:
    onderzoek = _importeer(stj, tmp_path, _hostiel_bestand("zwolle-bemoeizorg-jeugd.json"))
    assert stj("oordeel", onderzoek, "cg-probleemanalyse", "--oordeel", "verbeterpunt",
               "--tekst", HOSTIEL).code == 0  # fmt: skip
    md = _md(stj, tmp_path, onderzoek)
    assert not GEVAARLIJK.search(md), GEVAARLIJK.search(md)
    assert "\\<script\\>" in md


def test_themarapport_in_markdown_ontsnapt_alles(stj: Any, tmp_path: Path) -> None:
    nieuw = stj("onderzoek", "nieuw", "--gemeente", "Bergen", "--aanpak", HOSTIEL[:200],
                "--kader", "wijkteams", "--json")  # fmt: skip
    assert nieuw.code == 0, nieuw.err
    onderzoek = str(nieuw.json()["id"])
    assert stj("oordeel", onderzoek, "tt-dialoog", "--oordeel", "verbeterpunt",
               "--tekst", HOSTIEL).code == 0  # fmt: skip
    assert stj("eindoordeel", onderzoek, "--onvoldoende", "--tekst", HOSTIEL).code == 0
    md = _md(stj, tmp_path, onderzoek)
    assert not GEVAARLIJK.search(md), GEVAARLIJK.search(md)
    assert "\\<script\\>" in md


@pytest.mark.parametrize(
    ("tekst", "markdown"),
    [
        ("<b>x</b> & y", "\\<b\\>x\\</b\\> \\& y"),
        ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
        ("# kop", "\\# kop"),
        (
            "regel\n> citaat\n- punt\n1. eerste\n---",
            "regel\n\\> citaat\n\\- punt\n1\\. eerste\n\\---",
        ),
        ("58.400 inwoners, -3 graden, #1", "58.400 inwoners, -3 graden, #1"),
        ("a|b `c` ~d~ *e* _f_ \\", "a\\|b \\`c\\` \\~d\\~ \\*e\\* \\_f\\_ \\\\"),
    ],
)
def test_ontsnappen(tekst: str, markdown: str) -> None:
    assert ontsnap(tekst) == markdown
    assert ontsnap(ontsnap(tekst)) == markdown  # once escaped, never twice


def test_een_tabelcel() -> None:
    assert cel("a | b\nc <i>") == "a \\| b<br>c \\<i\\>"
