"""The web console's whole route table, in one place, and the application around it: a signed
session cookie (HttpOnly, SameSite=Lax, Secure behind HTTPS) that expires."""

from __future__ import annotations

from collections.abc import Sequence

from starlette.applications import Starlette
from starlette.convertors import Convertor, register_url_convertor
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.routing import BaseRoute, Route
from starlette.types import Lifespan

from web import acties, bewijs, downloads, paginas
from web.diensten import WebDiensten
from web.inloggen import inloggen, met_link, uitloggen
from web.toegang import SESSIE_DUUR


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
]


def maak_app(
    d: WebDiensten, lifespan: Lifespan[Starlette] | None = None, extra: Sequence[BaseRoute] = ()
) -> Starlette:
    """The console over these services. `lifespan`: what a server does at start and stop
    (migrate, close the database, start a bot); `extra`: routes of a process that shares the
    server, such as the Telegram webhook."""
    app = Starlette(
        routes=[*ROUTES, *extra],
        middleware=[
            Middleware(
                SessionMiddleware,
                secret_key=d.geheim,
                session_cookie="stj_sessie",
                max_age=SESSIE_DUUR,
                same_site="lax",
                https_only=d.basis_url.startswith("https://"),
            )
        ],
        lifespan=lifespan,
    )
    app.state.diensten = d
    return app
