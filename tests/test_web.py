"""The web console through its ASGI interface (httpx, same event loop), on both databases: one-time
login links, the guard on every route (no session, a forged or revoked one, an inspector of
another onderzoek, missing or forged CSRF tokens), changes that reach `stj beoordeel` and
Telegram's /beoordeling and back, and documents only for the onderzoek's inspectors."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.applications import Starlette
from starlette.routing import Route

from opslag.antwoorden import bewaar_antwoord
from opslag.audit import audit_log
from opslag.beoordelingen import beoordeel, zet_oordeel
from opslag.documenten import documenten_van
from opslag.inspecteurs import koppel, maak_inspecteur, trek_inspecteur_in
from opslag.modellen import WebLink
from opslag.uitwisseling.importeren import importeer, lees_antwoordenbestand
from opslag.uow import UnitOfWork
from opslag.weblinks import maak_weblink
from tests.bot_hulp import start_bot, uitnodiging, vraagnummer
from tests.nep_telegram import Gebruiker, achtergrond_klaar
from vragenlijsten.antwoorden import Antwoord
from vragenlijsten.catalogus import Catalogus
from web.app import ROUTES, maak_app
from web.diensten import WebDiensten

Sessies = async_sessionmaker[AsyncSession]
DATA = Path(__file__).parent / "data"
GEHEIM = "test-geheim"


async def _importeer(sessions: Sessies, catalogus: Catalogus, naam: str) -> int:
    async with UnitOfWork(sessions) as uow:
        tekst = (DATA / naam).read_text(encoding="utf-8")
        return (await importeer(uow, catalogus, lees_antwoordenbestand(tekst))).onderzoek_id


async def _inspecteur(sessions: Sessies, naam: str, *onderzoeken: int) -> int:
    async with UnitOfWork(sessions) as uow:
        ik = await maak_inspecteur(uow, naam)
    for n in onderzoeken:
        async with UnitOfWork(sessions) as uow:
            await koppel(uow, n, ik.id)
            await uow.commit()
    return ik.id


async def _link(sessions: Sessies, inspecteur_id: int) -> str:
    async with UnitOfWork(sessions) as uow:
        return await maak_weblink(uow, inspecteur_id)


def _bij(app: Starlette, adres: str = "127.0.0.1") -> httpx.AsyncClient:
    """A browser at this address talking to the console."""
    transport = httpx.ASGITransport(app=app, client=(adres, 123))
    return httpx.AsyncClient(transport=transport, base_url="http://console")


def _client(sessions: Sessies, catalogus: Catalogus, adres: str = "127.0.0.1") -> httpx.AsyncClient:
    return _bij(maak_app(WebDiensten(sessions, catalogus, "http://console")), adres)


@pytest.fixture
async def opstelling(
    sessions: Sessies, catalogus: Catalogus
) -> AsyncIterator[tuple[httpx.AsyncClient, int, int]]:
    """Leeuwarden imported; inspector 1 linked to it and logged in."""
    onderzoek = await _importeer(sessions, catalogus, "leeuwarden-interventieteam-gezinnen.json")
    ik = await _inspecteur(sessions, "A. de Vries", onderzoek)
    async with _client(sessions, catalogus) as c:
        r = await c.get(f"/inloggen/{await _link(sessions, ik)}")
        assert (r.status_code, r.headers["location"]) == (303, "/")
        yield c, onderzoek, ik


def _csrf(html: str) -> str:
    gevonden = re.search(r'name="csrf" value="([^"]+)"', html)
    assert gevonden, "geen formulier met CSRF-token"
    return gevonden[1]


async def test_een_inloglink_werkt_een_keer(sessions: Sessies, catalogus: Catalogus) -> None:
    ik = await _inspecteur(sessions, "A. de Vries")
    token = await _link(sessions, ik)
    async with _client(sessions, catalogus) as c:
        assert (await c.get(f"/inloggen/{token}")).status_code == 303
        assert (await c.get("/")).status_code == 200
    async with _client(sessions, catalogus) as ander:
        tweede = await ander.get(f"/inloggen/{token}")
        assert tweede.status_code == 410
        assert "Deze inloglink is al gebruikt. Een link werkt maar één keer." in tweede.text
        onbekend = await ander.get("/inloggen/verzonnen")
        assert "Deze inloglink bestaat niet." in onbekend.text
        oud = await _link(sessions, ik)
        async with sessions() as s:
            verlopen = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
            await s.execute(update(WebLink).values(verloopt=verlopen))
            await s.commit()
        laat = await ander.get(f"/inloggen/{oud}")
        assert laat.status_code == 410 and "Deze inloglink is verlopen." in laat.text
        assert (await ander.get("/")).headers["location"] == "/inloggen"
    async with UnitOfWork(sessions) as uow:
        log = await audit_log(uow, alleen_geweigerd=True)
    assert [r.actie for r in log].count("web inloggen") == 3


def _voorbeeld(pad: str, onderzoek: int) -> str:
    """A concrete path for a route: real numbers where it takes them."""
    return (
        pad.replace("{onderzoek:nummer}", str(onderzoek))
        .replace("{uitnodiging:nummer}", "1")
        .replace("{document:nummer}", "1")
        .replace("{reactie:nummer}", "1")
        .replace("{formaat}", "json")
        .replace("{indicator}", "tl-omschrijving")
        .replace("{naam}", "context")
        .replace("{soort}", "wederhoor")
    )


# Every route but logging in and out, and the gemeente's link (its token is the key: see
# tests/test_na_concept.py).
BESCHERMD = [
    r
    for r in ROUTES
    if isinstance(r, Route) and not r.path.startswith(("/inloggen", "/uitloggen", "/gemeente/"))
]


async def test_elke_route_weigert_wie_geen_inspecteur_is(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    onderzoek = await _importeer(sessions, catalogus, "leeuwarden-interventieteam-gezinnen.json")
    ingetrokken = await _inspecteur(sessions, "Oud", onderzoek)
    async with _client(sessions, catalogus) as c:
        await c.get(f"/inloggen/{await _link(sessions, ingetrokken)}")
        sessie_ingetrokken = c.cookies["stj_sessie"]
    async with UnitOfWork(sessions) as uow:
        await trek_inspecteur_in(uow, ingetrokken)
    sessies = {
        "geen sessie": None,
        # A respondent has no console account: a made-up session token.
        "verzonnen": "verzonnen-token-" + "x" * 27,
        "ingetrokken inspecteur": sessie_ingetrokken,
    }
    assert len(BESCHERMD) >= 15
    app = maak_app(WebDiensten(sessions, catalogus, "http://console"))
    aantal_verzoeken = 0
    for n, (wie, cookie) in enumerate(sessies.items()):
        aantal_verzoeken = 0
        async with _bij(app, f"10.0.0.{n + 1}") as c:
            if cookie is not None:
                c.cookies.set("stj_sessie", cookie)
            for route in BESCHERMD:
                pad = _voorbeeld(route.path, onderzoek)
                for methode in sorted(route.methods or {"GET"}):
                    if methode == "HEAD":
                        continue
                    r = await c.request(methode, pad, data={"csrf": "x"})
                    aantal_verzoeken += 1
                    if methode == "GET":
                        assert (r.status_code, r.headers.get("location")) == (303, "/inloggen"), (
                            wie, pad)  # fmt: skip
                    else:
                        assert r.status_code == 403 and "Log eerst in" in r.text, (wie, pad)
    await app.state.weigeringen.schrijf_alles()
    async with UnitOfWork(sessions) as uow:
        geweigerd = await audit_log(uow, alleen_geweigerd=True)
    # Per address the first refusal, and one line that sums up the rest.
    for n in (1, 2, 3):
        van = [r for r in geweigerd if r.wie == f"web:10.0.0.{n}"]
        assert len(van) == 2, van
        assert van[1].details is not None
        assert van[1].details.startswith(f"nog {aantal_verzoeken - 1} keer geweigerd")


async def test_een_inspecteur_van_een_ander_onderzoek(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    eigen = await _importeer(sessions, catalogus, "leeuwarden-interventieteam-gezinnen.json")
    ander = await _importeer(
        sessions, catalogus, "leeuwarden-voorwaardelijke-interventie-gezinnen.json"
    )
    ik = await _inspecteur(sessions, "A. de Vries", eigen)
    async with _client(sessions, catalogus) as c:
        await c.get(f"/inloggen/{await _link(sessions, ik)}")
        start = await c.get("/")
        assert f"/onderzoek/{eigen}" in start.text and f"/onderzoek/{ander}" not in start.text
        csrf = _csrf(start.text)
        for route in BESCHERMD:
            if "{onderzoek" not in route.path:
                continue
            pad = _voorbeeld(route.path, ander)
            methode = "POST" if "POST" in (route.methods or ()) else "GET"
            r = await c.request(methode, pad, data={"csrf": csrf, "oordeel": "voldoet"})
            assert r.status_code == 403, pad
            assert f"U bent niet gekoppeld aan onderzoek {ander}." in r.text
    async with UnitOfWork(sessions) as uow:
        b = await beoordeel(uow, catalogus, ander)
        log = await audit_log(uow, ander, alleen_geweigerd=True)
    assert not any(io.aangepast_door_inspecteur for io in b.indicatoren)
    assert log and all(r.wie.startswith(f"inspecteur {ik} ") for r in log)


async def test_zonder_of_met_vals_csrf_token_gebeurt_niets(
    opstelling: tuple[httpx.AsyncClient, int, int], sessions: Sessies, catalogus: Catalogus
) -> None:
    c, onderzoek, _ = opstelling
    for data in ({}, {"csrf": "vervalst"}):
        r = await c.post(
            f"/onderzoek/{onderzoek}/beoordeling/tl-omschrijving",
            data={**data, "oordeel": "voldoet"},
        )
        assert r.status_code == 403 and "Dit formulier is verlopen" in r.text
        r = await c.post(f"/onderzoek/{onderzoek}/sluiten", data={**data, "zeker": "ja"})
        assert r.status_code == 403
    async with UnitOfWork(sessions) as uow:
        b = await beoordeel(uow, catalogus, onderzoek)
    assert not any(io.aangepast_door_inspecteur for io in b.indicatoren)
    assert (await c.get(f"/onderzoek/{onderzoek}")).text.count("Onderzoek sluiten") == 1


async def test_wijzigingen_op_het_web_in_telegram_en_terug(
    opstelling: tuple[httpx.AsyncClient, int, int], sessions: Sessies, catalogus: Catalogus
) -> None:
    c, onderzoek, _ = opstelling
    pagina = await c.get(f"/onderzoek/{onderzoek}/beoordeling")
    csrf = _csrf(pagina.text)
    r = await c.post(
        f"/onderzoek/{onderzoek}/beoordeling/tl-omschrijving",
        data={"csrf": csrf, "oordeel": "verbeterpunt", "tekst": "Omschrijvingen verschillen.",
              "let_op_soort": "eigen", "let_op": "Eigen LET OP.", "citeer-2": "ja"},
    )  # fmt: skip
    assert r.status_code == 303
    async with UnitOfWork(sessions) as uow:
        b = await beoordeel(uow, catalogus, onderzoek)
    io = b.oordeel("tl-omschrijving")
    assert (io.oordeel, io.regel, io.bevinding, io.let_op) == (
        "verbeterpunt", "inspecteur", "Omschrijvingen verschillen.", ("Eigen LET OP.",)
    )  # fmt: skip
    # Telegram shows the inspector's decision ...
    bot = await start_bot(sessions, catalogus)
    async with UnitOfWork(sessions) as uow:
        ik_info = await maak_inspecteur(uow, "T. Elegram", coordinator=True)
    tg = Gebruiker(bot.app, bot.nep, 9901)
    await tg.typ(f"/start {ik_info.token}")
    eerste = tg.berichten(await tg.typ(f"/beoordeling {onderzoek}"))[0]
    assert "Oordeel inspecteur: ✗ verbeterpunt" in eerste
    # ... and what Telegram (or the command line) decides shows on the web.
    async with UnitOfWork(sessions) as uow:
        await zet_oordeel(uow, catalogus, onderzoek, "tl-populatie", "verbeterpunt", None, "cli")
    web = (await c.get(f"/onderzoek/{onderzoek}/beoordeling")).text
    blok = web[web.index('id="tl-populatie"') :][:2000]
    assert "✗ verbeterpunt" in blok and "Oordeel door cli" in blok
    # Conclusion of a theme.
    r = await c.post(
        f"/onderzoek/{onderzoek}/conclusie",
        data={"csrf": csrf, "thema": "Toeleiding", "gaat_goed": "Eigen zin.", "was_goed": "x",
              "kan_beter": "", "was_beter": ""},
    )  # fmt: skip
    async with UnitOfWork(sessions) as uow:
        b = await beoordeel(uow, catalogus, onderzoek)
    assert b.conclusie("Toeleiding").gaat_goed == ("Eigen zin.",)
    # Vastgesteld: read-only until reopened with a reason.
    await c.post(
        f"/onderzoek/{onderzoek}/vaststellen",
        data={"csrf": csrf, "actie": "vaststellen", "toch": "ja"},  # without wederhoor
    )
    r = await c.post(
        f"/onderzoek/{onderzoek}/beoordeling/co-duur", data={"csrf": csrf, "oordeel": "voldoet",
        "let_op_soort": "standaard", "terug": f"/onderzoek/{onderzoek}/beoordeling"},
    )  # fmt: skip
    volgende = await c.get(r.headers["location"])
    assert "Niet gelukt: De beoordeling is vastgesteld en verandert niet meer." in volgende.text
    async with UnitOfWork(sessions) as uow:
        assert (await beoordeel(uow, catalogus, onderzoek)).oordeel("co-duur").regel != "inspecteur"
    r = await c.post(
        f"/onderzoek/{onderzoek}/vaststellen", data={"csrf": csrf, "actie": "heropenen"}
    )
    assert "Schrijf waarom u de beoordeling heropent." in (await c.get(r.headers["location"])).text
    await c.post(f"/onderzoek/{onderzoek}/vaststellen",
                 data={"csrf": csrf, "actie": "heropenen", "reden": "Nieuw stuk"})  # fmt: skip
    async with UnitOfWork(sessions) as uow:
        assert (await beoordeel(uow, catalogus, onderzoek)).status == "concept"
        acties = [r.actie for r in await audit_log(uow, onderzoek)]
    assert {"web oordeel", "web conclusie", "web vaststellen"} <= set(acties)


async def test_downloads_en_onderzoeksacties(
    opstelling: tuple[httpx.AsyncClient, int, int], sessions: Sessies, catalogus: Catalogus
) -> None:
    c, onderzoek, _ = opstelling
    for pad, soort, begin in (
        ("export/json", "application/json", b"{"),
        ("export/csv", "text/csv", b"\xef\xbb\xbf"),
        ("export/xlsx", "application/vnd.openxml", b"PK"),
        ("rapport/html", "text/html", b"<!DOCTYPE html>"),
    ):
        r = await c.get(f"/onderzoek/{onderzoek}/{pad}")
        assert r.status_code == 200 and r.headers["content-type"].startswith(soort), pad
        assert r.content.startswith(begin), pad
    csrf = _csrf((await c.get(f"/onderzoek/{onderzoek}")).text)
    nieuw = {"csrf": csrf, "rol": "netwerkpartner", "organisatie": "Politie"}
    r = await c.post(f"/onderzoek/{onderzoek}/uitnodigen", data=nieuw)
    pagina = (await c.get(r.headers["location"])).text
    assert "Uitnodiging gemaakt voor netwerkpartner · Politie." in pagina
    assert "https://t.me/" in pagina and "<svg" in pagina  # the link and its QR code
    r = await c.post(f"/onderzoek/{onderzoek}/verlengen",
                     data={"csrf": csrf, "deadline": "2020-01-01"})  # fmt: skip
    assert "ligt in het verleden" in (await c.get(r.headers["location"])).text
    r = await c.post(f"/onderzoek/{onderzoek}/herinneren", data={"csrf": csrf})
    assert "Herinneringen gaan via de bot" in (await c.get(r.headers["location"])).text
    r = await c.post(f"/onderzoek/{onderzoek}/sluiten", data={"csrf": csrf, "zeker": "ja"})
    assert "Het onderzoek is gesloten." in (await c.get(r.headers["location"])).text


async def test_documenten_alleen_voor_de_inspecteurs_van_het_onderzoek(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    bot = await start_bot(sessions, catalogus)
    info = await uitnodiging(sessions, catalogus, "beleidsniveau", "gemeente")
    bot.nep.bestanden["doc-1"] = b"%PDF-1.4 het convenant"
    respondent = Gebruiker(bot.app, bot.nep, 9911)
    await respondent.typ(f"/start {info.token}")
    await respondent.druk("Beginnen")
    nummer = vraagnummer(catalogus, "beleidsniveau", "gemeente", "gc-eigen-kracht")
    await respondent.typ(f"/wijzig_{nummer}")
    await respondent.druk("Ja")
    await respondent.druk("Geen toelichting")
    await respondent.stuur(document={"file_id": "doc-1", "file_unique_id": "d1",
                                     "file_name": "convenant.pdf", "mime_type": "application/pdf",
                                     "file_size": 22})  # fmt: skip
    for _ in range(100):  # the fetch runs as a task of its own
        async with UnitOfWork(sessions) as uow:
            kept = await documenten_van(uow, info.onderzoek_id)
        if kept:
            break
        await asyncio.sleep(0.02)
    assert [(d.naam, d.mime, d.item_id) for d in kept] == [
        ("convenant.pdf", "application/pdf", "gc-eigen-kracht")
    ]
    eigen = await _inspecteur(sessions, "Eigen", info.onderzoek_id)
    vreemd = await _inspecteur(sessions, "Vreemd")
    pad = f"/onderzoek/{info.onderzoek_id}/document/{kept[0].id}"
    async with _client(sessions, catalogus) as c:
        assert (await c.get(pad)).headers["location"] == "/inloggen"
        await c.get(f"/inloggen/{await _link(sessions, eigen)}")
        r = await c.get(pad)
        assert r.content == b"%PDF-1.4 het convenant"
        assert 'filename="convenant.pdf"' in r.headers["content-disposition"]
        lijst = (await c.get(f"/onderzoek/{info.onderzoek_id}/documenten")).text
        assert "convenant.pdf" in lijst
    async with _client(sessions, catalogus) as c:
        await c.get(f"/inloggen/{await _link(sessions, vreemd)}")
        assert (await c.get(pad)).status_code == 403
    # A document of another onderzoek under this onderzoek's address: refused too.
    tweede = await _importeer(sessions, catalogus, "leeuwarden-interventieteam-gezinnen.json")
    async with UnitOfWork(sessions) as uow:
        await koppel(uow, tweede, eigen)
        await uow.commit()
    async with _client(sessions, catalogus) as c:
        await c.get(f"/inloggen/{await _link(sessions, eigen)}")
        r = await c.get(f"/onderzoek/{tweede}/document/{kept[0].id}")
        assert r.status_code == 403 and f"niet bij onderzoek {tweede}" in r.text


async def test_web_in_telegram_geeft_een_werkende_link(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    from bot.app import bouw_app
    from bot.basis import Diensten
    from tests.bot_hulp import start_app
    from tests.nep_telegram import NepRequest

    nep = NepRequest()
    app = bouw_app(Diensten(sessions, catalogus, web_url="http://console"), "1:T", request=nep)
    await start_app(app)
    async with UnitOfWork(sessions) as uow:
        ik = await maak_inspecteur(uow, "A. de Vries")
    tg = Gebruiker(app, nep, 9921)
    await tg.typ(f"/start {ik.token}")
    tekst = tg.berichten(await tg.typ("/web"))[0]
    link = tekst.rsplit("\n", 1)[1]
    assert link.startswith("http://console/inloggen/")
    async with _client(sessions, catalogus) as c:
        assert (await c.get(link.removeprefix("http://console"))).status_code == 303
        assert "A. de Vries" in (await c.get("/")).text
    vreemde = Gebruiker(app, nep, 9922)
    assert tg.berichten(await vreemde.typ("/web")) == ["Deze opdracht is alleen voor inspecteurs."]


def test_weblink_op_de_command_line(stj: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STJ_WEB_URL", "https://stj.example.nl/")
    nieuw = stj("inspecteur", "nieuw", "--naam", "A. de Vries", "--json").json()
    uit = stj("inspecteur", "weblink", str(nieuw["id"]))
    assert uit.code == 0
    assert re.fullmatch(
        r"https://stj\.example\.nl/inloggen/[A-Za-z0-9_-]{43}", uit.out.splitlines()[-1]
    )
    assert stj("inspecteur", "weblink", "99").err == (
        "fout: inspecteur 99 bestaat niet; zie 'stj inspecteur lijst', of maak er een met "
        "'stj inspecteur nieuw --naam \"…\" --coordinator'\n"
    )


def test_documenten_op_de_command_line(
    stj: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.nep_botapi import NepBotApi

    data = json.loads((DATA / "voorbeeld-antwoorden.json").read_text(encoding="utf-8"))
    (tmp_path / "a.json").write_text(json.dumps(data), encoding="utf-8")
    assert stj("import", str(tmp_path / "a.json")).code == 0
    assert "nog op te halen: 1 (stj document ophalen 1)" in stj("document", "lijst", "1").out
    assert stj("document", "ophalen", "1").err == (
        "fout: STJ_TELEGRAM_TOKEN ontbreekt; documenten komen via de Bot API\n"
    )
    with NepBotApi() as api:
        api.bestanden["BQACAgQAAxkBAAIB"] = b"%PDF-1.4 visienota"
        monkeypatch.setenv("STJ_TELEGRAM_TOKEN", "123:ABC")
        monkeypatch.setenv("STJ_TELEGRAM_API_URL", api.url)
        assert stj("document", "ophalen", "1").out == "opgehaald: 1 van 1\n"
    lijst = stj("document", "lijst", "1").out
    assert "visienota.pdf · gemeente · Gemeente Voorbeeldstad · gc-eigen-kracht" in lijst
    assert "nog op te halen" not in lijst
    uit = tmp_path / "visienota.pdf"
    assert stj("document", "bewaar", "1", "--uit", str(uit)).code == 0
    assert uit.read_bytes() == b"%PDF-1.4 visienota"


async def test_herinneren_vanuit_de_console(sessions: Sessies, catalogus: Catalogus) -> None:
    from opslag.modellen import Uitnodiging

    onderzoek = await _importeer(sessions, catalogus, "leeuwarden-interventieteam-gezinnen.json")
    async with sessions() as s:
        await s.execute(
            update(Uitnodiging)
            .where(Uitnodiging.id == 2)
            .values(status="bezig", telegram_user_id=4242)
        )
        await s.commit()
    ik = await _inspecteur(sessions, "A. de Vries", onderzoek)
    verstuurd: list[list[int]] = []

    async def herinneraar(te_versturen: Any) -> None:
        verstuurd.append([t.chat_id for t in te_versturen])

    app = maak_app(WebDiensten(sessions, catalogus, "http://console", herinneraar))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://console") as c:
        await c.get(f"/inloggen/{await _link(sessions, ik)}")
        csrf = _csrf((await c.get(f"/onderzoek/{onderzoek}")).text)
        r = await c.post(f"/onderzoek/{onderzoek}/herinneren", data={"csrf": csrf})
        assert "1 herinnering(en) worden verstuurd." in (await c.get(r.headers["location"])).text
        await achtergrond_klaar()  # the round runs on the side; it has been recorded once done
        r = await c.post(f"/onderzoek/{onderzoek}/herinneren", data={"csrf": csrf})
        tweede = (await c.get(r.headers["location"])).text
        assert "0 herinnering(en) worden verstuurd. 1 kregen er al een" in tweede
    assert verstuurd == [[4242], []]


async def test_het_eindoordeel_van_een_themarapport(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    info = await uitnodiging(sessions, catalogus, "wijkteams", "wijkteam", aanpak="Wijkteam Oost")
    async with UnitOfWork(sessions) as uow:
        await bewaar_antwoord(uow, info.id, "tt-dialoog", Antwoord(waarde="ja"), "test")
        await uow.commit()
    onderzoek = info.onderzoek_id
    ik = await _inspecteur(sessions, "A. de Vries", onderzoek)
    async with _client(sessions, catalogus) as c:
        await c.get(f"/inloggen/{await _link(sessions, ik)}")
        pagina = (await c.get(f"/onderzoek/{onderzoek}/beoordeling")).text
        assert "Volgens de regel: voldoende." in pagina
        r = await c.post(
            f"/onderzoek/{onderzoek}/eindoordeel",
            data={"csrf": _csrf(pagina), "keuze": "onvoldoende", "tekst": "Eigen eindoordeel."},
        )
        assert r.status_code == 303
        async with UnitOfWork(sessions) as uow:
            b = await beoordeel(uow, catalogus, onderzoek)
        assert b.themarapport is not None
        r_ = b.themarapport
        assert (r_.voldoende, r_.voorstel, r_.eindoordeel) == (False, True, "Eigen eindoordeel.")
        assert r_.aanpassing is not None and r_.aanpassing.door.startswith("A. de Vries")
        rapport = (await c.get(f"/onderzoek/{onderzoek}/rapport/html")).text
        assert (
            "Eigen eindoordeel." in rapport
            and "Eindoordeel van de inspecteur · A. de Vries" in rapport
        )
        await c.post(
            f"/onderzoek/{onderzoek}/eindoordeel", data={"csrf": _csrf(pagina), "keuze": "regel"}
        )
        async with UnitOfWork(sessions) as uow:
            b = await beoordeel(uow, catalogus, onderzoek)
            acties = [a.actie for a in await audit_log(uow, onderzoek)]
        assert b.themarapport is not None and b.themarapport.aanpassing is None
        assert acties.count("web eindoordeel") == 2
