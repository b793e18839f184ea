"""Who may do what on the web: the session (a server-side row, its random token in an HttpOnly,
SameSite cookie), and one guard every page and action goes through. It checks the inspector
role and the link to the onderzoek exactly as the bot does (`opslag.inspecteurs.mag`), checks
the CSRF token of every form, limits requests without a valid session per client address,
records every action and every refusal in the audit log (refusals of strangers summed up, see
`web.bewaking`), and turns service errors into a Dutch message next to the form."""

from __future__ import annotations

import functools
import hmac
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from opslag.audit import leg_vast
from opslag.fouten import GeenToegang, NietGevonden, StjFout
from opslag.inspecteurs import InspecteurInfo, haal_inspecteur, mag
from opslag.onderzoeken import OnderzoekInfo
from opslag.uow import UnitOfWork
from opslag.websessies import HARDE_GRENS, SessieInfo, haal_sessie, zet_bericht
from web.bewaking import Begrenzer, Weigeringen
from web.diensten import WebDiensten, diensten
from web.formulier import NIET_TERUG, Terugmelding, Veldfout
from web.weergave import pagina

log = logging.getLogger("stj.web")
COOKIE = "stj_sessie"
SESSIE_DUUR = int(HARDE_GRENS.total_seconds())


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


def adres(request: Request) -> str:
    """The client's address (behind a trusted proxy: the one it names, see web.bescherming)."""
    return request.client.host if request.client else "?"


def wie_onbekend(request: Request) -> str:
    """How the audit log names someone without a session."""
    return f"web:{adres(request)}"


def begrenzer(request: Request) -> Begrenzer:
    """The rate limiter of this application."""
    b = request.app.state.begrenzer
    assert isinstance(b, Begrenzer)
    return b


def weigeringen(request: Request) -> Weigeringen:
    """The audit log's summary of refusals of this application."""
    w = request.app.state.weigeringen
    assert isinstance(w, Weigeringen)
    return w


def zet_cookie(request: Request, antwoord: Response, token: str) -> None:
    """Give the browser the session's token (HttpOnly, SameSite=Lax, Secure behind HTTPS)."""
    antwoord.set_cookie(
        COOKIE,
        token,
        max_age=SESSIE_DUUR,
        path="/",
        httponly=True,
        samesite="lax",
        secure=diensten(request).basis_url.startswith("https://"),
    )


async def sessie_van(request: Request, uow: UnitOfWork) -> SessieInfo | None:
    """The live session of this request's cookie, if any (also kept on the request)."""
    token = request.cookies.get(COOKIE)
    sessie = await haal_sessie(uow, token) if token else None
    request.state.sessie = sessie
    return sessie


def csrf(request: Request) -> str:
    """The token every form of this session carries."""
    sessie: SessieInfo | None = getattr(request.state, "sessie", None)
    return sessie.csrf if sessie else ""


def meld(request: Request, tekst: str, **extra: object) -> None:
    """A message for the next page (after a redirect); written with the action."""
    t: Terugmelding = getattr(request.state, "terugmelding", None) or Terugmelding()
    t.tekst = tekst
    for k, v in extra.items():
        setattr(t, k, v)
    request.state.terugmelding = t


async def _inspecteur(uow: UnitOfWork, sessie: SessieInfo | None) -> InspecteurInfo | None:
    """The inspector of this session, if it is one (a revoked inspector is none)."""
    if sessie is None:
        return None
    try:
        ik = await haal_inspecteur(uow, sessie.inspecteur_id)
    except NietGevonden:
        return None
    return None if ik.ingetrokken else ik


def _geweigerd(request: Request, status: int, tekst: str) -> Response:
    return pagina(request, "melding.html.j2", status, titel="Geen toegang", tekst=tekst)


def te_veel(request: Request, wacht: float) -> Response:
    """429: this address sent too much; when to try again."""
    seconden = max(1, int(wacht + 0.999))
    antwoord = pagina(
        request,
        "melding.html.j2",
        429,
        titel="Even wachten",
        tekst=f"Er kwamen te veel verzoeken van uw adres. Probeer het over {seconden} "
        "seconden opnieuw.",
    )
    antwoord.headers["Retry-After"] = str(seconden)
    return antwoord


