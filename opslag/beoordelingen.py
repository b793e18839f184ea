"""Services for the assessment: inspector overrides of verdicts and conclusions, the status
concept → vastgesteld, and compiling an onderzoek from what is stored."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from beoordeling import Beoordeling, ConclusieOverride, Override, compileer
from opslag.fouten import OngeldigeInvoer
from opslag.modellen import ConclusieAanpassing, Onderzoek, OordeelAanpassing, nu
from opslag.onderzoeken import OnderzoekInfo, haal_onderzoek
from opslag.uitwisseling.exporteren import exporteer_bestand
from opslag.uow import UnitOfWork
from vragenlijsten import grenzen
from vragenlijsten.catalogus import Catalogus

OORDELEN = ("voldoet", "verbeterpunt", "niet_van_toepassing")


async def zet_oordeel(
    uow: UnitOfWork,
    catalogus: Catalogus,
    onderzoek_id: int,
    indicator_id: str,
    oordeel: str | None,
    tekst: str | None,
    door: str,
    behoud_tekst: bool = False,
) -> None:
    """Record an inspector's verdict and/or text for one indicator (replaces an earlier one;
    both None removes it; behoud_tekst keeps a text written before). Committed."""
    info = await _wijzigbaar(uow, onderzoek_id)
    kader = catalogus.kader(info.kader)
    if kader.indicator(indicator_id) is None:
        raise OngeldigeInvoer(
            f"indicator '{indicator_id}' bestaat niet in kader {info.kader}; "
            "zie vragenlijsten/kaders/"
        )
    if oordeel is not None and oordeel not in OORDELEN:
        raise OngeldigeInvoer(f"oordeel '{oordeel}' bestaat niet; kies uit {', '.join(OORDELEN)}")
    tekst = _inspecteurstekst(tekst, "bevinding")
    rij = await uow.session.scalar(
        select(OordeelAanpassing).where(
            OordeelAanpassing.onderzoek_id == onderzoek_id,
            OordeelAanpassing.indicator_id == indicator_id,
        )
    )
    if behoud_tekst and rij is not None and tekst is None:
        tekst = rij.tekst
    if oordeel is None and not tekst:
        if rij is not None:
            await uow.session.delete(rij)
        await uow.commit()
        return
    if rij is None:
        rij = OordeelAanpassing(onderzoek_id=onderzoek_id, indicator_id=indicator_id, door=door)
        uow.session.add(rij)
    rij.oordeel, rij.tekst, rij.door, rij.wanneer = oordeel, tekst or None, door, nu()
    await uow.commit()


async def zet_conclusie(
    uow: UnitOfWork,
    catalogus: Catalogus,
    onderzoek_id: int,
    thema: str,
    gaat_goed: Sequence[str] | None,
    kan_beter: Sequence[str] | None,
    door: str,
) -> None:
    """Record an inspector's own conclusion texts for a theme (None keeps the draft). Committed."""
    info = await _wijzigbaar(uow, onderzoek_id)
    namen = [t.naam for t in catalogus.kader(info.kader).themas]
    if thema not in namen:
        raise OngeldigeInvoer(f"thema '{thema}' bestaat niet; kies uit {', '.join(namen)}")
    rij = await uow.session.scalar(
        select(ConclusieAanpassing).where(
            ConclusieAanpassing.onderzoek_id == onderzoek_id, ConclusieAanpassing.thema == thema
        )
    )
    if rij is None:
        rij = ConclusieAanpassing(onderzoek_id=onderzoek_id, thema=thema, door=door)
        uow.session.add(rij)
    if gaat_goed is not None:
        rij.gaat_goed = _regels(gaat_goed, "regel bij 'Wat gaat goed?'")
    if kan_beter is not None:
        rij.kan_beter = _regels(kan_beter, "regel bij 'Wat kan beter?'")
    rij.door, rij.wanneer = door, nu()
    await uow.commit()


def _inspecteurstekst(tekst: str | None, wat: str) -> str | None:
    """An inspector's text as it can be stored and shown; too long is refused, naming it."""
    if tekst is None:
        return None
    tekst = grenzen.opslaanbaar(tekst).strip()
    if probleem := grenzen.te_lang(tekst, grenzen.BEVINDING, wat):
        raise OngeldigeInvoer(probleem)
    return tekst or None


