"""Documents, dossier findings, interviews and a finding's parts end to end on the command line,
through storage on SQLite and PostgreSQL: what the inspector records changes the verdict and the
text, round-trips through the answers file, is in the audit log, and vaststellen names what is
still open."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import Uitvoer

DATA = Path(__file__).parent / "data"
ITG = DATA / "leeuwarden-interventieteam-gezinnen.json"
ZWOLLE = DATA / "zwolle-bemoeizorg-jeugd.json"
AFSPRAKEN = "Samenwerkingsafspraken uitvoering Amaryllisplan"


def _zonder(pad: Path, tmp: Path, *sleutels: str) -> Path:
    """The answers file without the inspector's evidence (as a questionnaire round gives it)."""
    data = json.loads(pad.read_text(encoding="utf-8"))
    for sleutel in sleutels:
        data.pop(sleutel, None)
    uit = tmp / pad.name
    uit.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return uit


def _indicator(stj: Any, onderzoek: str, indicator: str) -> dict[str, Any]:
    uit = stj("beoordeel", onderzoek, "--formaat", "json", "--uit", "-")
    assert uit.code == 0, uit.err
    data = json.loads(uit.out)
    return next(i for i in data["indicatoren"] if i["id"] == indicator)


def _fout(uit: Uitvoer) -> str:
    assert uit.code == 1, uit
    return uit.err.strip()


def test_documenten_lezen_verandert_oordeel_en_bevinding(stj: Any, tmp_path: Path) -> None:
    assert stj("import", str(_zonder(ITG, tmp_path, "documenten"))).code == 0
    afspraken = _indicator(stj, "1", "sw-afspraken")
    assert afspraken["oordeel"] == "voldoet"
    assert afspraken["reden"].endswith("; genoemd, nog niet gelezen).")
    assert afspraken["documenten"] == [{"titel": AFSPRAKEN, "steun": None}]
    # Vaststellen while named documents are unread asks for confirmation.
    melding = _fout(stj("vaststellen", "1"))
    assert melding.startswith("fout: nog niet alles is af: 6 genoemd(e) document(en) nog niet ")
    assert melding.endswith("; stel toch vast met --toch")
    notitie = "Alleen zorgaanbieders tekenden; politie en onderwijs ontbreken."
    uit = stj(
        "document",
        "lees",
        "1",
        AFSPRAKEN.lower(),
        "sw-afspraken",
        "--steun",
        "deels",
        "--notitie",
        notitie,
    )
    assert uit.code == 0, uit.err
    afspraken = _indicator(stj, "1", "sw-afspraken")
    assert (afspraken["oordeel"], afspraken["documenten"][0]["steun"]) == (
        "verbeterpunt",
        "steunt_deels",
    )
    assert afspraken["bevinding"].startswith(notitie)
    lijst = stj("document", "bewijs", "1", "--json").json()
    gelezen = next(d for d in lijst if d["titel"] == AFSPRAKEN)
    assert gelezen["status"] == "gelezen" and gelezen["lezingen"]["sw-afspraken"]["steun"] == (
        "steunt_deels"
    )
    assert stj("document", "nieuw", "1", "Jaarverslag 2012", "--status", "opgevraagd").code == 0
    # Mistakes are one Dutch line.
    assert _fout(stj("document", "lees", "1", AFSPRAKEN, "xx-geen", "--steun", "steunt")) == (
        "fout: indicator 'xx-geen' bestaat niet in kader beleidsniveau"
    )
    assert _fout(stj("document", "nieuw", "1", "  ")) == "fout: geef de titel van het document"
    # The readings round-trip through the answers file into a new onderzoek.
    export = tmp_path / "uit.json"
    assert stj("export", "1", "--formaat", "json", "--uit", str(export)).code == 0
    data = json.loads(export.read_text(encoding="utf-8"))
    assert [d["titel"] for d in data["documenten"]] == [AFSPRAKEN, "Jaarverslag 2012"]
    assert stj("onderzoek", "sluit", "1").code == 0
    assert stj("import", str(export)).code == 0
    tweede = tmp_path / "tweede.json"
    assert stj("export", "2", "--formaat", "json", "--uit", str(tweede)).code == 0
    assert json.loads(tweede.read_text(encoding="utf-8"))["documenten"] == data["documenten"]
    acties = [r["actie"] for r in stj("audit", "--json").json()]
    assert {"document lees", "document nieuw"} <= set(acties)
    # Confirmed: vastgesteld, and the audit log says what was still open.
    assert stj("vaststellen", "2", "--toch").code == 0
    log = stj("audit", "--onderzoek", "2", "--json").json()
    vast = next(r for r in log if r["actie"] == "vaststellen")
    assert vast["details"].startswith("vastgesteld hoewel 5 genoemd(e) document(en)")


