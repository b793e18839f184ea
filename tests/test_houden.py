"""Going back and forward through answers as a respondent does: what is stored (an answer, a
toelichting, a document) is kept with one press, "Houden", offered first in the engine, in
Telegram and in `stj chat` (there also with Enter); removing it is a choice that says so. And one
numbering: "Vraag N van M", the overview and /wijzig_N agree."""

from __future__ import annotations

import json
from typing import Any

from click.testing import CliRunner
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cli.main import stj as stj_groep
from gesprek.motor import Gesprek, Herhaal, Invoer, Opslaan, Positie, Verplaats
from gesprek.weergave import item_met_nummer, overzicht, scherm
from opslag.antwoorden import antwoorden_van
from opslag.modellen import AntwoordHistorie
from opslag.uow import UnitOfWork
from tests.bot_hulp import start_bot, uitnodiging, vraagnummer
from tests.nep_telegram import Gebruiker
from vragenlijsten.antwoorden import Antwoord
from vragenlijsten.catalogus import Catalogus

Sessies = async_sessionmaker[AsyncSession]
ITEM = "gc-eigen-kracht"  # a kernvraag with a toelichting and a document step
TOELICHTING = "De politie hanteert een eigen definitie."
VOL = Antwoord(waarde="nee", toelichting=TOELICHTING, document="Convenant 2024")


def _gesprek(catalogus: Catalogus, rol: str = "gemeente", **antwoorden: Antwoord) -> Gesprek:
    vragenlijst = catalogus.vragenlijst("beleidsniveau", rol)
    return Gesprek(vragenlijst, catalogus.kader("beleidsniveau"), antwoorden)


def _labels(g: Gesprek, positie: Positie) -> list[str]:
    return [k.label for rij in scherm(g, positie).knoppen for k in rij]


def test_houden_komt_eerst_en_herschrijft_niets(catalogus: Catalogus) -> None:
    g = _gesprek(catalogus, **{ITEM: VOL})
    for stap, weg in (("toelichting", "Toelichting weghalen"), ("document", "Document weghalen")):
        positie = Positie(ITEM, stap)  # type: ignore[arg-type]
        assert _labels(g, positie)[:2] == ["Houden", weg], stap
        uitkomst = g.verwerk(positie, Invoer(actie="houden"))
        assert isinstance(uitkomst, Verplaats) and uitkomst.bevestiging == "Gehouden"
    assert "Huidige toelichting: " + TOELICHTING in scherm(g, Positie(ITEM, "toelichting")).tekst
    assert "Huidig document: Convenant 2024" in scherm(g, Positie(ITEM, "document")).tekst
    # At the question itself Houden keeps the answer and goes on to its toelichting.
    assert _labels(g, Positie(ITEM))[:2] == ["Houden", "Ja"]
    verder = g.verwerk(Positie(ITEM), Invoer(actie="houden"))
    assert isinstance(verder, Verplaats) and verder.volgende == Positie(ITEM, "toelichting")
    # Removing is still possible, and says what it does.
    weg = g.verwerk(Positie(ITEM, "toelichting"), Invoer(actie="overslaan"))
    assert isinstance(weg, Opslaan) and weg.antwoord.toelichting is None
    assert weg.bevestiging == "Toelichting weggehaald"
    # Without anything stored there is nothing to keep: no Houden, "Geen toelichting" as before.
    leeg = _gesprek(catalogus, **{ITEM: Antwoord(waarde="ja")})
    assert _labels(leeg, Positie(ITEM, "toelichting"))[0] == "Geen toelichting"
    assert "Houden" not in _labels(_gesprek(catalogus), Positie(ITEM))
    zonder = _gesprek(catalogus).verwerk(Positie(ITEM), Invoer(actie="houden"))
    assert isinstance(zonder, Herhaal)


async def _antwoord_en_historie(sessions: Sessies, uitnodiging_id: int) -> tuple[Antwoord, int]:
    async with UnitOfWork(sessions) as uow:
        antwoord = (await antwoorden_van(uow, [uitnodiging_id]))[uitnodiging_id][ITEM]
        historie = await uow.session.scalar(
            select(func.count())
            .select_from(AntwoordHistorie)
            .where(AntwoordHistorie.item_id == ITEM)
        )
    return antwoord, int(historie or 0)


