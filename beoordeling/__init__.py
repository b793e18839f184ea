"""Assessment compiler: answers + kader + inspector overrides → verdicts, factsheet, overview."""

from beoordeling.compileren import compileer, factsheet, laad_beoordelingskader
from beoordeling.formaat import FORMAAT, naar_json, render_json
from beoordeling.model import (
    Beoordeling,
    ConclusieOverride,
    Factsheet,
    IndicatorOordeel,
    Override,
    ThemaConclusie,
)
from beoordeling.weergave import render_html, render_markdown, render_pdf

__all__ = [
    "FORMAAT",
    "Beoordeling",
    "ConclusieOverride",
    "Factsheet",
    "IndicatorOordeel",
    "Override",
    "ThemaConclusie",
    "compileer",
    "factsheet",
    "laad_beoordelingskader",
    "naar_json",
    "render_html",
    "render_json",
    "render_markdown",
    "render_pdf",
]
