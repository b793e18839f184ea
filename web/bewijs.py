"""The inspector's own sources at the desk: the document list (add, requested / received / read)
and what a document says per indicator, what a family's dossier shows, interviews recorded in
the questionnaire of the respondent's role, and edits of a finding's parts. Each handler is a
service call behind the guard (`web.toegang`), which checks the onderzoek and audits it."""

from __future__ import annotations

import datetime as dt

from starlette.responses import RedirectResponse, Response

from beoordeling.taal import hoofdletter
from opslag.beoordelingen import beoordeel, zet_deel
from opslag.bewijs import antwoorden_met_historie
from opslag.bewijsstukken import documentlijst, lees_document, zet_document, zet_dossier
from opslag.documenten import documenten_van
from opslag.fouten import GeenToegang, OngeldigeInvoer
from opslag.interviews import bewaar_interview, interview_van, maak_interview
from vragenlijsten import grenzen
from vragenlijsten.antwoorden import Antwoord
from vragenlijsten.model import GetalItem, Item, KernvraagItem, MeerkeuzeItem
from vragenlijsten.waarden import fout_in_antwoord
from web.formulier import Veldfout
from web.toegang import Verzoek, inspecteur_pagina, meld
from web.weergave import pagina


def _terug(v: Verzoek, pad: str, melding: str) -> Response:
    meld(v.request, melding)
    return RedirectResponse(pad, status_code=303)


def _door(v: Verzoek) -> str:
    return f"{v.ik.naam} (inspecteur {v.ik.id}, web)"


def _datum(tekst: str | None) -> dt.date | None:
    """A date from a form's date field; empty is none."""
    if not (tekst or "").strip():
        return None
    try:
        return dt.date.fromisoformat((tekst or "").strip())
    except ValueError:
        raise Veldfout({"datum": "Dat is geen datum; kies een datum in de kalender."}) from None


@inspecteur_pagina("bekijk documenten")
async def documenten(v: Verzoek) -> Response:
    """/onderzoek/N/documenten — the document list (named, requested, received, read, and
    what each says per indicator) and the files respondents sent through Telegram."""
    assert v.onderzoek is not None
    return pagina(
        v.request,
        "documenten.html.j2",
        titel="Documenten",
        o=v.onderzoek,
        lijst=await documentlijst(v.uow, v.onderzoek_id),
        documenten=await documenten_van(v.uow, v.onderzoek_id),
        kader=v.d.catalogus.kader(v.onderzoek.kader),
        vandaag=v.d.vandaag(),
    )


@inspecteur_pagina("document", veld="titel")
async def document(v: Verzoek) -> Response:
    """Add a document to the list, or record that it was requested, received or read."""
    f = v.form
    datum = _datum(f.get("datum"))
    if datum is not None and datum > v.d.vandaag():
        raise Veldfout({"datum": "Die datum ligt in de toekomst."})
    await zet_document(
        v.uow,
        v.onderzoek_id,
        f.get("titel", ""),
        f.get("status", ""),
        datum,
        _door(v),
        v.d.vandaag(),
    )
    return _terug(v, f"/onderzoek/{v.onderzoek_id}/documenten", "Opgeslagen.")


@inspecteur_pagina("document lezen", veld="titel")
async def lezing(v: Verzoek) -> Response:
    """What a document says about one indicator (or no reading any more)."""
    f = v.form
    steun = f.get("steun") or None
    indicator = f.get("indicator", "")
    await lees_document(
        v.uow,
        v.d.catalogus,
        v.onderzoek_id,
        f.get("titel", ""),
        indicator,
        None if steun == "wis" else steun,
        f.get("notitie") or None,
        _door(v),
        v.d.vandaag(),
    )
    return _terug(v, f"/onderzoek/{v.onderzoek_id}/beoordeling#{indicator}", "Opgeslagen.")


@inspecteur_pagina("dossier", veld="casus")
async def dossier(v: Verzoek) -> Response:
    """What one family's dossier shows about one indicator (or nothing any more)."""
    f = v.form
    waarde = f.get("waarde") or None
    indicator = f.get("indicator", "")
    await zet_dossier(
        v.uow,
        v.d.catalogus,
        v.onderzoek_id,
        f.get("casus", ""),
        indicator,
        None if waarde == "wis" else waarde,
        f.get("notitie") or None,
        _door(v),
    )
    return _terug(v, f"/onderzoek/{v.onderzoek_id}/beoordeling#{indicator}", "Opgeslagen.")


