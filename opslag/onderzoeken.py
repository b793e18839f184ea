"""Services for onderzoeken, invitations and progress; they return plain data, not ORM rows."""

from __future__ import annotations

import datetime as dt
import re
import secrets
import string
from dataclasses import dataclass

from opslag.antwoorden import antwoorden_om_te_lezen
from opslag.fouten import NietGevonden, OngeldigeInvoer
from opslag.modellen import Gemeente, Onderzoek, Uitnodiging, nu
from opslag.uow import UnitOfWork
from vragenlijsten import grenzen
from vragenlijsten.catalogus import Catalogus
from vragenlijsten.waarden import kernvragen, voortgang

STATUSSEN = ("uitgenodigd", "bezig", "ingediend")


@dataclass(frozen=True)
class OnderzoekInfo:
    id: int
    gemeente: str
    aanpak: str
    kader: str
    deadline: dt.date | None
    status: str
    respondenten: int = 0
    ingediend: int = 0
    aangemaakt: dt.datetime | None = None
    beoordeling: str = "concept"  # the assessment: concept or vastgesteld

    @property
    def stand(self) -> str:
        """One word for lists: afgesloten, vastgesteld or concept."""
        if self.status != "open":
            return "afgesloten"
        return self.beoordeling


def label(rol: str, organisatie: str | None, casus: str | None) -> str:
    """How a respondent is named in lists: role · organisation · casus (what is known)."""
    return " · ".join(x for x in (rol, organisatie, casus) if x)


@dataclass(frozen=True)
class UitnodigingInfo:
    id: int
    onderzoek_id: int
    rol: str
    organisatie: str | None
    casus: str | None
    token: str

    @property
    def wie(self) -> str:
        """role · organisation · casus."""
        return label(self.rol, self.organisatie, self.casus)


@dataclass(frozen=True)
class RespondentStatus:
    id: int
    rol: str
    organisatie: str | None
    casus: str | None
    status: str
    beantwoord: int  # questions answered, of `totaal` ("Vraag N van totaal"): for the respondent
    totaal: int
    kernvragen: int  # kernvragen answered, of `kernvragen_totaal`: what inspectors see
    kernvragen_totaal: int
    laatste_activiteit: dt.datetime | None
    herinneringen: int
    token: str
    telegram_user_id: int | None = None  # None: never started, so the bot cannot write to them
    ingetrokken: bool = False
    # An interview the inspector recorded ("interview 11-02-2014, A. de Vries"): no link, no
    # reminders; None for a respondent who answers themselves.
    interview: str | None = None

    @property
    def wie(self) -> str:
        """role · organisation · casus."""
        return label(self.rol, self.organisatie, self.casus)


def nieuw_token() -> str:
    """An unguessable invite token (128 bits), valid as a Telegram start parameter. Never
    starting with '-', which a command line would read as an option (`stj chat -x…`)."""
    while (token := secrets.token_urlsafe(16)).startswith("-"):
        pass
    return token


def _info(
    onderzoek: Onderzoek, gemeente: Gemeente, telling: dict[str, int] | None = None
) -> OnderzoekInfo:
    telling = telling or {}
    return OnderzoekInfo(
        id=onderzoek.id,
        gemeente=gemeente.naam,
        aanpak=onderzoek.aanpak,
        kader=onderzoek.kader,
        deadline=onderzoek.deadline,
        status=onderzoek.status,
        respondenten=sum(telling.values()),
        ingediend=telling.get("ingediend", 0),
        aangemaakt=onderzoek.aangemaakt,
        beoordeling=onderzoek.beoordeling_status,
    )


def verplicht_tekst(waarde: str | None, naam: str, grens: int) -> str:
    """A required name (gemeente, aanpak, organisatie): whitespace as meant, not empty, not
    longer than its column."""
    schoon = grenzen.schoon(waarde)
    if not schoon:
        raise OngeldigeInvoer(f"{naam} is leeg; vul een {naam} in")
    if probleem := grenzen.te_lang(schoon, grens, naam):
        raise OngeldigeInvoer(probleem)
    return schoon


