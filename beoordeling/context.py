"""What an assessment reports besides verdicts, from the answers: the context items of the
primary account's role, and who was asked and how far they got."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from beoordeling.invoer import aanduiding, eerste_antwoord
from beoordeling.model import Context, RespondentOverzicht
from vragenlijsten.antwoorden import Respondent
from vragenlijsten.model import Kader
from vragenlijsten.waarden import kernvragen


def naam(kader: Kader, r: Respondent, volgnummer: int) -> str:
    """How findings and LET OP name a respondent: its organisation, else its role (numbered,
    except for the primary account)."""
    if r.organisatie and r.organisatie.strip():
        return r.organisatie.strip()
    rol = kader.rol(r.rol)
    woord = rol.enkelvoud if rol else r.rol
    return woord if r.rol == kader.beslisregel.hoofd else f"{woord} {volgnummer}"


def getal(waarde: object) -> int | None:
    if isinstance(waarde, bool):
        return None
    if isinstance(waarde, int):
        return waarde
    if isinstance(waarde, str) and waarde.strip().isdigit():
        return int(waarde.strip())
    return None


def tekst(waarde: object) -> str | None:
    return waarde.strip() or None if isinstance(waarde, str) else None


def datum(waarde: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(waarde) if isinstance(waarde, str) else None
    except ValueError:
        return None


def context_van(hoofden: Sequence[Respondent]) -> Context:
    """The context items (FORMAAT.md) of the primary account's role: only what it answered,
    nothing assumed; with several respondents of that role the first answer counts."""

    def w(item_id: str) -> object:
        a = eerste_antwoord(list(hoofden), item_id)
        return None if a is None else a.waarde

    partners = w("netwerkpartners")
    regels: list[object] = (
        list(partners.splitlines())
        if isinstance(partners, str)
        else list(partners)
        if isinstance(partners, list)
        else []
    )
    return Context(
        inwoners=getal(w("inwoners")),
        huishoudens_met_kinderen=getal(w("huishoudens-met-kinderen")),
        ggsr_gezinnen=getal(w("ggsr-gezinnen")),
        ggsr_wijken=tekst(w("ggsr-wijken")),
        aanpak_naam=tekst(w("aanpak-naam")),
        aanpak_beschrijving=tekst(w("aanpak-beschrijving")),
        aanpak_start=datum(w("aanpak-start")),
        aanpak_gezinnen=getal(w("aanpak-gezinnen")),
        netwerkpartners=tuple(r.strip() for r in regels if isinstance(r, str) and r.strip()),
        aanpak_aanmelding=tekst(w("aanpak-aanmelding")),
        aanpak_doel=tekst(w("aanpak-doel")),
        aanpak_regie=tekst(w("aanpak-regie")),
        aanpak_partijen=tekst(w("aanpak-partijen")),
    )


def respondenten_overzicht(
    kader: Kader, respondenten: Sequence[Respondent], anoniem: bool = False
) -> tuple[RespondentOverzicht, ...]:
    """Per respondent how many of its kernvragen carry an answer (counted as everywhere else,
    vragenlijsten.waarden.kernvragen), and its status. Anonymous (per casus): named by role only,
    never by organisation."""
    overzicht = []
    volgnummer = 0
    for r in respondenten:
        rol = kader.rol(r.rol)
        hoofd = r.rol == kader.beslisregel.hoofd
        if not hoofd:
            volgnummer += 1
        beantwoord, gevraagd = kernvragen(kader, r.rol, r.antwoorden)
        label = rol.enkelvoud if rol else r.rol
        wie = aanduiding(r, rol) if anoniem else naam(kader, r, volgnummer)
        overzicht.append(
            RespondentOverzicht(
                r.rol,
                wie,
                r.status,
                beantwoord,
                gevraagd,
                label,
                hoofd,
                rol.meervoud if rol else r.rol,
            )
        )
    return tuple(overzicht)
