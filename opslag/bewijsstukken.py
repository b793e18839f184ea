"""What the inspector read and saw besides the answers: the documents of an onderzoek (named by
respondents or added by the inspector; requested, received, read) with per indicator what a
document says, and per family what its dossier shows. The decision rule reads both
(BESLISREGEL.md, "Bronnen"); every change is one committed unit that the caller audits."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import cast

from sqlalchemy import select

from opslag.antwoorden import antwoorden_om_te_lezen
from opslag.documenten import documenten_van
from opslag.fouten import NietGevonden, OngeldigeInvoer
from opslag.modellen import BewijsDocument, DocumentLezing, DossierBevinding, nu
from opslag.onderzoeken import casuslabel, label, wijzigbaar
from opslag.uow import UnitOfWork
from vragenlijsten import grenzen
from vragenlijsten.antwoorden import (
    DOCUMENT_STATUSSEN,
    STEUN,
    DocumentBewijs,
    DocumentStatus,
    Dossierbevinding,
    Dossierwaarde,
    Lezing,
    Steun,
    titel_sleutel,
)
from vragenlijsten.catalogus import Catalogus
from vragenlijsten.model import Kader

STEUN_LABEL = {"steunt": "steunt", "steunt_deels": "steunt deels", "steunt_niet": "steunt niet"}
STATUS_LABEL = {
    "genoemd": "genoemd, nog niet opgevraagd",
    "opgevraagd": "opgevraagd",
    "ontvangen": "ontvangen, nog niet gelezen",
    "gelezen": "gelezen",
}


@dataclass(frozen=True)
class Noemer:
    """Who named a document, at which indicator, and the file they sent (if kept)."""

    wie: str
    indicator_id: str
    bestand_id: int | None = None


@dataclass(frozen=True)
class DocumentRegel:
    """One document of the onderzoek's list: the inspector's record (id None: only named so
    far), who named it, and what the inspector read in it per indicator."""

    id: int | None
    titel: str
    status: str  # genoemd, opgevraagd, ontvangen, gelezen
    datum: dt.date | None
    genoemd: tuple[Noemer, ...] = ()
    lezingen: dict[str, Lezing] = field(default_factory=dict)

    @property
    def sleutel(self) -> str:
        """Which document this is, whatever the spelling of its title."""
        return titel_sleutel(self.titel)

    @property
    def ongelezen(self) -> bool:
        """Named by a respondent, and not read for any indicator yet."""
        return bool(self.genoemd) and not self.lezingen


async def documentlijst(uow: UnitOfWork, onderzoek_id: int) -> list[DocumentRegel]:
    """Every document of the onderzoek: the inspector's records, then titles and files that
    respondents named and the inspector has not recorded yet, each with who named it."""
    uitnodigingen = await uow.repo.uitnodigingen(onderzoek_id)
    antwoorden = await antwoorden_om_te_lezen(uow, [u.id for u in uitnodigingen])
    bestanden = {
        (d.uitnodiging_id, d.item_id): d.id for d in await documenten_van(uow, onderzoek_id)
    }
    genoemd: dict[str, tuple[str, list[Noemer]]] = {}
    for u in uitnodigingen:
        for item_id, a in antwoorden[u.id].items():
            titel = (a.document or "").strip() or (a.bestand.naam if a.bestand else None)
            if not titel:
                continue
            noemer = Noemer(label(u.rol, u.organisatie, u.casus), item_id,
                            bestanden.get((u.id, item_id)))  # fmt: skip
            genoemd.setdefault(titel_sleutel(titel), (titel, []))[1].append(noemer)
    regels = []
    for rij, lezingen in await _records(uow, onderzoek_id):
        _, noemers = genoemd.pop(rij.sleutel, ("", []))
        regels.append(
            DocumentRegel(rij.id, rij.titel, rij.status, rij.datum, tuple(noemers), lezingen)
        )
    regels += [
        DocumentRegel(None, titel, "genoemd", None, tuple(noemers))
        for titel, noemers in genoemd.values()
    ]
    return regels


async def _records(
    uow: UnitOfWork, onderzoek_id: int
) -> list[tuple[BewijsDocument, dict[str, Lezing]]]:
    rijen = list(
        await uow.session.scalars(
            select(BewijsDocument)
            .where(BewijsDocument.onderzoek_id == onderzoek_id)
            .order_by(BewijsDocument.id)
        )
    )
    lezingen: dict[int, dict[str, Lezing]] = {r.id: {} for r in rijen}
    if rijen:
        for lezing in await uow.session.scalars(
            select(DocumentLezing)
            .where(DocumentLezing.document_id.in_(list(lezingen)))
            .order_by(DocumentLezing.id)
        ):
            lezingen[lezing.document_id][lezing.indicator_id] = Lezing(
                steun=cast(Steun, lezing.steun), notitie=lezing.notitie
            )
    return [(r, lezingen[r.id]) for r in rijen]


async def documenten_bewijs(uow: UnitOfWork, onderzoek_id: int) -> list[DocumentBewijs]:
    """The inspector's records as the answers file carries them (`documenten`)."""
    return [
        DocumentBewijs(
            titel=r.titel,
            status=cast(DocumentStatus, r.status),
            datum=r.datum,
            lezingen=lezingen,
        )
        for r, lezingen in await _records(uow, onderzoek_id)
    ]


