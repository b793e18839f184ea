"""The audit log: every inspector action and every refused attempt, with who, what, when and
which onderzoek. Written in the unit of work of the action itself, so an action that is rolled
back leaves no record of having happened; a refusal is written on its own."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from opslag.modellen import Audit
from opslag.uow import UnitOfWork
from vragenlijsten.grenzen import opslaanbaar

# Long details (an argument someone pasted) are cut: the log records, it does not archive.
MAX_DETAILS = 500


@dataclass(frozen=True)
class AuditRegel:
    """One line of the audit log."""

    id: int
    wanneer: dt.datetime
    wie: str
    actie: str
    onderzoek_id: int | None
    details: str | None
    geweigerd: bool


async def leg_vast(
    uow: UnitOfWork,
    wie: str,
    actie: str,
    onderzoek_id: int | None = None,
    details: str | None = None,
    geweigerd: bool = False,
) -> None:
    """Record one action or refused attempt (not committed)."""
    if details is not None:
        details = opslaanbaar(details)
        if len(details) > MAX_DETAILS:
            details = details[: MAX_DETAILS - 1] + "…"
    uow.session.add(
        Audit(
            wie=opslaanbaar(wie)[:200],
            actie=opslaanbaar(actie)[:100],
            onderzoek_id=onderzoek_id,
            details=details,
            geweigerd=geweigerd,
        )
    )
    await uow.session.flush()


async def audit_log(
    uow: UnitOfWork, onderzoek_id: int | None = None, alleen_geweigerd: bool = False
) -> list[AuditRegel]:
    """The log, oldest first; optionally of one onderzoek, or only the refused attempts."""
    query = select(Audit).order_by(Audit.id)
    if onderzoek_id is not None:
        query = query.where(Audit.onderzoek_id == onderzoek_id)
    if alleen_geweigerd:
        query = query.where(Audit.geweigerd.is_(True))
    return [
        AuditRegel(a.id, a.wanneer, a.wie, a.actie, a.onderzoek_id, a.details, a.geweigerd)
        for a in await uow.session.scalars(query)
    ]
