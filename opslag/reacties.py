"""The gemeente's reactions to the concept as the inspector and vaststellen see them: per
reaction (an answer of a wederhoor questionnaire, numbered by its row) what it is about, the
gemeente's words and the decision; and how the wederhoor stands."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from beoordeling.procesvragen import ALGEMEEN
from opslag.fouten import NietGevonden
from opslag.modellen import Antwoord, ReactieBesluit
from opslag.proces import Stap, laatste, open_
from opslag.uow import UnitOfWork
from vragenlijsten.catalogus import Catalogus
from vragenlijsten.gegenereerd import Procesvragen


@dataclass(frozen=True)
class ReactieRegel:
    """One reaction as the inspector sees it: its number (to decide on it), what it is about,
    the gemeente's words, and the decision so far."""

    nummer: int
    uitnodiging_id: int
    item_id: str
    indicator_id: str | None
    indicator: str
    tekst: str
    verstuurd: bool
    gewijzigd: dt.datetime
    besluit: str | None = None
    reden: str | None = None
    door: str | None = None
    wanneer: dt.datetime | None = None

    @property
    def open(self) -> bool:
        """Not decided yet, or changed by the gemeente after the decision."""
        return self.besluit is None


async def reacties_van(
    uow: UnitOfWork, catalogus: Catalogus, onderzoek_id: int
) -> list[ReactieRegel]:
    """Every reaction of the gemeente to the concept of this onderzoek, in questionnaire order
    (kader order, the general one last), with the inspector's decision. A decision taken
    before the gemeente changed its reaction no longer counts."""
    kader = catalogus.kader(await _kader_van(uow, onderzoek_id))
    regels: list[ReactieRegel] = []
    for u in await uow.repo.processtappen(onderzoek_id, "wederhoor"):
        if u.vragen is None:
            continue
        p = Procesvragen.uit_data(u.vragen)
        rijen = {
            r.item_id: r
            for r in await uow.session.scalars(
                select(Antwoord).where(Antwoord.uitnodiging_id == u.id)
            )
        }
        besluiten = {
            r.item_id: r
            for r in await uow.session.scalars(
                select(ReactieBesluit).where(ReactieBesluit.uitnodiging_id == u.id)
            )
        }
        for item in p.vragenlijst.items():
            rij = rijen.get(item.id)
            indicator_id = p.indicator(item.id)
            if rij is None or not isinstance(rij.waarde, str) or not rij.waarde.strip():
                continue
            if indicator_id is None and item.id != ALGEMEEN:
                continue
            indicator = kader.indicator(indicator_id) if indicator_id else None
            b = besluiten.get(item.id)
            geldig = b is not None and b.wanneer >= rij.gewijzigd
            regels.append(
                ReactieRegel(
                    rij.id,
                    u.id,
                    item.id,
                    indicator_id,
                    indicator.tekst if indicator else "Algemeen",
                    rij.waarde,
                    u.status == "ingediend",
                    rij.gewijzigd,
                    b.besluit if b and geldig else None,
                    b.reden if b and geldig else None,
                    b.door if b and geldig else None,
                    b.wanneer if b and geldig else None,
                )
            )
    return regels


async def _kader_van(uow: UnitOfWork, onderzoek_id: int) -> str:
    """The kader of an onderzoek (which must exist)."""
    rij = await uow.repo.onderzoek(onderzoek_id)
    if rij is None:
        raise NietGevonden(f"onderzoek {onderzoek_id} bestaat niet; zie 'stj onderzoek lijst'")
    return rij[0].kader


@dataclass(frozen=True)
class WederhoorStand:
    """Whether the concept went to the gemeente, until when, and how its reactions stand."""

    stap: Stap | None
    open: bool
    reacties: int
    onbeslist: int

    def regel(self) -> str:
        """In one line, for vaststellen and the audit log."""
        if self.stap is None:
            return "wederhoor: niet gehouden (het concept is niet aan de gemeente voorgelegd)"
        termijn = f"{self.stap.termijn:%d-%m-%Y}" if self.stap.termijn else "geen termijn"
        stand = "loopt nog" if self.open else "gesloten"
        return (
            f"wederhoor: termijn tot en met {termijn} ({stand}), {self.reacties} reactie(s), "
            f"{self.reacties - self.onbeslist} beoordeeld"
        )


async def wederhoor_stand(
    uow: UnitOfWork, catalogus: Catalogus, onderzoek_id: int, vandaag: dt.date
) -> WederhoorStand:
    """How the wederhoor of an onderzoek stands."""
    stap = await laatste(uow, onderzoek_id, "wederhoor")
    regels = await reacties_van(uow, catalogus, onderzoek_id)
    return WederhoorStand(
        stap,
        stap is not None and open_(stap, vandaag),
        len(regels),
        sum(r.open for r in regels),
    )


async def voorbehouden_wederhoor(
    uow: UnitOfWork, catalogus: Catalogus, onderzoek_id: int, vandaag: dt.date
) -> list[str]:
    """What vaststellen names about the wederhoor: not held, still running, or reactions the
    inspector has not decided on."""
    stand = await wederhoor_stand(uow, catalogus, onderzoek_id, vandaag)
    if stand.stap is None:
        return ["het concept is niet aan de gemeente voorgelegd (geen wederhoor)"]
    punten = []
    if stand.open and stand.stap.termijn is not None:
        punten.append(
            f"de gemeente kan nog tot en met {stand.stap.termijn:%d-%m-%Y} op het concept reageren"
        )
    if stand.onbeslist:
        punten.append(f"{stand.onbeslist} reactie(s) van de gemeente nog niet beoordeeld")
    return punten
