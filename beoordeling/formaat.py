"""The `stj-beoordeling/1` interchange format (DESIGN §5): an assessment as plain JSON data."""

from __future__ import annotations

import json
from typing import Any

from beoordeling.model import Beoordeling, IndicatorOordeel

FORMAAT = "stj-beoordeling/1"


def _indicator(io: IndicatorOordeel) -> dict[str, Any]:
    """One indicator in kader order; who/when of an override only when there is one."""
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
    return data


def naar_json(beoordeling: Beoordeling) -> dict[str, Any]:
    """The assessment as a `stj-beoordeling/1` object (json.dumps-ready)."""
    return {
        "formaat": FORMAAT,
        "gemeente": beoordeling.gemeente,
        "aanpak": beoordeling.aanpak,
        "kader": beoordeling.kader,
        "status": beoordeling.status,
        "indicatoren": [_indicator(io) for io in beoordeling.indicatoren],
        "conclusie": {
            c.thema: {"gaat_goed": list(c.gaat_goed), "kan_beter": list(c.kan_beter)}
            for c in beoordeling.conclusies
        },
    }


def render_json(beoordeling: Beoordeling) -> str:
    """The `stj-beoordeling/1` object as UTF-8 JSON text, readable and diff-friendly."""
    # json.dumps rather than a template: it cannot produce invalid JSON, whatever the texts hold.
    return json.dumps(naar_json(beoordeling), ensure_ascii=False, indent=2) + "\n"
