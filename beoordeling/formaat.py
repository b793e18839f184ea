"""The `stj-beoordeling/1` interchange format (DESIGN §5): an assessment as plain JSON data."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from beoordeling.model import (
    Beoordeling,
    Casus,
    Hoofdstuk,
    IndicatorOordeel,
    ThemaConclusie,
    Themarapport,
)
from beoordeling.proces import PlanActie, ProcesGegevens
from beoordeling.stukken import Stuk, stukken
from beoordeling.voortgang import regels as voortgangsregels

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
    if io.aanpassing is not None and concept:
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
    if io.eerder is not None:
        data["eerder"] = io.eerder  # the verdict of the earlier round (a follow-up)
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
    """A chapter of the nota's "Wat gaat goed?" or "Wat kan beter?"; its conclusion rests on
    `indicatoren`, a kanttekening in it on `tegen`."""
    return {
        "soort": h.soort,
        "titel": h.titel,
        "norm": h.norm,
        "themas": list(h.themas),
        "bevindingen": list(h.bevindingen),
        "conclusie": h.conclusie,
        "indicatoren": list(h.indicatoren),
        "tegen": list(h.tegen),
    }


def _conclusie(c: ThemaConclusie) -> dict[str, Any]:
    """A theme's conclusion: the sentences of each side, and per sentence the indicators it
    rests on (none where the inspector wrote it)."""
    zinnen = []
    for soort, teksten, op in (
        ("gaat_goed", c.gaat_goed, c.goed_op),
        ("kan_beter", c.kan_beter, c.beter_op),
    ):
        for n, tekst in enumerate(teksten):
            ids = list(op[n]) if n < len(op) else []
            zinnen.append(
                {"soort": soort, "tekst": tekst, "indicatoren": ids, "inspecteur": not ids}
            )
    return {"gaat_goed": list(c.gaat_goed), "kan_beter": list(c.kan_beter), "zinnen": zinnen}


def _stuk(s: Stuk, concept: bool) -> dict[str, Any]:
    """A chapter: its number, title and kind; a written chapter's text as the inspector wrote
    it (paragraphs, "- " items, **bold**), and in the concept how it came about."""
    data: dict[str, Any] = {"id": s.naam, "nummer": s.nummer, "titel": s.titel, "soort": s.soort}
    if s.soort == "gegenereerd":
        data["inhoud"] = s.onderdeel.inhoud
        if s.onderdeel.inhoud in ("goed", "beter"):
            # The nota's subjects of this side, as the report numbers them (see "hoofdstukken").
            gekozen = [h for h in s.b.hoofdstukken if h.soort == s.onderdeel.inhoud]
            voor = f"{s.nummer}." if s.nummer else ""
            data["onderwerpen"] = [
                {"nummer": f"{voor}{n}", "titel": h.titel} for n, h in enumerate(gekozen, start=1)
            ]
    if s.soort == "vast" and s.vast:
        data["tekst"] = "\n\n".join(s.vast)
    if s.soort == "inspecteur":
        data["tekst"] = s.tekst
        if concept:
            data["bron"] = "inspecteur" if s.eigen else ("opzet" if s.tekst else "leeg")
            if s.eigen is not None:
                data["aanpassing"] = {
                    "door": s.eigen.door,
                    "wanneer": s.eigen.wanneer.isoformat(),
                }
            data["opzet"] = s.opzet.tekst or None
            data["grond"] = list(s.opzet.grond)
            data["aanwijzing"] = s.aanwijzing
    if s.delen:
        data["onderdelen"] = [_stuk(d, concept) for d in s.delen]
    return data


def naar_json(beoordeling: Beoordeling, datum: dt.date | None = None) -> dict[str, Any]:
    """The assessment as a `stj-beoordeling/1` object (json.dumps-ready): verdicts, the
    conclusions with what each sentence rests on, and the report's chapters (`indeling`, with
    the inspector's texts); a nota also carries its chapters of "Wat gaat goed?" / "Wat kan
    beter?" and, per casus, every verdict with who answered what (never a name). A vastgesteld
    assessment carries no marks of how it came about: no who and when, no parts with their
    sources, no drafts. `datum`: the report's date where the assessment carries none."""
    concept = beoordeling.status == "concept"
    dag = beoordeling.datum or datum or dt.date.today()
    data: dict[str, Any] = {
        "formaat": FORMAAT,
        "gemeente": beoordeling.gemeente,
        "aanpak": beoordeling.aanpak,
        "kader": beoordeling.kader,
        "status": beoordeling.status,
        "datum": dag.isoformat(),
        "indicatoren": [_indicator(io, concept) for io in beoordeling.indicatoren],
        "conclusie": {c.thema: _conclusie(c) for c in beoordeling.conclusies},
        "indeling": [
            _stuk(s, concept) for s in stukken(beoordeling.indeling, [beoordeling], dag, concept)
        ],
    }
    if beoordeling.rapport == "nota":
        data["hoofdstukken"] = [_hoofdstuk(h) for h in beoordeling.hoofdstukken]
        data["casussen"] = [_casus(c) for c in beoordeling.casussen]
    if beoordeling.themarapport is not None:
        data["themarapport"] = _themarapport(beoordeling.themarapport, concept)
    data["proces"] = _proces(beoordeling)
    return data