def _titel(titel: str) -> str:
    schoon = grenzen.schoon(grenzen.opslaanbaar(titel))
    if not schoon:
        raise OngeldigeInvoer("geef de titel van het document")
    if probleem := grenzen.te_lang(schoon, grenzen.DOCUMENT, "titel"):
        raise OngeldigeInvoer(probleem)
    return schoon


async def _zoals_genoemd(uow: UnitOfWork, onderzoek_id: int, titel: str) -> str:
    """A title as a respondent wrote it, when one named this document; else as given."""
    for regel in await documentlijst(uow, onderzoek_id):
        if regel.sleutel == titel_sleutel(titel):
            return regel.titel
    return titel


async def _document(uow: UnitOfWork, onderzoek_id: int, titel: str) -> BewijsDocument | None:
    return await uow.session.scalar(
        select(BewijsDocument).where(
            BewijsDocument.onderzoek_id == onderzoek_id,
            BewijsDocument.sleutel == titel_sleutel(titel),
        )
    )


async def zet_document(
    uow: UnitOfWork,
    onderzoek_id: int,
    titel: str,
    status: str,
    datum: dt.date | None,
    door: str,
    vandaag: dt.date,
) -> int:
    """Record a document (or where it stands now): requested, received or read, on a date (by
    default today; never in the future). Returns its number. Committed."""
    await wijzigbaar(uow, onderzoek_id)
    titel = _titel(titel)
    if status not in DOCUMENT_STATUSSEN:
        raise OngeldigeInvoer(
            f"status '{grenzen.citeer(status)}' bestaat niet; kies uit "
            + ", ".join(DOCUMENT_STATUSSEN)
        )
    if datum is not None and datum > vandaag:
        raise OngeldigeInvoer(f"de datum {datum:%d-%m-%Y} ligt in de toekomst")
    rij = await _document(uow, onderzoek_id, titel)
    if rij is None:
        titel = await _zoals_genoemd(uow, onderzoek_id, titel)
        rij = BewijsDocument(onderzoek_id=onderzoek_id, titel=titel, sleutel=titel_sleutel(titel))
        uow.session.add(rij)
    rij.status, rij.datum = status, datum or vandaag
    rij.door, rij.gewijzigd = door, nu()
    await uow.session.flush()
    await uow.commit()
    return rij.id


async def haal_documentrecord(uow: UnitOfWork, onderzoek_id: int, document_id: int) -> str:
    """The title of one of the onderzoek's document records."""
    rij = await uow.session.get(BewijsDocument, document_id)
    if rij is None or rij.onderzoek_id != onderzoek_id:
        raise NietGevonden(
            f"document {document_id} hoort niet bij onderzoek {onderzoek_id}; zie "
            f"'stj document lijst {onderzoek_id}'"
        )
    return rij.titel


