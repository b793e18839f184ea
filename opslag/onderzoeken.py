"""Services for onderzoeken, invitations and progress; they return plain data, not ORM rows."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from opslag.antwoorden import antwoorden_van
from opslag.fouten import NietGevonden, OngeldigeInvoer
from opslag.modellen import Gemeente, Onderzoek, Uitnodiging
from opslag.uow import UnitOfWork
from vragenlijsten.catalogus import Catalogus
from vragenlijsten.waarden import voortgang

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
    beantwoord: int
    totaal: int
    laatste_activiteit: dt.datetime | None
    herinneringen: int
    token: str
    telegram_user_id: int | None = None  # None: never started, so the bot cannot write to them

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
    )


def _verplicht_tekst(waarde: str, naam: str) -> str:
    waarde = waarde.strip()
    if not waarde:
        raise OngeldigeInvoer(f"{naam} is leeg; vul een {naam} in")
    return waarde


async def maak_onderzoek(
    uow: UnitOfWork,
    catalogus: Catalogus,
    gemeente: str,
    aanpak: str,
    kader: str,
    deadline: dt.date | None = None,
) -> OnderzoekInfo:
    """Open an onderzoek for one gemeente, aanpak and kader."""
    catalogus.kader(kader)
    gemeente = _verplicht_tekst(gemeente, "gemeente")
    aanpak = _verplicht_tekst(aanpak, "aanpak")
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
    """The rules for who can be a respondent: a known role, a casus only at casusniveau, and
    an organisation for everyone except ouders, who are never recorded by name."""
    catalogus.vragenlijst(kader, rol)
    if kader == "casusniveau" and not casus:
        raise OngeldigeInvoer(
            f"rol {rol} hoort bij een casus; geef --casus, bijvoorbeeld 'gezin 1'"
        )
    if kader != "casusniveau" and casus:
        raise OngeldigeInvoer(
            f"een casus hoort alleen bij casusniveau; laat --casus weg bij {kader}"
        )
    if rol == "ouder" and organisatie:
        raise OngeldigeInvoer(
            "ouders worden niet bij naam of organisatie vastgelegd; laat de organisatie weg"
        )
    if rol != "ouder" and not organisatie:
        raise OngeldigeInvoer(f"rol {rol} heeft een organisatie nodig; geef --organisatie")


async def maak_uitnodiging(
    uow: UnitOfWork,
    catalogus: Catalogus,
    onderzoek_id: int,
    rol: str,
    organisatie: str | None = None,
    casus: str | None = None,
) -> UitnodigingInfo:
    """Invite one respondent; the token is the only way in, so it comes from `secrets`."""
    onderzoek = await haal_onderzoek(uow, onderzoek_id)
    organisatie = (organisatie or "").strip() or None
    casus = (casus or "").strip() or None
    controleer_respondent(catalogus, onderzoek.kader, rol, organisatie, casus)
    uitnodiging = Uitnodiging(
        onderzoek_id=onderzoek_id,
        rol=rol,
        organisatie=organisatie,
        casus=casus,
        token=nieuw_token(),
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


async def status_onderzoek(
    uow: UnitOfWork, catalogus: Catalogus, onderzoek_id: int
) -> tuple[OnderzoekInfo, list[RespondentStatus]]:
    """Per respondent: role, organisation, status and answered/total items."""
    onderzoek = await haal_onderzoek(uow, onderzoek_id)
    uitnodigingen = await uow.repo.uitnodigingen(onderzoek_id)
    antwoorden = await antwoorden_van(uow, [u.id for u in uitnodigingen])
    regels = []
    for u in uitnodigingen:
        beantwoord, totaal = voortgang(
            catalogus.vragenlijst(onderzoek.kader, u.rol), antwoorden[u.id]
        )
        regels.append(
            RespondentStatus(
                id=u.id,
                rol=u.rol,
                organisatie=u.organisatie,
                casus=u.casus,
                status=u.status,
                beantwoord=beantwoord,
                totaal=totaal,
                laatste_activiteit=u.laatste_activiteit,
                herinneringen=u.herinneringen,
                token=u.token,
                telegram_user_id=u.telegram_user_id,
            )
        )
    return onderzoek, regels


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
