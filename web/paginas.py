"""The pages (GET): the inspector's onderzoeken, one onderzoek, one respondent's answers, the
draft assessment with the evidence behind it, the documents and the national overview. Each is
a service call or two and a template; the guard (`web.toegang`) has checked who may see it."""

from __future__ import annotations

from typing import Any

import segno
from starlette.responses import HTMLResponse, Response

from beoordeling.overzicht import Uitkomst, landelijk_overzicht, overzicht_html
from beoordeling.teksten import teksten_van
from beoordeling.weergave import per_criterium
from bot.links import deeplink
from opslag.audit import audit_log
from opslag.beoordelingen import beoordeel, voorbehouden
from opslag.bewijs import aanpassingen, antwoorden_met_historie, bewijs
from opslag.bewijsstukken import STEUN_LABEL, documentlijst, dossierbevindingen
from opslag.fouten import GeenToegang
from opslag.inspecteurs import onderzoeken_van
from opslag.onderzoeken import casuslabels, status_onderzoek
from opslag.proces import open_
from opslag.reacties import reacties_van, wederhoor_stand
from opslag.uow import UnitOfWork
from opslag.verbeterplan import planstand
from opslag.vervolg import reeks_van, volgende_van
from vragenlijsten.model import Kader
from web.rapporten import met_terugweg
from web.samenvatten import bladzijde, samenvatten
from web.toegang import Verzoek, inspecteur_pagina
from web.weergave import pagina
from web.zwaar import grote_pagina, op_de_achtergrond


@inspecteur_pagina("bekijk start")
async def start(v: Verzoek) -> Response:
    """/ — the onderzoeken this inspector runs (a coordinator: all)."""
    lijst = await onderzoeken_van(v.uow, v.ik)
    return pagina(v.request, "start.html.j2", titel="Onderzoeken", ik=v.ik, onderzoeken=lijst)


@inspecteur_pagina("bekijk onderzoek")
async def onderzoek(v: Verzoek) -> Response:
    """/onderzoek/N — respondents with their progress, and the actions on the onderzoek."""
    info, respondenten = await status_onderzoek(v.uow, v.d.catalogus, v.onderzoek_id)
    kader = v.d.catalogus.kader(info.kader)
    rollen = [kader.rol(r) for r in v.d.catalogus.rollen(info.kader)]
    # A new invitation is shown on the page that holds it (the last one).
    nieuw = v.request.state.terugmelding_hier.nieuwe_uitnodiging
    deel = bladzijde(respondenten, v.request.query_params.get("pagina"), nieuw)
    return pagina(
        v.request,
        "onderzoek.html.j2",
        titel=f"{info.gemeente} · {info.aanpak}",
        o=info,
        kader=kader,
        rollen=[r for r in rollen if r is not None],
        respondenten=deel.regels,
        bladzijde=deel,
        herinneren=v.d.herinneraar is not None,
        vandaag=v.d.vandaag(),
        ik_naam=v.ik.naam,
        nieuw=nieuw,
        link=lambda token: deeplink(token, v.d.bot_naam),
        qr=lambda token: segno.make(deeplink(token, v.d.bot_naam)).svg_inline(scale=4),
    )


@inspecteur_pagina("bekijk antwoorden respondent")
async def respondent(v: Verzoek) -> Response:
    """/onderzoek/N/respondent/U — one respondent's answers and their history (read-only)."""
    a = await antwoorden_met_historie(v.uow, int(v.request.path_params["uitnodiging"]))
    if a.onderzoek_id != v.onderzoek_id:
        raise GeenToegang(f"Deze respondent hoort niet bij onderzoek {v.onderzoek_id}.")
    assert v.onderzoek is not None
    vragenlijst = v.d.catalogus.vragenlijst(v.onderzoek.kader, a.rol)
    return pagina(
        v.request,
        "respondent.html.j2",
        titel=f"Antwoorden · {a.wie}",
        o=v.onderzoek,
        a=a,
        vragenlijst=vragenlijst,
    )


