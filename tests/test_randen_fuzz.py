"""The edges the random-update fuzz (tests/fuzz.py) and the property tests found: each test
here failed before its fix."""

from __future__ import annotations

import json

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gesprek import teksten
from gesprek.motor import Gesprek, Invoer, Opslaan, Positie
from opslag.antwoorden import antwoorden_van
from opslag.audit import audit_log
from opslag.beoordelingen import zet_conclusie, zet_oordeel
from opslag.fouten import ImportFout, OngeldigeInvoer
from opslag.herinneringen import al_herinnerd_regel, plan_nu
from opslag.inspecteurs import maak_inspecteur
from opslag.onderzoeken import maak_onderzoek
from opslag.uitwisseling.importeren import controleer_antwoordenbestand, lees_antwoordenbestand
from opslag.uow import UnitOfWork
from tests.bot_hulp import VANDAAG, start_bot, uitnodiging, vraagnummer
from tests.nep_telegram import Gebruiker
from vragenlijsten.antwoorden import Bestand
from vragenlijsten.catalogus import Catalogus

Sessies = async_sessionmaker[AsyncSession]


async def _nummer(catalogus: Catalogus, item_id: str) -> int:
    return vraagnummer(catalogus, "beleidsniveau", "gemeente", item_id)


async def test_tekens_die_geen_database_bewaart(sessions: Sessies, catalogus: Catalogus) -> None:
    """A NUL (PostgreSQL refuses it) and half a surrogate pair (no UTF-8) in what people type:
    left out, the rest stored; also in the audit log of a forged button."""
    bot = await start_bot(sessions, catalogus)
    info = await uitnodiging(sessions, catalogus, "beleidsniveau", "gemeente")
    respondent = Gebruiker(bot.app, bot.nep, 9701)
    await respondent.typ(f"/start {info.token}")
    await respondent.druk("Beginnen")
    await respondent.typ(f"/wijzig_{await _nummer(catalogus, 'aanpak-beschrijving')}")
    antwoord = respondent.berichten(await respondent.typ("Wijk\x00teams \ud83d voor gezinnen"))
    assert antwoord[0].startswith("✓ Opgeslagen: Wijkteams  voor gezinnen")
    async with UnitOfWork(sessions) as uow:
        opgeslagen = (await antwoorden_van(uow, [info.id]))[info.id]
    assert opgeslagen["aanpak-beschrijving"].waarde == "Wijkteams  voor gezinnen"
    vreemde = Gebruiker(bot.app, bot.nep, 9702)
    await vreemde.typ("/status 1\x00\udc00")
    async with UnitOfWork(sessions) as uow:
        assert [r.details for r in await audit_log(uow, alleen_geweigerd=True)] == ["/status 1"]


async def test_knop_terwijl_om_tekst_gevraagd_is(sessions: Sessies, catalogus: Catalogus) -> None:
    """'Eigen bevinding', then 'Naar het einde', then typing used to crash on an index past the
    last indicator; a button while a text is asked for now means: not typing after all."""
    bot = await start_bot(sessions, catalogus)
    async with UnitOfWork(sessions) as uow:
        onderzoek = await maak_onderzoek(uow, catalogus, "Aa", "Bb", "beleidsniveau")
    async with UnitOfWork(sessions) as uow:
        ik = await maak_inspecteur(uow, "A. de Vries", coordinator=True)
    inspecteur = Gebruiker(bot.app, bot.nep, 9711)
    await inspecteur.typ(f"/start {ik.token}")
    await inspecteur.typ(f"/beoordeling {onderzoek.id}")
    await inspecteur.druk("✎ Eigen bevinding")
    einde = inspecteur.berichten(await inspecteur.druk_data("b|bo|einde|0"))
    assert einde[0].startswith("Beoordeling Aa · Bb (concept)")
    kies = "Kies een van de knoppen hierboven, of /annuleer."
    assert inspecteur.berichten(await inspecteur.typ("Toch nog een bevinding")) == [kies]
    await inspecteur.druk("Conclusies per thema")
    await inspecteur.druk("✎ Wat gaat goed")
    volgende = inspecteur.berichten(await inspecteur.druk_data("b|bo|tok|0"))
    assert volgende[0].startswith("Conclusie 2 van 5")
    assert inspecteur.berichten(await inspecteur.typ("Een regel")) == [kies]
    assert not [o for o in bot.nep.oproepen if o.tekst == teksten.FOUT]


async def test_inspecteursteksten_hebben_grenzen(sessions: Sessies, catalogus: Catalogus) -> None:
    async with UnitOfWork(sessions) as uow:
        onderzoek = await maak_onderzoek(uow, catalogus, "Aa", "Bb", "beleidsniveau")
    async with UnitOfWork(sessions) as uow:
        with pytest.raises(OngeldigeInvoer) as bevinding:
            await zet_oordeel(
                uow, catalogus, onderzoek.id, "tl-omschrijving", None, "x" * 5000, "ik"
            )
    assert str(bevinding.value) == "bevinding is 5000 tekens lang; maximaal 4000"
    async with UnitOfWork(sessions) as uow:
        with pytest.raises(OngeldigeInvoer) as regel:
            await zet_conclusie(
                uow, catalogus, onderzoek.id, "Toeleiding", None, ["y" * 4001], "ik"
            )
    assert str(regel.value) == "regel bij 'Wat kan beter?' is 4001 tekens lang; maximaal 4000"


