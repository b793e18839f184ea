"""Pages from Jinja2 templates (autoescaped), with what every page shows: who is logged in,
the CSRF token for its forms, and what the previous action left: a message, or a form's errors
next to its fields with the values that were sent."""

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
from web.formulier import Formulieren, Terugmelding

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
    """One page; what the previous request left for it (a message, a form's errors and
    values) is shown once. The headers every response gets are set by web.bescherming."""
    sessie = getattr(request.state, "sessie", None)
    t = getattr(request.state, "terugmelding_hier", None) or Terugmelding()
    inhoud = (
        _omgeving()
        .get_template(template)
        .render(
            csrf=sessie.csrf if sessie else "",
            ingelogd=sessie is not None,
            melding=t.tekst,
            melding_fout=t.fout,
            formulieren=Formulieren(t),
            pad=request.url.path,
            **gegevens,
        )
    )
    return HTMLResponse(inhoud, status_code=status)
