"""Every validation error in a kader's data files names the file, the line, what is wrong and how
to fix it: a folder of the user's (the shipped wijkteams data with one mistake each) is loaded as
the catalogue loads it, and the exact messages are asserted."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from beoordeling.teksten import controleer_teksten
from vragenlijsten.catalogus import kader_mappen, laad_catalogus
from vragenlijsten.laden import KADER_MAP, VragenlijstFout

Wijziging = Callable[[Path], None]


def vervang(bestand: str, oud: str, nieuw: str) -> Wijziging:
    """Replace a text once in one of the files."""

    def wijzig(map_: Path) -> None:
        pad = map_ / bestand
        tekst = pad.read_text(encoding="utf-8")
        assert oud in tekst, oud
        pad.write_text(tekst.replace(oud, nieuw, 1), encoding="utf-8")

    return wijzig


def meldingen(tmp_path: Path, wijzig: Wijziging) -> list[str]:
    """What loading the folder (and checking the report texts) says."""
    map_ = tmp_path / "mijn-kaders"
    shutil.copytree(KADER_MAP / "wijkteams", map_ / "wijkteams")
    wijzig(map_ / "wijkteams")
    try:
        cat = laad_catalogus([map_])
    except VragenlijstFout as fout:
        return fout.meldingen
    return [m for k in cat.kaders.values() for m in controleer_teksten(k)]


GEEN_VERWACHTING = vervang(
    "kader.yaml",
    "    verwachting: >-\n      Het wijkteam weet hoe goed zijn zorg en ondersteuning werkt: het "
    "verzamelt systematisch\n      informatie over kwaliteit en effect, bekijkt samen met zijn "
    "partners de resultaten en de\n      samenhang, en verbetert waar nodig. De ervaringen van "
    "cliënten worden daarbij structureel\n      gebruikt.\n",
    "",
)

GEVALLEN: dict[str, tuple[Wijziging, list[str]]] = {
    "themarapport zonder verwachting": (
        GEEN_VERWACHTING,
        [
            "wijkteams/kader.yaml:173: thema 'Borgen van samenhang in het lokale stelsel': het "
            "rapport is een themarapport, maar 'verwachting' ontbreekt; schrijf in een paar "
            "zinnen wat de inspecties bij dit thema verwachten"
        ],
    ),
    "operationalisering als lijst": (
        vervang(
            "kader.yaml",
            '            operationalisering: "In elk geval moet zichtbaar zijn',
            '            operationalisering:\n              - "In elk geval moet zichtbaar zijn',
        ),
        [
            "wijkteams/kader.yaml:72: indicator 'tt-dialoog': 'operationalisering' moet tekst "
            "zijn; zet de tekst tussen aanhalingstekens"
        ],
    ),
    "onbekend soort bestand": (
        lambda m: (m / "notities.yaml").write_text("# mijn notities\nwat: iets\n"),
        [
            "wijkteams/notities.yaml:2: onbekend soort bestand; begin met 'kader:' (een "
            "toetsingskader), 'vragenlijst:' (een vragenlijst) of 'teksten:' (standaardteksten "
            "van een rapport), zie FORMAAT.md"
        ],
    ),
    "twee kaders met één id": (
        lambda m: shutil.copy(m / "kader.yaml", m / "kader-kopie.yaml"),
        [
            "wijkteams/kader.yaml:5: kader 'wijkteams' staat ook in wijkteams/kader-kopie.yaml; "
            "geef elk kader een eigen id achter 'kader:'"
        ],
    ),
    "twee vragenlijsten voor één rol": (
        lambda m: shutil.copy(m / "client.yaml", m / "client-kopie.yaml"),
        [
            "wijkteams/client.yaml:4: vragenlijst 'client' van kader wijkteams staat ook in "
            "wijkteams/client-kopie.yaml; houd er één"
        ],
    ),
    "beleid_vragen zonder tekstvraag": (
        vervang("kader.yaml", "beleid_vragen: [gm-beleid-zorg]", "beleid_vragen: [iz-doelen]"),
        [
            "wijkteams/kader.yaml:130: thema 'In Zorg': beleid_vragen 'iz-doelen' is geen "
            "tekstvraag in een vragenlijst van dit kader; gebruik het id van een vraag met "
            "type: tekst"
        ],
    ),
    "kapotte YAML in het kader": (
        vervang("kader.yaml", "rapport: themarapport", "rapport: [themarapport"),
        [
            "wijkteams/kader.yaml:54: YAML-fout: expected ',' or ']', but got ':'; "
            "controleer inspringing, dubbele punten en aanhalingstekens op deze regel"
        ],
    ),
    "teksten van een onbekend kader": (
        vervang("teksten.yaml", "teksten: wijkteams", "teksten: wijkteam"),
        ["wijkteams/teksten.yaml:15: teksten: kader 'wijkteam' bestaat niet; kies uit wijkteams"],
    ),
    "tekst zonder tekort": (
        vervang(
            "teksten.yaml",
            '    tekort: "De doelen van de hulp zijn niet geprioriteerd en niet concreet."\n',
            "",
        ),
        [
            "wijkteams/teksten.yaml:68: 'iz-doelen': 'tekort' ontbreekt of is geen tekst; "
            "vul een zin in"
        ],
    ),
    "tekst zonder ontkenning": (
        vervang(
            "teksten.yaml",
            '    niet: "de hulpvraag niet samen met het gezin wordt geformuleerd"\n',
            "",
        ),
        [
            "wijkteams/teksten.yaml:19: 'tt-dialoog': 'niet' ontbreekt of is geen tekst; "
            "vul een zin in"
        ],
    ),
    "dossier zonder gezinnen": (
        vervang("kader.yaml", "    casus: true\n", ""),
        [
            "wijkteams/kader.yaml:49: beslisregel: dossierbevindingen horen bij een casus, maar "
            "geen rol van dit kader heeft 'casus: true'; zet dossier op geen of geef een rol "
            "'casus: true'"
        ],
    ),
    "tekst voor een onbekende indicator": (
        vervang("teksten.yaml", "  tt-dialoog:", "  tt-dialog:"),
        [
            "wijkteams/teksten.yaml:18: 'tt-dialog': indicator bestaat niet in kader wijkteams; "
            "gebruik een indicator-id uit wijkteams/kader.yaml of haal het blok weg"
        ],
    ),
    "eindoordeel zonder gemeente": (
        vervang(
            "teksten.yaml",
            "in de gemeente {gemeente} op dit moment voldoende",
            "in de gemeente op dit moment voldoende",
        ),
        [
            "wijkteams/teksten.yaml:143: teksten, themarapport, eindoordeel: 'voldoende' mist "
            "{gemeente}; zet het waar de naam van de plaats komt"
        ],
    ),
    "teksten zonder themarapport": (
        lambda m: (m / "teksten.yaml").write_text(
            (m / "teksten.yaml").read_text(encoding="utf-8").split("\nthemarapport:")[0] + "\n",
            encoding="utf-8",
        ),
        [
            "wijkteams/teksten.yaml:15: het kader heeft rapport: themarapport, maar dit bestand "
            "heeft geen blok 'themarapport:'; voeg het toe (zie FORMAAT.md)"
        ],
    ),
    # The chapters of the report (issue 22): declared in the texts file, checked at load.
    "indeling met onbekende opzet": (
        vervang("teksten.yaml", "    opzet: samenvatting\n", "    opzet: samenvating\n"),
        [
            "wijkteams/teksten.yaml:181: indeling, hoofdstuk 'samenvatting': opzet 'samenvating' "
            "bestaat niet; kies uit geen, werkwijze, antwoorden, samenvatting, algemene-conclusie, "
            "aanbevelingen, onderbouwing, kansen, bronnen, vervolg, context, beschrijving, "
            "voortgang"
        ],
    ),
    "gegenereerd hoofdstuk op de verkeerde plek": (
        vervang(
            "teksten.yaml",
            "{id: verwachting, titel: Verwachting, soort: gegenereerd, inhoud: verwachting}",
            "{id: verwachting, titel: Verwachting, soort: gegenereerd, inhoud: goed}",
        ),
        [
            "wijkteams/teksten.yaml:271: indeling, hoofdstuk 'verwachting': inhoud 'goed' past "
            "niet binnen een hoofdstuk per thema (themas) van een themarapport; kies uit "
            "verwachting, beleid, bevindingen, risicos, conclusie"
        ],
    ),
    "vervolg zonder datum": (
        vervang(
            "teksten.yaml",
            "De inspecties vernemen graag vóór {datum} welke",
            "De inspecties vernemen graag welke",
        ),
        [
            "wijkteams/teksten.yaml:306: indeling, hoofdstuk 'vervolg': opzet vervolg heeft "
            "'termijn' en een 'zin' met {datum} nodig"
        ],
    ),
    "onbekende plaatshouder in een titel": (
        vervang(
            "teksten.yaml",
            'titel: "Het lokale netwerk in {gemeente}"',
            'titel: "Het lokale netwerk in {plaats}"',
        ),
        [
            "wijkteams/teksten.yaml:231: indeling, hoofdstuk 'lokaal-netwerk': '{plaats}' in "
            "'titel' is onbekend; gebruik aanpak, gemeente, kader"
        ],
    ),
    "twee hoofdstukken met hetzelfde id": (
        vervang("teksten.yaml", "      - id: toegang\n", "      - id: visie\n"),
        [
            "wijkteams/teksten.yaml:242: indeling, hoofdstuk 'visie': dit id staat al in de "
            "indeling; geef elk hoofdstuk een eigen id"
        ],
    ),
    "functie zonder meervoud": (
        vervang("teksten.yaml", "huisarts: [huisarts, huisartsen]", "huisarts: [huisarts]"),
        [
            "wijkteams/teksten.yaml:157: teksten, functies, rol 'partner': 'namen' geeft per "
            "antwoordcode [enkelvoud, meervoud]"
        ],
    ),
    "verwant buiten het thema": (
        vervang("kader.yaml", "verwant: [tt-plan]", "verwant: [iz-doelen]"),
        [
            "wijkteams/kader.yaml:71: indicator 'tt-dialoog': verwant 'iz-doelen' is geen andere "
            "indicator van thema 'Toeleiding en toegang'; kies uit tt-leefgebieden, tt-passend, "
            "tt-plan, tt-veiligheid, tt-zelfredzaamheid"
        ],
    ),
    "contactpersoon die geen rol is": (
        vervang("teksten.yaml", "  contact: gemeente\n", "  contact: wethouder\n"),
        [
            "wijkteams/teksten.yaml:169: teksten, proces, contact: rol 'wethouder' bestaat niet "
            "in kader wijkteams; kies uit wijkteam, gemeente, partner, client"
        ],
    ),
    "termijn van het wederhoor die geen getal is": (
        vervang("teksten.yaml", "  wederhoor: {weken: 2}\n", "  wederhoor: {weken: twee}\n"),
        [
            "wijkteams/teksten.yaml:170: teksten, proces, wederhoor: 'weken' moet een heel getal "
            "van 0 tot 120 zijn"
        ],
    ),
    "themarapport zonder teksten": (
        lambda m: (m / "teksten.yaml").unlink(),
        [
            "wijkteams/kader.yaml:1: kader 'wijkteams': een themarapport heeft standaardteksten "
            "nodig; leg een bestand met 'teksten: wijkteams' en een blok 'themarapport:' naast "
            "het kader (zie FORMAAT.md)"
        ],
    ),
}


@pytest.mark.parametrize("geval", list(GEVALLEN))
def test_precieze_melding(tmp_path: Path, geval: str) -> None:
    wijzig, verwacht = GEVALLEN[geval]
    assert meldingen(tmp_path, wijzig) == verwacht


def test_stj_kaders_wijst_naar_een_map_die_niet_bestaat(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stj: Any
) -> None:
    monkeypatch.setenv("STJ_KADERS", str(tmp_path / "weg"))
    with pytest.raises(VragenlijstFout) as fout:
        kader_mappen()
    assert fout.value.meldingen == [
        f"STJ_KADERS: map '{tmp_path / 'weg'}' bestaat niet; geef een map met kader- en "
        "vragenlijstbestanden, of haal de variabele weg"
    ]
    uit = stj("kader", "lijst")
    assert (uit.code, uit.err) == (1, f"fout: {fout.value.meldingen[0]}\n")


def test_controleer_een_map_met_fouten(tmp_path: Path, stj: Any) -> None:
    map_ = tmp_path / "mijn-kaders"
    shutil.copytree(KADER_MAP / "wijkteams", map_ / "wijkteams")
    GEEN_VERWACHTING(map_ / "wijkteams")
    (map_ / "wijkteams" / "notities.yaml").write_text("wat: iets\n", encoding="utf-8")
    uit = stj("vragenlijst", "controleer", str(map_))
    assert uit.code == 1
    assert uit.err.splitlines() == [
        "wijkteams/kader.yaml:173: thema 'Borgen van samenhang in het lokale stelsel': het "
        "rapport is een themarapport, maar 'verwachting' ontbreekt; schrijf in een paar zinnen "
        "wat de inspecties bij dit thema verwachten",
        "wijkteams/notities.yaml:1: onbekend soort bestand; begin met 'kader:' (een "
        "toetsingskader), 'vragenlijst:' (een vragenlijst) of 'teksten:' (standaardteksten van "
        "een rapport), zie FORMAAT.md",
        "fout: 2 problemen gevonden; los ze op zoals hierboven staat",
    ]
