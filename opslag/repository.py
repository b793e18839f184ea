"""The queries the services need, in one place; nothing outside `opslag` builds SQL."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from opslag.modellen import Antwoord, Gemeente, Onderzoek, Uitnodiging


class Repository:
    """Lookups and inserts over one session."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        # Answer rows already loaded in this session, so saving one needs no second lookup;
        # for the respondents in `_volledig` all their rows are loaded, so a missing one is new.
        self._antwoorden: dict[tuple[int, str], Antwoord] = {}
        self._volledig: set[int] = set()
        # Rows loaded for a respondent's state, held so the session's (weak) identity map keeps
        # them and a later `session.get` needs no second SELECT.
        self._vast: list[object] = []

    def alles_gewist(self, uitnodiging_id: int) -> None:
        """All answers of a respondent were deleted in SQL: none are loaded, none exist."""
        for sleutel in [k for k in self._antwoorden if k[0] == uitnodiging_id]:
            del self._antwoorden[sleutel]
        self._volledig.add(uitnodiging_id)

    def houd_vast(self, *rijen: object) -> None:
        """Keep loaded rows for the rest of this session."""
        self._vast.extend(rijen)

    def onthoud(self, rij: Antwoord) -> None:
        """Remember an answer row loaded or added in this session."""
        self._antwoorden[(rij.uitnodiging_id, rij.item_id)] = rij

    def vergeet(self, rij: Antwoord) -> None:
        """Forget an answer row deleted in this session."""
        self._antwoorden.pop((rij.uitnodiging_id, rij.item_id), None)

    async def gemeente(self, naam: str, maak: bool = False) -> Gemeente | None:
        """A gemeente by name; with maak=True it is created when missing."""
        gemeente = await self.session.scalar(select(Gemeente).where(Gemeente.naam == naam))
        if gemeente is None and maak:
            gemeente = Gemeente(naam=naam)
            self.session.add(gemeente)
            await self.session.flush()
        return gemeente

    async def onderzoek(self, onderzoek_id: int) -> tuple[Onderzoek, Gemeente] | None:
        """An onderzoek with its gemeente."""
        rij = (
            await self.session.execute(
                select(Onderzoek, Gemeente)
                .join(Gemeente, Onderzoek.gemeente_id == Gemeente.id)
                .where(Onderzoek.id == onderzoek_id)
            )
        ).first()
        return (rij[0], rij[1]) if rij else None

    async def onderzoek_van(
        self, gemeente_id: int, aanpak: str, kader: str, ook_gesloten: bool = False
    ) -> Onderzoek | None:
        """The open onderzoek of a gemeente, aanpak and kader, if there is one (with
        ook_gesloten: the latest, open or closed)."""
        voorwaarden = [
            Onderzoek.gemeente_id == gemeente_id,
            Onderzoek.aanpak == aanpak,
            Onderzoek.kader == kader,
        ]
        if not ook_gesloten:
            voorwaarden.append(Onderzoek.status == "open")
        return await self.session.scalar(
            select(Onderzoek).where(*voorwaarden).order_by(Onderzoek.id.desc()).limit(1)
        )

    async def onderzoeken(self) -> Sequence[tuple[Onderzoek, Gemeente]]:
        """Every onderzoek with its gemeente, by gemeente and aanpak."""
        rijen = await self.session.execute(
            select(Onderzoek, Gemeente)
            .join(Gemeente, Onderzoek.gemeente_id == Gemeente.id)
            .order_by(Gemeente.naam, Onderzoek.aanpak, Onderzoek.id)
        )
        return [(rij[0], rij[1]) for rij in rijen]

    async def uitnodigingen(self, onderzoek_id: int) -> Sequence[Uitnodiging]:
        """The respondents of an onderzoek in the order they were invited (not the steps after
        the concept: those are the gemeente's, see opslag.proces)."""
        return (
            await self.session.scalars(
                select(Uitnodiging)
                .where(Uitnodiging.onderzoek_id == onderzoek_id, Uitnodiging.soort.is_(None))
                .order_by(Uitnodiging.id)
            )
        ).all()

    async def processtappen(self, onderzoek_id: int, soort: str) -> Sequence[Uitnodiging]:
        """The invitations of one step after the concept (wederhoor, verbeterplan, voortgang),
        the latest last."""
        return (
            await self.session.scalars(
                select(Uitnodiging)
                .where(Uitnodiging.onderzoek_id == onderzoek_id, Uitnodiging.soort == soort)
                .order_by(Uitnodiging.id)
            )
        ).all()

    async def uitnodiging_met_token(self, token: str) -> Uitnodiging | None:
        """The invitation with this token; an interview's is answered by the inspector only,
        and a step after the concept goes to the gemeente's contact directly, so their tokens
        open nothing."""
        return await self.session.scalar(
            select(Uitnodiging).where(
                Uitnodiging.token == token, Uitnodiging.bron.is_(None), Uitnodiging.soort.is_(None)
            )
        )

    async def antwoorden(self, uitnodiging_ids: Sequence[int]) -> Sequence[Antwoord]:
        """The answers of these respondents, by respondent."""
        if not uitnodiging_ids:
            return []
        rijen = (
            await self.session.scalars(
                select(Antwoord)
                .where(Antwoord.uitnodiging_id.in_(uitnodiging_ids))
                .order_by(Antwoord.uitnodiging_id, Antwoord.id)
            )
        ).all()
        for rij in rijen:
            self.onthoud(rij)
        self._volledig.update(uitnodiging_ids)
        return rijen

    async def antwoordwaarden(self, uitnodiging_ids: Sequence[int]) -> Sequence[Any]:
        """The answers of these respondents as plain rows (uitnodiging_id, item_id, waarde,
        toelichting, document, bestand_file_id, bestand_naam, bestand_grootte), by respondent:
        for reading only, without ORM objects (thousands of respondents are read at once)."""
        if not uitnodiging_ids:
            return []
        return (
            await self.session.execute(
                select(
                    Antwoord.uitnodiging_id,
                    Antwoord.item_id,
                    Antwoord.waarde,
                    Antwoord.toelichting,
                    Antwoord.document,
                    Antwoord.bestand_file_id,
                    Antwoord.bestand_naam,
                    Antwoord.bestand_grootte,
                )
                .where(Antwoord.uitnodiging_id.in_(uitnodiging_ids))
                .order_by(Antwoord.uitnodiging_id, Antwoord.id)
            )
        ).all()

    async def antwoord(self, uitnodiging_id: int, item_id: str) -> Antwoord | None:
        """One stored answer."""
        if (uitnodiging_id, item_id) in self._antwoorden or uitnodiging_id in self._volledig:
            return self._antwoorden.get((uitnodiging_id, item_id))
        return await self.session.scalar(
            select(Antwoord).where(
                Antwoord.uitnodiging_id == uitnodiging_id, Antwoord.item_id == item_id
            )
        )

    async def stroom_antwoorden(
        self, onderzoek_id: int
    ) -> AsyncIterator[tuple[Uitnodiging, Antwoord]]:
        """Every answer of an onderzoek with its respondent, streamed (for large exports)."""
        resultaat = await self.session.stream(
            select(Uitnodiging, Antwoord)
            .join(Antwoord, Antwoord.uitnodiging_id == Uitnodiging.id)
            .where(Uitnodiging.onderzoek_id == onderzoek_id, Uitnodiging.soort.is_(None))
            .order_by(Uitnodiging.id, Antwoord.id)
            .execution_options(yield_per=500)
        )
        async for rij in resultaat:
            yield rij[0], rij[1]

    async def aantal_per_status(self, onderzoek_id: int) -> dict[str, int]:
        """How many respondents of an onderzoek have each status."""
        rijen = await self.session.execute(
            select(Uitnodiging.status, func.count())
            .where(Uitnodiging.onderzoek_id == onderzoek_id, Uitnodiging.soort.is_(None))
            .group_by(Uitnodiging.status)
        )
        return {rij[0]: rij[1] for rij in rijen}

    async def aantallen_per_status(self) -> dict[int, dict[str, int]]:
        """Per onderzoek, how many respondents have each status (one query for all)."""
        rijen = await self.session.execute(
            select(Uitnodiging.onderzoek_id, Uitnodiging.status, func.count())
            .where(Uitnodiging.soort.is_(None))
            .group_by(Uitnodiging.onderzoek_id, Uitnodiging.status)
        )
        aantallen: dict[int, dict[str, int]] = {}
        for onderzoek_id, status, aantal in rijen:
            aantallen.setdefault(onderzoek_id, {})[status] = aantal
        return aantallen
