"""The chapters an inspector writes (voorwoord, werkwijze, samenvatting, conclusie,
aanbevelingen, verklaringen, vervolg, …) at the desk: the list with how each stands, and per
chapter an editor (plain text with paragraphs, "- " items and **bold**), a preview that saves
nothing, giving it back to its draft, and its history (who, when). Read-only once the
assessment is vastgesteld. Behind the guard (`web.toegang`), which checks and audits."""

from __future__ import annotations

from starlette.responses import RedirectResponse, Response

from beoordeling import opmaak
from beoordeling.stukken import Stuk, schrijfbaar, stukken
from opslag.beoordelingen import beoordeel
from opslag.fouten import NietGevonden, OngeldigeInvoer
from opslag.hoofdstukken import historie, schone_tekst, zet_hoofdstuk
from vragenlijsten import grenzen
from web.formulier import Terugmelding, Veldfout
from web.toegang import Verzoek, inspecteur_pagina, meld
from web.weergave import pagina

FORMULIER = "hoofdstuk-formulier"


async def _stukken(v: Verzoek) -> tuple[bool, list[Stuk]]:
    """Whether the assessment may still change, and its written chapters as they stand."""
    b = await beoordeel(v.uow, v.d.catalogus, v.onderzoek_id)
    concept = b.status == "concept"
    datum = b.datum or v.d.vandaag()
    return concept, schrijfbaar(stukken(b.indeling, [b], datum, True))


@inspecteur_pagina("bekijk hoofdstukken")
async def lijst(v: Verzoek) -> Response:
    """/onderzoek/N/hoofdstukken — every chapter the inspector writes, with how it stands."""
    open_, alle = await _stukken(v)
    return pagina(
        v.request,
        "hoofdstukken.html.j2",
        titel="Hoofdstukken",
        o=v.onderzoek,
        stukken=alle,
        open=open_,
    )


@inspecteur_pagina("bekijk hoofdstuk")
async def hoofdstuk(v: Verzoek) -> Response:
    """/onderzoek/N/hoofdstuk/NAAM — one chapter: the text as it stands, the editor with a
    preview, and every version."""
    naam = v.request.path_params["naam"]
    open_, alle = await _stukken(v)
    s = next((s for s in alle if s.naam == naam), None)
    if s is None:
        raise NietGevonden(f"hoofdstuk {naam} bestaat niet in dit rapport")
    t: Terugmelding = v.request.state.terugmelding_hier
    voorbeeld = t.voorbeeld
    return pagina(
        v.request,
        "hoofdstuk.html.j2",
        titel=f"Hoofdstuk · {s.titel}",
        o=v.onderzoek,
        s=s,
        open=open_,
        tekst=voorbeeld if voorbeeld is not None else (s.tekst or ""),
        voorbeeld=opmaak.html(voorbeeld) if voorbeeld else None,
        huidig=opmaak.html(s.tekst) if s.tekst else None,
        versies=list(reversed(await historie(v.uow, v.onderzoek_id, naam))),
        opmaak=opmaak.html,
        woorden=opmaak.woorden,
        formulier=FORMULIER,
    )


@inspecteur_pagina("hoofdstuk", veld="tekst")
async def opslaan(v: Verzoek) -> Response:
    """Save the chapter's text, preview it (nothing saved), or give it back to its draft."""
    naam = v.request.path_params["naam"]
    pad = f"/onderzoek/{v.onderzoek_id}/hoofdstuk/{naam}"
    actie = v.form.get("actie", "opslaan")
    if actie not in ("opslaan", "voorbeeld", "opzet"):
        raise OngeldigeInvoer("Kies opslaan, voorbeeld bekijken of terug naar de opzet.")
    tekst = v.form.get("tekst", "")
    if actie != "opzet" and len(tekst) > grenzen.HOOFDSTUK:
        raise Veldfout(
            {
                "tekst": f"De tekst is {len(tekst)} tekens lang; maak hem korter dan "
                f"{grenzen.HOOFDSTUK + 1} tekens."
            }
        )
    schoon = None if actie == "opzet" else schone_tekst(tekst)
    if actie == "voorbeeld":
        meld(v.request, "Voorbeeld hieronder; nog niets opgeslagen.", voorbeeld=schoon or "")
        return RedirectResponse(pad + "#voorbeeld", status_code=303)
    if actie == "opslaan" and schoon is None:
        raise Veldfout(
            {"tekst": "Schrijf de tekst, of kies 'Terug naar de opzet' om de opzet te gebruiken."}
        )
    door = f"{v.ik.naam} (inspecteur {v.ik.id}, web)"
    gewijzigd = await zet_hoofdstuk(
        v.uow, v.d.catalogus, v.onderzoek_id, naam, None if actie == "opzet" else schoon, door
    )
    if actie == "opzet":
        melding = (
            "Het hoofdstuk staat weer op de opzet uit de gegevens."
            if gewijzigd
            else "Het hoofdstuk stond al op de opzet."
        )
    else:
        melding = "Opgeslagen." if gewijzigd else "Niets veranderd: dit stond er al."
    meld(v.request, melding)
    return RedirectResponse(pad, status_code=303)
