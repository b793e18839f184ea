"""Calibration: the Zwolle nota van bevindingen (2014, seeds/000, Bemoeizorg Jeugd) reproduced
from encoded answers, and the casusniveau rule, writing and formats.

tests/data/zwolle-bemoeizorg-jeugd.json holds, per gezin, what the nota reports of the mother,
the trajectbegeleider (the regisseur) and three professionals (see beoordeling/BESLISREGEL.md,
"Kalibratie Zwolle", for every answer that had to be inferred). Compiling it with the casusniveau
rule must reproduce every published ✓ and ✗ of Bijlage 1, without any inspector override.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from beoordeling import Override, compileer, laad_beoordelingskader
from beoordeling.beslisregel import Stem, Stemmen, namen_van
from beoordeling.casus import beslis_casus, samen
from beoordeling.rapport import maak_rapport
from vragenlijsten.antwoorden import AntwoordenBestand

DATA = Path(__file__).parent / "data"
ZWOLLE = DATA / "zwolle-bemoeizorg-jeugd.json"
KADER = laad_beoordelingskader("casusniveau")
N = namen_van(KADER)
V, X, NVT = "voldoet", "verbeterpunt", "niet_van_toepassing"
MOMENT = dt.datetime(2014, 6, 3, 10, 0, tzinfo=dt.UTC)

# Transcribed from Bijlage 1 of the nota ("– VOLDOET NIET" is ✗).
GEPUBLICEERD: dict[str, str] = {
    "ct-definitie": V,
    "ct-aangemeld": V,
    "ct-direct-start": V,
    "cg-probleemanalyse": X,
    "cg-doelen": V,
    "cg-aanpak": V,
    "cg-evaluatie": V,
    "cg-zelf-oplossen": V,
    "cg-geholpen": V,
    "cg-netwerk-in-kaart": V,
    "cg-netwerk-rol": V,
    "cg-netwerk-opbouw": V,
    "ca-analyse": V,
    "ca-doelen-alle": X,
    "ca-plan": X,
    "ca-alle-leefgebieden": X,
    "ca-evaluatie": X,
    "ca-outreachend": V,
    "ca-niet-loslaten": V,
    "cs-een-regisseur": X,
    "cs-regisseur-duur": V,
    "cs-regisseur-erkend": X,
    "cs-vertrouwen": V,
    "cs-stagnatie": X,
    "cs-partijen": X,
    "cs-afspraken": X,
    "cs-info-bepalen": X,
    "cs-info-samenhang": X,
    "cc-duur": V,
    "cc-intensiteit": X,
    "cc-inschakelen": X,
    "cc-tijdig": V,
    "cc-vervolg": X,
}


def zwolle(data: dict[str, Any] | None = None) -> AntwoordenBestand:
    return AntwoordenBestand.model_validate(data or json.loads(ZWOLLE.read_text("utf-8")))


def test_gepubliceerd_dekt_het_kader() -> None:
    assert list(GEPUBLICEERD) == [i.id for _, _, i in KADER.indicatoren()]


def test_alle_gepubliceerde_oordelen_van_bijlage_1() -> None:
    b = compileer(KADER, zwolle())
    assert {io.id: io.oordeel for io in b.indicatoren} == GEPUBLICEERD


def test_geen_oordeel_komt_van_een_inspecteur() -> None:
    # The rule alone reproduces Bijlage 1: ca-analyse (✓ from the registrations, while one
    # trajectbegeleider says no analysis is made) comes from STJ's dossier study.
    b = compileer(KADER, zwolle())
    assert not any(io.aangepast_door_inspecteur for io in b.indicatoren)
    assert {io.regel for io in b.indicatoren} == {"meerderheid"}


@pytest.mark.parametrize(
    ("indicator", "per_gezin"),
    [
        # "Bij twee gezinnen … moeders zelf al doelen; één gezin bleef zorgmijdend."
        ("cg-doelen", (V, V, X)),
        # "Bij één onderzochte casus zagen het gezin, de trajectbegeleider en twee van de drie
        # professionals de trajectbegeleider wel als regisseur."
        ("cs-een-regisseur", (V, X, X)),
        # "In één gezin was er al een goed sociaal netwerk" — not applicable there.
        ("cg-netwerk-opbouw", (NVT, V, V)),
        # "… is dit in twee casussen niet gebeurd" — opschalen was not at issue in the third.
        ("cs-stagnatie", (NVT, X, X)),
        # "In het derde gezin is het regelen van nazorg … niet noodzakelijk gebleken."
        ("cc-vervolg", (X, X, NVT)),
        # "Feitelijk is in de registraties … terug te zien dat er een probleemanalyse wordt
        # gemaakt", also in the family whose trajectbegeleider says none is made (rule D).
        ("ca-analyse", (V, V, V)),
        # "STJ heeft gezien dat in alle drie onderzochte casussen alleen de moeders bij de
        # aanpak werden betrokken."
        ("cg-probleemanalyse", (X, X, X)),
    ],
)
def test_per_gezin_zoals_de_nota_het_telt(indicator: str, per_gezin: tuple[str, ...]) -> None:
    io = compileer(KADER, zwolle()).oordeel(indicator)
    assert io.per_casus == tuple(zip(("gezin 1", "gezin 2", "gezin 3"), per_gezin, strict=True))


def test_een_oordeel_van_de_inspecteur_wint_altijd() -> None:
    override = Override(
        "ca-analyse",
        "verbeterpunt",
        "In de dossiers staat een probleemanalyse bij aanvang, maar zonder diepgang.",
        "inspecteur STJ",
        MOMENT,
    )
    io = compileer(KADER, zwolle(), [override]).oordeel("ca-analyse")
    assert (io.oordeel, io.voorstel, io.regel) == (X, V, "inspecteur")
    assert io.bevinding.startswith("In de dossiers staat")
    assert io.per_casus[1] == ("gezin 2", V)  # the families' verdicts stay visible


def test_dossierbevindingen_beslissen_per_gezin() -> None:
    b = compileer(KADER, zwolle())
    analyse = b.casussen[1].indicatoren
    gezin_2 = next(ci for ci in analyse if ci.id == "ca-analyse")
    assert (gezin_2.oordeel, gezin_2.regel) == (V, "D")
    assert gezin_2.reden == "Regel D: in het dossier is te zien dat dit zo is."
    # The trajectbegeleider who said no analysis is made gets a LET OP for that family.
    assert "Bij gezin 2: de regisseur geeft aan dat dit niet zo is." in (
        b.oordeel("ca-analyse").let_op
    )
    plan = b.oordeel("ca-plan")
    assert plan.bevinding.split("\n") == [
        "Gezin 1: er is een digitaal dossier vanuit Bemoeizorg Jeugd, maar dat is alleen "
        "toegankelijk voor de trajectbegeleider; een gezamenlijk plan voor het gezin is er niet.",
        "Bij alle drie gezinnen is in het dossier niet te zien dat er een gezamenlijk plan voor "
        "het gezin is.",
    ]
    # Without the dossier study the regisseurs' own answers decide, where they gave one.
    kaal = zwolle({**json.loads(ZWOLLE.read_text("utf-8")), "dossier": []})
    zonder = compileer(KADER, kaal)
    assert zonder.oordeel("ca-analyse").per_casus == (
        ("gezin 1", V),
        ("gezin 2", X),
        ("gezin 3", V),
    )
    assert {ci.regel for c in zonder.casussen for ci in c.indicatoren} <= {
        "2",
        "3",
        "4",
        "5",
        "6",
        "nvt",
        "geen",
    }


# --- the rule per casus ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("waarden", "stem"),
    [
        (["ja"], "ja"),
        (["ja", "ja", "deels"], "ja"),
        (["ja", "ja", "nee"], "deels"),
        (["ja", "deels", "nee"], "deels"),
        (["nee", "nee", "deels"], "nee"),
        (["nee", "weet_niet", None], "nee"),
        (["weet_niet", None], "weet_niet"),
        (["nvt", "weet_niet"], "nvt"),
        ([None], None),
    ],
)
def test_een_stem_voor_alle_professionals_van_een_gezin(
    waarden: list[str | None], stem: str | None
) -> None:
    assert samen(waarden) == stem


def casus(regisseur: str | None, gezin: str | None, professionals: str | None) -> Stemmen:
    wegers = []
    if gezin is not None:
        wegers.append(Stem("het gezin", gezin))
    if professionals is not None:
        wegers.append(Stem("de professionals", professionals, meervoud=True))
    return Stemmen(Stem("de regisseur", regisseur), tuple(wegers))


@pytest.mark.parametrize(
    ("regisseur", "gezin", "professionals", "oordeel", "regel"),
    [
        ("ja", "ja", "ja", V, "5"),
        ("deels", "ja", "ja", X, "2"),
        # The regisseur's own account does not outweigh the family and the professionals.
        ("ja", "nee", "nee", X, "4"),
        ("ja", "nee", "deels", X, "4"),
        # … but one of the two dissenting is a LET OP, not a verbeterpunt.
        ("ja", "nee", "ja", V, "5"),
        ("ja", "deels", "deels", V, "5"),
        (None, "ja", "ja", V, "6"),
        ("weet_niet", "nee", "ja", X, "6"),
        (None, None, None, "niet_beoordeeld", "geen"),
    ],
)
def test_casusregel(
    regisseur: str | None,
    gezin: str | None,
    professionals: str | None,
    oordeel: str,
    regel: str,
) -> None:
    indicator = KADER.indicator("cg-doelen")
    assert indicator is not None
    besluit = beslis_casus(casus(regisseur, gezin, professionals), indicator, N)
    assert (besluit.oordeel, besluit.regel) == (oordeel, regel)


def test_niet_van_toepassing_telt_niet_mee_tenzij_iemand_het_tegenspreekt() -> None:
    indicator = KADER.indicator("cg-netwerk-opbouw")
    assert indicator is not None and indicator.niet_van_toepassing
    eens = beslis_casus(casus("nvt", "ja", None), indicator, N)
    assert (eens.oordeel, eens.regel) == (NVT, "nvt")
    assert eens.reden == "Regel C0: volgens de regisseur is dit bij dit gezin niet van toepassing."
    # The family says nobody helped it find support: the regisseur's n.v.t. does not settle it.
    oneens = beslis_casus(casus("nvt", "nee", None), indicator, N)
    assert (oneens.oordeel, oneens.regel) == (X, "6")
    # Where the kader does not allow n.v.t., the answer cannot set the indicator aside.
    ander = KADER.indicator("cg-doelen")
    assert ander is not None
    assert beslis_casus(casus("nvt", "ja", None), ander, N).oordeel == V


def _met_gezinnen(oordelen: list[tuple[str, str, str]]) -> AntwoordenBestand:
    """A file with one regisseur per gezin answering cg-doelen, plus the family's voice."""
    respondenten = []
    for n, (regisseur, ouder, _) in enumerate(oordelen, start=1):
        respondenten.append(
            {"rol": "regisseur", "organisatie": "Team", "casus": f"gezin {n}",
             "antwoorden": {"cg-doelen": {"waarde": regisseur}}}
        )  # fmt: skip
        respondenten.append(
            {"rol": "ouder", "casus": f"gezin {n}", "antwoorden": {"cg-doelen": {"waarde": ouder}}}
        )
    return zwolle(
        {
            "formaat": "stj-antwoorden/1",
            "onderzoek": {"gemeente": "Aa", "aanpak": "Bb", "kader": "casusniveau"},
            "respondenten": respondenten,
        }
    )