def _terug(form: dict[str, str]) -> str:
    """Where to go back to after an action: the form's own page (a local path only)."""
    terug = form.get("terug", "")
    return terug if terug.startswith("/") and not terug.startswith(("//", "/\\")) else "/"


def _fout_terug(request: Request, form: dict[str, str], fout: StjFout, veld: str | None) -> str:
    """Leave the refused form's errors and values for its page; where that page is. The
    fragment is left off: the page puts the focus on the first wrong field itself."""
    formulier = form.get("formulier") or None
    velden = fout.velden if isinstance(fout, Veldfout) else ({veld: str(fout)} if veld else {})
    t = Terugmelding(
        fout=True,
        formulier=formulier,
        velden=velden if formulier else {},
        algemeen=None if velden or not formulier else str(fout),
        waarden={k: v for k, v in form.items() if k not in NIET_TERUG},
    )
    if not formulier:
        t.tekst = f"Niet gelukt: {fout}"
    request.state.terugmelding = t
    return _terug(form).split("#", 1)[0]


Omhuld = Callable[[Request], Awaitable[Response]]


def inspecteur_pagina(wat: str, veld: str | None = None) -> Callable[[Pagina], Omhuld]:
    """Wrap a page (GET) or an action (POST) in the guard described above. `veld`: the field of
    the action's form that a refusal by the services is about."""

    def omhul(handler: Pagina) -> Omhuld:
        @functools.wraps(handler)
        async def controleer(request: Request) -> Response:
            d = diensten(request)
            actie = f"web {wat}"
            async with UnitOfWork(d.sessions) as uow:
                sessie = await sessie_van(request, uow)
                ik = await _inspecteur(uow, sessie)
                if sessie is None or ik is None:
                    return await _onbekend(request, uow, actie)
                if request.method == "GET":
                    request.state.terugmelding_hier = Terugmelding.uit_json(sessie.bericht)
                    if sessie.bericht is not None:
                        await zet_bericht(uow, sessie.id, None)
                form: dict[str, str] = {}
                if request.method == "POST":
                    form = {k: str(v) for k, v in (await request.form()).items()}
                    gegeven = form.get("csrf", "")
                    if not gegeven or not hmac.compare_digest(gegeven, sessie.csrf):
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
                    if request.method == "GET":
                        await uow.commit()
                        if isinstance(fout, NietGevonden):  # its text may name a command
                            titel, tekst = NIET_GEVONDEN
                            return pagina(request, "melding.html.j2", 404, titel=titel, tekst=tekst)
                        return pagina(
                            request,
                            "melding.html.j2",
                            400,
                            titel="Dat gaat niet",
                            tekst=str(fout),
                        )
                    antwoord = RedirectResponse(
                        _fout_terug(request, form, fout, veld), status_code=303
                    )
                else:
                    await leg_vast(uow, ik.wie, actie, _nummer(nummer))
                t: Terugmelding | None = getattr(request.state, "terugmelding", None)
                if t is not None:
                    await zet_bericht(uow, sessie.id, t.naar_json())
                await uow.commit()
                return antwoord

        return controleer

    return omhul


async def _onbekend(request: Request, uow: UnitOfWork, actie: str) -> Response:
    """No valid session: limited per address, summed up in the audit log, sent to log in."""
    wie = wie_onbekend(request)
    wacht = begrenzer(request).wacht("anoniem", adres(request))
    if wacht:
        await weigeringen(request).noteer(uow, wie, "te veel verzoeken", actie, request.url.path)
        await uow.commit()
        return te_veel(request, wacht)
    await weigeringen(request).noteer(uow, wie, "geen geldige sessie", actie, request.url.path)
    await uow.commit()
    if request.method == "GET":
        return RedirectResponse("/inloggen", status_code=303)
    return _geweigerd(request, 403, "Log eerst in met een inloglink.")


def _nummer(waarde: object) -> int | None:
    return waarde if isinstance(waarde, int) else None


NIET_GEVONDEN = (
    "Niet gevonden",
    "Dit bestaat niet (meer) in dit onderzoek. Ga terug naar het onderzoek en kies opnieuw.",
)
VERLOPEN_FORMULIER = (
    "Dit formulier is verlopen of komt niet van deze console. Ga terug, laad de pagina opnieuw "
    "en probeer het nog eens."
)
