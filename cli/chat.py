"""`stj chat TOKEN`: the respondent's conversation in a terminal, on the same engine and the same
rules as the bot (closed means closed here too)."""

from __future__ import annotations

import asyncio
import re
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

import click
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cli.omgeving import catalogus, database
from gesprek import teksten
from gesprek.motor import Gesprek, Herhaal, Invoer, Pauze, Positie
from gesprek.stap import pas_toe
from gesprek.weergave import HOUDEN, Knop, item_met_nummer, overzicht, scherm
from opslag.gesprekken import (
    Stand,
    activeer,
    bewaar_stap,
    dicht,
    dien_in,
    stand_met_token,
    wis_antwoorden,
)
from opslag.klok import vandaag_in_nederland
from opslag.uow import UnitOfWork
from vragenlijsten.catalogus import Catalogus

UITLEG = (
    "Typ het nummer van een keuze of typ uw antwoord; staat er al iets, dan houdt Enter het zo. "
    "Opdrachten: /vorige, /overslaan, /overzicht, /wijzig_N, /indienen, /wissen, /help, /stop."
)
HULP = (
    "Zo werkt het: ik stel steeds één vraag. Typ het nummer van een keuze, of typ uw antwoord.\n"
    "Staat er al een antwoord, toelichting of document, dan houdt Enter (of Houden) het zo.\n"
    "/vorige – een stap terug\n"
    "/overslaan – sla een vraag over (alleen als dat mag)\n"
    "/overzicht – al uw antwoorden, met hun nummers\n"
    "/wijzig_N – ga naar vraag N om uw antwoord te veranderen\n"
    "/indienen – stuur uw antwoorden in (daarna kunt u niets meer veranderen)\n"
    "/wissen – wis al uw antwoorden (kan alleen vóór het indienen)\n"
    "/stop – stop voor nu; alles is bewaard en u gaat later verder waar u was\n"
    "Elk antwoord wordt meteen bewaard."
)
GESTOPT = "Gestopt. Uw antwoorden zijn bewaard; met dezelfde opdracht gaat u later verder."
OPDRACHTEN = {"/vorige": "vorige", "/overslaan": "overslaan", "/later": "later", "/klaar": "klaar"}
WIJZIG = re.compile(r"^/wijzig_([0-9]{1,4})$")
Sessies = async_sessionmaker[AsyncSession]


class Onderbroken(Exception):
    """Ctrl-C: stop after what is being stored has been stored."""


@contextmanager
def ononderbroken() -> Iterator[None]:
    """Let a write finish before Ctrl-C stops the chat: an answer is stored whole or not at
    all, and never half-confirmed."""
    gevraagd: list[int] = []

    def onthoud(signum: int, _frame: FrameType | None) -> None:
        gevraagd.append(signum)

    vorige = signal.signal(signal.SIGINT, onthoud)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, vorige)
    if gevraagd:
        raise Onderbroken


@click.command()
@click.argument("token")
def chat(token: str) -> None:
    """Beantwoord een vragenlijst in de terminal, zoals in Telegram (zonder Telegram).

    \b
    Voorbeeld:
      stj chat Xk3v9QeWm2Lr0pT7aBcD1g
    """
    # Our own Ctrl-C handler (the default's behaviour), so that asyncio.run does not install
    # one that cancels the chat mid-write; a write in progress defers it (ononderbroken).
    vorige = signal.signal(signal.SIGINT, _onderbreek)
    try:
        asyncio.run(_chat(token, catalogus()))
    except (KeyboardInterrupt, Onderbroken):
        click.echo(f"\n{GESTOPT}")
    finally:
        signal.signal(signal.SIGINT, vorige)


def _onderbreek(_signum: int, _frame: FrameType | None) -> None:
    """Ctrl-C: stop waiting (a prompt turns this into /stop)."""
    raise KeyboardInterrupt