def test_de_meerderheid_van_de_gezinnen_beslist_en_gelijke_stand_is_verbeterpunt() -> None:
    twee_van_drie = compileer(
        KADER, _met_gezinnen([("ja", "ja", ""), ("ja", "ja", ""), ("nee", "nee", "")])
    )
    io = twee_van_drie.oordeel("cg-doelen")
    assert io.oordeel == V
    assert io.reden == (
        "Regel C: de meerderheid van de gezinnen beslist: bij twee van de drie gezinnen voldoet "
        "dit (gezin 1 en gezin 2) en bij één van de drie gezinnen niet (gezin 3)."
    )
    assert io.let_op == ("Bij gezin 3 voldoet dit niet.",)
    assert io.bevinding == (
        "Bij twee van de drie gezinnen geven de regisseur en het gezin aan dat de doelen met het "
        "gezin zijn bepaald. Bij één van de drie gezinnen niet: de regisseur geeft zelf aan dat "
        "dit niet zo is."
    )
    gelijk = compileer(KADER, _met_gezinnen([("ja", "ja", ""), ("deels", "ja", "")]))
    assert gelijk.oordeel("cg-doelen").oordeel == X
    assert "bij gelijke stand wordt het een verbeterpunt" in gelijk.oordeel("cg-doelen").reden


