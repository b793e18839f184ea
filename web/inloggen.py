"""Logging in with a one-time link, and out again. Opening a link starts a fresh session; a
used, expired or unknown link shows a page that says which, and is logged."""

from __future__ import annotations

import hmac

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from opslag.audit import leg_vast
from opslag.uow import UnitOfWork
from opslag.weblinks import LinkOngeldig, gebruik_weblink
from web.diensten import diensten
from web.toegang import csrf, log_in
from web.weergave import pagina


async def inloggen(request: Request) -> Response:
    """/inloggen — how to get a link."""
    return pagina(request, "inloggen.html.j2", titel="Inloggen", tekst=None)


async def met_link(request: Request) -> Response:
    """/inloggen/{token} — spend the link and start a session."""
    token = str(request.path_params["token"])
    async with UnitOfWork(diensten(request).sessions) as uow:
        try:
            ik = await gebruik_weblink(uow, token)
        except LinkOngeldig as fout:
            client = request.client.host if request.client else "?"
            await leg_vast(uow, f"web:{client}", "web inloggen", None, str(fout), True)
            await uow.commit()
            request.session.clear()
            return pagina(request, "inloggen.html.j2", 410, titel="Inloggen", tekst=str(fout))
        await leg_vast(uow, ik.wie, "web inloggen")
        await uow.commit()
    log_in(request, ik)
    return RedirectResponse("/", status_code=303)


async def uitloggen(request: Request) -> Response:
    """/uitloggen (POST, with the session's CSRF token) — end the session."""
    form = await request.form()
    gegeven = str(form.get("csrf", ""))
    if gegeven and hmac.compare_digest(gegeven, csrf(request)):
        request.session.clear()
    return RedirectResponse("/inloggen", status_code=303)
