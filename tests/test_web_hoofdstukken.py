"""The chapter editor of the console (issue 22), through its ASGI interface on both databases:
the list with how each chapter stands, one chapter with its draft, a preview that saves nothing,
saving, the history (who, when), giving it back to the draft, an error at the field, and
read-only once the assessment is vastgesteld; every action audited."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from opslag.audit import audit_log
from opslag.beoordelingen import zet_status
from opslag.hoofdstukken import geschreven, historie
from opslag.uow import UnitOfWork
from tests.test_web import Sessies, _client, _csrf, _importeer, _inspecteur, _link
from vragenlijsten.catalogus import Catalogus


@asynccontextmanager
async def _ingelogd(
    sessions: Sessies, catalogus: Catalogus, vastgesteld: bool = False
) -> AsyncIterator[tuple[Any, int]]:
    """The Zwolle nota, and a console with its inspector logged in."""
    onderzoek = await _importeer(sessions, catalogus, "zwolle-bemoeizorg-jeugd.json")
    ik = await _inspecteur(sessions, "A. de Vries", onderzoek)
    if vastgesteld:
        async with UnitOfWork(sessions) as uow:
            await zet_status(uow, onderzoek, "vastgesteld")
    async with _client(sessions, catalogus) as c:
        await c.get(f"/inloggen/{await _link(sessions, ik)}")
        yield c, onderzoek


async def test_een_hoofdstuk_schrijven_in_de_console(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    async with _ingelogd(sessions, catalogus) as (c, n):
        lijst = (await c.get(f"/onderzoek/{n}/hoofdstukken")).text
        assert "1.3 Toezichtonderzoek STJ" in lijst and "nog te schrijven" in lijst
        assert f'href="/onderzoek/{n}/hoofdstuk/voorwoord"' in lijst
        pagina = (await c.get(f"/onderzoek/{n}/hoofdstuk/werkwijze")).text
        # The draft is in the editor already, and what it rests on is said.
        assert "Er zijn interviews gehouden met drie ouders" in pagina
        assert "De opzet rust op" in pagina
        pad = f"/onderzoek/{n}/hoofdstuk/voorwoord"
        pagina = (await c.get(pad)).text
        tekst = "Namens STJ **dank** ik iedereen.\n\n- de gezinnen\n- de professionals"
        r = await c.post(
            pad + "/opslaan",
            data={"csrf": _csrf(pagina), "formulier": "hoofdstuk-formulier", "tekst": tekst,
                  "actie": "voorbeeld", "terug": pad},
        )  # fmt: skip
        assert r.status_code == 303
        voorbeeld = (await c.get(pad)).text
        assert "Voorbeeld (nog niet opgeslagen)" in voorbeeld
        assert "<p>Namens STJ <strong>dank</strong> ik iedereen.</p>" in voorbeeld
        assert "<ul><li>de gezinnen</li><li>de professionals</li></ul>" in voorbeeld
        async with UnitOfWork(sessions) as uow:
            assert await geschreven(uow, n) == []  # a preview saves nothing
        r = await c.post(
            pad + "/opslaan",
            data={"csrf": _csrf(voorbeeld), "formulier": "hoofdstuk-formulier", "tekst": tekst,
                  "actie": "opslaan", "terug": pad},
        )  # fmt: skip
        na = (await c.get(pad)).text
        assert 'role="status">Opgeslagen.</p>' in na
        assert re.search(r"geschreven door A\. de Vries \(inspecteur \d+, web\)", na)
        assert "9 woorden" in na  # the history
        # Too long: the message stands at the field, and what was typed comes back.
        lang = "woord " * 4000
        await c.post(
            pad + "/opslaan",
            data={"csrf": _csrf(na), "formulier": "hoofdstuk-formulier", "tekst": lang,
                  "actie": "opslaan", "terug": pad},
        )  # fmt: skip
        fout = (await c.get(pad)).text
        assert 'id="hoofdstuk-formulier-tekst-fout"' in fout and "maak hem korter" in fout
        assert 'aria-invalid="true"' in fout
        await c.post(
            pad + "/opslaan",
            data={"csrf": _csrf(fout), "formulier": "hoofdstuk-formulier", "tekst": "",
                  "actie": "opzet", "terug": pad},
        )  # fmt: skip
        async with UnitOfWork(sessions) as uow:
            versies = await historie(uow, n, "voorwoord")
            acties = [(a.actie, a.details) for a in await audit_log(uow, n)]
        assert [v.tekst for v in versies] == [tekst, None]
        assert ("web hoofdstuk", None) in acties and ("web bekijk hoofdstuk", None) in acties
        # The report shows it.
        rapport = (await c.get(f"/onderzoek/{n}/rapport/html")).text
        assert "Nog te schrijven</strong> (hoofdstuk ‘voorwoord’)" in rapport
        onbekend = await c.get(f"/onderzoek/{n}/hoofdstuk/nawoord")
        assert onbekend.status_code == 404


async def test_vastgesteld_is_alleen_lezen(sessions: Sessies, catalogus: Catalogus) -> None:
    async with _ingelogd(sessions, catalogus, vastgesteld=True) as (c, n):
        pad = f"/onderzoek/{n}/hoofdstuk/voorwoord"
        pagina = (await c.get(pad)).text
        assert "hoofdstuk-formulier-tekst" not in pagina and "verandert niet meer" in pagina
        r = await c.post(
            pad + "/opslaan",
            data={"csrf": _csrf(pagina), "formulier": "hoofdstuk-formulier", "tekst": "x",
                  "actie": "opslaan", "terug": pad},
        )  # fmt: skip
        assert r.status_code == 303
        terug = (await c.get(pad)).text
        assert "is vastgesteld en kan niet meer veranderen" in terug
    async with UnitOfWork(sessions) as uow:
        assert await geschreven(uow, n) == []