def test_dossierbevindingen_beslissen_per_gezin(stj: Any, tmp_path: Path) -> None:
    assert stj("import", str(ZWOLLE)).code == 0
    # The interviews and findings round-trip.
    export = tmp_path / "z.json"
    assert stj("export", "1", "--formaat", "json", "--uit", str(export)).code == 0
    data = json.loads(export.read_text(encoding="utf-8"))
    origineel = json.loads(ZWOLLE.read_text(encoding="utf-8"))
    assert data["dossier"] == origineel["dossier"]
    assert [r["bron"] for r in data["respondenten"]] == [
        r["bron"] for r in origineel["respondenten"]
    ]
    assert "gezin 1 · ca-plan · nee: Er is een digitaal dossier" in stj("dossier", "lijst", "1").out
    notitie = "In het dossier staat geen analyse van de problemen van de vader."
    uit = stj("dossier", "zet", "1", "gezin 1", "ca-analyse", "--nee", "--notitie", notitie)
    assert uit.code == 0, uit.err
    analyse = _indicator(stj, "1", "ca-analyse")
    assert analyse["per_casus"] == {
        "gezin 1": "verbeterpunt",
        "gezin 2": "voldoet",
        "gezin 3": "voldoet",
    }
    assert f"Gezin 1: {notitie[0].lower()}{notitie[1:]}" in analyse["bevinding"]
    assert stj("dossier", "zet", "1", "gezin 1", "ca-analyse", "--wis").code == 0
    assert _indicator(stj, "1", "ca-analyse")["per_casus"]["gezin 1"] == "voldoet"
    assert _fout(stj("dossier", "zet", "1", "Familie Jansen", "ca-plan", "--ja")).startswith(
        "fout: casus 'Familie Jansen' kan een naam of adres bevatten"
    )


def test_dossierbevinding_hoort_bij_een_kader_met_gezinnen(stj: Any) -> None:
    assert stj("import", str(ITG)).code == 0
    assert _fout(stj("dossier", "zet", "1", "gezin 1", "sw-regie", "--ja")) == (
        "fout: kader beleidsniveau kent geen dossierstudie; dossierbevindingen horen bij een "
        "kader met gezinnen (casussen)"
    )


