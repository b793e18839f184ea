"""The answering path: where a respondent stands, kept in memory between their updates, and each
answer written as a few fixed statements by group commit (opslag.antwoordwerk), off the ORM.

The copy in memory is written through on every answer. The state's `versie` makes it safe with
several instances and beside the ORM: the state is moved on only `WHERE versie = <the copy's>`,
and anything else that changes an invitation, its answers or its onderzoek raises the version
(opslag.versies); then nothing is written, the copy is dropped and the caller takes the ORM path,
which loads everything afresh. The copy is also never used for an active inspector (whose typed
text may belong to a dialog), which the same statement checks in the database.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from opslag.antwoorden import wijziging
from opslag.antwoordwerk import Bind, Laad, Schrijfopdracht, Uitkomst
from opslag.db import SCHRIJFSLOT
from opslag.gesprekken import Stand
from opslag.groepscommit import groepscommit
from opslag.modellen import nu
from vragenlijsten.antwoorden import Antwoord

BEWAARD = 20_000  # respondents kept in memory (least recently active forgotten first)


class Antwoordpad:
    """Respondents' states in memory and the group commit that writes them."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        engine = sessions.kw.get("bind")
        slot = sessions.kw.get("info", {}).get(SCHRIJFSLOT)
        self._schrijver = groepscommit(engine, slot) if engine is not None else None
        self._standen: OrderedDict[int, Stand] = OrderedDict()

    async def stand(self, gebruiker: int) -> Stand | None:
        """Where this user stands (from memory, else read); None when this path cannot serve
        them (no invitation, an inspector, or an in-memory database)."""
        if self._schrijver is None:
            return None
        s = self._standen.get(gebruiker)
        if s is None:
            s = await self._schrijver.voer_uit(Laad(gebruiker))
            if s is None:
                return None
        self._onthoud(gebruiker, s)
        return s

    async def bind(
        self, gebruiker: int, update_id: int, token: str, vandaag: dt.date
    ) -> Stand | Literal["dubbel"] | None:
        """Bind an invitation by its token and keep its state; None when the ORM path must
        handle it (see Bind)."""
        if self._schrijver is None:
            return None
        self.vergeet(gebruiker)
        s = await self._schrijver.voer_uit(Bind(update_id, gebruiker, token, vandaag, nu()))
        if isinstance(s, Stand):
            self._onthoud(gebruiker, s)
        return s

    def _onthoud(self, gebruiker: int, s: Stand) -> None:
        self._standen[gebruiker] = s
        self._standen.move_to_end(gebruiker)
        if len(self._standen) > BEWAARD:
            self._standen.popitem(last=False)

    def vergeet(self, gebruiker: int) -> None:
        """Drop the copy: the next update reads the state again."""
        self._standen.pop(gebruiker, None)

    async def bewaar(
        self,
        s: Stand,
        gebruiker: int,
        update_id: int,
        volgende: tuple[str, str] | None,
        overgeslagen: list[str],
        item_id: str | None = None,
        antwoord: Antwoord | None = None,
    ) -> Uitkomst:
        """Claim the update, store the answer (if any) and the new position, and commit (with
        whatever else is being written); on success the copy `s` is moved on too."""
        assert self._schrijver is not None
        oud = s.antwoorden.get(item_id) if item_id is not None else None
        soort = wijziging(oud, antwoord) if item_id is not None and antwoord is not None else "geen"
        huidig_item, stap = volgende or (None, "waarde")
        opdracht = Schrijfopdracht(
            update_id=update_id,
            gebruiker=gebruiker,
            uitnodiging_id=s.uitnodiging_id,
            versie=s.versie,
            huidig_item=huidig_item,
            stap=stap,
            overgeslagen=overgeslagen,
            door=f"telegram:{gebruiker}",
            wanneer=nu(),
            item_id=item_id,
            oud=oud,
            nieuw=antwoord,
            soort=soort,
        )
        try:
            uitkomst = await self._schrijver.voer_uit(opdracht)
        except BaseException:
            self.vergeet(gebruiker)  # not knowing what happened, trust only the database
            raise
        if uitkomst == "verouderd":
            self.vergeet(gebruiker)
        elif uitkomst == "geschreven":
            if item_id is not None and soort == "weg":
                s.antwoorden.pop(item_id, None)
            elif item_id is not None and antwoord is not None and soort != "geen":
                s.antwoorden[item_id] = antwoord
            s.huidig_item, s.stap, s.overgeslagen = huidig_item, stap, sorted(overgeslagen)
            s.versie += 1
            if s.status == "uitgenodigd":
                s.status = "bezig"
        return uitkomst

    async def sluit(self) -> None:
        """Release the writer (at shutdown)."""
        if self._schrijver is not None:
            await self._schrijver.sluit()
