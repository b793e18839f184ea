"""Dutch calendar time: deadlines are Dutch calendar days, whatever the server's zone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def vandaag_in_nederland() -> dt.date:
    """Today's date in the Netherlands."""
    return dt.datetime.now(AMSTERDAM).date()


# A reminder planned this late after its moment is a catch-up (recorded as such).
OP_TIJD = dt.timedelta(minutes=15)


def momenten(deadline: dt.date, dagen: list[int], tijd: str) -> list[dt.datetime]:
    """The scheduled reminder moments of a deadline (days before it, at a Dutch time of day),
    in UTC, earliest first."""
    uur = dt.time.fromisoformat(tijd)
    return sorted(
        dt.datetime.combine(deadline - dt.timedelta(days=d), uur, tzinfo=AMSTERDAM).astimezone(
            dt.UTC
        )
        for d in dagen
    )
