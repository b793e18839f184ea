"""Interviews: an inspector records a conversation with a respondent (a parent, a regisseur, a
partner) by filling in that role's questionnaire on their behalf, marked as an interview with
its date and interviewer. The rule treats the answers as that role's; reports keep the role's
anonymity. An interview's invitation is never opened in Telegram (its token opens nothing)."""

from __future__ import annotations

import datetime as dt

from opslag.antwoorden import bewaar_antwoord
from opslag.fouten import NietGevonden, OngeldigeInvoer
from opslag.modellen import Uitnodiging, nu
from opslag.onderzoeken import UitnodigingInfo, maak_uitnodiging, wijzigbaar
from opslag.uow import UnitOfWork
from vragenlijsten import grenzen
from vragenlijsten.antwoorden import Antwoord, Bron
from vragenlijsten.catalogus import Catalogus
from vragenlijsten.waarden import fout_in_antwoord

INTERVIEW = "interview"


def bron_van(u: Uitnodiging) -> Bron | None:
    """How a respondent's answers were gathered, as the answers file says it."""
    if u.bron != INTERVIEW:
        return None
    return Bron(soort="interview", datum=u.interview_datum, door=u.interviewer)


def _interview(datum: dt.date | None, door: str | None, vandaag: dt.date) -> tuple[dt.date, str]:
    """An interview's date (not in the future; default today) and interviewer (required)."""
    datum = datum or vandaag
    if datum > vandaag:
        raise OngeldigeInvoer(f"het interview kan niet op {datum:%d-%m-%Y} zijn: dat is nog niet")
    naam = grenzen.schoon(door)
    if not naam:
        raise OngeldigeInvoer("geef aan wie het interview hield")
    if probleem := grenzen.te_lang(naam, grenzen.NAAM, "naam van de interviewer"):
        raise OngeldigeInvoer(probleem)
    return datum, naam


async def maak_interview(
    uow: UnitOfWork,
    catalogus: Catalogus,
    onderzoek_id: int,
    rol: str,
    organisatie: str | None,
    casus: str | None,
    datum: dt.date | None,
    door: str | None,
    vandaag: dt.date,
) -> UitnodigingInfo:
    """A new respondent whose answers the inspector records in an interview. Committed."""
    await wijzigbaar(uow, onderzoek_id)
    datum, interviewer = _interview(datum, door, vandaag)
    return await maak_uitnodiging(
        uow, catalogus, onderzoek_id, rol, organisatie, casus,
        bron=INTERVIEW, interview_datum=datum, interviewer=interviewer,
    )  # fmt: skip


async def interview_van(uow: UnitOfWork, uitnodiging_id: int) -> Uitnodiging:
    """The invitation of an interview (a respondent who answers in Telegram is none)."""
    u = await uow.session.get(Uitnodiging, uitnodiging_id)
    if u is None:
        raise NietGevonden(f"uitnodiging {uitnodiging_id} bestaat niet")
    if u.bron != INTERVIEW:
        raise OngeldigeInvoer(
            f"uitnodiging {uitnodiging_id} is geen interview: deze respondent vult de "
            "vragenlijst zelf in"
        )
    return u


async def bewaar_interview(
    uow: UnitOfWork,
    catalogus: Catalogus,
    uitnodiging_id: int,
    antwoorden: dict[str, Antwoord | None],
    afgerond: bool,
    door: str,
) -> int:
    """Store what the respondent said in the interview: every answer is checked against the
    questionnaire first (nothing is stored when one is wrong); None removes an answer. With
    `afgerond` the interview counts as submitted. Returns how many answers changed. Committed."""
    u = await interview_van(uow, uitnodiging_id)
    info = await wijzigbaar(uow, u.onderzoek_id)
    vragenlijst = catalogus.vragenlijst(info.kader, u.rol)
    for item_id, antwoord in antwoorden.items():
        item = vragenlijst.item(item_id)
        if item is None:
            raise OngeldigeInvoer(
                f"vraag '{grenzen.citeer(item_id)}' bestaat niet voor rol {u.rol}"
            )
        if antwoord is not None and (probleem := fout_in_antwoord(item, antwoord)):
            raise OngeldigeInvoer(f"vraag '{item_id}': {probleem}")
    gewijzigd = 0
    for item_id, antwoord in antwoorden.items():
        if await bewaar_antwoord(uow, u.id, item_id, antwoord or Antwoord(), door):
            gewijzigd += 1
    if gewijzigd:
        u.laatste_activiteit = nu()
    u.status = (
        "ingediend"
        if afgerond
        else ("bezig" if gewijzigd or u.status != "uitgenodigd" else u.status)
    )
    if afgerond and u.ingediend is None:
        u.ingediend = nu()
    if not afgerond:
        u.ingediend = None
    await uow.commit()
    return gewijzigd
