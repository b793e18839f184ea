"""The parents' questionnaire: short, in plain language, consent first, the toelichting offered
with the question, n.v.t. where the kader allows it, and a parent can stop without consequences."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cli.main import stj
from gesprek.motor import Gesprek, Herhaal, Invoer, Opslaan, Positie
from gesprek.weergave import scherm
from opslag.antwoorden import antwoorden_van
from opslag.db import maak_engine, maak_sessionmaker
from opslag.uow import UnitOfWork
from tests.bot_hulp import start_bot, uitnodiging
from tests.conftest import in_thread
from tests.nep_telegram import Gebruiker
from vragenlijsten.antwoorden import Antwoord
from vragenlijsten.catalogus import Catalogus
from vragenlijsten.model import KernvraagItem

# Words a parent should not have to know (B1): the kader's own jargon.
JARGON = ("regisseur", "ggsr", "indicator", "outreachend", "netwerkpartner", "probleemanalyse")


def test_een_kernvraag_voor_elke_indicator_die_het_kader_ouders_vraagt(
    catalogus: Catalogus,
) -> None:
    vl = catalogus.vragenlijst("casusniveau", "ouder")
    kader = catalogus.kader("casusniveau")
    gevraagd = [i.id for _, _, i in kader.indicatoren() if "ouder" in i.rollen]
    kernvragen = [i.id for i in vl.items() if isinstance(i, KernvraagItem)]
    assert sorted(kernvragen) == sorted(gevraagd) and len(kernvragen) == 21
    assert len(vl.items()) < 30 and vl.duur_minuten <= 10
    assert all(i.toelichting == "bij_vraag" for i in vl.items() if isinstance(i, KernvraagItem))


def test_eenvoudige_taal(catalogus: Catalogus) -> None:
    vl = catalogus.vragenlijst("casusniveau", "ouder")
    for item in vl.items():
        tekst = " ".join(t for t in (item.vraag, item.uitleg or "") if t).lower()
        assert not any(w in tekst for w in JARGON), (item.id, tekst)
        for zin in re.split(r"(?<=[.?!])\s+", item.vraag.strip()):
            assert len(zin.split()) <= 20, (item.id, zin)


def _gesprek(catalogus: Catalogus, meedoen: bool = True) -> Gesprek:
    antwoorden = {"toestemming": Antwoord(waarde="ja")} if meedoen else {}
    return Gesprek(
        catalogus.vragenlijst("casusniveau", "ouder"), catalogus.kader("casusniveau"), antwoorden
    )


def test_toelichting_bij_de_vraag_in_elke_volgorde(catalogus: Catalogus) -> None:
    g = _gesprek(catalogus)
    positie = Positie("cg-doelen")
    getoond = scherm(g, positie)
    assert "✏️ Wat wilde u bereiken? U mag dat typen, maar het hoeft niet." in getoond.tekst
    # Typing first: the text is kept and the same question stays open for the answer.
    eerst = g.verwerk(positie, Invoer(tekst="We wilden weer rust in huis."))
    assert isinstance(eerst, Opslaan) and eerst.volgende == positie
    assert eerst.antwoord.toelichting == "We wilden weer rust in huis."
    assert eerst.antwoord.waarde is None
    g = Gesprek(g.vragenlijst, g.kader, {**g.antwoorden, "cg-doelen": eerst.antwoord})
    knop = g.verwerk(positie, Invoer(actie="w:ja"))
    assert isinstance(knop, Opslaan) and knop.volgende == Positie("cg-aanpak")
    assert (knop.antwoord.waarde, knop.antwoord.toelichting) == (
        "ja",
        "We wilden weer rust in huis.",
    )
    # "ja" typed is the answer, not a toelichting.
    getypt = _gesprek(catalogus).verwerk(positie, Invoer(tekst="Ja"))
    assert isinstance(getypt, Opslaan) and getypt.antwoord.waarde == "ja"
    # Answered already (coming back to it): a typed text adds the toelichting and moves on.
    g = Gesprek(g.vragenlijst, g.kader, {**g.antwoorden, "cg-doelen": knop.antwoord})
    later = g.verwerk(positie, Invoer(tekst="Eigenlijk vooral minder schulden."))
    assert isinstance(later, Opslaan) and later.volgende == Positie("cg-aanpak")


def test_niet_nodig_waar_het_kader_niet_van_toepassing_toestaat(catalogus: Catalogus) -> None:
    g = _gesprek(catalogus)
    getoond = scherm(g, Positie("cg-netwerk-opbouw"))
    labels = [k.label for rij in getoond.knoppen for k in rij]
    assert "Niet nodig: ik heb genoeg steun" in labels
    uitkomst = g.verwerk(Positie("cg-netwerk-opbouw"), Invoer(actie="w:nvt"))
    assert isinstance(uitkomst, Opslaan) and uitkomst.antwoord.waarde == "nvt"
    assert uitkomst.bevestiging == "Niet nodig: ik heb genoeg steun"
    # No such button where the kader does not allow it, and a forged one is refused.
    assert "Niet nodig" not in " ".join(
        k.label for rij in scherm(g, Positie("cg-doelen")).knoppen for k in rij
    )
    geweigerd = g.verwerk(Positie("cg-doelen"), Invoer(actie="w:nvt"))
    assert isinstance(geweigerd, Herhaal)


def test_niet_meedoen_beeindigt_de_vragenlijst(catalogus: Catalogus) -> None:
    g = _gesprek(catalogus, meedoen=False)
    assert g.aantal_vragen() == 24 and g.voortgang("toestemming")[:2] == (1, 24)
    assert g.eerste_open() == Positie("toestemming")
    nee = g.verwerk(Positie("toestemming"), Invoer(actie="w:nee"))
    assert isinstance(nee, Opslaan) and nee.volgende is None
    na = Gesprek(g.vragenlijst, g.kader, {"toestemming": nee.antwoord})
    assert [i.id for i in na.zichtbaar()] == ["toestemming"]
    assert na.einde() is not None and "geen gevolgen" in na.einde()
    ja = g.verwerk(Positie("toestemming"), Invoer(actie="w:ja"))
    assert isinstance(ja, Opslaan) and ja.volgende == Positie("wie-bent-u")


def _chat(db_url: str, catalogus: Catalogus, monkeypatch: pytest.MonkeyPatch, regels: list[str]):
    engine = maak_engine(db_url)
    info = in_thread(uitnodiging(maak_sessionmaker(engine), catalogus, "casusniveau", "ouder"))
    in_thread(engine.dispose())
    monkeypatch.setenv("STJ_DATABASE_URL", db_url)
    return info, CliRunner().invoke(stj, ["chat", info.token], input="\n".join([*regels, ""]))


def test_ouder_vult_alles_in_via_stj_chat_in_minder_dan_30_berichten(
    db_url: str, catalogus: Catalogus, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    kernvragen = [
        i for i in catalogus.vragenlijst("casusniveau", "ouder").items() if i.type == "kernvraag"
    ]
    regels = ["1", "1"]  # Ja, ik doe mee · Ik ben de moeder
    regels.append("Het duurde drie weken.")  # typed with the first kernvraag, then its answer
    for n, _ in enumerate(kernvragen):
        regels.append("1" if n % 4 else "3")  # Ja, now and then Nee
    regels.append("Ik was blij met de hulp.")  # the last, open question
    regels += ["/indienen", "j"]
    assert len(regels) < 30
    info, uit = _chat(db_url, catalogus, monkeypatch, regels)
    assert uit.exit_code == 0, uit.output
    assert "!" not in "".join(r[:2] for r in uit.output.splitlines())  # no re-prompts
    assert uit.output.rstrip().endswith("Dank u wel, uw antwoorden zijn ingediend.")
    uit_bestand = tmp_path / "export.json"
    export = CliRunner().invoke(
        stj, ["export", str(info.onderzoek_id), "--formaat", "json", "--uit", str(uit_bestand)]
    )
    assert export.exit_code == 0, export.output
    antwoorden = json.loads(uit_bestand.read_text("utf-8"))["respondenten"][0]["antwoorden"]
    assert antwoorden["toestemming"] == {"waarde": "ja"}
    assert antwoorden["wie-bent-u"] == {"waarde": "moeder"}
    assert antwoorden["ct-direct-start"] == {
        "waarde": "nee",
        "toelichting": "Het duurde drie weken.",
    }
    assert antwoorden["cg-probleemanalyse"] == {"waarde": "ja"}
    assert antwoorden["nog-iets"] == {"waarde": "Ik was blij met de hulp."}


def test_ouder_die_niet_meedoet_is_meteen_klaar(
    db_url: str, catalogus: Catalogus, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, uit = _chat(db_url, catalogus, monkeypatch, ["2", "/stop"])
    assert uit.exit_code == 0, uit.output
    assert "Dat is goed. U hoeft verder niets te doen." in uit.output
    assert "Vraag 2 van" not in uit.output


async def test_ouder_in_telegram(
    sessions: async_sessionmaker[AsyncSession], catalogus: Catalogus
) -> None:
    bot = await start_bot(sessions, catalogus)
    info = await uitnodiging(sessions, catalogus, "casusniveau", "ouder")
    ouder = Gebruiker(bot.app, bot.nep, 7001)
    welkom = ouder.berichten(await ouder.typ(f"/start {info.token}"))[0]
    assert "Het zijn 24 vragen; dat duurt ongeveer 10 minuten." in welkom
    assert "Wij vragen niet naar uw naam" in welkom
    eerste = ouder.berichten(await ouder.druk("Beginnen"))[-1]
    assert eerste.startswith("Vraag 1 van 24 · Voordat we beginnen")
    await ouder.druk("Ja, ik doe mee")
    await ouder.druk("Ik ben de vader")
    # Typing first keeps the explanation and asks for the answer again, on the same question.
    getypt = ouder.berichten(await ouder.typ("Het duurde een maand."))[-1]
    assert getypt.startswith("✓ Opgeslagen: uw uitleg. Kies nu nog een antwoord.")
    assert (
        "Vraag 3 van 24" in getypt
        and "Huidig antwoord: toelichting: Het duurde een maand." in getypt
    )
    volgende = ouder.berichten(await ouder.druk("Nee"))[-1]
    assert volgende.startswith("Vraag 4 van 24")
    for _ in range(8):  # to cg-netwerk-opbouw
        await ouder.druk("Ja")
    assert "Niet nodig: ik heb genoeg steun" in ouder.laatste_met_knoppen().knoppen()
    await ouder.druk("Niet nodig: ik heb genoeg steun")
    async with UnitOfWork(sessions) as uow:
        antwoorden = (await antwoorden_van(uow, [info.id]))[info.id]
    assert antwoorden["ct-direct-start"].model_dump(exclude_none=True) == {
        "waarde": "nee",
        "toelichting": "Het duurde een maand.",
    }
    assert antwoorden["cg-netwerk-opbouw"].waarde == "nvt"
    assert antwoorden["wie-bent-u"].waarde == "vader"
    # A second parent of the same family declines: nothing more is asked.
    tweede = await uitnodiging(sessions, catalogus, "casusniveau", "ouder")
    moeder = Gebruiker(bot.app, bot.nep, 7002)
    await moeder.typ(f"/start {tweede.token}")
    await moeder.druk("Beginnen")
    klaar = moeder.berichten(await moeder.druk("Nee, liever niet"))
    assert any("Dat is goed. U hoeft verder niets te doen." in t for t in klaar)
    assert any("Dat is goed." in t for t in moeder.berichten(await moeder.typ("/verder")))
