"""Pages from Jinja2 templates (autoescaped), with what every page shows: who is logged in,
the CSRF token for its forms, and a message left by the previous action."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from beoordeling.model import OORDEEL_LABEL
from beoordeling.rapport import SOORT
from beoordeling.taal import datum, datum_tijd, getal, maand
from beoordeling.weergave import SYMBOOL
from opslag.klok import AMSTERDAM
from vragenlijsten.model import SCHAAL, SCHAAL_LABELS, Item, KernvraagItem, KeuzeItem

TEMPLATES = Path(__file__).parent / "templates"


@cache
def _omgeving() -> Environment:
    omgeving = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2")),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    omgeving.filters.update(
        datum=datum,
        # Stored in UTC; shown as the inspector's clock reads it.
        datum_tijd=lambda m: m.astimezone(AMSTERDAM).strftime("%d-%m-%Y %H:%M") if m else "–",
        dag=datum_tijd,
        maand=maand,
        getal=getal,
        symbool=lambda o: SYMBOOL[o],
        label=lambda o: OORDEEL_LABEL[o],
    )
    omgeving.globals["rapportsoort"] = SOORT  # what a kader's report is called
    omgeving.globals["opties_van"] = opties_van
    return omgeving


def opties_van(item: Item) -> list[tuple[str, str]]:
    """The choices of a kernvraag, scale or choice item as (value, label), for a form."""
    if isinstance(item, KeuzeItem):
        return [(o.waarde, o.label) for o in item.opties]
    waarden = item.waarden() if isinstance(item, KernvraagItem) else SCHAAL
    return [(w, SCHAAL_LABELS[w]) for w in waarden]


def pagina(request: Request, template: str, status: int = 200, **gegevens: Any) -> HTMLResponse:
    """One page; a message left for it is shown once."""
    sessie = request.session
    inhoud = (
        _omgeving()
        .get_template(template)
        .render(
            csrf=sessie.get("csrf", ""),
            ingelogd="inspecteur" in sessie,
            melding=sessie.pop("melding", None),
            pad=request.url.path,
            **gegevens,
        )
    )
    return HTMLResponse(
        inhoud,
        status_code=status,
        headers={
            # Pages name respondents: never cached, never framed, no referrer to elsewhere.
            "Cache-Control": "no-store",
            "X-Frame-Options": "DENY",
            "Referrer-Policy": "same-origin",
            "Content-Security-Policy": (
                "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                "form-action 'self'; frame-ancestors 'none'"
            ),
        },
    )
