"""The respondent's conversation through the real Telegram adapter, offline, on both backends:
whole questionnaires for every role, restart, duplicate and stale updates, and bad input."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Update

from bot.knoppen import codeer
from gesprek import teksten
from gesprek.motor import Gesprek, Positie
from gesprek.weergave import scherm
from opslag.modellen import Antwoord, AntwoordHistorie, Uitnodiging
from tests.bot_hulp import (
    beantwoord,
    item_in,
    start_bot,
    stop_apps,
    tot_kernvraag,
    uitnodiging,
    vul_in,
)
from tests.nep_telegram import Gebruiker
from vragenlijsten.catalogus import Catalogus

Sessies = async_sessionmaker[AsyncSession]
ROLLEN = [
    ("beleidsniveau", "gemeente"),
    ("beleidsniveau", "netwerkpartner"),
    ("casusniveau", "ouder"),
    ("casusniveau", "regisseur"),
    ("casusniveau", "professional"),
    ("wijkteams", "wijkteam"),
    ("wijkteams", "gemeente"),
    ("wijkteams", "partner"),
    ("wijkteams", "client"),
]


async def _status(sessions: Sessies, uitnodiging_id: int) -> tuple[str, int, int | None]:
    async with sessions() as s:
        u = await s.get(Uitnodiging, uitnodiging_id)
        assert u is not None
        aantal = await s.scalar(
            select(func.count())
            .select_from(Antwoord)
            .where(Antwoord.uitnodiging_id == uitnodiging_id)
        )
        return u.status, aantal or 0, u.telegram_user_id


@pytest.mark.parametrize(("kader", "rol"), ROLLEN)
async def test_van_link_tot_ingediend(
    sessions: Sessies, catalogus: Catalogus, kader: str, rol: str
) -> None:
    bot = await start_bot(sessions, catalogus)
    info = await uitnodiging(sessions, catalogus, kader, rol)
    gebruiker = Gebruiker(bot.app, bot.nep, 5001)
    welkom = gebruiker.berichten(await gebruiker.typ(f"/start {info.token}"))
    assert len(welkom) == 1
    assert "Leeuwarden" in welkom[0] and "Sterke Gezinnen" in welkom[0]
    assert "niet end-to-end versleuteld" in welkom[0] or "niet extra beveiligd" in welkom[0]
    assert "31 december 2026" in welkom[0]
    vragenlijst = catalogus.vragenlijst(kader, rol)
    beantwoord = await vul_in(gebruiker, vragenlijst, await gebruiker.druk("Beginnen"))
    assert set(beantwoord) <= {i.id for i in vragenlijst.items()}
    status, aantal, gebonden = await _status(sessions, info.id)
    assert (status, aantal, gebonden) == ("bezig", len(beantwoord), 5001)
    bevestig = await gebruiker.typ("/indienen")
    assert "Wilt u uw antwoorden nu indienen?" in bevestig[-1].tekst
    klaar = await gebruiker.druk("Ja, indienen")
    assert any("Hartelijk dank" in t for t in gebruiker.berichten(klaar))
    assert (await _status(sessions, info.id))[0] == "ingediend"
    na = gebruiker.berichten(await gebruiker.typ("nog iets"))
    assert na == [teksten.AL_INGEDIEND]


async def test_herstart_hervat_bij_de_juiste_vraag(sessions: Sessies, catalogus: Catalogus) -> None:
    bot = await start_bot(sessions, catalogus)
    info = await uitnodiging(sessions, catalogus, "beleidsniveau", "gemeente")
    gebruiker = Gebruiker(bot.app, bot.nep, 6001)
    await gebruiker.typ(f"/start {info.token}")
    vragenlijst = catalogus.vragenlijst("beleidsniveau", "gemeente")
    gedaan = await vul_in(gebruiker, vragenlijst, await gebruiker.druk("Beginnen"), stop_na=5)
    verwacht = gebruiker.laatste_met_knoppen().tekst
    await stop_apps()
    # A new process: new Application, same database.
    opnieuw = await start_bot(sessions, catalogus)
    zelfde = Gebruiker(opnieuw.app, opnieuw.nep, 6001)
    zelfde._update_ids = gebruiker._update_ids
    hervat = zelfde.berichten(await zelfde.typ("/verder"))
    # The same question again (before the restart it carried the "✓ Opgeslagen" of the answer).
    assert len(hervat) == 1 and verwacht.endswith(hervat[0])
    assert f"Vraag {len(gedaan) + 1} van" in hervat[0]


async def test_dubbele_update_telt_een_keer(sessions: Sessies, catalogus: Catalogus) -> None:
    bot = await start_bot(sessions, catalogus)
    info = await uitnodiging(sessions, catalogus, "beleidsniveau", "netwerkpartner")
    gebruiker = Gebruiker(bot.app, bot.nep, 7001)
    await gebruiker.typ(f"/start {info.token}")
    await gebruiker.druk("Beginnen")
    await tot_kernvraag(gebruiker, catalogus.vragenlijst("beleidsniveau", "netwerkpartner"))
    async with sessions() as s:
        voor = await s.scalar(select(func.count()).select_from(AntwoordHistorie))
    eerste = await gebruiker.druk("Ja")
    assert any("✓ Ja" in t for t in gebruiker.berichten(eerste))
    herhaald = await gebruiker.verwerk(gebruiker.laatste_update or {})
    assert herhaald == []  # the redelivered update is recognised and does nothing
    async with sessions() as s:
        assert await s.scalar(select(func.count()).select_from(AntwoordHistorie)) == voor + 1


async def test_oude_knop_verandert_alleen_dat_antwoord(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    bot = await start_bot(sessions, catalogus)
    info = await uitnodiging(sessions, catalogus, "beleidsniveau", "netwerkpartner")
    gebruiker = Gebruiker(bot.app, bot.nep, 7101)
    await gebruiker.typ(f"/start {info.token}")
    await gebruiker.druk("Beginnen")
    vragenlijst = catalogus.vragenlijst("beleidsniveau", "netwerkpartner")
    eerste_vraag = await tot_kernvraag(gebruiker, vragenlijst)
    await gebruiker.druk("Ja")
    await gebruiker.typ("Een toelichting.")
    await tot_kernvraag(gebruiker, vragenlijst)
    huidige = gebruiker.laatste_met_knoppen()
    # Press "Nee" on the very first question again.
    oproepen = await gebruiker.druk_data(eerste_vraag.callback("Nee"), eerste_vraag.tekst)
    assert any("✓ Aangepast: Nee" in t for t in gebruiker.berichten(oproepen))
    assert not [o for o in oproepen if o.methode == "sendMessage"]  # no new question
    hervat = gebruiker.berichten(await gebruiker.typ("/verder"))
    assert len(hervat) == 1 and huidige.tekst.endswith(hervat[0])
    # A navigation button on an old message does not move anyone.
    oud = await gebruiker.druk_data(eerste_vraag.callback("⏸ Later verder"), eerste_vraag.tekst)
    assert any(teksten.OUDE_KNOP in t for t in gebruiker.berichten(oud))


@pytest.mark.parametrize(
    ("bericht", "antwoord"),
    [
        (
            {
                "sticker": {
                    "file_id": "s",
                    "file_unique_id": "s",
                    "type": "regular",
                    "width": 1,
                    "height": 1,
                    "is_animated": False,
                    "is_video": False,
                }
            },
            teksten.ONBEKEND_BERICHT,
        ),
        ({"location": {"latitude": 53.2, "longitude": 5.8}}, teksten.ONBEKEND_BERICHT),
        (
            {"voice": {"file_id": "v", "file_unique_id": "v", "duration": 2}},
            teksten.ONBEKEND_BERICHT,
        ),
    ],
)
async def test_onbruikbare_berichten(
    sessions: Sessies, catalogus: Catalogus, bericht: dict[str, object], antwoord: str
) -> None:
    bot = await start_bot(sessions, catalogus)
    gebruiker = Gebruiker(bot.app, bot.nep, 8001)
    assert gebruiker.berichten(await gebruiker.stuur(**bericht)) == [antwoord]


async def test_slechte_invoer_krijgt_duidelijk_antwoord(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    bot = await start_bot(sessions, catalogus)
    info = await uitnodiging(sessions, catalogus, "beleidsniveau", "gemeente")
    vreemde = Gebruiker(bot.app, bot.nep, 8101)
    assert vreemde.berichten(await vreemde.typ("/start")) == [teksten.GEEN_UITNODIGING]
    assert vreemde.berichten(await vreemde.typ("hallo")) == [teksten.GEEN_UITNODIGING]
    assert vreemde.berichten(await vreemde.typ("/start verkeerd-token")) == [
        "Deze uitnodigingslink ken ik niet. Controleer of u de hele link heeft gebruikt, of "
        "vraag de inspecteur om een nieuwe."
    ]
    assert vreemde.berichten(await vreemde.typ("/bestaatniet")) == [teksten.ONBEKENDE_OPDRACHT]
    gebruiker = Gebruiker(bot.app, bot.nep, 8102)
    await gebruiker.typ(f"/start {info.token}")
    # Someone else cannot take over a bound invitation.
    assert vreemde.berichten(await vreemde.typ(f"/start {info.token}")) == [
        "Deze uitnodiging is al door iemand anders in gebruik genomen. Vraag de inspecteur om "
        "een eigen link."
    ]
    # Nor press its buttons.
    knop = await vreemde.druk_data(codeer("s", info.id))
    assert [o.params.get("text") for o in knop if o.methode == "answerCallbackQuery"] == [
        "Deze knop hoort niet bij een vragenlijst van u."
    ]
    assert [
        o.params.get("text")
        for o in await vreemde.druk_data("rommel|x")
        if o.methode == "answerCallbackQuery"
    ] == ["Deze knop werkt niet meer. Typ /verder."]
    await gebruiker.druk("Beginnen")
    vragenlijst = catalogus.vragenlijst("beleidsniveau", "gemeente")
    g = Gesprek(vragenlijst, catalogus.kader("beleidsniveau"), {})
    eerste = g.eerste_open()
    assert eerste is not None
    item = vragenlijst.item(eerste.item_id)
    assert item is not None and item.type == "getal"
    fout = gebruiker.berichten(await gebruiker.typ("heel veel"))
    assert fout == [f"Vul een getal tussen {item.min} en {item.max} in."]
    foto = gebruiker.berichten(
        await gebruiker.stuur(
            photo=[
                {"file_id": "p", "file_unique_id": "p", "width": 10, "height": 10, "file_size": 100}
            ]
        )
    )
    assert foto == ["Bij deze vraag hoort geen bestand. Kies of typ een antwoord."]
    bewerkt = await gebruiker.verwerk(
        {
            "update_id": 8102_99999,
            "edited_message": {
                "message_id": 1,
                "date": 1,
                "edit_date": 2,
                "chat": {"id": 8102, "type": "private"},
                "from": {"id": 8102, "is_bot": False, "first_name": "T"},
                "text": "12",
            },
        }
    )
    assert gebruiker.berichten(bewerkt) == [
        "Een aangepast bericht kan ik niet verwerken. Stuur uw antwoord als nieuw bericht."
    ]
    # Still at the same question, nothing stored.
    assert (await _status(sessions, info.id))[1] == 0


async def test_wissen_en_overzicht(sessions: Sessies, catalogus: Catalogus) -> None:
    bot = await start_bot(sessions, catalogus)
    info = await uitnodiging(sessions, catalogus, "beleidsniveau", "gemeente")
    gebruiker = Gebruiker(bot.app, bot.nep, 8201)
    await gebruiker.typ(f"/start {info.token}")
    vragenlijst = catalogus.vragenlijst("beleidsniveau", "gemeente")
    await vul_in(gebruiker, vragenlijst, await gebruiker.druk("Beginnen"), stop_na=4)
    overzicht = gebruiker.berichten(await gebruiker.typ("/overzicht"))
    assert all(len(t) <= 4096 for t in overzicht)
    volledig = "\n".join(overzicht)
    assert "/wijzig_1" in volledig and "nog niet beantwoord" in volledig
    # /wijzig_1 goes back to the first question.
    terug = gebruiker.berichten(await gebruiker.typ("/wijzig_1"))
    assert "Vraag 1 van" in terug[0] and "Huidig antwoord: 12" in terug[0]
    indienen = gebruiker.berichten(await gebruiker.typ("/indienen"))
    assert indienen[0].startswith("Deze verplichte vragen zijn nog niet beantwoord:")
    await gebruiker.typ("/wissen")
    gewist = gebruiker.berichten(await gebruiker.druk("Ja, alles wissen"))
    assert gewist == ["Uw 4 antwoorden zijn gewist. Typ /verder om opnieuw te beginnen."]
    async with sessions() as s:
        assert await s.scalar(select(func.count()).select_from(AntwoordHistorie)) == 0
    assert (await _status(sessions, info.id))[1] == 0


async def test_lijst_met_twee_uitnodigingen(sessions: Sessies, catalogus: Catalogus) -> None:
    bot = await start_bot(sessions, catalogus)
    een = await uitnodiging(sessions, catalogus, "beleidsniveau", "netwerkpartner", "Aanpak A")
    twee = await uitnodiging(sessions, catalogus, "beleidsniveau", "netwerkpartner", "Aanpak B")
    gebruiker = Gebruiker(bot.app, bot.nep, 8301)
    await gebruiker.typ(f"/start {een.token}")
    await gebruiker.typ(f"/start {twee.token}")
    lijst = await gebruiker.typ("/lijst")
    labels = lijst[-1].knoppen()
    assert len(labels) == 2 and "Aanpak A" in labels[0] and "Aanpak B" in labels[1]
    gekozen = gebruiker.berichten(await gebruiker.druk(labels[0]))
    assert gekozen[0].startswith("U werkt nu aan: Leeuwarden · Aanpak A")


def test_callback_data_past_altijd(catalogus: Catalogus) -> None:
    """Every button of every step of every vragenlijst fits Telegram's 64 bytes."""
    for (kader, _rol), vragenlijst in catalogus.vragenlijsten.items():
        g = Gesprek(vragenlijst, catalogus.kader(kader), {})
        for item in vragenlijst.items():
            for stap in g.stappen(item):
                for rij in scherm(g, Positie(item.id, stap)).knoppen:
                    for k in rij:
                        codeer("a", 2**31, Positie(item.id, stap), k.actie)  # raises if too long


