"""Reminders: planned per respondent, written to the database before they are sent, and
claimed atomically, so no restart or second instance ever sends one twice (at most once)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from opslag.fouten import OngeldigeInvoer
from opslag.gesprekken import waarom_dicht
from opslag.klok import AMSTERDAM, OP_TIJD, momenten
from opslag.modellen import Herinnering, HerinnerRonde, Onderzoek, Uitnodiging, nu
from opslag.onderzoeken import OnderzoekInfo, RespondentStatus, haal_onderzoek, status_onderzoek
from opslag.procesherinneringen import plan_procesherinneringen, stap_dicht, vandaag_nl
from opslag.uow import UnitOfWork
from vragenlijsten.catalogus import Catalogus

VERLOREN_NA = dt.timedelta(hours=1)  # a claim this old died with its process: not resent
# However often an inspector presses "herinner", a respondent gets at most one reminder in this
# period: a second press, or one just after a scheduled round, must not pester anyone.
RUST = dt.timedelta(hours=12)


@dataclass(frozen=True)
class TeVersturen:
    """A claimed reminder with what its message needs."""

    herinnering_id: int
    uitnodiging_id: int
    chat_id: int
    gemeente: str
    aanpak: str
    rol: str
    deadline: dt.date | None
    beantwoord: int
    totaal: int
    # Answering as a private person (a role without an organisation): a plain-language reminder.
    prive: bool = False
    # A step after the concept (wederhoor, verbeterplan, voortgang); `deadline` is its term.
    soort: str | None = None


def _prive(catalogus: Catalogus, kader: str, rol: str) -> bool:
    """Whether respondents of this role answer as private persons (the kader's data says)."""
    r = catalogus.kader(kader).rol(rol)
    return r is not None and not r.organisatie


@dataclass(frozen=True)
class Plan:
    """The outcome of planning a round for one onderzoek."""

    te_versturen: list[TeVersturen] = field(default_factory=list)
    al_ingediend: list[RespondentStatus] = field(default_factory=list)
    nooit_gestart: list[RespondentStatus] = field(default_factory=list)
    gepland: int = 0  # reminder rows written
    al_herinnerd: list[RespondentStatus] = field(default_factory=list)  # within RUST


def al_herinnerd_regel(plan: Plan) -> str:
    """The report line for respondents left out because they were reminded recently."""
    uren = int(RUST.total_seconds() // 3600)
    return f"overgeslagen (al herinnerd in de afgelopen {uren} uur): {len(plan.al_herinnerd)}"


async def _plan_ronde(
    uow: UnitOfWork,
    catalogus: Catalogus,
    onderzoek_id: int,
    door: str,
    ronde_id: int | None,
    status: str,
) -> Plan:
    """Write a reminder row for every bound, unsubmitted respondent (not committed)."""
    onderzoek, alle = await status_onderzoek(uow, catalogus, onderzoek_id)
    regels = [r for r in alle if not r.ingetrokken]  # a revoked invitation gets nothing
    al_ingediend = [r for r in regels if r.status == "ingediend"]
    nooit_gestart = [
        r
        for r in regels
        if r.status != "ingediend" and r.telegram_user_id is None and r.interview is None
    ]
    open_ = [r for r in regels if r.status != "ingediend" and r.telegram_user_id is not None]
    recent = await _recent_herinnerd(uow, onderzoek_id)
    al_herinnerd = [r for r in open_ if r.id in recent]
    open_ = [r for r in open_ if r.id not in recent]
    rijen = []
    for r in open_:
        rij = Herinnering(
            onderzoek_id=onderzoek_id,
            uitnodiging_id=r.id,
            ronde_id=ronde_id,
            aangevraagd_door=door,
            status=status,
        )
        if status == "bezig":  # on-demand: recorded and claimed in one go
            rij.geclaimd_door, rij.geclaimd_op = door, nu()
        uow.session.add(rij)
        rijen.append(rij)
    await uow.session.flush()
    te_versturen = [
        TeVersturen(
            rij.id,
            r.id,
            r.telegram_user_id,
            onderzoek.gemeente,
            onderzoek.aanpak,
            r.rol,
            onderzoek.deadline,
            r.beantwoord,
            r.totaal,
            _prive(catalogus, onderzoek.kader, r.rol),
        )
        for rij, r in zip(rijen, open_, strict=True)
        if status == "bezig" and r.telegram_user_id is not None
    ]
    return Plan(te_versturen, al_ingediend, nooit_gestart, len(rijen), al_herinnerd)


async def _recent_herinnerd(uow: UnitOfWork, onderzoek_id: int) -> set[int]:
    """The invitations of this onderzoek that got (or are getting) a reminder within RUST."""
    rijen = await uow.session.scalars(
        select(Herinnering.uitnodiging_id).where(
            Herinnering.onderzoek_id == onderzoek_id,
            Herinnering.status.in_(("bezig", "verzonden")),
            Herinnering.aangemaakt >= nu() - RUST,
        )
    )
    return set(rijen)


async def plan_nu(
    uow: UnitOfWork, catalogus: Catalogus, onderzoek_id: int, door: str, vandaag: dt.date
) -> Plan:
    """An on-demand round: recorded and claimed in one transaction, then committed. Not for a
    closed onderzoek, nor past its deadline: nobody could answer after the reminder."""
    onderzoek = await haal_onderzoek(uow, onderzoek_id)
    reden = waarom_dicht(False, False, onderzoek.status, onderzoek.deadline, vandaag)
    if reden == "gesloten":
        raise OngeldigeInvoer(
            f"onderzoek {onderzoek_id} is gesloten; er gaan geen herinneringen meer uit"
        )
    if reden == "verlopen":
        raise OngeldigeInvoer(
            f"de deadline van onderzoek {onderzoek_id} is verstreken; verschuif haar eerst "
            "(verleng), anders kan niemand na de herinnering nog antwoorden"
        )
    plan = await _plan_ronde(uow, catalogus, onderzoek_id, door, None, "bezig")
    await uow.commit()
    return plan


async def plan_geplande_rondes(uow: UnitOfWork, catalogus: Catalogus, moment: dt.datetime) -> int:
    """Plan every scheduled round that is due. Of rounds missed while the bot was down only
    the latest is sent (caught up once); the older ones are recorded as skipped. The unique
    (onderzoek, moment) key means one instance plans a round, however many run. Commits;
    returns the number of reminders planned."""
    aantal = 0
    onderzoeken = (
        await uow.session.scalars(
            select(Onderzoek).where(Onderzoek.status == "open", Onderzoek.deadline.is_not(None))
        )
    ).all()
    for o in onderzoeken:
        assert o.deadline is not None
        einde = dt.datetime.combine(o.deadline + dt.timedelta(days=1), dt.time(), tzinfo=AMSTERDAM)
        if moment >= einde:
            continue  # the deadline has passed: no more reminders
        due = [m for m in momenten(o.deadline, o.herinner_dagen, o.herinner_tijd) if m <= moment]
        for m in due:
            laatste = m == due[-1]
            status = (
                ("gepland" if moment - m < OP_TIJD else "ingehaald") if laatste else "overgeslagen"
            )
            ronde_id = await _claim_ronde(uow, o.id, m, status)
            if ronde_id is not None and laatste:
                plan = await _plan_ronde(uow, catalogus, o.id, "schema", ronde_id, "gepland")
                aantal += plan.gepland
    aantal += await plan_procesherinneringen(uow, moment)
    await uow.commit()
    return aantal


async def _claim_ronde(
    uow: UnitOfWork, onderzoek_id: int, m: dt.datetime, status: str
) -> int | None:
    """Insert the round if nobody did; its id when this call did, else None."""
    insert = (
        postgresql_insert if uow.session.get_bind().dialect.name == "postgresql" else sqlite_insert
    )
    return await uow.session.scalar(
        insert(HerinnerRonde)
        .values(onderzoek_id=onderzoek_id, moment=m, status=status, gepland_op=nu())
        .on_conflict_do_nothing()
        .returning(HerinnerRonde.id)
    )


async def claim_geplande(
    uow: UnitOfWork, catalogus: Catalogus, instantie: str, maximaal: int = 5000
) -> list[TeVersturen]:
    """Claim planned reminders for this instance and commit the claim before anything is sent.
    PostgreSQL skips rows another instance holds (FOR UPDATE SKIP LOCKED)."""
    verloren = nu() - VERLOREN_NA
    await uow.session.execute(
        update(Herinnering)
        .where(Herinnering.status == "bezig", Herinnering.geclaimd_op < verloren)
        .values(status="mislukt", afgehandeld=nu(), fout="verzenden onderbroken; niet opnieuw")
    )
    # Planned before the onderzoek was closed or the invitation revoked or submitted, or (a
    # step after the concept, which outlives the onderzoek's questionnaires) before its term
    # passed: those are not sent (closed means closed), but recorded as skipped.
    dicht = (
        select(Herinnering.id)
        .join(Uitnodiging, Herinnering.uitnodiging_id == Uitnodiging.id)
        .join(Onderzoek, Herinnering.onderzoek_id == Onderzoek.id)
        .where(
            Herinnering.status == "gepland",
            ((Onderzoek.status != "open") & Uitnodiging.soort.is_(None))
            | Uitnodiging.ingetrokken.is_not(None)
            | (Uitnodiging.status == "ingediend")
            | stap_dicht(vandaag_nl()),
        )
    )
    await uow.session.execute(
        update(Herinnering)
        .where(Herinnering.id.in_(dicht))
        .values(status="overgeslagen", afgehandeld=nu(), fout="onderzoek of uitnodiging dicht")
        .execution_options(synchronize_session=False)
    )
    kandidaten = (
        await uow.session.scalars(
            select(Herinnering.id)
            .where(Herinnering.status == "gepland")
            .order_by(Herinnering.id)
            .limit(maximaal)
            .with_for_update(skip_locked=True)
        )
    ).all()
    if not kandidaten:
        await uow.commit()
        return []
    geclaimd = (
        await uow.session.scalars(
            update(Herinnering)
            .where(Herinnering.id.in_(kandidaten), Herinnering.status == "gepland")
            .values(status="bezig", geclaimd_door=instantie, geclaimd_op=nu())
            .returning(Herinnering.id)
        )
    ).all()
    te_versturen = await _details(uow, catalogus, list(geclaimd))
    await uow.commit()
    return te_versturen


async def _details(uow: UnitOfWork, catalogus: Catalogus, ids: list[int]) -> list[TeVersturen]:
    """What each claimed reminder's message needs: where, and the respondent's progress."""
    if not ids:
        return []
    rijen = (
        await uow.session.execute(
            select(Herinnering, Uitnodiging)
            .join(Uitnodiging, Herinnering.uitnodiging_id == Uitnodiging.id)
            .where(Herinnering.id.in_(ids))
            .order_by(Herinnering.id)
        )
    ).all()
    standen: dict[int, tuple[OnderzoekInfo, dict[int, RespondentStatus]]] = {}
    resultaat = []
    for h, u in rijen:
        if h.onderzoek_id not in standen:
            info, regels = await status_onderzoek(uow, catalogus, h.onderzoek_id)
            standen[h.onderzoek_id] = (info, {r.id: r for r in regels})
        info, regels_o = standen[h.onderzoek_id]
        if u.soort is not None and u.telegram_user_id is not None:  # a step after the concept
            resultaat.append(
                TeVersturen(
                    h.id, u.id, u.telegram_user_id, info.gemeente, info.aanpak, u.rol, u.termijn,
                    0, 0, soort=u.soort,
                )
            )  # fmt: skip
            continue
        r = regels_o[u.id]
        if u.telegram_user_id is not None:
            resultaat.append(
                TeVersturen(
                    h.id,
                    u.id,
                    u.telegram_user_id,
                    info.gemeente,
                    info.aanpak,
                    u.rol,
                    info.deadline,
                    r.beantwoord,
                    r.totaal,
                    _prive(catalogus, info.kader, u.rol),
                )
            )
    return resultaat


async def registreer(uow: UnitOfWork, herinnering_id: int, status: str, fout: str | None) -> None:
    """Record what happened to one reminder (committed)."""
    h = await uow.session.get(Herinnering, herinnering_id)
    if h is None:
        return
    h.status, h.fout, h.afgehandeld = status, fout, nu()
    if status == "verzonden":
        u = await uow.session.get(Uitnodiging, h.uitnodiging_id)
        if u is not None:
            u.herinneringen += 1
    await uow.commit()