def test_interview_als_bron(stj: Any, tmp_path: Path) -> None:
    assert stj("import", str(ITG)).code == 0
    antwoorden = tmp_path / "politie.json"
    antwoorden.write_text(
        json.dumps(
            {
                "tl-omschrijving": {
                    "waarde": "nee",
                    "toelichting": "Wij gebruiken een eigen definitie.",
                },
                "tl-aanmeldpunt": {"waarde": "ja"},
            }
        ),
        encoding="utf-8",
    )
    uit = stj(
        "interview",
        "nieuw",
        "1",
        "--rol",
        "netwerkpartner",
        "--organisatie",
        "Politie",
        "--datum",
        "2013-06-20",
        "--door",
        "A. de Vries",
        "--antwoorden",
        str(antwoorden),
        "--afgerond",
    )
    assert uit.code == 0, uit.err
    assert uit.out.startswith("interview 5 (netwerkpartner · Politie) in onderzoek 1: 2 antw")
    status = stj("status", "1", "--json").json()
    politie = next(r for r in status["respondenten"] if r["organisatie"] == "Politie")
    assert (politie["status"], politie["interview"]) == (
        "ingediend",
        "interview 20-06-2013, A. de Vries",
    )
    omschrijving = _indicator(stj, "1", "tl-omschrijving")
    # The interview counts as a partner's answer, anonymously, and the finding says so.
    assert omschrijving["let_op"][0].startswith("Eén netwerkpartner geeft aan dat dit niet zo is")
    assert "Politie" not in omschrijving["bevinding"]
    assert any(d["bron"] == "antwoorden en interviews" for d in omschrijving["delen"])
    pad = tmp_path / "export.json"
    assert stj("export", "1", "--formaat", "json", "--uit", str(pad)).code == 0
    export = json.loads(pad.read_text(encoding="utf-8"))
    politie_export = next(r for r in export["respondenten"] if r.get("organisatie") == "Politie")
    assert politie_export["bron"] == {
        "soort": "interview",
        "datum": "2013-06-20",
        "door": "A. de Vries",
    }
    fout = tmp_path / "fout.json"
    fout.write_text(json.dumps({"tl-omschrijving": {"waarde": "misschien"}}), encoding="utf-8")
    assert _fout(stj("interview", "antwoorden", "5", str(fout))).startswith(
        "fout: vraag 'tl-omschrijving': "
    )
    assert _fout(stj("interview", "antwoorden", "2", str(fout))) == (
        "fout: uitnodiging 2 is geen interview: deze respondent vult de vragenlijst zelf in"
    )


def test_citeren_alleen_wie_geciteerd_mag_worden(stj: Any) -> None:
    assert stj("import", str(ITG)).code == 0
    assert _fout(stj("citeer", "1", "tl-omschrijving", "1")) == (
        "fout: de toelichting van de gemeente staat al in de bevinding; pas de bevinding zelf "
        "aan als de tekst anders moet"
    )
    assert stj("citeer", "1", "tl-omschrijving", "2").code == 0


def test_delen_van_de_bevinding(stj: Any) -> None:
    assert stj("import", str(ITG)).code == 0
    delen = stj("bevinding", "1", "gc-eigen-kracht").out
    assert "[toelichting] toelichting van de gemeente" in delen
    assert "[antwoorden] antwoorden" in delen
    assert stj("bevinding", "1", "gc-eigen-kracht", "antwoorden", "--weg").code == 0
    eigen = "De gemeente wil dat gezinnen weer zelf de regie nemen."
    assert stj("bevinding", "1", "gc-eigen-kracht", "toelichting", "--tekst", eigen).code == 0
    io = _indicator(stj, "1", "gc-eigen-kracht")
    assert io["bevinding"].split("\n")[0] == eigen
    assert "Alle ondervraagden" not in io["bevinding"]
    assert {d["deel"]: d.get("weggelaten", False) for d in io["delen"]}["antwoorden"]
    # The concept marks each part's source; the vastgesteld report is clean.
    concept = stj("beoordeel", "1", "--formaat", "md", "--uit", "-").out
    assert f"{eigen} *(toelichting van de gemeente, bewerkt door de inspecteur)*" in concept
    assert stj("vaststellen", "1", "--toch").code == 0  # without wederhoor: confirmed
    vast = stj("beoordeel", "1", "--formaat", "md", "--uit", "-").out
    assert eigen in vast and "*(toelichting van de gemeente" not in vast
    vast_json = _indicator(stj, "1", "gc-eigen-kracht")
    assert "delen" not in vast_json and vast_json["bevinding"].startswith(eigen)
    assert _fout(stj("bevinding", "1", "gc-eigen-kracht", "antwoorden", "--herstel")).startswith(
        "fout: de beoordeling van onderzoek 1 is vastgesteld"
    )