def _datum(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _actie(a: PlanActie | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {"wat": a.wat, "wie": a.wie, "wanneer": _datum(a.wanneer)}


def _proces(b: Beoordeling) -> dict[str, Any]:
    """After the concept: the wederhoor with every reaction and what was decided, the dates of
    vaststelling and publication, the improvement plan per verbeterpunt and, in a follow-up,
    per earlier verbeterpunt the earlier and new verdict, the plan and whether it was done."""
    p: ProcesGegevens = b.proces
    vorige = p.vorige
    return {
        "wederhoor": (
            {
                "voorgelegd": _datum(p.voorgelegd),
                "termijn": _datum(p.termijn),
                "reacties": [
                    {
                        "indicator": r.indicator_id,
                        "tekst": r.tekst,
                        "verstuurd": r.verstuurd,
                        "besluit": r.besluit,
                        "reden": r.reden,
                    }
                    for r in p.reacties
                ],
            }
            if p.wederhoor
            else None
        ),
        "vastgesteld_op": _datum(p.vastgesteld_op),
        "gepubliceerd_op": _datum(p.gepubliceerd_op),
        "verbeterplan": (
            {
                "deadline": _datum(p.plan_deadline),
                "acties": [{"indicator": a.indicator_id, **(_actie(a) or {})} for a in p.acties],
            }
            if p.plan_deadline is not None
            else None
        ),
        "vorige": (
            {
                "onderzoek": vorige.onderzoek_id,
                "datum": vorige.datum.isoformat(),
                "verbeterpunten": [
                    {
                        "indicator": r.indicator_id,
                        "eerder": r.eerder,
                        "nu": r.nu,
                        "actie": _actie(r.actie),
                        "uitgevoerd": r.uitvoering.gedaan if r.uitvoering else None,
                        "toelichting": r.uitvoering.toelichting if r.uitvoering else None,
                    }
                    for r in voortgangsregels(b)
                ],
            }
            if vorige is not None
            else None
        ),
    }


def _themarapport(r: Themarapport, concept: bool) -> dict[str, Any]:
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
            "aangepast_door_inspecteur": r.aanpassing is not None,
            **(
                {
                    # The rule's count is support for the inspector, not the judgement.
                    "voorstel": r.voorstel,
                    "onderbouwing": list(r.onderbouwing),
                }
                if concept
                else {}
            ),
            **(
                {
                    "aanpassing": {
                        "door": r.aanpassing.door,
                        "wanneer": r.aanpassing.wanneer.isoformat(),
                    }
                }
                if r.aanpassing is not None and concept
                else {}
            ),
        },
        "bronnen": [{"aantal": b.aantal, "wie": b.wie} for b in r.bronnen],
    }


def render_json(beoordeling: Beoordeling, datum: dt.date | None = None) -> str:
    """The `stj-beoordeling/1` object as UTF-8 JSON text, readable and diff-friendly."""
    # json.dumps rather than a template: it cannot produce invalid JSON, whatever the texts hold.
    return json.dumps(naar_json(beoordeling, datum), ensure_ascii=False, indent=2) + "\n"
