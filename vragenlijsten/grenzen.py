"""Every length limit of what people type, defined once: the answer format and the database
columns are made from these, and the edges (chat, wizard, import, CLI) check them with a Dutch
message that names the field."""

from __future__ import annotations

import re

GEMEENTE = 200
AANPAK = 300
ORGANISATIE = 300
CASUS = 100
NAAM = 200  # an inspector's name
TOELICHTING = 4000  # what the chat accepts as a toelichting
DOCUMENT = 500  # a document title
BESTANDSNAAM = 300  # the name of a file sent in the chat (longer names are shortened)
BESTAND_ID = 300  # Telegram's file id (about 80 characters in practice)
TEKST = 20_000  # a free-text answer (a vragenlijst item's max_lengte may be lower)
BEVINDING = 4000  # an inspector's own finding or conclusion line (like a toelichting)
REDEN = 1000  # why an inspector reopens an assessment, and similar notes
HOOFDSTUK = 20_000  # an inspector's text of one report chapter (a few pages)
HOOFDSTUKNAAM = 60  # a chapter's name in the kader's chapter list ("verklaringen-2")
# Database ids: PostgreSQL's integer is 32 bits; nothing bigger is ever an id of ours.
MAX_ID = 2_147_483_647


# What a questionnaire may ask: Telegram shows a question in one message (4,096 units) together
# with its explanation and progress line, and a button label beyond about 60 characters is cut.
VRAAG = 1000
UITLEG = 1000
KNOPLABEL = 60
# Telegram refuses callback data over 64 bytes; every button of a question carries its id.
KNOPDATA = 64


def knopdata(uitnodiging_id: int, item_id: str, stap: str, actie: str) -> str:
    """The callback data of an answer button (bot/knoppen.py reads it back); here so the
    questionnaire check can test the longest one a question will ever have."""
    return "|".join(["a", str(uitnodiging_id), item_id, stap, actie])


def te_lang(waarde: str | None, grens: int, wat: str) -> str | None:
    """What is wrong when a text is longer than allowed ("casus is 150 tekens lang; maximaal
    100"), or None."""
    if waarde is not None and len(waarde) > grens:
        return f"{wat} is {len(waarde)} tekens lang; maximaal {grens}"
    return None


# Characters no database of ours can store: PostgreSQL refuses NUL in text, and half of a UTF-16
# surrogate pair (JSON may spell one, "\ud83d") is no UTF-8 at all. Other control characters
# carry no meaning in an answer. Newline and tab stay.
_NIET_OPSLAANBAAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def opslaanbaar(tekst: str) -> str:
    """The text without characters that cannot be stored (see above)."""
    return _NIET_OPSLAANBAAR.sub("", tekst)


def schoon(waarde: str | None) -> str | None:
    """Whitespace as people mean it: trimmed, runs of spaces as one; empty is None."""
    if waarde is None:
        return None
    tekst = " ".join(opslaanbaar(waarde).split())
    return tekst or None


# What would break a line of a message or hide text in it: line breaks, tabs, other control
# characters.
_ONZICHTBAAR = re.compile("[\x00-\x1f\x7f\u2028\u2029]")


def op_een_regel(tekst: str) -> str:
    """The text with what would break the line written out ("\\n")."""
    return _ONZICHTBAAR.sub(lambda m: repr(m.group())[1:-1], tekst)


def citeer(waarde: object, maximaal: int = 60) -> str:
    """Someone else's value as it may appear in a message: on one line, visible, and short
    (a name of 5,000 x's helps nobody)."""
    tekst = op_een_regel(str(waarde))
    return tekst if len(tekst) <= maximaal else tekst[: maximaal - 1] + "…"