async def test_verlopen_uitnodiging(sessions: Sessies, catalogus: Catalogus) -> None:
    bot = await start_bot(sessions, catalogus)  # "today" is 2026-11-22 in these tests
    info = await uitnodiging(
        sessions,
        catalogus,
        "beleidsniveau",
        "gemeente",
        "Oude aanpak",
        deadline=dt.date(2026, 11, 1),
    )
    gebruiker = Gebruiker(bot.app, bot.nep, 8401)
    assert gebruiker.berichten(await gebruiker.typ(f"/start {info.token}")) == [
        "De termijn voor deze vragenlijst is verlopen. Neem contact op met de inspecteur als u "
        "toch nog wilt antwoorden."
    ]
    assert (await _status(sessions, info.id))[2] is None  # not bound, nothing stored


async def test_dubbele_tik_tegelijk(sessions: Sessies, catalogus: Catalogus) -> None:
    """Two presses of one button, processed concurrently: serialised per user, so the second
    sees the first's result and is treated as a press on an earlier question."""
    bot = await start_bot(sessions, catalogus)
    info = await uitnodiging(sessions, catalogus, "beleidsniveau", "netwerkpartner")
    gebruiker = Gebruiker(bot.app, bot.nep, 8501)
    await gebruiker.typ(f"/start {info.token}")
    await gebruiker.druk("Beginnen")
    vraag = await tot_kernvraag(gebruiker, catalogus.vragenlijst("beleidsniveau", "netwerkpartner"))
    data = vraag.callback("Ja")
    updates = []
    for n in (1, 2):
        updates.append(
            Update.de_json(
                {
                    "update_id": 8501_00000 + n,
                    "callback_query": {
                        "id": str(n),
                        "chat_instance": "1",
                        "data": data,
                        "from": {"id": 8501, "is_bot": False, "first_name": "T"},
                        "message": {
                            "message_id": 1,
                            "date": 1,
                            "text": vraag.tekst,
                            "chat": {"id": 8501, "type": "private"},
                        },
                    },
                },
                bot.app.bot,
            )
        )
    async with sessions() as s:
        historie_voor = await s.scalar(select(func.count()).select_from(AntwoordHistorie))
    voor = len(bot.nep.oproepen)
    processor = bot.app.update_processor
    await asyncio.gather(*(processor.process_update(u, bot.app.process_update(u)) for u in updates))
    verzonden = [o for o in bot.nep.oproepen[voor:] if o.methode == "sendMessage"]
    # One next question (the toelichting step), not two; one answer change recorded.
    assert sum("Typ uw toelichting" in o.tekst for o in verzonden) == 1
    async with sessions() as s:
        historie_na = await s.scalar(select(func.count()).select_from(AntwoordHistorie))
    assert historie_na == (historie_voor or 0) + 1


