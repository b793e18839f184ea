"""What the issue asks of findings as a whole: the gemeente's own toelichtingen carry into the
concept finding of their indicator, and a name a client typed into an anonymous role's
toelichting reaches no report format, however an inspector tries to quote it."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from beoordeling import compileer, laad_beoordelingskader
from beoordeling.derde_persoon import Wij, derde_persoon
from vragenlijsten.antwoorden import AntwoordenBestand

DATA = Path(__file__).parent / "data"
GEMEENTE = Wij("de gemeente", "haar", "zij")
NAAM = "Anna de Vries"


def _gewoon(tekst: str) -> str:
    return " ".join(tekst.split()).rstrip(".").casefold()


@pytest.mark.parametrize(
    "naam",
    [
        "leeuwarden-interventieteam-gezinnen.json",
        "leeuwarden-voorwaardelijke-interventie-gezinnen.json",
    ],
)
def test_elke_toelichting_van_de_gemeente_staat_in_de_bevinding(naam: str) -> None:
    kader = laad_beoordelingskader("beleidsniveau")
    bestand = AntwoordenBestand.model_validate_json((DATA / naam).read_text(encoding="utf-8"))
    b = compileer(kader, bestand)
    gemeente = next(r for r in bestand.respondenten if r.rol == "gemeente")
    toelichtingen = {
        i: a.toelichting
        for i, a in gemeente.antwoorden.items()
        if a.toelichting and kader.indicator(i) is not None
    }
    gedragen = []
    for indicator, tekst in toelichtingen.items():
        bevinding = _gewoon(b.oordeel(indicator).bevinding)
        vormen = [tekst, derde_persoon(tekst, GEMEENTE) or tekst]
        # Said once where the finding compares the same words as the doelgroep description.
        vormen.append(
            next(
                (
                    r.antwoorden["doelgroep-omschrijving"].waarde
                    for r in [gemeente]
                    if "doelgroep-omschrijving" in r.antwoorden
                ),
                tekst,
            )
        )
        if any(_gewoon(str(v)) in bevinding for v in vormen):
            gedragen.append(indicator)
    assert len(toelichtingen) >= 25
    assert gedragen == list(toelichtingen)


def _wijkteams(tmp_path: Path) -> Path:
    geheim = f"Ik ben {NAAM}, moeder van Sem (7); niemand vroeg wat wij nodig hadden."
    data = {
        "formaat": "stj-antwoorden/1",
        "onderzoek": {"gemeente": "Teststad", "aanpak": "Wijkteam Oost", "kader": "wijkteams"},
        "respondenten": [
            {
                "rol": "wijkteam",
                "organisatie": "Wijkteam Oost",
                "antwoorden": {
                    "tt-dialoog": {
                        "waarde": "ja",
                        "toelichting": "Wij vragen ouders altijd wat zij willen.",
                    }
                },
            },
            {
                "rol": "client",
                "casus": "gezin A",
                "antwoorden": {
                    "toestemming": {"waarde": "ja"},
                    "tt-dialoog": {"waarde": "nee", "toelichting": geheim},
                    "tt-leefgebieden": {"waarde": "nee", "toelichting": geheim},
                },
            },
        ],
    }
    pad = tmp_path / "wijkteam.json"
    pad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return pad


def test_een_naam_in_een_anonieme_toelichting_komt_in_geen_rapport(
    stj: Any, tmp_path: Path
) -> None:
    assert stj("import", str(_wijkteams(tmp_path))).code == 0
    uit = stj("citeer", "1", "tt-dialoog", "2")
    assert (uit.code, uit.err) == (
        1,
        "fout: een cliënt wordt nooit geciteerd: rapporten noemen deze rol alleen anoniem\n",
    )
    # Not even offered: the list of quotable toelichtingen leaves the client out.
    assert NAAM not in stj("citeer", "1", "tt-dialoog").out
    for formaat in ("html", "md", "json"):
        rapport = stj("beoordeel", "1", "--formaat", formaat, "--uit", "-")
        assert rapport.code == 0 and NAAM not in rapport.out, formaat
        assert "Sem" not in rapport.out
    pdf = tmp_path / "r.pdf"
    assert stj("beoordeel", "1", "--formaat", "pdf", "--uit", str(pdf)).code == 0
    if shutil.which("pdftotext"):
        tekst = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "Wijkteam Oost" in tekst and NAAM not in tekst
    # The team is the audited party: its own words are part of the finding.
    json_rapport = json.loads(stj("beoordeel", "1", "--formaat", "json", "--uit", "-").out)
    dialoog = next(i for i in json_rapport["indicatoren"] if i["id"] == "tt-dialoog")
    assert dialoog["bevinding"].startswith("Het wijkteam vraagt ouders altijd wat zij willen.")
