"""`stj chat TOKEN`: the same questionnaire in a terminal, from invitation to submitted."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import stj
from gesprek.motor import Gesprek, Invoer, Opslaan, Verplaats
from gesprek.weergave import scherm
from opslag.db import maak_engine, maak_sessionmaker
from tests.bot_hulp import uitnodiging
from tests.conftest import in_thread
from tests.test_bot import ROLLEN
from vragenlijsten.catalogus import Catalogus


def _invoerregels(
    catalogus: Catalogus,
    kader: str,
    rol: str,
    keuze: Callable[[str], int] = lambda _: 0,
    tekst: Callable[[str], str] = lambda _: "Een antwoord.",
) -> tuple[list[str], list[str]]:
    """The lines a person types to answer everything ('1' picks the first choice shown; `keuze`
    may pick another per item id, `tekst` a text), and the progress line on screen before each
    of them."""
    g = Gesprek(catalogus.vragenlijst(kader, rol), catalogus.kader(kader), {})
    regels: list[str] = []
    voortgang: list[str] = []
    positie = g.eerste_open()
    while positie is not None:
        voortgang.append(scherm(g, positie).voortgang)
        item = g.vragenlijst.item(positie.item_id)
        assert item is not None
        if positie.stap == "toelichting":
            regel, invoer = "Een toelichting.", Invoer(tekst="Een toelichting.")
        elif positie.stap == "document":
            regel, invoer = "Beleidsplan", Invoer(tekst="Beleidsplan")
        elif item.type in ("kernvraag", "schaal", "keuze"):
            knoppen = [
                k
                for rij in scherm(g, positie).knoppen
                for k in rij
                if k.actie not in ("vorige", "later")
            ]
            n = keuze(item.id)
            regel, invoer = str(n + 1), Invoer(actie=knoppen[n].actie)
        elif item.type == "meerkeuze":
            gekozen = g.antwoorden.get(item.id)
            keuzes = [
                k
                for rij in scherm(g, positie).knoppen
                for k in rij
                if k.actie not in ("vorige", "later")
            ]
            knop = keuzes[-1] if gekozen else keuzes[0]  # first option, then Klaar
            regel, invoer = str(keuzes.index(knop) + 1), Invoer(actie=knop.actie)
        elif item.type == "getal":
            regel = str(max(item.min, min(item.max, 12)))
            invoer = Invoer(tekst=regel)
        elif item.type == "datum":
            regel, invoer = "15-01-2024", Invoer(tekst="15-01-2024")
        else:
            regel = tekst(item.id)
            invoer = Invoer(tekst=regel)
        regels.append(regel)
        uitkomst = g.verwerk(positie, invoer)
        assert isinstance(uitkomst, Opslaan | Verplaats), (item.id, uitkomst)
        antwoorden = dict(g.antwoorden)
        if isinstance(uitkomst, Opslaan):
            antwoorden[uitkomst.item_id] = uitkomst.antwoord
        g = Gesprek(g.vragenlijst, g.kader, antwoorden, uitkomst.overgeslagen)
        positie = uitkomst.volgende
    return regels, voortgang


@pytest.mark.parametrize(("kader", "rol"), ROLLEN)
def test_chat_van_token_tot_ingediend(
    db_url: str, catalogus: Catalogus, monkeypatch: pytest.MonkeyPatch, kader: str, rol: str
) -> None:
    engine = maak_engine(db_url)
    info = in_thread(uitnodiging(maak_sessionmaker(engine), catalogus, kader, rol))
    in_thread(engine.dispose())
    monkeypatch.setenv("STJ_DATABASE_URL", db_url)
    regels, _ = _invoerregels(catalogus, kader, rol)
    uit = CliRunner().invoke(
        stj, ["chat", info.token], input="\n".join([*regels, "/indienen", "y", ""])
    )
    assert uit.exit_code == 0, uit.output
    assert "Alle vragen zijn beantwoord." in uit.output
    assert uit.output.rstrip().endswith("Dank u wel, uw antwoorden zijn ingediend.")
    assert "!" not in "".join(r[:2] for r in uit.output.splitlines())  # no re-prompts
    status = CliRunner().invoke(stj, ["status", str(info.onderzoek_id), "--json"])
    assert '"status": "ingediend"' in status.output


def test_chat_pauzeert_en_hervat(
    db_url: str, catalogus: Catalogus, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = maak_engine(db_url)
    info = in_thread(
        uitnodiging(maak_sessionmaker(engine), catalogus, "beleidsniveau", "netwerkpartner")
    )
    in_thread(engine.dispose())
    monkeypatch.setenv("STJ_DATABASE_URL", db_url)
    regels, voortgang = _invoerregels(catalogus, "beleidsniveau", "netwerkpartner")
    eerste = CliRunner().invoke(stj, ["chat", info.token], input="\n".join([*regels[:3], "/stop"]))
    assert "Uw antwoorden zijn bewaard." in eerste.output
    tweede = CliRunner().invoke(stj, ["chat", info.token], input="/stop\n")
    assert f"\n{voortgang[3]}\n" in tweede.output
    assert voortgang[0] not in tweede.output


@pytest.mark.debian("pdf")
def test_demo(tmp_path: Path) -> None:
    """`make demo`: three onderzoeken offline from written answers, exports, the factsheets
    and the national overview, and what to do next (with a token to try it yourself)."""
    uit = CliRunner().invoke(stj, ["demo", "--uit", str(tmp_path)])
    assert uit.exit_code == 0, uit.output
    assert uit.output.count(" antwoorden\n") == 12  # three gemeenten, each with three partners
    for naam in ("antwoorden.json", "antwoorden.csv", "antwoorden.xlsx", "overzicht.html",
                 "overzicht.csv", "factsheet-zuiderwaard.html", "factsheet-zuiderwaard.pdf",
                 "factsheet-hollingen.html", "factsheet-noordvliet.html"):  # fmt: skip
        assert (tmp_path / naam).stat().st_size > 0, naam
    assert (tmp_path / "factsheet-zuiderwaard.pdf").read_bytes()[:5] == b"%PDF-"
    data = json.loads((tmp_path / "antwoorden.json").read_text(encoding="utf-8"))
    assert [r["status"] for r in data["respondenten"]] == ["ingediend"] * 4 + ["uitgenodigd"]
    assert data["respondenten"][0]["antwoorden"]["inwoners"] == {"waarde": 58400}
    factsheet = (tmp_path / "factsheet-zuiderwaard.html").read_text(encoding="utf-8")
    assert "Volgens de gemeente ontbreken nog de politie en het onderwijs" in factsheet
    assert "Antwoord van de demo" not in factsheet and "Uw organisatie" not in factsheet
    assert "Probeer daarna:" in uit.output and "overzicht.html" in uit.output
    token = uit.output.rsplit("stj chat ", 1)[1].split()[0]
    chat = CliRunner().invoke(
        stj,
        ["chat", token],
        input="/stop\n",
        env={"STJ_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/demo.db"},
    )
    assert "Vraag 1 van" in chat.output