@inspecteur_pagina("bekijk beoordeling")
async def beoordeling(v: Verzoek) -> Response:
    """/onderzoek/N/beoordeling — per indicator the verdict, reason, finding and LET OP next to
    the answers behind it, with the forms to change them; the conclusions; the history. On a
    large onderzoek this is seconds of reading: done in the background (web.zwaar)."""
    catalogus, n, vandaag = v.d.catalogus, v.onderzoek_id, v.d.vandaag()

    async def gegevens(uow: UnitOfWork) -> dict[str, Any]:
        b = await beoordeel(uow, catalogus, n)
        kader = catalogus.kader(b.kader)
        # Every recorded change to this onderzoek, from the web, Telegram or the command line
        # (page views left out), newest last.
        log = await audit_log(uow, n)
        plan = await planstand(uow, catalogus, n)
        return {
            "titel": f"Beoordeling · {b.gemeente} · {b.aanpak}",
            "b": b,
            "bewijs": await bewijs(uow, catalogus, n, _erbij(kader)),
            "eigen": await aanpassingen(uow, n),
            "historie": [r for r in log if not r.actie.startswith("web bekijk")][-40:],
            "kader": kader,
            "documenten": await documentlijst(uow, n),
            "dossier": await dossierbevindingen(uow, n),
            "casussen": await casuslabels(uow, n),
            "voorbehouden": await voorbehouden(uow, n, vandaag, catalogus),
            "wederhoor": await wederhoor_stand(uow, catalogus, n, vandaag),
            "reacties": await reacties_van(uow, catalogus, n),
            "plan": plan,
            "plan_open": plan is not None and open_(plan.stap, vandaag),
            "volgende": await volgende_van(uow, n),
        }

    inhoud = await op_de_achtergrond(v, gegevens)
    inhoud["bewijs"], samengevat = samenvatten(
        inhoud["bewijs"], alles="alles" in v.request.query_params
    )
    return await grote_pagina(
        v,
        "beoordeling.html.j2",
        o=v.onderzoek,
        per_criterium=per_criterium,
        steun=STEUN_LABEL,
        samengevat=samengevat,
        **inhoud,
    )


def _erbij(kader: Kader) -> dict[str, str]:
    """Per indicator the related question its finding reads (compared descriptions, missing
    parties), so the desk shows those answers next to it too."""
    erbij = {}
    for indicator, t in teksten_van(kader).indicatoren.items():
        if t.vergelijk is not None:
            erbij[indicator] = t.vergelijk.vraag
        elif t.aanvulling is not None:
            erbij[indicator] = t.aanvulling.vraag
    return erbij


@inspecteur_pagina("bekijk landelijk overzicht")
async def overzicht(v: Verzoek) -> Response:
    """/overzicht — the national picture over the onderzoeken this inspector may see."""
    kaders = [k for k, kader in v.d.catalogus.kaders.items() if kader.rapport == "factsheet"]
    kader = v.request.query_params.get("kader") or (kaders[0] if kaders else "")
    catalogus, vandaag = v.d.catalogus, v.d.vandaag()
    nummers = [
        o.id for o in await onderzoeken_van(v.uow, v.ik) if o.kader == kader and o.respondenten
    ]

    async def beoordelingen(uow: UnitOfWork) -> list[Uitkomst]:
        uitkomsten = []
        for n in nummers:
            b = await beoordeel(uow, catalogus, n)
            uitkomsten.append(Uitkomst(b.datum or vandaag, b, await reeks_van(uow, n)))
        return uitkomsten

    uitkomsten = await op_de_achtergrond(v, beoordelingen)
    if not uitkomsten:
        return pagina(
            v.request,
            "melding.html.j2",
            titel="Landelijk overzicht",
            tekst="Er zijn voor dit kader nog geen onderzoeken met respondenten.",
        )
    html = overzicht_html(landelijk_overzicht(uitkomsten), v.d.vandaag())
    return HTMLResponse(met_terugweg(html, [("Onderzoeken", "/")], "Landelijk overzicht"))
