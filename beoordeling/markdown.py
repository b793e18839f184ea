"""Markdown reports that show respondents' and inspectors' text as text: every value a Markdown
template prints is escaped (`finalize`), so raw HTML (`<script>`, `<img onerror>`), links
(`[x](javascript:…)`) and Markdown formatting in what someone typed reach the reader as the
characters they typed, never as markup. Only what is marked safe passes as it is: a table cell's
line breaks (`| md`), and a macro's output, whose own values were escaped inside it
(`{{ hoofdstuk(h) | veilig }}`)."""

from __future__ import annotations

import re
from typing import Any

# Characters that make inline markup or raw HTML, and a table cell's border. CommonMark lets a
# backslash escape any ASCII punctuation, and shows it as the character itself.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
# What starts a block at the beginning of a line: a heading, quote, list item, rule or the
# underline of a heading ("58.400" or "-3" stay as they are: no block starts there).
_REGELBEGIN = re.compile(
    r"^( {0,3})(#{1,6}(?=\s|$)|>|([-+=])(?=\s|$|\3)|\d{1,9}(?=[.)](?:\s|$)))", re.MULTILINE
)


class Veilig(str):
    """Markdown that is already escaped (or written by the template itself)."""


def ontsnap(tekst: str) -> Veilig:
    """Text as Markdown that shows exactly this text."""
    if isinstance(tekst, Veilig):
        return tekst
    tekst = _INLINE.sub(r"\\\1", tekst)
    tekst = _REGELBEGIN.sub(_regelbegin, tekst)
    return Veilig(tekst)


def _regelbegin(treffer: re.Match[str]) -> str:
    inspringing, teken = treffer[1], treffer[2]
    if teken[0].isdigit():  # "1." or "1)" starts a list: escape the dot or parenthesis
        return f"{inspringing}{teken}\\"
    return f"{inspringing}\\{teken}"


def finalize(waarde: Any) -> Any:
    """What a Markdown template prints: every text escaped, unless marked safe."""
    if isinstance(waarde, str):
        return ontsnap(waarde)
    return waarde


def cel(tekst: str) -> Veilig:
    """Text for a Markdown table cell: escaped, line breaks as <br>."""
    return Veilig(ontsnap(tekst).replace("\r\n", "\n").replace("\n", "<br>"))
