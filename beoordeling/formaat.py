"""The `stj-beoordeling/1` interchange format (DESIGN §5): an assessment as plain JSON data."""

from __future__ import annotations

import json
from typing import Any

from beoordeling.model import Beoordeling, Casus, Hoofdstuk, IndicatorOordeel, Themarapport

FORMAAT = "stj-beoordeling/1"


def _indicator(io: IndicatorOordeel, concept: bool = True) -> dict[str, Any]:
    """One indicator in kader order; who/when of an override only when there is one; in a
    concept also how the finding came about (its parts and their sources)."""
    data: dict[str, Any] = {
        "id": io.id,
        "thema": io.thema,
        "criterium": io.criterium,
        "indicator": io.indicator,
        "oordeel": io.oordeel,
        "reden": io.reden,
        "bevinding": io.bevinding,
        "let_op": list(io.let_op),
        "aangepast_door_inspecteur": io.aangepast_door_inspecteur,
    }
    if io.aanpassing is not None:
        data["aanpassing"] = {
            "door": io.aanpassing.door,
            "wanneer": io.aanpassing.wanneer.isoformat(),
            "voorstel": io.voorstel,
        }
    if io.per_casus:
        data["per_casus"] = {label: oordeel for label, oordeel in io.per_casus}
    if io.beleid:
        data["beleid"] = [{"id": b.id, "oordeel": b.oordeel} for b in io.beleid]
    if io.verband:
        data["verband"] = io.verband
    if io.operationalisering:
        data["operationalisering"] = io.operationalisering
    if io.delen and concept:
        # How the finding came about: each part with its source, dropped ones too (bevinding
        # holds the final text; a vastgesteld assessment carries only that).
        data["delen"] = [
            {
                "deel": d.sleutel,
                "bron": d.bron,
                "tekst": d.tekst,
                **({"aangepast": True} if d.aangepast else {}),
                **({"weggelaten": True} if d.weggelaten else {}),
            }
            for d in io.delen
        ]
    if io.documenten:
        data["documenten"] = [
            {"titel": d.titel, "steun": d.steun, **({"notitie": d.notitie} if d.notitie else {})}
            for d in io.documenten
        ]
    return data


def _casus(c: Casus) -> dict[str, Any]:
    """One family: who answered (by role only) and per indicator its verdict and answers."""
    return {
        "casus": c.label,
        "respondenten": [{"rol": r.rol, "wie": r.naam, "status": r.status} for r in c.respondenten],
        "indicatoren": [
            {
                "id": ci.id,
                "oordeel": ci.oordeel,
                "reden": ci.reden,
                "antwoorden": [
                    {"rol": a.rol, "wie": a.wie, "waarde": a.waarde} for a in ci.antwoorden
                ],
            }
            for ci in c.indicatoren
        ],
    }


def _hoofdstuk(h: Hoofdstuk) -> dict[str, Any]:
    return {
        "soort": h.soort,
        "titel": h.titel,
        "norm": h.norm,
        "themas": list(h.themas),
        "bevindingen": list(h.bevindingen),
        "conclusie": h.conclusie,
        "indicatoren": list(h.indicatoren),
    }


def naar_json(beoordeling: Beoordeling) -> dict[str, Any]:
    """The assessment as a `stj-beoordeling/1` object (json.dumps-ready); a nota also carries
    its chapters and, per casus, every verdict with who answered what (never a name)."""
    data: dict[str, Any] = {
        "formaat": FORMAAT,
        "gemeente": beoordeling.gemeente,
        "aanpak": beoordeling.aanpak,
        "kader": beoordeling.kader,
        "status": beoordeling.status,
        "indicatoren": [
            _indicator(io, beoordeling.status == "concept") for io in beoordeling.indicatoren
        ],
        "conclusie": {
            c.thema: {"gaat_goed": list(c.gaat_goed), "kan_beter": list(c.kan_beter)}
            for c in beoordeling.conclusies
        },
    }
    if beoordeling.rapport == "nota":
        data["hoofdstukken"] = [_hoofdstuk(h) for h in beoordeling.hoofdstukken]
        data["casussen"] = [_casus(c) for c in beoordeling.casussen]
    if beoordeling.themarapport is not None:
        data["themarapport"] = _themarapport(beoordeling.themarapport)
    return data


def _themarapport(r: Themarapport) -> dict[str, Any]:
    """Per theme what is expected, the policy, the risks and the counts, and the overall
    judgement (null while nothing has a verdict); the findings are under "indicatoren"."""
    return {
        "themas": [
            {
                "thema": h.thema,
                "verwachting": h.verwachting,
                "beleid": list(h.beleid),
                "risicos": list(h.risicos),
                "voldoet": h.voldoet,
                "verbeterpunten": h.verbeterpunten,
            }
            for h in r.hoofdstukken
        ],
        "eindoordeel": {
            "voldoende": r.voldoende,
            "tekst": r.eindoordeel,
            "onderbouwing": list(r.onderbouwing),
            "aangepast_door_inspecteur": r.aanpassing is not None,
            **(
                {
                    "aanpassing": {
                        "door": r.aanpassing.door,
                        "wanneer": r.aanpassing.wanneer.isoformat(),
                        "voorstel": r.voorstel,
                    }
                }
                if r.aanpassing is not None
                else {}
            ),
        },
        "bronnen": [{"aantal": b.aantal, "wie": b.wie} for b in r.bronnen],
    }


def render_json(beoordeling: Beoordeling) -> str:
    """The `stj-beoordeling/1` object as UTF-8 JSON text, readable and diff-friendly."""
    # json.dumps rather than a template: it cannot produce invalid JSON, whatever the texts hold.
    return json.dumps(naar_json(beoordeling), ensure_ascii=False, indent=2) + "\n"
