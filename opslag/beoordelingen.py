"""Services for the assessment: inspector overrides of verdicts and conclusions, the status
concept → vastgesteld, and compiling an onderzoek from what is stored."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import func, select

from beoordeling import Beoordeling, ConclusieOverride, Override, compileer
from beoordeling.model import EindoordeelOverride
from beoordeling.stukken import ongeschreven
from opslag.antwoorden import antwoorden_van
from opslag.bewijsstukken import documentlijst
from opslag.fouten import OngeldigeInvoer
from opslag.hoofdstukken import geschreven
from opslag.klok import AMSTERDAM, vandaag_in_nederland
from opslag.modellen import (
    ConclusieAanpassing,
    EindoordeelAanpassing,
    Onderzoek,
    OordeelAanpassing,
    Uitnodiging,
    nu,
)
from opslag.onderzoeken import haal_onderzoek, label, wijzigbaar
from opslag.proces import sluit_stap
from opslag.procesgegevens import met_proces, vorige_onderzoek
from opslag.reacties import voorbehouden_wederhoor
from opslag.uitwisseling.exporteren import exporteer_bestand
from opslag.uow import UnitOfWork
from opslag.versies import versies_gewijzigd
from vragenlijsten import grenzen
from vragenlijsten.antwoorden import respondent_sleutel
from vragenlijsten.catalogus import Catalogus
from vragenlijsten.model import Kader

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
    await _indicator(uow, catalogus, onderzoek_id, indicator_id)
    if oordeel is not None and oordeel not in OORDELEN:
        raise OngeldigeInvoer(f"oordeel '{oordeel}' bestaat niet; kies uit {', '.join(OORDELEN)}")
    tekst = _inspecteurstekst(tekst, "bevinding")
    rij = await _aanpassing(uow, onderzoek_id, indicator_id)
    if behoud_tekst and rij is not None and tekst is None:
        tekst = rij.tekst
    rij = rij or OordeelAanpassing(onderzoek_id=onderzoek_id, indicator_id=indicator_id, door=door)
    rij.oordeel, rij.tekst = oordeel, tekst or None
    await _bewaar(uow, rij, door)


async def zet_let_op(
    uow: UnitOfWork,
    catalogus: Catalogus,
    onderzoek_id: int,
    indicator_id: str,
    opmerkingen: Sequence[str] | None,
    door: str,
) -> None:
    """An inspector's own LET OP remarks for one indicator instead of the generated ones: a list
    replaces them (an empty list removes them all), None brings the generated ones back."""
    await _indicator(uow, catalogus, onderzoek_id, indicator_id)
    rij = await _aanpassing(uow, onderzoek_id, indicator_id)
    rij = rij or OordeelAanpassing(onderzoek_id=onderzoek_id, indicator_id=indicator_id, door=door)
    rij.let_op = None if opmerkingen is None else _regels(opmerkingen, "LET OP")
    await _bewaar(uow, rij, door)


def niet_citeerbaar(kader: Kader, rol_naam: str) -> str | None:
    """Why a respondent of this role cannot be quoted in a report, or None when it can: a role
    the kader keeps anonymous never is (whatever is marked), and the primary account's own
    words are already part of every finding. The one rule the console, Telegram, the command
    line and the compiler follow."""
    rol = kader.rol(rol_naam)
    woord = rol.enkelvoud if rol else rol_naam
    if rol is not None and rol.anoniem:
        return f"een {woord} wordt nooit geciteerd: rapporten noemen deze rol alleen anoniem"
    if rol_naam == kader.beslisregel.hoofd:
        return (
            f"de toelichting van de {woord} staat al in de bevinding; pas de bevinding zelf aan "
            "als de tekst anders moet"
        )
    return None


async def zet_citaat(
    uow: UnitOfWork,
    catalogus: Catalogus,
    onderzoek_id: int,
    indicator_id: str,
    uitnodiging_id: int,
    citeren: bool,
    door: str,
) -> None:
    """Mark (or unmark) one respondent's toelichting on an indicator as quotable in the
    factsheet; only a respondent of this onderzoek who gave one."""
    await _indicator(uow, catalogus, onderzoek_id, indicator_id)
    uitnodiging = await uow.session.get(Uitnodiging, uitnodiging_id)
    if uitnodiging is None or uitnodiging.onderzoek_id != onderzoek_id:
        raise OngeldigeInvoer(
            f"uitnodiging {uitnodiging_id} hoort niet bij onderzoek {onderzoek_id}; zie "
            f"'stj citeer {onderzoek_id} {indicator_id}'"
        )
    info = await haal_onderzoek(uow, onderzoek_id)
    if citeren and (waarom := niet_citeerbaar(catalogus.kader(info.kader), uitnodiging.rol)):
        raise OngeldigeInvoer(waarom)
    antwoord = await uow.repo.antwoord(uitnodiging_id, indicator_id)
    if citeren and (antwoord is None or not (antwoord.toelichting or "").strip()):
        raise OngeldigeInvoer(
            f"uitnodiging {uitnodiging_id} heeft bij '{indicator_id}' geen toelichting gegeven"
        )
    rij = await _aanpassing(uow, onderzoek_id, indicator_id)
    rij = rij or OordeelAanpassing(onderzoek_id=onderzoek_id, indicator_id=indicator_id, door=door)
    gemarkeerd = set(rij.citaten or [])
    gemarkeerd = gemarkeerd | {uitnodiging_id} if citeren else gemarkeerd - {uitnodiging_id}
    rij.citaten = sorted(gemarkeerd) or None
    await _bewaar(uow, rij, door)


async def zet_deel(
    uow: UnitOfWork,
    catalogus: Catalogus,
    onderzoek_id: int,
    indicator_id: str,
    sleutel: str,
    tekst: str | None,
    weg: bool,
    door: str,
) -> None:
    """The inspector's edit of one part of a finding (`Deel.sleutel`): an own text, dropped
    (`weg`), or back to what the sources say (neither). Committed."""
    await _indicator(uow, catalogus, onderzoek_id, indicator_id)
    sleutel = grenzen.schoon(sleutel) or ""
    if not sleutel or len(sleutel) > grenzen.DOCUMENT + 20:
        raise OngeldigeInvoer("welk deel van de bevinding? zie de bevinding in de console")
    eigen = None if weg else _inspecteurstekst(tekst, "deel van de bevinding")
    rij = await _aanpassing(uow, onderzoek_id, indicator_id)
    rij = rij or OordeelAanpassing(onderzoek_id=onderzoek_id, indicator_id=indicator_id, door=door)
    delen = dict(rij.delen or {})
    if weg:
        delen[sleutel] = None
    elif eigen:
        delen[sleutel] = eigen
    else:
        delen.pop(sleutel, None)
    rij.delen = delen or None
    await _bewaar(uow, rij, door)


@dataclass(frozen=True)
class Toelichting:
    """One respondent's toelichting on an indicator, for an inspector choosing what to quote."""

    uitnodiging_id: int
    wie: str
    waarde: str | None
    tekst: str
    gemarkeerd: bool


