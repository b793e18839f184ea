"""`stj demo`: a whole onderzoek offline, in its own database: invitations, simulated
respondents answering through the conversation engine, exports; then a link to try it yourself."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import random
from pathlib import Path

import click
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.gesprek import Gesprek, Herhaal, Invoer, Pauze, Positie
from bot.stap import pas_toe
from opslag.db import maak_engine, maak_sessionmaker, migreer
from opslag.gesprekken import Stand, dien_in, stand_met_token
from opslag.klok import vandaag_in_nederland
from opslag.onderzoeken import maak_onderzoek, maak_uitnodiging
from opslag.uitwisseling.exporteren import exporteer_bestand, schrijf_csv, schrijf_xlsx
from opslag.uow import UnitOfWork
from vragenlijsten.catalogus import Catalogus, laad_catalogus
from vragenlijsten.model import Item

PARTNERS = ("Jeugdzorg Noord", "Verslavingszorg Oost", "Woningcorporatie Thuis")


def simuleer_invoer(item: Item, positie: Positie, rng: random.Random) -> Invoer:
    """What a plausible respondent enters at this step."""
    if positie.stap == "toelichting":
        return (
            Invoer(tekst=f"Zo is het geregeld bij {item.id}.")
            if rng.random() < 0.5
            else Invoer(actie="overslaan")
        )
    if positie.stap == "document":
        return (
            Invoer(tekst="Samenwerkingsconvenant 2025")
            if rng.random() < 0.6
            else Invoer(actie="overslaan")
        )
    if item.type in ("kernvraag", "schaal"):
        return Invoer(
            actie="w:" + rng.choices(["ja", "deels", "nee", "weet_niet"], [6, 2, 1, 1])[0]
        )
    if item.type in ("keuze", "meerkeuze"):
        optie = rng.choice(item.opties).waarde
        return Invoer(actie=("w:" if item.type == "keuze" else "m:") + optie)
    if item.type == "getal":
        return Invoer(tekst=str(rng.randint(item.min, min(item.max, item.min + 500))))
    if item.type == "datum":
        return Invoer(tekst="1-3-2024")
    if item.type == "document":
        return Invoer(tekst="Beleidsplan Sterke Gezinnen 2024")
    return Invoer(tekst=f"Antwoord van de demo op '{item.id}'.")


async def beantwoord_alles(
    sessions: async_sessionmaker[AsyncSession], cat: Catalogus, token: str, rng: random.Random
) -> Stand:
    """Let one simulated respondent answer every step and submit."""
    async with UnitOfWork(sessions) as uow:
        s = await stand_met_token(uow, token, vandaag_in_nederland())
        await uow.commit()
    meerkeuze_klaar: set[str] = set()
    for _ in range(1000):
        g = Gesprek(
            cat.vragenlijst(s.kader, s.rol), cat.kader(s.kader), s.antwoorden, s.overgeslagen
        )
        positie = g.geldig(s.huidig_item, s.stap)
        if positie is None:
            break
        item = g.vragenlijst.item(positie.item_id)
        assert item is not None
        invoer = simuleer_invoer(item, positie, rng)
        if item.type == "meerkeuze" and item.id in meerkeuze_klaar:
            invoer = Invoer(actie="klaar")
        uitkomst = g.verwerk(positie, invoer)
        if isinstance(uitkomst, Herhaal | Pauze):
            raise RuntimeError(f"demo-invoer geweigerd bij {item.id}: {uitkomst}")
        if item.type == "meerkeuze":
            meerkeuze_klaar.add(item.id)
        async with UnitOfWork(sessions) as uow:
            await pas_toe(uow, s, uitkomst, "demo")
            await uow.commit()
    async with UnitOfWork(sessions) as uow:
        await dien_in(uow, s)
        await uow.commit()
    return s


@click.command()
@click.option(
    "--uit",
    default="demo-uit",
    show_default=True,
    type=click.Path(path_type=Path),
    help="Map voor de demo-database en de exports.",
)
def demo(uit: Path) -> None:
    """Speel een heel onderzoek na, offline: uitnodigen, antwoorden, exporteren.

    \b
    Voorbeeld:
      stj demo --uit demo-uit
    """
    asyncio.run(_demo(uit, laad_catalogus()))


async def _demo(uit: Path, cat: Catalogus) -> None:
    uit.mkdir(parents=True, exist_ok=True)
    database = uit / "demo.db"
    for pad in uit.glob("demo.db*"):
        pad.unlink()
    engine = maak_engine(f"sqlite+aiosqlite:///{database}")
    await migreer(engine)
    sessions = maak_sessionmaker(engine)
    rng = random.Random(2026)
    async with UnitOfWork(sessions) as uow:
        onderzoek = await maak_onderzoek(
            uow,
            cat,
            "Demostad",
            "Sterke Gezinnen",
            "beleidsniveau",
            dt.date.today() + dt.timedelta(days=30),
        )
    respondenten = [("gemeente", "Gemeente Demostad")] + [("netwerkpartner", p) for p in PARTNERS]
    for rol, organisatie in respondenten:
        async with UnitOfWork(sessions) as uow:
            info = await maak_uitnodiging(uow, cat, onderzoek.id, rol, organisatie)
        s = await beantwoord_alles(sessions, cat, info.token, rng)
        click.echo(f"✓ {rol} ({organisatie}): {len(s.antwoorden)} antwoorden, ingediend")
    async with UnitOfWork(sessions) as uow:
        zelf = await maak_uitnodiging(uow, cat, onderzoek.id, "netwerkpartner", "Uw organisatie")
    async with UnitOfWork(sessions) as uow:
        bestand = await exporteer_bestand(uow, cat, onderzoek.id)
        (uit / "antwoorden.json").write_text(
            json.dumps(bestand.naar_json(), ensure_ascii=False, indent=2), encoding="utf-8"
        )
        await schrijf_csv(uow, cat, onderzoek.id, uit / "antwoorden.csv")
        await schrijf_xlsx(uow, cat, onderzoek.id, uit / "antwoorden.xlsx")
    await engine.dispose()
    click.echo(
        f"\nExport: {uit / 'antwoorden.json'}, {uit / 'antwoorden.csv'}, {uit / 'antwoorden.xlsx'}"
    )
    click.echo(
        f"\nProbeer zelf de vragenlijst voor een netwerkpartner:\n"
        f"  STJ_DATABASE_URL=sqlite+aiosqlite:///{database} .venv/bin/stj chat {zelf.token}"
    )