async def test_terug_en_verder_in_telegram_houdt_toelichting_en_document(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    bot = await start_bot(sessions, catalogus)
    info = await uitnodiging(sessions, catalogus, "beleidsniveau", "gemeente")
    gebruiker = Gebruiker(bot.app, bot.nep, 7301)
    await gebruiker.typ(f"/start {info.token}")
    await gebruiker.druk("Beginnen")
    await gebruiker.typ(f"/wijzig_{vraagnummer(catalogus, 'beleidsniveau', 'gemeente', ITEM)}")
    await gebruiker.druk("Nee")
    await gebruiker.typ(TOELICHTING)
    await gebruiker.typ("Convenant 2024")
    voor = await _antwoord_en_historie(sessions, info.id)
    assert voor[0] == VOL

    # Back to the question: its answer, toelichting and document are shown, Houden first.
    await gebruiker.druk("◀ Vorige")
    vraag = gebruiker.laatste_met_knoppen()
    assert "Huidig antwoord: Nee · toelichting: " + TOELICHTING in vraag.tekst
    assert vraag.knoppen()[0] == "Houden"
    await gebruiker.druk("Houden")
    toelichting = gebruiker.laatste_met_knoppen()
    assert "Huidige toelichting: " + TOELICHTING in toelichting.tekst
    assert toelichting.knoppen()[:2] == ["Houden", "Toelichting weghalen"]
    await gebruiker.druk("Houden")
    document = gebruiker.laatste_met_knoppen()
    assert document.knoppen()[:2] == ["Houden", "Document weghalen"]
    await gebruiker.druk("Houden")
    assert ITEM not in gebruiker.laatste_met_knoppen().tekst  # on to the next question
    # Nothing was rewritten: the same answer and no new history.
    assert await _antwoord_en_historie(sessions, info.id) == voor


def test_chat_houdt_een_toelichting_met_enter(stj: Any, catalogus: Catalogus) -> None:
    onderzoek = stj("onderzoek", "nieuw", "--gemeente", "Aa", "--aanpak", "Sterk", "--kader",
                    "beleidsniveau", "--deadline", "2031-12-31", "--json").json()["id"]  # fmt: skip
    token = stj("uitnodiging", "nieuw", str(onderzoek), "--rol", "netwerkpartner",
                "--organisatie", "Politie", "--json").json()["token"]  # fmt: skip
    nummer = vraagnummer(catalogus, "beleidsniveau", "netwerkpartner", ITEM)
    invoer = [
        f"/wijzig_{nummer}",
        "misschien",  # not an answer: say which answers there are, not which "buttons"
        "3",  # Nee
        TOELICHTING,
        "Convenant 2024",
        "/vorige",  # back to the question
        "",  # Enter keeps the answer ...
        "1",  # ... 1 at the toelichting keeps it too (it used to remove it)
        "",  # and Enter keeps the document
        "/stop",
    ]
    uit = CliRunner().invoke(stj_groep, ["chat", token], input="\n".join(invoer) + "\n")
    assert uit.exit_code == 0, uit.output
    assert "Kies een antwoord: Ja, Deels, Nee of Weet ik niet." in uit.output
    assert "knop" not in uit.output.lower()  # a terminal has no buttons
    terug = uit.output.split("> /vorige")[1]
    assert "  [Enter] Houden\n  [1] Ja\n" in terug  # the answers keep their numbers
    assert "Huidige toelichting: " + TOELICHTING in terug
    assert "  [1] Houden  (of Enter)\n  [2] Toelichting weghalen" in terug
    assert terug.count("✓ Gehouden") == 3
    export = stj("export", str(onderzoek), "--formaat", "json", "--uit", "-").json()
    assert export["respondenten"][0]["antwoorden"][ITEM] == VOL.model_dump(exclude_none=True)


def test_chat_kent_wissen(stj: Any) -> None:
    onderzoek = stj("onderzoek", "nieuw", "--gemeente", "Aa", "--aanpak", "Sterk", "--kader",
                    "beleidsniveau", "--deadline", "2031-12-31", "--json").json()["id"]  # fmt: skip
    token = stj("uitnodiging", "nieuw", str(onderzoek), "--rol", "gemeente", "--organisatie",
                "Gemeente Aa", "--json").json()["token"]  # fmt: skip
    uit = CliRunner().invoke(
        stj_groep, ["chat", token], input="12\n/wissen\nn\n/wissen\nj\n/stop\n"
    )
    assert uit.exit_code == 0, uit.output
    assert "Zolang u niet heeft ingediend, kunt u al uw antwoorden wissen met /wissen" in (
        uit.output
    )  # the promise of the introduction ...
    assert "Die opdracht ken ik niet" not in uit.output  # ... is kept
    assert "Prima, er is niets veranderd." in uit.output
    assert "Uw 1 antwoorden zijn gewist." in uit.output
    status = json.loads(stj("status", str(onderzoek), "--json").out)
    assert status["respondenten"][0]["beantwoord"] == 0


def test_een_nummering_voor_vraag_n_overzicht_en_wijzig(catalogus: Catalogus) -> None:
    # The netwerkpartner's second item shows only after "anders": numbers must not skip it.
    g = _gesprek(catalogus, "netwerkpartner")
    regels = [r for _, deel in overzicht(g) for r in deel]
    assert [r.nummer for r in regels] == list(range(1, len(regels) + 1))
    totaal = g.aantal_vragen()
    assert len(regels) == totaal
    for r in regels:
        positie = item_met_nummer(g, r.nummer)
        assert positie is not None
        assert scherm(g, positie).voortgang.startswith(f"Vraag {r.nummer} van {totaal} ")


async def test_overzicht_in_telegram_nummert_als_vraag_n(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    bot = await start_bot(sessions, catalogus)
    info = await uitnodiging(sessions, catalogus, "beleidsniveau", "netwerkpartner")
    gebruiker = Gebruiker(bot.app, bot.nep, 7302)
    await gebruiker.typ(f"/start {info.token}")
    await gebruiker.druk("Beginnen")
    tekst = "\n".join(gebruiker.berichten(await gebruiker.typ("/overzicht")))
    g = _gesprek(catalogus, "netwerkpartner")
    assert f"\n{g.aantal_vragen()}. " in tekst and f"\n{g.aantal_vragen() + 1}. " not in tekst
    vijf = gebruiker.berichten(await gebruiker.typ("/wijzig_5"))[-1]
    assert vijf.startswith(f"Vraag 5 van {g.aantal_vragen()} ")
