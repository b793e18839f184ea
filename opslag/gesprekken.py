"""Services behind the respondent's chat: binding an invite, loading and saving where the
conversation stands, handling each update once, submitting and erasing."""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import ColumnElement, delete, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from opslag.antwoorden import antwoorden_van, bewaar_antwoord
from opslag.fouten import NietGevonden, OngeldigeInvoer
from opslag.modellen import (
    Antwoord as AntwoordRij,
)
from opslag.modellen import (
    AntwoordHistorie,
    Gemeente,
    Onderzoek,
    Uitnodiging,
    VerwerkteUpdate,
    nu,
)
from opslag.uow import UnitOfWork
from vragenlijsten.antwoorden import Antwoord
from vragenlijsten.catalogus import Catalogus
from vragenlijsten.gegenereerd import Procesvragen
from vragenlijsten.model import Vragenlijst


@dataclass
class Stand:
    """One respondent's conversation as loaded for one update."""

    uitnodiging_id: int
    gemeente: str
    aanpak: str
    kader: str
    deadline: dt.date | None
    rol: str
    organisatie: str | None
    casus: str | None
    status: str
    huidig_item: str | None
    stap: str
    overgeslagen: list[str]
    antwoorden: dict[str, Antwoord] = field(default_factory=dict)
    onderzoek_status: str = "open"
    ingetrokken: bool = False
    versie: int = 0  # the invitation's version when loaded (opslag.versies)
    # A step after the concept (wederhoor, verbeterplan, voortgang): its generated
    # questionnaire as stored; `deadline` is then the step's own term.
    soort: str | None = None
    vragen: dict[str, Any] | None = None
    _procesvragen: Procesvragen | None = field(default=None, repr=False, compare=False)

    @property
    def ingediend(self) -> bool:
        """Submitted: answers are read-only from now on."""
        return self.status == "ingediend"

    def procesvragen(self) -> Procesvragen | None:
        """The generated questionnaire of a step after the concept, read once per state."""
        if self.vragen is None:
            return None
        if self._procesvragen is None:
            self._procesvragen = Procesvragen.uit_data(self.vragen)
        return self._procesvragen


def vragenlijst_van(catalogus: Catalogus, s: Stand) -> Vragenlijst:
    """The questionnaire this respondent answers: the kader's for their role, or the one
    generated for a step after the concept."""
    eigen = s.procesvragen()
    return eigen.vragenlijst if eigen is not None else catalogus.vragenlijst(s.kader, s.rol)


def stand_deadline(
    soort: str | None, termijn: dt.date | None, onderzoek_deadline: dt.date | None
) -> dt.date | None:
    """Until when an invitation can be answered: a step after the concept by its own term,
    a respondent by the onderzoek's deadline."""
    return termijn if soort is not None else onderzoek_deadline


def stand_status(soort: str | None, onderzoek_status: str) -> str:
    """Whether the onderzoek closes the invitation: a step after the concept lives on after
    the onderzoek's questionnaires were closed (its own term and revocation close it)."""
    return "open" if soort is not None else onderzoek_status


Dicht = Literal["ingediend", "ingetrokken", "gesloten", "verlopen"]


def waarom_dicht(
    ingediend: bool,
    ingetrokken: bool,
    onderzoek_status: str,
    deadline: dt.date | None,
    vandaag: dt.date,
) -> Dicht | None:
    """Why a respondent may no longer answer, change, submit or erase anything; None while
    they may. The one rule every adapter (bot, `stj chat`), reminders and submission use:
    closed means closed, and past the deadline means closed until an inspector extends it."""
    if ingediend:
        return "ingediend"
    if ingetrokken:
        return "ingetrokken"
    if onderzoek_status != "open":
        return "gesloten"
    if deadline is not None and deadline < vandaag:
        return "verlopen"
    return None


def dicht(s: Stand, vandaag: dt.date) -> Dicht | None:
    """`waarom_dicht` for one conversation."""
    return waarom_dicht(s.ingediend, s.ingetrokken, s.onderzoek_status, s.deadline, vandaag)


class DubbeleUpdate(Exception):
    """This Telegram update was handled before (a redelivery or a second instance)."""


async def eenmalig(uow: UnitOfWork, update_id: int) -> None:
    """Claim an update id inside the current transaction; DubbeleUpdate if it was handled.

    One INSERT … ON CONFLICT DO NOTHING: no separate lookup, and two instances racing for the
    same update cannot both win.
    """
    dialect = uow.session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    geclaimd = await uow.session.scalar(
        insert(VerwerkteUpdate)
        .values(update_id=update_id, verwerkt=nu())
        .on_conflict_do_nothing()
        .returning(VerwerkteUpdate.update_id)
    )
    if geclaimd is None:
        raise DubbeleUpdate(update_id)


