"""`stj chat TOKEN`: the respondent's conversation in a terminal, on the same engine as the bot."""

from __future__ import annotations

import asyncio

import click
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import teksten
from bot.gesprek import Gesprek, Herhaal, Invoer, Pauze, Positie
from bot.stap import pas_toe
from bot.weergave import Knop, overzicht, scherm
from cli.omgeving import catalogus, database
from opslag.gesprekken import Stand, dien_in, stand_met_token
from opslag.uow import UnitOfWork
from vragenlijsten.catalogus import Catalogus

UITLEG = (
    "Typ het nummer van een keuze, of typ uw antwoord. Opdrachten: /vorige, /overslaan, "
    "/overzicht, /indienen, /stop."
)
OPDRACHTEN = {"/vorige": "vorige", "/overslaan": "overslaan", "/later": "later", "/klaar": "klaar"}
Sessies = async_sessionmaker[AsyncSession]


@click.command()
@click.argument("token")
def chat(token: str) -> None:
    """Beantwoord een vragenlijst in de terminal, zoals in Telegram (zonder Telegram).

    \b
    Voorbeeld:
      stj chat Xk3v9QeWm2Lr0pT7aBcD1g
    """
    asyncio.run(_chat(token, catalogus()))


async def _chat(token: str, cat: Catalogus) -> None:
    async with database() as sessions:
        async with UnitOfWork(sessions) as uow:
            s = await stand_met_token(uow, token)
            await uow.commit()
        vragenlijst = cat.vragenlijst(s.kader, s.rol)
        if not s.antwoorden:
            # The same introduction as the bot's: who asks, why, how long, and privacy.
            eerste = Gesprek(vragenlijst, cat.kader(s.kader), {})
            click.echo(
                teksten.welkom(
                    s, vragenlijst.duur_minuten, vragenlijst.inleiding, eerste.aantal_vragen()
                )
                + "\n"
            )
        click.echo(f"{s.gemeente} · {s.aanpak} · {s.rol}\n{UITLEG}")
        while not s.ingediend:
            g = Gesprek(
                cat.vragenlijst(s.kader, s.rol), cat.kader(s.kader), s.antwoorden, s.overgeslagen
            )
            positie = g.geldig(s.huidig_item, s.stap)
            knoppen = _toon(g, positie)
            try:
                regel = click.prompt(">", prompt_suffix=" ", default="", show_default=False)
            except (EOFError, click.Abort):
                regel = "/stop"
            regel = regel.strip()
            if regel in ("/stop", "/later"):
                break
            if regel == "/overzicht":
                _overzicht(g)
            elif regel == "/indienen":
                await _indienen(sessions, s, g)
            elif positie is not None and not await _antwoord(
                sessions, s, g, positie, knoppen, regel
            ):
                break
        click.echo(
            "Dank u wel, uw antwoorden zijn ingediend."
            if s.ingediend
            else "Uw antwoorden zijn bewaard. Tot later!"
        )


def _toon(g: Gesprek, positie: Positie | None) -> list[Knop]:
    """Print a step with numbered choices; returns the buttons by number."""
    if positie is None:
        click.echo(f"\n{g.einde() or 'Alle vragen zijn beantwoord. Typ /overzicht of /indienen.'}")
        return []
    getoond = scherm(g, positie)
    click.echo(f"\n{getoond.volledig()}")
    item = g.vragenlijst.item(positie.item_id)
    getal_vraag = item is not None and item.type == "getal" and positie.stap == "waarde"
    # Navigation is typed as /vorige, /overslaan, /later; on a number question digits are the
    # answer, so only real choices get numbers.
    keuzes = [
        k
        for rij in getoond.knoppen
        for k in rij
        if k.actie not in ("vorige", "later") and not getal_vraag
    ]
    for nummer, k in enumerate(keuzes, start=1):
        click.echo(f"  [{nummer}] {k.label}")
    return keuzes


async def _antwoord(
    sessions: Sessies, s: Stand, g: Gesprek, positie: Positie, knoppen: list[Knop], regel: str
) -> bool:
    """Handle one typed line; False when the respondent pauses."""
    if regel in OPDRACHTEN:
        invoer = Invoer(actie=OPDRACHTEN[regel])
    elif regel.isdigit() and knoppen and 1 <= int(regel) <= len(knoppen):
        invoer = Invoer(actie=knoppen[int(regel) - 1].actie)
    else:
        invoer = Invoer(tekst=regel)
    uitkomst = g.verwerk(positie, invoer)
    if isinstance(uitkomst, Herhaal):
        click.echo(f"! {uitkomst.melding}")
        return True
    if isinstance(uitkomst, Pauze):
        return False
    async with UnitOfWork(sessions) as uow:
        await pas_toe(uow, s, uitkomst, "chat")
        await uow.commit()
    click.echo(f"✓ {uitkomst.bevestiging}")
    return True


def _ja(vraag: str) -> bool:
    """A Dutch yes/no question: j, ja (or y, yes) is yes; anything else, or nothing, is no."""
    try:
        antwoord = click.prompt(f"{vraag} [j/N]", default="", show_default=False)
    except (EOFError, click.Abort):
        return False
    return antwoord.strip().lower() in ("j", "ja", "y", "yes")


def _overzicht(g: Gesprek) -> None:
    for titel, regels in overzicht(g):
        click.echo(f"— {titel} —")
        for r in regels:
            click.echo(f"  {r.nummer}. {r.vraag[:70]} → {r.antwoord or '(open)'}")


async def _indienen(sessions: Sessies, s: Stand, g: Gesprek) -> None:
    ontbrekend = g.ontbrekend()
    if ontbrekend:
        click.echo("Nog niet beantwoord (verplicht): " + ", ".join(i.id for i in ontbrekend))
        return
    if not _ja("Wilt u uw antwoorden indienen? Daarna kunt u niets meer veranderen."):
        return
    async with UnitOfWork(sessions) as uow:
        await dien_in(uow, s)
        await uow.commit()
