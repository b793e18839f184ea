"""Wederhoor: the concept goes to the gemeente, which points out factual errors per indicator
and in general within a term (opslag.proces); the inspector accepts each reaction (with an edit
of the finding, if it needs one) or rejects it with a reason. Vaststellen names whether this
happened and closes the term."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from beoordeling.procesvragen import wederhoor_vragen
from beoordeling.teksten import proces_van
from opslag.beoordelingen import beoordeel, zet_oordeel
from opslag.fouten import NietGevonden, OngeldigeInvoer
from opslag.modellen import OordeelAanpassing, ReactieBesluit, nu
from opslag.onderzoeken import wijzigbaar
from opslag.proces import Stap, contact_van, laatste, maak_stap, open_
from opslag.reacties import ReactieRegel, reacties_van
from opslag.uow import Samen, UnitOfWork
from vragenlijsten import grenzen
from vragenlijsten.catalogus import Catalogus

BESLUITEN = ("aanvaard", "afgewezen")
AANGEPAST = "De bevinding is aangepast."


async def leg_voor(
    uow: UnitOfWork,
    catalogus: Catalogus,
    onderzoek_id: int,
    vandaag: dt.date,
    termijn: dt.date | None = None,
) -> Stap:
    """Put the concept to the gemeente until `termijn` (default: the kader's term from today):
    a reaction questionnaire in the contact's Telegram chat and by web link. Committed."""
    info = await wijzigbaar(uow, onderzoek_id)
    bestaand = await laatste(uow, onderzoek_id, "wederhoor")
    if bestaand is not None and open_(bestaand, vandaag):
        raise OngeldigeInvoer(
            f"het concept ligt al bij de gemeente (tot en met {bestaand.termijn:%d-%m-%Y}); "
            f"verleng de termijn met 'stj wederhoor {onderzoek_id} --verleng DATUM'"
        )
    termijn = termijn or proces_van(catalogus.kader(info.kader)).wederhoor.na(vandaag)
    if termijn < vandaag:
        raise OngeldigeInvoer(
            f"de termijn {termijn:%d-%m-%Y} ligt in het verleden; kies vandaag of later"
        )
    b = await beoordeel(uow, catalogus, onderzoek_id)
    contact = await contact_van(uow, catalogus, onderzoek_id)
    stap = await maak_stap(
        uow,
        onderzoek_id,
        "wederhoor",
        wederhoor_vragen(b, termijn),
        termijn,
        contact,
        contact.telegram_user_id if contact else None,
    )
    await uow.commit()
    return stap


async def beslis(
    uow: UnitOfWork,
    catalogus: Catalogus,
    onderzoek_id: int,
    nummer: int,
    besluit: str,
    reden: str | None,
    bevinding: str | None,
    door: str,
) -> ReactieRegel:
    """Accept a reaction (with the finding as it should read, if it needs an edit) or reject
    it with a reason. While the assessment is a concept; the edit and the decision are
    committed together."""
    await wijzigbaar(uow, onderzoek_id)
    if besluit not in BESLUITEN:
        raise OngeldigeInvoer(f"besluit '{besluit}' bestaat niet; kies aanvaard of afgewezen")
    regel = next(
        (r for r in await reacties_van(uow, catalogus, onderzoek_id) if r.nummer == nummer), None
    )
    if regel is None:
        raise NietGevonden(
            f"reactie {nummer} hoort niet bij onderzoek {onderzoek_id}; zie 'stj reactie "
            f"{onderzoek_id}'"
        )
    reden = grenzen.schoon(grenzen.opslaanbaar(reden or "")) or None
    bevinding = (grenzen.opslaanbaar(bevinding or "").strip()) or None
    if besluit == "afgewezen" and not reden:
        raise OngeldigeInvoer(
            "geef bij het afwijzen een reden: die komt in de bijlage van het rapport"
        )
    if besluit == "afgewezen" and bevinding:
        raise OngeldigeInvoer(
            "een afgewezen reactie verandert de bevinding niet; laat de bevinding weg"
        )
    for tekst, wat in ((reden, "reden"),):
        if probleem := grenzen.te_lang(tekst, grenzen.REDEN, wat):
            raise OngeldigeInvoer(probleem)
    samen = Samen(uow)
    if bevinding:
        if regel.indicator_id is None:
            raise OngeldigeInvoer(
                "een algemene reactie hoort bij geen indicator; pas zo nodig een hoofdstuk aan"
            )
        eigen = await uow.session.scalar(
            select(OordeelAanpassing).where(
                OordeelAanpassing.onderzoek_id == onderzoek_id,
                OordeelAanpassing.indicator_id == regel.indicator_id,
            )
        )
        await zet_oordeel(
            samen,
            catalogus,
            onderzoek_id,
            regel.indicator_id,
            eigen.oordeel if eigen else None,
            bevinding,
            door,
        )
        reden = reden or AANGEPAST
    rij = await uow.session.scalar(
        select(ReactieBesluit).where(
            ReactieBesluit.uitnodiging_id == regel.uitnodiging_id,
            ReactieBesluit.item_id == regel.item_id,
        )
    )
    if rij is None:
        rij = ReactieBesluit(uitnodiging_id=regel.uitnodiging_id, item_id=regel.item_id)
        uow.session.add(rij)
    rij.besluit, rij.reden, rij.door, rij.wanneer = besluit, reden, door, nu()
    await uow.commit()
    return next(r for r in await reacties_van(uow, catalogus, onderzoek_id) if r.nummer == nummer)
