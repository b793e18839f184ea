"""Callback data for inline buttons: compact, within Telegram's 64 bytes, and self-describing
enough that a press on an old message can be judged on its own."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from gesprek.invoer import lees_nummer
from gesprek.motor import STAPPEN, Positie
from gesprek.weergave import Knop, Scherm
from vragenlijsten.grenzen import KNOPDATA, knopdata

MAX_CALLBACK = KNOPDATA
_STAP_CODE = {"waarde": "w", "toelichting": "t", "document": "d"}
_CODE_STAP = {v: k for k, v in _STAP_CODE.items()}


@dataclass(frozen=True)
class Druk:
    """A decoded button press."""

    soort: (
        str  # "a" answer step, "s" begin, "k" choose invitation, "i" submit, "x" erase, "v" resume
    )
    uitnodiging_id: int
    positie: Positie | None = None
    actie: str = ""
    stempel: str | None = None  # a confirmation's fingerprint of the answers (Gesprek.stempel)


def codeer(
    soort: str,
    uitnodiging_id: int,
    positie: Positie | None = None,
    actie: str = "",
    stempel: str | None = None,
) -> str:
    """Callback data for one button; fails loudly if Telegram would reject it (the
    questionnaire check makes sure no question's buttons can)."""
    if soort == "a" and positie is not None:
        data = knopdata(uitnodiging_id, positie.item_id, _STAP_CODE[positie.stap], actie)
    else:
        extra = [d for d in (actie, stempel) if d]
        data = "|".join([soort, str(uitnodiging_id), *extra])
    if len(data.encode()) > MAX_CALLBACK:
        raise ValueError(f"callback data te lang ({len(data.encode())} bytes): {data}")
    return data


def decodeer(data: str) -> Druk | None:
    """A press from callback data, or None for anything this bot did not make."""
    delen = data.split("|")
    uitnodiging_id = lees_nummer(delen[1]) if len(delen) >= 2 else None
    if uitnodiging_id is None:
        return None
    soort = delen[0]
    if soort == "a":
        if len(delen) != 5 or delen[3] not in _CODE_STAP or _CODE_STAP[delen[3]] not in STAPPEN:
            return None
        positie = Positie(delen[2], _CODE_STAP[delen[3]])  # type: ignore[arg-type]
        return Druk(soort, uitnodiging_id, positie, delen[4])
    if soort in ("s", "k", "v") and len(delen) == 2:
        return Druk(soort, uitnodiging_id)
    if soort in ("i", "x") and len(delen) == 3 and delen[2] == "nee":
        return Druk(soort, uitnodiging_id, actie="nee")
    if soort in ("i", "x") and len(delen) in (3, 4) and delen[2] == "ja":
        # Without a fingerprint (a button from before they existed) it confirms nothing.
        return Druk(soort, uitnodiging_id, actie="ja", stempel=delen[3] if len(delen) == 4 else "")
    return None


def toetsenbord(uitnodiging_id: int, scherm: Scherm) -> str:
    """The inline keyboard of one step, as the JSON text Telegram takes: made once per question
    and set of buttons (whoever answers it), only the invitation's id filled in per send."""
    stukken, langst = _sjabloon(scherm.positie, tuple(tuple(rij) for rij in scherm.knoppen))
    nummer = str(uitnodiging_id)
    if len(f"a|{nummer}".encode()) + langst > MAX_CALLBACK:
        raise ValueError(f"callback data te lang voor uitnodiging {nummer} bij {scherm.positie}")
    return nummer.join(stukken)


@functools.lru_cache(maxsize=4096)
def _sjabloon(positie: Positie, knoppen: tuple[tuple[Knop, ...], ...]) -> tuple[list[str], int]:
    """A step's keyboard as JSON text in pieces, an invitation's id to go between them (the
    callback data of `codeer("a", ...)`), and the longest callback data after that id in bytes.
    The labels are part of the key, so a changed questionnaire never finds an old keyboard."""
    stukken: list[str] = []
    huidig, langst = '{"inline_keyboard": [', 0
    for r, rij in enumerate(knoppen):
        huidig += ", [" if r else "["
        for k, knop in enumerate(rij):
            rest = knopdata(0, positie.item_id, _STAP_CODE[positie.stap], knop.actie)[3:]
            langst = max(langst, len(rest.encode()))
            huidig += ", " if k else ""
            huidig += f'{{"text": {json.dumps(knop.label)}, "callback_data": "a|'
            stukken.append(huidig)
            huidig = json.dumps(rest)[1:] + "}"
        huidig += "]"
    stukken.append(huidig + "]}")
    return stukken, langst


def ja_nee(
    soort: str, uitnodiging_id: int, ja: str, nee: str, stempel: str
) -> InlineKeyboardMarkup:
    """A confirm/cancel pair; the confirmation holds for the answers as they are now."""
    bevestig = codeer(soort, uitnodiging_id, actie="ja", stempel=stempel)
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(ja, callback_data=bevestig),
                InlineKeyboardButton(nee, callback_data=codeer(soort, uitnodiging_id, actie="nee")),
            ]
        ]
    )


def enkel(label: str, soort: str, uitnodiging_id: int) -> InlineKeyboardMarkup:
    """One button."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=codeer(soort, uitnodiging_id))]]
    )
