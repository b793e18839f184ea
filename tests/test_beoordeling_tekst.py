"""Dutch counting and wording of findings, LET OP and conclusions; the standard-text data file."""

from __future__ import annotations

import datetime as dt

import pytest

from beoordeling import laad_beoordelingskader
from beoordeling.beslisregel import Stem, Stemmen, namen_van
from beoordeling.bevinding import GEEN_ANTWOORDEN, bevinding, onderwerp, wie_zegt_wat
from beoordeling.taal import datum, getal, getal_woord, hoofdletter, maand, opsomming
from beoordeling.teksten import indicator_tekst, teksten_van

B = "de doorzettingsmacht van de regisseur is geregeld"
N = namen_van(laad_beoordelingskader("beleidsniveau"))


def s(g: str | None, *partners: str | None) -> Stemmen:
    namen = ("Fier Fryslân", "Leger des Heils", "Verslavingszorg Noord Nederland")
    return Stemmen(Stem("gemeente", g), tuple(Stem(namen[i], w) for i, w in enumerate(partners)))


@pytest.mark.parametrize(
    ("n", "woord"), [(0, "nul"), (1, "één"), (2, "twee"), (3, "drie"), (12, "twaalf"), (13, "13")]
)
def test_getallen_in_woorden(n: int, woord: str) -> None:
    assert getal_woord(n) == woord


def test_taalhulpjes() -> None:
    assert hoofdletter("één netwerkpartner") == "Eén netwerkpartner"
    assert hoofdletter("de gemeente") == "De gemeente"
    assert opsomming(["a"]) == "a"
    assert opsomming(["a", "b", "c"]) == "a, b en c"
    assert getal(95000) == "95.000" and getal(1234567) == "1.234.567"
    assert datum(dt.date(2011, 12, 1)) == "1 december 2011"
    assert maand(dt.date(2011, 1, 1)) == "januari 2011"


@pytest.mark.parametrize(
    ("gemeente", "k", "totaal", "tekst", "meervoud"),
    [
        (True, 0, 3, "de gemeente", False),
        (True, 2, 3, "de gemeente en twee netwerkpartners", True),
        (True, 1, 3, "de gemeente en één netwerkpartner", True),
        (True, 3, 3, "de gemeente en de drie netwerkpartners", True),
        (True, 1, 1, "de gemeente en de netwerkpartner", True),
        (False, 1, 3, "één netwerkpartner", False),
        (False, 2, 2, "de twee netwerkpartners", True),
    ],
)
def test_onderwerp_telt_in_woorden(
    gemeente: bool, k: int, totaal: int, tekst: str, meervoud: bool
) -> None:
    assert onderwerp(gemeente, k, totaal, N) == (tekst, meervoud)


def test_voorbeeldzin_uit_het_ontwerp() -> None:
    assert wie_zegt_wat(s("ja", "ja", "ja", "nee"), B, N) == (
        "De gemeente en twee netwerkpartners geven aan dat de doorzettingsmacht van de "
        "regisseur is geregeld; één netwerkpartner geeft aan dat dit niet zo is."
    )
    assert wie_zegt_wat(s("ja", "deels", "ja", "ja"), B, N) == (
        "De gemeente en twee netwerkpartners geven aan dat de doorzettingsmacht van de "
        "regisseur is geregeld; één netwerkpartner geeft aan dat dit deels zo is."
    )


def test_het_antwoord_van_de_gemeente_komt_eerst() -> None:
    assert wie_zegt_wat(s("deels", "ja", "deels", "nee"), B, N) == (
        "De gemeente en één netwerkpartner geven aan dat het slechts ten dele zo is dat de "
        "doorzettingsmacht van de regisseur is geregeld; één netwerkpartner geeft aan dat dit "
        "wel zo is; één netwerkpartner geeft aan dat dit niet zo is."
    )
    assert wie_zegt_wat(s("nee"), B, N) == (
        "De gemeente geeft aan dat het niet zo is dat de doorzettingsmacht van de regisseur is "
        "geregeld."
    )


def test_geen_herhaling_van_de_gemeente_en_zwijgers_apart_genoemd() -> None:
    assert wie_zegt_wat(s("ja"), "de gemeente zicht heeft op de populatie GGSR", N) == (
        "De gemeente geeft aan dat zij zicht heeft op de populatie GGSR."
    )
    assert wie_zegt_wat(s(None, "ja", "weet_niet", None), B, N) == (
        "Eén netwerkpartner geeft aan dat de doorzettingsmacht van de regisseur is geregeld. "
        "Eén netwerkpartner weet het niet. De gemeente en één netwerkpartner hebben deze vraag "
        "nog niet beantwoord."
    )
    assert wie_zegt_wat(s("weet_niet", "weet_niet", "weet_niet"), B, N) == (
        "De gemeente en de twee netwerkpartners weten het niet."
    )


def test_bevinding_citeert_toelichtingen_en_noemt_documenten() -> None:
    stemmen = Stemmen(
        Stem("gemeente", "ja", "Staat in het werkplan. ", ("Werkplan 2013",)),
        (
            Stem("Politie", "ja", None, ("Convenant Veiligheidshuis",)),
            Stem("GGZ", "nee", "Kennen wij niet."),
        ),
    )
    assert bevinding(stemmen, B, N).split("\n") == [
        "De gemeente en één netwerkpartner geven aan dat de doorzettingsmacht van de regisseur "
        "is geregeld; één netwerkpartner geeft aan dat dit niet zo is.",
        "Toelichting gemeente: “Staat in het werkplan.”",
        "Toelichting GGZ: “Kennen wij niet.”",
        "Vastgelegd in: ‘Werkplan 2013’ en ‘Convenant Veiligheidshuis’ (genoemd door Politie).",
    ]
    assert bevinding(Stemmen(None, ()), B, N) == GEEN_ANTWOORDEN


def test_document_bij_deels_is_gedeeltelijke_vastlegging() -> None:
    stemmen = Stemmen(Stem("gemeente", "deels", None, ("Projectplan VIG",)), ())
    assert bevinding(stemmen, B, N).endswith(
        "Genoemd als gedeeltelijke vastlegging: ‘Projectplan VIG’."
    )


def test_tekstbestand_dekt_precies_het_kader() -> None:
    kader = laad_beoordelingskader("beleidsniveau")
    ids = {i.id for _, _, i in kader.indicatoren()}
    teksten = teksten_van("beleidsniveau").indicatoren
    assert set(teksten) == ids
    for t in teksten.values():
        assert t.bewering[0].islower() and not t.bewering.endswith(".")
        assert t.tekort[0].isupper() and t.tekort.endswith(".")


def test_kader_zonder_tekstbestand_citeert_de_indicator() -> None:
    t = indicator_tekst("wijkteams-2017", "wt-1", "Het wijkteam is bereikbaar")
    assert t.bewering == "de indicator ‘Het wijkteam is bereikbaar’ opgaat"
    assert wie_zegt_wat(s("ja"), t.bewering, N) == (
        "De gemeente geeft aan dat de indicator ‘Het wijkteam is bereikbaar’ opgaat."
    )
    assert t.tekort == "Nog niet op orde: ‘Het wijkteam is bereikbaar’."