async def toelichtingen(
    uow: UnitOfWork, catalogus: Catalogus, onderzoek_id: int, indicator_id: str
) -> list[Toelichting]:
    """Every toelichting on an indicator a report may quote (see `niet_citeerbaar`), and
    whether it is marked."""
    info = await haal_onderzoek(uow, onderzoek_id)
    kader = catalogus.kader(info.kader)
    if kader.indicator(indicator_id) is None:
        raise OngeldigeInvoer(f"indicator '{indicator_id}' bestaat niet in kader {info.kader}")
    rij = await _aanpassing(uow, onderzoek_id, indicator_id)
    gemarkeerd = set(rij.citaten or []) if rij else set()
    uitnodigingen = await uow.repo.uitnodigingen(onderzoek_id)
    antwoorden = await antwoorden_van(uow, [u.id for u in uitnodigingen])
    lijst = []
    for u in uitnodigingen:
        a = antwoorden[u.id].get(indicator_id)
        if niet_citeerbaar(kader, u.rol):
            continue
        if a is not None and (a.toelichting or "").strip():
            waarde = a.waarde if isinstance(a.waarde, str) else None
            lijst.append(
                Toelichting(
                    u.id,
                    label(u.rol, u.organisatie, u.casus),
                    waarde,
                    a.toelichting or "",
                    u.id in gemarkeerd,
                )
            )
    return lijst


