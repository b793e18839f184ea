"""The actions (POST, each behind the guard with its CSRF check): invite, remind, extend, close;
an indicator's verdict, finding, LET OP and quotes; a theme's conclusion; vaststellen and
reopening. Each calls the services the bot and the command line call, then goes back to its
page with a message."""

from __future__ import annotations

import asyncio
import datetime as dt

from starlette.responses import RedirectResponse, Response

from opslag.audit import leg_vast
from opslag.beoordelingen import (
    OORDELEN,
    zet_citaat,
    zet_conclusie,
    zet_eindoordeel,
    zet_let_op,
    zet_oordeel,
    zet_status,
)
from opslag.bewijs import aanpassingen, bewijs
from opslag.fouten import OngeldigeInvoer
from opslag.herinneringen import plan_nu
from opslag.inspecteurs import verleng
from opslag.onderzoeken import maak_uitnodiging, sluit_onderzoek
from web.toegang import Verzoek, inspecteur_pagina, meld

# Background sends keep a reference here, so they are not collected before they finish.
_BEZIG: set[asyncio.Task[None]] = set()


def _terug(v: Verzoek, pad: str, melding: str) -> Response:
    meld(v.request, melding)
    return RedirectResponse(pad, status_code=303)


def _door(v: Verzoek) -> str:
    return f"{v.ik.naam} (inspecteur {v.ik.id}, web)"


@inspecteur_pagina("uitnodigen")
async def uitnodigen(v: Verzoek) -> Response:
    """Invite one respondent; the onderzoek page then shows the link and its QR code."""
    f = v.form
    info = await maak_uitnodiging(
        v.uow,
        v.d.catalogus,
        v.onderzoek_id,
        f.get("rol", ""),
        f.get("organisatie") or None,
        f.get("casus") or None,
    )
    v.request.session["nieuwe_uitnodiging"] = info.id
    return _terug(v, f"/onderzoek/{v.onderzoek_id}", f"Uitnodiging gemaakt voor {info.wie}.")


@inspecteur_pagina("herinneren")
async def herinneren(v: Verzoek) -> Response:
    """Remind every respondent who started but has not submitted (at most once per 12 hours)."""
    if v.d.herinneraar is None:
        raise OngeldigeInvoer(
            "herinneringen gaan via de bot; start de console samen met de bot, of met "
            "STJ_TELEGRAM_TOKEN in de omgeving"
        )
    plan = await plan_nu(v.uow, v.d.catalogus, v.onderzoek_id, v.ik.wie, v.d.vandaag())
    taak = asyncio.create_task(v.d.herinneraar(plan.te_versturen))
    _BEZIG.add(taak)
    taak.add_done_callback(_BEZIG.discard)
    extra = (
        f" {len(plan.al_herinnerd)} kregen er al een in de afgelopen 12 uur."
        if (plan.al_herinnerd)
        else ""
    )
    return _terug(
        v,
        f"/onderzoek/{v.onderzoek_id}",
        f"{len(plan.te_versturen)} herinnering(en) worden verstuurd.{extra}",
    )


@inspecteur_pagina("verlengen")
async def verlengen(v: Verzoek) -> Response:
    """Move the deadline (not into the past, not of a closed onderzoek)."""
    try:
        deadline = dt.date.fromisoformat(v.form.get("deadline", ""))
    except ValueError:
        raise OngeldigeInvoer("dat is geen datum; kies een datum in de kalender") from None
    await verleng(v.uow, v.onderzoek_id, deadline, v.d.vandaag())
    return _terug(v, f"/onderzoek/{v.onderzoek_id}", f"De deadline is nu {deadline:%d-%m-%Y}.")


@inspecteur_pagina("sluiten")
async def sluiten(v: Verzoek) -> Response:
    """Close the onderzoek: no answers, reminders or invitations any more."""
    if v.form.get("zeker") != "ja":
        raise OngeldigeInvoer("vink aan dat u het onderzoek wilt sluiten")
    await sluit_onderzoek(v.uow, v.onderzoek_id)
    return _terug(v, f"/onderzoek/{v.onderzoek_id}", "Het onderzoek is gesloten.")