# A family is known by a label only: "gezin 1", "gezin A" (or "casus 3"), never by a name or an
# address, which an inspector might otherwise type in a hurry.
CASUSLABEL = re.compile(r"(gezin|casus)\s*([A-Za-z]{1,2}|[0-9]{1,3})", re.IGNORECASE)


def casuslabel(tekst: str) -> str:
    """A given casus label in its standard form ("Gezin a" → "gezin A"); anything that could
    name a family is refused with the reason."""
    schoon = grenzen.schoon(tekst) or ""
    treffer = CASUSLABEL.fullmatch(schoon)
    if treffer is None:
        raise OngeldigeInvoer(
            f"casus '{schoon[:40]}' kan een naam of adres bevatten; een gezin wordt alleen met "
            "een label vastgelegd, zoals 'gezin 1' of 'gezin A' (laat --casus weg voor het "
            "volgende vrije label)"
        )
    soort, teken = treffer[1].lower(), treffer[2]
    return f"{soort} {teken.upper() if teken.isalpha() else int(teken)}"


def volgend_casuslabel(bestaand: set[str]) -> str:
    """The first free label of gezin A, B, … Z, AA, AB, …"""
    letters = list(string.ascii_uppercase)
    for teken in letters + [a + b for a in letters for b in letters]:
        if f"gezin {teken}" not in bestaand:
            return f"gezin {teken}"
    raise OngeldigeInvoer("alle labels van gezin A tot gezin ZZ zijn in gebruik; geef --casus")


def controleer_deadline(deadline: dt.date | None, vandaag: dt.date | None) -> None:
    """A deadline that has passed is no deadline: nobody could answer before it."""
    if deadline is not None and vandaag is not None and deadline < vandaag:
        raise OngeldigeInvoer(
            f"de deadline {deadline:%d-%m-%Y} ligt in het verleden; kies vandaag of later"
        )


async def maak_onderzoek(
    uow: UnitOfWork,
    catalogus: Catalogus,
    gemeente: str,
    aanpak: str,
    kader: str,
    deadline: dt.date | None = None,
    vandaag: dt.date | None = None,
) -> OnderzoekInfo:
    """Open an onderzoek for one gemeente, aanpak and kader; a deadline not before `vandaag`
    (an import of past answers gives none, so its deadline may lie in the past)."""
    catalogus.kader(kader)
    controleer_deadline(deadline, vandaag)
    gemeente = verplicht_tekst(gemeente, "gemeente", grenzen.GEMEENTE)
    aanpak = verplicht_tekst(aanpak, "aanpak", grenzen.AANPAK)
    rij = await uow.repo.gemeente(gemeente, maak=True)
    assert rij is not None
    bestaand = await uow.repo.onderzoek_van(rij.id, aanpak, kader)
    if bestaand is not None:
        raise OngeldigeInvoer(
            f"er is al een open onderzoek naar '{aanpak}' in {gemeente} ({kader}): nummer "
            f"{bestaand.id}; sluit het eerst met 'stj onderzoek sluit {bestaand.id}' voor een "
            "vervolgonderzoek"
        )
    onderzoek = Onderzoek(gemeente_id=rij.id, aanpak=aanpak, kader=kader, deadline=deadline)
    uow.session.add(onderzoek)
    await uow.session.flush()
    await uow.commit()
    return _info(onderzoek, rij)


async def haal_onderzoek(uow: UnitOfWork, onderzoek_id: int) -> OnderzoekInfo:
    """One onderzoek; a clear error when the number does not exist."""
    gevonden = await uow.repo.onderzoek(onderzoek_id)
    if gevonden is None:
        raise NietGevonden(f"onderzoek {onderzoek_id} bestaat niet; zie 'stj onderzoek lijst'")
    return _info(*gevonden, await uow.repo.aantal_per_status(onderzoek_id))