async def _indicator(
    uow: UnitOfWork, catalogus: Catalogus, onderzoek_id: int, indicator_id: str
) -> None:
    """The onderzoek may still change and has this indicator."""
    info = await wijzigbaar(uow, onderzoek_id)
    if catalogus.kader(info.kader).indicator(indicator_id) is None:
        raise OngeldigeInvoer(
            f"indicator '{indicator_id}' bestaat niet in kader {info.kader}; "
            "zie vragenlijsten/kaders/"
        )


async def _aanpassing(
    uow: UnitOfWork, onderzoek_id: int, indicator_id: str
) -> OordeelAanpassing | None:
    return await uow.session.scalar(
        select(OordeelAanpassing).where(
            OordeelAanpassing.onderzoek_id == onderzoek_id,
            OordeelAanpassing.indicator_id == indicator_id,
        )
    )


async def _bewaar(uow: UnitOfWork, rij: OordeelAanpassing, door: str) -> None:
    """Store an override, or remove it once it holds nothing any more. Committed."""
    leeg = (
        rij.oordeel is None
        and not rij.tekst
        and rij.let_op is None
        and not rij.citaten
        and not rij.delen
    )
    if leeg:
        if rij.id is not None:
            await uow.session.delete(rij)
    else:
        rij.door, rij.wanneer = door, nu()
        uow.session.add(rij)
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
    info = await wijzigbaar(uow, onderzoek_id)
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


async def zet_eindoordeel(
    uow: UnitOfWork,
    catalogus: Catalogus,
    onderzoek_id: int,
    voldoende: bool | None,
    tekst: str | None,
    door: str,
) -> None:
    """Record an inspector's own eindoordeel of a themarapport; None gives it back to the rule.
    Committed."""
    info = await wijzigbaar(uow, onderzoek_id)
    kader = catalogus.kader(info.kader)
    if kader.rapport != "themarapport":
        raise OngeldigeInvoer(
            f"onderzoek {onderzoek_id} heeft geen eindoordeel: het rapport van kader "
            f"{info.kader} geeft een oordeel per indicator; gebruik 'stj oordeel'"
        )
    rij = await uow.session.scalar(
        select(EindoordeelAanpassing).where(EindoordeelAanpassing.onderzoek_id == onderzoek_id)
    )
    if voldoende is None:
        if rij is not None:
            await uow.session.delete(rij)
    else:
        if rij is None:
            rij = EindoordeelAanpassing(onderzoek_id=onderzoek_id, door=door)
            uow.session.add(rij)
        rij.voldoende = voldoende
        rij.tekst = _inspecteurstekst(tekst, "eindoordeel")
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


class BevestigingNodig(OngeldigeInvoer):
    """Vaststellen would fix a report while something is still open: the inspector confirms
    it (`toch`), and the audit log records what was confirmed."""

    def __init__(self, voorbehouden: Sequence[str]) -> None:
        self.voorbehouden = tuple(voorbehouden)
        super().__init__("nog niet alles is af: " + "; ".join(voorbehouden))


