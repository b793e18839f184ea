"""One-time login links to the web console. The token comes from `secrets` and only its hash is
stored; a link is valid for 15 minutes and spent on first use (claimed in one UPDATE, so two
clicks cannot both log in)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets

from sqlalchemy import select, update

from opslag.fouten import OngeldigeInvoer, StjFout
from opslag.inspecteurs import InspecteurInfo, haal_inspecteur
from opslag.modellen import WebLink, nu
from opslag.uow import UnitOfWork

GELDIG = dt.timedelta(minutes=15)
STANDAARD_URL = "http://127.0.0.1:8080"


def web_url(poort: int | None = None) -> str:
    """Where inspectors reach the console: STJ_WEB_URL, else the local `stj web` on this port
    (default 8080)."""
    standaard = f"http://127.0.0.1:{poort}" if poort else STANDAARD_URL
    return (os.environ.get("STJ_WEB_URL") or standaard).rstrip("/")


def inloglink(basis: str, token: str) -> str:
    """The one-time login URL for a token."""
    return f"{basis.rstrip('/')}/inloggen/{token}"


class LinkOngeldig(StjFout):
    """A login link that does not (or no longer) open the console; the text says why."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogateescape")).hexdigest()


async def maak_weblink(uow: UnitOfWork, inspecteur_id: int) -> str:
    """A fresh one-time login token for an inspector (committed)."""
    ik = await haal_inspecteur(uow, inspecteur_id)
    if ik.ingetrokken:
        raise OngeldigeInvoer(f"inspecteur {inspecteur_id} is ingetrokken; geen inloglink")
    token = secrets.token_urlsafe(32)
    uow.session.add(WebLink(inspecteur_id=ik.id, token_hash=_hash(token), verloopt=nu() + GELDIG))
    await uow.commit()
    return token


async def gebruik_weblink(uow: UnitOfWork, token: str) -> InspecteurInfo:
    """Spend a login link: the inspector it belongs to, or why it cannot be used (committed)."""
    moment = nu()
    inspecteur_id = await uow.session.scalar(
        update(WebLink)
        .where(
            WebLink.token_hash == _hash(token),
            WebLink.gebruikt.is_(None),
            WebLink.verloopt > moment,
        )
        .values(gebruikt=moment)
        .returning(WebLink.inspecteur_id)
    )
    if inspecteur_id is None:
        await uow.session.rollback()
        raise LinkOngeldig(await _waarom(uow, token))
    ik = await haal_inspecteur(uow, inspecteur_id)
    if ik.ingetrokken:
        await uow.session.rollback()
        raise LinkOngeldig("U bent geen inspecteur meer; deze link werkt daarom niet.")
    await uow.commit()
    return ik


async def _waarom(uow: UnitOfWork, token: str) -> str:
    """Why a link does not work, for the page that says so."""
    link = await uow.session.scalar(select(WebLink).where(WebLink.token_hash == _hash(token)))
    if link is None:
        return "Deze inloglink bestaat niet. Controleer of u de hele link hebt gekopieerd."
    if link.gebruikt is not None:
        return "Deze inloglink is al gebruikt. Een link werkt maar één keer."
    return "Deze inloglink is verlopen. Een link is 15 minuten geldig."
