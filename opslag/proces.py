"""The steps after the concept share one shape: an invitation of the gemeente's contact to a
questionnaire generated for this onderzoek (beoordeling/procesvragen.py), answered in Telegram
(bound to the contact's chat, so a button opens it) and through a web link whose token comes
from `secrets` and is kept only as a hash. It closes at its own term: when that has passed, when
it was submitted, or when it was revoked (the wederhoor at vaststelling). Extending the term
opens it again, as for the onderzoek's deadline."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import select

from beoordeling.teksten import proces_van
from opslag.fouten import NietGevonden, OngeldigeInvoer
from opslag.gesprekken import Stand, stand_van, waarom_dicht
from opslag.modellen import Uitnodiging, nu
from opslag.onderzoeken import haal_onderzoek, nieuw_token
from opslag.uow import UnitOfWork
from vragenlijsten.catalogus import Catalogus
from vragenlijsten.gegenereerd import Procesvragen

# How the steps are named to inspectors and in messages.
NAAM = {
    "wederhoor": "de reactie op het concept",
    "verbeterplan": "het verbeterplan",
    "voortgang": "de voortgang van het verbeterplan",
}
LINK_LENGTE = 200  # a path token longer than this is no token of ours: refused unread


@dataclass(frozen=True)
class Stap:
    """One step as the services hand it on: the invitation, to whom it went in Telegram (if
    anyone) and the web link's token (only when it was just made: the database keeps its
    hash)."""

    uitnodiging_id: int
    onderzoek_id: int
    soort: str
    termijn: dt.date | None
    status: str
    telegram_user_id: int | None
    ingetrokken: bool
    link: str | None = None

    @property
    def naam(self) -> str:
        """What it is, in words."""
        return NAAM.get(self.soort, self.soort)


def _stap(u: Uitnodiging, link: str | None = None) -> Stap:
    return Stap(
        u.id,
        u.onderzoek_id,
        u.soort or "",
        u.termijn,
        u.status,
        u.telegram_user_id,
        u.ingetrokken is not None,
        link,
    )


def gemeentelink(basis: str, token: str) -> str:
    """The web link of a step for the gemeente (no login; valid while the step is open)."""
    return f"{basis.rstrip('/')}/gemeente/{token}"


def link_hash(token: str) -> str:
    """What the database keeps of a web link's token."""
    return hashlib.sha256(token.encode("utf-8", "surrogateescape")).hexdigest()


def nieuwe_link() -> tuple[str, str]:
    """A fresh web link token (256 bits) and its hash."""
    token = secrets.token_urlsafe(32)
    return token, link_hash(token)


@dataclass(frozen=True)
class Contact:
    """The respondent who speaks for the gemeente (the kader's contact role), if any."""

    rol: str
    organisatie: str | None
    telegram_user_id: int | None


async def contact_van(uow: UnitOfWork, catalogus: Catalogus, onderzoek_id: int) -> Contact | None:
    """The first invited respondent of the kader's contact role that is not revoked, preferring
    one who opened their link in Telegram; None when the kader names no contact role or none
    was invited (then the steps go by web link only)."""
    info = await haal_onderzoek(uow, onderzoek_id)
    rol = proces_van(catalogus.kader(info.kader)).contact
    if rol is None:
        return None
    kandidaten = [
        u
        for u in await uow.repo.uitnodigingen(onderzoek_id)
        if u.rol == rol and u.ingetrokken is None and u.bron is None
    ]
    if not kandidaten:
        return None
    gekozen = next((u for u in kandidaten if u.telegram_user_id is not None), kandidaten[0])
    return Contact(rol, gekozen.organisatie, gekozen.telegram_user_id)


async def maak_stap(
    uow: UnitOfWork,
    onderzoek_id: int,
    soort: str,
    vragen: Procesvragen,
    termijn: dt.date | None,
    contact: Contact | None,
    telegram_user_id: int | None,
) -> Stap:
    """A new step for the gemeente (not committed): the invitation with its questionnaire and
    term, in Telegram for `telegram_user_id`, and a web link."""
    token, hash_ = nieuwe_link()
    u = Uitnodiging(
        onderzoek_id=onderzoek_id,
        rol=contact.rol if contact else soort,
        organisatie=contact.organisatie if contact else None,
        token=nieuw_token(),
        soort=soort,
        vragen=vragen.als_data(),
        termijn=termijn,
        link_hash=hash_,
        telegram_user_id=telegram_user_id,
        laatste_activiteit=nu() if telegram_user_id is not None else None,
    )
    uow.session.add(u)
    await uow.session.flush()
    return _stap(u, token)


