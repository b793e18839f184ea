"""`stj demo`: three onderzoeken offline, in their own database: invitations, respondents giving the
answers of cli/demodata.yaml question by question through the conversation engine (as in the
bot), exports, the factsheets and the national overview; then what to open and try next."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from pathlib import Path
from typing import Any

import click
import yaml
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from beoordeling.overzicht import Uitkomst, landelijk_overzicht, overzicht_csv, overzicht_html
from beoordeling.rapport import maak_rapport
from cli.paden import uit_map
from gesprek.motor import Gesprek, Herhaal, Invoer, Pauze, Positie
from gesprek.stap import pas_toe
from opslag.beoordelingen import beoordeel
from opslag.db import maak_engine, maak_sessionmaker, migreer
from opslag.gesprekken import Stand, dien_in, stand_met_token
from opslag.klok import vandaag_in_nederland
from opslag.onderzoeken import maak_onderzoek, maak_uitnodiging
from opslag.uitwisseling.exporteren import exporteer_bestand, schrijf_csv, schrijf_xlsx
from opslag.uitwisseling.spreadsheet import schrijf_csv_tekst
from opslag.uow import UnitOfWork
from vragenlijsten.catalogus import Catalogus, laad_catalogus
from vragenlijsten.model import Item, KernvraagItem, MeerkeuzeItem

DEMODATA = Path(__file__).parent / "demodata.yaml"
Sessies = async_sessionmaker[AsyncSession]


def invoer_voor(item: Item, positie: Positie, antwoord: Any, gekozen: list[str]) -> Invoer:
    """What the respondent of the demo data enters at this step. `antwoord` is what the data
    says for the item (None: nothing), `gekozen` the options of a multiple choice still to tick."""
    blok = antwoord if isinstance(antwoord, dict) else {"waarde": antwoord}
    if positie.stap in ("toelichting", "document"):
        tekst = blok.get(positie.stap)
        return Invoer(tekst=str(tekst)) if tekst else Invoer(actie="overslaan")
    waarde = blok.get("waarde")
    if isinstance(item, MeerkeuzeItem):
        return Invoer(actie=f"m:{gekozen.pop(0)}") if gekozen else Invoer(actie="klaar")
    if waarde is None:
        if isinstance(item, KernvraagItem):
            return Invoer(actie="w:ja")  # the data names only what differs
        if not item.verplicht:
            return Invoer(actie="overslaan")
        raise ValueError(f"demodata: verplichte vraag '{item.id}' heeft geen antwoord")
    if item.type in ("kernvraag", "schaal", "keuze"):
        return Invoer(actie=f"w:{waarde}")
    return Invoer(tekst=str(waarde))


async def beantwoord(
    sessions: Sessies, cat: Catalogus, token: str, antwoorden: dict[str, Any]
) -> Stand:
    """Let one respondent give the demo data's answers, step by step, and submit."""
    async with UnitOfWork(sessions) as uow:
        s = await stand_met_token(uow, token, vandaag_in_nederland())
        await uow.commit()
    nog_aan_te_vinken = {
        k: list(v) for k, v in antwoorden.items() if isinstance(v, list)
    }  # multiple choices
    for _ in range(1000):
        g = Gesprek(
            cat.vragenlijst(s.kader, s.rol), cat.kader(s.kader), s.antwoorden, s.overgeslagen
        )
        positie = g.geldig(s.huidig_item, s.stap)
        if positie is None:
            break
        item = g.vragenlijst.item(positie.item_id)
        assert item is not None
        gekozen = nog_aan_te_vinken.setdefault(item.id, [])
        uitkomst = g.verwerk(positie, invoer_voor(item, positie, antwoorden.get(item.id), gekozen))
        if isinstance(uitkomst, Herhaal | Pauze):
            raise ValueError(f"demodata: antwoord op '{item.id}' geweigerd: {uitkomst}")
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
    callback=uit_map,
    help="Map voor de demo-database, de exports, de factsheets en het overzicht.",
)
def demo(uit: Path) -> None:
    """Speel drie onderzoeken na, offline: uitnodigen, antwoorden, exporteren, de factsheets en
    het landelijk overzicht maken.

    \b
    Voorbeeld:
      stj demo --uit demo-uit
    """
    asyncio.run(_demo(uit, laad_catalogus()))


def _bestandsnaam(tekst: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in tekst.lower()).strip("-")


