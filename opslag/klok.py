"""Dutch calendar time: deadlines are Dutch calendar days, whatever the server's zone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def vandaag_in_nederland() -> dt.date:
    """Today's date in the Netherlands."""
    return dt.datetime.now(AMSTERDAM).date()