async def test_bestanden_bij_de_documentvraag(sessions: Sessies, catalogus: Catalogus) -> None:
    bot = await start_bot(sessions, catalogus)
    info = await uitnodiging(sessions, catalogus, "beleidsniveau", "gemeente")
    gebruiker = Gebruiker(bot.app, bot.nep, 8601)
    await gebruiker.typ(f"/start {info.token}")
    vragenlijst = catalogus.vragenlijst("beleidsniveau", "gemeente")
    await gebruiker.druk("Beginnen")
    for _ in range(200):  # answer until a document step is on screen
        if "Geen document" in gebruiker.laatste_met_knoppen().knoppen():
            break
        vraag = gebruiker.laatste_met_knoppen()
        if "Typ uw toelichting" in vraag.tekst:
            await gebruiker.typ("Toelichting.")
        else:
            await beantwoord(gebruiker, item_in(vragenlijst, vraag))
    else:
        raise AssertionError("geen documentvraag gevonden")

    def document(naam: str, grootte: int, mime: str) -> dict[str, object]:
        return {
            "document": {
                "file_id": f"id-{naam}",
                "file_unique_id": naam,
                "file_name": naam,
                "mime_type": mime,
                "file_size": grootte,
            }
        }

    groot = gebruiker.berichten(
        await gebruiker.stuur(**document("plan.pdf", 30 * 2**20, "application/pdf"))
    )
    assert groot == [
        "Dit bestand is te groot (30 MB). Stuur een bestand tot 20 MB, of typ "
        "alleen de titel van het document."
    ]
    raar = gebruiker.berichten(
        await gebruiker.stuur(**document("x.exe", 100, "application/x-msdownload"))
    )
    assert raar[0].startswith("Dit soort bestand kan ik niet aannemen.")
    goed = gebruiker.berichten(
        await gebruiker.stuur(**document("Convenant.pdf", 12_345, "application/pdf"))
    )
    assert goed[0].startswith("✓ Opgeslagen: bestand “Convenant.pdf”")
    async with sessions() as s:
        rij = (await s.scalars(select(Antwoord).where(Antwoord.bestand_file_id.is_not(None)))).one()
        assert (rij.bestand_file_id, rij.bestand_naam, rij.bestand_grootte) == (
            "id-Convenant.pdf",
            "Convenant.pdf",
            12_345,
        )