async def _demo(uit: Path, cat: Catalogus) -> None:
    uit.mkdir(exist_ok=True)
    database = uit / "demo.db"
    for pad in uit.glob("demo.db*"):
        pad.unlink()
    engine = maak_engine(f"sqlite+aiosqlite:///{database}")
    await migreer(engine)
    sessions = maak_sessionmaker(engine)
    vandaag = vandaag_in_nederland()
    data = yaml.safe_load(DEMODATA.read_text(encoding="utf-8"))
    onderzoeken: list[tuple[int, str]] = []
    zelf = None
    for o in data["onderzoeken"]:
        deadline = vandaag + dt.timedelta(days=o["deadline_over_dagen"])
        async with UnitOfWork(sessions) as uow:
            info = await maak_onderzoek(
                uow, cat, o["gemeente"], o["aanpak"], data["kader"], deadline, vandaag
            )
        onderzoeken.append((info.id, o["gemeente"]))
        for r in o["respondenten"]:
            async with UnitOfWork(sessions) as uow:
                uitnodiging = await maak_uitnodiging(uow, cat, info.id, r["rol"], r["organisatie"])
            s = await beantwoord(sessions, cat, uitnodiging.token, r["antwoorden"])
            click.echo(f"✓ {o['gemeente']} · {r['organisatie']}: {len(s.antwoorden)} antwoorden")
        if "nog_uit_te_nodigen" in o and zelf is None:
            n = o["nog_uit_te_nodigen"]
            async with UnitOfWork(sessions) as uow:
                zelf = await maak_uitnodiging(uow, cat, info.id, n["rol"], n["organisatie"])
    eerste, eerste_gemeente = onderzoeken[0]
    uitkomsten = []
    namen = []
    async with UnitOfWork(sessions) as uow:
        bestand = await exporteer_bestand(uow, cat, eerste)
        (uit / "antwoorden.json").write_text(
            json.dumps(bestand.naar_json(), ensure_ascii=False, indent=2), encoding="utf-8"
        )
        await schrijf_csv(uow, cat, eerste, uit / "antwoorden.csv")
        await schrijf_xlsx(uow, cat, eerste, uit / "antwoorden.xlsx")
        for nummer, gemeente in onderzoeken:
            b = await beoordeel(uow, cat, nummer)
            uitkomsten.append(Uitkomst(b.datum or vandaag, b))
            naam = uit / f"factsheet-{_bestandsnaam(gemeente)}.html"
            naam.write_bytes(maak_rapport([b], "html", vandaag))
            namen.append(naam)
    await engine.dispose()
    pdf: Path | None = namen[0].with_suffix(".pdf")
    try:
        inhoud = await asyncio.to_thread(maak_rapport, [uitkomsten[0].beoordeling], "pdf", vandaag)
    except RuntimeError as fout:  # WeasyPrint without Pango: the rest of the demo still works
        click.echo(f"PDF overgeslagen: {fout}", err=True)
        pdf = None
    else:
        assert pdf is not None
        pdf.write_bytes(inhoud)
    beeld = landelijk_overzicht(uitkomsten)
    (uit / "overzicht.html").write_text(overzicht_html(beeld, vandaag), encoding="utf-8")
    schrijf_csv_tekst(uit / "overzicht.csv", overzicht_csv(beeld))
    _slot(uit, database, namen, pdf, eerste, eerste_gemeente, zelf.token if zelf else None)


def _slot(
    uit: Path,
    database: Path,
    factsheets: list[Path],
    pdf: Path | None,
    eerste: int,
    gemeente: str,
    token: str | None,
) -> None:
    """Say what was made, what to open, and what to try next."""
    breedte = max(len(str(f)) for f in [*factsheets, pdf or "", uit / "overzicht.html"])
    regels = [f"  {f!s:<{breedte}}  factsheet (concept)" for f in factsheets]
    if pdf is not None:
        regels.insert(1, f"  {pdf!s:<{breedte}}  dezelfde factsheet als PDF")
    regels.append(f"  {uit / 'overzicht.html'!s:<{breedte}}  landelijk overzicht")
    click.echo("\nKlaar. Open in uw browser:\n" + "\n".join(regels))
    click.echo(
        f"De antwoorden van {gemeente} staan ook in {uit / 'antwoorden.xlsx'} (en .csv, .json)."
    )
    stj = f"STJ_DATABASE_URL=sqlite+aiosqlite:///{database} .venv/bin/stj"
    stappen = []
    if token:
        stappen.append(
            f"Vul zelf de vragenlijst van een netwerkpartner in:\n     {stj} chat {token}"
        )
    stappen += [
        f"Maak de factsheet opnieuw (uw antwoorden tellen dan mee):\n     {stj} beoordeel "
        f"{eerste} --formaat html --uit {factsheets[0]}",
        f"Geef als inspecteur een eigen oordeel of LET OP:\n     {stj} oordeel {eerste} "
        f'sw-partijen --oordeel verbeterpunt --tekst "Politie en onderwijs doen niet mee."\n'
        f'     {stj} let-op {eerste} co-beschikbaarheid "Gezinnen wachten bij twee partners."',
        f"Leg vast wat u in een genoemd document las (zie {stj} document bewijs {eerste}):\n"
        f'     {stj} document lees {eerste} "Beleidsplan Sociaal Domein 2023-2026" ap-beleid '
        '--steun steunt --notitie "In het beleidsplan staat een aparte paragraaf over deze '
        'gezinnen."',
        f"Stel de factsheet vast (vaststellen zegt eerst wat nog open staat; --toch bevestigt):"
        f"\n     {stj} vaststellen {eerste} --toch",
    ]
    click.echo("\nProbeer daarna:")
    for n, stap in enumerate(stappen, start=1):
        click.echo(f"  {n}. {stap}")
