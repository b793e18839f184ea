"""The whole report in the tool (issue 22), through the command line: the Zwolle nota (seed 000),
the Bergen op Zoom themarapport (seed 001) and the Leeuwarden factsheet (seed 002) from the
calibration answers plus the inspector's texts written with `stj hoofdstuk`, vastgesteld, in
HTML, Markdown, PDF and JSON, each with every chapter of its seed; the drafts made from the
data; the chapters' history and read-only once vastgesteld; and a vastgesteld report without any
mark of how it came about."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from beoordeling.indeling import Termijn
from beoordeling.taal import datum
from tests.hoofdstukteksten import BERGEN, LEEUWARDEN, ZWOLLE

DATA = Path(__file__).parent / "data"

# Every chapter of seed 000 (its table of contents), as our nota numbers and names it; "3.1",
# "4.1" … are the strongest patterns, whose titles follow from the verdicts.
SEED_000 = [
    "Voorwoord",
    "Inhoudsopgave",
    "1 Inleiding",
    "1.1 Gezinnen met geringe sociale redzaamheid",
    "1.2 Bemoeizorg Jeugd",
    "1.3 Toezichtonderzoek STJ",
    "1.4 Leeswijzer",
    "1.5 Verantwoording en vervolg",
    "2 Typering van de aanpak Bemoeizorg Jeugd",
    "2.1 Gezinnen in de aanpak",
    "2.2 Aanmelding",
    "2.3 Doel van de aanpak",
    "2.4 Regie",
    "2.5 Betrokken partijen",
    "2.6 Voorgenomen werkwijze binnen de aanpak",
    "3 Wat gaat goed?",
    "3.1 De juiste gezinnen, op tijd",
    "4 Wat kan beter?",
    "4.1 Geen één gezin, één plan, één regisseur",
    "5 Algemene conclusie en aanbevelingen",
    "5.1 Algemene conclusie",
    "5.2 Aanbevelingen",
    "6 Impressie leerbijeenkomst",
    "6.1 Vervolg",
    "Bijlage 1: Beoordeling indicatoren toetsingskader",
]
# Every chapter of seed 001, with the kader's themes for its three 1G1P1R chapters.
SEED_001 = [
    "Samenvatting",
    "Inhoudsopgave",
    "1 Inleiding",
    "1.1 Aanleiding",
    "1.2 Het onderzoek",
    "1.3 Leeswijzer",
    "2 Het lokale netwerk in Bergen op Zoom",
    "2.1 Visie op het sociaal domein",
    "2.2 Toegang",
    "2.3 Het wijkteam",
    "2.4 Afspraken met netwerkpartners",
    "2.5 Op- en afschalen naar drang en dwang",
    "3 Toeleiding en toegang",
    "3.1 Verwachting",
    "3.2 Beleid",
    "3.3 Praktijk",
    "3.3.1 Bevindingen inspecties",
    "3.3.2 Risico's",
    "3.3.3 Verklaringen",
    "3.4 Conclusie",
    "4 In Zorg",
    "4.3.3 Verklaringen",
    "4.4 Conclusie",
    "5 Borgen van samenhang in het lokale stelsel",
    "6 Eindoordeel en vervolg",
    "6.1 Algemeen",
    "6.2 Onderbouwing",
    "6.3 Kansen",
    "6.4 Vervolg",
    "Bijlage 1: Toezichtkader Stelseltoezicht Jeugd/Sociaal Domein, uitgewerkt voor het "
    "toezicht wijkteams",
    "Bijlage 2: Geraadpleegde bronnen bij dit onderzoek",
]
# Every chapter of seed 002, per aanpak.
SEED_002 = [
    "Context Leeuwarden",
    "Aanpak: Interventieteam Gezinnen",
    "Wie meewerkten",
    "Beschrijving",
    "Bevindingen toezichtonderzoek",
    "Conclusie",
    "Wat gaat goed?",
    "Wat kan beter?",
    "Aanpak: Voorwaardelijke Interventie Gezinnen",
]
# What no vastgesteld report may show: who changed what and when, the rule's grounds, where a
# part of a finding came from, drafts and what is still to write, the rule's proposal.
CONCEPTMERKEN = (
    "oordeel inspecteur",
    "bewerkt door",
    "conclusie inspecteur",
    "eindoordeel van de inspecteur",
    "Grond",
    "Opzet uit de gegevens",
    "Nog te schrijven",
    "Geschreven door",
    "Voorstel van de beslisregel",
    "(toelichting van",
    "(antwoorden",
    "(dossier",
    "(document",
    "concept",
    "inspecteur (cli)",
    "B. Jansen",
)


# One date style: "7 december 2026" or "december 2026", never "December 2026" or 07-12-2026.
MAAND_MET_HOOFDLETTER = (
    r"\b(Januari|Februari|Maart|April|Mei|Juni|Juli|Augustus|September|Oktober|November|"
    r"December) \d{4}"
)


class _Koppen(HTMLParser):
    """The headings of an HTML report, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.koppen: list[str] = []
        self._in = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self._in = True
            self.koppen.append("")

    def handle_endtag(self, tag: str) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self._in = False

    def handle_data(self, data: str) -> None:
        if self._in:
            self.koppen[-1] += data


