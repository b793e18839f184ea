"""Sources besides the questionnaire (BESLISREGEL.md, "Bronnen"): what the inspector read in
documents (rule 3), what a dossier shows (rule D), several respondents of the hoofd's role,
clients counted once per gezin, the hoofd's own words in the report's third person, and
anonymous roles never quoted."""

from __future__ import annotations

import datetime as dt

import pytest

from beoordeling import Override, compileer, laad_beoordelingskader
from beoordeling.beslisregel import DocumentStand, Stem, Stemmen, beslis, combineer, namen_van
from beoordeling.derde_persoon import Wij, derde_persoon, is_zin
from vragenlijsten.antwoorden import AntwoordenBestand
from vragenlijsten.model import Bronnen

BELEID = laad_beoordelingskader("beleidsniveau")
WIJK = laad_beoordelingskader("wijkteams")
N = namen_van(BELEID)
OORDEEL = Bronnen(document="oordeel")
PRAKTIJK = Bronnen(document="bevinding", dossier="beslist")
GEMEENTE = Wij("de gemeente", "haar", "zij")


def _met(steun: str | None, genoemd: bool = True) -> Stemmen:
    return Stemmen(
        Stem("gemeente", "ja", None, ("Werkplan 2013",)),
        (Stem("netwerkpartner", "ja"),),
        stukken=(DocumentStand("Werkplan 2013", steun, None, genoemd),),
    )


# --- rule 3: what was read ------------------------------------------------------------------


def test_een_gelezen_document_dat_steunt_draagt_het_oordeel() -> None:
    besluit = beslis(_met("steunt"), True, N, OORDEEL)
    assert (besluit.oordeel, besluit.regel) == ("voldoet", "3")
    assert "de inspecteur las in ‘Werkplan 2013’ dat het is vastgelegd" in besluit.reden


@pytest.mark.parametrize(
    ("steun", "hoe"), [("steunt_deels", "maar deels"), ("steunt_niet", "niet")]
)
def test_een_document_dat_het_niet_of_maar_deels_vastlegt_is_een_verbeterpunt(
    steun: str, hoe: str
) -> None:
    besluit = beslis(_met(steun), True, N, OORDEEL)
    assert (besluit.oordeel, besluit.regel) == ("verbeterpunt", "3")
    assert besluit.reden.endswith(f"in ‘Werkplan 2013’ {hoe} vastgelegd.")


def test_een_genoemd_document_telt_tot_het_gelezen_is_en_zegt_dat() -> None:
    besluit = beslis(_met(None), True, N, OORDEEL)
    assert (besluit.oordeel, besluit.regel) == ("voldoet", "3")
    assert besluit.reden.endswith("(‘Werkplan 2013’; genoemd, nog niet gelezen).")


def test_in_de_praktijk_maakt_een_document_nooit_een_oordeel() -> None:
    # Wijkteams and casusniveau judge practice: a handbook says nothing about what happened.
    for steun in ("steunt", None):
        besluit = beslis(_met(steun), True, N, PRAKTIJK)
        assert besluit.regel == "5" and besluit.oordeel == "voldoet"
    tegen = Stemmen(
        _met("steunt").hoofd, (Stem("p", "nee"), Stem("q", "nee")), stukken=_met("steunt").stukken
    )
    assert beslis(tegen, True, N, PRAKTIJK).regel == "4"


# --- rule D: what the dossier shows -----------------------------------------------------------


@pytest.mark.parametrize(
    ("dossier", "oordeel"), [("ja", "voldoet"), ("deels", "verbeterpunt"), ("nee", "verbeterpunt")]
)
def test_het_dossier_beslist_waar_het_kader_dat_zegt(dossier: str, oordeel: str) -> None:
    stemmen = Stemmen(
        Stem("regisseur", "nee"),
        (Stem("het gezin", "ja"),),
        dossier=Stem("in het dossier", dossier),
    )
    besluit = beslis(stemmen, False, N, PRAKTIJK)
    assert (besluit.oordeel, besluit.regel) == (oordeel, "D")
    if oordeel == "voldoet":
        # Whoever said otherwise is named in a LET OP.
        assert besluit.let_op == ("Regisseur geeft aan dat dit niet zo is.",)


