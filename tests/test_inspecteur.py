"""The inspector's side in Telegram, offline on both backends: role checks on every command,
the whole job from Telegram (create, invite, follow, remind, export), reminders' report."""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.inspecteur import ALLEEN_INSPECTEURS
from gesprek.teksten import GESLOTEN
from opslag.audit import audit_log
from opslag.inspecteurs import koppel, maak_inspecteur
from opslag.modellen import Herinnering, Onderzoek
from opslag.onderzoeken import sluit_onderzoek, status_onderzoek
from opslag.uow import UnitOfWork
from tests.bot_hulp import start_bot, tot_kernvraag, uitnodiging, vul_in
from tests.nep_telegram import Gebruiker, achtergrond_klaar
from vragenlijsten.catalogus import Catalogus

Sessies = async_sessionmaker[AsyncSession]
OPDRACHTEN = [
    "/nieuw",
    "/uitnodigen",
    "/uitnodigen 1",
    "/onderzoeken",
    "/status 1",
    "/herinner 1",
    "/verleng 1 31-01-2027",
    "/export 1 csv",
    "/beoordeling 1",
    "/annuleer",
]
KNOPPEN = ["b|herinner|1", "b|kader|beleidsniveau", "b|bo|ok|0", "b|bo|pdf|0", "b|opnieuw|1"]


async def _inspecteur(
    sessions: Sessies, naam: str = "A. de Vries", coordinator: bool = False
) -> str:
    async with UnitOfWork(sessions) as uow:
        return (await maak_inspecteur(uow, naam, coordinator)).token


async def _opstelling(
    sessions: Sessies, catalogus: Catalogus, rol: str, ik_id: int
) -> tuple[Any, Gebruiker, Gebruiker, Any]:
    """A bot, a linked inspector (Telegram id ik_id) and a started respondent (ik_id + 1)."""
    bot = await start_bot(sessions, catalogus)
    token = await _inspecteur(sessions)
    info = await uitnodiging(sessions, catalogus, "beleidsniveau", rol)
    async with UnitOfWork(sessions) as uow:
        await koppel(uow, info.onderzoek_id, 1)
        await uow.commit()
    ik = Gebruiker(bot.app, bot.nep, ik_id)
    await ik.typ(f"/start {token}")
    respondent = Gebruiker(bot.app, bot.nep, ik_id + 1)
    await respondent.typ(f"/start {info.token}")
    return bot, ik, respondent, info


@pytest.mark.parametrize("wie", ["vreemde", "respondent"])
async def test_niemand_anders_mag_inspecteursopdrachten(
    sessions: Sessies, catalogus: Catalogus, caplog: pytest.LogCaptureFixture, wie: str
) -> None:
    bot = await start_bot(sessions, catalogus)
    info = await uitnodiging(sessions, catalogus, "beleidsniveau", "gemeente")
    gebruiker = Gebruiker(bot.app, bot.nep, 9001)
    if wie == "respondent":
        await gebruiker.typ(f"/start {info.token}")
    caplog.set_level(logging.WARNING, logger="stj.inspecteur")
    for opdracht in OPDRACHTEN:
        assert gebruiker.berichten(await gebruiker.typ(opdracht)) == [ALLEEN_INSPECTEURS], opdracht
    for data in KNOPPEN:
        oproepen = await gebruiker.druk_data(data)
        assert gebruiker.berichten(oproepen) == [ALLEEN_INSPECTEURS], data
        # The button is answered too: it never keeps spinning.
        assert any(o.methode == "answerCallbackQuery" for o in oproepen), data
    geweigerd = [r for r in caplog.records if "geweigerd: telegram:9001" in r.getMessage()]
    assert len(geweigerd) == len(OPDRACHTEN) + len(KNOPPEN)
    async with sessions() as s:
        assert (await s.scalars(select(Herinnering))).all() == []
    async with UnitOfWork(sessions) as uow:
        log = await audit_log(uow, alleen_geweigerd=True)
    assert len(log) == len(OPDRACHTEN) + len(KNOPPEN)
    assert {r.wie for r in log} == {"telegram:9001"}
    assert [r.details for r in log][-1] == "knop b|opnieuw|1"


