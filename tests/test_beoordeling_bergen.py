"""Calibration: the Bergen op Zoom themarapport (2017, seeds/001, Centrum voor Jeugd en Gezin)
from encoded answers, interviews and dossier findings. The report has no table of verdicts; the
verdicts its text implies (BESLISREGEL.md, "Kalibratie Bergen op Zoom") must follow from the rule
without any inspector override, and so must its judgement "nog niet voldoende"."""

from __future__ import annotations

import json
from pathlib import Path

from beoordeling import compileer, laad_beoordelingskader
from vragenlijsten.antwoorden import AntwoordenBestand

DATA = Path(__file__).parent / "data"
BERGEN = DATA / "bergen-op-zoom-wijkteam.json"
KADER = laad_beoordelingskader("wijkteams")
V, X = "voldoet", "verbeterpunt"

# What the report's text implies, indicator by indicator (see BESLISREGEL.md for the passages).
UIT_DE_TEKST: dict[str, str] = {
    "tt-dialoog": X,
    "tt-leefgebieden": X,
    "tt-veiligheid": X,
    "tt-zelfredzaamheid": V,
    "tt-passend": X,
    "tt-plan": V,
    "iz-samenhang": X,
    "iz-doelen": X,
    "iz-evaluatie": V,
    "iz-veiligheid": X,
    "iz-opschalen": V,
    "iz-afsluiten": V,
    "bs-verbeteren": V,
}
# The report says nothing about these: nobody's answer was made up for them.
ZWIJGT = ("iz-bijstellen", "bs-kwaliteit", "bs-ervaringen")


def bergen() -> AntwoordenBestand:
    return AntwoordenBestand.model_validate(json.loads(BERGEN.read_text("utf-8")))


def test_de_oordelen_die_de_tekst_van_het_rapport_inhoudt() -> None:
    b = compileer(KADER, bergen())
    oordelen = {io.id: io.oordeel for io in b.indicatoren}
    assert {i: oordelen[i] for i in UIT_DE_TEKST} == UIT_DE_TEKST
    assert {oordelen[i] for i in ZWIJGT} == {"niet_beoordeeld"}
    assert set(UIT_DE_TEKST) | set(ZWIJGT) == set(oordelen)
    assert not any(io.aangepast_door_inspecteur for io in b.indicatoren)


def test_wat_in_de_dossiers_stond_beslist() -> None:
    b = compileer(KADER, bergen())
    for indicator in ("tt-dialoog", "tt-leefgebieden", "tt-veiligheid", "tt-passend"):
        io = b.oordeel(indicator)
        assert (io.oordeel, io.regel) == (X, "D"), indicator
    # Without the dossiers the jeugdprofessionals' own account decides: most say the hulp is
    # passend; what the inspecties saw in the files says otherwise.
    kaal = bergen().model_copy(update={"dossier": []})
    assert compileer(KADER, kaal).oordeel("tt-passend").oordeel == V


def test_het_eindoordeel_is_nog_niet_voldoende_als_voorstel() -> None:
    r = compileer(KADER, bergen()).themarapport
    assert r is not None
    assert (r.voldoende, r.voorstel, r.aanpassing) == (False, False, None)
    assert "in de gemeente Bergen op Zoom op dit moment nog niet voldoende is" in r.eindoordeel
    # Toeleiding en toegang: four verbeterpunten against two that voldoen.
    assert (
        r.onderbouwing[0]
        == "Toeleiding en toegang: twee van de zes beoordeelde indicatoren voldoen."
    )


def test_bijlage_2_telt_de_bronnen_per_functie() -> None:
    w = compileer(KADER, bergen()).werkwijze
    assert [(b.aantal, b.wie) for b in w.bronnen] == [
        (1, "teamleider van het wijkteam"),
        (9, "medewerkers van het wijkteam"),
        (1, "medewerker van de gemeente"),
        (1, "jeugdprofessional op een school"),
        (4, "intern begeleiders of zorgcoördinatoren van een school"),
        (1, "schoolleider"),
        (2, "huisartsen"),
        (2, "praktijkondersteuners ggz van een huisarts"),
        (3, "managers of teamleiders van een partner"),
        (1, "beleidsadviseur"),
        (6, "cliënten"),
    ]
    assert (w.dossiers, len(w.gelezen)) == (8, 5)
    interviews = {g.rol: g.interview for g in w.rollen}
    assert interviews == {"wijkteam": 10, "gemeente": 0, "partner": 14, "client": 6}
