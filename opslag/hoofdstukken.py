"""The chapters an inspector writes in a report (the kader's chapter list, beoordeling.indeling):
their texts with every version kept (who, when), read-only once the assessment is vastgesteld
(reopening as for every other change). The text is plain: paragraphs, "- " items, **bold**
(beoordeling.opmaak)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from beoordeling.indeling import schrijfbaar
from beoordeling.teksten import indeling_van
from beoordeling.uitvoering import Geschreven
from opslag.fouten import OngeldigeInvoer
from opslag.modellen import HoofdstukTekst, nu
from opslag.onderzoeken import haal_onderzoek, wijzigbaar
from opslag.uow import UnitOfWork
from vragenlijsten import grenzen
from vragenlijsten.catalogus import Catalogus
from vragenlijsten.model import Kader


@dataclass(frozen=True)
class Versie:
    """One version of a chapter's text; `tekst` None: given back to the draft."""

    tekst: str | None
    door: str
    wanneer: dt.datetime


def namen(kader: Kader) -> list[tuple[str, str]]:
    """(name, title) of every chapter an inspector writes in this kader's report."""
    themas = tuple(t.naam for t in kader.themas)
    return [(naam, titel) for naam, titel, _ in schrijfbaar(indeling_van(kader), themas)]


def titel_van(kader: Kader, naam: str) -> str:
    """A written chapter's title; OngeldigeInvoer naming the chapters there are."""
    alle = namen(kader)
    for n, titel in alle:
        if n == naam:
            return titel
    raise OngeldigeInvoer(
        f"hoofdstuk '{grenzen.citeer(naam)}' schrijft de inspecteur niet in dit rapport; kies uit "
        + ", ".join(n for n, _ in alle)
    )


async def geschreven(uow: UnitOfWork, onderzoek_id: int) -> list[Geschreven]:
    """The current text of every chapter an inspector wrote (the latest version of each)."""
    rijen = await uow.session.scalars(
        select(HoofdstukTekst)
        .where(HoofdstukTekst.onderzoek_id == onderzoek_id)
        .order_by(HoofdstukTekst.id)
    )
    laatste: dict[str, HoofdstukTekst] = {}
    for r in rijen:
        laatste[r.naam] = r
    return [Geschreven(r.naam, r.tekst, r.door, r.wanneer) for r in laatste.values()]


async def historie(uow: UnitOfWork, onderzoek_id: int, naam: str) -> list[Versie]:
    """Every version of one chapter's text, oldest first."""
    rijen = await uow.session.scalars(
        select(HoofdstukTekst)
        .where(HoofdstukTekst.onderzoek_id == onderzoek_id, HoofdstukTekst.naam == naam)
        .order_by(HoofdstukTekst.id)
    )
    return [Versie(r.tekst, r.door, r.wanneer) for r in rijen]


def schone_tekst(tekst: str | None) -> str | None:
    """A chapter's text as it is stored: storable characters, Unix line ends, no blank lines
    at either end; empty is None (back to the draft). Too long: OngeldigeInvoer."""
    if tekst is None:
        return None
    tekst = grenzen.opslaanbaar(tekst.replace("\r\n", "\n")).strip("\n ").rstrip()
    if probleem := grenzen.te_lang(tekst, grenzen.HOOFDSTUK, "de tekst van het hoofdstuk"):
        raise OngeldigeInvoer(probleem)
    return tekst or None


async def zet_hoofdstuk(
    uow: UnitOfWork,
    catalogus: Catalogus,
    onderzoek_id: int,
    naam: str,
    tekst: str | None,
    door: str,
) -> bool:
    """Record the inspector's text of one chapter (None or empty: back to the draft), as a new
    version; False when it is what the chapter already says. Committed."""
    info = await wijzigbaar(uow, onderzoek_id)
    titel_van(catalogus.kader(info.kader), naam)
    tekst = schone_tekst(tekst)
    versies = await historie(uow, onderzoek_id, naam)
    if (versies[-1].tekst if versies else None) == tekst:
        return False
    uow.session.add(
        HoofdstukTekst(onderzoek_id=onderzoek_id, naam=naam, tekst=tekst, door=door, wanneer=nu())
    )
    await uow.commit()
    return True


async def kader_van(uow: UnitOfWork, catalogus: Catalogus, onderzoek_id: int) -> Kader:
    """The kader of an onderzoek (for the chapter names it has)."""
    return catalogus.kader((await haal_onderzoek(uow, onderzoek_id)).kader)