@inspecteur_pagina("oordeel")
async def oordeel(v: Verzoek) -> Response:
    """One indicator: verdict, own finding, LET OP and quotes, as the form says. Only what
    differs from what is stored is written, so the history shows real changes."""
    indicator = v.request.path_params["indicator"]
    f, cat, n = v.form, v.d.catalogus, v.onderzoek_id
    nu = (await aanpassingen(v.uow, n)).get(indicator)
    gekozen = f.get("oordeel") or None
    gekozen = None if gekozen == "regel" else gekozen
    if gekozen is not None and gekozen not in OORDELEN:
        raise OngeldigeInvoer(f"oordeel '{gekozen}' bestaat niet")
    tekst = f.get("tekst", "").strip() or None
    if (gekozen, tekst) != ((nu.oordeel, nu.tekst) if nu else (None, None)):
        await zet_oordeel(v.uow, cat, n, indicator, gekozen, tekst, _door(v))
    let_op = {"standaard": None, "geen": [], "eigen": [f.get("let_op", "")]}.get(
        f.get("let_op_soort", "standaard")
    )
    if f.get("let_op_soort") == "eigen" and not f.get("let_op", "").strip():
        raise OngeldigeInvoer("schrijf de LET OP, of kies 'die van de beslisregel' of 'geen'")
    huidig = nu.let_op if nu else None
    if (None if let_op is None else tuple(let_op)) != huidig:
        await zet_let_op(v.uow, cat, n, indicator, let_op, _door(v))
    for regel in (await bewijs(v.uow, cat, n)).get(indicator, []):
        if (
            regel.toelichting
            and (f.get(f"citeer-{regel.uitnodiging_id}") == "ja") != regel.geciteerd
        ):
            await zet_citaat(
                v.uow, cat, n, indicator, regel.uitnodiging_id, not regel.geciteerd, _door(v)
            )
    return _terug(v, f"/onderzoek/{n}/beoordeling#{indicator}", "Opgeslagen.")


@inspecteur_pagina("conclusie")
async def conclusie(v: Verzoek) -> Response:
    """A theme's "Wat gaat goed?" and "Wat kan beter?" in the inspector's words (one paragraph
    per line); a field left as it was keeps the rule's text."""
    f = v.form
    thema = f.get("thema", "")
    goed = f.get("gaat_goed", "")
    beter = f.get("kan_beter", "")
    nieuw_goed = goed.splitlines() if goed.strip() != f.get("was_goed", "").strip() else None
    nieuw_beter = beter.splitlines() if beter.strip() != f.get("was_beter", "").strip() else None
    if nieuw_goed is not None or nieuw_beter is not None:
        await zet_conclusie(
            v.uow, v.d.catalogus, v.onderzoek_id, thema, nieuw_goed, nieuw_beter, _door(v)
        )
    return _terug(v, f"/onderzoek/{v.onderzoek_id}/beoordeling#conclusies", "Opgeslagen.")


@inspecteur_pagina("eindoordeel")
async def eindoordeel(v: Verzoek) -> Response:
    """A themarapport's eindoordeel decided by the inspector, or given back to the rule."""
    keuze = v.form.get("keuze", "regel")
    if keuze not in ("regel", "voldoende", "onvoldoende"):
        raise OngeldigeInvoer("kies voldoende, nog niet voldoende, of zoals de regel het voorstelt")
    voldoende = None if keuze == "regel" else keuze == "voldoende"
    tekst = v.form.get("tekst") or None
    await zet_eindoordeel(v.uow, v.d.catalogus, v.onderzoek_id, voldoende, tekst, _door(v))
    return _terug(v, f"/onderzoek/{v.onderzoek_id}/beoordeling#eindoordeel", "Opgeslagen.")


@inspecteur_pagina("vaststellen")
async def vaststellen(v: Verzoek) -> Response:
    """Set the assessment vastgesteld, or reopen it with a reason."""
    heropenen = v.form.get("actie") == "heropenen"
    status = "concept" if heropenen else "vastgesteld"
    bevestigd = await zet_status(
        v.uow,
        v.onderzoek_id,
        status,
        v.form.get("reden") or None,
        v.d.vandaag(),
        toch=v.form.get("toch") == "ja",
    )
    if bevestigd:
        # What was still open when the inspector confirmed is part of the record.
        await leg_vast(
            v.uow, v.ik.wie, "vaststellen bevestigd", v.onderzoek_id, "; ".join(bevestigd)
        )
    tekst = "De beoordeling is heropend." if heropenen else "De beoordeling is vastgesteld."
    return _terug(v, f"/onderzoek/{v.onderzoek_id}/beoordeling", tekst)
