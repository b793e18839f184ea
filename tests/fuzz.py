"""Random updates through the real handler table, offline: texts, button presses (real, stale and
forged), commands, files, edits, group and channel posts, and duplicates, from respondents of
every role, strangers and an inspector. Used by tests/test_fuzz.py (3,000 updates in `make
test`) and bench/fuzz.py (10,000, printing the same counts)."""

from __future__ import annotations

import itertools
import logging
import random
import time
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Update

from bot.app import bouw_app
from bot.basis import Diensten
from opslag.antwoorden import antwoorden_van
from opslag.inspecteurs import maak_inspecteur
from opslag.onderzoeken import maak_onderzoek, maak_uitnodiging
from opslag.uow import UnitOfWork
from tests.nep_telegram import BOT, NepRequest, Oproep
from vragenlijsten.catalogus import Catalogus
from vragenlijsten.waarden import fout_in_antwoord

Sessies = async_sessionmaker[AsyncSession]
ANTWOORDEN = ("sendMessage", "answerCallbackQuery", "editMessageText", "sendDocument", "sendPhoto")
TEKSTEN = (
    "12", "95.000", "²", "٣", "9" * 400, "-3", "ja", "Nee", "weet ik niet", "deels", "n.v.t.",
    "15-01-2024", "31-02-2024", "1 2", "1,3", "", " ", "😀" * 2000, "a" * 5000, "<b>x</b>",
    "Familie Jansen, Dorpsstraat 3", "gezin 1", "geen", "\u0000", "\u202e", "ﷺ" * 30,
)  # fmt: skip
# What a respondent plausibly types, so that answers get stored, not only refused.
PLAUSIBEL = (
    "12", "3", "ja", "nee", "deels", "weet ik niet", "1", "2", "1 3", "15-01-2024",
    "Dat is zo afgesproken in het beleidsplan.", "Beleidsplan jeugd 2024", "n.v.t.",
)  # fmt: skip
OPDRACHTEN = (
    "/start", "/start xyz", "/verder", "/lijst", "/overzicht", "/indienen", "/wissen", "/help",
    "/privacy", "/wijzig_1", "/wijzig_9999", "/wijzig_²", "/onbekend", "/nieuw", "/annuleer",
    "/uitnodigen", "/uitnodigen 1", "/onderzoeken", "/status 1", "/status ²",
    "/status 99999999999999999999", "/herinner 1", "/verleng 1 01-01-1900",
    "/verleng 1 31-12-2026", "/export 1 csv", "/beoordeling 1", "/beoordeling 2",
)  # fmt: skip
VERVALST = (
    "a|1|inwoners|w|w:ja", "a|99999999999999999999|x|w|w:ja", "a|2|cg-doelen|w|w:nvt",
    "i|1|ja", "x|2|ja", "x|2|ja|0123456789", "i|3|ja|zz", "s|3", "k|4", "v|5", "b|rol|ouder",
    "b|kader|beleidsniveau",
    "b|bo|ok|0", "b|bo|themas|0", "b|bo|vast|0", "b|onderzoek|1", "b|herinner|1",
    "b|casus|gezin Z", "rommel", "", "|||", "a|1|inwoners|z|w:ja",
)  # fmt: skip


@dataclass
class Uitslag:
    """What a fuzz run found."""

    updates: int = 0
    fouten: int = 0  # unhandled exceptions (the error handler ran, or processing raised)
    zonder_antwoord: int = 0  # private updates that got no reply at all
    buiten_domein: int = 0  # stored answers that do not fit their question
    opgeslagen: int = 0  # answers stored at the end
    bevestigd: int = 0  # answers the bot confirmed (the fuzz must reach storage, not only refusals)
    seconden: float = 0.0
    voorbeelden: list[str] = field(default_factory=list)


