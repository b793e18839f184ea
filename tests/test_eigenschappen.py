"""Property-based tests (Hypothesis) of the two places where arbitrary input meets the rules: the
conversation engine over every real questionnaire, and the import validator over mutated
files. Whatever comes in: no exception, a Dutch answer that fits in a Telegram message, and
nothing stored that does not fit its question or the database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from bot.knoppen import codeer
from gesprek.lengte import MAX_BERICHT, utf16_lengte
from gesprek.motor import Gesprek, Herhaal, Invoer, Opslaan, Pauze, Positie, Verplaats
from gesprek.weergave import scherm
from opslag.db import maak_engine, maak_sessionmaker
from opslag.fouten import ImportFout
from opslag.modellen import Antwoord as AntwoordRij
from opslag.modellen import Uitnodiging
from opslag.uitwisseling.exporteren import exporteer_bestand
from opslag.uitwisseling.importeren import (
    controleer_antwoordenbestand,
    importeer,
    lees_antwoordenbestand,
)
from opslag.uow import UnitOfWork
from tests.conftest import in_thread
from vragenlijsten import grenzen
from vragenlijsten.antwoorden import Antwoord, AntwoordenBestand, Bestand
from vragenlijsten.catalogus import Catalogus, laad_catalogus
from vragenlijsten.waarden import fout_in_antwoord

CATALOGUS = laad_catalogus()
VRAGENLIJSTEN = [(k, r) for k in sorted(CATALOGUS.kaders) for r in CATALOGUS.rollen(k)]
DATA = Path(__file__).parent / "data"
BESTANDEN = {
    naam: json.loads((DATA / naam).read_text(encoding="utf-8"))
    for naam in ("voorbeeld-antwoorden.json", "zwolle-bemoeizorg-jeugd.json")
}

# --- the conversation engine ------------------------------------------------------------------

_TEKST = st.one_of(
    st.sampled_from(
        [
            "12",
            "95.000",
            "²",
            "ja",
            "Nee",
            "weet ik niet",
            "n.v.t.",
            "1 3",
            "2,4",
            "15-01-2024",
            "31-02-2024",
            "maart 2011",
            "",
            "  ",
            "/overslaan",
            "😀" * 2100,
            "x" * 4500,
        ]
    ),
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1000, max_size=5000),
)
_HANDELING = st.one_of(
    st.tuples(st.just("knop"), st.integers(min_value=0, max_value=40)),
    st.tuples(st.just("tekst"), _TEKST),
    st.tuples(st.just("actie"), st.one_of(st.text(max_size=12), st.just("w:nvt"))),
    st.tuples(
        st.just("bestand"),
        st.tuples(
            st.sampled_from(["plan.pdf", "x.exe", "", "a" * 400 + ".docx", "foto.jpg"]),
            st.sampled_from([0, 10, 25 * 1024 * 1024]),
            st.sampled_from(["application/pdf", "application/x-msdownload", None]),
        ),
    ),
)


def _invoer(handeling: tuple[str, Any], knoppen: list[str]) -> Invoer:
    soort, waarde = handeling
    if soort == "knop":
        return Invoer(actie=knoppen[waarde % len(knoppen)])
    if soort == "tekst":
        return Invoer(tekst=waarde)
    if soort == "actie":
        return Invoer(actie=waarde)
    naam, grootte, mime = waarde
    return Invoer(bestand=Bestand(telegram_file_id="f", naam=naam, grootte=grootte), mime=mime)


def _bewaarbaar(antwoord: Antwoord) -> bool:
    """Every text in the answer can be stored on both databases."""
    teksten = [antwoord.toelichting, antwoord.document]
    waarden = antwoord.waarde if isinstance(antwoord.waarde, list) else [antwoord.waarde]
    teksten += [w for w in waarden if isinstance(w, str)]
    if antwoord.bestand is not None:
        teksten += [antwoord.bestand.naam, antwoord.bestand.telegram_file_id]
    return all(t is None or grenzen.opslaanbaar(t) == t for t in teksten)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(VRAGENLIJSTEN), st.lists(_HANDELING, min_size=1, max_size=60), st.randoms())
def test_de_gesprekmotor_houdt_zich_aan_de_vragenlijst(
    vragenlijst: tuple[str, str], handelingen: list[tuple[str, Any]], rng: Any
) -> None:
    kader, rol = vragenlijst
    g = Gesprek(CATALOGUS.vragenlijst(kader, rol), CATALOGUS.kader(kader), {})
    positie = g.eerste_open()
    for handeling in handelingen:
        if positie is None:  # everything dealt with: go back to a random question, as /wijzig
            positie = Positie(rng.choice(g.zichtbaar()).id)
        s = scherm(g, positie)
        assert utf16_lengte(s.volledig()) <= MAX_BERICHT
        knoppen = [k.actie for rij in s.knoppen for k in rij]
        for actie in knoppen:  # the longest id any invitation will ever have
            codeer("a", grenzen.MAX_ID, positie, actie)  # raises beyond Telegram's 64 bytes
        uitkomst = g.verwerk(positie, _invoer(handeling, knoppen))
        if isinstance(uitkomst, Herhaal):
            assert uitkomst.melding and utf16_lengte(uitkomst.melding) <= MAX_BERICHT
            continue
        if isinstance(uitkomst, Pauze):
            continue
        assert utf16_lengte(uitkomst.bevestiging) <= MAX_BERICHT
        if isinstance(uitkomst, Opslaan):
            item = g.vragenlijst.item(uitkomst.item_id)
            assert item is not None and item in g.zichtbaar()
            leeg = uitkomst.antwoord == Antwoord()  # no answer (any more): storage removes it
            assert leeg or fout_in_antwoord(item, uitkomst.antwoord) is None, uitkomst.antwoord
            assert _bewaarbaar(uitkomst.antwoord)
            antwoorden = {**g.antwoorden, uitkomst.item_id: uitkomst.antwoord}
        else:
            assert isinstance(uitkomst, Verplaats)
            antwoorden = g.antwoorden
        g = Gesprek(g.vragenlijst, g.kader, antwoorden, uitkomst.overgeslagen)
        positie = uitkomst.volgende
        assert positie is None or g.geldig(positie.item_id, positie.stap) == positie


# --- the import validator ---------------------------------------------------------------------

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda binnen: st.lists(binnen, max_size=3) | st.dictionaries(st.text(max_size=8), binnen),
    max_leaves=6,
)
_RARE_TEKST = st.sampled_from(
    ["", " ", "Jeugdzorg Noord ", "x" * 5000, "a\x00b", "\ud83d", "Familie Jansen, Dorpsstraat 3",
     "gezin 1", "2026-02-30", "beleidsniveau", "casusniveau", "ja", "nvt", "ouder", "gemeente"]
)  # fmt: skip


def _paden(data: Any, pad: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON tree (the root excluded)."""
    paden = []
    delen = (
        data.items()
        if isinstance(data, dict)
        else enumerate(data)
        if isinstance(data, list)
        else []
    )
    for sleutel, waarde in delen:
        paden.append((*pad, sleutel))
        paden.extend(_paden(waarde, (*pad, sleutel)))
    return paden


