"""Kaders match the published tables; vragenlijsten load; broken files give exact messages."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from vragenlijsten.catalogus import Catalogus
from vragenlijsten.laden import VragenlijstFout, laad_kaders, laad_vragenlijst_bestand
from vragenlijsten.model import KernvraagItem

SHARED = Path(__file__).resolve().parents[2] / "shared" / "kader"
FIXTURES = Path(__file__).parent / "fixtures" / "vragenlijsten"
ROLKOLOMMEN = {
    "beleidsniveau": ["netwerkpartner"],
    "casusniveau": ["ouder", "regisseur", "professional"],
}


@pytest.fixture(scope="module")
def mini_kaders() -> dict[str, object]:
    return dict(laad_kaders(FIXTURES / "kaders"))


@pytest.mark.parametrize("kader", ["beleidsniveau", "casusniveau"])
def test_kader_komt_overeen_met_tabel(catalogus: Catalogus, kader: str) -> None:
    tabel = SHARED / f"{kader}.tsv"
    if not tabel.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{tabel} ontbreekt")
        pytest.skip(f"{tabel} ontbreekt (shared/ staat niet naast de checkout)")
    rijen = list(csv.DictReader(tabel.open(encoding="utf-8"), delimiter="\t"))
    geladen = list(catalogus.kader(kader).indicatoren())
    assert [i.id for _, _, i in geladen] == [r["id"] for r in rijen]
    for (thema, criterium, indicator), rij in zip(geladen, rijen, strict=True):
        assert (thema.naam, criterium.naam, indicator.tekst) == (
            rij["thema"],
            rij["criterium"],
            rij["indicator"],
        )
        for rol in ROLKOLOMMEN[kader]:
            assert (rol in indicator.rollen) == (rij[rol] == "ja"), (indicator.id, rol)
        if kader == "beleidsniveau":
            assert "gemeente" in indicator.rollen
            assert indicator.vastlegging == (rij["vastlegging"] == "ja")


def test_meegeleverde_vragenlijsten_dekken_elke_rol(catalogus: Catalogus) -> None:
    verwacht = {
        ("beleidsniveau", "gemeente"),
        ("beleidsniveau", "netwerkpartner"),
        ("casusniveau", "ouder"),
        ("casusniveau", "regisseur"),
        ("casusniveau", "professional"),
        ("wijkteams", "wijkteam"),
        ("wijkteams", "gemeente"),
        ("wijkteams", "partner"),
        ("wijkteams", "client"),
    }
    assert set(catalogus.vragenlijsten) == verwacht


@pytest.mark.parametrize(
    ("kader", "rol"),
    [
        ("beleidsniveau", "gemeente"),
        ("beleidsniveau", "netwerkpartner"),
        ("casusniveau", "ouder"),
        ("casusniveau", "regisseur"),
        ("casusniveau", "professional"),
    ],
)
def test_elke_indicator_van_de_rol_heeft_een_kernvraag(
    catalogus: Catalogus, kader: str, rol: str
) -> None:
    vl = catalogus.vragenlijst(kader, rol)
    kernvragen = [i.id for i in vl.items() if isinstance(i, KernvraagItem)]
    verwacht = [i.id for _, _, i in catalogus.kader(kader).indicatoren() if rol in i.rollen]
    assert sorted(kernvragen) == sorted(verwacht)
    assert len(kernvragen) == len(set(kernvragen))


def test_gemeente_heeft_de_context_voor_de_factsheet(catalogus: Catalogus) -> None:
    vl = catalogus.vragenlijst("beleidsniveau", "gemeente")
    for item_id in (
        "inwoners",
        "huishoudens-met-kinderen",
        "ggsr-gezinnen",
        "ggsr-wijken",
        "aanpak-naam",
        "aanpak-beschrijving",
        "aanpak-start",
        "aanpak-gezinnen",
        "netwerkpartners",
    ):
        assert vl.item(item_id) is not None, item_id


def test_ouder_wordt_niets_herkenbaars_gevraagd(catalogus: Catalogus) -> None:
    vl = catalogus.vragenlijst("casusniveau", "ouder")
    verboden = ("naam", "adres", "geboorte", "postcode", "telefoon", "e-mail", "bsn")
    for item in vl.items():
        if item.type in ("tekst", "datum"):
            assert not any(w in item.vraag.lower() for w in verboden), item.id


def test_mini_vragenlijst_is_geldig(mini_kaders: dict[str, object]) -> None:
    vl = laad_vragenlijst_bestand(FIXTURES / "mini" / "gemeente.yaml", mini_kaders)
    assert [i.id for i in vl.items()][:3] == ["inwoners", "soort", "soort-anders"]


KAPOT = {
    "yaml-syntax": [
        "yaml-syntax.yaml:28: YAML-fout: mapping values are not allowed here; controleer "
        "inspringing, dubbele punten en aanhalingstekens op deze regel"
    ],
    "onbekende-sleutel": [
        "onbekende-sleutel.yaml:38: vraag 'mi-drie': sleutel 'hulp' is onbekend; kies uit id, "
        "vraag, uitleg, verplicht, toon_als, type, toelichting_vraag, document_vraag, toelichting, "
        "nvt"
    ],
    "onbekend-type": [
        "onbekend-type.yaml:9: vraag 'inwoners': type 'nummer' bestaat niet; kies uit "
        "kernvraag, schaal, keuze, meerkeuze, tekst, getal, datum, document"
    ],
    "dubbel-id": [
        "dubbel-id.yaml:20: vraag 'soort': id komt twee keer voor (ook op regel 14); "
        "geef elke vraag een eigen id"
    ],
    "onbekende-indicator": [
        "onbekende-indicator.yaml:35: vraag 'mi-vier': indicator 'mi-vier' bestaat niet in "
        "kader mini; gebruik een indicator-id uit mini.yaml of type 'schaal'",
        "onbekende-indicator.yaml:42: vraag 'mi-drie-uitleg': toon_als verwijst naar onbekende "
        "vraag 'mi-drie'; verwijs naar een eerdere vraag",
        "onbekende-indicator.yaml:6: kernvraag voor indicator 'mi-drie' ontbreekt; voeg een "
        "vraag toe met id: mi-drie en type: kernvraag (thema Continu)",
    ],
    "ontbrekende-kernvraag": [
        "ontbrekende-kernvraag.yaml:6: kernvraag voor indicator 'mi-een' ontbreekt; voeg een "
        "vraag toe met id: mi-een en type: kernvraag (thema Toeleiding)"
    ],
    "kernvraag-andere-rol": [
        "kernvraag-andere-rol.yaml:39: vraag 'mi-twee': indicator 'mi-twee' wordt in kader mini "
        "niet aan rol netwerkpartner gevraagd; haal deze kernvraag weg of gebruik type 'schaal'"
    ],
    "document-zonder-vastlegging": [
        "document-zonder-vastlegging.yaml:29: vraag 'mi-een': document_vraag mag alleen bij een "
        "indicator met vastlegging; haal document_vraag weg"
    ],
    "voorwaarde-onbekend": [
        "voorwaarde-onbekend.yaml:23: vraag 'soort-anders': toon_als verwijst naar onbekende "
        "vraag 'sort'; verwijs naar een eerdere vraag"
    ],
    "voorwaarde-later": [
        "voorwaarde-later.yaml:23: vraag 'soort-anders': toon_als verwijst naar vraag 'mi-een', "
        "die niet eerder komt; zet 'mi-een' vóór 'soort-anders' of verwijs naar een eerdere vraag"
    ],
    "voorwaarde-waarde": [
        "voorwaarde-waarde.yaml:42: vraag 'mi-drie-uitleg': optie 'misschien' bestaat niet; "
        "kies uit ja, deels, nee, weet_niet"
    ],
    "te-lange-tekst": [
        "te-lange-tekst.yaml:23: vraag 'soort-anders': 'max_lengte' mag hooguit 20000 zijn; "
        "pas de waarde aan"
    ],
    "lege-opties": [
        "lege-opties.yaml:17: vraag 'soort': opties is leeg of heeft maar één optie; "
        "geef minstens twee opties"
    ],
}


@pytest.mark.parametrize("naam", sorted(KAPOT))
def test_kapotte_vragenlijst_geeft_precieze_melding(
    naam: str, mini_kaders: dict[str, object]
) -> None:
    with pytest.raises(VragenlijstFout) as fout:
        laad_vragenlijst_bestand(FIXTURES / "kapot" / f"{naam}.yaml", mini_kaders)
    assert fout.value.meldingen == KAPOT[naam]


def test_elk_kapot_bestand_wordt_getest() -> None:
    assert {p.stem for p in (FIXTURES / "kapot").glob("*.yaml")} == set(KAPOT)


def test_dubbele_sleutel_in_yaml(tmp_path: Path, mini_kaders: dict[str, object]) -> None:
    tekst = (
        (FIXTURES / "mini" / "gemeente.yaml")
        .read_text()
        .replace("titel: Minivragenlijst", "titel: Minivragenlijst\ntitel: Nog een titel")
    )
    (tmp_path / "gemeente.yaml").write_text(tekst)
    with pytest.raises(VragenlijstFout) as fout:
        laad_vragenlijst_bestand(tmp_path / "gemeente.yaml", mini_kaders)
    assert fout.value.meldingen == [
        "gemeente.yaml:4: YAML-fout: sleutel 'titel' komt twee keer voor; controleer "
        "inspringing, dubbele punten en aanhalingstekens op deze regel"
    ]
