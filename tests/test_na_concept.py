"""After the concept, end to end on both databases: the concept goes to the gemeente by Telegram
(through a fake Bot API over HTTP, as `stj` sends it) and by its web link; the gemeente reacts
in the offline bot and on the web page; the inspector accepts one reaction with an edit and
rejects the other with a reason; vaststellen records the wederhoor; the published report asks
for an improvement plan, answered in Telegram for three verbeterpunten; `stj onderzoek vervolg`
re-invites the respondents, answers are imported, and the follow-up report shows ✗ → ✓ with
the plan's action beside it; the overview follows the link between the rounds."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import httpx
import openpyxl
import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.knoppen import codeer
from opslag.audit import audit_log
from opslag.beoordelingen import beoordeel, zet_status
from opslag.fouten import OngeldigeInvoer
from opslag.inspecteurs import koppel, maak_inspecteur
from opslag.klok import vandaag_in_nederland
from opslag.modellen import Uitnodiging
from opslag.proces import laatste, verleng_stap
from opslag.reacties import reacties_van
from opslag.uow import UnitOfWork
from opslag.verbeterplan import planstand, publiceer
from opslag.wederhoor import leg_voor
from tests.bot_hulp import start_bot
from tests.nep_botapi import NepBotApi
from tests.nep_telegram import Gebruiker, achtergrond_klaar
from tests.test_web import _client, _csrf, _importeer, _inspecteur
from tests.test_web import _link as inloglink
from vragenlijsten.catalogus import Catalogus
from web.app import maak_app
from web.diensten import WebDiensten
from web.nazorg import ZONDER_BOT

Sessies = async_sessionmaker[AsyncSession]
DATA = Path(__file__).parent / "data"
ITG = DATA / "leeuwarden-interventieteam-gezinnen.json"
# Three of the five verbeterpunten of the calibration data stay (the inspector decides two).
VOLDOET = ("co-beschikbaarheid", "co-vervolg")
LINK = re.compile(r"weblink voor de \w+: http://[^/]+/gemeente/(\S+)")


def _link(uit: str) -> str:
    gevonden = LINK.search(uit)
    assert gevonden, uit
    return gevonden[1]


async def _stap(sessions: Sessies, onderzoek: int, soort: str) -> int:
    async with UnitOfWork(sessions) as uow:
        stap = await laatste(uow, onderzoek, soort)
    assert stap is not None
    return stap.uitnodiging_id


def _knop(gebruiker: Gebruiker, begin: str) -> str:
    return next(k for k in gebruiker.laatste_met_knoppen().knoppen() if k.startswith(begin))


async def test_van_concept_tot_vervolg(
    stj: Any,
    sessions: Sessies,
    catalogus: Catalogus,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def cli(*args: object) -> Any:
        return await asyncio.to_thread(stj, *(str(a) for a in args))

    onderzoek = (await cli("import", ITG, "--json")).json()["id"]
    for indicator in VOLDOET:
        assert (await cli("oordeel", onderzoek, indicator, "--oordeel", "voldoet")).code == 0
    # The gemeente's respondent opened its link in Telegram: the concept goes to that chat.
    async with UnitOfWork(sessions) as uow:
        token = await uow.session.scalar(
            select(Uitnodiging.token).where(
                Uitnodiging.onderzoek_id == onderzoek, Uitnodiging.rol == "gemeente"
            )
        )
    bot = await start_bot(sessions, catalogus)
    gemeente = Gebruiker(bot.app, bot.nep, 7001)
    await gemeente.typ(f"/start {token}")

    with NepBotApi() as api:
        monkeypatch.setenv("STJ_TELEGRAM_API_URL", api.url)
        monkeypatch.setenv("STJ_TELEGRAM_TOKEN", "123:ABC")
        uit = await cli("wederhoor", onderzoek)
        assert uit.code == 0, uit.err
        assert "Telegram: verstuurd" in uit.out
        verstuurd = [m for m, _ in api.oproepen if m.startswith("send")]
        pdf = "zonder PDF" not in uit.out
        assert verstuurd == (["sendDocument"] if pdf else []) + ["sendMessage"]
        bericht = next(p for m, p in api.oproepen if m == "sendMessage")
        assert int(bericht["chat_id"]) == 7001
        assert "Reageren op het concept" in str(bericht["reply_markup"])
        web_token = _link(uit.out)

        # In Telegram: the gemeente picks indicator 1 of the first theme and reacts to it.
        wederhoor = await _stap(sessions, onderzoek, "wederhoor")
        await gemeente.druk_data(codeer("s", wederhoor))
        await gemeente.druk(_knop(gemeente, "▫️ 1."))
        await gemeente.druk("Klaar ✔")
        await gemeente.typ("Het werkplan is van 2014, niet van 2013.")

        # On the web link: the same reaction is there; a second one, and sent.
        app = maak_app(WebDiensten(sessions, catalogus, "http://console"))
        transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 123))
        async with httpx.AsyncClient(transport=transport, base_url="http://console") as c:
            pagina = await c.get(f"/gemeente/{web_token}")
            assert pagina.status_code == 200
            assert "Het werkplan is van 2014, niet van 2013.</textarea>" in pagina.text
            r = await c.post(
                f"/gemeente/{web_token}",
                data={
                    "r1": "Het werkplan is van 2014, niet van 2013.",
                    "r2": "Het zijn ongeveer 60 gezinnen, niet 50.",
                    "actie": "versturen",
                },
            )
            assert r.status_code == 303
            na = await c.get(r.headers["location"])
            # Sent: the thanks, what was sent, no form and no "already submitted" alarm.
            assert "Verstuurd. Hartelijk dank!" in na.text and "Uw antwoorden" in na.text
            assert "Het zijn ongeveer 60 gezinnen, niet 50." in na.text
            assert "<textarea" not in na.text and "al ingediend" not in na.text
            assert "al ingediend" in (await c.get(f"/gemeente/{web_token}")).text
            # Closed means closed: a later post saves nothing.
            laat = await c.post(f"/gemeente/{web_token}", data={"r2": "Nog iets.", "actie": "x"})
            assert laat.status_code == 409
            assert (await c.get("/gemeente/verzonnen")).status_code == 404

        lijst = (await cli("reactie", onderzoek)).out
        assert "2 reactie(s), 0 beoordeeld" in lijst
        nummers = [int(n) for n in re.findall(r"^(\d+)\. ", lijst, re.M)]
        assert len(nummers) == 2
        eerste, tweede = nummers
        assert (await cli("reactie", onderzoek, tweede, "--afwijzen")).err == (
            "fout: geef bij het afwijzen een reden: die komt in de bijlage van het rapport\n"
        )
        nieuw = "Ongeveer 60 gezinnen; de gemeente weet in welke wijken zij vooral wonen."
        uit = await cli("reactie", onderzoek, tweede, "--aanvaard", "--bevinding", nieuw)
        assert uit.code == 0, uit.err
        reden = "Het werkplan in de stukken is van 2013."
        assert (await cli("reactie", onderzoek, eerste, "--afwijzen", "--reden", reden)).code == 0

        uit = await cli("vaststellen", onderzoek)
        assert uit.code == 0, uit.err
        assert (
            "wederhoor: termijn tot en met" in uit.out and "2 reactie(s), 2 beoordeeld" in uit.out
        )
        vast = (await cli("audit", "--onderzoek", onderzoek, "--json")).json()
        assert "2 beoordeeld" in next(r for r in vast if r["actie"] == "vaststellen")["details"]
        rapport = (await cli("beoordeel", onderzoek, "--formaat", "md", "--uit", "-")).out
        assert "Reactie van de gemeente" in rapport and reden in rapport
        assert nieuw in rapport and "Vastgesteld op" in rapport

        # Publication: the vastgesteld report to the same chat, with the plan's button.
        voor = len(api.oproepen)
        uit = await cli("publiceer", onderzoek)
        assert uit.code == 0, uit.err
        assert "gepubliceerd op" in uit.out and "verbeterplan gevraagd vóór" in uit.out
        bericht = next(p for m, p in api.oproepen[voor:] if m == "sendMessage")
        assert int(bericht["chat_id"]) == 7001 and "Verbeterplan invullen" in str(bericht)
        assert (
            "gepubliceerd op"
            in (await cli("beoordeel", onderzoek, "--formaat", "md", "--uit", "-")).out
        )

        # The improvement plan in Telegram, for the three verbeterpunten.
        plan = await _stap(sessions, onderzoek, "verbeterplan")
        await gemeente.druk_data(codeer("s", plan))
        acties = ["Mandaat in het convenant.", "Een opschalingsladder.", "Nieuwe afspraken."]
        for actie in acties:
            await gemeente.typ(actie)
            await gemeente.typ("Wethouder zorg")
            await gemeente.typ("01-06-2027")
        await gemeente.typ("/indienen")
        await gemeente.druk("Ja, indienen")
        overzicht = (await cli("verbeterplan", onderzoek)).out
        assert "3 van de 3 verbeterpunten met een plan" in overzicht
        assert all(a in overzicht for a in acties)
        data = json.loads(
            (await cli("beoordeel", onderzoek, "--formaat", "json", "--uit", "-")).out
        )
        assert [a["wat"] for a in data["proces"]["verbeterplan"]["acties"]] == acties
        xlsx = tmp_path / "export.xlsx"
        uit = await cli("export", onderzoek, "--formaat", "xlsx", "--uit", xlsx)
        assert uit.code == 0, uit.err
        blad = openpyxl.load_workbook(xlsx)["verbeterplan"]
        rijen = list(blad.iter_rows(min_row=2, values_only=True))
        assert [(r[0], r[2], r[3]) for r in rijen] == [
            (i, a, "Wethouder zorg")
            for i, a in zip(
                ("ap-doorzettingsmacht", "sw-opschaling", "sw-afspraken"), acties, strict=True
            )
        ]

        # The follow-up a year later: linked, respondents re-invited, the plan's progress asked.
        voor = len(api.oproepen)
        uit = await cli("onderzoek", "vervolg", onderzoek, "--deadline", "2027-12-31")
        assert uit.code == 0, uit.err
        vervolg = int(re.search(r"vervolgonderzoek (\d+)", uit.out)[1])  # type: ignore[index]
        assert "4 respondenten opnieuw uitgenodigd" in uit.out
        assert len(re.findall(r"https://t\.me/STJTestBot\?start=", uit.out)) == 4
        bericht = next(p for m, p in api.oproepen[voor:] if m == "sendMessage")
        assert int(bericht["chat_id"]) == 7001 and "Voortgang invullen" in str(bericht)

    voortgang = await _stap(sessions, vervolg, "voortgang")
    await gemeente.druk_data(codeer("s", voortgang))
    for _ in acties:
        await gemeente.druk("Ja")
        await gemeente.typ("Gedaan en werkt.")
    # The new answers: the gemeente now has an escalation protocol.
    later = json.loads(ITG.read_text(encoding="utf-8"))
    antwoorden = next(r for r in later["respondenten"] if r["rol"] == "gemeente")["antwoorden"]
    antwoorden["sw-opschaling"] = {"waarde": "ja", "document": "Escalatieprotocol"}
    (tmp_path / "later.json").write_text(json.dumps(later), encoding="utf-8")
    uit = await cli("import", tmp_path / "later.json", "--bijwerken", "--json")
    assert uit.code == 0, uit.err
    assert uit.json()["id"] == vervolg
    for indicator in VOLDOET:
        await cli("oordeel", vervolg, indicator, "--oordeel", "voldoet")

    rapport = (await cli("beoordeel", vervolg, "--formaat", "md", "--uit", "-")).out
    regel = next(r for r in rapport.splitlines() if r.startswith("| Bij stagnatie"))
    assert "✗ → ✓ voldoet" in regel and "Een opschalingsladder." in regel and "uitgevoerd" in regel
    assert "Voortgang sinds het vorige onderzoek" in rapport
    # In HTML and PDF the earlier verdict's words are for screen readers only (they once
    # stood in the PDF, over the finding beside them).
    html = (await cli("beoordeel", vervolg, "--formaat", "html", "--uit", "-")).out
    assert '<span class="sr"> eerder verbeterpunt, nu</span>' in html and ".sr {" in html
    data = json.loads((await cli("beoordeel", vervolg, "--formaat", "json", "--uit", "-")).out)
    assert data["proces"]["vorige"]["onderzoek"] == onderzoek
    punt = next(
        p for p in data["proces"]["vorige"]["verbeterpunten"] if p["indicator"] == "sw-opschaling"
    )
    assert (punt["eerder"], punt["nu"], punt["uitgevoerd"]) == ("verbeterpunt", "voldoet", "ja")

    # The overview follows the link: one row, and what changed between the rounds.
    uit = await cli("overzicht", "--uit", tmp_path / "landelijk")
    assert uit.code == 0 and "2 beoordelingen" in uit.out, uit.err
    html = (tmp_path / "landelijk" / "overzicht.html").read_text(encoding="utf-8")
    assert "Wat is er veranderd?" in html
    csv = (tmp_path / "landelijk" / "overzicht.csv").read_text(encoding="utf-8")
    assert csv.count("Leeuwarden") == 1


async def test_na_het_concept_in_de_console(sessions: Sessies, catalogus: Catalogus) -> None:
    """The console's steps: put the concept to the gemeente (the link shown once), the
    gemeente reacts on its page, the inspector decides next to the reaction, vaststellen,
    publish, open the follow-up; every step in the audit log."""
    onderzoek = await _importeer(sessions, catalogus, ITG.name)
    ik = await _inspecteur(sessions, "A. de Vries", onderzoek)
    async with _client(sessions, catalogus) as c:
        await c.get(f"/inloggen/{await inloglink(sessions, ik)}")
        pagina = f"/onderzoek/{onderzoek}/beoordeling"
        csrf = _csrf((await c.get(pagina)).text)
        r = await c.post(f"/onderzoek/{onderzoek}/wederhoor", data={"csrf": csrf, "terug": pagina})
        melding = (await c.get(r.headers["location"])).text
        assert "Het concept ligt bij de gemeente tot en met" in melding
        token = re.search(r"http://console/gemeente/([\w-]+)", melding)[1]  # type: ignore[index]
        # The link is shown once: the page after does not repeat it.
        assert token not in (await c.get(pagina)).text
        r = await c.post(
            f"/gemeente/{token}",
            data={"r3": "Het Veiligheidshuis is geen meldpunt meer.", "actie": "versturen"},
        )
        assert r.status_code == 303
        html = (await c.get(pagina)).text
        # The reaction stands in its indicator's card, with a link to the decision below.
        kaart = html.split('id="tl-aanmeldpunt"', 1)[1].split("</article>", 1)[0]
        assert "Reactie van de gemeente:</strong> Het Veiligheidshuis is geen meldpunt" in kaart
        assert "besluit nemen" in kaart
        nummer = re.search(r'action="/onderzoek/\d+/reactie/(\d+)"', html)[1]  # type: ignore[index]
        # Rejecting needs a reason: said at the field, nothing saved.
        r = await c.post(
            f"/onderzoek/{onderzoek}/reactie/{nummer}",
            data={"csrf": csrf, "terug": pagina, "formulier": f"reactie-{nummer}",
                  "besluit": "afgewezen"},
        )  # fmt: skip
        assert "Schrijf waarom u de reactie afwijst." in (await c.get(r.headers["location"])).text
        bevinding = "Aanmelden kan bij de sociale wijkteams."
        r = await c.post(
            f"/onderzoek/{onderzoek}/reactie/{nummer}",
            data={"csrf": csrf, "terug": pagina, "formulier": f"reactie-{nummer}",
                  "besluit": "aanvaard", "bevinding": bevinding},
        )  # fmt: skip
        assert "is overgenomen" in (await c.get(r.headers["location"])).text
        r = await c.post(
            f"/onderzoek/{onderzoek}/vaststellen",
            data={"csrf": csrf, "actie": "vaststellen", "toch": "ja"},
        )
        vast = (await c.get(r.headers["location"])).text
        assert "De beoordeling is vastgesteld. Wederhoor: termijn tot en met" in vast
        assert "1 reactie(s), 1 beoordeeld." in vast
        r = await c.post(f"/onderzoek/{onderzoek}/publiceren", data={"csrf": csrf, "terug": pagina})
        html = (await c.get(r.headers["location"])).text
        assert "Het rapport is gepubliceerd op" in html and "Verbeterplan gevraagd vóór" in html
        assert "0 van de 5 verbeterpunten met een plan" in html
        r = await c.post(
            f"/onderzoek/{onderzoek}/vervolg",
            data={"csrf": csrf, "terug": pagina, "deadline": "2027-12-31"},
        )
        nieuw = (await c.get(r.headers["location"])).text
        assert "Vervolgonderzoek" in nieuw and "respondenten zijn opnieuw uitgenodigd" in nieuw
        assert "onderzoek " in (await c.get(pagina)).text
    async with UnitOfWork(sessions) as uow:
        acties = [r.actie for r in await audit_log(uow, onderzoek)]
    assert {
        "web wederhoor",
        "web reactie",
        "web publiceren",
        "web vervolg",
        "gemeente",
        "wederhoor bij vaststellen",
    } <= set(acties)
    async with UnitOfWork(sessions) as uow:
        b = await beoordeel(uow, catalogus, onderzoek)
    assert b.oordeel("tl-aanmeldpunt").bevinding.startswith(bevinding)


def _aan(oproepen: list[Any], chat: int) -> list[Any]:
    return [o for o in oproepen if int(o.params.get("chat_id", 0)) == chat]


@pytest.mark.debian("pdf")
async def test_na_het_concept_in_telegram(sessions: Sessies, catalogus: Catalogus) -> None:
    """The inspector's commands in the bot: /wederhoor sends the concept as a PDF with the
    button to the gemeente's chat, /publiceer the vastgesteld report with the plan's button,
    /nieuw vervolg opens the follow-up with new links; a respondent cannot."""
    onderzoek = await _importeer(sessions, catalogus, ITG.name)
    async with UnitOfWork(sessions) as uow:
        token = await uow.session.scalar(
            select(Uitnodiging.token).where(
                Uitnodiging.onderzoek_id == onderzoek, Uitnodiging.rol == "gemeente"
            )
        )
        ik = await maak_inspecteur(uow, "A. de Vries")
    async with UnitOfWork(sessions) as uow:
        await koppel(uow, onderzoek, ik.id)
        await uow.commit()
    bot = await start_bot(sessions, catalogus)
    gemeente = Gebruiker(bot.app, bot.nep, 7001)
    await gemeente.typ(f"/start {token}")
    inspecteur = Gebruiker(bot.app, bot.nep, 9601)
    await inspecteur.typ(f"/start {ik.token}")

    weigering = gemeente.berichten(await gemeente.typ(f"/wederhoor {onderzoek}"))
    assert weigering and "inspecteur" in weigering[0].lower()
    voor = len(bot.nep.oproepen)
    antwoord = inspecteur.berichten(await inspecteur.typ(f"/wederhoor {onderzoek} 15-01-2027"))
    assert antwoord[0].startswith("Het concept ligt bij de gemeente tot en met 15 januari 2027.")
    assert "Weblink voor de gemeente: " in antwoord[0]
    await achtergrond_klaar()
    naar_gemeente = _aan(bot.nep.oproepen[voor:], 7001)
    assert [o.methode for o in naar_gemeente] == ["sendDocument", "sendMessage"]
    assert "Reageren op het concept ▶" in naar_gemeente[1].knoppen()
    assert "Verstuurd aan de gemeente." in inspecteur.berichten(bot.nep.oproepen[voor:])
    nog_eens = inspecteur.berichten(await inspecteur.typ(f"/wederhoor {onderzoek}"))
    assert "ligt al bij de gemeente" in nog_eens[0]

    async with UnitOfWork(sessions) as uow:
        await zet_status(uow, onderzoek, "vastgesteld", toch=True, catalogus=catalogus)
    voor = len(bot.nep.oproepen)
    antwoord = inspecteur.berichten(await inspecteur.typ(f"/publiceer {onderzoek}"))
    assert antwoord[0].startswith("Het rapport is gepubliceerd op")
    assert "Verbeterplan gevraagd vóór" in antwoord[0]
    await achtergrond_klaar()
    bericht = _aan(bot.nep.oproepen[voor:], 7001)[-1]
    assert "Verbeterplan invullen ▶" in bericht.knoppen()

    voor = len(bot.nep.oproepen)
    antwoord = inspecteur.berichten(await inspecteur.typ(f"/nieuw vervolg {onderzoek} 31-12-2027"))
    assert antwoord[0].startswith(f"Vervolgonderzoek {onderzoek + 1} op onderzoek {onderzoek}")
    assert antwoord[0].count("https://t.me/") == 4
    await achtergrond_klaar()
    # Without a plan answered there is no action to ask about: no voortgang step.
    assert _aan(bot.nep.oproepen[voor:], 7001) == []


async def test_geen_verbeterplan_na_de_deadline_tenzij_verlengd(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    """Closed means closed: after its deadline the plan's link saves nothing and says why;
    the inspector extends it and the gemeente can answer again. A revoked wederhoor (closed
    by vaststellen) cannot be extended."""
    onderzoek = await _importeer(sessions, catalogus, ITG.name)
    vandaag = vandaag_in_nederland()
    async with UnitOfWork(sessions) as uow:
        stap = await leg_voor(uow, catalogus, onderzoek, vandaag)
    async with UnitOfWork(sessions) as uow:
        await zet_status(uow, onderzoek, "vastgesteld", toch=True, catalogus=catalogus)
    async with UnitOfWork(sessions) as uow:
        p = await publiceer(uow, catalogus, onderzoek, vandaag)
    assert stap.link is not None and p.plan is not None and p.plan.link is not None
    async with sessions() as s:
        await s.execute(
            update(Uitnodiging)
            .where(Uitnodiging.id == p.plan.uitnodiging_id)
            .values(termijn=vandaag - dt.timedelta(days=1))
        )
        await s.commit()
    velden = {"wat1": "Een convenant.", "wie1": "Wethouder", "wanneer1": "2027-06-01"}
    async with _client(sessions, catalogus) as c:
        r = await c.post(f"/gemeente/{p.plan.link}", data={**velden, "actie": "opslaan"})
        assert r.status_code == 409 and "De termijn voor deze vragenlijst is verlopen" in r.text
        r = await c.post(f"/gemeente/{stap.link}", data={"algemeen": "Nog iets."})
        assert r.status_code == 409 and "ingetrokken" in r.text
        async with UnitOfWork(sessions) as uow:
            with pytest.raises(OngeldigeInvoer, match="gesloten en kan niet meer"):
                await verleng_stap(uow, onderzoek, "wederhoor", vandaag, vandaag)
        async with UnitOfWork(sessions) as uow:
            await verleng_stap(
                uow, onderzoek, "verbeterplan", vandaag + dt.timedelta(days=14), vandaag
            )
        r = await c.post(f"/gemeente/{p.plan.link}", data={**velden, "actie": "opslaan"})
        assert r.status_code == 303
    async with UnitOfWork(sessions) as uow:
        stand = await planstand(uow, catalogus, onderzoek)
    assert stand is not None and stand.acties[0].wat == "Een convenant."


async def test_de_console_stuurt_de_stap_naar_de_gemeente(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    """The console sends like `stj` and the bot: the report and the step's button to the
    gemeente's chat (through the bot's Bot API), says so in its message and the audit log;
    without a bot it says plainly that nothing went, and the link is still shown once."""
    from telegram import Bot

    from cli.web import stapzender

    onderzoek = await _importeer(sessions, catalogus, ITG.name)
    async with sessions() as s:
        await s.execute(
            update(Uitnodiging)
            .where(Uitnodiging.onderzoek_id == onderzoek, Uitnodiging.rol == "gemeente")
            .values(telegram_user_id=7001)
        )
        await s.commit()
    ik = await _inspecteur(sessions, "A. de Vries", onderzoek)
    pagina = f"/onderzoek/{onderzoek}/beoordeling"
    with NepBotApi() as api:
        zender = stapzender(Bot("123:ABC", base_url=api.url), eigen=True)
        app = maak_app(WebDiensten(sessions, catalogus, "http://console", stapzender=zender))
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://console") as c:
            await c.get(f"/inloggen/{await inloglink(sessions, ik)}")
            csrf = _csrf((await c.get(pagina)).text)
            r = await c.post(
                f"/onderzoek/{onderzoek}/wederhoor", data={"csrf": csrf, "terug": pagina}
            )
            melding = (await c.get(r.headers["location"])).text
        verstuurd = [(m, p) for m, p in api.oproepen if m.startswith("send")]
    assert "Verstuurd aan de gemeente in Telegram" in melding
    assert re.search(r"http://console/gemeente/[\w-]+", melding)
    pdf = "zonder PDF" not in melding
    assert [m for m, _ in verstuurd] == (["sendDocument"] if pdf else []) + ["sendMessage"]
    assert {int(p["chat_id"]) for _, p in verstuurd} == {7001}
    assert "Reageren op het concept" in str(verstuurd[-1][1]["reply_markup"])

    async with UnitOfWork(sessions) as uow:
        await zet_status(uow, onderzoek, "vastgesteld", toch=True, catalogus=catalogus)
    async with _client(sessions, catalogus) as c:  # a console without the bot
        await c.get(f"/inloggen/{await inloglink(sessions, ik)}")
        csrf = _csrf((await c.get(pagina)).text)
        r = await c.post(f"/onderzoek/{onderzoek}/publiceren", data={"csrf": csrf, "terug": pagina})
        melding = (await c.get(r.headers["location"])).text
    assert "Niet verstuurd in Telegram: de console draait zonder de bot" in melding
    assert re.search(r"http://console/gemeente/[\w-]+", melding)
    async with UnitOfWork(sessions) as uow:
        regels = [r for r in await audit_log(uow, onderzoek) if r.actie == "web naar de gemeente"]
    assert [r.details for r in regels] == [
        "Verstuurd aan de gemeente in Telegram"
        + ("." if pdf else " (zonder PDF: die kan hier niet worden gemaakt)."),
        ZONDER_BOT.strip(),
    ]


async def test_besluiten_over_reacties_in_telegram(sessions: Sessies, catalogus: Catalogus) -> None:
    """/reactie N: the open reactions with their indicator and the gemeente's words, each with
    Overnemen / Afwijzen; a reason is asked for rejecting, the finding (or keeping it) for
    accepting; through the same service, audited. A respondent and an inspector not linked to
    the onderzoek are refused; a button of a reaction decided meanwhile, or changed by the
    gemeente since it was shown, records nothing."""
    onderzoek = await _importeer(sessions, catalogus, ITG.name)
    async with UnitOfWork(sessions) as uow:
        stap = await leg_voor(uow, catalogus, onderzoek, vandaag_in_nederland())
        ik = await maak_inspecteur(uow, "A. de Vries")
        ander = await maak_inspecteur(uow, "B. Bakker")
    async with UnitOfWork(sessions) as uow:
        await koppel(uow, onderzoek, ik.id)
        await uow.commit()
    assert stap.link is not None
    reacties = {"r1": "Dat klopt niet.", "r3": "Het Veiligheidshuis is geen meldpunt meer."}
    async with _client(sessions, catalogus) as c:
        r = await c.post(
            f"/gemeente/{stap.link}", data={**reacties, "algemeen": "Dank.", "actie": "opslaan"}
        )
        assert r.status_code == 303
    bot = await start_bot(sessions, catalogus)
    respondent = Gebruiker(bot.app, bot.nep, 7001)
    inspecteur = Gebruiker(bot.app, bot.nep, 9601)
    vreemde = Gebruiker(bot.app, bot.nep, 9602)
    await inspecteur.typ(f"/start {ik.token}")
    await vreemde.typ(f"/start {ander.token}")

    weigering = respondent.berichten(await respondent.typ(f"/reactie {onderzoek}"))
    assert "alleen voor inspecteurs" in weigering[0]
    weigering = vreemde.berichten(await vreemde.typ(f"/reactie {onderzoek}"))
    assert len(weigering) == 1 and "Reactie" not in weigering[0]

    assert "/reactie <nummer>" in inspecteur.berichten(await inspecteur.typ("/help"))[0]
    lijst = [o for o in await inspecteur.typ(f"/reactie {onderzoek}") if o.methode == "sendMessage"]
    assert lijst[0].tekst.startswith(f"3 open reactie(s) bij onderzoek {onderzoek}.")
    assert all(o.knoppen() == ["Overnemen", "Afwijzen"] for o in lijst[1:])
    per_tekst = {next(w for w in ("klopt", "Veiligheidshuis", "Dank") if w in o.tekst): o
                 for o in list(lijst[1:])}  # fmt: skip
    assert "Reactie " in per_tekst["Veiligheidshuis"].tekst

    # Afwijzen: the reason is asked, then recorded; the same old button again records nothing.
    afwijzen = per_tekst["klopt"].callback("Afwijzen")
    vraag = inspecteur.berichten(await inspecteur.druk_data(afwijzen))
    assert "Typ de reden" in vraag[0]
    klaar = inspecteur.berichten(await inspecteur.typ("De dossiers laten dit niet zien."))
    assert "is afgewezen. Nog 2 open reactie(s)" in klaar[0]
    nog_eens = inspecteur.berichten(await inspecteur.druk_data(afwijzen))
    assert "al over besloten" in nog_eens[0]
    overnemen = per_tekst["klopt"].callback("Overnemen")
    assert "al over besloten" in inspecteur.berichten(await inspecteur.druk_data(overnemen))[0]

    # Overnemen: the finding as it should read; the "keep it" button of that question is old
    # once the decision is taken.
    vraag_oproep = await inspecteur.druk_data(per_tekst["Veiligheidshuis"].callback("Overnemen"))
    assert "zoals die na de reactie moet luiden" in inspecteur.berichten(vraag_oproep)[0]
    houd = vraag_oproep[-1].callback("Bevinding ongewijzigd")
    bevinding = "Aanmelden kan bij de sociale wijkteams."
    klaar = inspecteur.berichten(await inspecteur.typ(bevinding))
    assert "is overgenomen. Nog 1 open reactie(s)" in klaar[0]
    assert "eerdere stap" in inspecteur.berichten(await inspecteur.druk_data(houd))[0]

    # The gemeente changes its general reaction after it was shown: that button is stale.
    algemeen = per_tekst["Dank"].callback("Overnemen")
    async with _client(sessions, catalogus) as c:
        r = await c.post(
            f"/gemeente/{stap.link}",
            data={**reacties, "algemeen": "Dank, en nog iets.", "actie": "opslaan"},
        )
        assert r.status_code == 303
    assert "intussen veranderd" in inspecteur.berichten(await inspecteur.druk_data(algemeen))[0]
    lijst = [o for o in await inspecteur.typ(f"/reactie {onderzoek}") if o.methode == "sendMessage"]
    assert len(lijst) == 2 and "Dank, en nog iets." in lijst[1].tekst
    klaar = inspecteur.berichten(await inspecteur.druk_data(lijst[1].callback("Overnemen")))
    assert "is overgenomen. Er zijn geen open reacties meer." in klaar[0]
    assert (
        "geen open reacties"
        in inspecteur.berichten(await inspecteur.typ(f"/reactie {onderzoek}"))[0]
    )

    async with UnitOfWork(sessions) as uow:
        regels = await reacties_van(uow, catalogus, onderzoek)
        b = await beoordeel(uow, catalogus, onderzoek)
        log = [(r.actie, r.details) for r in await audit_log(uow, onderzoek)]
    besluiten = {r.tekst: (r.besluit, r.reden) for r in regels}
    assert besluiten == {
        "Dat klopt niet.": ("afgewezen", "De dossiers laten dit niet zien."),
        "Het Veiligheidshuis is geen meldpunt meer.": ("aanvaard", "De bevinding is aangepast."),
        "Dank, en nog iets.": ("aanvaard", None),
    }
    assert b.oordeel("tl-aanmeldpunt").bevinding.startswith(bevinding)
    assert sorted(str(d) for a, d in log if a == "reactie") == sorted(
        f"reactie {r.nummer}: {r.besluit}" for r in regels
    )


async def test_een_nieuwe_link_als_de_oude_kwijt_is(
    stj: Any, sessions: Sessies, catalogus: Catalogus
) -> None:
    """`stj wederhoor N --nieuwe-link` and the console's button for the plan replace the stored
    hash: the old link is refused, the new one works, both audited; a closed step gets none."""

    async def cli(*args: object) -> Any:
        return await asyncio.to_thread(stj, *(str(a) for a in args))

    onderzoek = await _importeer(sessions, catalogus, ITG.name)
    vandaag = vandaag_in_nederland()
    async with UnitOfWork(sessions) as uow:
        stap = await leg_voor(uow, catalogus, onderzoek, vandaag)
    assert stap.link is not None
    uit = await cli("wederhoor", onderzoek, "--nieuwe-link")
    assert uit.code == 0, uit.err
    nieuw = re.search(r"vorige werkt niet meer\): http://[^/]+/gemeente/(\S+)", uit.out)
    assert nieuw and nieuw[1] != stap.link
    ik = await _inspecteur(sessions, "A. de Vries", onderzoek)
    async with _client(sessions, catalogus) as c:
        oud = await c.get(f"/gemeente/{stap.link}")
        assert oud.status_code == 404 and "Deze link kennen wij niet" in oud.text
        assert (await c.get(f"/gemeente/{nieuw[1]}")).status_code == 200

        async with UnitOfWork(sessions) as uow:
            await zet_status(uow, onderzoek, "vastgesteld", toch=True, catalogus=catalogus)
        async with UnitOfWork(sessions) as uow:
            p = await publiceer(uow, catalogus, onderzoek, vandaag)
        assert p.plan is not None and p.plan.link is not None
        await c.get(f"/inloggen/{await inloglink(sessions, ik)}")
        pagina = f"/onderzoek/{onderzoek}/beoordeling"
        html = (await c.get(pagina)).text
        # The closed wederhoor offers no new link; the open plan does.
        assert "nieuwe-link/wederhoor" not in html and "nieuwe-link/verbeterplan" in html
        csrf = _csrf(html)
        r = await c.post(
            f"/onderzoek/{onderzoek}/nieuwe-link/verbeterplan", data={"csrf": csrf, "terug": pagina}
        )
        melding = (await c.get(r.headers["location"])).text
        plan = re.search(r"de vorige werkt niet meer\): http://console/gemeente/([\w-]+)", melding)
        assert plan and plan[1] != p.plan.link
        assert plan[1] not in (await c.get(pagina)).text  # shown once
        assert (await c.get(f"/gemeente/{p.plan.link}")).status_code == 404
        assert (await c.get(f"/gemeente/{plan[1]}")).status_code == 200

        # Closed means closed: the revoked wederhoor gets no new link, here or on the CLI.
        r = await c.post(
            f"/onderzoek/{onderzoek}/nieuwe-link/wederhoor", data={"csrf": csrf, "terug": pagina}
        )
        geweigerd = (await c.get(r.headers["location"])).text
        assert "de reactie op het concept is gesloten; een gesloten stap krijgt geen" in geweigerd
    uit = await cli("wederhoor", onderzoek, "--nieuwe-link")
    assert uit.code == 1 and "is gesloten" in uit.err and "Traceback" not in uit.err
    assert (
        await cli("verbeterplan", onderzoek, "--nieuwe-link", "--verleng", "2099-01-01")
    ).code == 1
    async with UnitOfWork(sessions) as uow:
        acties = [r.actie for r in await audit_log(uow, onderzoek)]
    assert {"wederhoor nieuwe link", "web verbeterplan nieuwe link"} <= set(acties)
