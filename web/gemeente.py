"""The gemeente's page behind its one-time web link (no inspector login): the step's
questionnaire as one form (the reaction to the concept per indicator and in general, the
improvement plan, or its progress), saved through the same engine as in Telegram, and the
report as a PDF. The link is the key: only its hash is stored; an unknown one is refused and
counted like a bad login link; a closed step shows why and saves nothing."""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from beoordeling.rapport import maak_rapport
from gesprek.teksten import dicht_tekst
from opslag.audit import leg_vast
from opslag.beoordelingen import beoordeel
from opslag.fouten import OngeldigeInvoer
from opslag.gemeenteformulier import bewaar_formulier, gesprek_van
from opslag.gesprekken import Stand, dicht
from opslag.onderzoeken import onderzoek_van_uitnodiging
from opslag.proces import LinkOngeldig, stand_met_link
from opslag.uow import UnitOfWork
from vragenlijsten.model import MeerkeuzeItem
from web.diensten import diensten
from web.toegang import adres, begrenzer, te_veel, weigeringen, wie_onbekend
from web.weergave import pagina

TITEL = {
    "wederhoor": "Reactie op het concept",
    "verbeterplan": "Verbeterplan",
    "voortgang": "Voortgang van het verbeterplan",
}
UITLEG = {
    "wederhoor": (
        "Hieronder staat per indicator het oordeel en de bevinding uit het concept. Staat er "
        "iets feitelijk onjuist? Schrijf bij die indicator wat er volgens u moet staan, en "
        "waarom. Klopt alles, dan laat u het veld leeg. Onderaan de pagina slaat u uw reactie "
        "op (u kunt later verder) of verstuurt u haar."
    ),
    "verbeterplan": (
        "Schrijf per verbeterpunt wat u gaat doen, wie daarvoor verantwoordelijk is en wanneer "
        "het klaar is. Onderaan de pagina slaat u het plan op (u kunt later verder) of "
        "verstuurt u het."
    ),
    "voortgang": (
        "Geef per actie uit uw verbeterplan aan of die is uitgevoerd, en wat het opleverde."
    ),
}
TERMIJN = {
    "wederhoor": "U kunt reageren tot en met",
    "verbeterplan": "U kunt het verbeterplan invullen tot en met",
    "voortgang": "U kunt dit invullen tot en met",
}
WIE = "gemeente (weblink)"
OPGESLAGEN = "Opgeslagen. U kunt later verder; verstuur als u klaar bent."
VERSTUURD = "Verstuurd. Hartelijk dank! De inspecteurs nemen uw antwoorden mee."


async def _stand(request: Request, uow: UnitOfWork) -> Stand | Response:
    """The step of this link, or the page that refuses it (counted and limited per address)."""
    wacht = begrenzer(request).wacht("anoniem", adres(request))
    if wacht:
        return te_veel(request, wacht)
    try:
        return await stand_met_link(uow, str(request.path_params["token"]))
    except LinkOngeldig as fout:
        await weigeringen(request).noteer(
            uow, wie_onbekend(request), str(fout), "gemeentelink", str(fout)
        )
        await uow.commit()
        return pagina(
            request, "gemeente.html.j2", 404, titel="Link onbekend", fout=str(fout), s=None
        )


def _toon(
    request: Request,
    s: Stand,
    status: int = 200,
    fouten: dict[str, str] | None = None,
    waarden: dict[str, str] | None = None,
    melding: str | None = None,
) -> Response:
    d = diensten(request)
    g = gesprek_van(d.catalogus, s)
    reden = dicht(s, d.vandaag())
    secties = [
        (sectie.titel, [i for i in sectie.items if not isinstance(i, MeerkeuzeItem)])
        for sectie in g.vragenlijst.secties
    ]
    huidig = {k: str(a.waarde) for k, a in s.antwoorden.items() if isinstance(a.waarde, str | int)}
    return pagina(
        request,
        "gemeente.html.j2",
        status,
        titel=TITEL.get(s.soort or "", "Vragenlijst"),
        uitleg=UITLEG.get(s.soort or "", ""),
        termijn=TERMIJN.get(s.soort or "", "Open tot en met"),
        s=s,
        fout=None,
        secties=secties,
        waarden={**huidig, **(waarden or {})},
        fouten=fouten or {},
        dicht=reden is not None,
        # Just sent: the thanks say enough; "already submitted" would read as an error.
        waarschuwing=dicht_tekst(reden, s) if reden and melding != VERSTUURD else None,
        bericht=melding,
        rapport=s.soort in ("wederhoor", "verbeterplan"),
    )


async def gemeente(request: Request) -> Response:
    """/gemeente/{token}: the step's form (GET), saved or sent (POST)."""
    d = diensten(request)
    async with UnitOfWork(d.sessions) as uow:
        s = await _stand(request, uow)
        if isinstance(s, Response):
            return s
        if request.method != "POST":
            q = request.query_params
            melding = VERSTUURD if "verstuurd" in q else OPGESLAGEN if "opgeslagen" in q else None
            return _toon(request, s, melding=melding)
        form = {k: str(v) for k, v in (await request.form()).items()}
        versturen = form.pop("actie", "") == "versturen"
        g = gesprek_van(d.catalogus, s)
        velden = {i.id: form[i.id] for i in g.vragenlijst.items() if i.id in form}
        try:
            fouten = await bewaar_formulier(
                uow, d.catalogus, s, velden, d.vandaag(), WIE, versturen
            )
        except OngeldigeInvoer as fout:
            return _toon(request, s, 409, melding=str(fout))
        if fouten:
            return _toon(request, s, 422, fouten, velden)
        onderzoek_id = await onderzoek_van_uitnodiging(uow, s.uitnodiging_id)
        wat = f"{s.soort} {'verstuurd' if versturen else 'opgeslagen'}"
        await leg_vast(uow, f"{WIE} {adres(request)}", "gemeente", onderzoek_id, wat)
        await uow.commit()
    naar = f"{request.url.path}?{'verstuurd' if versturen else 'opgeslagen'}=1"
    return RedirectResponse(naar, status_code=303)


async def rapport(request: Request) -> Response:
    """/gemeente/{token}/rapport: the report as it stands now, as a PDF (the concept during
    the wederhoor, the vastgesteld report with the plan)."""
    d = diensten(request)
    async with UnitOfWork(d.sessions) as uow:
        s = await _stand(request, uow)
        if isinstance(s, Response):
            return s
        onderzoek_id = await onderzoek_van_uitnodiging(uow, s.uitnodiging_id)
        b = await beoordeel(uow, d.catalogus, onderzoek_id)
        await uow.commit()
    try:
        pdf = await asyncio.to_thread(maak_rapport, [b], "pdf", d.vandaag())
    except RuntimeError as fout:
        return pagina(
            request, "gemeente.html.j2", 503, titel="Rapport", fout=f"Geen PDF: {fout}", s=None
        )
    naam = f"rapport-{b.gemeente}.pdf".replace(" ", "_")
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{naam}"'},
    )