async def test_oude_bevestiging_wist_niets(sessions: Sessies, catalogus: Catalogus) -> None:
    """A 'Ja, alles wissen' pressed after new answers, or pressed twice, erases nothing."""
    bot = await start_bot(sessions, catalogus)
    info = await uitnodiging(sessions, catalogus, "beleidsniveau", "gemeente")
    respondent = Gebruiker(bot.app, bot.nep, 9721)
    await respondent.typ(f"/start {info.token}")
    await respondent.druk("Beginnen")
    await respondent.typ("95000")
    await respondent.typ("/wissen")
    wissen = respondent.laatste_met_knoppen()
    await respondent.typ("/verder")
    await respondent.typ("12000")  # answered after the question was asked
    oud = respondent.berichten(await respondent.druk_data(wissen.callback("Ja, alles wissen")))
    assert oud == [teksten.verouderde_bevestiging("/wissen")]
    async with UnitOfWork(sessions) as uow:
        assert len((await antwoorden_van(uow, [info.id]))[info.id]) == 2
    await respondent.typ("/wissen")
    nu = respondent.laatste_met_knoppen().callback("Ja, alles wissen")
    assert respondent.berichten(await respondent.druk_data(nu)) == [
        "Uw 2 antwoorden zijn gewist. Typ /verder om opnieuw te beginnen."
    ]
    assert respondent.berichten(await respondent.druk_data(nu)) == [
        teksten.verouderde_bevestiging("/wissen")
    ]
    # A confirmation from before confirmations carried a fingerprint: confirms nothing.
    assert respondent.berichten(await respondent.druk_data(f"i|{info.id}|ja")) == [
        teksten.verouderde_bevestiging("/indienen")
    ]


async def test_geen_weg_terug_op_de_eerste_vraag(sessions: Sessies, catalogus: Catalogus) -> None:
    """'Vorige' on the first question redrew the same buttons (Telegram refuses an edit that
    changes nothing); it is not offered there, and an old press gets an answer."""
    bot = await start_bot(sessions, catalogus)
    info = await uitnodiging(sessions, catalogus, "beleidsniveau", "gemeente")
    respondent = Gebruiker(bot.app, bot.nep, 9731)
    await respondent.typ(f"/start {info.token}")
    await respondent.druk("Beginnen")
    assert "◀ Vorige" not in respondent.laatste_met_knoppen().knoppen()
    oproepen = await respondent.druk_data(f"a|{info.id}|inwoners|w|vorige")
    assert respondent.berichten(oproepen) == ["Dit is de eerste vraag; verder terug kan niet."]
    assert [o.methode for o in oproepen] == ["answerCallbackQuery", "sendMessage"]


async def test_herinneren_hooguit_eens_per_halve_dag(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    """Pressing 'herinner' twenty times sent twenty reminders to everybody."""
    bot = await start_bot(sessions, catalogus)
    info = await uitnodiging(sessions, catalogus, "beleidsniveau", "gemeente")
    await Gebruiker(bot.app, bot.nep, 9741).typ(f"/start {info.token}")
    async with UnitOfWork(sessions) as uow:
        eerste = await plan_nu(uow, catalogus, info.onderzoek_id, "ik", VANDAAG)
    async with UnitOfWork(sessions) as uow:
        tweede = await plan_nu(uow, catalogus, info.onderzoek_id, "ik", VANDAAG)
    assert (len(eerste.te_versturen), len(tweede.te_versturen)) == (1, 0)
    assert al_herinnerd_regel(tweede) == "overgeslagen (al herinnerd in de afgelopen 12 uur): 1"


def test_lange_bestandsnaam(catalogus: Catalogus) -> None:
    """A 400-character file name fit the chat but not the column (PostgreSQL refused it)."""
    kader = catalogus.kader("beleidsniveau")
    g = Gesprek(catalogus.vragenlijst("beleidsniveau", "gemeente"), kader, {})
    bestand = Bestand(telegram_file_id="f", naam="b" * 400 + ".pdf", grootte=10)
    uitkomst = g.verwerk(Positie("ap-beleid", "document"), Invoer(bestand=bestand))
    assert isinstance(uitkomst, Opslaan) and uitkomst.antwoord.bestand is not None
    naam = uitkomst.antwoord.bestand.naam
    assert naam is not None and len(naam) == 300 and naam.endswith("b….pdf")
    bestandsdata = {
        "formaat": "stj-antwoorden/1",
        "onderzoek": {"gemeente": "Aa", "aanpak": "Bb", "kader": "beleidsniveau"},
        "respondenten": [
            {
                "rol": "gemeente",
                "organisatie": "Gemeente Aa",
                "antwoorden": {"ap-beleid": {"waarde": "ja", "bestand": bestand.model_dump()}},
            }
        ],
    }
    with pytest.raises(ImportFout) as fout:
        controleer_antwoordenbestand(catalogus, lees_antwoordenbestand(json.dumps(bestandsdata)))
    assert str(fout.value) == (
        "respondent 1 (gemeente 'Gemeente Aa'): vraag 'ap-beleid': bestandsnaam is 404 tekens "
        "lang; maximaal 300"
    )
