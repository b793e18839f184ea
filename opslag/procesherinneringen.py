"""Reminders before the term of a step after the concept (the wederhoor, the improvement plan,
its progress): the onderzoek's schedule (days before, at its time) applied to the step's own
term. Each moment is planned once per invitation (the unique key of ProcesRonde, as
HerinnerRonde for the onderzoek's rounds); the reminder itself is a Herinnering row, claimed
and sent by the same machinery and at the same pace as every other (opslag.herinneringen,
bot.herinneren). A step that was submitted, revoked or whose term passed gets none."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ColumnElement, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from opslag.klok import AMSTERDAM, OP_TIJD, momenten
from opslag.modellen import Herinnering, Onderzoek, ProcesRonde, Uitnodiging, nu
from opslag.uow import UnitOfWork


async def _claim(uow: UnitOfWork, uitnodiging_id: int, m: dt.datetime, status: str) -> bool:
    """Record the moment if nobody did; whether this call did."""
    insert = (
        postgresql_insert if uow.session.get_bind().dialect.name == "postgresql" else sqlite_insert
    )
    rij = await uow.session.scalar(
        insert(ProcesRonde)
        .values(uitnodiging_id=uitnodiging_id, moment=m, status=status, gepland_op=nu())
        .on_conflict_do_nothing()
        .returning(ProcesRonde.id)
    )
    return rij is not None


async def plan_procesherinneringen(uow: UnitOfWork, moment: dt.datetime) -> int:
    """Plan the due reminders of every open step with a term whose contact is in Telegram. Of
    moments missed while the bot was down only the latest is sent. Not committed (the caller
    commits with the onderzoek's rounds); the number planned."""
    stappen = (
        await uow.session.execute(
            select(Uitnodiging, Onderzoek)
            .join(Onderzoek, Uitnodiging.onderzoek_id == Onderzoek.id)
            .where(
                Uitnodiging.soort.is_not(None),
                Uitnodiging.termijn.is_not(None),
                Uitnodiging.telegram_user_id.is_not(None),
                Uitnodiging.ingetrokken.is_(None),
                Uitnodiging.status != "ingediend",
            )
        )
    ).all()
    aantal = 0
    for u, o in stappen:
        assert u.termijn is not None
        einde = dt.datetime.combine(u.termijn + dt.timedelta(days=1), dt.time(), tzinfo=AMSTERDAM)
        if moment >= einde:
            continue  # the term has passed: nobody could answer after a reminder
        due = [m for m in momenten(u.termijn, o.herinner_dagen, o.herinner_tijd) if m <= moment]
        for m in due:
            laatste = m == due[-1]
            status = (
                ("gepland" if moment - m < OP_TIJD else "ingehaald") if laatste else "overgeslagen"
            )
            if await _claim(uow, u.id, m, status) and laatste:
                uow.session.add(
                    Herinnering(
                        onderzoek_id=o.id,
                        uitnodiging_id=u.id,
                        aangevraagd_door="schema",
                        status="gepland",
                    )
                )
                aantal += 1
    await uow.session.flush()
    return aantal


def stap_dicht(vandaag: dt.date) -> ColumnElement[bool]:
    """The SQL condition under which a planned reminder of a step is not sent: its term has
    passed (submitted and revoked are checked for every invitation)."""
    return Uitnodiging.soort.is_not(None) & (Uitnodiging.termijn < vandaag)


def vandaag_nl() -> dt.date:
    """Today in the Netherlands, as the terms are meant."""
    return nu().astimezone(AMSTERDAM).date()