# --- the nota: writing, privacy, formats ----------------------------------------------------

NAMEN = ("Fatima Yilmaz", "Kevin", "Jan de Vries", "Dorpsstraat 3", "Sanne Bakker")


def _met_namen() -> dict[str, Any]:
    """The Zwolle answers with names in every toelichting and a free-text answer."""
    data = json.loads(ZWOLLE.read_text("utf-8"))
    for n, r in enumerate(data["respondenten"]):
        for antwoord in r["antwoorden"].values():
            if antwoord.get("waarde") in ("ja", "deels", "nee", "weet_niet", "nvt"):
                naam = NAMEN[n % len(NAMEN)]
                antwoord["toelichting"] = f"{naam} woont met de kinderen aan de {NAMEN[3]}."
        if r["rol"] == "ouder":
            r["antwoorden"]["nog-iets"] = {"waarde": f"Groeten van {NAMEN[0]} en {NAMEN[1]}."}
    return data


def _rapporten(b: Any) -> dict[str, str]:
    return {
        f: maak_rapport([b], f, dt.date(2014, 9, 1)).decode("utf-8") for f in ("html", "md", "json")
    }


def test_de_nota_noemt_geen_ouder_gezin_of_organisatie_in_de_bevindingen() -> None:
    data = _met_namen()
    organisaties = {r["organisatie"] for r in data["respondenten"] if r.get("organisatie")}
    b = compileer(KADER, zwolle(data))
    for formaat, tekst in _rapporten(b).items():
        for naam in NAMEN:
            assert naam not in tekst, (formaat, naam)
        # Organisations appear only in the list of who took part and in the typering of the
        # aanpak (its parties, as the regisseurs describe them); never in findings or JSON.
        zonder_lijst = re.sub(r"Aan het onderzoek werkten medewerkers mee van:[^\n<]*", "", tekst)
        zonder_lijst = re.sub(r"(?s)2\.5 Betrokken partijen.*?3 Wat gaat goed", "", zonder_lijst)
        for organisatie in organisaties:
            assert organisatie not in zonder_lijst, (formaat, organisatie)
        if formaat != "json":
            assert "Aan het onderzoek werkten medewerkers mee van:" in tekst
    assert [r.naam for r in b.casussen[0].respondenten] == [
        "moeder", "regisseur", "professional", "professional", "professional"
    ]  # fmt: skip