async def _chat(token: str, cat: Catalogus) -> None:
    async with database() as sessions:
        async with UnitOfWork(sessions) as uow:
            s = await stand_met_token(uow, token, vandaag_in_nederland())
            await uow.commit()
        vragenlijst = cat.vragenlijst(s.kader, s.rol)
        reden = dicht(s, vandaag_in_nederland())
        if reden is not None:
            click.echo(teksten.dicht_tekst(reden, s))
            return
        if not s.antwoorden:
            # The same introduction as the bot's: who asks, why, how long, and privacy.
            eerste = Gesprek(vragenlijst, cat.kader(s.kader), {})
            click.echo(
                teksten.welkom(
                    s,
                    cat.rol(s.kader, s.rol),
                    vragenlijst.duur_minuten,
                    vragenlijst.inleiding,
                    eerste.aantal_vragen(),
                )
                + "\n"
            )
        click.echo(f"{teksten.wie(s, cat.rol(s.kader, s.rol))}\n{UITLEG}")
        while True:
            reden = dicht(s, vandaag_in_nederland())
            if reden is not None:
                click.echo(teksten.dicht_tekst(reden, s))
                break
            g = Gesprek(vragenlijst, cat.kader(s.kader), s.antwoorden, s.overgeslagen)
            positie = g.geldig(s.huidig_item, s.stap)
            knoppen = _toon(g, positie)
            try:
                regel = click.prompt(">", prompt_suffix=" ", default="", show_default=False)
            except (EOFError, click.Abort):
                regel = "/stop"
            regel = regel.strip()
            if regel in ("/stop", "/later"):
                click.echo("Uw antwoorden zijn bewaard. Tot later!")
                break
            if regel == "/help":
                click.echo(HULP)
            elif regel == "/overzicht":
                _overzicht(g)
            elif (treffer := WIJZIG.match(regel)) is not None:
                await _wijzig(sessions, s, g, int(treffer[1]))
            elif regel == "/indienen":
                if await _indienen(sessions, s, g):
                    click.echo("Dank u wel, uw antwoorden zijn ingediend.")
                    break
            elif regel == "/wissen":
                await _wissen(sessions, s)
            elif regel.startswith("/") and regel not in OPDRACHTEN:
                click.echo(f"! Die opdracht ken ik niet. {UITLEG}")
            elif positie is not None and not await _antwoord(
                sessions, s, g, positie, knoppen, regel
            ):
                click.echo("Uw antwoorden zijn bewaard. Tot later!")
                break


def _toon(g: Gesprek, positie: Positie | None) -> list[Knop]:
    """Print a step with numbered choices; returns the buttons by number."""
    if positie is None:
        click.echo(f"\n{g.einde() or 'Alle vragen zijn beantwoord. Typ /overzicht of /indienen.'}")
        return []
    getoond = scherm(g, positie)
    click.echo(f"\n{getoond.volledig()}")
    item = g.vragenlijst.item(positie.item_id)
    getal_vraag = item is not None and item.type == "getal" and positie.stap == "waarde"
    houden = any(HOUDEN in rij for rij in getoond.knoppen)
    # Navigation is typed as /vorige, /overslaan, /later; on a number question digits are the
    # answer, so only real choices get numbers. At a question the answers keep their numbers
    # (1 stays Ja) and Enter keeps what is stored; at a toelichting or document 1 keeps it, so
    # that no number a respondent got used to removes anything.
    keuzes = [
        k
        for rij in getoond.knoppen
        for k in rij
        if k.actie not in ("vorige", "later")
        and not getal_vraag
        and not (k == HOUDEN and positie.stap == "waarde")
    ]
    if houden and HOUDEN not in keuzes:
        click.echo(f"  [Enter] {HOUDEN.label}")
    for nummer, k in enumerate(keuzes, start=1):
        click.echo(f"  [{nummer}] {k.label}{'  (of Enter)' if k == HOUDEN else ''}")
    return keuzes


def _keuze(regel: str, knoppen: list[Knop]) -> Knop | None:
    """The button a typed number picks (ASCII digits only: "²" is no choice)."""
    if re.fullmatch(r"[0-9]{1,3}", regel) and 1 <= int(regel) <= len(knoppen):
        return knoppen[int(regel) - 1]
    return None


