"""What a kader's data says about its roles and rule, and the new vragenlijst rules (n.v.t.,
an option that ends the questionnaire, section conditions): broken files give exact messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from vragenlijsten.catalogus import Catalogus
from vragenlijsten.laden import VragenlijstFout, laad_kaders, laad_vragenlijst_bestand
from vragenlijsten.model import KernvraagItem

FIXTURES = Path(__file__).parent / "fixtures" / "vragenlijsten"
MINI_KADER = (FIXTURES / "kaders" / "mini.yaml").read_text(encoding="utf-8")
MINI = (FIXTURES / "mini" / "gemeente.yaml").read_text(encoding="utf-8")


def _kaders(tmp_path: Path, tekst: str, naam: str = "mini.yaml") -> list[str]:
    map_ = tmp_path / "kaders"
    map_.mkdir(exist_ok=True)
    (map_ / naam).write_text(tekst, encoding="utf-8")
    with pytest.raises(VragenlijstFout) as fout:
        laad_kaders(map_)
    return fout.value.meldingen


def test_beslisregel_met_onbekende_rollen(tmp_path: Path) -> None:
    tekst = MINI_KADER.replace("  hoofd: gemeente", "  hoofd: wethouder").replace(
        "wegers: [{rol: netwerkpartner}]", "wegers: [{rol: politie}, {rol: wethouder}]"
    )
    assert _kaders(tmp_path, tekst) == [
        "mini.yaml:12: beslisregel: hoofd 'wethouder' is geen rol van dit kader; kies uit "
        "gemeente, netwerkpartner",
        "mini.yaml:13: beslisregel: weger 'politie' is geen rol van dit kader; kies uit "
        "gemeente, netwerkpartner",
        "mini.yaml:13: beslisregel: weger 'wethouder' is geen rol van dit kader; kies uit "
        "gemeente, netwerkpartner",
    ]


def test_rol_twee_keer_en_weger_die_ook_hoofd_is(tmp_path: Path) -> None:
    tekst = MINI_KADER.replace(
        "wegers: [{rol: netwerkpartner}]", "wegers: [{rol: netwerkpartner}, {rol: gemeente}]"
    ).replace(
        "  - naam: netwerkpartner\n",
        "  - {naam: gemeente, enkelvoud: g, meervoud: gg, omschrijving: g}\n"
        "  - naam: netwerkpartner\n",
    )
    assert _kaders(tmp_path, tekst) == [
        "mini.yaml:7: rol 'gemeente' komt twee keer voor; geef elke rol een eigen naam",
        "mini.yaml:14: beslisregel: weger 'gemeente' staat al in de beslisregel; noem elke rol "
        "één keer",
    ]


def test_per_casus_vraagt_rollen_bij_een_casus(tmp_path: Path) -> None:
    tekst = MINI_KADER.replace(
        "  wegers: [{rol: netwerkpartner}]", "  wegers: [{rol: netwerkpartner}]\n  per_casus: true"
    )
    assert _kaders(tmp_path, tekst) == [
        "mini.yaml:6: rol 'gemeente': de beslisregel werkt per casus, maar deze rol hoort niet "
        "bij een casus; zet 'casus: true'",
        "mini.yaml:7: rol 'netwerkpartner': de beslisregel werkt per casus, maar deze rol hoort "
        "niet bij een casus; zet 'casus: true'",
    ]


def test_beleid_zonder_of_met_onbekend_beleidskader(tmp_path: Path) -> None:
    met_beleid = MINI_KADER.replace(
        "            rollen: [gemeente]\n",
        "            rollen: [gemeente]\n            beleid: [x-1]\n",
    )
    assert _kaders(tmp_path, met_beleid) == [
        "mini.yaml:26: indicator 'mi-twee': beleid verwijst naar een beleidskader, maar het "
        "kader noemt er geen; zet 'beleidskader:' bovenaan of haal beleid weg"
    ]
    onbekend = met_beleid.replace("themas:\n", "beleidskader: nergens\nthemas:\n", 1)
    assert _kaders(tmp_path, onbekend) == [
        "mini.yaml:14: beleidskader 'nergens' bestaat niet; kies uit mini"
    ]
    zichzelf = met_beleid.replace("themas:\n", "beleidskader: mini\nthemas:\n", 1)
    assert _kaders(tmp_path, zichzelf) == [
        "mini.yaml:27: indicator 'mi-twee': beleid 'x-1' bestaat niet in kader mini; gebruik "
        "een indicator-id uit mini.yaml"
    ]


def _vragenlijst(tmp_path: Path, tekst: str, kader: str = MINI_KADER) -> list[str]:
    map_ = tmp_path / "k"
    map_.mkdir(exist_ok=True)
    (map_ / "mini.yaml").write_text(kader, encoding="utf-8")
    (tmp_path / "gemeente.yaml").write_text(tekst, encoding="utf-8")
    with pytest.raises(VragenlijstFout) as fout:
        laad_vragenlijst_bestand(tmp_path / "gemeente.yaml", laad_kaders(map_))
    return fout.value.meldingen


def test_nvt_alleen_waar_het_kader_het_toestaat(tmp_path: Path) -> None:
    tekst = MINI.replace(
        "        vraag: Eerste?\n", "        vraag: Eerste?\n        nvt: Niet nodig\n"
    )
    assert _vragenlijst(tmp_path, tekst) == [
        "gemeente.yaml:29: vraag 'mi-een': nvt mag alleen bij een indicator die 'niet van "
        "toepassing' toestaat; haal nvt weg of zet niet_van_toepassing: true bij 'mi-een' in "
        "mini.yaml"
    ]


def test_nvt_knop_komt_vanzelf_waar_het_kader_het_toestaat(tmp_path: Path) -> None:
    kader = MINI_KADER.replace(
        '            tekst: "Eerste indicator"\n',
        '            tekst: "Eerste indicator"\n            niet_van_toepassing: true\n',
    )
    (tmp_path / "k").mkdir()
    (tmp_path / "k" / "mini.yaml").write_text(kader, encoding="utf-8")
    vl = laad_vragenlijst_bestand(FIXTURES / "mini" / "gemeente.yaml", laad_kaders(tmp_path / "k"))
    een, twee = vl.item("mi-een"), vl.item("mi-twee")
    assert isinstance(een, KernvraagItem) and isinstance(twee, KernvraagItem)
    assert (een.nvt, een.waarden()[-1]) == ("Niet van toepassing", "nvt")
    assert twee.nvt is None and "nvt" not in twee.waarden()


def test_een_optie_die_eindigt_moet_alles_erna_verbergen(tmp_path: Path) -> None:
    tekst = MINI.replace(
        "          - {waarde: anders, label: Anders}\n",
        "          - {waarde: anders, label: Anders, einde: Tot ziens.}\n",
        1,
    )
    assert _vragenlijst(tmp_path, tekst) == [
        "gemeente.yaml:17: vraag 'soort': optie 'anders' beëindigt de vragenlijst, maar vraag "
        "'soort-anders' wordt daarna nog gesteld; geef de sectie van 'soort-anders' toon_als: "
        "{item: soort, waarde: …} zonder 'anders'"
    ]


def test_voorwaarde_op_een_sectie(tmp_path: Path) -> None:
    tekst = MINI.replace(
        "  - titel: Toeleiding\n",
        "  - titel: Toeleiding\n    toon_als: {item: mi-drie, waarde: ja}\n",
    )
    assert _vragenlijst(tmp_path, tekst) == [
        "gemeente.yaml:25: sectie 'Toeleiding': toon_als verwijst naar vraag 'mi-drie', die niet "
        "eerder komt; zet 'mi-drie' vóór 'mi-een' of verwijs naar een eerdere vraag"
    ]


def test_aanduiding_van_een_rol_moet_een_keuzevraag_zijn(tmp_path: Path) -> None:
    kader = MINI_KADER.replace(
        "    omschrijving: netwerkpartner\n",
        "    omschrijving: netwerkpartner\n",
    ).replace("omschrijving: de gemeente}", "omschrijving: de gemeente, aanduiding: wie-bent-u}")
    assert _vragenlijst(tmp_path, MINI, kader) == [
        "gemeente.yaml:6: rol 'gemeente' heeft in mini.yaml aanduiding 'wie-bent-u', maar "
        "deze vragenlijst heeft geen keuzevraag met dat id; voeg die toe of haal aanduiding weg"
    ]


def test_kaders_zeggen_wat_hun_rollen_betekenen(catalogus: Catalogus) -> None:
    casus = catalogus.kader("casusniveau")
    assert casus.beslisregel.hoofd == "regisseur" and casus.beslisregel.per_casus
    assert [(w.rol, w.stem) for w in casus.beslisregel.wegers] == [
        ("ouder", "het gezin"),
        ("professional", "de professionals"),
    ]
    ouder = casus.rol("ouder")
    assert ouder is not None and not ouder.organisatie and ouder.casus and ouder.anoniem
    assert casus.rapport == "nota" and casus.beleidskader == "beleidsniveau"
    nvt = [i.id for _, _, i in casus.indicatoren() if i.niet_van_toepassing]
    assert nvt == ["cg-netwerk-opbouw", "cs-stagnatie", "cc-vervolg"]
    beleid = catalogus.kader("beleidsniveau")
    assert (beleid.beslisregel.hoofd, beleid.rapport) == ("gemeente", "factsheet")


def test_knoppen_en_teksten_passen_in_telegram(tmp_path: Path) -> None:
    lang_id = "mi-" + "x" * 48
    tekst = (
        MINI.replace("      - id: soort\n", f"      - id: {lang_id}\n")
        .replace(
            "toon_als: {item: soort, waarde: anders}",
            f"toon_als: {{item: {lang_id}, waarde: anders}}",
        )
        .replace(
            "        vraag: Hoeveel inwoners?\n", f"        vraag: {'Hoeveel inwoners? ' * 300}\n"
        )
        .replace(
            "{waarde: anders, label: Anders}", "{waarde: anders, label: " + "Anders " * 12 + "}"
        )
    )
    assert _vragenlijst(tmp_path, tekst) == [
        "gemeente.yaml:11: vraag 'inwoners': vraag is 5399 tekens lang; maximaal 1000; maak het "
        "korter",
        "gemeente.yaml:17: vraag '" + lang_id + "': optie 'anders': label is 83 tekens lang; "
        "maximaal 60 (langer past niet op een knop)",
        "gemeente.yaml:14: vraag '" + lang_id + "': id en waarde 'wijkteam' samen zijn te lang "
        "voor een Telegram-knop (77 bytes; maximaal 64); kort het id of de optiewaarde in",
    ]
