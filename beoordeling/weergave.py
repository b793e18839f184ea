"""Render a factsheet as HTML, Markdown or PDF; templates only see the plain result data."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from beoordeling import markdown, opmaak, voortgang
from beoordeling.model import (
    OORDEEL_LABEL,
    Beoordeling,
    Factsheet,
    IndicatorOordeel,
    Nota,
    RespondentOverzicht,
)
from beoordeling.stukken import stukken
from beoordeling.taal import datum, datum_tijd, getal, getal_woord, maand, opsomming

TEMPLATES = Path(__file__).parent / "templates"
# The clock of the inspectors: moments are stored in UTC, reports date them as read in NL.
AMSTERDAM = ZoneInfo("Europe/Amsterdam")

SYMBOOL = {
    "voldoet": "✓",
    "verbeterpunt": "✗",
    "niet_beoordeeld": "–",
    "niet_van_toepassing": "n.v.t.",
}
LABEL = OORDEEL_LABEL


@dataclass(frozen=True)
class CriteriumGroep:
    """The indicators of one criterion, in kader order, as one block of a findings table."""

    criterium: str
    oordelen: tuple[IndicatorOordeel, ...]


def per_criterium(oordelen: Sequence[IndicatorOordeel]) -> list[CriteriumGroep]:
    """Consecutive indicators grouped by criterion (kader order kept, unlike Jinja's groupby)."""
    groepen: list[CriteriumGroep] = []
    for io in oordelen:
        if groepen and groepen[-1].criterium == io.criterium:
            vorige = groepen[-1]
            groepen[-1] = CriteriumGroep(vorige.criterium, (*vorige.oordelen, io))
        else:
            groepen.append(CriteriumGroep(io.criterium, (io,)))
    return groepen


@dataclass(frozen=True)
class Deelname:
    """How many respondents of one role took part, and how many of them have not submitted."""

    enkelvoud: str
    meervoud: str
    aantal: int
    open: int


def deelname(respondenten: Sequence[RespondentOverzicht]) -> list[Deelname]:
    """Respondents counted per role, in the order the roles first appear."""
    per_rol: dict[str, list[RespondentOverzicht]] = {}
    for r in respondenten:
        per_rol.setdefault(r.rol, []).append(r)
    return [
        Deelname(rs[0].rol_label, rs[0].rol_meervoud, len(rs), sum(not r.ingediend for r in rs))
        for rs in per_rol.values()
    ]


def wie_antwoordde(respondenten: Sequence[RespondentOverzicht]) -> str:
    """The respondents of one casus by how reports name them: "moeder, regisseur en drie
    professionals (één nog niet ingediend)"."""
    per_naam: dict[str, list[RespondentOverzicht]] = {}
    for r in respondenten:
        per_naam.setdefault(r.naam, []).append(r)
    delen = []
    for naam, rs in per_naam.items():
        meervoud = rs[0].rol_meervoud if naam == rs[0].rol_label else naam
        deel = naam if len(rs) == 1 else f"{getal_woord(len(rs))} {meervoud}"
        open_ = sum(not r.ingediend for r in rs)
        if open_:
            hoeveel = f"{getal_woord(open_)} " if len(rs) > 1 else ""
            deel += f" ({hoeveel}nog niet ingediend)"
        delen.append(deel)
    return opsomming(delen)


def hoofdrol(b: Beoordeling) -> str:
    """The role carrying the primary account of an assessment ("" without respondents)."""
    return next((r.rol for r in b.respondenten if r.hoofd), "")


def vastgesteld_regel(beoordelingen: Sequence[Beoordeling]) -> str:
    """When a report was vastgesteld and published ("Vastgesteld op 3 maart 2027 ·
    gepubliceerd op 5 maart 2027"); "" before. Over a factsheet's aanpakken, the latest."""
    vast = [b.proces.vastgesteld_op for b in beoordelingen if b.proces.vastgesteld_op]
    if not vast:
        return ""
    regel = f"Vastgesteld op {datum(max(vast))}"
    publiek = [b.proces.gepubliceerd_op for b in beoordelingen if b.proces.gepubliceerd_op]
    return regel + (f" · gepubliceerd op {datum(max(publiek))}" if publiek else "")


def _alineas(tekst: str) -> list[str]:
    """Split free text into paragraphs on blank lines (or single lines when there are none)."""
    blokken = [b.strip() for b in tekst.replace("\r\n", "\n").split("\n\n")]
    return [b for b in blokken if b]


@cache
def _omgeving() -> Environment:
    """The Jinja environment: HTML autoescaped, Markdown not, undefined names are errors."""
    omgeving = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2", "svg.j2")),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    omgeving.filters.update(
        getal=getal,
        woord=getal_woord,
        datum=datum,
        maand=maand,
        datum_tijd=datum_tijd,
        # A moment (stored in UTC) as a date in the one style reports use: "7 december 2026".
        moment=lambda m: datum(m.astimezone(AMSTERDAM).date()),
        symbool=lambda o: SYMBOOL[o],
        label=lambda o: LABEL[o],
        md=markdown.cel,
        veilig=markdown.Veilig,
        alineas=_alineas,
        opmaak=opmaak.html,
        opmaak_md=opmaak.markdown,
    )
    omgeving.globals.update(
        per_criterium=per_criterium,
        deelname=deelname,
        wie_antwoordde=wie_antwoordde,
        hoofdrol=hoofdrol,
        voortgangsregels=voortgang.regels,
        vastgesteld_regel=vastgesteld_regel,
    )
    return omgeving