# --- several respondents of the hoofd's role ---------------------------------------------------


@pytest.mark.parametrize(
    ("waarden", "samen"),
    [
        (["ja", "ja", "nee"], "ja"),
        (["ja", "nee"], "deels"),  # a split team reads against the claim
        (["ja", "deels"], "deels"),
        (["nee", "nee", "ja"], "nee"),
        (["ja", "weet_niet"], "ja"),
        (["weet_niet", None], "weet_niet"),
        ([None], None),
    ],
)
def test_het_hoofd_met_meer_respondenten_is_hun_meerderheid(
    waarden: list[str | None], samen: str | None
) -> None:
    assert combineer(waarden) == samen


def _r(
    rol: str,
    antwoorden: dict[str, object],
    organisatie: str | None = None,
    casus: str | None = None,
) -> dict[str, object]:
    """One respondent of an answers file."""
    uit: dict[str, object] = {"rol": rol, "antwoorden": antwoorden}
    if organisatie:
        uit["organisatie"] = organisatie
    if casus:
        uit["casus"] = casus
    return uit


def _wijkteam(*respondenten: dict[str, object]) -> AntwoordenBestand:
    return AntwoordenBestand.model_validate(
        {
            "formaat": "stj-antwoorden/1",
            "onderzoek": {"gemeente": "Teststad", "aanpak": "Wijkteam", "kader": "wijkteams"},
            "respondenten": list(respondenten),
        }
    )


def test_twee_wijkteammedewerkers_die_het_oneens_zijn() -> None:
    samen = "Wij formuleren de hulpvraag altijd samen met ouders en kinderen."
    bestand = _wijkteam(
        _r("wijkteam", {"tt-dialoog": {"waarde": "ja", "toelichting": samen}}, "Wijkteam Noord"),
        _r("wijkteam", {"tt-dialoog": {"waarde": "nee"}}, "Wijkteam Zuid"),
        _r("client", {"tt-dialoog": {"waarde": "ja"}}, casus="gezin A"),
    )
    io = compileer(WIJK, bestand).oordeel("tt-dialoog")
    assert (io.oordeel, io.regel) == ("verbeterpunt", "2")
    assert io.reden.startswith("Regel 2: de wijkteammedewerkers geven samen aan dat dit slechts")
    assert "Alle ondervraagden" not in io.bevinding
    assert "De wijkteammedewerker geeft" not in io.bevinding
    assert io.bevinding.split("\n")[0] == (
        "Eén wijkteammedewerker en de cliënt geven aan dat de hulpvraag samen met het gezin "
        "wordt geformuleerd; één wijkteammedewerker geeft aan dat dit niet zo is."
    )
    # Several of them: their words are quoted, each with the role, not turned into "het wijkteam".
    assert "Een wijkteammedewerker licht toe: “Wij formuleren" in io.bevinding
    assert io.let_op[0].startswith("De wijkteammedewerkers verschillen hierover van mening")


def test_clienten_tellen_een_keer_per_gezin_en_alle_ondervraagden_alleen_bij_iedereen_ja() -> None:
    bestand = _wijkteam(
        _r("wijkteam", {"tt-dialoog": {"waarde": "ja"}}, "Wijkteam Noord"),
        _r("client", {"tt-dialoog": {"waarde": "ja"}}, casus="gezin A"),
        _r("client", {"tt-dialoog": {"waarde": "deels"}}, casus="gezin A"),
        _r("client", {"tt-dialoog": {"waarde": "ja"}}, casus="gezin B"),
    )
    io = compileer(WIJK, bestand).oordeel("tt-dialoog")
    # Gezin A's two parents are one voice (ja + deels: deels), gezin B one: two cliënten.
    assert io.reden.endswith("(één keer ja en één keer deels).")
    assert "Alle ondervraagden" not in io.bevinding


