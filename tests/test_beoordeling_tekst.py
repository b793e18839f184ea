"""Dutch counting and wording of findings, LET OP and conclusions; the standard-text data file."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from beoordeling import laad_beoordelingskader
from beoordeling.beslisregel import Besluit, Stem, Stemmen, beslis, namen_van
from beoordeling.bevinding import (
    GEEN_ANTWOORDEN,
    Omschrijvingen,
    aanvulling,
    bevinding,
    let_op,
    onderwerp,
    vergelijking,
    wie_zegt_wat,
)
from beoordeling.taal import datum, getal, getal_woord, hoofdletter, maand, opsomming
from beoordeling.teksten import Aanvulling, IndicatorTekst, Vergelijk, indicator_tekst, teksten_van

B = "de doorzettingsmacht van de regisseur is geregeld"
N = namen_van(laad_beoordelingskader("beleidsniveau"))


def s(g: str | None, *partners: str | None) -> Stemmen:
    return Stemmen(Stem("gemeente", g), tuple(Stem("netwerkpartner", w) for w in partners))


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
        "regisseur is geregeld; één netwerkpartner geeft aan dat dit maar deels zo is."
    )
    assert wie_zegt_wat(s("ja", "ja", "ja", "ja"), B, N) == (
        "Alle ondervraagden geven aan dat de doorzettingsmacht van de regisseur is geregeld."
    )


VORMEN = IndicatorTekst(
    B,
    "Tekort.",
    niet="de doorzettingsmacht van de regisseur niet is geregeld",
    deels="de doorzettingsmacht van de regisseur maar ten dele is geregeld",
)


def test_het_antwoord_van_de_gemeente_komt_eerst_in_de_vorm_van_het_kader() -> None:
    assert wie_zegt_wat(s("deels", "ja", "deels", "nee"), VORMEN, N) == (
        "De gemeente en één netwerkpartner geven aan dat de doorzettingsmacht van de regisseur "
        "maar ten dele is geregeld; één netwerkpartner geeft aan dat dit wel zo is; één "
        "netwerkpartner geeft aan dat dit niet zo is."
    )
    assert wie_zegt_wat(s("nee"), VORMEN, N) == (
        "De gemeente geeft aan dat de doorzettingsmacht van de regisseur niet is geregeld."
    )
    # Every indicator of the shipped kaders says nee and deels in its own words, never "het is
    # niet zo dat …".
    for kader in ("beleidsniveau", "casusniveau", "wijkteams"):
        for t in teksten_van(laad_beoordelingskader(kader)).indicatoren.values():
            assert t.niet and t.deels and "het is" not in t.niet + t.deels
            assert t.vorm("nee") == t.niet and t.vorm("deels") == t.deels


def test_meerdere_respondenten_van_het_hoofd_worden_geteld() -> None:
    wijkteams = laad_beoordelingskader("wijkteams")
    namen = namen_van(wijkteams)
    leden = (
        Stem("wijkteammedewerker", "ja", rol=("wijkteammedewerker", "wijkteammedewerkers")),
        Stem("wijkteammedewerker", "nee", rol=("wijkteammedewerker", "wijkteammedewerkers")),
    )
    client = Stem("cliënt", "ja", rol=("cliënt", "cliënten"))
    stemmen = Stemmen(Stem("de wijkteammedewerkers", "deels", meervoud=True), (client,), leden)
    # No "Alle ondervraagden", no "De wijkteammedewerker geeft aan": each counted.
    assert wie_zegt_wat(stemmen, VORMEN, namen) == (
        "Eén wijkteammedewerker en de cliënt geven aan dat de doorzettingsmacht van de regisseur "
        "is geregeld; één wijkteammedewerker geeft aan dat dit niet zo is."
    )
    besluit = beslis(stemmen, False, namen)
    assert (besluit.oordeel, besluit.regel) == ("verbeterpunt", "2")
    assert let_op(stemmen, besluit, VORMEN, namen, "Het hangt af van wie het gezin treft.") == (
        "De wijkteammedewerkers verschillen hierover van mening: één geeft aan dat dit zo is; "
        "één geeft aan dat dit niet zo is; het hangt af van wie het gezin treft.",
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


TEKST = IndicatorTekst(B, "Tekort.", "Goed.", "Zo kan de hulp vastlopen.")


def _besluit(stemmen: Stemmen, vastlegging: bool = False) -> Besluit:
    return beslis(stemmen, vastlegging, N)


def test_bevinding_noemt_documenten_en_citeert_alleen_wat_gemarkeerd_is() -> None:
    stemmen = Stemmen(
        Stem("gemeente", "ja", "Staat in het werkplan. ", ("Werkplan 2013",), sleutel="g"),
        (
            Stem("netwerkpartner", "ja", None, ("Convenant Veiligheidshuis",), sleutel="p1"),
            Stem("netwerkpartner", "nee", "Kennen wij niet.", sector="uit de ggz", sleutel="p2"),
        ),
    )
    besluit = _besluit(stemmen)
    assert bevinding(stemmen, TEKST, N, besluit).split("\n") == [
        "De gemeente en één netwerkpartner geven aan dat de doorzettingsmacht van de regisseur "
        "is geregeld.",
        # The gemeente is the audited party: its own words need no inspector's mark.
        "De gemeente licht toe: “Staat in het werkplan”.",
        "‘Werkplan 2013’ en ‘Convenant Veiligheidshuis’ zijn genoemd, nog niet gelezen.",
    ]
    # The dissent is the LET OP's, in one sentence with what is at stake; sector, never a name.
    assert let_op(stemmen, besluit, TEKST, N) == (
        "Eén netwerkpartner uit de ggz geeft aan dat dit niet zo is; zo kan de hulp vastlopen.",
    )
    gemarkeerd = bevinding(stemmen, TEKST, N, besluit, citaten=("g", "p2")).split("\n")
    assert gemarkeerd[3:] == ["Een netwerkpartner uit de ggz licht toe: “Kennen wij niet.”"]
    # A role the kader keeps anonymous is never quoted, whatever is marked.
    anoniem = Stemmen(stemmen.hoofd, (replace(stemmen.wegers[1], anoniem=True),))
    assert "Kennen wij niet" not in bevinding(anoniem, TEKST, N, besluit, citaten=("p2",))
    assert bevinding(Stemmen(None, ()), TEKST, N, besluit) == GEEN_ANTWOORDEN


def test_zonder_document_waar_het_kader_er_een_verwacht() -> None:
    stemmen = s("ja", "ja")
    assert bevinding(stemmen, TEKST, N, _besluit(stemmen, True), vastlegging=True).endswith(
        "\nEen document waarin dit is vastgelegd, is niet genoemd."
    )
    # A document named with a deels does not back the claim, and is not reported as if it did.
    deels = Stemmen(Stem("gemeente", "deels", None, ("Projectplan VIG",)), ())
    assert bevinding(deels, TEKST, N, _besluit(deels, True), True).endswith(
        "\n‘Projectplan VIG’ is genoemd, nog niet gelezen."
    )


def test_omschrijvingen_worden_vergeleken() -> None:
    v = Vergelijk("doelgroep", "{hoofd} omschrijft de doelgroep als {tekst}.", "een "
                  "omschrijving die daarmee overeenkomt", "een andere omschrijving")  # fmt: skip
    jeugd = Stem("netwerkpartner", "ja", sector="uit de jeugdzorg")
    politie = Stem("netwerkpartner", "ja", sector="uit de veiligheidsketen")
    o = Omschrijvingen(
        "Multiprobleemgezinnen waarin criminaliteit of onveiligheid een rol speelt.",
        (
            (politie, "Multiprobleemgezinnen met criminaliteit, overlast of onveiligheid."),
            (jeugd, "Alle gezinnen met opvoedproblemen."),
        ),
    )
    assert vergelijking(o, v, N) == (
        "De gemeente omschrijft de doelgroep als “Multiprobleemgezinnen waarin criminaliteit of "
        "onveiligheid een rol speelt”. Eén netwerkpartner uit de veiligheidsketen geeft een "
        "omschrijving die daarmee overeenkomt; één netwerkpartner uit de jeugdzorg geeft een "
        "andere omschrijving."
    )
    assert vergelijking(Omschrijvingen(None, o.wegers), v, N) == ""


def test_aanvulling_uit_een_meerkeuzevraag() -> None:
    a = Aanvulling("ontbreken", "Volgens {hoofd} ontbreken nog {lijst}.", "geen",
                   {"politie": "de politie", "onderwijs": "het onderwijs"})  # fmt: skip
    assert aanvulling(["politie", "onderwijs"], a, N) == (
        "Volgens de gemeente ontbreken nog de politie en het onderwijs."
    )
    assert aanvulling(["geen"], a, N) == aanvulling([], a, N) == ""


def test_tekstbestand_dekt_precies_het_kader() -> None:
    kader = laad_beoordelingskader("beleidsniveau")
    ids = {i.id for _, _, i in kader.indicatoren()}
    teksten = teksten_van(kader).indicatoren
    assert set(teksten) == ids
    for t in teksten.values():
        assert t.bewering[0].islower() and not t.bewering.endswith(".")
        for zin in (t.tekort, t.goed, t.risico):
            assert zin and zin[0].isupper() and zin.endswith("."), zin


def test_kader_zonder_tekstbestand_citeert_de_indicator() -> None:
    kader = laad_beoordelingskader("beleidsniveau")
    zonder = type(kader).model_validate(kader.model_dump())  # as read, before the catalogue
    assert zonder.teksten is None
    t = indicator_tekst(zonder, "wt-1", "Het wijkteam is bereikbaar")
    assert t.bewering == "de indicator ‘Het wijkteam is bereikbaar’ opgaat"
    assert wie_zegt_wat(s("ja"), t.bewering, N) == (
        "De gemeente geeft aan dat de indicator ‘Het wijkteam is bereikbaar’ opgaat."
    )
    assert t.tekort == "Nog niet op orde: ‘Het wijkteam is bereikbaar’."