def test_nota_in_de_volgorde_van_zwolle() -> None:
    tekst = _rapporten(compileer(KADER, zwolle()))["md"]
    koppen = [r for r in tekst.splitlines() if r.startswith("## ")]
    # The chapters of Zwolle's nota (seed 000), from the kader's data; per theme conclusions
    # and the verdicts per gezin are two appendices of our own.
    assert koppen == [
        "## Voorwoord",
        "## Inhoudsopgave",
        "## 1 Inleiding",
        "## 2 Typering van de aanpak Bemoeizorg Jeugd",
        "## 3 Wat gaat goed?",
        "## 4 Wat kan beter?",
        "## 5 Algemene conclusie en aanbevelingen",
        "## 6 Impressie leerbijeenkomst",
        "## Bijlage 1: Beoordeling indicatoren toetsingskader",
        "## Bijlage 2: Conclusie per thema",
        "## Bijlage 3: Oordeel per gezin",
    ]
    # The Markdown carries §1.1–1.5 as the HTML does.
    assert [r for r in tekst.splitlines() if r.startswith("### 1.")] == [
        "### 1.1 Gezinnen met geringe sociale redzaamheid",
        "### 1.2 Bemoeizorg Jeugd",
        "### 1.3 Toezichtonderzoek STJ",
        "### 1.4 Leeswijzer",
        "### 1.5 Verantwoording en vervolg",
    ]
    assert "Op dit moment krijgen ongeveer 75 gezinnen zorg en ondersteuning" in tekst
    assert "drie ouders, drie regisseurs en negen professionals" in tekst