async def voorbehouden(
    uow: UnitOfWork, onderzoek_id: int, vandaag: dt.date, catalogus: Catalogus | None = None
) -> list[str]:
    """What is still open before an assessment is vastgesteld: documents respondents named
    that the inspector has not read, respondents who have not submitted, a deadline still to
    come; with the catalogue also the chapters the inspector has yet to write (no text and no
    draft), a themarapport's eindoordeel the inspector has not given, and a wederhoor that
    was not held, still runs, or has reactions not decided on."""
    info = await haal_onderzoek(uow, onderzoek_id)
    punten = []
    if catalogus is not None:
        b = await beoordeel(uow, catalogus, onderzoek_id)
        punten += ongeschreven(b, b.datum or vandaag)
    ongelezen = [r.titel for r in await documentlijst(uow, onderzoek_id) if r.ongelezen]
    if ongelezen:
        punten.append(
            f"{len(ongelezen)} genoemd(e) document(en) nog niet gelezen: "
            + ", ".join(f"‘{t}’" for t in ongelezen[:5])
            + (" …" if len(ongelezen) > 5 else "")
        )
    open_ = [
        u
        for u in await uow.repo.uitnodigingen(onderzoek_id)
        if u.status != "ingediend" and u.ingetrokken is None
    ]
    if open_:
        punten.append(f"{len(open_)} respondent(en) hebben nog niet ingediend")
    if info.deadline is not None and info.deadline >= vandaag and info.status == "open":
        punten.append(f"de deadline ({info.deadline:%d-%m-%Y}) is nog niet voorbij")
    if catalogus is not None:  # last: what comes after the concept
        punten += await voorbehouden_wederhoor(uow, catalogus, onderzoek_id, vandaag)
    return punten


async def zet_status(
    uow: UnitOfWork,
    onderzoek_id: int,
    status: str,
    reden: str | None = None,
    vandaag: dt.date | None = None,
    toch: bool = False,
    catalogus: Catalogus | None = None,
) -> tuple[str, ...]:
    """concept or vastgesteld. Reopening a vastgesteld assessment needs a reason (kept in the
    audit log by the caller). Vaststellen while something is open (`voorbehouden`) needs
    `toch`; without it BevestigingNodig names what is open. Returns what was confirmed.
    Committed."""
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
    bevestigd: tuple[str, ...] = ()
    if status == "vastgesteld" and onderzoek.beoordeling_status != "vastgesteld":
        open_ = await voorbehouden(uow, onderzoek_id, vandaag or vandaag_in_nederland(), catalogus)
        if open_ and not toch:
            raise BevestigingNodig(open_)
        bevestigd = tuple(open_)
    if status == "vastgesteld":
        # The concept is final: the gemeente's term for reacting to it ends here.
        await sluit_stap(uow, onderzoek_id, "wederhoor")
    if heropenen:
        onderzoek.gepubliceerd_op = None  # what was published is no longer the report
    onderzoek.beoordeling_status = status
    onderzoek.vastgesteld_op = nu() if status == "vastgesteld" else None
    await uow.commit()
    return bevestigd


@dataclass(frozen=True)
class _Bewaard:
    """A compiled assessment and what it was compiled from."""

    catalogus: Catalogus
    database: Any  # the engine: the same onderzoek id in another database is another one
    sleutel: tuple[Any, ...]
    beleid: Beoordeling | None
    beoordeling: Beoordeling


# Compiled assessments, the most recently used last: compiling one of a thousand respondents
# takes most of a second, and inspectors open the same page again and again.
_BEWAARD: OrderedDict[tuple[int, bool], _Bewaard] = OrderedDict()
BEWAARD_MAX = 16


async def _sleutel(uow: UnitOfWork, onderzoek_id: int) -> tuple[Any, ...]:
    """What an assessment was compiled from, in four numbers: the onderzoek's version (raised by
    every change to it, its overrides and its evidence) and its invitations' count, highest id
    and sum of versions (raised by every change to one or to its answers, also by the
    answering path and by other processes); see opslag.versies."""
    rij = (
        await uow.session.execute(
            select(
                Onderzoek.versie,
                func.count(Uitnodiging.id),
                func.coalesce(func.max(Uitnodiging.id), 0),
                func.coalesce(func.sum(Uitnodiging.versie), 0),
            )
            .select_from(Onderzoek)
            .outerjoin(Uitnodiging, Uitnodiging.onderzoek_id == Onderzoek.id)
            .where(Onderzoek.id == onderzoek_id)
            .group_by(Onderzoek.id)
        )
    ).one()
    return tuple(rij)