async def herbegin(uow: UnitOfWork, update_id: int) -> None:
    """Undo what this update wrote so far, keeping it claimed: a refused or failed action
    changes nothing, and is still not handled twice."""
    await uow.session.rollback()
    # If another instance claimed it in the meantime, that one handles it.
    with contextlib.suppress(DubbeleUpdate):
        await eenmalig(uow, update_id)


async def ruim_updates_op(uow: UnitOfWork, ouder_dan: dt.timedelta) -> None:
    """Forget handled update ids older than Telegram would ever redeliver."""
    await uow.session.execute(
        delete(VerwerkteUpdate).where(VerwerkteUpdate.verwerkt < nu() - ouder_dan)
    )
    await uow.commit()


async def _stand(
    uow: UnitOfWork, voorwaarde: ColumnElement[bool], lock: bool, laatste: bool = False
) -> list[Stand]:
    """The conversations matching a condition: all in invitation order, or (laatste) only the
    most recently active one."""
    query = (
        select(Uitnodiging, Onderzoek, Gemeente)
        .join(Onderzoek, Uitnodiging.onderzoek_id == Onderzoek.id)
        .join(Gemeente, Onderzoek.gemeente_id == Gemeente.id)
        .where(voorwaarde)
    )
    if laatste:
        query = query.order_by(
            Uitnodiging.laatste_activiteit.desc().nulls_last(), Uitnodiging.id.desc()
        ).limit(1)
    else:
        query = query.order_by(Uitnodiging.id)
    if lock:
        # Serialises two instances (webhooks behind a load balancer) working for one respondent.
        query = query.with_for_update(of=Uitnodiging)
    rijen = (await uow.session.execute(query)).all()
    uow.repo.houd_vast(*(u for u, _, _ in rijen))
    standen = [
        Stand(
            uitnodiging_id=u.id,
            gemeente=g.naam,
            aanpak=o.aanpak,
            kader=o.kader,
            deadline=stand_deadline(u.soort, u.termijn, o.deadline),
            rol=u.rol,
            organisatie=u.organisatie,
            casus=u.casus,
            status=u.status,
            huidig_item=u.huidig_item,
            stap=u.stap,
            overgeslagen=list(u.overgeslagen or []),
            onderzoek_status=stand_status(u.soort, o.status),
            ingetrokken=u.ingetrokken is not None,
            versie=u.versie,
            soort=u.soort,
            vragen=u.vragen,
        )
        for u, o, g in rijen
    ]
    antwoorden = await antwoorden_van(uow, [s.uitnodiging_id for s in standen])
    for s in standen:
        s.antwoorden = antwoorden[s.uitnodiging_id]
    return standen


async def bind_token(uow: UnitOfWork, token: str, gebruiker: int, vandaag: dt.date) -> Stand:
    """Bind an invitation to this Telegram user; errors say why in plain Dutch."""
    uitnodiging = await uow.repo.uitnodiging_met_token(token.strip())
    if uitnodiging is None:
        raise NietGevonden(
            "Deze uitnodigingslink ken ik niet. Controleer of u de hele link "
            "heeft gebruikt, of vraag de inspecteur om een nieuwe."
        )
    if uitnodiging.ingetrokken is not None:
        raise OngeldigeInvoer(
            "Deze uitnodiging is ingetrokken. Neem contact op met de inspecteur als u denkt dat "
            "dit niet klopt."
        )
    if uitnodiging.telegram_user_id not in (None, gebruiker):
        raise OngeldigeInvoer(
            "Deze uitnodiging is al door iemand anders in gebruik genomen. "
            "Vraag de inspecteur om een eigen link."
        )
    onderzoek = await uow.session.get(Onderzoek, uitnodiging.onderzoek_id)
    assert onderzoek is not None
    reden = waarom_dicht(False, False, onderzoek.status, onderzoek.deadline, vandaag)
    if reden is not None and uitnodiging.status != "ingediend":
        raise OngeldigeInvoer(
            "Dit onderzoek is gesloten; er kunnen geen antwoorden meer bij."
            if reden == "gesloten"
            else "De termijn voor deze vragenlijst is verlopen. Neem contact op "
            "met de inspecteur als u toch nog wilt antwoorden."
        )
    uitnodiging.telegram_user_id = gebruiker
    uitnodiging.laatste_activiteit = nu()
    if uitnodiging.status == "uitgenodigd":
        uitnodiging.status = "bezig"
        uitnodiging.gestart = nu()
    await uow.session.flush()
    return (await _stand(uow, Uitnodiging.id == uitnodiging.id, lock=False))[0]


