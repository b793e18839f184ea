"""Storing what the conversation engine decided: the one place that turns an Uitkomst into
writes, for the Telegram adapter, `stj chat` and `stj demo` alike."""

from __future__ import annotations

from gesprek.motor import Opslaan, Pauze, Uitkomst, Verplaats
from opslag.gesprekken import Stand, activeer, bewaar_stap
from opslag.uow import UnitOfWork


async def pas_toe(uow: UnitOfWork, s: Stand, uitkomst: Uitkomst, door: str) -> None:
    """Store the answer (if any) and the next position in this transaction (not committed)."""
    if isinstance(uitkomst, Opslaan | Verplaats):
        volgende = (
            (uitkomst.volgende.item_id, uitkomst.volgende.stap) if uitkomst.volgende else None
        )
        if isinstance(uitkomst, Opslaan):
            await bewaar_stap(
                uow,
                s,
                door,
                volgende,
                list(uitkomst.overgeslagen),
                uitkomst.item_id,
                uitkomst.antwoord,
            )
        else:
            await bewaar_stap(uow, s, door, volgende, list(uitkomst.overgeslagen))
    elif isinstance(uitkomst, Pauze):
        await activeer(uow, s)
