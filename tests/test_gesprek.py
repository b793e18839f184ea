"""The conversation engine without Telegram: order, conditions, steps, validation, back, skip."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gesprek.invoer import lees_datum, lees_getal
from gesprek.motor import Gesprek, Herhaal, Invoer, Opslaan, Pauze, Positie, Verplaats
from gesprek.weergave import overzicht, scherm
from vragenlijsten.antwoorden import Antwoord, Bestand
from vragenlijsten.laden import laad_kaders, laad_vragenlijst_bestand
from vragenlijsten.model import Kader, Vragenlijst

FIXTURES = Path(__file__).parent / "fixtures" / "vragenlijsten"


@pytest.fixture(scope="module")
def mini() -> tuple[Vragenlijst, Kader]:
    kaders = laad_kaders(FIXTURES / "kaders")
    return laad_vragenlijst_bestand(FIXTURES / "mini" / "gemeente.yaml", kaders), kaders["mini"]


def gesprek(mini: tuple[Vragenlijst, Kader], **antwoorden: Antwoord) -> Gesprek:
    return Gesprek(mini[0], mini[1], {k.replace("_", "-"): v for k, v in antwoorden.items()})


def doe(g: Gesprek, positie: Positie, **invoer: object) -> tuple[Gesprek, object]:
    """Apply an input and return the conversation as it is after storing the outcome."""
    uitkomst = g.verwerk(positie, Invoer(**invoer))  # type: ignore[arg-type]
    if isinstance(uitkomst, Opslaan):
        g = Gesprek(
            g.vragenlijst,
            g.kader,
            {**g.antwoorden, uitkomst.item_id: uitkomst.antwoord},
            uitkomst.overgeslagen,
        )
    elif isinstance(uitkomst, Verplaats):
        g = Gesprek(g.vragenlijst, g.kader, g.antwoorden, uitkomst.overgeslagen)
    return g, uitkomst


def test_hele_vragenlijst_in_volgorde(mini: tuple[Vragenlijst, Kader]) -> None:
    g = gesprek(mini)
    assert g.eerste_open() == Positie("inwoners")
    assert scherm(g, Positie("inwoners")).voortgang == "Vraag 1 van 5 · Context"
    g, u = doe(g, Positie("inwoners"), tekst="1.001")
    assert isinstance(u, Herhaal) and u.melding == "Vul een getal tussen 0 en 1000 in."
    g, u = doe(g, Positie("inwoners"), tekst="950")
    assert isinstance(u, Opslaan) and u.volgende == Positie("soort")
    g, u = doe(g, Positie("soort"), actie="w:anders")
    # The condition now shows the follow-up, so the total grows.
    assert isinstance(u, Opslaan) and u.volgende == Positie("soort-anders")
    assert scherm(g, Positie("soort-anders")).voortgang == "Vraag 3 van 6 · Context"
    g, u = doe(g, Positie("soort-anders"), tekst="Een eigen team")
    assert isinstance(u, Opslaan) and u.volgende == Positie("mi-een")
    g, u = doe(g, Positie("mi-een"), actie="w:ja")
    assert isinstance(u, Opslaan) and u.volgende == Positie("mi-een", "toelichting")
    g, u = doe(g, Positie("mi-een", "toelichting"), actie="overslaan")
    # mi-een has no vastlegging: no document step.
    assert isinstance(u, Verplaats) and u.volgende == Positie("mi-twee")
    g, u = doe(g, Positie("mi-twee"), tekst="Deels")
    assert isinstance(u, Opslaan) and u.volgende == Positie("mi-twee", "toelichting")
    g, u = doe(g, Positie("mi-twee", "toelichting"), tekst="Alleen in Noord.")
    assert isinstance(u, Opslaan) and u.volgende == Positie("mi-twee", "document")
    g, u = doe(g, Positie("mi-twee", "document"), tekst="Beleidsplan 2024")
    assert isinstance(u, Opslaan) and u.volgende == Positie("mi-drie")
    assert g.antwoorden["mi-twee"] == Antwoord(
        waarde="deels", toelichting="Alleen in Noord.", document="Beleidsplan 2024"
    )
    g, u = doe(g, Positie("mi-drie"), actie="w:nee")
    g, u = doe(g, Positie("mi-drie", "toelichting"), actie="overslaan")
    assert isinstance(u, Verplaats) and u.volgende == Positie("mi-drie-uitleg")
    g, u = doe(g, Positie("mi-drie-uitleg"), actie="overslaan")
    assert isinstance(u, Verplaats) and u.volgende is None
    assert g.ontbrekend() == [] and g.eerste_open() is None


def test_verplichte_vraag_niet_overslaan(mini: tuple[Vragenlijst, Kader]) -> None:
    _, u = doe(gesprek(mini), Positie("inwoners"), actie="overslaan")
    assert u == Herhaal("Deze vraag is verplicht. Kies of typ een antwoord.")
    assert "Overslaan" not in [
        k.label for rij in scherm(gesprek(mini), Positie("inwoners")).knoppen for k in rij
    ]


def test_vorige(mini: tuple[Vragenlijst, Kader]) -> None:
    g = gesprek(mini, inwoners=Antwoord(waarde=5), soort=Antwoord(waarde="wijkteam"))
    assert g.vorige(Positie("mi-een")) == Positie("soort")  # the hidden follow-up is skipped
    assert g.vorige(Positie("mi-twee", "document")) == Positie("mi-twee", "toelichting")
    assert g.vorige(Positie("inwoners")) is None
    # The first question offers no way back; an old "Vorige" button there is answered.
    knoppen = [k.label for rij in scherm(g, Positie("inwoners")).knoppen for k in rij]
    assert "◀ Vorige" not in knoppen and "◀ Vorige" in [
        k.label for rij in scherm(g, Positie("soort")).knoppen for k in rij
    ]
    _, u = doe(g, Positie("inwoners"), actie="vorige")
    assert u == Herhaal("Dit is de eerste vraag; verder terug kan niet.")
    _, u = doe(g, Positie("soort"), actie="vorige")
    assert u == Verplaats(Positie("inwoners"), "◀ Vorige", frozenset())
    assert isinstance(g.verwerk(Positie("inwoners"), Invoer(actie="later")), Pauze)


def test_verborgen_positie_valt_terug_op_eerste_open(mini: tuple[Vragenlijst, Kader]) -> None:
    g = gesprek(mini, inwoners=Antwoord(waarde=5), soort=Antwoord(waarde="wijkteam"))
    assert g.geldig("soort-anders", "waarde") == Positie("mi-een")
    assert g.geldig("bestaat-niet", "waarde") == Positie("mi-een")
    assert g.geldig("mi-een", "document") == Positie("mi-een")  # no document step there


@pytest.mark.parametrize(
    ("invoer", "melding"),
    [
        ({"tekst": "misschien"}, "Kies een antwoord: Ja, Deels, Nee of Weet ik niet."),
        (
            {"bestand": Bestand(telegram_file_id="x", naam="a.pdf", grootte=10)},
            "Bij deze vraag hoort geen bestand. Kies of typ een antwoord.",
        ),
    ],
)
def test_kernvraag_herhaalt(
    mini: tuple[Vragenlijst, Kader], invoer: dict[str, object], melding: str
) -> None:
    assert gesprek(mini).verwerk(Positie("mi-een"), Invoer(**invoer)) == Herhaal(melding)  # type: ignore[arg-type]


def test_document_bestanden(mini: tuple[Vragenlijst, Kader]) -> None:
    g = gesprek(mini, mi_twee=Antwoord(waarde="ja"))
    groot = Bestand(telegram_file_id="x", naam="plan.pdf", grootte=30 * 1024 * 1024)
    assert g.verwerk(Positie("mi-twee", "document"), Invoer(bestand=groot)) == Herhaal(
        "Dit bestand is te groot (30 MB). Stuur een bestand tot 20 MB, of typ alleen de titel "
        "van het document."
    )
    raar = Bestand(telegram_file_id="x", naam="virus.exe", grootte=10)
    u = g.verwerk(Positie("mi-twee", "document"), Invoer(bestand=raar, mime="application/x-exe"))
    assert isinstance(u, Herhaal) and u.melding.startswith("Dit soort bestand kan ik niet aannemen")
    goed = Bestand(telegram_file_id="f1", naam="plan.pdf", grootte=1000)
    u = g.verwerk(Positie("mi-twee", "document"), Invoer(bestand=goed, mime="application/pdf"))
    assert isinstance(u, Opslaan)
    assert u.antwoord == Antwoord(waarde="ja", document="plan.pdf", bestand=goed)


def test_overzicht_en_hervatten(mini: tuple[Vragenlijst, Kader]) -> None:
    g = Gesprek(mini[0], mini[1], {"inwoners": Antwoord(waarde=12)}, {"soort"})
    assert g.eerste_open() == Positie("mi-een")
    delen = overzicht(g)
    assert [t for t, _ in delen] == ["Context", "Toeleiding", "Continu"]
    assert [(r.nummer, r.antwoord) for r in delen[0][1]] == [(1, "12"), (2, "overgeslagen")]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "w:ja",
                "w:nee",
                "w:deels",
                "w:weet_niet",
                "w:anders",
                "w:wijkteam",
                "overslaan",
                "vorige",
                "tekst",
                "7",
                "x",
            ]
        ),
        max_size=40,
    )
)
def test_willekeurige_invoer_blijft_binnen_de_vragenlijst(acties: list[str]) -> None:
    """Whatever a respondent does, the engine stays on existing, shown steps and never stores
    a value the item does not accept."""
    kaders = laad_kaders(FIXTURES / "kaders")
    vl = laad_vragenlijst_bestand(FIXTURES / "mini" / "gemeente.yaml", kaders)
    g = Gesprek(vl, kaders["mini"], {})
    positie = g.eerste_open()
    for actie in acties:
        if positie is None:
            break
        invoer = (
            Invoer(tekst=actie)
            if not (":" in actie or actie in ("overslaan", "vorige"))
            else Invoer(actie=actie)
        )
        g, u = doe(g, positie, **invoer.__dict__)
        if isinstance(u, Opslaan | Verplaats):
            positie = u.volgende
        assert positie is None or positie == g.geldig(positie.item_id, positie.stap)
    from vragenlijsten.waarden import fout_in_antwoord

    for item_id, antwoord in g.antwoorden.items():
        item = vl.item(item_id)
        assert item is not None and fout_in_antwoord(item, antwoord) is None


@pytest.mark.parametrize(
    ("tekst", "getal"),
    [
        ("95000", 95000),
        ("95.000", 95000),
        ("95 000", 95000),
        ("ongeveer 50", 50),
        ("-3", -3),
        ("1,5", None),
        ("veel", None),
    ],
)
def test_lees_getal(tekst: str, getal: int | None) -> None:
    assert lees_getal(tekst) == getal


@pytest.mark.parametrize(
    ("tekst", "iso"),
    [
        ("15-01-2024", "2024-01-15"),
        ("2024-1-5", "2024-01-05"),
        ("15 januari 2024", "2024-01-15"),
        ("maart 2011", "2011-03-01"),
        ("31-02-2024", None),
        ("gisteren", None),
    ],
)
def test_lees_datum(tekst: str, iso: str | None) -> None:
    datum = lees_datum(tekst)
    assert (datum.isoformat() if datum else None) == iso


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "w:ja",
                "w:nee",
                "w:anders",
                "w:gemeente",
                "m:a",
                "m:b",
                "klaar",
                "overslaan",
                "vorige",
                "houden",
                "tekst",
                "",
                "7",
                "950",
            ]
        ),
        max_size=40,
    )
)
def test_volgende_stand_zonder_opnieuw_bouwen_is_dezelfde(acties: list[str]) -> None:
    """The state the engine hands on after an outcome (`na`, shared where nothing changed) is
    the one a fresh Gesprek over the stored answers would be: same answers, skips, shown and
    counted items, next open step and screen."""
    kaders = laad_kaders(FIXTURES / "kaders")
    vl = laad_vragenlijst_bestand(FIXTURES / "mini" / "gemeente.yaml", kaders)
    g = Gesprek(vl, kaders["mini"], {})
    positie = g.eerste_open()
    for actie in acties:
        if positie is None:
            break
        doen = ":" in actie or actie in ("overslaan", "vorige", "houden", "klaar")
        u = g.verwerk(positie, Invoer(actie=actie) if doen else Invoer(tekst=actie))
        if not isinstance(u, Opslaan | Verplaats):
            continue
        na = g.na(u)
        opgeslagen = dict(g.antwoorden)
        if isinstance(u, Opslaan):
            opgeslagen[u.item_id] = u.antwoord
            if u.antwoord == Antwoord():  # storing an empty answer removes it
                del opgeslagen[u.item_id]
        vers = Gesprek(vl, kaders["mini"], opgeslagen, u.overgeslagen)
        assert na.antwoorden == vers.antwoorden and na.overgeslagen == vers.overgeslagen
        assert [i.id for i in na.zichtbaar()] == [i.id for i in vers.zichtbaar()]
        assert na.aantal_vragen() == vers.aantal_vragen()
        assert [na.nummer(i.id) for i in vl.items()] == [vers.nummer(i.id) for i in vl.items()]
        assert na.eerste_open() == vers.eerste_open()
        positie = u.volgende
        if positie is not None:
            assert scherm(na, positie) == scherm(vers, positie)
        g = na
