"""From stored answers to what the rule weighs: one respondent's answer as a Stem, and how
reports name a respondent."""

from __future__ import annotations

from vragenlijsten.antwoorden import Antwoord, Respondent
from vragenlijsten.model import NVT, SCHAAL, Rol

# The values the rule reads; anything else (an import cannot store it) counts as no answer.
GELDIG = (*SCHAAL, NVT)


def documenten(a: Antwoord) -> tuple[str, ...]:
    """The document an answer names: its title, else the file name of an uploaded file."""
    if a.document and a.document.strip():
        return (a.document.strip(),)
    if a.bestand is not None:
        return (a.bestand.naam or "bijgevoegd bestand",)
    return ()


def waarde(a: Antwoord | None) -> str | None:
    """The scale value of an answer, or None."""
    if a is None:
        return None
    return a.waarde if isinstance(a.waarde, str) and a.waarde in GELDIG else None


def eerste_antwoord(respondenten: list[Respondent], item_id: str) -> Antwoord | None:
    """The first answer to an item among several respondents of one role (in file order)."""
    return next((r.antwoorden[item_id] for r in respondenten if item_id in r.antwoorden), None)


def aanduiding(r: Respondent, rol: Rol | None) -> str:
    """How a report names an anonymous respondent: the code chosen for the role's aanduiding
    item ("moeder"), else the role ("professional")."""
    if rol is None:
        return r.rol
    if rol.aanduiding:
        gekozen = r.antwoorden.get(rol.aanduiding)
        if gekozen is not None and isinstance(gekozen.waarde, str) and gekozen.waarde.isalpha():
            return gekozen.waarde
    return rol.enkelvoud
