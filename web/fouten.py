"""The console's own error pages, in Dutch and in its layout (with the way back): a page that
does not exist, a method a route does not take, and an error of the console itself, which is
logged with its traceback once and shown without it."""

from __future__ import annotations

import logging

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from opslag.uow import UnitOfWork
from web.bescherming import koppen
from web.diensten import diensten
from web.toegang import sessie_van
from web.weergave import pagina

log = logging.getLogger("stj.web")

TEKSTEN = {
    404: (
        "Pagina niet gevonden",
        "Deze pagina bestaat niet (meer). Controleer het adres, of ga naar de start.",
    ),
    405: (
        "Dat kan zo niet",
        "Deze pagina werkt niet op deze manier: een formulier hoort bij zijn eigen knop. Ga "
        "terug en probeer het opnieuw.",
    ),
}


async def http_fout(request: Request, fout: Exception) -> Response:
    """404, 405 and other refusals of the router, as a page of the console."""
    assert isinstance(fout, HTTPException)
    titel, tekst = TEKSTEN.get(
        fout.status_code, ("Dat gaat niet", "Dit verzoek kan de console niet afhandelen.")
    )
    try:
        async with UnitOfWork(diensten(request).sessions) as uow:
            await sessie_van(request, uow)  # logged in: the page shows the console's menu
            await uow.commit()
    except Exception:  # the page is shown all the same, without the menu
        log.warning("sessie niet gelezen bij foutpagina %s", fout.status_code, exc_info=True)
    antwoord = pagina(request, "melding.html.j2", fout.status_code, titel=titel, tekst=tekst)
    for naam, waarde in (fout.headers or {}).items():
        antwoord.headers[naam] = waarde  # such as Allow with a 405
    return antwoord


async def serverfout(request: Request, fout: Exception) -> Response:
    """500: shown as a Dutch page without the traceback (the server logs it, once). This
    answer passes outside the other middleware, so it gets the security headers here."""
    antwoord = pagina(
        request,
        "melding.html.j2",
        500,
        titel="Er ging iets mis",
        tekst="Er ging bij de console iets mis. Kijk na of uw laatste wijziging is opgeslagen "
        "en probeer het anders over een paar minuten opnieuw. Blijft het misgaan, meld dan het "
        "tijdstip aan de beheerder.",
    )
    antwoord.headers.update(koppen(diensten(request).basis_url.startswith("https://")))
    return antwoord
