"""The plain text an inspector writes a chapter in: paragraphs separated by a blank line, list
items on lines starting with "- ", and **bold**. Nothing else is markup: whatever else is typed
(HTML, links, Markdown headings) reaches the reader as the characters typed, in HTML (escaped)
and in Markdown (escaped, beoordeling.markdown) alike."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from beoordeling.markdown import Veilig, ontsnap

_LIJST = re.compile(r"^\s*[-*•]\s+")
_VET = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")


@dataclass(frozen=True)
class Blok:
    """A paragraph (one item) or a list (an item per entry); each item a run of (text, bold)."""

    lijst: bool
    items: tuple[tuple[tuple[str, bool], ...], ...]


def _spans(tekst: str) -> tuple[tuple[str, bool], ...]:
    """Text split into plain and bold runs."""
    delen: list[tuple[str, bool]] = []
    plek = 0
    for treffer in _VET.finditer(tekst):
        if treffer.start() > plek:
            delen.append((tekst[plek : treffer.start()], False))
        delen.append((treffer[1], True))
        plek = treffer.end()
    if plek < len(tekst):
        delen.append((tekst[plek:], False))
    return tuple(delen)


def _groep(regels: list[str]) -> list[Blok]:
    """The blocks of one group of lines (no blank line between them)."""
    uit: list[Blok] = []
    for regel in regels:
        if not regel.strip():
            continue
        laatste = uit[-1] if uit else None
        if _LIJST.match(regel):
            item = _LIJST.sub("", regel).strip()
            if laatste is not None and laatste.lijst:
                uit[-1] = Blok(True, (*laatste.items, ((item, False),)))
            else:
                uit.append(Blok(True, (((item, False),),)))
        elif laatste is not None and (laatste.lijst == regel.startswith((" ", "\t"))):
            # A list item continued on an indented line, or a paragraph on its next line.
            vorige = laatste.items[-1][0][0]
            items = (*laatste.items[:-1], ((f"{vorige} {regel.strip()}", False),))
            uit[-1] = Blok(laatste.lijst, items)
        else:
            uit.append(Blok(False, (((regel.strip(), False),),)))
    return [Blok(b.lijst, tuple(_spans(i[0][0]) for i in b.items)) for b in uit]


def blokken(tekst: str) -> tuple[Blok, ...]:
    """The paragraphs and lists of a text."""
    groepen = re.split(r"\n\s*\n", tekst.replace("\r\n", "\n").strip())
    return tuple(b for g in groepen for b in _groep(g.split("\n")))


def _html_item(spans: tuple[tuple[str, bool], ...]) -> Markup:
    return Markup("").join(
        Markup("<strong>{}</strong>").format(t) if vet else escape(t) for t, vet in spans
    )


def html(tekst: str) -> Markup:
    """The text as HTML paragraphs and lists, every character typed escaped."""
    delen = []
    for b in blokken(tekst):
        if b.lijst:
            items = Markup("").join(Markup("<li>{}</li>").format(_html_item(i)) for i in b.items)
            delen.append(Markup("<ul>{}</ul>").format(items))
        else:
            delen.append(Markup("<p>{}</p>").format(_html_item(b.items[0])))
    return Markup("\n").join(delen)


def _md_item(spans: tuple[tuple[str, bool], ...]) -> str:
    return "".join(f"**{ontsnap(t)}**" if vet else ontsnap(t) for t, vet in spans)


def markdown(tekst: str) -> Veilig:
    """The text as Markdown paragraphs and lists, every character typed escaped."""
    delen = []
    for b in blokken(tekst):
        if b.lijst:
            delen.append("\n".join(f"- {_md_item(i)}" for i in b.items))
        else:
            delen.append(_md_item(b.items[0]))
    return Veilig("\n\n".join(delen))


def platte_tekst(tekst: str) -> str:
    """The text without markup, paragraphs on their own lines (for counting and searching)."""
    regels = []
    for b in blokken(tekst):
        for item in b.items:
            regels.append(("- " if b.lijst else "") + "".join(t for t, _ in item))
    return "\n".join(regels)


def woorden(tekst: str) -> int:
    """How many words a text has, markup left out."""
    return len(re.findall(r"\w+", platte_tekst(tekst)))
