"""The evidence an answers file carries besides the answers (`documenten`, `dossier`, and a
respondent's `bron`): checked with the rest of the file before anything is stored, and stored
in the same transaction."""

from __future__ import annotations

from sqlalchemy import select

from opslag.fouten import ImportFout, OngeldigeInvoer
from opslag.modellen import BewijsDocument, DocumentLezing, DossierBevinding, Uitnodiging, nu
from opslag.onderzoeken import casuslabel
from opslag.uow import UnitOfWork
from vragenlijsten import grenzen
from vragenlijsten.antwoorden import AntwoordenBestand, Respondent, titel_sleutel
from vragenlijsten.catalogus import Catalogus


def controleer_bewijs(catalogus: Catalogus, bestand: AntwoordenBestand) -> None:
    """Documents have a title each, once; readings are of a read document and of an indicator
    of the kader; dossier findings belong to a kader with dossier study, name a casus label and
    an indicator, once per casus and indicator."""
    kader = catalogus.kader(bestand.onderzoek.kader)
    gezien: set[str] = set()
    for n, d in enumerate(bestand.documenten, start=1):
        wie = f"document {n}"
        if not d.titel:
            raise ImportFout(f"{wie}: de titel ontbreekt")
        if probleem := grenzen.te_lang(d.titel, grenzen.DOCUMENT, "titel"):
            raise ImportFout(f"{wie}: {probleem}")
        wie = f"document {n} ('{grenzen.citeer(d.titel)}')"
        if titel_sleutel(d.titel) in gezien:
            raise ImportFout(f"{wie}: staat twee keer in het bestand; voeg de lezingen samen")
        gezien.add(titel_sleutel(d.titel))
        if d.lezingen and d.status != "gelezen":
            raise ImportFout(
                f"{wie}: heeft lezingen maar status '{d.status}'; een document met lezingen is "
                "gelezen"
            )
        for indicator_id, lezing in d.lezingen.items():
            if kader.indicator(indicator_id) is None:
                raise ImportFout(
                    f"{wie}: indicator '{grenzen.citeer(indicator_id)}' bestaat niet in kader "
                    f"{kader.kader}"
                )
            if probleem := grenzen.te_lang(lezing.notitie, grenzen.BEVINDING, "notitie"):
                raise ImportFout(f"{wie}, '{indicator_id}': {probleem}")
    if bestand.dossier and kader.beslisregel.bronnen.dossier == "geen":
        raise ImportFout(
            f"dossier: kader {kader.kader} kent geen dossierstudie; haal 'dossier' weg"
        )
    paren: set[tuple[str, str]] = set()
    for n, b in enumerate(bestand.dossier, start=1):
        wie = f"dossierbevinding {n}"
        try:
            casus = casuslabel(b.casus)
        except OngeldigeInvoer as fout:
            raise ImportFout(f"{wie}: {fout}") from fout
        if kader.indicator(b.indicator) is None:
            raise ImportFout(
                f"{wie}: indicator '{grenzen.citeer(b.indicator)}' bestaat niet in kader "
                f"{kader.kader}"
            )
        if (casus, b.indicator) in paren:
            raise ImportFout(f"{wie}: {casus} en '{b.indicator}' staan al eerder in het bestand")
        paren.add((casus, b.indicator))
        if probleem := grenzen.te_lang(b.notitie, grenzen.BEVINDING, "notitie"):
            raise ImportFout(f"{wie}: {probleem}")
    for n, r in enumerate(bestand.respondenten, start=1):
        if r.bron is not None and not r.bron.door:
            raise ImportFout(f"respondent {n} ({r.label()}): zeg bij het interview wie het hield")


def zet_bron(uitnodiging: Uitnodiging, r: Respondent) -> None:
    """Record how a respondent's answers were gathered (an interview, or the questionnaire)."""
    uitnodiging.bron = r.bron.soort if r.bron else None
    uitnodiging.interview_datum = r.bron.datum if r.bron else None
    uitnodiging.interviewer = r.bron.door if r.bron else None


async def importeer_bewijs(
    uow: UnitOfWork, onderzoek_id: int, bestand: AntwoordenBestand, door: str
) -> list[str]:
    """Store the file's documents (with their readings) and dossier findings in the current
    transaction: a document or finding already recorded is updated, nothing else is removed.
    Returns what changed, for the import's report."""
    wijzigingen = []
    for d in bestand.documenten:
        record = await uow.session.scalar(
            select(BewijsDocument).where(
                BewijsDocument.onderzoek_id == onderzoek_id,
                BewijsDocument.sleutel == titel_sleutel(d.titel),
            )
        )
        if record is None:
            record = BewijsDocument(
                onderzoek_id=onderzoek_id, titel=d.titel, sleutel=titel_sleutel(d.titel)
            )
            uow.session.add(record)
            wijzigingen.append(f"document '{grenzen.citeer(d.titel)}': nieuw")
        record.status, record.datum, record.door, record.gewijzigd = d.status, d.datum, door, nu()
        await uow.session.flush()
        for indicator_id, lezing in d.lezingen.items():
            rij_lezing = await uow.session.scalar(
                select(DocumentLezing).where(
                    DocumentLezing.document_id == record.id,
                    DocumentLezing.indicator_id == indicator_id,
                )
            ) or DocumentLezing(document_id=record.id, indicator_id=indicator_id)
            rij_lezing.steun, rij_lezing.notitie = lezing.steun, lezing.notitie
            rij_lezing.door, rij_lezing.wanneer = door, nu()
            uow.session.add(rij_lezing)
    for b in bestand.dossier:
        casus = casuslabel(b.casus)
        rij_dossier = await uow.session.scalar(
            select(DossierBevinding).where(
                DossierBevinding.onderzoek_id == onderzoek_id,
                DossierBevinding.casus == casus,
                DossierBevinding.indicator_id == b.indicator,
            )
        )
        if rij_dossier is None:
            rij_dossier = DossierBevinding(
                onderzoek_id=onderzoek_id, casus=casus, indicator_id=b.indicator
            )
            wijzigingen.append(f"dossier {casus}, '{b.indicator}': nieuw")
        rij_dossier.waarde, rij_dossier.notitie = b.waarde, b.notitie
        rij_dossier.door, rij_dossier.wanneer = door, nu()
        uow.session.add(rij_dossier)
    await uow.session.flush()
    return wijzigingen