def koppen_html(html: str) -> list[str]:
    lezer = _Koppen()
    lezer.feed(html)
    return [" ".join(k.split()) for k in lezer.koppen]


def koppen_md(md: str) -> list[str]:
    return [r.lstrip("#").strip() for r in md.splitlines() if re.match(r"#{1,6} ", r)]


def koppen_json(data: dict[str, Any]) -> list[str]:
    def loop(stukken: list[dict[str, Any]]) -> list[str]:
        uit = []
        for s in stukken:
            nummer = s["nummer"]
            kop = (
                f"{nummer}: {s['titel']}"
                if nummer.startswith("Bijlage")
                else f"{nummer} {s['titel']}"
            )
            uit.append(kop.strip())
            uit += [f"{o['nummer']} {o['titel']}" for o in s.get("onderwerpen", [])]
            uit += loop(s.get("onderdelen", []))
        return uit

    return loop(data["indeling"])


def pdf_tekst(pdf: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext ontbreekt (Debian-pakket poppler-utils)")
    uit = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(uit.stdout.decode("utf-8").split())


def in_volgorde(verwacht: list[str], gevonden: list[str]) -> list[str]:
    """What of `verwacht` is missing from `gevonden`, or out of order."""
    mist, plek = [], 0
    for kop in verwacht:
        try:
            plek = gevonden.index(kop, plek) + 1
        except ValueError:
            mist.append(kop)
    return mist


def _importeer(stj: Any, bestand: str) -> str:
    uit = stj("import", str(DATA / bestand), "--json")
    assert uit.code == 0, uit.err
    return str(uit.json()["id"])


def _schrijf(stj: Any, tmp_path: Path, onderzoek: str, teksten: dict[str, str]) -> None:
    for naam, tekst in teksten.items():
        pad = tmp_path / f"{naam}.txt"
        pad.write_text(tekst, encoding="utf-8")
        uit = stj("hoofdstuk", onderzoek, naam, "--bestand", str(pad))
        assert (uit.code, uit.out) == (
            0,
            f"hoofdstuk {naam} van onderzoek {onderzoek} geschreven\n",
        )


def _rapporten(stj: Any, tmp_path: Path, *onderzoeken: str) -> dict[str, Any]:
    uit: dict[str, Any] = {}
    for formaat in ("html", "md", "pdf", "json"):
        if formaat == "json" and len(onderzoeken) > 1:
            continue
        pad = tmp_path / f"rapport.{formaat}"
        gedaan = stj("beoordeel", *onderzoeken, "--formaat", formaat, "--uit", str(pad))
        assert gedaan.code == 0, gedaan.err
        uit[formaat] = pad.read_bytes() if formaat == "pdf" else pad.read_text("utf-8")
    return uit


def _zelfde_hoofdstukken(rapport: dict[str, Any]) -> None:
    """HTML and Markdown carry the same chapters, in the same order (the HTML's legend and the
    Markdown's closing line aside)."""
    html = [k for k in koppen_html(rapport["html"]) if k != "Legenda"]
    assert html[1:] == koppen_md(rapport["md"])[1:]  # the title is set apart in HTML


def _schoon(rapport: dict[str, Any]) -> None:
    """No concept mark in any format, and one date style."""
    teksten = {f: (pdf_tekst(r) if f == "pdf" else r) for f, r in rapport.items()}
    for formaat, tekst in teksten.items():
        zonder_opmaak = re.sub(r"<style>.*?</style>", "", tekst, flags=re.S)
        for merk in CONCEPTMERKEN:
            # As a word: "Amaryllisconcept" is the name of a policy, not a concept mark.
            patroon = r"(?<!\w)" + re.escape(merk) + r"(?!\w)"
            assert not re.search(patroon, zonder_opmaak, re.IGNORECASE), (formaat, merk)
        assert not re.search(r"\b\d{2}-\d{2}-\d{4}\b", zonder_opmaak), formaat
        assert not re.search(MAAND_MET_HOOFDLETTER, zonder_opmaak), formaat
    if "json" in rapport:
        tekst = rapport["json"]
        for sleutel in ('"aanpassing"', '"delen"', '"opzet"', '"aanwijzing"', '"grond"', '"bron"'):
            assert sleutel not in tekst, sleutel


def test_de_nota_van_zwolle_met_elk_hoofdstuk_van_seed_000(stj: Any, tmp_path: Path) -> None:
    onderzoek = _importeer(stj, "zwolle-bemoeizorg-jeugd.json")
    lijst = stj("hoofdstuk", onderzoek).out
    assert "voorwoord" in lijst and "nog te schrijven" in lijst and "opzet uit de gegevens" in lijst
    # The werkwijze's draft says what was done, from the interviews and the dossier study.
    werkwijze = stj("hoofdstuk", onderzoek, "werkwijze").out
    assert werkwijze.startswith(
        "Onderzocht is de zorg en ondersteuning aan drie gezinnen uit de aanpak Bemoeizorg "
        "Jeugd. Er zijn interviews gehouden met drie ouders, drie regisseurs en negen "
        "professionals tussen 11 februari en 4 maart 2014. De dossiers van drie gezinnen zijn "
        "bestudeerd."
    )
    _schrijf(stj, tmp_path, onderzoek, ZWOLLE)
    # Every chapter has text now: vaststellen names only that the concept did not go to the
    # gemeente (this test has no wederhoor), and goes on when confirmed.
    assert stj("vaststellen", onderzoek).err == (
        "fout: nog niet alles is af: het concept is niet aan de gemeente voorgelegd (geen "
        "wederhoor); stel toch vast met --toch\n"
    )
    assert stj("vaststellen", onderzoek, "--toch").code == 0
    rapport = _rapporten(stj, tmp_path, onderzoek)
    assert not in_volgorde(SEED_000, koppen_html(rapport["html"]))
    assert not in_volgorde(SEED_000, koppen_md(rapport["md"]))
    assert not in_volgorde(SEED_000, koppen_json(json.loads(rapport["json"])))
    pdf = pdf_tekst(rapport["pdf"])
    assert all(kop in pdf for kop in SEED_000[2:]), [k for k in SEED_000 if k not in pdf]
    for tekst in (rapport["html"], rapport["md"], pdf):
        assert "Heroverweeg de rol van drang en dwang" in tekst
        assert "Op 3 juni 2014 zijn de bevindingen gepresenteerd" in tekst
    # The follow-up has a real date: a year after vaststelling.
    data = json.loads(rapport["json"])
    vervolg = Termijn(maanden=12).na(dt.date.fromisoformat(data["datum"]))
    assert f"STJ vóór {datum(vervolg)} te laten weten" in rapport["md"]
    _zelfde_hoofdstukken(rapport)
    _schoon(rapport)


def test_het_themarapport_van_bergen_op_zoom_met_elk_hoofdstuk_van_seed_001(
    stj: Any, tmp_path: Path
) -> None:
    onderzoek = _importeer(stj, "bergen-op-zoom-wijkteam.json")
    _schrijf(stj, tmp_path, onderzoek, BERGEN)
    # The eindoordeel is the inspector's; until given, vaststellen says so.
    nog = stj("vaststellen", onderzoek)
    assert nog.code == 1 and "het eindoordeel is nog het voorstel van de beslisregel" in nog.err
    assert "1 hoofdstuk(ken) nog niet geschreven: ‘Verklaringen (Borgen van samenhang" in nog.err
    assert stj("eindoordeel", onderzoek, "--onvoldoende").code == 0
    assert stj("vaststellen", onderzoek, "--toch").code == 0
    rapport = _rapporten(stj, tmp_path, onderzoek)
    for koppen in (
        koppen_html(rapport["html"]),
        koppen_md(rapport["md"]),
        koppen_json(json.loads(rapport["json"])),
    ):
        assert not in_volgorde(SEED_001, koppen)
        # Borgen has nothing to explain and no text for it: left out of the public version.
        assert "5.3.3 Verklaringen" not in koppen
    pdf = pdf_tekst(rapport["pdf"])
    assert all(k in pdf for k in SEED_001[2:-2]), [k for k in SEED_001 if k not in pdf]
    for tekst in (rapport["html"], rapport["md"], pdf):
        assert "Een eerste verklaring is dat het CJG vooral gericht is op" in tekst
        assert "nog niet voldoende is en verbeterd moet worden" in tekst
    md = rapport["md"]
    # Bijlage 2 counted by function, the local network in the gemeente's words, attributed.
    assert "- 9 medewerkers van het wijkteam" in md and "- 2 huisartsen" in md
    assert "De gemeente schrijft hierover: “Inwoners kunnen bij verschillende loketten" in md
    # The improvement plan by a real date: six weeks after vaststelling, the first of a month.
    data = json.loads(rapport["json"])
    plan = Termijn(weken=6, afronden=True).na(dt.date.fromisoformat(data["datum"]))
    assert plan.day == 1 and f"vernemen graag vóór {datum(plan)} welke verbeteringen" in md
    assert data["themarapport"]["eindoordeel"]["voldoende"] is False
    assert "onderbouwing" not in data["themarapport"]["eindoordeel"]  # the count: concept only
    _zelfde_hoofdstukken(rapport)
    _schoon(rapport)


def test_de_factsheet_van_leeuwarden_met_elk_hoofdstuk_van_seed_002(
    stj: Any, tmp_path: Path
) -> None:
    ig = _importeer(stj, "leeuwarden-interventieteam-gezinnen.json")
    vig = _importeer(stj, "leeuwarden-voorwaardelijke-interventie-gezinnen.json")
    _schrijf(stj, tmp_path, ig, LEEUWARDEN)
    for n in (ig, vig):
        assert stj("vaststellen", n, "--toch").code == 0
    rapport = _rapporten(stj, tmp_path, ig, vig)
    verwacht = SEED_002 + SEED_002[2:6]
    assert not in_volgorde(verwacht, koppen_html(rapport["html"]))
    assert not in_volgorde(verwacht, koppen_md(rapport["md"]))
    pdf = pdf_tekst(rapport["pdf"])
    for tekst in (rapport["html"], rapport["md"], pdf):
        assert "Sinds 2008 wordt welzijn en zorg in Leeuwarden anders georganiseerd" in tekst
        assert "Het interventieteam gezinnen bestaat uit werkers van verschillende" in tekst
        # The second aanpak keeps the gemeente's own description, said to be hers.
        assert "De gemeente beschrijft de aanpak zo:" in tekst
        assert "verwacht vóór" in tekst and "een rapportage over de voortgang" in tekst
    _zelfde_hoofdstukken(rapport)
    _schoon(rapport)


def test_een_hoofdstuk_met_zijn_historie_en_alleen_lezen_na_vaststellen(
    stj: Any, tmp_path: Path
) -> None:
    onderzoek = _importeer(stj, "zwolle-bemoeizorg-jeugd.json")
    _schrijf(stj, tmp_path, onderzoek, {"voorwoord": "Eerste versie."})
    zelfde = stj("hoofdstuk", onderzoek, "voorwoord", "--bestand", str(tmp_path / "voorwoord.txt"))
    assert "was al zo; niets veranderd" in zelfde.out
    assert stj("hoofdstuk", onderzoek, "voorwoord", "--wis", "--door", "B. Jansen").code == 0
    historie = stj("hoofdstuk", onderzoek, "voorwoord", "--historie").out.splitlines()
    assert len(historie) == 2
    assert historie[0].endswith("· inspecteur (cli) · 2 woorden")
    assert historie[1].endswith("· B. Jansen · terug naar de opzet")
    onbekend = stj("hoofdstuk", onderzoek, "nawoord", "--wis")
    assert onbekend.code == 1
    assert onbekend.err.startswith("fout: hoofdstuk 'nawoord' schrijft de inspecteur niet")
    assert stj("vaststellen", onderzoek, "--toch").code == 0
    dicht = stj("hoofdstuk", onderzoek, "voorwoord", "--bestand", str(tmp_path / "voorwoord.txt"))
    assert dicht.code == 1 and "is vastgesteld en kan niet meer veranderen" in dicht.err
    audit = stj("audit", "--onderzoek", onderzoek).out
    assert "hoofdstuk" in audit and "voorwoord: terug naar de opzet" in audit


def test_een_te_lange_of_kapotte_tekst(stj: Any, tmp_path: Path) -> None:
    onderzoek = _importeer(stj, "zwolle-bemoeizorg-jeugd.json")
    lang = tmp_path / "lang.txt"
    lang.write_text("woord " * 5000, encoding="utf-8")
    uit = stj("hoofdstuk", onderzoek, "voorwoord", "--bestand", str(lang))
    assert (uit.code, uit.err) == (
        1,
        "fout: de tekst van het hoofdstuk is 29999 tekens lang; maximaal 20000\n",
    )
    binair = tmp_path / "x.txt"
    binair.write_bytes(b"\xff\xfe\x00kapot")
    uit = stj("hoofdstuk", onderzoek, "voorwoord", "--bestand", str(binair))
    assert uit.code == 1 and "geen tekst in UTF-8" in uit.err
