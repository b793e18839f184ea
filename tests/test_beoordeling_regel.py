"""Decision rule v1.1: every branch, the deels-weighs-half change, overrides and drafts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from beoordeling import ConclusieOverride, Override, compileer, laad_beoordelingskader
from beoordeling.beslisregel import NIET_VASTGELEGD, Stem, Stemmen, beslis, namen_van
from vragenlijsten.antwoorden import AntwoordenBestand

MOMENT = dt.datetime(2026, 3, 12, 9, 30, tzinfo=dt.UTC)
PARTNERS = ("Fier Fryslân", "Leger des Heils", "Verslavingszorg Noord Nederland", "Politie")
N = namen_van(laad_beoordelingskader("beleidsniveau"))


def stemmen(g: str | None, *partners: str | None, doc: str | None = None) -> Stemmen:
    """The gemeente's answer (with an optional document) and one answer per partner."""
    gemeente = Stem("gemeente", g, None, (doc,) if doc else ())
    return Stemmen(gemeente, tuple(Stem(PARTNERS[i], w) for i, w in enumerate(partners)))


# --- rule 2 ----------------------------------------------------------------------------------


@pytest.mark.parametrize("g", ["nee", "deels"])
def test_regel_2_gemeente_nee_of_deels_is_verbeterpunt(g: str) -> None:
    besluit = beslis(stemmen(g, "ja", "ja", "ja", doc="Werkplan"), vastlegging=True, namen=N)
    assert (besluit.oordeel, besluit.regel, besluit.let_op) == ("verbeterpunt", "2", ())
    assert besluit.reden.startswith("Regel 2: de gemeente geeft zelf aan")


# --- rule 3 ----------------------------------------------------------------------------------


def test_regel_3_document_maakt_voldoet_met_let_op_per_afwijkende_partner() -> None:
    besluit = beslis(stemmen("ja", "nee", "deels", "ja", doc="Projectplan VIG"), True, N)
    assert (besluit.oordeel, besluit.regel) == ("voldoet", "3")
    assert besluit.let_op == (
        "Fier Fryslân geeft aan dat dit niet zo is.",
        "Leger des Heils geeft aan dat dit slechts deels zo is.",
    )
    assert "‘Projectplan VIG’" in besluit.reden


def test_regel_3_document_van_een_instemmende_partner_telt_ook() -> None:
    s = Stemmen(Stem("gemeente", "ja"), (Stem("Politie", "ja", None, ("Convenant",)),))
    assert beslis(s, True, N).regel == "3"
    # A document named by a partner that says nee does not back the gemeente's claim.
    s = Stemmen(Stem("gemeente", "ja"), (Stem("Politie", "nee", None, ("Convenant",)),))
    assert beslis(s, True, N).regel == "4"


# --- rule 4 (with the v1.1 weighting) --------------------------------------------------------


@pytest.mark.parametrize(
    ("partners", "oordeel"),
    [
        (("nee", "nee", "ja"), "verbeterpunt"),
        (("nee", "nee", "nee"), "verbeterpunt"),
        (("nee", "deels"), "verbeterpunt"),
        (("nee",), "verbeterpunt"),
        (("deels", "deels", "nee"), "verbeterpunt"),
        # v1.1: deels counts half — these were verbeterpunt under v1.
        (("deels", "deels", "ja"), "voldoet"),
        (("deels",), "voldoet"),
        (("deels", "deels"), "voldoet"),
        # Equal weight is not "more than half".
        (("nee", "ja"), "voldoet"),
        (("nee", "deels", "ja", "ja"), "voldoet"),
    ],
)
def test_regel_4_partners_spreken_de_gemeente_tegen(
    partners: tuple[str, ...], oordeel: str
) -> None:
    besluit = beslis(stemmen("ja", *partners), vastlegging=False, namen=N)
    assert besluit.oordeel == oordeel
    assert besluit.regel == ("4" if oordeel == "verbeterpunt" else "5")


def test_regel_4_reden_telt_de_antwoorden() -> None:
    besluit = beslis(stemmen("ja", "nee", "nee", "ja"), vastlegging=False, namen=N)
    assert besluit.reden == (
        "Regel 4: de gemeente geeft aan dat dit zo is, maar noemt geen document, en de "
        "netwerkpartners spreken dat overwegend tegen (één keer ja en twee keer nee; nee telt "
        "volledig, deels half mee)."
    )
    assert besluit.let_op == ()


def test_weet_niet_en_geen_antwoord_tellen_niet_mee_in_p() -> None:
    # P = [nee]: the other two partners did not give a usable answer.
    assert beslis(stemmen("ja", "nee", "weet_niet", None), False, N).oordeel == "verbeterpunt"
    assert beslis(stemmen("ja", "ja", "weet_niet", None), False, N).oordeel == "voldoet"


# --- rule 5 ----------------------------------------------------------------------------------