async def test_niet_gekoppelde_inspecteur(sessions: Sessies, catalogus: Catalogus) -> None:
    bot = await start_bot(sessions, catalogus)
    info = await uitnodiging(sessions, catalogus, "beleidsniveau", "gemeente")
    token = await _inspecteur(sessions)
    ik = Gebruiker(bot.app, bot.nep, 9101)
    await ik.typ(f"/start {token}")
    for opdracht in (
        f"/status {info.onderzoek_id}",
        f"/export {info.onderzoek_id}",
        f"/herinner {info.onderzoek_id}",
    ):
        assert ik.berichten(await ik.typ(opdracht)) == [
            f"U bent niet gekoppeld aan onderzoek {info.onderzoek_id}."
        ]
    assert ik.berichten(await ik.typ("/onderzoeken")) == [
        "U heeft nog geen onderzoeken. Open er een met /nieuw."
    ]
    assert ik.berichten(await ik.typ("/uitnodigen")) == [
        "U heeft geen open onderzoeken. Open er een met /nieuw."
    ]


async def test_het_hele_werk_vanuit_telegram(sessions: Sessies, catalogus: Catalogus) -> None:
    bot = await start_bot(sessions, catalogus)
    token = await _inspecteur(sessions)
    ik = Gebruiker(bot.app, bot.nep, 9201)
    welkom = ik.berichten(await ik.typ(f"/start {token}"))
    assert welkom[0].startswith("Welkom, A. de Vries. U bent nu als inspecteur bekend.")
    # A one-time link: nobody else can use it.
    ander = Gebruiker(bot.app, bot.nep, 9202)
    assert ander.berichten(await ander.typ(f"/start {token}")) == [
        "Deze inspecteurslink is al gebruikt. Vraag een nieuwe aan."
    ]
    # /nieuw
    assert "Voor welke gemeente" in ik.berichten(await ik.typ("/nieuw"))[0]
    await ik.typ("Leeuwarden")
    await ik.typ("Interventieteam Gezinnen")
    await ik.druk("Toetsingskader beleidsniveau")
    klaar = ik.berichten(await ik.typ("31-12-2026"))[0]
    assert klaar.startswith("Onderzoek ") and "Leeuwarden · Interventieteam Gezinnen" in klaar
    onderzoek_id = int(klaar.split()[1])
    # /uitnodigen: a link and a QR code, for a gemeente and a partner
    links = []
    for rol, organisatie in (
        ("Gemeente", "Gemeente Leeuwarden"),
        ("Netwerkpartner", "Fier Fryslân"),
    ):
        await ik.typ(f"/uitnodigen {onderzoek_id}")
        await ik.druk(rol)
        oproepen = await ik.typ(organisatie)
        tekst = ik.berichten(oproepen)[0]
        assert f"https://t.me/{bot.app.bot.username}?start=" in tekst
        links.append(tekst.split("start=")[1].split()[0])
        foto = next(o for o in oproepen if o.methode == "sendPhoto")
        assert next(iter(foto.bestanden.values()))[1][:8] == b"\x89PNG\r\n\x1a\n"
    # Respondents: the gemeente starts, the partner never does.
    gemeente = Gebruiker(bot.app, bot.nep, 9301)
    await gemeente.typ(f"/start {links[0]}")
    await gemeente.druk("Beginnen")
    await tot_kernvraag(gemeente, catalogus.vragenlijst("beleidsniveau", "gemeente"))
    overzicht = ik.berichten(await ik.typ("/onderzoeken"))[0]
    assert (
        f"{onderzoek_id}. Leeuwarden · Interventieteam Gezinnen (beleidsniveau): 0/2 "
        "ingediend, deadline over 39 dagen" in overzicht
    )
    status = ik.berichten(await ik.typ(f"/status {onderzoek_id}"))[0]
    assert "gemeente · Gemeente Leeuwarden: bezig" in status
    assert f"netwerkpartner · Fier Fryslân: https://t.me/STJTestBot?start={links[1]}" in status
    # /herinner: one reminder (the gemeente), one not reachable; the report says so.
    voor = len(bot.nep.oproepen)
    start = ik.berichten(await ik.typ(f"/herinner {onderzoek_id}"))
    assert start == ["Ik stuur 1 herinnering(en); u krijgt een overzicht als ze weg zijn."]
    await achtergrond_klaar()
    na = bot.nep.oproepen[voor:]
    herinnering = next(o for o in na if o.params.get("chat_id") == 9301)
    assert (
        "Een vriendelijke herinnering" in herinnering.tekst and "Verder ▶" in herinnering.knoppen()
    )
    rapport = next(
        o.tekst
        for o in na
        if o.params.get("chat_id") == 9201 and o.tekst.startswith("Herinneringen voor onderzoek")
    )
    assert (
        "• verstuurd: 1\n• overgeslagen (al ingediend): 0\n• niet bereikbaar (nooit "
        "begonnen): 1\n• mislukt (bot geblokkeerd of chat weg): 0" in rapport
    )
    # The Verder button resumes the questionnaire.
    verder = await gemeente.druk_data(herinnering.callback("Verder ▶"))
    assert any("Vraag " in t for t in gemeente.berichten(verder))
    # /export csv: the answers as a file.
    export = next(
        o for o in await ik.typ(f"/export {onderzoek_id} csv") if o.methode == "sendDocument"
    )
    naam, inhoud, _ = next(iter(export.bestanden.values()))
    assert naam.endswith(".csv")
    rijen = list(csv.DictReader(io.StringIO(inhoud.decode("utf-8-sig")), delimiter=";"))
    assert rijen and {r["organisatie"] for r in rijen} == {"Gemeente Leeuwarden"}
    # /verleng
    assert ik.berichten(await ik.typ(f"/verleng {onderzoek_id} 31-01-2027")) == [
        f"De deadline van onderzoek {onderzoek_id} (Leeuwarden · Interventieteam Gezinnen) is "
        "nu 31 januari 2027."
    ]