async def _antwoord(
    sessions: Sessies, s: Stand, g: Gesprek, positie: Positie, knoppen: list[Knop], regel: str
) -> bool:
    """Handle one typed line; False when the respondent pauses."""
    knop = _keuze(regel, knoppen)
    item = g.vragenlijst.item(positie.item_id)
    if not regel and item is not None and g.bewaard(item, positie.stap):
        invoer = Invoer(actie=HOUDEN.actie)  # Enter keeps what is there
    elif regel in OPDRACHTEN:
        invoer = Invoer(actie=OPDRACHTEN[regel])
    elif knop is not None:
        invoer = Invoer(actie=knop.actie)
    else:
        invoer = Invoer(tekst=regel)
    uitkomst = g.verwerk(positie, invoer)
    if isinstance(uitkomst, Herhaal):
        click.echo(f"! {uitkomst.melding}")
        return True
    if isinstance(uitkomst, Pauze):
        return False
    with ononderbroken():
        async with UnitOfWork(sessions) as uow:
            await pas_toe(uow, s, uitkomst, "chat")
            await uow.commit()
        click.echo(f"✓ {uitkomst.bevestiging}")
    return True


async def _wijzig(sessions: Sessies, s: Stand, g: Gesprek, nummer: int) -> None:
    """/wijzig_N: go to question N to change its answer."""
    positie = item_met_nummer(g, nummer)
    if positie is None:
        click.echo("! Die vraag bestaat niet (meer). Typ /overzicht voor de nummers.")
        return
    with ononderbroken():
        async with UnitOfWork(sessions) as uow:
            await bewaar_stap(uow, s, "chat", (positie.item_id, positie.stap), s.overgeslagen)
            await uow.commit()


def _overzicht(g: Gesprek) -> None:
    for titel, regels in overzicht(g):
        click.echo(f"— {titel} —")
        for r in regels:
            click.echo(
                f"  {r.nummer}. {r.vraag[:70]} → {r.antwoord or '(open)'}  /wijzig_{r.nummer}"
            )


def _ja(vraag: str) -> bool:
    """A Dutch yes/no question: j, ja (or y, yes) is yes; anything else, or nothing, is no."""
    try:
        antwoord = click.prompt(f"{vraag} [j/N]", default="", show_default=False)
    except (EOFError, click.Abort):
        return False
    return antwoord.strip().lower() in ("j", "ja", "y", "yes")


async def _wissen(sessions: Sessies, s: Stand) -> None:
    """/wissen: erase every answer after a confirmation (only before submitting)."""
    if not s.antwoorden:
        click.echo("U heeft nog geen antwoorden; er is niets te wissen.")
        return
    if not _ja(
        f"Weet u zeker dat u al uw {len(s.antwoorden)} antwoorden wilt wissen? Dit kan niet "
        "ongedaan worden."
    ):
        click.echo("Prima, er is niets veranderd.")
        return
    with ononderbroken():
        async with UnitOfWork(sessions) as uow:
            aantal = await wis_antwoorden(uow, s)
            await activeer(uow, s)
            await uow.commit()
    click.echo(f"Uw {aantal} antwoorden zijn gewist. U begint weer bij de eerste vraag.")


async def _indienen(sessions: Sessies, s: Stand, g: Gesprek) -> bool:
    """Submit after the required questions and a confirmation; True when submitted."""
    ontbrekend = g.ontbrekend()
    if ontbrekend:
        click.echo("Deze verplichte vragen zijn nog niet beantwoord:")
        for item in ontbrekend:
            vraag = " ".join(item.vraag.split())
            click.echo(f"  {g.nummer(item.id)}. {vraag[:70]}  /wijzig_{g.nummer(item.id)}")
        return False
    if not _ja("Wilt u uw antwoorden indienen? Daarna kunt u niets meer veranderen."):
        click.echo("Er is niets ingediend.")
        return False
    with ononderbroken():
        async with UnitOfWork(sessions) as uow:
            await dien_in(uow, s)
            await uow.commit()
    return True
