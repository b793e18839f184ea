"""Reading what people type: ids and numbers (with bounds), dates as written in the
Netherlands. The one place where text becomes a number, so "²" or a 5,000-digit number is a
clear "that is no number", never a crash or an overflow in the database."""

from __future__ import annotations

import datetime as dt
import re

from vragenlijsten.grenzen import MAX_ID

# ASCII digits only: str.isdigit() accepts "²" and "٣", which int() then refuses or reads.
_NUMMER = re.compile(r"[0-9]{1,10}")

MAANDEN = {
    "januari": 1,
    "jan": 1,
    "februari": 2,
    "feb": 2,
    "maart": 3,
    "mrt": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "augustus": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}


def lees_nummer(tekst: str | None, maximum: int = MAX_ID) -> int | None:
    """An id or choice number: ASCII digits, 1..maximum; None for anything else."""
    if tekst is None or not _NUMMER.fullmatch(tekst.strip()):
        return None
    nummer = int(tekst.strip())
    return nummer if 1 <= nummer <= maximum else None


def lees_getal(tekst: str) -> int | None:
    """A whole number from '95000', '95.000', '95 000' or 'ongeveer 50'; None if there is none
    (or if it has more than 15 digits: no answer of ours is that large)."""
    schoon = tekst.strip().lower()
    if len(schoon) > 40:
        return None
    for woord in ("ongeveer", "ca.", "circa", "zo'n", "±", "~"):
        schoon = schoon.replace(woord, "")
    schoon = schoon.strip()
    if re.fullmatch(r"-?[0-9]{1,3}([. ][0-9]{3})+", schoon):
        schoon = re.sub(r"[. ]", "", schoon)
    if re.fullmatch(r"-?[0-9]{1,15}", schoon):
        return int(schoon)
    return None


def lees_datum(tekst: str) -> dt.date | None:
    """A date from '15-01-2024', '15/1/2024', '2024-01-15' or '15 januari 2024'; else None."""
    schoon = tekst.strip().lower()
    try:
        if m := re.fullmatch(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})", schoon):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := re.fullmatch(r"([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})", schoon):
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
        if m := re.fullmatch(r"([0-9]{1,2})\s+([a-z]+)\.?\s+([0-9]{4})", schoon):
            maand = MAANDEN.get(m[2])
            return dt.date(int(m[3]), maand, int(m[1])) if maand else None
        if m := re.fullmatch(r"([a-z]+)\.?\s+([0-9]{4})", schoon):
            maand = MAANDEN.get(m[1])
            return dt.date(int(m[2]), maand, 1) if maand else None
    except ValueError:
        return None
    return None