async def lijst_onderzoeken(uow: UnitOfWork) -> list[OnderzoekInfo]:
    """Every onderzoek with its respondent counts."""
    aantallen = await uow.repo.aantallen_per_status()
    return [_info(o, g, aantallen.get(o.id)) for o, g in await uow.repo.onderzoeken()]


def controleer_respondent(
    catalogus: Catalogus, kader: str, rol: str, organisatie: str | None, casus: str | None
) -> None:
    """The rules for who can be a respondent, from the kader's roles: a known role, a casus
    label exactly for roles invited per casus, and an organisation for every role that has one
    (ouders never do: they are never recorded by name)."""
    catalogus.vragenlijst(kader, rol)
    betekenis = catalogus.kader(kader).rol(rol)
    assert betekenis is not None  # the vragenlijst exists, so the role does
    if betekenis.casus and not casus:
        raise OngeldigeInvoer(
            f"rol {rol} hoort bij een casus; geef --casus, bijvoorbeeld 'gezin 1'"
        )
    if not betekenis.casus and casus:
        raise OngeldigeInvoer(
            f"een casus hoort alleen bij rollen die per gezin worden uitgenodigd; laat --casus "
            f"weg bij {kader}"
        )
    if casus:
        casuslabel(casus)
    if not betekenis.organisatie and organisatie:
        raise OngeldigeInvoer(
            f"{betekenis.meervoud} worden niet bij naam of organisatie vastgelegd; laat de "
            "organisatie weg"
        )
    if betekenis.organisatie and not organisatie:
        raise OngeldigeInvoer(f"rol {rol} heeft een organisatie nodig; geef --organisatie")
    if probleem := grenzen.te_lang(organisatie, grenzen.ORGANISATIE, "organisatie"):
        raise OngeldigeInvoer(probleem)


async def casuslabels(uow: UnitOfWork, onderzoek_id: int) -> list[str]:
    """The families of an onderzoek by label, in the order they were first invited."""
    labels = [u.casus for u in await uow.repo.uitnodigingen(onderzoek_id) if u.casus]
    return list(dict.fromkeys(labels))


def controleer_uitnodigbaar(onderzoek: OnderzoekInfo) -> None:
    """Only an open onderzoek takes new respondents (the wizard asks before the first step)."""
    if onderzoek.status != "open":
        raise OngeldigeInvoer(
            f"onderzoek {onderzoek.id} is gesloten; er kunnen geen respondenten meer bij"
        )


async def maak_uitnodiging(
    uow: UnitOfWork,
    catalogus: Catalogus,
    onderzoek_id: int,
    rol: str,
    organisatie: str | None = None,
    casus: str | None = None,
    bron: str | None = None,
    interview_datum: dt.date | None = None,
    interviewer: str | None = None,
) -> UitnodigingInfo:
    """Invite one respondent; the token is the only way in, so it comes from `secrets`. A
    respondent of a role invited per casus without a label starts a new family ("gezin A").
    `bron`: "interview" for a respondent whose answers the inspector records (opslag.interviews)."""
    onderzoek = await haal_onderzoek(uow, onderzoek_id)
    controleer_uitnodigbaar(onderzoek)
    organisatie = grenzen.schoon(organisatie)
    casus = casuslabel(casus) if casus and grenzen.schoon(casus) else None
    betekenis = catalogus.kader(onderzoek.kader).rol(rol)
    if casus is None and betekenis is not None and betekenis.casus:
        casus = volgend_casuslabel(set(await casuslabels(uow, onderzoek_id)))
    controleer_respondent(catalogus, onderzoek.kader, rol, organisatie, casus)
    uitnodiging = Uitnodiging(
        onderzoek_id=onderzoek_id,
        rol=rol,
        organisatie=organisatie,
        casus=casus,
        token=nieuw_token(),
        bron=bron,
        interview_datum=interview_datum,
        interviewer=interviewer,
    )
    uow.session.add(uitnodiging)
    await uow.session.flush()
    await uow.commit()
    return UitnodigingInfo(
        id=uitnodiging.id,
        onderzoek_id=onderzoek_id,
        rol=rol,
        organisatie=organisatie,
        casus=casus,
        token=uitnodiging.token,
    )


