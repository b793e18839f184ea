"""A step after the concept answered on one web page (the gemeente's link, no login): every
field goes through the questionnaire engine (gesprek.motor) as if typed in Telegram, so the
same checks hold; the wederhoor's choice of indicators per theme follows from which reactions
have text. Closed means closed: after the term, once sent or revoked, nothing is saved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from gesprek.motor import Gesprek, Herhaal, Invoer, Opslaan, Positie
from gesprek.teksten import dicht_tekst
from opslag.fouten import OngeldigeInvoer
from opslag.gesprekken import Stand, bewaar_stap, dicht, dien_in, vragenlijst_van
from opslag.uow import UnitOfWork
from vragenlijsten.antwoorden import Antwoord
from vragenlijsten.catalogus import Catalogus
from vragenlijsten.model import KeuzeItem, MeerkeuzeItem, SchaalItem


def gesprek_van(catalogus: Catalogus, s: Stand) -> Gesprek:
    """The engine over this step's questionnaire and answers."""
    return Gesprek(vragenlijst_van(catalogus, s), catalogus.kader(s.kader), s.antwoorden)


def _keuzes(g: Gesprek, velden: Mapping[str, str]) -> dict[str, str]:
    """A multiple choice that only opens items (the wederhoor's 'which indicators'): the
    option numbers of the items that now have text, as typed in Telegram ("1 3")."""
    uit = {}
    for item in g.vragenlijst.items():
        if not isinstance(item, MeerkeuzeItem):
            continue
        nummers = []
        gezien = False
        for n, optie in enumerate(item.opties, start=1):
            geopend = [
                i.id
                for i in g.vragenlijst.items()
                if i.toon_als is not None
                and i.toon_als.item == item.id
                and i.toon_als.waarde == optie.waarde
            ]
            if any((velden.get(i) or "").strip() for i in geopend):
                nummers.append(str(n))
            gezien = gezien or any(i in velden for i in geopend)
        if gezien:  # a choice whose items the form did not carry stays as it is
            uit[item.id] = " ".join(nummers)
    return uit


async def bewaar_formulier(
    uow: UnitOfWork,
    catalogus: Catalogus,
    s: Stand,
    velden: Mapping[str, str],
    vandaag: dt.date,
    door: str,
    versturen: bool,
) -> dict[str, str]:
    """Save every field of the form (an emptied one removes its answer) and, with
    `versturen`, submit; the problems per field (nothing is saved when there is one).
    Not committed."""
    reden = dicht(s, vandaag)
    if reden is not None:
        raise OngeldigeInvoer(dicht_tekst(reden, s))
    g = gesprek_van(catalogus, s)
    alle = {**velden, **_keuzes(g, velden)}
    fouten: dict[str, str] = {}
    opslaan: list[tuple[str, Antwoord]] = []
    for item in g.vragenlijst.items():
        if item.id not in alle:
            continue
        tekst = (alle[item.id] or "").strip()
        if not tekst:
            if item.id in s.antwoorden:
                opslaan.append((item.id, Antwoord()))
            continue
        # A choice comes as its code, as a button press would.
        knop = isinstance(item, SchaalItem | KeuzeItem)
        invoer = Invoer(actie=f"w:{tekst}") if knop else Invoer(tekst=tekst)
        uitkomst = g.verwerk(Positie(item.id), invoer)
        if isinstance(uitkomst, Herhaal):
            fouten[item.id] = uitkomst.melding
        elif isinstance(uitkomst, Opslaan):
            opslaan.append((item.id, uitkomst.antwoord))
    if fouten:
        return fouten
    for item_id, antwoord in opslaan:
        await bewaar_stap(uow, s, door, None, [], item_id, antwoord)
    if versturen:
        na = gesprek_van(catalogus, s)
        ontbrekend = na.ontbrekend()
        if ontbrekend:
            return {i.id: "Deze vraag is verplicht." for i in ontbrekend}
        await dien_in(uow, s)
    return {}
