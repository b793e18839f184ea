"""The console hardened (issue 20), through its ASGI interface on both databases: sessions that
end on the server (logging out, revoking, idle and hard expiry), rate limits per client address
with the refusals summed up in the audit log, the proxy header believed only from a trusted
proxy, bodies limited before anything reads them, one set of security headers on every
response, Dutch error pages, a way back from reports, form errors next to their fields, and a
verdict form that saves all it says or nothing."""

from __future__ import annotations

import datetime as dt
import re

import httpx
import pytest
from sqlalchemy import func, select, update
from starlette.applications import Starlette
from starlette.routing import Route

from opslag.audit import audit_log
from opslag.beoordelingen import beoordeel
from opslag.bewijs import aanpassingen
from opslag.documenten import bewaar_document
from opslag.inspecteurs import trek_inspecteur_in
from opslag.modellen import Audit, Document, WebSessie
from opslag.uow import UnitOfWork
from tests.test_web import Sessies, _bij, _csrf, _importeer, _inspecteur, _link
from vragenlijsten.catalogus import Catalogus
from web.app import maak_app
from web.bescherming import KOPPEN
from web.bewaking import Begrenzer
from web.diensten import WebDiensten

LEEUWARDEN = "leeuwarden-interventieteam-gezinnen.json"


def _app(sessions: Sessies, catalogus: Catalogus, **extra: object) -> Starlette:
    return maak_app(WebDiensten(sessions, catalogus, "http://console", **extra))  # type: ignore[arg-type]


async def _ingelogd(
    app: Starlette, sessions: Sessies, ik: int, adres: str = "127.0.0.1"
) -> httpx.AsyncClient:
    c = _bij(app, adres)
    r = await c.get(f"/inloggen/{await _link(sessions, ik)}")
    assert r.status_code == 303 and "stj_sessie" in c.cookies
    return c


