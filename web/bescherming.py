"""What every request and response of the console goes through, before any page or guard: the
client's address (taken from a proxy header only when a configured trusted proxy sent it), a
limit on the size of a request body (refused with 413 before anything reads it), and one set
of security headers on every response: pages, reports, downloads, redirects and error pages."""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from web.weergave import pagina

# Forms are small (a finding is at most 4,000 characters); a Telegram update is a few kB.
MAX_LICHAAM = 1024 * 1024

# Nothing runs scripts, loads from elsewhere, frames or is framed; styles are inline in each
# page and report, images are inline (the QR code) or data URLs.
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
KOPPEN = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # Pages name respondents: never cached, and their addresses never sent elsewhere.
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}


def koppen(https: bool) -> dict[str, str]:
    """The headers of every response (behind HTTPS also HSTS)."""
    if not https:
        return KOPPEN
    return {**KOPPEN, "Strict-Transport-Security": "max-age=31536000"}


class Beveiligingskoppen:
    """Sets the security headers on every response that passes (replacing any of the same
    name, so there is one set)."""

    def __init__(self, app: ASGIApp, https: bool = False) -> None:
        self.app = app
        self.koppen = koppen(https)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """ASGI."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def met_koppen(bericht: Message) -> None:
            if bericht["type"] == "http.response.start":
                headers = MutableHeaders(scope=bericht)
                for naam, waarde in self.koppen.items():
                    headers[naam] = waarde
            await send(bericht)

        await self.app(scope, receive, met_koppen)


class Afzender:
    """The client address everything else sees (the rate limit, the audit log). Only when the
    connection comes from a configured trusted proxy is X-Forwarded-For read, from the right:
    the first address that is not itself a trusted proxy is the client."""

    def __init__(self, app: ASGIApp, proxies: Sequence[str] = ()) -> None:
        self.app = app
        self.netten = [ipaddress.ip_network(p.strip(), strict=False) for p in proxies]

    def _vertrouwd(self, adres: str) -> bool:
        try:
            ip = ipaddress.ip_address(adres)
        except ValueError:
            return False
        return any(ip in net for net in self.netten)

    def client(self, peer: str, doorgestuurd: str | None) -> str:
        """The client of a connection from `peer` that carries this X-Forwarded-For."""
        if not self._vertrouwd(peer) or not doorgestuurd:
            return peer
        client = peer
        for deel in reversed(doorgestuurd.split(",")):
            kandidaat = deel.strip()
            try:
                ipaddress.ip_address(kandidaat)
            except ValueError:
                break  # a mangled header: trust no further than the last proxy we know
            client = kandidaat
            if not self._vertrouwd(kandidaat):
                break
        return client

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """ASGI."""
        if scope["type"] == "http" and self.netten and scope.get("client"):
            peer, poort = scope["client"]
            waarden = Headers(scope=scope).getlist("x-forwarded-for")
            client = self.client(peer, ",".join(waarden) if waarden else None)
            if client != peer:
                scope = {**scope, "client": (client, poort)}
        await self.app(scope, receive, send)


class TeGroot(Exception):
    """A request body beyond the limit (raised while it is being read)."""


class Lichaamsgrens:
    """Refuses a request body beyond `grens` bytes with 413: at once when Content-Length says
    so, otherwise as soon as that many bytes have arrived (nothing reads more)."""

    def __init__(self, app: ASGIApp, grens: int = MAX_LICHAAM) -> None:
        self.app = app
        self.grens = grens

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """ASGI."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        lengte = Headers(scope=scope).get("content-length")
        if lengte is not None and (not lengte.isdigit() or int(lengte) > self.grens):
            await self._weiger(scope, receive, send)
            return
        ontvangen = 0
        begonnen = False

        async def begrensd() -> Message:
            nonlocal ontvangen
            bericht = await receive()
            if bericht["type"] == "http.request":
                ontvangen += len(bericht.get("body", b""))
                if ontvangen > self.grens:
                    raise TeGroot
            return bericht

        async def volg(bericht: Message) -> None:
            nonlocal begonnen
            begonnen = begonnen or bericht["type"] == "http.response.start"
            await send(bericht)

        try:
            await self.app(scope, begrensd, volg)
        except TeGroot:
            if not begonnen:
                await self._weiger(scope, receive, send)

    async def _weiger(self, scope: Scope, receive: Receive, send: Send) -> None:
        antwoord = pagina(
            Request(scope),
            "melding.html.j2",
            413,
            titel="Te groot",
            tekst="Wat u stuurde is groter dan de console aanneemt. Een formulier is "
            "hooguit een paar kilobyte.",
        )
        antwoord.headers["Connection"] = "close"
        await antwoord(scope, receive, send)
