"""What was done in an onderzoek, read from its answers file: who took part per role and how
(questionnaire or interview, with the dates), how many families and dossiers, which documents
were read, the list of sources counted by function, and the text answers a report's chapters
quote. The drafts of the werkwijze, the list of sources and the chapters that quote answers are
made from this (beoordeling/opzet.py); nothing here is assumed."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from beoordeling.indeling import Onderdeel
from beoordeling.invoer import aanduiding
from beoordeling.teksten import Functies
from beoordeling.uitvoering import Bron, Gesproken, Uitspraak, Werkwijze
from vragenlijsten.antwoorden import AntwoordenBestand, Respondent
from vragenlijsten.model import Kader, Rol


def _telt(r: Respondent) -> bool:
    """A respondent who answered anything."""
    return any(a.waarde is not None or a.toelichting or a.document for a in r.antwoorden.values())


def _gesproken(rol: Rol, rs: list[Respondent]) -> Gesproken:
    interviews = [r for r in rs if r.bron is not None]
    data = sorted({r.bron.datum for r in interviews if r.bron and r.bron.datum})
    enkelvoud, meervoud = _personen(rol)
    return Gesproken(
        rol.naam,
        enkelvoud,
        meervoud,
        vragenlijst=len(rs) - len(interviews),
        interview=len(interviews),
        open=sum(r.status != "ingediend" for r in rs),
        data=tuple(data),
    )


def _personen(rol: Rol) -> tuple[str, str]:
    return (
        (rol.personen.enkelvoud, rol.personen.meervoud)
        if rol.personen
        else (
            rol.enkelvoud,
            rol.meervoud,
        )
    )


def _bronnen(rol: Rol, rs: list[Respondent], f: Functies | None) -> list[Bron]:
    """The respondents of one role counted by function (their answer to the kader's function
    question), in the order of its words; whoever gave none counts as the role."""
    per: Counter[tuple[str, str]] = Counter()
    for r in rs:
        a = r.antwoorden.get(f.vraag) if f else None
        code = a.waarde if a is not None and isinstance(a.waarde, str) else None
        per[f.namen[code] if f and code in f.namen else _personen(rol)] += 1
    volgorde = [*(f.namen.values() if f else ()), _personen(rol)]
    return [
        Bron(per[woorden], woorden[0] if per[woorden] == 1 else woorden[1])
        for woorden in dict.fromkeys(volgorde)
        if per[woorden]
    ]


def vragen_van(indeling: Iterable[Onderdeel]) -> set[str]:
    """The questions whose answers a report's chapters show or quote."""
    return {v for o in indeling for d in o.alle() for v in (*d.vragen, d.vraag) if v}


def uitspraken(
    kader: Kader, antwoorden: AntwoordenBestand, vragen: set[str]
) -> tuple[Uitspraak, ...]:
    """The text and number answers to these questions, in respondent order; those of an
    anonymous role marked so (the typering of a nota shows the hoofd's account of the aanpak,
    a chapter's quotes never use them)."""
    uit = []
    for r in antwoorden.respondenten:
        rol = kader.rol(r.rol)
        if rol is None:
            continue
        for vraag in sorted(vragen & r.antwoorden.keys()):
            waarde = r.antwoorden[vraag].waarde
            if isinstance(waarde, bool) or not isinstance(waarde, str | int):
                continue
            if str(waarde).strip():
                wie = _naam(rol)
                if sum(x.rol == r.rol for x in antwoorden.respondenten) > 1:
                    wie = f"een {aanduiding(r, rol)}" if rol.aanduiding else f"een {rol.enkelvoud}"
                uit.append(Uitspraak(vraag, r.rol, wie, str(waarde).strip(), rol.anoniem))
    return tuple(uit)


def werkwijze(
    kader: Kader,
    antwoorden: AntwoordenBestand,
    functies: dict[str, Functies],
    indeling: Iterable[Onderdeel] = (),
) -> Werkwijze:
    """What the answers file records of how the onderzoek was done."""
    per_rol: dict[str, list[Respondent]] = {}
    for r in antwoorden.respondenten:
        if _telt(r):
            per_rol.setdefault(r.rol, []).append(r)
    rollen = [rol for rol in kader.rollen if rol.naam in per_rol]
    gelezen: dict[str, dt.date | None] = {}
    for d in antwoorden.documenten:
        if d.status == "gelezen" or d.lezingen:
            gelezen[d.titel] = d.datum
    return Werkwijze(
        rollen=tuple(_gesproken(rol, per_rol[rol.naam]) for rol in rollen),
        gezinnen=len({r.casus for rs in per_rol.values() for r in rs if r.casus}),
        dossiers=len({d.casus for d in antwoorden.dossier}),
        gelezen=tuple(gelezen.items()),
        bronnen=tuple(
            b for rol in rollen for b in _bronnen(rol, per_rol[rol.naam], functies.get(rol.naam))
        ),
        uitspraken=uitspraken(kader, antwoorden, vragen_van(indeling)),
        hoofd=_naam(kader.rol(kader.beslisregel.hoofd)),
    )


def _naam(rol: Rol | None) -> str:
    """How a report names a respondent of this role when quoting it: "de gemeente"."""
    if rol is None:
        return ""
    return rol.wij.naam if rol.wij else f"de {rol.enkelvoud}"
