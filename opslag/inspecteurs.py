"""Inspectors: one-time invite tokens, the role check, links to onderzoeken, wizard state."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from opslag.fouten import GeenToegang, NietGevonden, OngeldigeInvoer
from opslag.modellen import Inspecteur, Onderzoek, OnderzoekInspecteur, nu
from opslag.onderzoeken import (
    OnderzoekInfo,
    controleer_deadline,
    haal_onderzoek,
    lijst_onderzoeken,
    nieuw_token,
)
from opslag.uow import UnitOfWork
from opslag.websessies import beeindig_sessies_van


@dataclass(frozen=True)
class InspecteurInfo:
    id: int
    naam: str
    coordinator: bool
    token: str
    telegram_user_id: int | None
    wizard: dict[str, Any] | None = None
    ingetrokken: bool = False

    @property
    def wie(self) -> str:
        """How the audit log names this inspector."""
        return f"inspecteur {self.id} ({self.naam})"


def _info(i: Inspecteur) -> InspecteurInfo:
    return InspecteurInfo(
        i.id,
        i.naam,
        i.coordinator,
        i.token,
        i.telegram_user_id,
        dict(i.wizard) if i.wizard else None,
        i.ingetrokken is not None,
    )


async def maak_inspecteur(uow: UnitOfWork, naam: str, coordinator: bool = False) -> InspecteurInfo:
    """Register an inspector; they become one in Telegram with the one-time token."""
    naam = naam.strip()
    if not naam:
        raise OngeldigeInvoer("naam is leeg; geef --naam")
    inspecteur = Inspecteur(naam=naam, coordinator=coordinator, token=nieuw_token())
    uow.session.add(inspecteur)
    await uow.session.flush()
    await uow.commit()
    return _info(inspecteur)


async def bind_inspecteur(uow: UnitOfWork, token: str, gebruiker: int) -> InspecteurInfo | None:
    """Make this Telegram user the inspector of a token (once); None if it is no inspector
    token. Not committed."""
    inspecteur = await uow.session.scalar(select(Inspecteur).where(Inspecteur.token == token))
    if inspecteur is None:
        return None
    if inspecteur.ingetrokken is not None:
        raise GeenToegang("Deze inspecteurslink is ingetrokken.")
    if inspecteur.telegram_user_id not in (None, gebruiker):
        raise OngeldigeInvoer("Deze inspecteurslink is al gebruikt. Vraag een nieuwe aan.")
    ander = await uow.session.scalar(
        select(Inspecteur).where(Inspecteur.telegram_user_id == gebruiker)
    )
    if ander is not None and ander.id != inspecteur.id:
        raise OngeldigeInvoer("U bent al als inspecteur bekend onder een andere naam.")
    inspecteur.telegram_user_id = gebruiker
    await uow.session.flush()
    return _info(inspecteur)


async def inspecteur_van(uow: UnitOfWork, gebruiker: int) -> InspecteurInfo | None:
    """The inspector behind a Telegram user, if any (a revoked one is none)."""
    rij = await uow.session.scalar(
        select(Inspecteur).where(
            Inspecteur.telegram_user_id == gebruiker, Inspecteur.ingetrokken.is_(None)
        )
    )
    return _info(rij) if rij else None


async def haal_inspecteur(uow: UnitOfWork, inspecteur_id: int) -> InspecteurInfo:
    """An inspector by number; a clear error if unknown (with how to make one: a new database,
    the demo's too, has none)."""
    rij = await uow.session.get(Inspecteur, inspecteur_id)
    if rij is None:
        raise NietGevonden(
            f"inspecteur {inspecteur_id} bestaat niet; zie 'stj inspecteur lijst', of maak er "
            "een met 'stj inspecteur nieuw --naam \"…\" --coordinator'"
        )
    return _info(rij)


async def lijst_inspecteurs(uow: UnitOfWork) -> list[InspecteurInfo]:
    """Every inspector."""
    return [_info(i) for i in await uow.session.scalars(select(Inspecteur).order_by(Inspecteur.id))]


async def koppel(uow: UnitOfWork, onderzoek_id: int, inspecteur_id: int) -> None:
    """Link an inspector to an onderzoek (idempotent; not committed)."""
    await haal_onderzoek(uow, onderzoek_id)
    await haal_inspecteur(uow, inspecteur_id)
    if await uow.session.get(OnderzoekInspecteur, (onderzoek_id, inspecteur_id)) is None:
        uow.session.add(OnderzoekInspecteur(onderzoek_id=onderzoek_id, inspecteur_id=inspecteur_id))
        await uow.session.flush()


async def gekoppelde_inspecteurs(uow: UnitOfWork, onderzoek_id: int) -> list[InspecteurInfo]:
    """The inspectors who follow this onderzoek (linked ones, with Telegram)."""
    rijen = await uow.session.scalars(
        select(Inspecteur)
        .join(OnderzoekInspecteur, OnderzoekInspecteur.inspecteur_id == Inspecteur.id)
        .where(OnderzoekInspecteur.onderzoek_id == onderzoek_id)
        .order_by(Inspecteur.id)
    )
    return [_info(i) for i in rijen]


async def mag(uow: UnitOfWork, inspecteur: InspecteurInfo, onderzoek_id: int) -> OnderzoekInfo:
    """The onderzoek, if this inspector runs it (or is a coordinator); else a clear refusal."""
    onderzoek = await haal_onderzoek(uow, onderzoek_id)
    if inspecteur.coordinator:
        return onderzoek
    if await uow.session.get(OnderzoekInspecteur, (onderzoek_id, inspecteur.id)) is None:
        raise GeenToegang(f"U bent niet gekoppeld aan onderzoek {onderzoek_id}.")
    return onderzoek


async def onderzoeken_van(uow: UnitOfWork, inspecteur: InspecteurInfo) -> list[OnderzoekInfo]:
    """The onderzoeken this inspector runs (all, for a coordinator)."""
    alle = await lijst_onderzoeken(uow)
    if inspecteur.coordinator:
        return alle
    eigen = set(
        await uow.session.scalars(
            select(OnderzoekInspecteur.onderzoek_id).where(
                OnderzoekInspecteur.inspecteur_id == inspecteur.id
            )
        )
    )
    return [o for o in alle if o.id in eigen]


async def zet_wizard(uow: UnitOfWork, inspecteur_id: int, wizard: dict[str, Any] | None) -> None:
    """Store (or clear) the state of a multi-step command (not committed)."""
    rij = await uow.session.get(Inspecteur, inspecteur_id)
    assert rij is not None
    rij.wizard = wizard


async def verleng(
    uow: UnitOfWork, onderzoek_id: int, deadline: dt.date, vandaag: dt.date
) -> OnderzoekInfo:
    """Move an onderzoek's deadline (not committed); its reminder schedule follows. Only an
    open onderzoek, and not into the past."""
    onderzoek = await uow.session.get(Onderzoek, onderzoek_id)
    if onderzoek is None:
        raise NietGevonden(f"onderzoek {onderzoek_id} bestaat niet")
    if onderzoek.status != "open":
        raise OngeldigeInvoer(
            f"onderzoek {onderzoek_id} is gesloten; een deadline verschuiven kan alleen bij een "
            "open onderzoek"
        )
    controleer_deadline(deadline, vandaag)
    onderzoek.deadline = deadline
    await uow.session.flush()
    return await haal_onderzoek(uow, onderzoek_id)


async def zet_schema(uow: UnitOfWork, onderzoek_id: int, dagen: list[int], tijd: str) -> None:
    """Set the reminder schedule: days before the deadline, at a local time (not committed)."""
    onderzoek = await uow.session.get(Onderzoek, onderzoek_id)
    if onderzoek is None:
        raise NietGevonden(f"onderzoek {onderzoek_id} bestaat niet")
    if onderzoek.status != "open":
        raise OngeldigeInvoer(
            f"onderzoek {onderzoek_id} is gesloten; er gaan geen herinneringen meer uit"
        )
    if any(d < 0 or d > 90 for d in dagen):
        raise OngeldigeInvoer("dagen moeten tussen 0 en 90 liggen, bijvoorbeeld 7,2,0")
    try:
        dt.time.fromisoformat(tijd)
    except ValueError:
        raise OngeldigeInvoer(
            f"tijd '{tijd}' is ongeldig; schrijf UU:MM, bijvoorbeeld 10:00"
        ) from None
    onderzoek.herinner_dagen = sorted(set(dagen), reverse=True)
    onderzoek.herinner_tijd = tijd


async def trek_inspecteur_in(uow: UnitOfWork, inspecteur_id: int) -> InspecteurInfo:
    """Revoke an inspector: from now on refused like anyone else, their web sessions ended
    (committed). Their actions stay in the audit log."""
    rij = await uow.session.get(Inspecteur, inspecteur_id)
    if rij is None:
        raise NietGevonden(f"inspecteur {inspecteur_id} bestaat niet; zie 'stj inspecteur lijst'")
    if rij.ingetrokken is None:
        rij.ingetrokken = nu()
        rij.wizard = None
    await beeindig_sessies_van(uow, inspecteur_id, "ingetrokken")
    await uow.commit()
    return _info(rij)
