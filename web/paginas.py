"""The pages (GET): the inspector's onderzoeken, one onderzoek, one respondent's answers, the
draft assessment with the evidence behind it, the documents and the national overview. Each is
a service call or two and a template; the guard (`web.toegang`) has checked who may see it."""

from __future__ import annotations

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
from opslag.reacties import reacties_van, wederhoor_stand
from opslag.verbeterplan import planstand
from opslag.vervolg import reeks_van, volgende_van
from vragenlijsten.model import Kader
from web.rapporten import met_terugweg
from web.toegang import Verzoek, inspecteur_pagina
from web.weergave import pagina


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
    return pagina(
        v.request,
        "onderzoek.html.j2",
        titel=f"{info.gemeente} · {info.aanpak}",
        o=info,
        kader=kader,
        rollen=[r for r in rollen if r is not None],
        respondenten=respondenten,
        herinneren=v.d.herinneraar is not None,
        vandaag=v.d.vandaag(),
        ik_naam=v.ik.naam,
        nieuw=v.request.state.terugmelding_hier.nieuwe_uitnodiging,
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
    the answers behind it, with the forms to change them; the conclusions; the history."""
    b = await beoordeel(v.uow, v.d.catalogus, v.onderzoek_id)
    # Every recorded change to this onderzoek, from the web, Telegram or the command line
    # (page views left out), newest last.
    log = await audit_log(v.uow, v.onderzoek_id)
    historie = [r for r in log if not r.actie.startswith("web bekijk")][-40:]
    return pagina(
        v.request,
        "beoordeling.html.j2",
        titel=f"Beoordeling · {b.gemeente} · {b.aanpak}",
        o=v.onderzoek,
        b=b,
        per_criterium=per_criterium,
        bewijs=await bewijs(
            v.uow, v.d.catalogus, v.onderzoek_id, _erbij(v.d.catalogus.kader(b.kader))
        ),
        eigen=await aanpassingen(v.uow, v.onderzoek_id),
        historie=historie,
        kader=v.d.catalogus.kader(b.kader),
        documenten=await documentlijst(v.uow, v.onderzoek_id),
        dossier=await dossierbevindingen(v.uow, v.onderzoek_id),
        casussen=await casuslabels(v.uow, v.onderzoek_id),
        voorbehouden=await voorbehouden(v.uow, v.onderzoek_id, v.d.vandaag(), v.d.catalogus),
        steun=STEUN_LABEL,
        wederhoor=await wederhoor_stand(v.uow, v.d.catalogus, v.onderzoek_id, v.d.vandaag()),
        reacties=await reacties_van(v.uow, v.d.catalogus, v.onderzoek_id),
        plan=await planstand(v.uow, v.d.catalogus, v.onderzoek_id),
        volgende=await volgende_van(v.uow, v.onderzoek_id),
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
    uitkomsten = []
    for o in await onderzoeken_van(v.uow, v.ik):
        if o.kader == kader and o.respondenten:
            b = await beoordeel(v.uow, v.d.catalogus, o.id)
            uitkomsten.append(Uitkomst(b.datum or v.d.vandaag(), b, await reeks_van(v.uow, o.id)))
    if not uitkomsten:
        return pagina(
            v.request,
            "melding.html.j2",
            titel="Landelijk overzicht",
            tekst="Er zijn voor dit kader nog geen onderzoeken met respondenten.",
        )
    html = overzicht_html(landelijk_overzicht(uitkomsten), v.d.vandaag())
    return HTMLResponse(met_terugweg(html, [("Onderzoeken", "/")], "Landelijk overzicht"))