async def lees_document(
    uow: UnitOfWork,
    catalogus: Catalogus,
    onderzoek_id: int,
    titel: str,
    indicator_id: str,
    steun: str | None,
    notitie: str | None,
    door: str,
    vandaag: dt.date,
) -> None:
    """What the document says about one indicator (steunt / steunt_deels / steunt_niet, and a
    note in the report's voice); None removes the reading. Reading a document marks it read
    (today, unless it was read earlier). Committed."""
    info = await wijzigbaar(uow, onderzoek_id)
    _indicator(catalogus.kader(info.kader), indicator_id)
    titel = _titel(titel)
    if steun is not None and steun not in STEUN:
        raise OngeldigeInvoer(
            f"'{grenzen.citeer(steun)}' bestaat niet; kies uit {', '.join(STEUN)}"
        )
    notitie = _notitie(notitie)
    rij = await _document(uow, onderzoek_id, titel)
    if rij is None:
        if steun is None:
            return
        titel = await _zoals_genoemd(uow, onderzoek_id, titel)
        rij = BewijsDocument(onderzoek_id=onderzoek_id, titel=titel, sleutel=titel_sleutel(titel),
                             status="gelezen", datum=vandaag, door=door)  # fmt: skip
        uow.session.add(rij)
        await uow.session.flush()
    elif rij.status != "gelezen" and steun is not None:
        rij.status, rij.datum = "gelezen", vandaag
    lezing = await uow.session.scalar(
        select(DocumentLezing).where(
            DocumentLezing.document_id == rij.id, DocumentLezing.indicator_id == indicator_id
        )
    )
    if steun is None:
        if lezing is not None:
            await uow.session.delete(lezing)
    else:
        lezing = lezing or DocumentLezing(document_id=rij.id, indicator_id=indicator_id)
        lezing.steun, lezing.notitie, lezing.door, lezing.wanneer = steun, notitie, door, nu()
        uow.session.add(lezing)
    rij.door, rij.gewijzigd = door, nu()
    await uow.commit()


def _indicator(kader: Kader, indicator_id: str) -> None:
    if kader.indicator(indicator_id) is None:
        raise OngeldigeInvoer(
            f"indicator '{grenzen.citeer(indicator_id)}' bestaat niet in kader {kader.kader}"
        )


def _notitie(notitie: str | None) -> str | None:
    if notitie is None:
        return None
    tekst = grenzen.schoon(grenzen.opslaanbaar(notitie))
    if probleem := grenzen.te_lang(tekst, grenzen.BEVINDING, "notitie"):
        raise OngeldigeInvoer(probleem)
    return tekst


async def dossierbevindingen(uow: UnitOfWork, onderzoek_id: int) -> list[Dossierbevinding]:
    """What the inspector saw in the families' dossiers, per casus and indicator."""
    rijen = await uow.session.scalars(
        select(DossierBevinding)
        .where(DossierBevinding.onderzoek_id == onderzoek_id)
        .order_by(DossierBevinding.id)
    )
    return [
        Dossierbevinding(
            casus=r.casus,
            indicator=r.indicator_id,
            waarde=cast(Dossierwaarde, r.waarde),
            notitie=r.notitie,
        )
        for r in rijen
    ]


async def zet_dossier(
    uow: UnitOfWork,
    catalogus: Catalogus,
    onderzoek_id: int,
    casus: str,
    indicator_id: str,
    waarde: str | None,
    notitie: str | None,
    door: str,
) -> None:
    """What the dossier of one family shows about one indicator (ja, deels or nee, and a note
    in the report's voice); None removes it. Only in a kader with dossier study. Committed."""
    info = await wijzigbaar(uow, onderzoek_id)
    kader = catalogus.kader(info.kader)
    if kader.beslisregel.bronnen.dossier == "geen":
        raise OngeldigeInvoer(
            f"kader {kader.kader} kent geen dossierstudie; dossierbevindingen horen bij een kader "
            "met gezinnen (casussen)"
        )
    _indicator(kader, indicator_id)
    casus = casuslabel(casus)
    if waarde is not None and waarde not in ("ja", "deels", "nee"):
        raise OngeldigeInvoer(f"'{grenzen.citeer(waarde)}' bestaat niet; kies uit ja, deels, nee")
    notitie = _notitie(notitie)
    rij = await uow.session.scalar(
        select(DossierBevinding).where(
            DossierBevinding.onderzoek_id == onderzoek_id,
            DossierBevinding.casus == casus,
            DossierBevinding.indicator_id == indicator_id,
        )
    )
    if waarde is None:
        if rij is not None:
            await uow.session.delete(rij)
    else:
        rij = rij or DossierBevinding(
            onderzoek_id=onderzoek_id, casus=casus, indicator_id=indicator_id
        )
        rij.waarde, rij.notitie, rij.door, rij.wanneer = waarde, notitie, door, nu()
        uow.session.add(rij)
    await uow.commit()