async def stappen(uow: UnitOfWork, onderzoek_id: int, soort: str) -> list[Stap]:
    """Every invitation of one step of an onderzoek, the latest last."""
    return [_stap(u) for u in await uow.repo.processtappen(onderzoek_id, soort)]


async def laatste(uow: UnitOfWork, onderzoek_id: int, soort: str) -> Stap | None:
    """The latest invitation of one step, if there is one."""
    alle = await stappen(uow, onderzoek_id, soort)
    return alle[-1] if alle else None


def open_(stap: Stap, vandaag: dt.date) -> bool:
    """Whether the gemeente can still answer this step (the one rule of opslag.gesprekken)."""
    return (
        waarom_dicht(stap.status == "ingediend", stap.ingetrokken, "open", stap.termijn, vandaag)
        is None
    )


async def verleng_stap(
    uow: UnitOfWork, onderzoek_id: int, soort: str, termijn: dt.date, vandaag: dt.date
) -> Stap:
    """Move the term of the latest step (not into the past, not of a revoked or submitted
    one); committed."""
    if termijn < vandaag:
        raise OngeldigeInvoer(
            f"de termijn {termijn:%d-%m-%Y} ligt in het verleden; kies vandaag of later"
        )
    stap = await laatste(uow, onderzoek_id, soort)
    if stap is None:
        raise OngeldigeInvoer(f"onderzoek {onderzoek_id} heeft nog geen stap '{NAAM[soort]}'")
    u = await uow.session.get(Uitnodiging, stap.uitnodiging_id)
    assert u is not None
    if u.ingetrokken is not None:
        raise OngeldigeInvoer(f"{NAAM[soort]} is gesloten en kan niet meer worden verlengd")
    if u.status == "ingediend":
        raise OngeldigeInvoer(f"de gemeente heeft {NAAM[soort]} al ingediend")
    u.termijn = termijn
    await uow.commit()
    return _stap(u)


async def vervang_link(uow: UnitOfWork, onderzoek_id: int, soort: str, vandaag: dt.date) -> Stap:
    """A new web link for the latest step, when the old one is lost: its hash replaces the
    stored one, so the old link stops working. Only while the step is open (closed means
    closed); committed. The token is in the returned step, to be shown once."""
    stap = await laatste(uow, onderzoek_id, soort)
    if stap is None:
        raise OngeldigeInvoer(f"onderzoek {onderzoek_id} heeft nog geen stap '{NAAM[soort]}'")
    if not open_(stap, vandaag):
        raise OngeldigeInvoer(
            f"{NAAM[soort]} is gesloten; een gesloten stap krijgt geen nieuwe link"
        )
    u = await uow.session.get(Uitnodiging, stap.uitnodiging_id)
    assert u is not None
    token, u.link_hash = nieuwe_link()
    await uow.commit()
    return _stap(u, token)


async def sluit_stap(uow: UnitOfWork, onderzoek_id: int, soort: str) -> bool:
    """Close every open invitation of a step (not committed): nothing can be answered with it
    any more. Whether one was open."""
    gesloten = False
    for u in await uow.repo.processtappen(onderzoek_id, soort):
        if u.ingetrokken is None and u.status != "ingediend":
            u.ingetrokken = nu()
            gesloten = True
    return gesloten


class LinkOngeldig(NietGevonden):
    """A gemeente's web link that opens nothing (unknown); the text says so."""


async def stand_met_link(uow: UnitOfWork, token: str) -> Stand:
    """The step a gemeente's web link opens, as it stands (closed or not: the page says why);
    the row is locked for the rest of the unit of work."""
    if not token or len(token) > LINK_LENGTE:
        raise LinkOngeldig(ONBEKENDE_LINK)
    uitnodiging_id = await uow.session.scalar(
        select(Uitnodiging.id).where(Uitnodiging.link_hash == link_hash(token))
    )
    s = await stand_van(uow, uitnodiging_id) if uitnodiging_id is not None else None
    if s is None:
        raise LinkOngeldig(ONBEKENDE_LINK)
    return s


ONBEKENDE_LINK = (
    "Deze link kennen wij niet. Controleer of u de hele link heeft gebruikt, of vraag de "
    "inspecteur om een nieuwe."
)