def _interview(u: Uitnodiging) -> str | None:
    """How lists show an interview: its date and interviewer."""
    if u.bron != "interview":
        return None
    datum = f" {u.interview_datum:%d-%m-%Y}" if u.interview_datum else ""
    return f"interview{datum}" + (f", {u.interviewer}" if u.interviewer else "")


async def status_onderzoek(
    uow: UnitOfWork, catalogus: Catalogus, onderzoek_id: int
) -> tuple[OnderzoekInfo, list[RespondentStatus]]:
    """Per respondent: role, organisation, status and answered/total items."""
    onderzoek = await haal_onderzoek(uow, onderzoek_id)
    uitnodigingen = await uow.repo.uitnodigingen(onderzoek_id)
    antwoorden = await antwoorden_om_te_lezen(uow, [u.id for u in uitnodigingen])
    regels = []
    kader = catalogus.kader(onderzoek.kader)
    for u in uitnodigingen:
        beantwoord, totaal = voortgang(
            catalogus.vragenlijst(onderzoek.kader, u.rol), antwoorden[u.id]
        )
        kern, kern_totaal = kernvragen(kader, u.rol, antwoorden[u.id])
        regels.append(
            RespondentStatus(
                id=u.id,
                rol=u.rol,
                organisatie=u.organisatie,
                casus=u.casus,
                status=u.status,
                beantwoord=beantwoord,
                totaal=totaal,
                kernvragen=kern,
                kernvragen_totaal=kern_totaal,
                laatste_activiteit=u.laatste_activiteit,
                herinneringen=u.herinneringen,
                token=u.token,
                telegram_user_id=u.telegram_user_id,
                ingetrokken=u.ingetrokken is not None,
                interview=_interview(u),
            )
        )
    return onderzoek, regels


async def trek_uitnodiging_in(uow: UnitOfWork, uitnodiging_id: int) -> UitnodigingInfo:
    """Revoke an invitation: its link no longer works and nothing can be answered, submitted
    or erased with it (committed). What was answered stays, for the inspectors."""
    uitnodiging = await uow.session.get(Uitnodiging, uitnodiging_id)
    if uitnodiging is None:
        raise NietGevonden(f"uitnodiging {uitnodiging_id} bestaat niet; zie 'stj status ONDERZOEK'")
    if uitnodiging.ingetrokken is None:
        uitnodiging.ingetrokken = nu()
    await uow.commit()
    return UitnodigingInfo(
        id=uitnodiging.id,
        onderzoek_id=uitnodiging.onderzoek_id,
        rol=uitnodiging.rol,
        organisatie=uitnodiging.organisatie,
        casus=uitnodiging.casus,
        token=uitnodiging.token,
    )


async def onderzoek_van_uitnodiging(uow: UnitOfWork, uitnodiging_id: int) -> int:
    """The onderzoek an invitation belongs to."""
    uitnodiging = await uow.session.get(Uitnodiging, uitnodiging_id)
    if uitnodiging is None:
        raise NietGevonden(f"uitnodiging {uitnodiging_id} bestaat niet")
    return uitnodiging.onderzoek_id


async def sluit_onderzoek(uow: UnitOfWork, onderzoek_id: int) -> OnderzoekInfo:
    """Close an onderzoek: no more answers or reminders; a follow-up can then be opened."""
    await haal_onderzoek(uow, onderzoek_id)
    onderzoek = await uow.session.get(Onderzoek, onderzoek_id)
    assert onderzoek is not None
    onderzoek.status = "afgesloten"
    await uow.commit()
    return await haal_onderzoek(uow, onderzoek_id)


async def wijzigbaar(uow: UnitOfWork, onderzoek_id: int) -> OnderzoekInfo:
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