def test_regel_5_voldoet_met_let_op_voor_afwijker_en_ontbrekende_vastlegging() -> None:
    besluit = beslis(stemmen("ja", "ja", "ja", "deels"), vastlegging=True, namen=N)
    assert (besluit.oordeel, besluit.regel) == ("voldoet", "5")
    assert besluit.let_op == (
        "Verslavingszorg Noord Nederland geeft aan dat dit slechts deels zo is.",
        NIET_VASTGELEGD,
    )


def test_regel_5_zonder_vastlegging_en_zonder_partners() -> None:
    besluit = beslis(stemmen("ja"), vastlegging=False, namen=N)
    assert (besluit.oordeel, besluit.let_op) == ("voldoet", ())
    assert besluit.reden == "Regel 5: de gemeente geeft aan dat dit zo is."


# --- rule 6 ----------------------------------------------------------------------------------


def test_regel_6_meerderheid_partners_beslist_als_de_gemeente_zwijgt() -> None:
    besluit = beslis(stemmen(None, "ja", "ja", "nee"), vastlegging=False, namen=N)
    assert (besluit.oordeel, besluit.regel) == ("voldoet", "6")
    assert besluit.let_op == (
        "De gemeente heeft deze vraag niet beantwoord; het oordeel steunt alleen op de "
        "netwerkpartners.",
        "Verslavingszorg Noord Nederland geeft aan dat dit niet zo is.",
    )


def test_regel_6_gelijke_stand_is_verbeterpunt() -> None:
    besluit = beslis(stemmen(None, "ja", "deels"), vastlegging=False, namen=N)
    assert (besluit.oordeel, besluit.regel) == ("verbeterpunt", "6")
    assert "bij gelijke stand" in besluit.reden
    assert besluit.let_op[0].startswith("De gemeente heeft deze vraag niet beantwoord")


def test_regel_6_gemeente_weet_het_niet() -> None:
    besluit = beslis(stemmen("weet_niet", "nee", "nee", "ja"), vastlegging=True, namen=N)
    assert (besluit.oordeel, besluit.regel) == ("verbeterpunt", "6")
    assert besluit.let_op == (
        "De gemeente weet het niet; het oordeel steunt alleen op de netwerkpartners.",
    )


def test_regel_6_voldoet_zonder_document_meldt_ontbrekende_vastlegging() -> None:
    besluit = beslis(stemmen(None, "ja"), vastlegging=True, namen=N)
    assert besluit.oordeel == "voldoet"
    assert besluit.let_op[-1] == NIET_VASTGELEGD


@pytest.mark.parametrize(
    "s",
    [
        stemmen(None),
        stemmen("weet_niet", "weet_niet", None),
        Stemmen(None, ()),
        Stemmen(None, (Stem("Politie", "weet_niet"),)),
    ],
)
def test_geen_bruikbare_antwoorden_is_niet_beoordeeld(s: Stemmen) -> None:
    besluit = beslis(s, vastlegging=True, namen=N)
    assert (besluit.oordeel, besluit.regel, besluit.let_op) == ("niet_beoordeeld", "geen", ())
    assert besluit.reden.startswith("Geen bruikbare antwoorden")


# --- through compileer: overrides, drafts, edge cases ----------------------------------------


def bestand(respondenten: list[dict[str, Any]]) -> AntwoordenBestand:
    return AntwoordenBestand.model_validate(
        {
            "formaat": "stj-antwoorden/1",
            "onderzoek": {
                "gemeente": "Voorbeeldstad",
                "aanpak": "Sterke Gezinnen",
                "kader": "beleidsniveau",
            },
            "respondenten": respondenten,
        }
    )


def gemeente(**antwoorden: Any) -> dict[str, Any]:
    return {"rol": "gemeente", "organisatie": "Gemeente Voorbeeldstad", "antwoorden": antwoorden}


def partner(naam: str, status: str = "ingediend", **antwoorden: Any) -> dict[str, Any]:
    return {
        "rol": "netwerkpartner",
        "organisatie": naam,
        "status": status,
        "antwoorden": antwoorden,
    }


KADER = laad_beoordelingskader("beleidsniveau")


def test_override_wint_en_houdt_het_voorstel_zichtbaar() -> None:
    a = bestand([gemeente(**{"sw-afspraken": {"waarde": "ja", "document": "Convenant"}})])
    o = Override(
        "sw-afspraken", "verbeterpunt", "Alleen zorgpartijen tekenden.", "J. de Vries", MOMENT
    )
    io = compileer(KADER, a, [o]).oordeel("sw-afspraken")
    assert (io.oordeel, io.voorstel, io.regel) == ("verbeterpunt", "voldoet", "inspecteur")
    assert io.aangepast_door_inspecteur and io.aanpassing is not None
    assert io.aanpassing.door == "J. de Vries"
    assert io.bevinding == "Alleen zorgpartijen tekenden."
    assert io.reden.startswith("Oordeel inspecteur (J. de Vries, 12-03-2026): verbeterpunt.")
    assert "Voorstel volgens de beslisregel was voldoet — Regel 3" in io.reden


