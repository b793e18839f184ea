"""Small Dutch language helpers: numbers in words, enumerations, dates, capitalisation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

_WOORDEN = (
    "nul",
    "één",
    "twee",
    "drie",
    "vier",
    "vijf",
    "zes",
    "zeven",
    "acht",
    "negen",
    "tien",
    "elf",
    "twaalf",
)
_MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def getal_woord(n: int) -> str:
    """A count as the factsheet writes it: words up to twelve, digits beyond."""
    return _WOORDEN[n] if 0 <= n < len(_WOORDEN) else str(n)


def hoofdletter(tekst: str) -> str:
    """Capitalise the first letter; "één" becomes "Eén" as Dutch spelling wants."""
    if tekst.startswith("één"):
        return "Eén" + tekst[3:]
    return tekst[:1].upper() + tekst[1:]


def kleine_letter(tekst: str) -> str:
    """The reverse of `hoofdletter`, for a generated sentence that moves mid-sentence."""
    if tekst.startswith("Eén"):
        return "één" + tekst[3:]
    return tekst[:1].lower() + tekst[1:]


def opsomming(delen: Sequence[str], voegwoord: str = "en") -> str:
    """Join as "a, b en c"."""
    if not delen:
        return ""
    if len(delen) == 1:
        return delen[0]
    return f"{', '.join(delen[:-1])} {voegwoord} {delen[-1]}"


def meervoud(n: int, enkelvoud: str, meervoudsvorm: str) -> str:
    """Pick singular or plural form for a count."""
    return enkelvoud if n == 1 else meervoudsvorm


def getal(n: int) -> str:
    """An integer with Dutch thousands separators: 95000 → "95.000"."""
    return f"{n:,}".replace(",", ".")


def datum(d: dt.date) -> str:
    """A date in full: "1 december 2011"."""
    return f"{d.day} {_MAANDEN[d.month - 1]} {d.year}"


def maand(d: dt.date) -> str:
    """Month and year: "december 2011"."""
    return f"{_MAANDEN[d.month - 1]} {d.year}"


def datum_tijd(moment: dt.datetime) -> str:
    """A moment as a short Dutch date: "12-03-2026"."""
    return moment.strftime("%d-%m-%Y")


def citaat(tekst: str) -> str:
    """Quote a respondent's words: “…”, trimmed, without a doubled final stop."""
    return f"“{tekst.strip()}”"


def titel(tekst: str) -> str:
    """Name a document title: ‘…’."""
    return f"‘{tekst.strip()}’"


def zin(tekst: str) -> str:
    """Capitalise and make sure the text ends as a sentence."""
    tekst = hoofdletter(tekst.strip())
    return tekst if tekst.endswith((".", "!", "?", "”", "’")) else tekst + "."