async def stand_met_token(uow: UnitOfWork, token: str, vandaag: dt.date) -> Stand:
    """The conversation of an invitation by its token (for `stj chat`, without Telegram); a
    closed one is returned as it is, untouched, so the caller can say why it is closed."""
    uitnodiging = await uow.repo.uitnodiging_met_token(token.strip())
    if uitnodiging is None or uitnodiging.ingetrokken is not None:
        raise NietGevonden(
            "onbekend of ingetrokken token; zie 'stj status ONDERZOEK' of maak een uitnodiging"
        )
    s = (await _stand(uow, Uitnodiging.id == uitnodiging.id, lock=True))[0]
    if dicht(s, vandaag) is None:
        if uitnodiging.status == "uitgenodigd":
            uitnodiging.status, uitnodiging.gestart = "bezig", nu()
            s.status = "bezig"
        uitnodiging.laatste_activiteit = nu()
    return s


async def stand_van(uow: UnitOfWork, uitnodiging_id: int) -> Stand | None:
    """One invitation's conversation by its number, locked for the unit of work (a web form
    answering it)."""
    standen = await _stand(uow, Uitnodiging.id == uitnodiging_id, lock=True)
    return standen[0] if standen else None


async def standen_van(uow: UnitOfWork, gebruiker: int) -> list[Stand]:
    """Every invitation bound to this user, in the order they were invited."""
    return await _stand(uow, Uitnodiging.telegram_user_id == gebruiker, lock=False)


async def stand(
    uow: UnitOfWork, gebruiker: int, uitnodiging_id: int | None = None, lock: bool = True
) -> Stand | None:
    """The invitation this user works on now (the most recently active one), or the given one
    if it is theirs."""
    voorwaarde = Uitnodiging.telegram_user_id == gebruiker
    if uitnodiging_id is not None:
        voorwaarde = voorwaarde & (Uitnodiging.id == uitnodiging_id)
    standen = await _stand(uow, voorwaarde, lock, laatste=uitnodiging_id is None)
    return standen[0] if standen else None


async def bewaar_stap(
    uow: UnitOfWork,
    s: Stand,
    door: str,
    volgende: tuple[str, str] | None,
    overgeslagen: list[str],
    item_id: str | None = None,
    antwoord: Antwoord | None = None,
) -> None:
    """Store an answer (if any) and the new position in this transaction (not committed)."""
    uitnodiging = await uow.session.get(Uitnodiging, s.uitnodiging_id)
    assert uitnodiging is not None
    if s.ingediend:
        raise OngeldigeInvoer(
            "U heeft deze vragenlijst al ingediend; de antwoorden kunnen niet meer veranderen."
        )
    if item_id is not None and antwoord is not None:
        await bewaar_antwoord(uow, s.uitnodiging_id, item_id, antwoord, door)
        if antwoord == Antwoord():  # removed (see bewaar_antwoord)
            s.antwoorden.pop(item_id, None)
        else:
            s.antwoorden[item_id] = antwoord
    uitnodiging.huidig_item, uitnodiging.stap = volgende or (None, "waarde")
    uitnodiging.overgeslagen = sorted(overgeslagen)
    uitnodiging.laatste_activiteit = nu()
    if uitnodiging.status == "uitgenodigd":
        uitnodiging.status, uitnodiging.gestart = "bezig", nu()
    s.huidig_item, s.stap, s.overgeslagen = uitnodiging.huidig_item, uitnodiging.stap, overgeslagen


async def activeer(uow: UnitOfWork, s: Stand) -> None:
    """Make this invitation the one the user works on (not committed)."""
    uitnodiging = await uow.session.get(Uitnodiging, s.uitnodiging_id)
    assert uitnodiging is not None
    uitnodiging.laatste_activiteit = nu()


async def dien_in(uow: UnitOfWork, s: Stand) -> None:
    """Mark submitted (not committed); the chat checks required items first."""
    uitnodiging = await uow.session.get(Uitnodiging, s.uitnodiging_id)
    assert uitnodiging is not None
    uitnodiging.status, uitnodiging.ingediend = "ingediend", nu()
    uitnodiging.laatste_activiteit = nu()
    s.status = "ingediend"


async def wis_antwoorden(uow: UnitOfWork, s: Stand) -> int:
    """Erase the respondent's answers and their history (not committed); returns how many."""
    if s.ingediend:
        raise OngeldigeInvoer(
            "Na het indienen kunt u uw antwoorden niet meer wissen. Neem "
            "contact op met de inspecteur."
        )
    aantal = len(s.antwoorden)
    for tabel in (AntwoordRij, AntwoordHistorie):
        await uow.session.execute(delete(tabel).where(tabel.uitnodiging_id == s.uitnodiging_id))
    uow.repo.alles_gewist(s.uitnodiging_id)
    uitnodiging = await uow.session.get(Uitnodiging, s.uitnodiging_id)
    assert uitnodiging is not None
    uitnodiging.huidig_item, uitnodiging.stap, uitnodiging.overgeslagen = None, "waarde", []
    s.antwoorden, s.huidig_item, s.stap, s.overgeslagen = {}, None, "waarde", []
    return aantal
