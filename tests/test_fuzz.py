"""A few thousand random updates through the real handler table (see tests/fuzz.py): no
unhandled exception, a reply to every private message and button press, and no stored answer
outside its question's domain. bench/fuzz.py runs 10,000."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.fuzz import fuzz
from vragenlijsten.catalogus import Catalogus

AANTAL = 3000


async def test_willekeurige_updates(
    sessions: async_sessionmaker[AsyncSession], catalogus: Catalogus
) -> None:
    uitslag = await fuzz(sessions, catalogus, AANTAL, zaad=20261201)
    assert uitslag.updates == AANTAL
    assert (uitslag.fouten, uitslag.zonder_antwoord, uitslag.buiten_domein) == (0, 0, 0), (
        uitslag.voorbeelden
    )
    # The fuzz must also get answers stored, not only refused.
    assert uitslag.bevestigd > 100 and uitslag.opgeslagen > 0
