"""Who may do what on the web: the session (a signed, HttpOnly, SameSite cookie holding the
inspector's number and a CSRF token), and one guard every page and action goes through. It
checks the inspector role and the link to the onderzoek exactly as the bot does
(`opslag.inspecteurs.mag`), checks the CSRF token of every form, records every action and
every refusal in the audit log, and turns service errors into a Dutch message."""

from __future__ import annotations

import functools
import hmac
import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from opslag.audit import leg_vast
from opslag.fouten import GeenToegang, NietGevonden, StjFout
from opslag.inspecteurs import InspecteurInfo, haal_inspecteur, mag
from opslag.onderzoeken import OnderzoekInfo
from opslag.uow import UnitOfWork
from web.diensten import WebDiensten, diensten
from web.weergave import pagina

log = logging.getLogger("stj.web")
SESSIE_DUUR = 8 * 3600  # a working day; then log in again with a fresh link


@dataclass(frozen=True)
class Verzoek:
    """What a page or action gets: the request, a unit of work, the inspector, the
    onderzoek the route names (checked), and the services."""

    request: Request
    uow: UnitOfWork
    ik: InspecteurInfo
    onderzoek: OnderzoekInfo | None
    d: WebDiensten
    form: dict[str, str]  # a POST's fields (every value a text)

    @property
    def onderzoek_id(self) -> int:
        """The checked onderzoek of this route."""
        assert self.onderzoek is not None
        return self.onderzoek.id


Pagina = Callable[[Verzoek], Awaitable[Response]]


def log_in(request: Request, ik: InspecteurInfo) -> None:
    """Start a session for this inspector (a fresh one: no state carried over)."""
    request.session.clear()
    request.session.update({"inspecteur": ik.id, "csrf": secrets.token_urlsafe(32)})


def csrf(request: Request) -> str:
    """The token every form of this session carries."""
    return str(request.session.get("csrf", ""))


def meld(request: Request, tekst: str) -> None:
    """A message for the next page (after a redirect)."""
    request.session["melding"] = tekst


def _wie(request: Request) -> str:
    client = request.client.host if request.client else "?"
    return f"web:{client}"


async def _inspecteur(request: Request, uow: UnitOfWork) -> InspecteurInfo | None:
    """The inspector of this session, if it is one (a revoked inspector is none)."""
    nummer = request.session.get("inspecteur")
    if not isinstance(nummer, int):
        return None
    try:
        ik = await haal_inspecteur(uow, nummer)
    except NietGevonden:
        return None
    return None if ik.ingetrokken else ik


def _geweigerd(request: Request, status: int, tekst: str) -> Response:
    return pagina(request, "melding.html.j2", status, titel="Geen toegang", tekst=tekst)


def _terug(request: Request, form: dict[str, str]) -> str:
    """Where to go back to after an action: the form's own page (a local path only)."""
    terug = form.get("terug", "")
    return terug if terug.startswith("/") and not terug.startswith("//") else "/"


Omhuld = Callable[[Request], Awaitable[Response]]


def inspecteur_pagina(wat: str) -> Callable[[Pagina], Omhuld]:
    """Wrap a page (GET) or an action (POST) in the guard described above."""

    def omhul(handler: Pagina) -> Omhuld:
        @functools.wraps(handler)
        async def controleer(request: Request) -> Response:
            d = diensten(request)
            actie = f"web {wat}"
            async with UnitOfWork(d.sessions) as uow:
                ik = await _inspecteur(request, uow)
                if ik is None:
                    await leg_vast(uow, _wie(request), actie, None, request.url.path, True)
                    await uow.commit()
                    if request.method == "GET":
                        return RedirectResponse("/inloggen", status_code=303)
                    return _geweigerd(request, 403, "Log eerst in met een inloglink.")
                form: dict[str, str] = {}
                if request.method == "POST":
                    form = {k: str(v) for k, v in (await request.form()).items()}
                    gegeven = form.get("csrf", "")
                    if not gegeven or not hmac.compare_digest(gegeven, csrf(request)):
                        await leg_vast(uow, ik.wie, actie, None, "CSRF-token ontbreekt", True)
                        await uow.commit()
                        return _geweigerd(request, 403, VERLOPEN_FORMULIER)
                nummer = request.path_params.get("onderzoek")
                try:
                    onderzoek = await mag(uow, ik, int(nummer)) if nummer is not None else None
                    antwoord = await handler(Verzoek(request, uow, ik, onderzoek, d, form))
                except GeenToegang as fout:
                    await uow.session.rollback()
                    await leg_vast(uow, ik.wie, actie, _nummer(nummer), str(fout), True)
                    await uow.commit()
                    return _geweigerd(request, 403, str(fout))
                except StjFout as fout:
                    await uow.session.rollback()
                    await leg_vast(uow, ik.wie, actie, _nummer(nummer), str(fout))
                    await uow.commit()
                    if request.method == "GET":
                        status = 404 if isinstance(fout, NietGevonden) else 400
                        return pagina(
                            request,
                            "melding.html.j2",
                            status,
                            titel="Dat gaat niet",
                            tekst=str(fout),
                        )
                    meld(request, f"Niet gelukt: {fout}")
                    return RedirectResponse(_terug(request, form), status_code=303)
                await leg_vast(uow, ik.wie, actie, _nummer(nummer))
                await uow.commit()
                return antwoord

        return controleer

    return omhul


def _nummer(waarde: object) -> int | None:
    return waarde if isinstance(waarde, int) else None


VERLOPEN_FORMULIER = (
    "Dit formulier is verlopen of komt niet van deze console. Ga terug, laad de pagina opnieuw "
    "en probeer het nog eens."
)