@cache
def _markdown_omgeving() -> Environment:
    """The same for Markdown, where every printed text is escaped (beoordeling.markdown)."""
    omgeving = _omgeving().overlay(finalize=markdown.finalize)
    omgeving.filters["opmaak"] = opmaak.markdown
    return omgeving


def render(template: str, **gegevens: Any) -> str:
    """Render one template of this package with plain data."""
    omgeving = _markdown_omgeving() if template.endswith(".md.j2") else _omgeving()
    return omgeving.get_template(template).render(**gegevens)


def _gegevens(factsheet: Factsheet) -> dict[str, Any]:
    eerste: Beoordeling = factsheet.aanpakken[0]
    concept = factsheet.status == "concept"
    return {
        "f": factsheet,
        "onderzoeksvraag": eerste.onderzoeksvraag,
        "kader_titel": eerste.kader_titel,
        "concept": concept,
        "tf": eerste.factsheet_teksten,  # the kader's fixed texts, if it has them
        "datum": factsheet.datum,
        "aanpakken": factsheet.aanpakken,
        "stukken": stukken(
            eerste.indeling, factsheet.aanpakken, factsheet.datum, concept, factsheet.context
        ),
    }


def render_html(factsheet: Factsheet) -> str:
    """The factsheet as one self-contained HTML page (inline CSS, print- and phone-ready)."""
    return render("factsheet.html.j2", **_gegevens(factsheet))


def render_markdown(factsheet: Factsheet) -> str:
    """The factsheet as Markdown, for e-mail, wikis and diffs."""
    return render("factsheet.md.j2", **_gegevens(factsheet))


def _per_aanpak(nota: Nota) -> dict[str, Any]:
    b = nota.beoordeling
    concept = nota.status == "concept"
    return {
        "n": nota,
        "concept": concept,
        "datum": nota.datum,
        "aanpakken": (b,),
        "stukken": stukken(b.indeling, [b], nota.datum, concept),
    }


def render_nota_html(nota: Nota) -> str:
    """The nota van bevindingen as one self-contained HTML page."""
    return render("nota.html.j2", **_per_aanpak(nota))


def render_nota_markdown(nota: Nota) -> str:
    """The nota van bevindingen as Markdown."""
    return render("nota.md.j2", **_per_aanpak(nota))


def render_themarapport_html(nota: Nota) -> str:
    """A themarapport (per theme Verwachting, Beleid, Praktijk, Conclusie) as one HTML page."""
    return render("themarapport.html.j2", **_per_aanpak(nota))


def render_themarapport_markdown(nota: Nota) -> str:
    """A themarapport as Markdown."""
    return render("themarapport.md.j2", **_per_aanpak(nota))


def render_pdf(html: str) -> bytes:
    """Print HTML to PDF with WeasyPrint (needs Pango; imported only when a PDF is asked for)."""
    try:
        from weasyprint import HTML  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except (ImportError, OSError) as fout:  # pragma: no cover - depends on the installation
        raise RuntimeError(
            "PDF maken kan niet: het pakket 'weasyprint' (met de systeembibliotheek Pango) "
            "is niet geïnstalleerd"
        ) from fout
    pdf = HTML(string=html).write_pdf()
    assert isinstance(pdf, bytes)
    return pdf