def test_een_anoniem_rol_wordt_nooit_geciteerd() -> None:
    naam = "Ik ben Anna de Vries, moeder van Sem; niemand vroeg ons iets."
    bestand = _wijkteam(
        _r("wijkteam", {"tt-dialoog": {"waarde": "ja"}}, "Wijkteam Noord"),
        _r("client", {"tt-dialoog": {"waarde": "nee", "toelichting": naam}}, casus="gezin A"),
    )
    moment = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    citeer = Override("tt-dialoog", None, None, "inspecteur", moment, citaten=("client||gezin A",))
    b = compileer(WIJK, bestand, [citeer])
    assert all("Anna" not in io.bevinding for io in b.indicatoren)


# --- the hoofd's own words ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tekst", "derde"),
    [
        ("Wij hebben geen zicht op de omvang.", "De gemeente heeft geen zicht op de omvang."),
        (
            "In 2013 hebben we de aanpak geëvalueerd.",
            "In 2013 heeft de gemeente de aanpak geëvalueerd.",
        ),
        ("We werken samen met de politie en bespreken elk gezin.",
         "De gemeente werkt samen met de politie en bespreekt elk gezin."),
        (
            "Wij richten ons op gezinnen in onze gemeente.",
            "De gemeente richt zich op gezinnen in de gemeente.",
        ),
        ("Wij evalueren met onze partners.", "De gemeente evalueert met haar partners."),
        ("Dat is voor ons belangrijk.", "Dat is voor de gemeente belangrijk."),
        ("Gezinnen worden begeleid zolang nodig.", "Gezinnen worden begeleid zolang nodig."),
        # Not turned when it cannot be done safely: the finding then quotes.
        ("Omdat wij geen capaciteit hebben, is dit lastig.", None),
        ("Ik weet het niet precies.", None),
        ("Ons beleid staat in de nota.", None),
        ("We zorgden voor een plan.", None),
    ],
)  # fmt: skip
def test_derde_persoon(tekst: str, derde: str | None) -> None:
    assert derde_persoon(tekst, GEMEENTE) == derde


def test_een_zin_of_een_opsomming() -> None:
    assert is_zin("Het team gaat er actief op af.")
    assert is_zin("Als een gezin niet meewerkt, kan drang worden ingezet.")
    assert is_zin("Die afspraken zijn er.")
    assert not is_zin("Multiprobleemgezinnen waarin criminaliteit een rol speelt.")
    assert not is_zin("Gezinnen met meervoudige problemen.")


def test_de_toelichting_van_de_gemeente_komt_in_de_bevinding() -> None:
    omvang = "Wij hebben geen zicht op de omvang van de groep."
    antwoorden = {
        "tl-populatie": {"waarde": "nee", "toelichting": omvang},
        "ap-beleid": {"waarde": "ja", "toelichting": "Zie bijlage."},
    }
    bestand = AntwoordenBestand.model_validate(
        {
            "formaat": "stj-antwoorden/1",
            "onderzoek": {"gemeente": "Teststad", "aanpak": "Aanpak", "kader": "beleidsniveau"},
            "respondenten": [_r("gemeente", antwoorden)],
        }
    )
    b = compileer(BELEID, bestand)
    # Only the gemeente is asked: its own words are the finding, no restatement of the claim.
    assert (
        b.oordeel("tl-populatie").bevinding
        == "De gemeente heeft geen zicht op de omvang van de groep."
    )
    # Too short to stand for the answer: the counted sentence first, then the quote.
    assert b.oordeel("ap-beleid").bevinding.split("\n")[:2] == [
        "De gemeente geeft aan dat zij beleid heeft voor de groep GGSR.",
        "De gemeente licht toe: “Zie bijlage”.",
    ]