@st.composite
def _gemuteerd(draw: st.DrawFn) -> str:
    """A real answers file with a few places replaced, removed or added, or its text cut."""
    data = json.loads(json.dumps(BESTANDEN[draw(st.sampled_from(sorted(BESTANDEN)))]))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        paden = _paden(data)
        if not paden:
            break
        pad = draw(st.sampled_from(paden))
        ouder = data
        for stap in pad[:-1]:
            ouder = ouder[stap]
        soort = draw(st.sampled_from(["vervang", "tekst", "weg", "erbij"]))
        if soort == "vervang":
            ouder[pad[-1]] = draw(_JSON)
        elif soort == "tekst":
            ouder[pad[-1]] = draw(_RARE_TEKST)
        elif soort == "weg":
            del ouder[pad[-1]]
        elif isinstance(ouder, dict):
            ouder[draw(st.text(max_size=10))] = draw(_JSON)
    tekst = json.dumps(data, ensure_ascii=draw(st.booleans()))
    if draw(st.integers(min_value=0, max_value=9)) == 0:
        tekst = tekst[: draw(st.integers(min_value=0, max_value=len(tekst)))]
    return tekst


def _gecontroleerd(catalogus: Catalogus, tekst: str) -> AntwoordenBestand | str:
    """The checked file, or the one-line reason it is refused."""
    try:
        bestand = lees_antwoordenbestand(tekst)
        controleer_antwoordenbestand(catalogus, bestand)
    except ImportFout as fout:
        return str(fout)
    return bestand


