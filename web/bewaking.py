"""Watching who knocks without being let in: a rate limit per client address for login attempts
and for requests without a valid session, and refused attempts written to the audit log in
summary, so a flood cannot bury `stj audit --geweigerd`. The first refusal of a kind from an
address is written at once; the rest within the same ten minutes become one line at the end of
that window ("312 keer geweigerd …"). Both live in the memory of one `stj web` process."""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from opslag.audit import leg_vast
from opslag.klok import AMSTERDAM
from opslag.modellen import nu
from opslag.uow import UnitOfWork

log = logging.getLogger("stj.web")


@dataclass(frozen=True)
class Regel:
    """A token bucket: at most `ruimte` at once, refilled by one every `per` seconds."""

    ruimte: float
    per: float


REGELS = {
    # A login link is used once; ten tries and then one every six seconds is plenty for a
    # person who mistyped, and nothing for someone guessing.
    "inloggen": Regel(ruimte=10, per=6.0),
    # Without a valid session there is only the way to the login page.
    "anoniem": Regel(ruimte=60, per=1.0),
}
MAX_ADRESSEN = 50_000  # buckets kept at most; the least recently used go first


def sleutel(adres: str) -> str:
    """The unit a limit applies to: an IPv4 address, or the /64 network of an IPv6 address
    (one subscriber usually gets a whole /64)."""
    try:
        ip = ipaddress.ip_address(adres)
    except ValueError:
        return adres
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is None:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip.ipv4_mapped or ip) if isinstance(ip, ipaddress.IPv6Address) else str(ip)


class Begrenzer:
    """Token buckets per kind and client address."""

    def __init__(
        self, regels: dict[str, Regel] | None = None, klok: Callable[[], float] = time.monotonic
    ) -> None:
        self._regels = regels or REGELS
        self._klok = klok
        self._emmers: OrderedDict[tuple[str, str], tuple[float, float]] = OrderedDict()

    def wacht(self, soort: str, adres: str) -> float:
        """Take one from the bucket: 0 when allowed, else the seconds until the next one."""
        regel = self._regels[soort]
        nu_ = self._klok()
        k = (soort, sleutel(adres))
        voorraad, toen = self._emmers.pop(k, (regel.ruimte, nu_))
        voorraad = min(regel.ruimte, voorraad + (nu_ - toen) / regel.per)
        if voorraad >= 1:
            self._emmers[k] = (voorraad - 1, nu_)
            wacht = 0.0
        else:
            self._emmers[k] = (voorraad, nu_)
            wacht = (1 - voorraad) * regel.per
        while len(self._emmers) > MAX_ADRESSEN:
            self._emmers.popitem(last=False)
        return wacht


VENSTER = 600.0  # seconds a summary covers
MAX_REEKSEN = 10_000  # addresses followed at once; beyond, refusals are summed up together


@dataclass
class _Reeks:
    """Refusals of one kind from one address since the first was written."""

    actie: str
    begin: dt.datetime
    aantal: int = 0
    laatste: dt.datetime | None = None
    voorbeelden: list[str] = field(default_factory=list)
    taak: asyncio.Task[None] | None = None


class Weigeringen:
    """Refused attempts into the audit log: the first of a kind at once, the rest summed up."""

    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], venster: float = VENSTER
    ) -> None:
        self._sessions = sessions
        self._venster = venster
        self._reeksen: dict[tuple[str, str], _Reeks] = {}

    async def noteer(
        self,
        uow: UnitOfWork | None,
        wie: str,
        soort: str,
        actie: str,
        details: str,
        onderzoek_id: int | None = None,
    ) -> None:
        """One refused attempt. The first of its kind from `wie` in a window is written in
        `uow` (the caller commits; without one, in a unit of its own); later ones are counted."""
        if (wie, soort) not in self._reeksen and len(self._reeksen) >= MAX_REEKSEN:
            wie = "web:(vele adressen)"  # a flood from everywhere still sums up
        reeks = self._reeksen.get((wie, soort))
        if reeks is None:
            reeks = self._reeksen[(wie, soort)] = _Reeks(actie, nu())
            # The window ends by itself: its summary is written and the address forgotten.
            reeks.taak = asyncio.get_running_loop().create_task(self._later(wie, soort))
            if uow is None:
                async with UnitOfWork(self._sessions) as eigen:
                    await leg_vast(eigen, wie, actie, onderzoek_id, details, True)
                    await eigen.commit()
            else:
                await leg_vast(uow, wie, actie, onderzoek_id, details, True)
            return
        reeks.aantal += 1
        reeks.laatste = nu()
        if details not in reeks.voorbeelden and len(reeks.voorbeelden) < 5:
            reeks.voorbeelden.append(details)

    async def _later(self, wie: str, soort: str) -> None:
        await asyncio.sleep(self._venster)
        reeks = self._reeksen.get((wie, soort))
        if reeks is not None:
            reeks.taak = None  # it is writing now: nothing left to cancel
        await self._schrijf(wie, soort)

    async def _schrijf(self, wie: str, soort: str) -> None:
        reeks = self._reeksen.pop((wie, soort), None)
        if reeks is None or reeks.aantal == 0 or reeks.laatste is None:
            return
        van = reeks.begin.astimezone(AMSTERDAM)
        tot = reeks.laatste.astimezone(AMSTERDAM)
        details = (
            f"nog {reeks.aantal} keer geweigerd ({soort}) tussen {van:%d-%m-%Y %H:%M:%S} en "
            f"{tot:%H:%M:%S}; bijvoorbeeld: {', '.join(reeks.voorbeelden)}"
        )
        try:
            async with UnitOfWork(self._sessions) as uow:
                await leg_vast(uow, wie, f"{reeks.actie} (samengevat)", None, details, True)
                await uow.commit()
        except Exception:  # the log must not take the console down; say what is lost
            log.exception("samenvatting van geweigerde pogingen niet vastgelegd: %s", details)

    async def schrijf_alles(self) -> None:
        """Write every summary now (at shutdown, and in tests)."""
        for k in list(self._reeksen):
            reeks = self._reeksen.get(k)
            if reeks is not None and reeks.taak is not None:
                reeks.taak.cancel()
            await self._schrijf(*k)
