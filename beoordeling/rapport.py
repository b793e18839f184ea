"""One entry point for every report: a kader's report form (factsheet per gemeente, nota van
bevindingen per aanpak) in every format, as bytes. The CLI, the bot and the web use this."""

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
)

FORMATEN = ("html", "md", "pdf", "json")
SOORT = {"factsheet": "factsheet", "nota": "nota van bevindingen"}


def soort(beoordelingen: Sequence[Beoordeling]) -> str:
    """What the report is called: "factsheet" or "nota van bevindingen"."""
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
        return render_json(beoordelingen[0]).encode("utf-8")
    if any(b.rapport == "nota" for b in beoordelingen):
        if len(beoordelingen) != 1:
            raise ValueError("een nota van bevindingen is per aanpak; geef één onderzoek")
        nota = Nota(beoordelingen[0].datum or datum, beoordelingen[0])
        if formaat == "md":
            return render_nota_markdown(nota).encode("utf-8")
        html = render_nota_html(nota)
    else:
        blad = factsheet(beoordelingen, datum)
        if formaat == "md":
            return render_markdown(blad).encode("utf-8")
        html = render_html(blad)
    return render_pdf(html) if formaat == "pdf" else html.encode("utf-8")
