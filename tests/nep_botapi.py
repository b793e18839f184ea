"""A local fake Bot API server over HTTP, for running a real `stj bot` process in tests.

Like Telegram it keeps updates until a getUpdates call with a higher offset confirms them, so
a bot killed mid-way gets the unconfirmed updates again when it restarts.
"""

from __future__ import annotations

import json
import threading
import time
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

BOT = {"id": 999, "is_bot": True, "first_name": "STJ", "username": "STJTestBot"}


def _multipart(soort: str, lichaam: bytes) -> dict[str, Any]:
    """The fields of a multipart body (a file as its bytes)."""
    kop = f"Content-Type: {soort}\r\n\r\n".encode()
    bericht = BytesParser(policy=HTTP).parsebytes(kop + lichaam)
    params: dict[str, Any] = {}
    for deel in bericht.iter_parts():
        naam = deel.get_param("name", header="content-disposition")
        inhoud = deel.get_payload(decode=True)
        params[str(naam)] = inhoud if deel.get_filename() else inhoud.decode()
    return params


class NepBotApi:
    """Start with `with NepBotApi() as api:`; `api.url` is the base URL for the bot."""

    def __init__(self) -> None:
        self.updates: list[dict[str, Any]] = []
        self.oproepen: list[tuple[str, dict[str, Any]]] = []
        self.bestanden: dict[str, bytes] = {}  # what getFile + download return per file id
        self._volgend_update = 1
        self._bericht_id = 5000
        self._slot = threading.Condition()
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                return None

            def do_POST(self) -> None:
                if "/file/bot" in self.path:  # a file download: its bytes, as Telegram does
                    file_id = self.path.rsplit("/", 1)[-1].removesuffix(".bin")
                    inhoud = api.bestanden.get(file_id, b"%PDF-1.4 nep")
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(inhoud)))
                    self.end_headers()
                    self.wfile.write(inhoud)
                    return
                lengte = int(self.headers.get("Content-Length") or 0)
                lichaam = self.rfile.read(lengte) if lengte else b""
                ruw = lichaam.decode(errors="replace")
                soort = self.headers.get("Content-Type", "")
                if soort.startswith("application/json"):
                    params = json.loads(ruw or "{}")
                elif soort.startswith("multipart/form-data"):  # a document: its fields and bytes
                    params = _multipart(soort, lichaam)
                else:
                    params = {k: v[0] for k, v in parse_qs(ruw).items()}
                methode = self.path.rsplit("/", 1)[-1]
                body = json.dumps({"ok": True, "result": api._antwoord(methode, params)}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request: Any, client_address: Any) -> None:
                return None  # a killed bot drops its connection mid-request: expected here

        self._server = Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/bot"

    def __enter__(self) -> NepBotApi:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _antwoord(self, methode: str, params: dict[str, Any]) -> Any:
        if methode == "getUpdates":
            return self._get_updates(params)
        with self._slot:
            self.oproepen.append((methode, params))
            self._slot.notify_all()
        if methode == "getMe":
            return BOT
        if methode == "getFile":
            file_id = str(params.get("file_id", ""))
            return {"file_id": file_id, "file_unique_id": file_id,
                    "file_path": f"documents/{file_id}.bin"}  # fmt: skip
        if methode in ("sendMessage", "sendDocument", "editMessageText", "editMessageReplyMarkup"):
            self._bericht_id += 1
            return {
                "message_id": self._bericht_id,
                "date": int(time.time()),
                "chat": {"id": int(params.get("chat_id", 1)), "type": "private"},
                "from": BOT,
                "text": params.get("text", ""),
            }
        return True

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        tot = time.monotonic() + min(float(params.get("timeout") or 0), 1.0)
        with self._slot:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
            while not self.updates and time.monotonic() < tot:
                self._slot.wait(timeout=max(0.0, tot - time.monotonic()))
            return list(self.updates)

    def zet_update(self, inhoud: dict[str, Any]) -> int:
        """Queue an update (message or callback_query body); returns its id."""
        with self._slot:
            update_id = self._volgend_update
            self._volgend_update += 1
            self.updates.append({"update_id": update_id, **inhoud})
            self._slot.notify_all()
            return update_id

    def zet_opnieuw(self, update_id: int, inhoud: dict[str, Any]) -> None:
        """Queue an update again under its own id, as Telegram redelivers one it was not sure
        the bot received."""
        with self._slot:
            self.updates.append({"update_id": update_id, **inhoud})
            self._slot.notify_all()

    def vergeet(self, update_id: int) -> None:
        """Drop a queued update, as Telegram does once a bot fetched it."""
        with self._slot:
            self.updates = [u for u in self.updates if u["update_id"] != update_id]

    def wacht_op(
        self, voorwaarde: Any, vanaf: int, tijd: float = 20.0
    ) -> tuple[str, dict[str, Any]]:
        """The first call at index >= vanaf that satisfies the condition (waits up to `tijd`)."""
        einde = time.monotonic() + tijd
        with self._slot:
            while True:
                for methode, params in self.oproepen[vanaf:]:
                    if voorwaarde(methode, params):
                        return methode, params
                if time.monotonic() > einde:
                    raise TimeoutError(f"geen passende oproep; gezien: {self.oproepen[vanaf:]}")
                self._slot.wait(timeout=0.2)