async def test_geblokkeerde_respondent_in_het_rapport(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    bot, ik, _respondent, info = await _opstelling(sessions, catalogus, "netwerkpartner", 9401)
    bot.nep.geblokkeerd.add(9402)
    await ik.typ(f"/herinner {info.onderzoek_id}")
    await achtergrond_klaar()
    rapport = ik.berichten(bot.nep.oproepen)[-1]
    assert "• verstuurd: 0" in rapport and "• mislukt (bot geblokkeerd of chat weg): 1" in rapport
    async with sessions() as s:
        assert [h.status for h in (await s.scalars(select(Herinnering))).all()] == ["geblokkeerd"]


async def test_melding_aan_inspecteur_bij_indienen(sessions: Sessies, catalogus: Catalogus) -> None:
    _bot, _ik, respondent, info = await _opstelling(sessions, catalogus, "netwerkpartner", 9501)
    await vul_in(
        respondent,
        catalogus.vragenlijst("beleidsniveau", "netwerkpartner"),
        await respondent.druk("Beginnen"),
    )
    await respondent.typ("/indienen")
    oproepen = await respondent.druk("Ja, indienen")
    melding = [o.tekst for o in oproepen if o.params.get("chat_id") == 9501]
    assert melding == [
        f"✓ Leeuwarden · Sterke Gezinnen · netwerkpartner (Organisatie "
        f"netwerkpartner) heeft de vragenlijst ingediend (1/1 ingediend; /status "
        f"{info.onderzoek_id})."
    ]


async def _zet_deadline(sessions: Sessies, onderzoek_id: int, deadline: dt.date) -> None:
    """Put the deadline in the past the way time would (/verleng refuses past dates)."""
    async with sessions() as s:
        onderzoek = await s.get(Onderzoek, onderzoek_id)
        assert onderzoek is not None
        onderzoek.deadline = deadline
        await s.commit()


async def test_na_de_deadline_dicht_tot_verlengd(sessions: Sessies, catalogus: Catalogus) -> None:
    _bot, ik, respondent, info = await _opstelling(sessions, catalogus, "gemeente", 9601)
    await respondent.druk("Beginnen")
    await respondent.typ("12")
    await _zet_deadline(sessions, info.onderzoek_id, dt.date(2026, 11, 20))
    verlopen = (
        "De termijn voor deze vragenlijst is verlopen (20 november 2026). Neem "
        "contact op met de inspecteur als u toch nog wilt antwoorden."
    )
    assert respondent.berichten(await respondent.typ("12")) == [verlopen]
    # Submitting, erasing and changing are closed too, not only typed answers.
    for opdracht in ("/indienen", "/wissen", "/wijzig_1", "/verder"):
        assert respondent.berichten(await respondent.typ(opdracht)) == [verlopen], opdracht
    # A date in the past is no extension.
    assert ik.berichten(await ik.typ(f"/verleng {info.onderzoek_id} 01-01-1900")) == [
        "de deadline 01-01-1900 ligt in het verleden; kies vandaag of later"
    ]
    await ik.typ(f"/verleng {info.onderzoek_id} 31-12-2026")
    open_ = respondent.berichten(await respondent.typ("/verder"))
    assert open_[0].startswith("Vraag 2 van")


async def test_gesloten_is_gesloten(sessions: Sessies, catalogus: Catalogus) -> None:
    _bot, ik, respondent, info = await _opstelling(sessions, catalogus, "gemeente", 9651)
    await respondent.druk("Beginnen")
    vraag = respondent.laatste_met_knoppen()
    async with UnitOfWork(sessions) as uow:
        await sluit_onderzoek(uow, info.onderzoek_id)
    for opdracht in ("12", "/indienen", "/wissen", "/wijzig_1", "/verder"):
        assert respondent.berichten(await respondent.typ(opdracht)) == [GESLOTEN], opdracht
    # An old button, a confirmation button: closed as well.
    assert respondent.berichten(await respondent.druk_data(vraag.callback("⏸ Later verder"))) == [
        GESLOTEN
    ]
    assert respondent.berichten(await respondent.druk_data(f"i|{info.id}|ja")) == [GESLOTEN]
    # No reminders and no extension for a closed onderzoek; the inspector is told why.
    assert ik.berichten(await ik.typ(f"/herinner {info.onderzoek_id}")) == [
        f"onderzoek {info.onderzoek_id} is gesloten; er gaan geen herinneringen meer uit"
    ]
    assert ik.berichten(await ik.typ(f"/verleng {info.onderzoek_id} 31-12-2026")) == [
        f"onderzoek {info.onderzoek_id} is gesloten; een deadline verschuiven kan alleen bij "
        "een open onderzoek"
    ]
    assert ik.berichten(await ik.typ(f"/uitnodigen {info.onderzoek_id}")) == [
        f"onderzoek {info.onderzoek_id} is gesloten; er kunnen geen respondenten meer bij"
    ]
    async with UnitOfWork(sessions) as uow:
        _, regels = await status_onderzoek(uow, catalogus, info.onderzoek_id)
        log = await audit_log(uow, info.onderzoek_id)
    assert [r.status for r in regels] == ["bezig"]
    assert [(r.actie.split()[0], r.details) for r in log][-3:-1] == [
        ("/herinner", f"onderzoek {info.onderzoek_id} is gesloten; er gaan geen herinneringen "
         "meer uit"),
        ("/verleng", f"onderzoek {info.onderzoek_id} is gesloten; een deadline verschuiven kan "
         "alleen bij een open onderzoek"),
    ]  # fmt: skip


async def test_nieuw_onderzoek_onder_een_ander_kader(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    """/nieuw offers every catalogued kader (by its short name); a client is invited without an
    organisation and with a casus label, as the kader's data says."""
    bot = await start_bot(sessions, catalogus)
    ik = Gebruiker(bot.app, bot.nep, 9251)
    await ik.typ(f"/start {await _inspecteur(sessions)}")
    await ik.typ("/nieuw")
    await ik.typ("Bergen op Zoom")
    kaders = ik.berichten(await ik.typ("Wijkteam Centrum"))
    assert "Welk toetsingskader?" in kaders[0]
    await ik.druk("Toezicht wijkteams (2017)")
    klaar = ik.berichten(await ik.typ("31-12-2026"))[0]
    assert "Bergen op Zoom · Wijkteam Centrum" in klaar and "(wijkteams" in klaar
    onderzoek_id = int(klaar.split()[1])
    await ik.typ(f"/uitnodigen {onderzoek_id}")
    # No organisation is asked of a client; a casus label is (the kader says so).
    assert ik.berichten(await ik.druk("Cliënt"))[0].startswith("Bij welk gezin hoort")
    link = ik.berichten(await ik.typ("gezin 1"))[0]
    assert f"https://t.me/{bot.app.bot.username}?start=" in link
    async with UnitOfWork(sessions) as uow:
        _, respondenten = await status_onderzoek(uow, catalogus, onderzoek_id)
    assert [(r.rol, r.organisatie, r.casus) for r in respondenten] == [("client", None, "gezin 1")]