def test_hoofdstukken_rond_de_sterkste_patronen() -> None:
    b = compileer(KADER, zwolle())
    goed = [h.titel for h in b.hoofdstukken if h.soort == "goed"]
    beter = [h.titel for h in b.hoofdstukken if h.soort == "beter"]
    # Zwolle's own chapters: 3.1 Eigen kracht en sociaal netwerk, 3.2 Outreachend maatwerk;
    # 4.1 Geen 1G1P1R, 4.2 alle gezinsleden, 4.3 drang en dwang, 4.4 samenwerking, 4.5 nazorg.
    assert "Eigen kracht en sociaal netwerk" in goed and "Outreachend en vasthoudend" in goed
    assert beter == [
        "Geen één gezin, één plan, één regisseur",
        "Geen aanpak van de problemen van alle gezinsleden en leefgebieden",
        "De regisseur kan niet doorzetten",
        "Beperkte samenwerking",
        "Geen nazorg",
    ]
    plan = next(h for h in b.hoofdstukken if h.titel.startswith("Geen één gezin"))
    assert plan.themas == ("Aanpak", "Samenwerking")
    samenwerking = next(h for h in b.hoofdstukken if h.titel == "Beperkte samenwerking")
    # Indicators the families judged alike are told together, counted over the families.
    assert any(
        a.startswith("Bij alle drie gezinnen is in het dossier niet te zien dat de beschikbare")
        and " of dat de resultaten van de aanpak gezamenlijk worden geëvalueerd" in a
        for a in samenwerking.bevindingen
    )


def test_json_heeft_per_gezin_het_oordeel_en_wie_wat_antwoordde() -> None:
    data = json.loads(_rapporten(compileer(KADER, zwolle()))["json"])
    assert data["formaat"] == "stj-beoordeling/1" and len(data["indicatoren"]) == 33
    assert [c["casus"] for c in data["casussen"]] == ["gezin 1", "gezin 2", "gezin 3"]
    eerste = data["casussen"][0]
    doelen = next(i for i in eerste["indicatoren"] if i["id"] == "cg-doelen")
    assert doelen["oordeel"] == V
    assert doelen["antwoorden"] == [
        {"rol": "ouder", "wie": "moeder", "waarde": "ja"},
        {"rol": "regisseur", "wie": "regisseur", "waarde": "ja"},
        {"rol": "professional", "wie": "professional 1", "waarde": "ja"},
        {"rol": "professional", "wie": "professional 2", "waarde": "ja"},
        {"rol": "professional", "wie": "professional 3", "waarde": "ja"},
    ]
    regisseur = next(i for i in data["indicatoren"] if i["id"] == "cs-een-regisseur")
    assert regisseur["per_casus"] == {"gezin 1": V, "gezin 2": X, "gezin 3": X}
    assert {h["soort"] for h in data["hoofdstukken"]} == {"goed", "beter"}


def test_praktijk_naast_beleid_waar_beleidsniveau_beoordeeld_is() -> None:
    leeuwarden = json.loads((DATA / "leeuwarden-interventieteam-gezinnen.json").read_text("utf-8"))
    leeuwarden["onderzoek"].update(gemeente="Zwolle", aanpak="Bemoeizorg Jeugd")
    beleid = compileer(
        laad_beoordelingskader("beleidsniveau"), AntwoordenBestand.model_validate(leeuwarden)
    )
    assert beleid.oordeel("ap-regisseur").oordeel == V
    b = compileer(KADER, zwolle(), beleid=beleid)
    assert b.oordeel("cs-een-regisseur").verband == (
        "Op beleidsniveau geregeld; in de praktijk bij twee van de drie gezinnen niet gezien."
    )
    assert b.oordeel("cc-vervolg").verband == (
        "Ook op beleidsniveau een verbeterpunt; in de praktijk bij twee van de drie gezinnen "
        "niet gezien."
    )
    assert b.oordeel("cs-vertrouwen").verband is None  # no policy counterpart in the kader
    assert "Op beleidsniveau geregeld; in de praktijk" in _rapporten(b)["html"]
    assert compileer(KADER, zwolle()).oordeel("cs-een-regisseur").verband is None


@pytest.mark.debian("pdf")
def test_pdf_van_de_nota() -> None:
    pdf = maak_rapport([compileer(KADER, zwolle())], "pdf", dt.date(2014, 9, 1))
    assert pdf[:5] == b"%PDF-"
