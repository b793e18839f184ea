"""Storing answers with their history, and reading them back as interchange-format answers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from opslag.modellen import Antwoord as AntwoordRij
from opslag.modellen import AntwoordHistorie, nu
from opslag.uow import UnitOfWork
from vragenlijsten.antwoorden import Antwoord, Bestand


def naar_antwoord(rij: AntwoordRij) -> Antwoord:
    """A stored row as an interchange-format answer."""
    bestand = None
    if rij.bestand_file_id:
        bestand = Bestand(
            telegram_file_id=rij.bestand_file_id, naam=rij.bestand_naam, grootte=rij.bestand_grootte
        )
    return Antwoord(
        waarde=rij.waarde, toelichting=rij.toelichting, document=rij.document, bestand=bestand
    )


def als_dict(antwoord: Antwoord | None) -> dict[str, Any] | None:
    """An answer as its history stores it."""
    return antwoord.model_dump(mode="json", exclude_none=True) if antwoord else None


Wijziging = Literal["geen", "nieuw", "wijzig", "weg"]


def wijziging(oud: Antwoord | None, nieuw: Antwoord) -> Wijziging:
    """What storing `nieuw` over `oud` does to the row. An empty answer (the last choice of a
    multiple choice taken away) removes it: it is no answer, and a row holding nothing would
    export as a value-less answer no import takes."""
    leeg = nieuw.leeg()
    if oud == nieuw or (oud is None and leeg):
        return "geen"
    if leeg:
        return "weg"
    return "nieuw" if oud is None else "wijzig"


async def bewaar_antwoord(
    uow: UnitOfWork, uitnodiging_id: int, item_id: str, antwoord: Antwoord, door: str
) -> bool:
    """Set one answer (not committed) and record the change; False when nothing changed (see
    `wijziging`)."""
    rij = await uow.repo.antwoord(uitnodiging_id, item_id)
    oud = naar_antwoord(rij) if rij else None
    soort = wijziging(oud, antwoord)
    if soort == "geen":
        return False
    if soort == "weg":
        assert rij is not None
        await uow.session.delete(rij)
        uow.repo.vergeet(rij)
    else:
        if rij is None:
            rij = AntwoordRij(uitnodiging_id=uitnodiging_id, item_id=item_id)
            uow.session.add(rij)
            uow.repo.onthoud(rij)
        rij.waarde = antwoord.waarde
        rij.toelichting = antwoord.toelichting
        rij.document = antwoord.document
        rij.bestand_file_id = antwoord.bestand.telegram_file_id if antwoord.bestand else None
        rij.bestand_naam = antwoord.bestand.naam if antwoord.bestand else None
        rij.bestand_grootte = antwoord.bestand.grootte if antwoord.bestand else None
        rij.gewijzigd = nu()
    uow.session.add(
        AntwoordHistorie(
            uitnodiging_id=uitnodiging_id,
            item_id=item_id,
            oud=als_dict(oud),
            nieuw=None if soort == "weg" else als_dict(antwoord),
            door=door,
        )
    )
    await uow.session.flush()
    return True


async def antwoorden_om_te_lezen(
    uow: UnitOfWork, uitnodiging_ids: Sequence[int]
) -> dict[int, dict[str, Antwoord]]:
    """The current answers per respondent, for reading only (an assessment, an export): read as
    plain rows and not validated again (they were when stored), which for a thousand
    respondents is several times faster than `antwoorden_van`; nothing is kept for writing."""
    resultaat: dict[int, dict[str, Antwoord]] = {i: {} for i in uitnodiging_ids}
    for (
        u,
        item,
        waarde,
        toelichting,
        document,
        file_id,
        naam,
        grootte,
    ) in await uow.repo.antwoordwaarden(uitnodiging_ids):
        bestand = (
            Bestand.model_construct(telegram_file_id=file_id, naam=naam, grootte=grootte)
            if file_id
            else None
        )
        resultaat[u][item] = Antwoord.model_construct(
            waarde=waarde, toelichting=toelichting, document=document, bestand=bestand
        )
    return resultaat


async def antwoorden_van(
    uow: UnitOfWork, uitnodiging_ids: Sequence[int]
) -> dict[int, dict[str, Antwoord]]:
    """The current answers per respondent, as interchange-format answers."""
    resultaat: dict[int, dict[str, Antwoord]] = {i: {} for i in uitnodiging_ids}
    for rij in await uow.repo.antwoorden(uitnodiging_ids):
        resultaat[rij.uitnodiging_id][rij.item_id] = naar_antwoord(rij)
    return resultaat