async def test_uitloggen_beeindigt_de_sessie_op_de_server(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    onderzoek = await _importeer(sessions, catalogus, LEEUWARDEN)
    ik = await _inspecteur(sessions, "A. de Vries", onderzoek)
    app = _app(sessions, catalogus)
    c = await _ingelogd(app, sessions, ik)
    pagina = await c.get(f"/onderzoek/{onderzoek}")
    csrf = _csrf(pagina.text)
    gestolen = c.cookies["stj_sessie"]  # a copy of the cookie, with the page's CSRF token
    # Only a random token is in the cookie: nothing about the inspector or the CSRF token.
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", gestolen) and csrf not in gestolen
    r = await c.post("/uitloggen", data={"csrf": csrf})
    assert (r.status_code, r.headers["location"]) == (303, "/inloggen")
    async with _bij(app, "10.9.9.9") as dief:
        dief.cookies.set("stj_sessie", gestolen)
        assert (await dief.get(f"/onderzoek/{onderzoek}")).headers["location"] == "/inloggen"
        r = await dief.post(f"/onderzoek/{onderzoek}/sluiten", data={"csrf": csrf, "zeker": "ja"})
        assert r.status_code == 403
    async with sessions() as s:
        rij = (await s.scalars(select(WebSessie))).one()
    assert rij.beeindigd is not None and rij.reden == "uitgelogd"
    assert rij.aangemaakt <= rij.laatst_gezien <= rij.beeindigd
    async with UnitOfWork(sessions) as uow:
        acties = [r.actie for r in await audit_log(uow)]
    assert "web uitloggen" in acties
    await c.aclose()


async def test_intrekken_beeindigt_elke_sessie(sessions: Sessies, catalogus: Catalogus) -> None:
    onderzoek = await _importeer(sessions, catalogus, LEEUWARDEN)
    ik = await _inspecteur(sessions, "A. de Vries", onderzoek)
    app = _app(sessions, catalogus)
    eerste = await _ingelogd(app, sessions, ik)
    tweede = await _ingelogd(app, sessions, ik, "10.1.1.1")
    async with UnitOfWork(sessions) as uow:
        await trek_inspecteur_in(uow, ik)
    for c in (eerste, tweede):
        assert (await c.get("/")).headers["location"] == "/inloggen"
        await c.aclose()
    async with sessions() as s:
        redenen = [r.reden for r in await s.scalars(select(WebSessie))]
    assert redenen == ["ingetrokken", "ingetrokken"]


async def test_een_sessie_verloopt_schuivend_binnen_een_harde_grens(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    onderzoek = await _importeer(sessions, catalogus, LEEUWARDEN)
    ik = await _inspecteur(sessions, "A. de Vries", onderzoek)
    app = _app(sessions, catalogus)
    c = await _ingelogd(app, sessions, ik)

    async def terugzetten(aangemaakt: dt.timedelta, gezien: dt.timedelta) -> None:
        nu = dt.datetime.now(dt.UTC)
        async with sessions() as s:
            await s.execute(
                update(WebSessie).values(aangemaakt=nu - aangemaakt, laatst_gezien=nu - gezien)
            )
            await s.commit()

    # Seven hours in, active a minute ago: still in, and seen now (the expiry slides).
    await terugzetten(dt.timedelta(hours=7), dt.timedelta(minutes=90))
    assert (await c.get("/")).status_code == 200
    async with sessions() as s:
        gezien = (await s.scalars(select(WebSessie))).one().laatst_gezien
    assert dt.datetime.now(dt.UTC) - gezien < dt.timedelta(minutes=1)
    # Two hours without a request: ended.
    await terugzetten(dt.timedelta(hours=3), dt.timedelta(hours=2, minutes=1))
    assert (await c.get("/")).headers["location"] == "/inloggen"
    # Active all the time, but eight hours after the login: ended all the same.
    c2 = await _ingelogd(app, sessions, ik)
    async with sessions() as s:
        await s.execute(
            update(WebSessie)
            .where(WebSessie.beeindigd.is_(None))
            .values(aangemaakt=dt.datetime.now(dt.UTC) - dt.timedelta(hours=8, seconds=1))
        )
        await s.commit()
    assert (await c2.get("/")).headers["location"] == "/inloggen"
    async with sessions() as s:
        redenen = sorted(str(r.reden) for r in await s.scalars(select(WebSessie)))
    assert redenen == ["verlopen", "verlopen"]
    await c.aclose()
    await c2.aclose()


async def _geweigerd_aantal(sessions: Sessies) -> int:
    async with sessions() as s:
        return int(await s.scalar(select(func.count()).where(Audit.geweigerd.is_(True))) or 0)


async def test_inlogpogingen_zijn_begrensd_per_adres(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    ik = await _inspecteur(sessions, "A. de Vries")
    app = _app(sessions, catalogus)
    app.state.begrenzer = Begrenzer(klok=lambda: 0.0)  # time stands still: no refills
    async with _bij(app, "192.0.2.7") as raden:
        statussen = [(await raden.get(f"/inloggen/geraden-{n}")).status_code for n in range(200)]
        assert statussen[:10] == [410] * 10
        assert set(statussen[10:]) == {429}
        r = await raden.get("/inloggen/nog-een")
        assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1
        assert "Probeer het over" in r.text
        # Even a valid link waits: the limit is per address, not per guess.
        assert (await raden.get(f"/inloggen/{await _link(sessions, ik)}")).status_code == 429
    async with _bij(app, "192.0.2.8") as ander:  # another address is not held up
        assert (await ander.get(f"/inloggen/{await _link(sessions, ik)}")).status_code == 303
    await app.state.weigeringen.schrijf_alles()
    async with UnitOfWork(sessions) as uow:
        regels = [r for r in await audit_log(uow, alleen_geweigerd=True) if "192.0.2.7" in r.wie]
    # 202 refused attempts: the first unknown link, the first "too many", and a summary of each.
    assert len(regels) == 4, [(r.actie, r.details) for r in regels]
    samengevat = [r.details or "" for r in regels if r.actie.endswith("(samengevat)")]
    for begin in (
        "nog 9 keer geweigerd (Deze inloglink bestaat niet.",
        "nog 191 keer geweigerd (te veel inlogpogingen)",
    ):
        assert any(d.startswith(begin) for d in samengevat), (begin, samengevat)


async def test_verzoeken_zonder_sessie_begrensd_en_samengevat(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    app = _app(sessions, catalogus)
    app.state.begrenzer = Begrenzer(klok=lambda: 0.0)  # time stands still: no refills
    voor = await _geweigerd_aantal(sessions)
    async with _bij(app, "198.51.100.4") as c:
        statussen = [(await c.get("/onderzoek/1")).status_code for _ in range(2000)]
    assert statussen[:60] == [303] * 60 and set(statussen[60:]) == {429}
    await app.state.weigeringen.schrijf_alles()
    # 2,000 refused requests: four lines, not 2,000.
    assert await _geweigerd_aantal(sessions) - voor == 4
    async with UnitOfWork(sessions) as uow:
        details = [r.details for r in await audit_log(uow, alleen_geweigerd=True)]
    assert "nog 59 keer geweigerd (geen geldige sessie)" in " ".join(str(d) for d in details)
    assert "nog 1939 keer geweigerd (te veel verzoeken)" in " ".join(str(d) for d in details)


async def test_x_forwarded_for_alleen_van_een_vertrouwde_proxy(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    zonder = _app(sessions, catalogus)
    async with _bij(zonder, "203.0.113.9") as c:
        await c.get("/inloggen/vals", headers={"X-Forwarded-For": "1.2.3.4"})
    met = _app(sessions, catalogus, proxies=("10.0.0.0/8",))
    async with _bij(met, "10.0.0.2") as proxy:
        await proxy.get("/inloggen/vals", headers={"X-Forwarded-For": "6.6.6.6, 198.51.100.77"})
        # Each client behind the proxy has its own limit.
        for n in range(12):
            r = await proxy.get("/inloggen/x", headers={"X-Forwarded-For": f"198.51.100.{n}"})
            assert r.status_code == 410
    async with _bij(met, "203.0.113.10") as geen_proxy:
        await geen_proxy.get("/inloggen/vals", headers={"X-Forwarded-For": "5.5.5.5"})
    async with UnitOfWork(sessions) as uow:
        wie = {r.wie for r in await audit_log(uow, alleen_geweigerd=True)}
    assert {"web:203.0.113.9", "web:198.51.100.77", "web:203.0.113.10"} <= wie
    assert not {"web:1.2.3.4", "web:6.6.6.6", "web:5.5.5.5", "web:10.0.0.2"} & wie


async def test_een_te_groot_verzoek_wordt_niet_gelezen(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    onderzoek = await _importeer(sessions, catalogus, LEEUWARDEN)
    ik = await _inspecteur(sessions, "A. de Vries", onderzoek)
    app = _app(sessions, catalogus)
    gelezen = 0

    async def groot() -> object:  # 200 MB, in 1 MB pieces, as a stream without a length
        nonlocal gelezen
        for _ in range(200):
            gelezen += 1
            yield b"x" * (1024 * 1024)

    async with _bij(app) as c:
        r = await c.post(
            "/uitloggen",
            content=groot(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert r.status_code in (303, 413)  # without a session nothing is read at all
        assert gelezen <= 2
        r = await c.post("/uitloggen", content=b"x", headers={"Content-Length": "209715200"})
        assert r.status_code == 413 and "Te groot" in r.text
    c = await _ingelogd(app, sessions, ik)
    gelezen = 0
    vorm = {"Content-Type": "application/x-www-form-urlencoded"}
    r = await c.post(f"/onderzoek/{onderzoek}/sluiten", content=groot(), headers=vorm)
    assert r.status_code == 413 and gelezen <= 2
    async with UnitOfWork(sessions) as uow:
        b = await beoordeel(uow, catalogus, onderzoek)
    assert b.status == "concept"
    await c.aclose()


async def test_elk_antwoord_draagt_dezelfde_beveiligingskoppen(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    onderzoek = await _importeer(sessions, catalogus, LEEUWARDEN)
    ik = await _inspecteur(sessions, "A. de Vries", onderzoek)

    async def kapot(_: object) -> None:
        raise RuntimeError("stuk")

    app = maak_app(
        WebDiensten(sessions, catalogus, "http://console"), extra=[Route("/kapot", kapot)]
    )
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://console") as c:
        await c.get(f"/inloggen/{await _link(sessions, ik)}")
        csrf = _csrf((await c.get("/")).text)
        antwoorden = {
            "start": await c.get("/"),
            "inloggen": await c.get("/inloggen"),
            "rapport": await c.get(f"/onderzoek/{onderzoek}/rapport/html"),
            "overzicht": await c.get("/overzicht"),
            "export": await c.get(f"/onderzoek/{onderzoek}/export/json"),
            "doorverwijzing": await c.post(
                f"/onderzoek/{onderzoek}/verlengen", data={"csrf": csrf, "deadline": "x"}
            ),
            "404": await c.get("/bestaat-niet"),
            "405": await c.delete("/"),
            "413": await c.post("/uitloggen", content=b"x" * (2 * 1024 * 1024)),
            "500": await c.get("/kapot"),
        }
    for wat, r in antwoorden.items():
        for naam, waarde in KOPPEN.items():
            assert r.headers.get(naam) == waarde, (wat, naam, r.headers.get(naam))
    assert "script-src" not in KOPPEN["Content-Security-Policy"]  # default-src 'none'
    assert "frame-ancestors 'none'" in KOPPEN["Content-Security-Policy"]
    assert antwoorden["405"].status_code == 405
    assert "GET" in antwoorden["405"].headers["Allow"]


async def test_foutpaginas_in_het_nederlands_in_de_console(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    ik = await _inspecteur(sessions, "A. de Vries")

    async def kapot(_: object) -> None:
        raise RuntimeError("geheime details in de fout")

    app = maak_app(
        WebDiensten(sessions, catalogus, "http://console"), extra=[Route("/kapot", kapot)]
    )
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://console") as c:
        for pad, methode, status, titel in (
            ("/bestaat/niet", "GET", 404, "Pagina niet gevonden"),
            ("/", "POST", 405, "Dat kan zo niet"),
            ("/kapot", "GET", 500, "Er ging iets mis"),
        ):
            r = await c.request(methode, pad)
            assert r.status_code == status
            assert '<html lang="nl">' in r.text
            assert f"<title>{titel} · STJ-intake</title>" in r.text
            assert f"<h1>{titel}</h1>" in r.text and 'href="/"' in r.text
            assert "Traceback" not in r.text and "geheime details" not in r.text
        await c.get(f"/inloggen/{await _link(sessions, ik)}")
        r = await c.get("/bestaat/niet")
        assert r.status_code == 404 and "Uitloggen" in r.text  # the console's own menu
    # Something that does not exist within an onderzoek: Dutch, without a command to type.
    onderzoek = await _importeer(sessions, catalogus, LEEUWARDEN)
    ander = await _inspecteur(sessions, "B. Jansen", onderzoek)
    async with _bij(app) as c:
        await c.get(f"/inloggen/{await _link(sessions, ander)}")
        r = await c.get(f"/onderzoek/{onderzoek}/document/999")
        assert r.status_code == 404 and "Niet gevonden" in r.text
        assert "stj " not in r.text and "'stj" not in r.text


async def test_rapporten_en_overzicht_hebben_een_weg_terug(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    onderzoek = await _importeer(sessions, catalogus, LEEUWARDEN)
    ik = await _inspecteur(sessions, "A. de Vries", onderzoek)
    app = _app(sessions, catalogus)
    c = await _ingelogd(app, sessions, ik)
    for pad in (f"/onderzoek/{onderzoek}/rapport/html", "/overzicht"):
        html = (await c.get(pad)).text
        nav = re.search(r'<nav class="console-terug" aria-label="Kruimelpad">(.*?)</nav>', html)
        assert nav, pad
        assert '<a href="/">Onderzoeken</a>' in nav[1]
        assert 'aria-current="page"' in nav[1]
        assert html.index("console-terug") < html.index("<h1")
    rapport = (await c.get(f"/onderzoek/{onderzoek}/rapport/html")).text
    assert f'<a href="/onderzoek/{onderzoek}/beoordeling">Beoordeling</a>' in rapport
    await c.aclose()


async def test_formulierfouten_staan_bij_het_veld(sessions: Sessies, catalogus: Catalogus) -> None:
    onderzoek = await _importeer(sessions, catalogus, LEEUWARDEN)
    ik = await _inspecteur(sessions, "A. de Vries", onderzoek)
    app = _app(sessions, catalogus)
    c = await _ingelogd(app, sessions, ik)
    pad = f"/onderzoek/{onderzoek}"
    csrf = _csrf((await c.get(pad)).text)
    r = await c.post(
        f"{pad}/uitnodigen",
        data={"csrf": csrf, "terug": pad, "formulier": "uitnodigen", "rol": "netwerkpartner",
              "organisatie": "", "casus": ""},
    )  # fmt: skip
    assert r.headers["location"] == pad  # back to the form (the focus goes to the field)
    html = (await c.get(pad)).text
    fout = "Vul de organisatie in van de netwerkpartner."
    # Between the label and the field, tied to it, the focus on it; no command-line words.
    assert re.search(
        r'<label for="uitnodigen-organisatie">Organisatie</label>\s*'
        r'(<p class="hint"[^>]*>.*?</p>\s*)?'
        r'<p class="veldfout" id="uitnodigen-organisatie-fout"><span class="verborgen">Fout: '
        rf"</span>{fout}</p>\s*<input [^>]*id=\"uitnodigen-organisatie\"",
        html,
    ), html[html.index('id="uitnodigen"') :][:2500]
    veld = re.search(r'<input [^>]*id="uitnodigen-organisatie"[^>]*>', html)
    assert veld is not None
    assert 'aria-invalid="true"' in veld[0] and "autofocus" in veld[0]
    assert "uitnodigen-organisatie-fout" in veld[0]
    assert "--" not in fout and "Niet gelukt" not in html
    # The choice is kept: a casus label that could be a name, on a role with a casus.
    r = await c.post(
        f"{pad}/verlengen",
        data={"csrf": csrf, "terug": pad, "formulier": "verlengen", "deadline": "2001-01-01"},
    )
    html = (await c.get(pad)).text
    veld = re.search(r'<input type="date" id="verlengen-deadline"[^>]*>', html)
    assert veld is not None and 'value="2001-01-01"' in veld[0]
    assert 'aria-invalid="true"' in veld[0]
    assert "ligt in het verleden" in html
    # Shown once: after the next page load the form is fresh again.
    html = (await c.get(pad)).text
    assert 'class="veldfout"' not in html
    await c.aclose()


async def test_oordeelformulier_bewaart_alles_of_niets(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    onderzoek = await _importeer(sessions, catalogus, LEEUWARDEN)
    ik = await _inspecteur(sessions, "A. de Vries", onderzoek)
    app = _app(sessions, catalogus)
    c = await _ingelogd(app, sessions, ik)
    pad = f"/onderzoek/{onderzoek}/beoordeling"
    csrf = _csrf((await c.get(pad)).text)
    fid = "oordeel-tl-omschrijving"
    r = await c.post(
        f"{pad}/tl-omschrijving",
        data={"csrf": csrf, "terug": f"{pad}#tl-omschrijving", "formulier": fid,
              "oordeel": "verbeterpunt", "tekst": "Eigen bevinding.", "let_op_soort": "eigen",
              "let_op": "  ", "citeer-2": "ja"},
    )  # fmt: skip
    assert r.headers["location"] == pad
    async with UnitOfWork(sessions) as uow:
        assert (await aanpassingen(uow, onderzoek)).get("tl-omschrijving") is None
        log = await audit_log(uow, onderzoek)
    assert not any(r.actie == "web oordeel" and not r.details for r in log)
    html = (await c.get(pad)).text
    blok = html[html.index(f'id="{fid}"') :]
    # Everything chosen is still there, and the error is at the LET OP field.
    assert re.search(r'value="verbeterpunt" checked', blok)
    assert "Eigen bevinding.</textarea>" in blok
    assert re.search(r'value="eigen" checked', blok)
    assert re.search(r'name="citeer-2" value="ja" checked', blok)
    assert f'id="{fid}-let-op-fout"' in blok
    assert "Schrijf de LET OP" in blok
    # A too long finding is refused before anything is written, too.
    r = await c.post(
        f"{pad}/tl-omschrijving",
        data={"csrf": csrf, "formulier": fid, "oordeel": "voldoet", "tekst": "x" * 4001,
              "let_op_soort": "geen"},
    )  # fmt: skip
    async with UnitOfWork(sessions) as uow:
        assert (await aanpassingen(uow, onderzoek)).get("tl-omschrijving") is None
    await c.aclose()


async def test_een_opgeslagen_soort_met_regeleinde_blijft_downloadbaar(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    onderzoek = await _importeer(sessions, catalogus, "voorbeeld-antwoorden.json")
    ik = await _inspecteur(sessions, "A. de Vries", onderzoek)
    async with UnitOfWork(sessions) as uow:
        await bewaar_document(uow, 1, "gc-eigen-kracht", "f-1", "x.pdf", None, b"%PDF-1.4 x")
    async with sessions() as s:  # stored by an older version, as the audit found it
        await s.execute(update(Document).values(mime="text/html\r\nSet-Cookie: a=b"))
        await s.commit()
    app = _app(sessions, catalogus)
    c = await _ingelogd(app, sessions, ik)
    r = await c.get(f"/onderzoek/{onderzoek}/document/1")
    assert r.status_code == 200 and r.content == b"%PDF-1.4 x"
    assert r.headers["content-type"] == "application/octet-stream"
    assert "a=b" not in r.headers.get("set-cookie", "")
    await c.aclose()


@pytest.mark.parametrize("soort", ["text/plain\r\nX: y", "a" * 150, "geen-slash"])
def test_een_bewaarde_soort_is_altijd_een_schone_kop(soort: str) -> None:
    from opslag.documenten import soort as bewaarsoort

    schoon = bewaarsoort("x.pdf", soort)
    assert "\r" not in schoon and "\n" not in schoon and len(schoon) <= 100
