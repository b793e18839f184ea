"""Logging in with a one-time link, and out again. Opening a link starts a fresh server-side
session; a used, expired or unknown link shows a page that says which, and is logged (summed up
per address, and limited per address: see web.bewaking). Logging out ends the session on the
server, so a copied cookie opens nothing afterwards."""

from __future__ import annotations

import hmac

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from opslag.audit import leg_vast
from opslag.inspecteurs import haal_inspecteur
from opslag.uow import UnitOfWork
from opslag.weblinks import LinkOngeldig, gebruik_weblink
from opslag.websessies import beeindig_sessie, start_sessie
from web.diensten import diensten
from web.toegang import (
    COOKIE,
    adres,
    begrenzer,
    sessie_van,
    te_veel,
    weigeringen,
    wie_onbekend,
    zet_cookie,
)
from web.weergave import pagina


async def inloggen(request: Request) -> Response:
    """/inloggen — how to get a link."""
    wacht = begrenzer(request).wacht("anoniem", adres(request))
    if wacht:
        return te_veel(request, wacht)
    return pagina(request, "inloggen.html.j2", titel="Inloggen", tekst=None)


async def met_link(request: Request) -> Response:
    """/inloggen/{token} — spend the link and start a session."""
    token = str(request.path_params["token"])
    wie = wie_onbekend(request)
    async with UnitOfWork(diensten(request).sessions) as uow:
        wacht = begrenzer(request).wacht("inloggen", adres(request))
        if wacht:
            await weigeringen(request).noteer(
                uow, wie, "te veel inlogpogingen", "web inloggen", "te veel pogingen"
            )
            await uow.commit()
            return te_veel(request, wacht)
        try:
            ik = await gebruik_weblink(uow, token)
        except LinkOngeldig as fout:
            await weigeringen(request).noteer(uow, wie, str(fout), "web inloggen", str(fout))
            await uow.commit()
            return pagina(request, "inloggen.html.j2", 410, titel="Inloggen", tekst=str(fout))
        vorige = await sessie_van(request, uow)
        if vorige is not None:  # this browser's earlier session makes way for the new one
            await beeindig_sessie(uow, vorige.id, "vervangen")
        sessie_token, _ = await start_sessie(uow, ik.id)
        await leg_vast(uow, ik.wie, "web inloggen", None, f"vanaf {adres(request)}")
        await uow.commit()
    naar_start = RedirectResponse("/", status_code=303)
    zet_cookie(request, naar_start, sessie_token)
    return naar_start


async def uitloggen(request: Request) -> Response:
    """/uitloggen (POST, with the session's CSRF token) — end the session, on the server."""
    antwoord = RedirectResponse("/inloggen", status_code=303)
    async with UnitOfWork(diensten(request).sessions) as uow:
        sessie = await sessie_van(request, uow)
        if sessie is None:  # nothing to end; the body is not even read
            await uow.commit()
            antwoord.delete_cookie(COOKIE, path="/")
            return antwoord
        gegeven = str((await request.form()).get("csrf", ""))
        if gegeven and hmac.compare_digest(gegeven, sessie.csrf):
            await beeindig_sessie(uow, sessie.id, "uitgelogd")
            ik = await haal_inspecteur(uow, sessie.inspecteur_id)
            await leg_vast(uow, ik.wie, "web uitloggen")
            antwoord.delete_cookie(COOKIE, path="/")
        await uow.commit()
    return antwoord
