"""Telegram counts a message's length in UTF-16 code units (an emoji is two), and refuses more
than 4,096. Long texts are split where they are sent and shortened where they are echoed."""

from __future__ import annotations

MAX_BERICHT = 4096
MAX_ECHO = 300  # how much of an answer a confirmation or "Huidig antwoord" repeats


def utf16_lengte(tekst: str) -> int:
    """The length as Telegram counts it."""
    return len(tekst.encode("utf-16-le")) // 2


def _kop(tekst: str, maximum: int) -> str:
    """The longest beginning of at most `maximum` units (never half a surrogate pair)."""
    lengte = 0
    for n, teken in enumerate(tekst):
        lengte += 2 if ord(teken) > 0xFFFF else 1
        if lengte > maximum:
            return tekst[:n]
    return tekst


def kort(tekst: str, maximum: int = MAX_ECHO) -> str:
    """At most `maximum` UTF-16 units, cut with "…"."""
    if utf16_lengte(tekst) <= maximum:
        return tekst
    return _kop(tekst, maximum - 1).rstrip() + "…"


def in_stukken(tekst: str, maximum: int = MAX_BERICHT) -> list[str]:
    """Messages of at most `maximum` units: split between lines where possible, a line longer
    than that is cut into pieces."""
    if 2 * len(tekst) <= maximum or utf16_lengte(tekst) <= maximum:
        return [tekst]  # nearly every message: it fits as it is
    stukken: list[str] = []
    huidig = ""
    for regel in tekst.split("\n"):
        while utf16_lengte(regel) > maximum:
            deel = _kop(regel, maximum)
            if huidig:
                stukken.append(huidig)
                huidig = ""
            stukken.append(deel)
            regel = regel[len(deel) :]
        kandidaat = f"{huidig}\n{regel}" if huidig else regel
        if utf16_lengte(kandidaat) > maximum:
            stukken.append(huidig)
            huidig = regel
        else:
            huidig = kandidaat
    if huidig or not stukken:
        stukken.append(huidig)
    return stukken