@settings(max_examples=500, deadline=None)
@given(_gemuteerd())
def test_de_importcontrole_weigert_met_een_regel_of_laat_alleen_geldigs_door(tekst: str) -> None:
    uitkomst = _gecontroleerd(CATALOGUS, tekst)
    if isinstance(uitkomst, str):
        assert uitkomst and "\n" not in uitkomst and len(uitkomst) < 1000, uitkomst
        return
    kop = uitkomst.onderzoek
    assert kop.gemeente and len(kop.gemeente) <= grenzen.GEMEENTE
    assert kop.aanpak and len(kop.aanpak) <= grenzen.AANPAK
    for r in uitkomst.respondenten:
        assert r.organisatie is None or len(r.organisatie) <= grenzen.ORGANISATIE
        assert r.casus is None or len(r.casus) <= grenzen.CASUS
        vragenlijst = CATALOGUS.vragenlijst(kop.kader, r.rol)
        for item_id, antwoord in r.antwoorden.items():
            item = vragenlijst.item(item_id)
            assert item is not None and fout_in_antwoord(item, antwoord) is None
            assert _bewaarbaar(antwoord)


async def _tel(url: str) -> tuple[int, int]:
    engine = maak_engine(url)
    try:
        async with engine.connect() as verbinding:
            uitnodigingen = await verbinding.scalar(select(func.count()).select_from(Uitnodiging))
            antwoorden = await verbinding.scalar(select(func.count()).select_from(AntwoordRij))
            return uitnodigingen or 0, antwoorden or 0
    finally:
        await engine.dispose()


async def _importeer_en_exporteer(url: str, bestand: AntwoordenBestand) -> None:
    engine = maak_engine(url)
    try:
        sessions = maak_sessionmaker(engine)
        async with UnitOfWork(sessions) as uow:
            verslag = await importeer(uow, CATALOGUS, bestand, bijwerken=True)
        async with UnitOfWork(sessions) as uow:
            terug = await exporteer_bestand(uow, CATALOGUS, verslag.onderzoek_id)
        controleer_antwoordenbestand(
            CATALOGUS, lees_antwoordenbestand(json.dumps(terug.naar_json()))
        )
    finally:
        await engine.dispose()


def test_wat_de_controle_doorlaat_kan_de_database_bewaren(db_url: str) -> None:
    """Accepted files import (as updates of one onderzoek, again and again) on both databases
    and export again as valid files; a refused one stores nothing at all."""

    @settings(
        max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(_gemuteerd())
    def eigenschap(tekst: str) -> None:
        try:
            bestand = lees_antwoordenbestand(tekst)
        except ImportFout:
            return
        geldig = not isinstance(_gecontroleerd(CATALOGUS, tekst), str)
        voor = in_thread(_tel(db_url))
        try:
            in_thread(_importeer_en_exporteer(db_url, bestand))
        except ImportFout:
            assert not geldig
            assert in_thread(_tel(db_url)) == voor
        else:
            assert geldig

    eigenschap()
