"""A new toetsingskader is a data file: the wijkteams framework, copied into a folder of the
user's under another id (so nothing shipped or coded can stand in for it), is catalogued through
STJ_KADERS, gets an onderzoek, is answered through `stj chat` by every role, and `stj beoordeel`
renders its report (a themarapport) in every format."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cli.main import stj as stj_cli
from tests.test_chat import _invoerregels
from vragenlijsten.catalogus import kader_mappen, laad_catalogus
from vragenlijsten.laden import KADER_MAP

PROEF = "wijkteams-proef"
PARTNER = "Basisschool De Regenboog"
BELEID = "De Nota Sociaal Domein schrijft voor dat het wijkteam met één gezinsplan werkt."


def kopie(doel: Path) -> Path:
    """The shipped wijkteams data files under a new kader id, in a folder of their own."""
    map_ = doel / "mijn-kaders" / "proef"
    map_.mkdir(parents=True)
    for bron in sorted((KADER_MAP / "wijkteams").glob("*.yaml")):
        tekst = bron.read_text(encoding="utf-8")
        tekst = re.sub(r"(?m)^(kader|teksten): wijkteams$", rf"\1: {PROEF}", tekst)
        (map_ / bron.name).write_text(tekst, encoding="utf-8")
    return map_.parent


@pytest.mark.debian("pdf", "pdftotext")
def test_wijkteams_uit_een_map_met_alleen_data(
    tmp_path: Path, stj: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    eigen = kopie(tmp_path)
    assert sorted(p.suffix for p in eigen.rglob("*") if p.is_file()) == [".yaml"] * 6
    monkeypatch.setenv("STJ_KADERS", str(eigen))

    lijst = stj("kader", "lijst")
    assert lijst.code == 0, lijst.err
    assert f"{PROEF}: Toezichtkader Stelseltoezicht Jeugd" in lijst.out
    assert f"uit: {eigen / 'proef' / 'kader.yaml'}" in lijst.out
    assert "rollen: wijkteam, gemeente, partner, client" in lijst.out
    controle = stj("vragenlijst", "controleer", str(eigen))
    assert controle.code == 0, controle.err
    assert f"ok: proef/kader.yaml (kader {PROEF}, 16 indicatoren)" in controle.out
    assert f"ok: proef/teksten.yaml (standaardteksten van kader {PROEF})" in controle.out

    nieuw = stj(
        "onderzoek",
        "nieuw",
        "--gemeente",
        "Bergen op Zoom",
        "--aanpak",
        "Wijkteam Centrum",
        "--kader",
        PROEF,
        "--deadline",
        "2026-12-31",
        "--json",
    )
    assert nieuw.code == 0, nieuw.err
    onderzoek = str(json.loads(nieuw.out)["id"])

    def nodig_uit(rol: str, *extra: str) -> str:
        uit = stj("uitnodiging", "nieuw", onderzoek, "--rol", rol, *extra, "--json")
        assert uit.code == 0, uit.err
        return str(json.loads(uit.out)["token"])

    tokens = {
        "wijkteam": nodig_uit("wijkteam", "--organisatie", "Wijkteam Centrum"),
        "gemeente": nodig_uit("gemeente", "--organisatie", "Gemeente Bergen op Zoom"),
        "partner-1": nodig_uit("partner", "--organisatie", PARTNER),
        "partner-2": nodig_uit("partner", "--organisatie", "Huisartsenpraktijk Oost"),
        "client-1": nodig_uit("client"),
        "client-2": nodig_uit("client"),
    }
    # Without an organisation a client cannot be named; the kader's data says so.
    geweigerd = stj("uitnodiging", "nieuw", onderzoek, "--rol", "client", "--organisatie", "X")
    assert geweigerd.code == 1 and "organisatie" in geweigerd.err

    catalogus = laad_catalogus(kader_mappen())
    in_zorg = {
        i.id for t in catalogus.kader(PROEF).themas[1:2] for c in t.criteria for i in c.indicatoren
    }

    def keuze(wie: str, item: str) -> int:
        """Clients and partners say "Nee" (the third choice) to everything In Zorg; the second
        partner works in general practice and says "Deels" to passende zorg; the rest "Ja"."""
        if wie.startswith(("client", "partner")) and item in in_zorg:
            return 2
        return int(wie == "partner-2" and item in ("organisatie-soort", "tt-passend"))

    for wie, token in tokens.items():
        rol = wie.split("-")[0]
        regels, _ = _invoerregels(
            catalogus,
            PROEF,
            rol,
            keuze=lambda item, wie=wie: keuze(wie, item),
            tekst=lambda item: BELEID if item.startswith("gm-beleid") else "Een antwoord.",
        )
        uit = CliRunner().invoke(
            stj_cli, ["chat", token], input="\n".join([*regels, "/indienen", "y", ""])
        )
        assert uit.exit_code == 0, uit.output
        assert "Dank u wel, uw antwoorden zijn ingediend." in uit.output, uit.output
        if rol == "client":  # plain-language privacy notice for a private person
            assert "Wij vragen niet naar uw naam" in uit.output

    rapport: dict[str, bytes] = {}
    for formaat in ("html", "md", "pdf", "json"):
        pad = tmp_path / f"rapport.{formaat}"
        uit = stj("beoordeel", onderzoek, "--formaat", formaat, "--uit", str(pad))
        assert uit.code == 0, uit.err
        rapport[formaat] = pad.read_bytes()

    data = json.loads(rapport["json"])
    assert data["kader"] == PROEF
    oordelen = {i["id"]: i["oordeel"] for i in data["indicatoren"]}
    assert {oordelen[i] for i in in_zorg} == {"verbeterpunt"}
    assert oordelen["tt-dialoog"] == "voldoet"
    redenen = {i["id"]: i["reden"] for i in data["indicatoren"]}
    # The reasons name the voices asked about the indicator, counted per role.
    assert (
        "en de twee partners en de twee cliënten spreken dat overwegend tegen"
        in (redenen["iz-afsluiten"])
    )
    assert "en de twee cliënten spreken dat niet overwegend tegen" in redenen["tt-dialoog"]
    assert all(
        i["operationalisering"].startswith(("In elk geval", "Zichtbaar", "Bij het"))
        for i in data["indicatoren"]
    )
    eind = data["themarapport"]["eindoordeel"]
    assert eind["voldoende"] is False
    assert "in de gemeente Bergen op Zoom op dit moment nog niet voldoende is" in eind["tekst"]
    # Bijlage 2 counts who was consulted by function (the kader's `functies`).
    bronnen = {b["wie"]: b["aantal"] for b in data["themarapport"]["bronnen"]}
    assert bronnen["medewerker van het wijkteam"] == 1
    assert bronnen["medewerker van de gemeente"] == 1 and bronnen["cliënten"] == 2
    assert sum(bronnen.values()) == 6

    html = rapport["html"].decode()
    for kop in (
        "2 Het lokale netwerk in Bergen op Zoom",
        "3.1 Verwachting",
        "3.2 Beleid",
        "3.3.1 Bevindingen inspecties",
        "3.3.3 Verklaringen",
        "3.4 Conclusie",
        "6 Eindoordeel en vervolg",
        "Bijlage 1:",
        "Bijlage 2: Geraadpleegde bronnen",
    ):
        assert kop in html, kop
    assert BELEID in html and BELEID in rapport["md"].decode()
    # Counted per role, named by sector where one of several differs.
    assert (
        "Bij ‘Passende zorg’: één partner uit de huisartsenzorg geeft aan dat dit maar deels zo is"
        in html
    )
    assert (
        "De wijkteammedewerker geeft aan dat de hulp pas wordt afgesloten als het gezin "
        "zelfstandig verder kan of er een vervolg is geregeld; de twee partners en de twee "
        "cliënten geven aan dat dit niet zo is." in html
    )
    tekst = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=rapport["pdf"], capture_output=True, check=True
    ).stdout.decode()
    assert "Eindoordeel en vervolg" in tekst and "Operationalisering" in tekst
    # A partner is counted, never named.
    for inhoud in (html, rapport["md"].decode(), rapport["json"].decode(), tekst):
        assert PARTNER not in inhoud

    # The inspector decides the eindoordeel; the rule's proposal stays visible.
    eigen = stj("eindoordeel", onderzoek, "--voldoende", "--tekst", "Eigen eindoordeel.")
    assert (eigen.code, eigen.out) == (
        0,
        f"eindoordeel van onderzoek {onderzoek} vastgesteld als voldoende\n",
    )
    na = json.loads(stj("beoordeel", onderzoek, "--formaat", "json", "--uit", "-").out)
    eind = na["themarapport"]["eindoordeel"]
    assert (eind["voldoende"], eind["tekst"], eind["aangepast_door_inspecteur"]) == (
        True,
        "Eigen eindoordeel.",
        True,
    )
    assert eind["voorstel"] is False  # the rule's proposal stays beside it in the concept
    # A named policy document is unread and the deadline is still to come: confirmed.
    assert stj("vaststellen", onderzoek).code == 1
    assert stj("vaststellen", onderzoek, "--toch").code == 0
    dicht = stj("eindoordeel", onderzoek, "--wis")
    assert dicht.code == 1 and "is vastgesteld" in dicht.err
    leeg = stj("eindoordeel", onderzoek)
    assert (leeg.code, leeg.err) == (1, "fout: geef --voldoende, --onvoldoende of --wis\n")


def test_een_eigen_kader_vervangt_het_meegeleverde_met_dezelfde_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    map_ = tmp_path / "eigen"
    shutil.copytree(KADER_MAP / "wijkteams", map_)
    kader = map_ / "kader.yaml"
    kader.write_text(
        kader.read_text(encoding="utf-8").replace('titel: "Toezichtkader', 'titel: "Eigen'),
        encoding="utf-8",
    )
    monkeypatch.setenv("STJ_KADERS", str(map_))
    cat = laad_catalogus()
    assert cat.kader("wijkteams").titel.startswith("Eigen")
    assert cat.kader("wijkteams").pad == kader
    assert cat.bestanden[("wijkteams", "client")] == map_ / "client.yaml"
    assert cat.kader("beleidsniveau").pad.is_relative_to(KADER_MAP)


def test_geen_eindoordeel_bij_een_factsheet(stj: Any) -> None:
    argumenten = ["--gemeente", "Leeuwarden", "--aanpak", "X", "--kader", "beleidsniveau"]
    nieuw = stj("onderzoek", "nieuw", *argumenten, "--json")
    onderzoek = str(json.loads(nieuw.out)["id"])
    uit = stj("eindoordeel", onderzoek, "--onvoldoende")
    assert (uit.code, uit.err) == (
        1,
        f"fout: onderzoek {onderzoek} heeft geen eindoordeel: het rapport van kader "
        "beleidsniveau geeft een oordeel per indicator; gebruik 'stj oordeel'\n",
    )