def _regels(regels: Sequence[str], wat: str) -> list[str]:
    """Conclusion lines: empty ones dropped, each bounded like a finding."""
    return [r for t in regels if (r := _inspecteurstekst(t, wat))]


async def _wijzigbaar(uow: UnitOfWork, onderzoek_id: int) -> OnderzoekInfo:
    """The onderzoek, if its assessment may still change: a vastgesteld one is read-only until
    it is reopened (with a reason)."""
    info = await haal_onderzoek(uow, onderzoek_id)
    onderzoek = await uow.session.get(Onderzoek, onderzoek_id)
    assert onderzoek is not None
    if onderzoek.beoordeling_status == "vastgesteld":
        raise OngeldigeInvoer(
            f"de beoordeling van onderzoek {onderzoek_id} is vastgesteld en kan niet meer "
            f"veranderen; heropen haar eerst met 'stj vaststellen {onderzoek_id} --concept "
            "--reden …'"
        )
    return info


async def zet_status(
    uow: UnitOfWork, onderzoek_id: int, status: str, reden: str | None = None
) -> None:
    """concept or vastgesteld. Reopening a vastgesteld assessment needs a reason (kept in the
    audit log by the caller). Committed."""
    if status not in ("concept", "vastgesteld"):
        raise OngeldigeInvoer(f"status '{status}' bestaat niet; kies concept of vastgesteld")
    await haal_onderzoek(uow, onderzoek_id)
    onderzoek = await uow.session.get(Onderzoek, onderzoek_id)
    assert onderzoek is not None
    heropenen = onderzoek.beoordeling_status == "vastgesteld" and status == "concept"
    if heropenen and not grenzen.schoon(reden):
        raise OngeldigeInvoer(
            f"de beoordeling van onderzoek {onderzoek_id} is vastgesteld; geef bij het "
            "heropenen een reden (--reden)"
        )
    if probleem := grenzen.te_lang(reden, grenzen.REDEN, "reden"):
        raise OngeldigeInvoer(probleem)
    onderzoek.beoordeling_status = status
    await uow.commit()


async def beoordeel(uow: UnitOfWork, catalogus: Catalogus, onderzoek_id: int) -> Beoordeling:
    """The assessment of an onderzoek from every stored answer and override; where its kader
    relates practice to policy, with the latest assessment of the same gemeente and aanpak
    under the beleidskader."""
    info = await haal_onderzoek(uow, onderzoek_id)
    onderzoek = await uow.session.get(Onderzoek, onderzoek_id)
    assert onderzoek is not None
    kader = catalogus.kader(info.kader)
    beleid = None
    if kader.beleidskader is not None:
        ander = await uow.repo.onderzoek_van(
            onderzoek.gemeente_id, onderzoek.aanpak, kader.beleidskader, ook_gesloten=True
        )
        if ander is not None:
            beleid = await beoordeel(uow, catalogus, ander.id)
    antwoorden = await exporteer_bestand(uow, catalogus, onderzoek_id)
    oordelen = [
        Override(r.indicator_id, r.oordeel, r.tekst, r.door, r.wanneer)
        for r in await uow.session.scalars(
            select(OordeelAanpassing)
            .where(OordeelAanpassing.onderzoek_id == onderzoek_id)
            .order_by(OordeelAanpassing.wanneer)
        )
    ]
    conclusies = [
        ConclusieOverride(r.thema, r.gaat_goed, r.kan_beter, r.door, r.wanneer)
        for r in await uow.session.scalars(
            select(ConclusieAanpassing).where(ConclusieAanpassing.onderzoek_id == onderzoek_id)
        )
    ]
    vastgesteld = onderzoek.beoordeling_status == "vastgesteld"
    try:
        return compileer(
            kader,
            antwoorden,
            oordelen,
            conclusies,
            "vastgesteld" if vastgesteld else "concept",
            beleid,
        )
    except ValueError as fout:
        raise OngeldigeInvoer(str(fout)) from fout
