"""Sessions of the web console, kept in the database so every `stj web` instance on it knows
them: created at login, seen at each request, ended by logging out, by revoking the inspector,
after two hours without a request, and at the latest eight hours after the login. The cookie
holds only a random token from `secrets`; only its hash is stored."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update

from opslag.modellen import Inspecteur, WebSessie, nu
from opslag.uow import UnitOfWork

HARDE_GRENS = dt.timedelta(hours=8)  # a working day; then log in again with a fresh link
STIL = dt.timedelta(hours=2)  # no request for this long: ended (sliding, within the limit)
# "Last seen" is written at most once a minute per session, not at every request.
BIJWERKEN_NA = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class SessieInfo:
    """A live session: whose, its CSRF token, and what the previous request left for it."""

    id: int
    inspecteur_id: int
    csrf: str
    bericht: dict[str, Any] | None


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogateescape")).hexdigest()


async def start_sessie(uow: UnitOfWork, inspecteur_id: int) -> tuple[str, SessieInfo]:
    """A new session for an inspector: the token for the cookie, and the session (flushed,
    not committed)."""
    token = secrets.token_urlsafe(32)
    rij = WebSessie(
        inspecteur_id=inspecteur_id, token_hash=_hash(token), csrf=secrets.token_urlsafe(32)
    )
    uow.session.add(rij)
    await uow.session.flush()
    return token, SessieInfo(rij.id, inspecteur_id, rij.csrf, None)


def _verlopen(rij: WebSessie, moment: dt.datetime) -> bool:
    return moment - rij.aangemaakt >= HARDE_GRENS or moment - rij.laatst_gezien >= STIL


async def haal_sessie(
    uow: UnitOfWork, token: str, moment: dt.datetime | None = None
) -> SessieInfo | None:
    """The live session of a cookie's token, or None: unknown, ended, expired (then ended now)
    or of a revoked inspector. Marks it seen (not committed)."""
    moment = moment or nu()
    rij = await uow.session.scalar(
        select(WebSessie)
        .join(Inspecteur, Inspecteur.id == WebSessie.inspecteur_id)
        .where(
            WebSessie.token_hash == _hash(token),
            WebSessie.beeindigd.is_(None),
            Inspecteur.ingetrokken.is_(None),
        )
    )
    if rij is None:
        return None
    if _verlopen(rij, moment):
        rij.beeindigd, rij.reden = moment, "verlopen"
        await uow.session.flush()
        return None
    if moment - rij.laatst_gezien >= BIJWERKEN_NA:
        rij.laatst_gezien = moment
        await uow.session.flush()
    return SessieInfo(rij.id, rij.inspecteur_id, rij.csrf, rij.bericht)


async def beeindig_sessie(uow: UnitOfWork, sessie_id: int, reden: str = "uitgelogd") -> None:
    """End one session (not committed); its cookie opens nothing any more."""
    await uow.session.execute(
        update(WebSessie)
        .where(WebSessie.id == sessie_id, WebSessie.beeindigd.is_(None))
        .values(beeindigd=nu(), reden=reden)
    )


async def beeindig_sessies_van(uow: UnitOfWork, inspecteur_id: int, reden: str) -> int:
    """End every live session of an inspector (not committed); how many there were."""
    resultaat = await uow.session.execute(
        update(WebSessie)
        .where(WebSessie.inspecteur_id == inspecteur_id, WebSessie.beeindigd.is_(None))
        .values(beeindigd=nu(), reden=reden)
    )
    return int(getattr(resultaat, "rowcount", 0) or 0)


async def zet_bericht(uow: UnitOfWork, sessie_id: int, bericht: dict[str, Any] | None) -> None:
    """Leave something for the next page of this session, or clear it (not committed)."""
    await uow.session.execute(
        update(WebSessie).where(WebSessie.id == sessie_id).values(bericht=bericht)
    )
