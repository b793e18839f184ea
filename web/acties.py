"""The actions (POST, each behind the guard with its CSRF check): invite, remind, extend, close;
an indicator's verdict, finding, LET OP and quotes; a theme's conclusion; vaststellen and
reopening. Each checks the whole form first (in the console's words, per field: web.formulier),
then calls the services the bot and the command line call, and goes back to its page with a
message. A form saves everything it says or nothing."""

from __future__ import annotations

import asyncio
import datetime as dt

from starlette.responses import RedirectResponse, Response

from beoordeling.taal import hoofdletter
from opslag.audit import leg_vast
from opslag.beoordelingen import (
    OORDELEN,
    BevestigingNodig,
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
from opslag.onderzoeken import casuslabel, maak_uitnodiging, sluit_onderzoek
from opslag.reacties import wederhoor_stand
from opslag.uow import Samen
from vragenlijsten import grenzen
from web.formulier import Veldfout
from web.toegang import Verzoek, inspecteur_pagina, meld

# Background sends keep a reference here, so they are not collected before they finish.
_BEZIG: set[asyncio.Task[None]] = set()

VASTGESTELD = (
    "De beoordeling is vastgesteld en verandert niet meer. Heropen haar onderaan deze pagina "
    "(met een reden) om iets te wijzigen."
)


def _terug(v: Verzoek, pad: str, melding: str) -> Response:
    meld(v.request, melding)
    return RedirectResponse(pad, status_code=303)


def _door(v: Verzoek) -> str:
    return f"{v.ik.naam} (inspecteur {v.ik.id}, web)"


def _te_lang(tekst: str | None, grens: int, wat: str) -> str | None:
    """The console's words for a text over its limit."""
    if tekst is not None and len(tekst) > grens:
        return f"{wat} is {len(tekst)} tekens lang; maak het korter dan {grens + 1} tekens."
    return None


def _open(v: Verzoek) -> None:
    """The assessment may still change."""
    if v.onderzoek is not None and v.onderzoek.beoordeling == "vastgesteld":
        raise OngeldigeInvoer(VASTGESTELD)


@inspecteur_pagina("uitnodigen")
async def uitnodigen(v: Verzoek) -> Response:
    """Invite one respondent; the onderzoek page then shows the link and its QR code."""
    f = v.form
    assert v.onderzoek is not None
    kader = v.d.catalogus.kader(v.onderzoek.kader)
    rollen = v.d.catalogus.rollen(v.onderzoek.kader)
    rol = kader.rol(f.get("rol", "")) if f.get("rol") in rollen else None
    organisatie = grenzen.schoon(f.get("organisatie"))
    casus = grenzen.schoon(f.get("casus"))
    fouten = {}
    if rol is None:
        fouten["rol"] = "Kies een rol uit de lijst."
    else:
        if rol.organisatie and not organisatie:
            fouten["organisatie"] = f"Vul de organisatie in van de {rol.enkelvoud}."
        elif not rol.organisatie and organisatie:
            fouten["organisatie"] = (
                f"Laat de organisatie leeg: {rol.meervoud} worden nooit bij naam of organisatie "
                "vastgelegd."
            )
        elif probleem := _te_lang(organisatie, grenzen.ORGANISATIE, "De organisatie"):
            fouten["organisatie"] = probleem
        if casus and not rol.casus:
            fouten["casus"] = (
                f"Laat het gezin leeg: {rol.meervoud} worden niet per gezin uitgenodigd."
            )
        elif casus:
            try:
                casuslabel(casus)
            except OngeldigeInvoer:
                fouten["casus"] = (
                    'Schrijf alleen een label, zoals "gezin 1" of "gezin A", nooit een naam of '
                    "adres. Leeg laten geeft het volgende vrije label."
                )
    if fouten:
        raise Veldfout(fouten)
    assert rol is not None
    info = await maak_uitnodiging(
        v.uow, v.d.catalogus, v.onderzoek_id, rol.naam, organisatie, casus
    )
    meld(v.request, f"Uitnodiging gemaakt voor {info.wie}.", nieuwe_uitnodiging=info.id)
    return RedirectResponse(f"/onderzoek/{v.onderzoek_id}", status_code=303)


@inspecteur_pagina("herinneren")
async def herinneren(v: Verzoek) -> Response:
    """Remind every respondent who started but has not submitted (at most once per 12 hours)."""
    if v.d.herinneraar is None:
        raise OngeldigeInvoer(
            "Herinneringen gaan via de bot. Start de console samen met de bot, of met het "
            "token van de bot (STJ_TELEGRAM_TOKEN) in de omgeving."
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


@inspecteur_pagina("verlengen", veld="deadline")
async def verlengen(v: Verzoek) -> Response:
    """Move the deadline (not into the past, not of a closed onderzoek)."""
    try:
        deadline = dt.date.fromisoformat(v.form.get("deadline", ""))
    except ValueError:
        raise Veldfout(
            {"deadline": "Dat is geen datum. Kies een datum, bijvoorbeeld 31-12-2027."}
        ) from None
    await verleng(v.uow, v.onderzoek_id, deadline, v.d.vandaag())
    return _terug(v, f"/onderzoek/{v.onderzoek_id}", f"De deadline is nu {deadline:%d-%m-%Y}.")


@inspecteur_pagina("sluiten")
async def sluiten(v: Verzoek) -> Response:
    """Close the onderzoek: no answers, reminders or invitations any more."""
    if v.form.get("zeker") != "ja":
        raise Veldfout({"zeker": "Vink aan dat u het onderzoek wilt sluiten."})
    await sluit_onderzoek(v.uow, v.onderzoek_id)
    return _terug(v, f"/onderzoek/{v.onderzoek_id}", "Het onderzoek is gesloten.")


@inspecteur_pagina("oordeel")
async def oordeel(v: Verzoek) -> Response:
    """One indicator: verdict, own finding, LET OP and quotes, as the form says. The whole form
    is checked before anything is written, and what is written is committed together. Only
    what differs from what is stored is written, so the history shows real changes."""
    indicator = v.request.path_params["indicator"]
    f, cat, n = v.form, v.d.catalogus, v.onderzoek_id
    _open(v)
    assert v.onderzoek is not None
    if cat.kader(v.onderzoek.kader).indicator(indicator) is None:
        raise OngeldigeInvoer("Deze indicator bestaat niet in het kader van dit onderzoek.")
    fouten = {}
    gekozen = f.get("oordeel") or "regel"
    if gekozen != "regel" and gekozen not in OORDELEN:
        fouten["oordeel"] = "Kies een van de oordelen in de lijst."
    tekst = grenzen.opslaanbaar(f.get("tekst", "")).strip() or None
    if probleem := _te_lang(tekst, grenzen.BEVINDING, "De eigen bevinding"):
        fouten["tekst"] = probleem
    soort = f.get("let_op_soort", "standaard")
    eigen_let_op = grenzen.opslaanbaar(f.get("let_op", "")).strip()
    if soort not in ("standaard", "eigen", "geen"):
        fouten["let_op_soort"] = "Kies welke LET OP er komt."
    elif soort == "eigen" and not eigen_let_op:
        fouten["let_op"] = (
            "Schrijf de LET OP, of kies hierboven 'die van de beslisregel' of 'geen'."
        )
    elif probleem := _te_lang(eigen_let_op, grenzen.BEVINDING, "De LET OP"):
        fouten["let_op"] = probleem
    if fouten:
        raise Veldfout(fouten)
    # Everything checked: now the changes, committed together by the guard (or none).
    samen = Samen(v.uow)
    nu = (await aanpassingen(samen, n)).get(indicator)
    keuze = None if gekozen == "regel" else gekozen
    if (keuze, tekst) != ((nu.oordeel, nu.tekst) if nu else (None, None)):
        await zet_oordeel(samen, cat, n, indicator, keuze, tekst, _door(v))
    let_op = {"standaard": None, "geen": [], "eigen": [eigen_let_op]}[soort]
    huidig = nu.let_op if nu else None
    if (None if let_op is None else tuple(let_op)) != huidig:
        await zet_let_op(samen, cat, n, indicator, let_op, _door(v))
    for regel in (await bewijs(samen, cat, n)).get(indicator, []):
        if (
            regel.toelichting
            and (f.get(f"citeer-{regel.uitnodiging_id}") == "ja") != regel.geciteerd
        ):
            await zet_citaat(
                samen, cat, n, indicator, regel.uitnodiging_id, not regel.geciteerd, _door(v)
            )
    return _terug(v, f"/onderzoek/{n}/beoordeling#{indicator}", "Opgeslagen.")


@inspecteur_pagina("conclusie")
async def conclusie(v: Verzoek) -> Response:
    """A theme's "Wat gaat goed?" and "Wat kan beter?" in the inspector's words (one paragraph
    per line); a field left as it was keeps the rule's text."""
    f = v.form
    _open(v)
    thema = f.get("thema", "")
    goed = f.get("gaat_goed", "")
    beter = f.get("kan_beter", "")
    fouten = {}
    for veld, tekst, wat in (("gaat_goed", goed, "Een alinea"), ("kan_beter", beter, "Een alinea")):
        for regel in tekst.splitlines():
            if probleem := _te_lang(regel.strip(), grenzen.BEVINDING, wat):
                fouten[veld] = probleem
                break
    if fouten:
        raise Veldfout(fouten)
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
    _open(v)
    keuze = v.form.get("keuze", "regel")
    tekst = grenzen.opslaanbaar(v.form.get("tekst", "")).strip() or None
    fouten = {}
    if keuze not in ("regel", "voldoende", "onvoldoende"):
        fouten["keuze"] = "Kies voldoende, nog niet voldoende, of zoals de regel het voorstelt."
    if probleem := _te_lang(tekst, grenzen.BEVINDING, "De eigen zin"):
        fouten["tekst"] = probleem
    if fouten:
        raise Veldfout(fouten)
    voldoende = None if keuze == "regel" else keuze == "voldoende"
    await zet_eindoordeel(v.uow, v.d.catalogus, v.onderzoek_id, voldoende, tekst, _door(v))
    return _terug(v, f"/onderzoek/{v.onderzoek_id}/beoordeling#eindoordeel", "Opgeslagen.")


@inspecteur_pagina("vaststellen")
async def vaststellen(v: Verzoek) -> Response:
    """Set the assessment vastgesteld, or reopen it with a reason."""
    heropenen = v.form.get("actie") == "heropenen"
    reden = grenzen.schoon(v.form.get("reden"))
    if heropenen and not reden:
        raise Veldfout({"reden": "Schrijf waarom u de beoordeling heropent."})
    if heropenen and (probleem := _te_lang(reden, grenzen.REDEN, "De reden")):
        raise Veldfout({"reden": probleem})
    status = "concept" if heropenen else "vastgesteld"
    try:
        bevestigd = await zet_status(
            v.uow,
            v.onderzoek_id,
            status,
            reden,
            v.d.vandaag(),
            toch=v.form.get("toch") == "ja",
            catalogus=v.d.catalogus,
        )
    except BevestigingNodig as fout:
        raise Veldfout(
            {"toch": "Nog niet alles is af (zie hierboven). Vink aan dat u toch wilt vaststellen."}
        ) from fout
    if bevestigd:
        # What was still open when the inspector confirmed is part of the record.
        await leg_vast(
            v.uow, v.ik.wie, "vaststellen bevestigd", v.onderzoek_id, "; ".join(bevestigd)
        )
    tekst = "De beoordeling is heropend." if heropenen else "De beoordeling is vastgesteld."
    if not heropenen:  # and whether the gemeente could react to the concept
        stand = await wederhoor_stand(v.uow, v.d.catalogus, v.onderzoek_id, v.d.vandaag())
        await leg_vast(v.uow, v.ik.wie, "wederhoor bij vaststellen", v.onderzoek_id, stand.regel())
        tekst += f" {hoofdletter(stand.regel())}."
    return _terug(v, f"/onderzoek/{v.onderzoek_id}/beoordeling", tekst)
