"""The web console's whole route table, in one place, and the application around it: the
client's address, body limits and security headers for every request (web.bescherming), the
console's own error pages (web.fouten), and sessions kept on the server (web.toegang)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Sequence

from starlette.applications import Starlette
from starlette.convertors import Convertor, register_url_convertor
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.routing import BaseRoute, Route
from starlette.types import Lifespan

from web import acties, bewijs, downloads, gemeente, hoofdstukken, nazorg, paginas
from web.bescherming import Afzender, Beveiligingskoppen, Lichaamsgrens
from web.bewaking import Begrenzer, Weigeringen
from web.diensten import WebDiensten
from web.fouten import http_fout, serverfout
from web.inloggen import inloggen, met_link, uitloggen


class Nummer(Convertor[int]):
    """An id in a path: digits only, never beyond what the databases hold as an id."""

    regex = "[1-9][0-9]{0,8}"

    def convert(self, value: str) -> int:
        """From the path."""
        return int(value)

    def to_string(self, value: int) -> str:
        """Into a path."""
        return str(value)


register_url_convertor("nummer", Nummer())
OZ = "/onderzoek/{onderzoek:nummer}"

ROUTES: Sequence[BaseRoute] = [
    Route("/inloggen", inloggen),
    Route("/inloggen/{token}", met_link),
    # The gemeente's link after the concept: no login, the link is the key (web.gemeente).
    Route("/gemeente/{token}", gemeente.gemeente, methods=["GET", "POST"]),
    Route("/gemeente/{token}/rapport", gemeente.rapport),
    Route("/uitloggen", uitloggen, methods=["POST"]),
    Route("/", paginas.start),
    Route("/overzicht", paginas.overzicht),
    Route(OZ, paginas.onderzoek),
    Route(OZ + "/respondent/{uitnodiging:nummer}", paginas.respondent),
    Route(OZ + "/beoordeling", paginas.beoordeling),
    Route(OZ + "/documenten", bewijs.documenten),
    Route(OZ + "/document", bewijs.document, methods=["POST"]),
    Route(OZ + "/lezing", bewijs.lezing, methods=["POST"]),
    Route(OZ + "/dossier", bewijs.dossier, methods=["POST"]),
    Route(OZ + "/bevinding/{indicator}", bewijs.delen, methods=["POST"]),
    Route(OZ + "/interview", bewijs.interview_nieuw, methods=["POST"]),
    Route(OZ + "/interview/{uitnodiging:nummer}", bewijs.interview),
    Route(
        OZ + "/interview/{uitnodiging:nummer}/opslaan", bewijs.interview_opslaan, methods=["POST"]
    ),
    Route(OZ + "/document/{document:nummer}", downloads.document),
    Route(OZ + "/export/{formaat}", downloads.export),
    Route(OZ + "/rapport/{formaat}", downloads.rapport),
    Route(OZ + "/uitnodigen", acties.uitnodigen, methods=["POST"]),
    Route(OZ + "/herinneren", acties.herinneren, methods=["POST"]),
    Route(OZ + "/verlengen", acties.verlengen, methods=["POST"]),
    Route(OZ + "/sluiten", acties.sluiten, methods=["POST"]),
    Route(OZ + "/beoordeling/{indicator}", acties.oordeel, methods=["POST"]),
    Route(OZ + "/conclusie", acties.conclusie, methods=["POST"]),
    Route(OZ + "/eindoordeel", acties.eindoordeel, methods=["POST"]),
    Route(OZ + "/vaststellen", acties.vaststellen, methods=["POST"]),
    Route(OZ + "/wederhoor", nazorg.wederhoor, methods=["POST"]),
    Route(OZ + "/reactie/{reactie:nummer}", nazorg.reactie, methods=["POST"]),
    Route(OZ + "/publiceren", nazorg.publiceren, methods=["POST"]),
    Route(OZ + "/vervolg", nazorg.vervolg, methods=["POST"]),
    Route(OZ + "/nieuwe-link/{soort}", nazorg.nieuwe_link, methods=["POST"]),
    Route(OZ + "/hoofdstukken", hoofdstukken.lijst),
    Route(OZ + "/hoofdstuk/{naam}", hoofdstukken.hoofdstuk),
    Route(OZ + "/hoofdstuk/{naam}/opslaan", hoofdstukken.opslaan, methods=["POST"]),
]


def maak_app(
    d: WebDiensten, lifespan: Lifespan[Starlette] | None = None, extra: Sequence[BaseRoute] = ()
) -> Starlette:
    """The console over these services. `lifespan`: what a server does at start and stop
    (migrate, close the database, start a bot); `extra`: routes of a process that shares the
    server, such as the Telegram webhook."""
    weigeringen = Weigeringen(d.sessions)

    @contextlib.asynccontextmanager
    async def levensloop(app: Starlette) -> AsyncIterator[None]:
        async with contextlib.AsyncExitStack() as stapel:
            if lifespan is not None:
                await stapel.enter_async_context(lifespan(app))
            try:
                yield
            finally:
                await weigeringen.schrijf_alles()  # before the database closes

    app = Starlette(
        routes=[*ROUTES, *extra],
        middleware=[
            Middleware(Afzender, proxies=d.proxies),
            Middleware(Beveiligingskoppen, https=d.basis_url.startswith("https://")),
            Middleware(Lichaamsgrens),
        ],
        exception_handlers={HTTPException: http_fout, Exception: serverfout},
        lifespan=levensloop,
    )
    app.state.diensten = d
    app.state.begrenzer = Begrenzer()
    app.state.weigeringen = weigeringen
    return app
