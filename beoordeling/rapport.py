"""One entry point for every report: a kader's report form (factsheet per gemeente, nota van
bevindingen or themarapport per aanpak) in every format, as bytes. The CLI, the bot and the web
use this."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from beoordeling.compileren import factsheet
from beoordeling.formaat import render_json
from beoordeling.model import Beoordeling, Nota
from beoordeling.weergave import (
    render_html,
    render_markdown,
    render_nota_html,
    render_nota_markdown,
    render_pdf,
    render_themarapport_html,
    render_themarapport_markdown,
)

FORMATEN = ("html", "md", "pdf", "json")
SOORT = {"factsheet": "factsheet", "nota": "nota van bevindingen", "themarapport": "rapport"}
# Per aanpak: the HTML and Markdown renderers of the report forms that are not a factsheet.
PER_AANPAK = {
    "nota": (render_nota_html, render_nota_markdown),
    "themarapport": (render_themarapport_html, render_themarapport_markdown),
}


def soort(beoordelingen: Sequence[Beoordeling]) -> str:
    """What the report is called: "factsheet", "nota van bevindingen" or "rapport"."""
    return SOORT[beoordelingen[0].rapport] if beoordelingen else SOORT["factsheet"]


def maak_rapport(beoordelingen: Sequence[Beoordeling], formaat: str, datum: dt.date) -> bytes:
    """The report in one format; ValueError (Dutch) when the combination cannot be made."""
    if formaat not in FORMATEN:
        raise ValueError(f"formaat '{formaat}' bestaat niet; kies uit {', '.join(FORMATEN)}")
    if not beoordelingen:
        raise ValueError("een rapport heeft minstens één beoordeling nodig")
    if formaat == "json":
        if len(beoordelingen) != 1:
            raise ValueError("stj-beoordeling/1 (json) is per aanpak; geef één onderzoek")
        return render_json(beoordelingen[0], datum).encode("utf-8")
    eigen = next((PER_AANPAK[b.rapport] for b in beoordelingen if b.rapport in PER_AANPAK), None)
    if eigen is not None:
        if len(beoordelingen) != 1:
            raise ValueError(f"een {soort(beoordelingen)} is per aanpak; geef één onderzoek")
        nota = Nota(beoordelingen[0].datum or datum, beoordelingen[0])
        html_van, markdown_van = eigen
        if formaat == "md":
            return markdown_van(nota).encode("utf-8")
        html = html_van(nota)
    else:
        blad = factsheet(beoordelingen, datum)
        if formaat == "md":
            return render_markdown(blad).encode("utf-8")
        html = render_html(blad)
    return render_pdf(html) if formaat == "pdf" else html.encode("utf-8")