async def beoordeel(
    uow: UnitOfWork, catalogus: Catalogus, onderzoek_id: int, met_vorige: bool = True
) -> Beoordeling:
    """The assessment of an onderzoek from every stored answer and override; where its kader
    relates practice to policy, with the latest assessment of the same gemeente and aanpak
    under the beleidskader; with what happened after its concept and, in a follow-up, the
    earlier round (`met_vorige`; the earlier round's own earlier round is not needed). Kept in
    memory while nothing it was compiled from changed."""
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
    sleutel = await _sleutel(uow, onderzoek_id)
    if met_vorige and onderzoek.vorige_id is not None:
        # A follow-up shows the earlier round beside it: a change there changes this one.
        sleutel += (onderzoek.vorige_id, *await _sleutel(uow, onderzoek.vorige_id))
    if versies_gewijzigd(uow.session.sync_session):
        # Uncommitted changes may be rolled back and their versions used again for others.
        return await _compileer(uow, catalogus, onderzoek, kader, beleid, met_vorige)
    plek = (onderzoek_id, met_vorige)
    bewaard = _BEWAARD.get(plek)
    if (
        bewaard is not None
        and bewaard.catalogus is catalogus
        and bewaard.database is uow.session.bind
        and bewaard.sleutel == sleutel
        and bewaard.beleid is beleid
    ):
        _BEWAARD.move_to_end(plek)
        return bewaard.beoordeling
    beoordeling = await _compileer(uow, catalogus, onderzoek, kader, beleid, met_vorige)
    _BEWAARD[plek] = _Bewaard(catalogus, uow.session.bind, sleutel, beleid, beoordeling)
    _BEWAARD.move_to_end(plek)
    while len(_BEWAARD) > BEWAARD_MAX:
        _BEWAARD.popitem(last=False)
    return beoordeling


async def _compileer(
    uow: UnitOfWork,
    catalogus: Catalogus,
    onderzoek: Onderzoek,
    kader: Kader,
    beleid: Beoordeling | None,
    met_vorige: bool,
) -> Beoordeling:
    """Compile the assessment from what is stored."""
    onderzoek_id = onderzoek.id
    antwoorden = await exporteer_bestand(uow, catalogus, onderzoek_id)
    sleutels = {
        u.id: respondent_sleutel(u.rol, u.organisatie, u.casus)
        for u in await uow.repo.uitnodigingen(onderzoek_id)
    }
    oordelen = [
        Override(
            r.indicator_id,
            r.oordeel,
            r.tekst,
            r.door,
            r.wanneer,
            None if r.let_op is None else tuple(r.let_op),
            tuple(sleutels[i] for i in r.citaten or [] if i in sleutels),
            tuple((k, v if isinstance(v, str) else None) for k, v in (r.delen or {}).items()),
        )
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
    eigen = await uow.session.scalar(
        select(EindoordeelAanpassing).where(EindoordeelAanpassing.onderzoek_id == onderzoek_id)
    )
    eindoordeel = (
        EindoordeelOverride(eigen.voldoende, eigen.tekst, eigen.door, eigen.wanneer)
        if eigen is not None
        else None
    )
    vastgesteld = onderzoek.beoordeling_status == "vastgesteld"
    try:
        beoordeling = compileer(
            kader,
            antwoorden,
            oordelen,
            conclusies,
            "vastgesteld" if vastgesteld else "concept",
            beleid,
            eindoordeel,
            await geschreven(uow, onderzoek_id),
        )
    except ValueError as fout:
        raise OngeldigeInvoer(str(fout)) from fout
    beoordeling = replace(beoordeling, datum=datum_van(onderzoek))
    eerder = await vorige_onderzoek(uow, onderzoek) if met_vorige else None
    vorige = (
        (eerder, await beoordeel(uow, catalogus, eerder.id, met_vorige=False)) if eerder else None
    )
    return await met_proces(uow, catalogus, onderzoek, beoordeling, vorige)


def datum_van(onderzoek: Onderzoek) -> dt.date:
    """The date a report carries: when the assessment was vastgesteld, else the deadline of
    the onderzoek, else when it was opened (a concept is dated by its onderzoek, not by the
    day it happens to be printed)."""
    if onderzoek.beoordeling_status == "vastgesteld" and onderzoek.vastgesteld_op is not None:
        return onderzoek.vastgesteld_op.astimezone(AMSTERDAM).date()
    return onderzoek.deadline or onderzoek.aangemaakt.astimezone(AMSTERDAM).date()