@inspecteur_pagina("bevinding")
async def delen(v: Verzoek) -> Response:
    """The parts of one finding as the form says: an own text, dropped, or back to what the
    sources say. Every part is checked before any is written."""
    indicator = v.request.path_params["indicator"]
    b = await beoordeel(v.uow, v.d.catalogus, v.onderzoek_id)
    try:
        io = b.oordeel(indicator)
    except KeyError:
        raise OngeldigeInvoer(f"indicator '{indicator}' bestaat niet") from None
    # The form names each part by its key (a hidden field), so a part that moved since the
    # page was loaded is still the one meant.
    velden = {v.form[k]: k.removesuffix("-sleutel") for k in v.form if k.endswith("-sleutel")}
    wijzigingen: list[tuple[str, str | None, bool]] = []
    for d in io.delen:
        veld = velden.get(d.sleutel)
        if veld is None:
            continue
        keuze = v.form.get(veld, "houden")
        eigen = v.form.get(f"{veld}-tekst", "").strip()
        if keuze == "weg" and not d.weggelaten:
            wijzigingen.append((d.sleutel, None, True))
        elif keuze == "herstel" and (d.aangepast or d.weggelaten):
            wijzigingen.append((d.sleutel, None, False))
        elif keuze == "houden" and eigen and eigen != d.tekst:
            if probleem := grenzen.te_lang(eigen, grenzen.BEVINDING, "tekst van een deel"):
                raise Veldfout({f"{veld}-tekst": probleem})
            wijzigingen.append((d.sleutel, eigen, False))
    for sleutel, tekst, weg in wijzigingen:
        await zet_deel(
            v.uow, v.d.catalogus, v.onderzoek_id, indicator, sleutel, tekst, weg, _door(v)
        )
    return _terug(v, f"/onderzoek/{v.onderzoek_id}/beoordeling#{indicator}", "Opgeslagen.")


@inspecteur_pagina("interview nieuw", veld="rol")
async def interview_nieuw(v: Verzoek) -> Response:
    """Record an interview: a respondent of a role whose answers the inspector fills in."""
    f = v.form
    datum = _datum(f.get("datum"))
    if datum is not None and datum > v.d.vandaag():
        raise Veldfout({"datum": "Een interview kan niet in de toekomst liggen."})
    info = await maak_interview(
        v.uow,
        v.d.catalogus,
        v.onderzoek_id,
        f.get("rol", ""),
        f.get("organisatie") or None,
        f.get("casus") or None,
        datum,
        f.get("door") or v.ik.naam,
        v.d.vandaag(),
    )
    return _terug(
        v,
        f"/onderzoek/{v.onderzoek_id}/interview/{info.id}",
        f"Interview met {info.wie} aangemaakt; vul hieronder de antwoorden in.",
    )


@inspecteur_pagina("bekijk interview")
async def interview(v: Verzoek) -> Response:
    """/onderzoek/N/interview/U — the questionnaire of the respondent's role as one form,
    filled in with what was said in the interview so far."""
    u = await interview_van(v.uow, int(v.request.path_params["uitnodiging"]))
    if u.onderzoek_id != v.onderzoek_id:
        raise GeenToegang(f"Dit interview hoort niet bij onderzoek {v.onderzoek_id}.")
    assert v.onderzoek is not None
    a = await antwoorden_met_historie(v.uow, u.id)
    return pagina(
        v.request,
        "interview.html.j2",
        titel=f"Interview · {a.wie}",
        o=v.onderzoek,
        a=a,
        u=u,
        vragenlijst=v.d.catalogus.vragenlijst(v.onderzoek.kader, u.rol),
        kader=v.d.catalogus.kader(v.onderzoek.kader),
        open=v.onderzoek.beoordeling == "concept",
    )


@inspecteur_pagina("interview")
async def interview_opslaan(v: Verzoek) -> Response:
    """Store the interview's answers as the form holds them (all checked first)."""
    nummer = int(v.request.path_params["uitnodiging"])
    u = await interview_van(v.uow, nummer)
    if u.onderzoek_id != v.onderzoek_id:
        raise GeenToegang(f"Dit interview hoort niet bij onderzoek {v.onderzoek_id}.")
    assert v.onderzoek is not None
    vragenlijst = v.d.catalogus.vragenlijst(v.onderzoek.kader, u.rol)
    antwoorden, fouten = {}, {}
    for item in vragenlijst.items():
        try:
            antwoord = _antwoord(item, v.form)
        except OngeldigeInvoer as fout:
            fouten[f"a-{item.id}"] = str(fout)
            continue
        if antwoord is not None and (probleem := fout_in_antwoord(item, antwoord)):
            fouten[f"a-{item.id}"] = hoofdletter(probleem) + "."
        antwoorden[item.id] = antwoord
    if fouten:
        raise Veldfout(fouten)
    n = await bewaar_interview(
        v.uow, v.d.catalogus, nummer, antwoorden, v.form.get("afgerond") == "ja", _door(v)
    )
    return _terug(
        v, f"/onderzoek/{v.onderzoek_id}/interview/{nummer}", f"Opgeslagen: {n} antwoord(en)."
    )


def _antwoord(item: Item, form: dict[str, str]) -> Antwoord | None:
    """One item's answer from the interview form (None: left empty)."""
    veld = f"a-{item.id}"
    toelichting = form.get(f"{veld}-toelichting", "").strip() or None
    document = form.get(f"{veld}-document", "").strip() or None
    if isinstance(item, MeerkeuzeItem):
        gekozen = [o.waarde for o in item.opties if form.get(f"{veld}-{o.waarde}") == "ja"]
        return Antwoord(waarde=gekozen) if gekozen else None
    ruw = form.get(veld, "").strip()
    if item.type == "document":
        return Antwoord(document=document or ruw) if (document or ruw) else None
    waarde: str | int | None = ruw or None
    if isinstance(item, GetalItem) and ruw:
        try:
            waarde = int(ruw)
        except ValueError:
            raise OngeldigeInvoer(f"'{ruw}' is geen heel getal.") from None
    if waarde is None and not (isinstance(item, KernvraagItem) and (toelichting or document)):
        return None
    return Antwoord(waarde=waarde, toelichting=toelichting, document=document)
