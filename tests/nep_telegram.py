"""Offline Telegram for tests: a BaseRequest that records every Bot API call and answers it at
once, and a simulated user who types, sends files and presses the buttons the bot showed."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.ext import Application
from telegram.request import BaseRequest, RequestData

BOT = {"id": 999, "is_bot": True, "first_name": "STJ", "username": "STJTestBot"}


@dataclass
class Oproep:
    methode: str
    params: dict[str, Any]
    tijd: float
    bestanden: dict[str, Any] = field(default_factory=dict)  # name -> (filename, bytes, mime)

    @property
    def tekst(self) -> str:
        return str(self.params.get("text", ""))

    def knoppen(self) -> list[str]:
        markup = self.params.get("reply_markup")
        if isinstance(markup, str):
            markup = json.loads(markup)
        if not markup:
            return []
        return [k["text"] for rij in markup.get("inline_keyboard", []) for k in rij]

    def callback(self, label: str) -> str:
        markup = self.params["reply_markup"]
        if isinstance(markup, str):
            markup = json.loads(markup)
        for rij in markup["inline_keyboard"]:
            for k in rij:
                if k["text"] == label:
                    return str(k["callback_data"])
        raise KeyError(f"geen knop {label!r}; wel: {self.knoppen()}")


class StilleRequest(BaseRequest):
    """Base for Bot API stand-ins: no connection to open or close, no timeouts."""

    @property
    def read_timeout(self) -> float | None:
        return None

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None


class NepRequest(StilleRequest):
    """Answers every Bot API call immediately and remembers it."""

    def __init__(self) -> None:
        self.oproepen: list[Oproep] = []
        self._bericht_id = itertools.count(1000)
        self.fouten: dict[str, tuple[int, dict[str, Any]]] = {}  # methode -> (status, body) once
        self.geblokkeerd: set[int] = set()  # chats whose user blocked the bot
        # What getFile + the download return per file id (a sent file's bytes).
        self.bestanden: dict[str, bytes] = {}

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        if "/file/bot" in url:  # a file download (File.download_*): its bytes, as Telegram does
            file_id = url.rsplit("/", 1)[-1].removesuffix(".bin")
            self.oproepen.append(Oproep("download", {"file_id": file_id}, time.monotonic()))
            return 200, self.bestanden.get(file_id, b"%PDF-1.4 nep")
        methode = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        bestanden = dict(request_data.multipart_data or {}) if request_data else {}
        self.oproepen.append(Oproep(methode, params, time.monotonic(), bestanden))
        if methode == "sendMessage" and int(params.get("chat_id", 0)) in self.geblokkeerd:
            return 403, json.dumps(
                {
                    "ok": False,
                    "error_code": 403,
                    "description": "Forbidden: bot was blocked by the user",
                }
            ).encode()
        if methode in self.fouten:
            status, body = self.fouten.pop(methode)
            return status, json.dumps(body).encode()
        return 200, json.dumps({"ok": True, "result": self._resultaat(methode, params)}).encode()

    def _resultaat(self, methode: str, params: dict[str, Any]) -> Any:
        if methode == "getMe":
            return BOT
        if methode == "getFile":
            file_id = str(params.get("file_id", ""))
            inhoud = self.bestanden.get(file_id, b"%PDF-1.4 nep")
            return {"file_id": file_id, "file_unique_id": file_id, "file_size": len(inhoud),
                    "file_path": f"documents/{file_id}.bin"}  # fmt: skip
        if methode in (
            "sendMessage",
            "editMessageText",
            "editMessageReplyMarkup",
            "sendDocument",
            "sendPhoto",
        ):
            chat_id = params.get("chat_id", 1)
            return {
                "message_id": params.get("message_id") or next(self._bericht_id),
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private"},
                "from": BOT,
                "text": params.get("text", ""),
            }
        return True


@dataclass
class Gebruiker:
    """One Telegram user talking to the bot in a private chat."""

    app: Application  # type: ignore[type-arg]
    nep: NepRequest
    id: int
    _update_ids: Any = field(default_factory=lambda: itertools.count(1))
    _bericht_ids: Any = field(default_factory=lambda: itertools.count(1))
    laatste_update: dict[str, Any] | None = None

    def __post_init__(self) -> None:
        self._update_ids = itertools.count(self.id * 100_000)

    def _basis(self) -> dict[str, Any]:
        return {
            "message_id": next(self._bericht_ids),
            "date": int(time.time()),
            "chat": {"id": self.id, "type": "private"},
            "from": {"id": self.id, "is_bot": False, "first_name": "Test"},
        }

    async def verwerk(self, data: dict[str, Any]) -> list[Oproep]:
        """Feed one raw update; return the Bot API calls it caused."""
        self.laatste_update = data
        voor = len(self.nep.oproepen)
        await self.app.process_update(Update.de_json(data, self.app.bot))
        return self.nep.oproepen[voor:]

    async def typ(self, tekst: str) -> list[Oproep]:
        bericht = {**self._basis(), "text": tekst}
        if tekst.startswith("/"):
            lengte = len(tekst.split()[0])
            bericht["entities"] = [{"type": "bot_command", "offset": 0, "length": lengte}]
        return await self.verwerk({"update_id": next(self._update_ids), "message": bericht})

    async def stuur(self, **inhoud: Any) -> list[Oproep]:
        """Any other message kind: document=…, photo=…, sticker=…, location=…"""
        bericht = {**self._basis(), **inhoud}
        return await self.verwerk({"update_id": next(self._update_ids), "message": bericht})

    async def druk_data(self, data: str, tekst: str = "vraag") -> list[Oproep]:
        query = {
            "id": str(next(self._update_ids)),
            "chat_instance": "1",
            "data": data,
            "from": {"id": self.id, "is_bot": False, "first_name": "Test"},
            "message": {**self._basis(), "from": BOT, "text": tekst},
        }
        return await self.verwerk({"update_id": next(self._update_ids), "callback_query": query})

    async def druk_en_wacht(self, label: str) -> list[Oproep]:
        """Press a button and also collect what background tasks it started send (a PDF)."""
        voor = len(self.nep.oproepen)
        await self.druk(label)
        await achtergrond_klaar()
        return self.nep.oproepen[voor:]

    def laatste_met_knoppen(self) -> Oproep:
        for oproep in reversed(self.nep.oproepen):
            if (
                oproep.methode == "sendMessage"
                and oproep.params.get("chat_id") == self.id
                and oproep.knoppen()
            ):
                return oproep
        raise AssertionError("de bot toonde geen knoppen")

    async def druk(self, label: str) -> list[Oproep]:
        """Press a button on the most recent message that has buttons."""
        bericht = self.laatste_met_knoppen()
        return await self.druk_data(bericht.callback(label), bericht.tekst)

    def berichten(self, oproepen: list[Oproep]) -> list[str]:
        """The texts sent to this user."""
        return [o.tekst for o in oproepen if o.methode in ("sendMessage", "editMessageText")]


async def achtergrond_klaar(limiet: float = 30.0) -> None:
    """Wait until the background work the bot started (a PDF, a file, reminders) is done: every
    task but this one and the started application's own loops (named "Application:…")."""
    einde = asyncio.get_running_loop().time() + limiet
    while True:
        taken = [
            t
            for t in asyncio.all_tasks()
            if t is not asyncio.current_task() and not t.get_name().startswith("Application:")
        ]
        if not taken:
            return
        if asyncio.get_running_loop().time() > einde:
            raise AssertionError(f"achtergrondwerk na {limiet:.0f} s nog bezig: {taken}")
        await asyncio.wait(taken, timeout=0.1)