class _Teller(logging.Handler):
    """Counts the bot's "fout bij update" log records (its error handler)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.aantal = 0
        self.berichten: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.aantal += 1
        self.berichten.append(
            f"{record.getMessage()}: {record.exc_info[1] if record.exc_info else ''}"
        )


async def _opzet(sessions: Sessies, catalogus: Catalogus) -> tuple[list[str], str]:
    """Two onderzoeken, an invitation for every role, an inspector; their tokens."""
    tokens = []
    async with UnitOfWork(sessions) as uow:
        beleid = await maak_onderzoek(uow, catalogus, "Aa", "Bb", "beleidsniveau")
    async with UnitOfWork(sessions) as uow:
        casus = await maak_onderzoek(uow, catalogus, "Aa", "Bb", "casusniveau")
    for onderzoek, rol, organisatie in (
        (beleid.id, "gemeente", "Gemeente Aa"),
        (beleid.id, "netwerkpartner", "Politie"),
        (casus.id, "ouder", None),
        (casus.id, "regisseur", "GGD"),
        (casus.id, "professional", "School"),
    ):
        async with UnitOfWork(sessions) as uow:
            info = await maak_uitnodiging(uow, catalogus, onderzoek, rol, organisatie)
            tokens.append(info.token)
    async with UnitOfWork(sessions) as uow:
        ik = await maak_inspecteur(uow, "F. Uzz", coordinator=True)
    return tokens, ik.token


def _gebruiker(user_id: int) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": "F"}


class _Generator:
    """Makes random updates; remembers what each user was last shown, to press real buttons."""

    def __init__(self, rng: random.Random, tokens: list[str], inspecteur_token: str) -> None:
        self.rng = rng
        self.tokens = tokens
        self.inspecteur_token = inspecteur_token
        self.ids = itertools.count(1)
        self.berichten = itertools.count(1)
        self.gezien: list[dict[str, Any]] = []
        self.pdf = 0

    def _bericht(self, user_id: int, chat: dict[str, Any], **inhoud: Any) -> dict[str, Any]:
        return {
            "message_id": next(self.berichten),
            "date": int(time.time()),
            "chat": chat,
            "from": _gebruiker(user_id),
            **inhoud,
        }

    def _tekst(self, user_id: int) -> str:
        keuze = self.rng.random()
        if keuze < 0.2:
            return self.rng.choice(PLAUSIBEL)
        if keuze < 0.4:
            return self.rng.choice(TEKSTEN)
        if keuze < 0.6:
            opdracht = self.rng.choice(OPDRACHTEN)
            if opdracht == "/start" and self.rng.random() < 0.7:
                token = self.inspecteur_token if user_id == 50 else self.rng.choice(self.tokens)
                return f"/start {token}"
            return opdracht
        lengte = self.rng.choice((1, 3, 20, 200))
        return "".join(chr(self.rng.randint(32, 0x1F600)) for _ in range(lengte))

    def maak(self, user_id: int, laatste: Oproep | None) -> dict[str, Any]:
        """One random update from this user (or from a group or channel)."""
        keuze = self.rng.random()
        prive = {"id": user_id, "type": "private"}
        update: dict[str, Any] = {"update_id": next(self.ids)}
        if keuze < 0.05 and self.gezien:
            return dict(self.rng.choice(self.gezien))  # a duplicate: same update id again
        if keuze < 0.45:
            data = self._knop(laatste)
            update["callback_query"] = {
                "id": str(update["update_id"]),
                "chat_instance": "1",
                "data": data,
                "from": _gebruiker(user_id),
                "message": self._bericht(999, prive, text="vraag"),
            }
        elif keuze < 0.8:
            tekst = self._tekst(user_id)
            inhoud: dict[str, Any] = {"text": tekst}
            if tekst.startswith("/"):
                inhoud["entities"] = [
                    {"type": "bot_command", "offset": 0, "length": len(tekst.split()[0])}
                ]
            update["message"] = self._bericht(user_id, prive, **inhoud)
        elif keuze < 0.86:
            naam = self.rng.choice(("plan.pdf", "x.exe", "foto.jpg", "", "a" * 300 + ".docx"))
            grootte = self.rng.choice((10, 5_000_000, 30_000_000))
            update["message"] = self._bericht(
                user_id,
                prive,
                document={"file_id": "f", "file_unique_id": "u", "file_name": naam,
                          "file_size": grootte, "mime_type": "application/pdf"},
            )  # fmt: skip
        elif keuze < 0.9:
            update["message"] = self._bericht(user_id, prive, sticker={
                "file_id": "s", "file_unique_id": "s", "width": 1, "height": 1,
                "is_animated": False, "is_video": False, "type": "regular"})  # fmt: skip
        elif keuze < 0.94:
            bericht = self._bericht(user_id, prive, text=self._tekst(user_id))
            update["edited_message"] = {**bericht, "edit_date": int(time.time())}
        elif keuze < 0.97:
            groep = {"id": -1000 - user_id, "type": "group", "title": "G"}
            update["message"] = self._bericht(user_id, groep, text=self._tekst(user_id))
        else:
            kanaal = {"id": -2000, "type": "channel", "title": "K"}
            update["channel_post"] = {
                "message_id": next(self.berichten), "date": int(time.time()), "chat": kanaal,
                "text": self._tekst(user_id),
            }  # fmt: skip
        self.gezien.append(update)
        return update

    def _knop(self, laatste: Oproep | None) -> str:
        """A real button of the last message this user got with buttons, or a forged one."""
        if laatste is not None and laatste.knoppen() and self.rng.random() < 0.75:
            label = self.rng.choice(laatste.knoppen())
            if label == "PDF sturen":
                self.pdf += 1
                if self.pdf > 1:  # a PDF takes seconds (WeasyPrint); one shows it works
                    label = laatste.knoppen()[0]
            return laatste.callback(label)
        return self.rng.choice(VERVALST)


def _prive(update: dict[str, Any]) -> bool:
    """Whether a reply is due: a private message, edit or button press."""
    if "callback_query" in update:
        return True
    bericht = update.get("message") or update.get("edited_message")
    return bericht is not None and bericht["chat"]["type"] == "private"


async def fuzz(sessions: Sessies, catalogus: Catalogus, aantal: int, zaad: int = 0) -> Uitslag:
    """Send `aantal` random updates through the real bot and count what went wrong."""
    rng = random.Random(zaad)
    nep = NepRequest()
    app = bouw_app(Diensten(sessions, catalogus), "123:FUZZ", request=nep)
    await app.initialize()
    await app.start()  # so background work (a PDF) runs as it does in `stj bot`
    tokens, inspecteur_token = await _opzet(sessions, catalogus)
    generator = _Generator(rng, tokens, inspecteur_token)
    teller = _Teller()
    logger = logging.getLogger("stj.bot")
    logger.addHandler(teller)
    gebruikers = [1, 2, 3, 4, 5, 50, 100, 101]  # five respondents, an inspector, strangers
    laatste: dict[int, Oproep] = {}
    uitslag = Uitslag()
    gedaan: set[int] = set()
    begin = time.perf_counter()
    try:
        for n in range(aantal):
            # First every respondent and the inspector opens their link, then anything goes.
            user_id = gebruikers[n] if n < 6 else rng.choice(gebruikers)
            if n < 6:
                token = inspecteur_token if user_id == 50 else tokens[user_id - 1]
                data: dict[str, Any] = {
                    "update_id": next(generator.ids),
                    "message": generator._bericht(
                        user_id,
                        {"id": user_id, "type": "private"},
                        text=f"/start {token}",
                        entities=[{"type": "bot_command", "offset": 0, "length": 6}],
                    ),
                }
            else:
                data = generator.maak(user_id, laatste.get(user_id))
            voor = len(nep.oproepen)
            try:
                await app.process_update(Update.de_json(data, app.bot))
            except Exception as fout:
                uitslag.fouten += 1
                uitslag.voorbeelden.append(f"{type(fout).__name__}: {fout}")
            nieuw = nep.oproepen[voor:]
            dubbel = data["update_id"] in gedaan
            gedaan.add(data["update_id"])
            if _prive(data) and not dubbel and not any(o.methode in ANTWOORDEN for o in nieuw):
                uitslag.zonder_antwoord += 1
                if len(uitslag.voorbeelden) < 20:
                    uitslag.voorbeelden.append(f"geen antwoord op {str(data)[:200]}")
            for o in nieuw:
                if o.tekst.startswith(("✓ Opgeslagen", "✓ Aangepast")):
                    uitslag.bevestigd += 1
                chat = o.params.get("chat_id")
                if o.methode == "sendMessage" and o.knoppen() and isinstance(chat, int):
                    laatste[chat] = o
            uitslag.updates += 1
    finally:
        logger.removeHandler(teller)
        await app.stop()  # waits for the background work the updates started (PDFs, reminders)
        await app.shutdown()
    uitslag.fouten += teller.aantal
    uitslag.voorbeelden += teller.berichten[:10]
    uitslag.opgeslagen, uitslag.buiten_domein = await _antwoorden(sessions, catalogus)
    uitslag.seconden = time.perf_counter() - begin
    return uitslag


async def _antwoorden(sessions: Sessies, catalogus: Catalogus) -> tuple[int, int]:
    """How many answers are stored, and how many of them do not fit their question (none may)."""
    aantal = fout = 0
    async with UnitOfWork(sessions) as uow:
        for onderzoek in await uow.repo.onderzoeken():
            o = onderzoek[0]
            uitnodigingen = await uow.repo.uitnodigingen(o.id)
            antwoorden = await antwoorden_van(uow, [u.id for u in uitnodigingen])
            for u in uitnodigingen:
                vragenlijst = catalogus.vragenlijst(o.kader, u.rol)
                for item_id, antwoord in antwoorden[u.id].items():
                    aantal += 1
                    item = vragenlijst.item(item_id)
                    if item is None or fout_in_antwoord(item, antwoord) is not None:
                        fout += 1
    return aantal, fout


__all__ = ["BOT", "Uitslag", "fuzz"]
