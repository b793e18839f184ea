"""The edges found by trying the product as a new user and then as an adversary would (issue
10): each test here failed before its fix. The conversation engine, the Telegram adapter and
the command line, on both backends where storage is involved."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.inspecteur import ALLEEN_INSPECTEURS
from cli.chat import Onderbroken, ononderbroken
from cli.main import stj as stj_groep
from gesprek import teksten
from gesprek.invoer import lees_getal, lees_nummer
from gesprek.lengte import MAX_BERICHT, utf16_lengte
from gesprek.motor import Gesprek, Herhaal, Invoer, Opslaan, Positie
from gesprek.weergave import scherm
from opslag.audit import audit_log
from opslag.inspecteurs import koppel, maak_inspecteur, trek_inspecteur_in
from opslag.modellen import Inspecteur
from opslag.onderzoeken import maak_onderzoek, sluit_onderzoek, trek_uitnodiging_in
from opslag.uow import UnitOfWork
from tests.bot_hulp import start_bot, uitnodiging, vraagnummer
from tests.nep_telegram import Gebruiker
from tests.proces import lees_tot
from vragenlijsten.antwoorden import Antwoord
from vragenlijsten.catalogus import Catalogus

Sessies = async_sessionmaker[AsyncSession]
EMOJI = "😀" * 2000  # 2,000 characters, 4,000 UTF-16 units


def _gesprek(catalogus: Catalogus, rol: str = "gemeente", **antwoorden: Antwoord) -> Gesprek:
    kader = "beleidsniveau" if rol in ("gemeente", "netwerkpartner") else "casusniveau"
    return Gesprek(catalogus.vragenlijst(kader, rol), catalogus.kader(kader), antwoorden)


# --- the engine -------------------------------------------------------------------------------


def test_geen_toelichting_en_geen_document_wissen_het_oude(catalogus: Catalogus) -> None:
    oud = Antwoord(waarde="ja", toelichting="Oude uitleg", document="Oud plan")
    g = _gesprek(catalogus, **{"ap-beleid": oud})
    toelichting = g.verwerk(Positie("ap-beleid", "toelichting"), Invoer(actie="overslaan"))
    assert isinstance(toelichting, Opslaan) and toelichting.antwoord.toelichting is None
    assert toelichting.volgende == Positie("ap-beleid", "document")
    document = g.verwerk(Positie("ap-beleid", "document"), Invoer(actie="overslaan"))
    assert isinstance(document, Opslaan) and document.antwoord.document is None
    assert document.antwoord.toelichting == "Oude uitleg"


@pytest.mark.parametrize(
    ("tekst", "getal"),
    [("12", 12), ("95.000", 95000), ("²", None), ("٣", None), ("9" * 5000, None), ("-4", -4)],
)
def test_getallen_lezen_zonder_te_crashen(tekst: str, getal: int | None) -> None:
    assert lees_getal(tekst) == getal


@pytest.mark.parametrize(
    ("tekst", "nummer"),
    [("3", 3), ("²", None), ("0", None), ("2147483647", 2147483647), ("2147483648", None),
     ("99999999999999999999", None), ("-1", None), (" 7 ", 7), ("", None)],
)  # fmt: skip
def test_nummers_hebben_grenzen(tekst: str, nummer: int | None) -> None:
    assert lees_nummer(tekst) == nummer


def test_superscript_bij_meerkeuze_en_getal(catalogus: Catalogus) -> None:
    g = _gesprek(catalogus, "regisseur")
    meerkeuze = g.verwerk(Positie("problemen-bij-start"), Invoer(tekst="² 1"))
    assert isinstance(meerkeuze, Herhaal)
    getal = _gesprek(catalogus).verwerk(Positie("inwoners"), Invoer(tekst="²"))
    assert isinstance(getal, Herhaal) and getal.melding.startswith("Vul een getal tussen")


def test_een_lang_antwoord_past_in_elk_bericht(catalogus: Catalogus) -> None:
    g = _gesprek(catalogus)
    uitkomst = g.verwerk(Positie("aanpak-beschrijving"), Invoer(tekst=EMOJI))
    assert isinstance(uitkomst, Opslaan) and uitkomst.antwoord.waarde == EMOJI  # all stored
    assert utf16_lengte(uitkomst.bevestiging) <= 300
    terug = Gesprek(g.vragenlijst, g.kader, {"aanpak-beschrijving": uitkomst.antwoord})
    assert utf16_lengte(scherm(terug, Positie("aanpak-beschrijving")).volledig()) <= MAX_BERICHT


def test_ononderbroken_laat_een_schrijfactie_afmaken() -> None:
    klaar = []
    with pytest.raises(Onderbroken), ononderbroken():
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C in the middle of storing an answer
        klaar.append("opgeslagen")
    assert klaar == ["opgeslagen"]


# --- Telegram ---------------------------------------------------------------------------------


async def test_2000_emoji_breken_de_chat_niet(sessions: Sessies, catalogus: Catalogus) -> None:
    bot = await start_bot(sessions, catalogus)
    info = await uitnodiging(sessions, catalogus, "beleidsniveau", "gemeente")
    gebruiker = Gebruiker(bot.app, bot.nep, 8801)
    await gebruiker.typ(f"/start {info.token}")
    await gebruiker.druk("Beginnen")
    nummer = vraagnummer(catalogus, "beleidsniveau", "gemeente", "aanpak-beschrijving")
    await gebruiker.typ(f"/wijzig_{nummer}")
    oproepen = await gebruiker.typ(EMOJI)
    oproepen += await gebruiker.typ(f"/wijzig_{nummer}")  # going back to it
    oproepen += await gebruiker.typ("/overzicht")
    teksten_ = [o.tekst for o in oproepen if o.methode in ("sendMessage", "editMessageText")]
    assert teksten_ and all(utf16_lengte(t) <= MAX_BERICHT for t in teksten_)
    assert any("Huidig antwoord: 😀" in t for t in teksten_)


async def test_vervalste_getallen_in_knoppen_en_opdrachten(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    bot = await start_bot(sessions, catalogus)
    await uitnodiging(sessions, catalogus, "beleidsniveau", "gemeente")
    async with UnitOfWork(sessions) as uow:
        ik = await maak_inspecteur(uow, "A. de Vries")
    inspecteur = Gebruiker(bot.app, bot.nep, 8811)
    await inspecteur.typ(f"/start {ik.token}")
    vreemde = Gebruiker(bot.app, bot.nep, 8812)
    groot = "99999999999999999999"
    for data in (f"a|{groot}|inwoners|w|w:ja", f"s|{groot}", f"i|{groot}|ja", "a|²|x|w|w:ja"):
        oproepen = await vreemde.druk_data(data)
        assert [o.params.get("text") for o in oproepen if o.methode == "answerCallbackQuery"] == [
            "Deze knop werkt niet meer. Typ /verder."
        ], data
    for opdracht in (f"/status {groot}", "/status ²", f"/export {groot} csv", f"/verleng {groot}"):
        assert inspecteur.berichten(await inspecteur.typ(opdracht))[0].startswith(
            "Geef het nummer van het onderzoek"
        ), opdracht
    beantwoord = await inspecteur.druk_data(f"b|onderzoek|{groot}")
    assert any(o.methode == "answerCallbackQuery" for o in beantwoord)
    assert inspecteur.berichten(beantwoord) == [
        "Deze knop hoort bij een eerdere stap. Begin opnieuw met /nieuw of /uitnodigen."
    ]
    assert vreemde.berichten(await vreemde.typ(f"/wijzig_{groot}")) == [teksten.ONBEKENDE_OPDRACHT]


async def _wizard(sessions: Sessies, inspecteur_id: int) -> Any:
    async with sessions() as s:
        rij = await s.get(Inspecteur, inspecteur_id)
        assert rij is not None
        return rij.wizard


async def test_wizard_oude_en_geweigerde_knoppen(sessions: Sessies, catalogus: Catalogus) -> None:
    bot = await start_bot(sessions, catalogus)
    async with UnitOfWork(sessions) as uow:
        beleid = await maak_onderzoek(uow, catalogus, "Aa", "Bb", "beleidsniveau")
    async with UnitOfWork(sessions) as uow:
        ander = await maak_onderzoek(uow, catalogus, "Cc", "Dd", "beleidsniveau")
    async with UnitOfWork(sessions) as uow:
        ik = await maak_inspecteur(uow, "A. de Vries")
    async with UnitOfWork(sessions) as uow:
        await koppel(uow, beleid.id, ik.id)
        await uow.commit()
    inspecteur = Gebruiker(bot.app, bot.nep, 8821)
    await inspecteur.typ(f"/start {ik.token}")
    await inspecteur.typ(f"/uitnodigen {beleid.id}")
    voor = await _wizard(sessions, ik.id)
    assert voor["stap"] == "rol"
    # A role button of another kader (an old message, or forged): refused, nothing changes.
    geweigerd = inspecteur.berichten(await inspecteur.druk_data("b|rol|ouder"))
    assert geweigerd == [
        "Deze knop hoort bij een eerdere stap. Begin opnieuw met /nieuw of /uitnodigen."
    ]
    assert await _wizard(sessions, ik.id) == voor
    # Asking to invite for an onderzoek one is not linked to: refused, wizard state rolled back.
    nee = inspecteur.berichten(await inspecteur.typ(f"/uitnodigen {ander.id}"))
    assert nee == [f"U bent niet gekoppeld aan onderzoek {ander.id}."]
    assert await _wizard(sessions, ik.id) == voor
    async with UnitOfWork(sessions) as uow:
        log = await audit_log(uow, ander.id)
    assert [(r.wie, r.geweigerd) for r in log] == [(ik.wie, True)]


async def test_wizard_casus_met_grenzen(sessions: Sessies, catalogus: Catalogus) -> None:
    bot = await start_bot(sessions, catalogus)
    async with UnitOfWork(sessions) as uow:
        casus = await maak_onderzoek(uow, catalogus, "Zwolle", "Bemoeizorg", "casusniveau")
    async with UnitOfWork(sessions) as uow:
        ik = await maak_inspecteur(uow, "A. de Vries", coordinator=True)
    inspecteur = Gebruiker(bot.app, bot.nep, 8831)
    await inspecteur.typ(f"/start {ik.token}")
    await inspecteur.typ(f"/uitnodigen {casus.id}")
    await inspecteur.druk("Ouder")
    assert "Nieuw gezin (gezin A)" in inspecteur.laatste_met_knoppen().knoppen()
    assert inspecteur.berichten(await inspecteur.typ("g" * 150)) == [
        "Dat is te lang: casus is 150 tekens lang; maximaal 100. Typ het korter, of /annuleer."
    ]
    assert inspecteur.berichten(await inspecteur.typ("Familie Jansen, Dorpsstraat 3")) == [
        "casus 'Familie Jansen, Dorpsstraat 3' kan een naam of adres bevatten; een gezin wordt "
        "alleen met een label vastgelegd, zoals 'gezin 1' of 'gezin A' (laat --casus weg voor "
        "het volgende vrije label)"
    ]
    klaar = inspecteur.berichten(await inspecteur.druk("Nieuw gezin (gezin A)"))
    assert klaar[0].startswith("Uitnodiging voor ouder of verzorger · gezin A.")
    await inspecteur.druk_data(f"b|opnieuw|{casus.id}")  # "Nog iemand uitnodigen", under the QR
    await inspecteur.druk("Regisseur")
    await inspecteur.typ("GGD")
    assert inspecteur.laatste_met_knoppen().knoppen()[:2] == ["gezin A", "Nieuw gezin (gezin B)"]


async def test_beoordeling_zonder_antwoorden_en_conclusies(
    sessions: Sessies, catalogus: Catalogus
) -> None:
    bot = await start_bot(sessions, catalogus)
    async with UnitOfWork(sessions) as uow:
        leeg = await maak_onderzoek(uow, catalogus, "Aa", "Bb", "beleidsniveau")
    async with UnitOfWork(sessions) as uow:
        ik = await maak_inspecteur(uow, "A. de Vries", coordinator=True)
    inspecteur = Gebruiker(bot.app, bot.nep, 8841)
    await inspecteur.typ(f"/start {ik.token}")
    eerste = inspecteur.berichten(await inspecteur.typ(f"/beoordeling {leeg.id}"))[0]
    assert "Voorstel: – niet beoordeeld" in eerste
    # Akkoord with "niet beoordeeld" moves on (it used to loop on an error).
    assert inspecteur.berichten(await inspecteur.druk("✓ Akkoord"))[0].startswith("Indicator 2 ")
    await inspecteur.druk("Naar het einde")
    themas = inspecteur.berichten(await inspecteur.druk("Conclusies per thema"))
    assert themas[0].startswith("Conclusie 1 van 5: Toeleiding")


@pytest.mark.debian("pdf")
async def test_pdf_houdt_de_chat_niet_op(sessions: Sessies, catalogus: Catalogus) -> None:
    bot = await start_bot(sessions, catalogus)
    async with UnitOfWork(sessions) as uow:
        leeg = await maak_onderzoek(uow, catalogus, "Aa", "Bb", "beleidsniveau")
    async with UnitOfWork(sessions) as uow:
        ik = await maak_inspecteur(uow, "A. de Vries", coordinator=True)
    inspecteur = Gebruiker(bot.app, bot.nep, 8851)
    await inspecteur.typ(f"/start {ik.token}")
    await inspecteur.typ(f"/beoordeling {leeg.id}")
    await inspecteur.druk("Naar het einde")
    direct = await inspecteur.druk("PDF sturen")
    assert inspecteur.berichten(direct) == [
        "De PDF van de factsheet wordt gemaakt; u krijgt hem zo."
    ]
    assert not any(o.methode == "sendDocument" for o in direct)
    # The inspector's next message is answered while the PDF is still being made.
    assert inspecteur.berichten(await inspecteur.typ("/onderzoeken"))[0].startswith(
        "Uw onderzoeken"
    )
    for _ in range(3000):
        if any(o.methode == "sendDocument" for o in bot.nep.oproepen):
            break
        await asyncio.sleep(0.01)
    assert any(o.methode == "sendDocument" for o in bot.nep.oproepen)


async def test_pdf_die_niet_kan_zegt_dat(
    sessions: Sessies, catalogus: Catalogus, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bot.beoordelen

    def zonder_pango(*_args: object) -> bytes:
        raise RuntimeError("PDF maken kan niet: Pango ontbreekt")

    monkeypatch.setattr(bot.beoordelen, "maak_rapport", zonder_pango)
    opstelling = await start_bot(sessions, catalogus)
    async with UnitOfWork(sessions) as uow:
        leeg = await maak_onderzoek(uow, catalogus, "Aa", "Bb", "beleidsniveau")
    async with UnitOfWork(sessions) as uow:
        ik = await maak_inspecteur(uow, "A. de Vries", coordinator=True)
    inspecteur = Gebruiker(opstelling.app, opstelling.nep, 8852)
    await inspecteur.typ(f"/start {ik.token}")
    await inspecteur.typ(f"/beoordeling {leeg.id}")
    await inspecteur.druk("Naar het einde")
    berichten = inspecteur.berichten(await inspecteur.druk_en_wacht("PDF sturen"))
    assert berichten[-1] == "De PDF kan niet worden gemaakt: PDF maken kan niet: Pango ontbreekt."


async def test_een_falende_knop_wordt_beantwoord(
    sessions: Sessies, catalogus: Catalogus, monkeypatch: pytest.MonkeyPatch
) -> None:
    bot = await start_bot(sessions, catalogus)
    info = await uitnodiging(sessions, catalogus, "beleidsniveau", "gemeente")
    gebruiker = Gebruiker(bot.app, bot.nep, 8861)
    await gebruiker.typ(f"/start {info.token}")
    await gebruiker.druk("Beginnen")

    def kapot(*_: object) -> None:
        raise RuntimeError("stuk")

    monkeypatch.setattr("bot.vragen.gesprek_van", kapot)
    oproepen = await gebruiker.druk_data(f"a|{info.id}|inwoners|w|overslaan")
    assert any(o.methode == "answerCallbackQuery" for o in oproepen)
    assert gebruiker.berichten(oproepen) == [teksten.FOUT]


async def test_een_inspecteurssessie_in_het_auditlog(
    sessions: Sessies, catalogus: Catalogus, stj: Any
) -> None:
    bot = await start_bot(sessions, catalogus)
    async with UnitOfWork(sessions) as uow:
        ik = await maak_inspecteur(uow, "A. de Vries")
    inspecteur = Gebruiker(bot.app, bot.nep, 8871)
    await inspecteur.typ(f"/start {ik.token}")
    await inspecteur.typ("/nieuw")
    await inspecteur.typ("Leeuwarden")
    await inspecteur.typ("Sterke Gezinnen")
    await inspecteur.druk("Toetsingskader beleidsniveau")
    await inspecteur.typ("31-12-2026")
    await inspecteur.typ("/uitnodigen 1")
    await inspecteur.druk("Gemeente")
    await inspecteur.typ("Gemeente Leeuwarden")
    await inspecteur.typ("/status 1")
    await inspecteur.typ("/verleng 1 31-01-2027")
    await inspecteur.typ("/export 1 csv")
    vreemde = Gebruiker(bot.app, bot.nep, 8872)
    await vreemde.typ("/status 1")
    uit = await asyncio.to_thread(stj, "audit", "--onderzoek", "1")
    assert uit.code == 0, uit.err
    regels = uit.out.splitlines()
    wie = "inspecteur 1 (A. de Vries)"
    verwacht = [
        (wie, "onderzoek nieuw · onderzoek 1 · Leeuwarden · Sterke Gezinnen"),
        (wie, "/uitnodigen 1 · onderzoek 1"),
        (wie, "uitnodiging nieuw · onderzoek 1 · gemeente · Gemeente Leeuwarden"),
        (wie, "/status 1 · onderzoek 1"),
        (wie, "/verleng 1 31-01-2027 · onderzoek 1"),
        (wie, "/export 1 csv · onderzoek 1"),
        ("telegram:8872", "inspecteursopdracht · onderzoek 1 · GEWEIGERD · /status 1"),
    ]
    for persoon, actie in verwacht:
        assert any(r.endswith(f"· {persoon} · {actie}") for r in regels), (persoon, actie, regels)
    async with UnitOfWork(sessions) as uow:
        log = await audit_log(uow)
    assert [r.geweigerd for r in log if r.wie == "telegram:8872"] == [True]


async def test_intrekken(sessions: Sessies, catalogus: Catalogus) -> None:
    bot = await start_bot(sessions, catalogus)
    info = await uitnodiging(sessions, catalogus, "beleidsniveau", "gemeente")
    respondent = Gebruiker(bot.app, bot.nep, 8881)
    await respondent.typ(f"/start {info.token}")
    await respondent.druk("Beginnen")
    async with UnitOfWork(sessions) as uow:
        await trek_uitnodiging_in(uow, info.id)
    assert respondent.berichten(await respondent.typ("12")) == [teksten.INGETROKKEN]
    ander = Gebruiker(bot.app, bot.nep, 8882)
    assert ander.berichten(await ander.typ(f"/start {info.token}")) == [
        "Deze uitnodiging is ingetrokken. Neem contact op met de inspecteur als u denkt dat dit "
        "niet klopt."
    ]
    async with UnitOfWork(sessions) as uow:
        ik = await maak_inspecteur(uow, "B. Bos", coordinator=True)
    inspecteur = Gebruiker(bot.app, bot.nep, 8883)
    await inspecteur.typ(f"/start {ik.token}")
    assert inspecteur.berichten(await inspecteur.typ("/onderzoeken"))[0].startswith(
        "Uw onderzoeken"
    )
    async with UnitOfWork(sessions) as uow:
        await trek_inspecteur_in(uow, ik.id)
    assert inspecteur.berichten(await inspecteur.typ("/onderzoeken")) == [ALLEEN_INSPECTEURS]


# --- the command line -------------------------------------------------------------------------


def _uitnodiging_cli(stj: Any, kader: str = "beleidsniveau") -> tuple[str, str]:
    onderzoek = stj("onderzoek", "nieuw", "--gemeente", "Aa", "--aanpak", "Bb", "--kader", kader,
                    "--json").json()["id"]  # fmt: skip
    rol = ["--rol", "gemeente", "--organisatie", "Gemeente Aa"]
    if kader == "casusniveau":
        rol = ["--rol", "regisseur", "--organisatie", "GGD"]
    info = stj("uitnodiging", "nieuw", str(onderzoek), *rol, "--json").json()
    return str(onderzoek), info["token"]


def test_chat_is_dicht_na_sluiten(stj: Any) -> None:
    onderzoek, token = _uitnodiging_cli(stj)
    assert stj("onderzoek", "sluit", onderzoek).code == 0
    uit = CliRunner().invoke(stj_groep, ["chat", token], input="12\n/indienen\nj\n")
    assert uit.exit_code == 0, uit.output
    assert teksten.GESLOTEN in uit.output and "Vraag 1 van" not in uit.output
    assert json.loads(stj("status", onderzoek, "--json").out)["respondenten"][0]["beantwoord"] == 0


def test_chat_help_wijzig_en_ontbrekende_vragen(stj: Any) -> None:
    _, token = _uitnodiging_cli(stj)
    uit = CliRunner().invoke(
        stj_groep, ["chat", token], input="/help\n12\n/wijzig_1\n/indienen\n/stop\n"
    )
    assert uit.exit_code == 0, uit.output
    assert "/wijzig_N – ga naar vraag N om uw antwoord te veranderen" in uit.output
    assert "Vraag 1 van" in uit.output.split("> /wijzig_1")[1]  # back at question 1
    assert "Deze verplichte vragen zijn nog niet beantwoord:" in uit.output
    assert "  2. Hoeveel meerpersoonshuishoudens met kinderen" not in uit.output  # optional
    assert "/wijzig_" in uit.output.split("Deze verplichte vragen")[1]
    assert "aanpak-naam" not in uit.output  # never an internal id


def test_chat_stopt_netjes_bij_ctrl_c(db_url: str, stj: Any) -> None:
    onderzoek, token = _uitnodiging_cli(stj)
    proces = subprocess.Popen(
        [str(Path(sys.executable).parent / "stj"), "chat", token],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "STJ_DATABASE_URL": db_url, "PYTHONUNBUFFERED": "1"},
        cwd=Path(__file__).resolve().parents[1],
    )
    assert proces.stdin is not None and proces.stdout is not None
    proces.stdin.write(b"12\n")
    proces.stdin.flush()
    # Ready when the answer is confirmed and the next question's prompt waits for input.
    gezien = lees_tot(proces.stdout, "✓ 12")
    gezien = lees_tot(proces.stdout, "\n> ", gelezen=gezien)
    proces.send_signal(signal.SIGINT)
    uit, _ = proces.communicate(timeout=60)
    tekst = gezien + uit.decode("utf-8")
    assert proces.returncode == 0, tekst
    assert "Aborted!" not in tekst and "Traceback" not in tekst
    assert "✓ 12" in tekst and "Uw antwoorden zijn bewaard" in tekst
    status = stj("status", onderzoek, "--json").json()
    assert status["respondenten"][0]["beantwoord"] == 1


def test_cli_randen(stj: Any, tmp_path: Path) -> None:
    onderzoek, _ = _uitnodiging_cli(stj)
    # --uit - writes to standard output, not to a file called "-".
    uit = stj("export", onderzoek, "--formaat", "json", "--uit", "-")
    assert json.loads(uit.out)["onderzoek"]["gemeente"] == "Aa" and not Path("-").exists()
    # A QR code that cannot be written creates no invitation.
    qr = stj("uitnodiging", "nieuw", onderzoek, "--rol", "netwerkpartner", "--organisatie",
             "Politie", "--qr", "/bestaat/niet/x.png")  # fmt: skip
    assert (qr.code, qr.err) == (
        1,
        "fout: kan de QR-code niet schrijven: map '/bestaat/niet' bestaat niet of is niet "
        "schrijfbaar\n",
    )
    assert len(stj("status", onderzoek, "--json").json()["respondenten"]) == 1
    # Vastgesteld is read-only until reopened with a reason (one respondent has not
    # submitted: confirmed).
    assert stj("vaststellen", onderzoek, "--toch").code == 0
    dicht = stj("oordeel", onderzoek, "tl-populatie", "--oordeel", "voldoet")
    assert dicht.err == (
        f"fout: de beoordeling van onderzoek {onderzoek} is vastgesteld en kan niet meer "
        f"veranderen; heropen haar eerst met 'stj vaststellen {onderzoek} --concept --reden …'\n"
    )
    assert stj("conclusie", onderzoek, "Toeleiding", "--gaat-goed", "x").code == 1
    zonder = stj("vaststellen", onderzoek, "--concept")
    assert "geef bij het heropenen een reden (--reden)" in zonder.err
    assert stj("vaststellen", onderzoek, "--concept", "--reden", "Nieuwe stukken").code == 0
    assert stj("oordeel", onderzoek, "tl-populatie", "--oordeel", "voldoet").code == 0
    acties = [r["actie"] for r in stj("audit", "--json").json()]
    assert acties[-3:] == ["vaststellen", "heropenen", "oordeel"]


def test_vragenlijst_controleer_randen(stj: Any, tmp_path: Path) -> None:
    (tmp_path / "latin.yaml").write_bytes("vragenlijst: gemeente\ntitel: café\n".encode("latin-1"))
    fout = stj("vragenlijst", "controleer", str(tmp_path / "latin.yaml"))
    assert (fout.code, fout.err) == (
        1,
        "fout: latin.yaml:2: het bestand is geen UTF-8-tekst; sla het op als UTF-8\n",
    )
    (tmp_path / "leeg").mkdir()
    leeg = stj("vragenlijst", "controleer", str(tmp_path / "leeg"))
    assert leeg.code == 1 and "geen kader- of vragenlijstbestanden gevonden" in leeg.err


def test_bot_zonder_bereikbare_bot_api(stj: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STJ_TELEGRAM_TOKEN", "123:ABC")
    monkeypatch.setenv("STJ_TELEGRAM_API_URL", "http://127.0.0.1:9/bot")
    uit = stj("bot")
    assert uit.code == 1 and uit.err.count("\n") == 1
    assert uit.err.startswith("fout: de Bot API is niet bereikbaar op http://127.0.0.1:9/bot")


def test_casuslabels_worden_toegekend(stj: Any) -> None:
    onderzoek, _ = _uitnodiging_cli(stj, "casusniveau")
    tweede = stj("uitnodiging", "nieuw", onderzoek, "--rol", "regisseur", "--organisatie", "GGD",
                 "--json").json()  # fmt: skip
    ouder = stj("uitnodiging", "nieuw", onderzoek, "--rol", "ouder", "--casus", "Gezin a",
                "--json").json()  # fmt: skip
    assert (tweede["casus"], ouder["casus"]) == ("gezin B", "gezin A")


async def test_herinneringen_niet_na_sluiten(sessions: Sessies, catalogus: Catalogus) -> None:
    from opslag.herinneringen import claim_geplande, plan_geplande_rondes

    bot = await start_bot(sessions, catalogus)
    info = await uitnodiging(sessions, catalogus, "beleidsniveau", "gemeente")
    respondent = Gebruiker(bot.app, bot.nep, 8891)
    await respondent.typ(f"/start {info.token}")
    moment = dt.datetime(2026, 12, 29, 9, 0, tzinfo=dt.UTC)  # two days before the deadline
    async with UnitOfWork(sessions) as uow:
        assert await plan_geplande_rondes(uow, catalogus, moment) == 1
    async with UnitOfWork(sessions) as uow:
        await sluit_onderzoek(uow, info.onderzoek_id)
    # Planned before it was closed: not sent after.
    async with UnitOfWork(sessions) as uow:
        assert await claim_geplande(uow, catalogus, "test") == []