def test_override_met_alleen_tekst_laat_het_oordeel_staan() -> None:
    a = bestand([gemeente(**{"tl-populatie": {"waarde": "ja"}})])
    o = Override("tl-populatie", None, "Eigen bevinding.", "J. de Vries", MOMENT)
    io = compileer(KADER, a, [o]).oordeel("tl-populatie")
    assert (io.oordeel, io.regel, io.bevinding) == ("voldoet", "5", "Eigen bevinding.")
    assert io.aangepast_door_inspecteur


def test_laatste_override_telt_en_foute_overrides_geven_een_duidelijke_fout() -> None:
    a = bestand([gemeente(**{"tl-populatie": {"waarde": "ja"}})])
    eerder = Override("tl-populatie", "verbeterpunt", None, "A", MOMENT)
    later = Override(
        "tl-populatie", "niet_van_toepassing", None, "B", MOMENT + dt.timedelta(days=1)
    )
    io = compileer(KADER, a, [later, eerder]).oordeel("tl-populatie")
    assert (io.oordeel, io.let_op) == ("niet_van_toepassing", ())
    with pytest.raises(ValueError, match="oordeel 'goed' bestaat niet"):
        compileer(KADER, a, [Override("tl-populatie", "goed", None, "A", MOMENT)])
    with pytest.raises(ValueError, match="onbekende indicator 'xx-onbekend'"):
        compileer(KADER, a, [Override("xx-onbekend", "voldoet", None, "A", MOMENT)])
    with pytest.raises(ValueError, match="onbekend thema 'Onzin'"):
        compileer(KADER, a, conclusie_overrides=[ConclusieOverride("Onzin", [], None, "A", MOMENT)])


def test_conclusie_override_vervangt_alleen_wat_de_inspecteur_schreef() -> None:
    a = bestand([gemeente(**{"co-vervolg": {"waarde": "nee"}})])
    o = ConclusieOverride("Continu", ["Eigen tekst."], None, "J. de Vries", MOMENT)
    c = compileer(KADER, a, conclusie_overrides=[o]).conclusie("Continu")
    assert c.gaat_goed == ("Eigen tekst.",)
    assert len(c.kan_beter) == 1 and c.kan_beter[0].startswith(
        "Er zijn geen afspraken over een vervolg"
    )
    assert c.aangepast_door_inspecteur


def test_concept_gebruikt_ook_antwoorden_van_wie_nog_niet_indiende() -> None:
    a = bestand(
        [
            gemeente(**{"tl-omschrijving": {"waarde": "ja"}}),
            partner("GGZ", "bezig", **{"tl-omschrijving": {"waarde": "nee"}}),
            partner("Politie", "uitgenodigd"),
        ]
    )
    b = compileer(KADER, a)
    io = b.oordeel("tl-omschrijving")
    assert (io.oordeel, io.regel) == ("verbeterpunt", "4")
    # Who has not answered anything yet is listed as such, not counted as a voice.
    assert io.bevinding == (
        "De gemeente geeft aan dat alle netwerkpartners dezelfde omschrijving van GGSR "
        "hanteren; de netwerkpartner geeft aan dat dit niet zo is."
    )
    assert [(r.naam, r.status, r.beantwoord, r.gevraagd) for r in b.respondenten] == [
        ("Gemeente Voorbeeldstad", "ingediend", 1, 30),
        ("GGZ", "bezig", 1, 24),
        ("Politie", "uitgenodigd", 0, 24),
    ]


def test_zonder_antwoorden_is_alles_niet_beoordeeld() -> None:
    b = compileer(KADER, bestand([]))
    assert {io.oordeel for io in b.indicatoren} == {"niet_beoordeeld"}
    assert len(b.indicatoren) == 30
    assert all(c.gaat_goed == () and c.kan_beter == () for c in b.conclusies)
    assert b.respondenten == ()
    assert (
        b.oordeel("tl-populatie").bevinding == "De gemeente heeft deze vraag nog niet beantwoord."
    )


def test_waarden_buiten_de_schaal_tellen_als_geen_antwoord() -> None:
    a = bestand([gemeente(**{"tl-populatie": {"waarde": 12}, "sw-regie": {"waarde": "misschien"}})])
    b = compileer(KADER, a)
    assert b.oordeel("tl-populatie").oordeel == "niet_beoordeeld"
    assert b.oordeel("sw-regie").oordeel == "niet_beoordeeld"


def test_verkeerd_kader_geeft_een_fout_en_casusniveau_zonder_antwoorden_is_niet_beoordeeld() -> (
    None
):
    a = bestand([])
    casus = compileer(
        laad_beoordelingskader("casusniveau"),
        a.model_copy(update={"onderzoek": a.onderzoek.model_copy(update={"kader": "casusniveau"})}),
    )
    assert {io.oordeel for io in casus.indicatoren} == {"niet_beoordeeld"}
    assert casus.casussen == () and casus.hoofdstukken == ()
    with pytest.raises(ValueError, match="horen bij kader 'beleidsniveau'"):
        compileer(laad_beoordelingskader("casusniveau"), a)
