"""The console's steps after the concept (POST, each behind the guard with its CSRF check and
audit record): put the concept to the gemeente, decide on a reaction, publish the vastgesteld
report with its improvement plan, open the follow-up. The same services as `stj wederhoor`,
`stj reactie`, `stj publiceer` and `stj onderzoek vervolg`; a step's web link is shown once,
in the message after the action (the database keeps only its hash). A contact who opened
their link in Telegram finds the step there too (/lijst)."""

from __future__ import annotations

import datetime as dt

from starlette.responses import RedirectResponse, Response

from opslag.proces import Stap, gemeentelink
from opslag.verbeterplan import publiceer
from opslag.vervolg import open_vervolg
from opslag.wederhoor import beslis, leg_voor
from vragenlijsten import grenzen
from web.acties import _door, _terug
from web.formulier import Veldfout
from web.toegang import Verzoek, inspecteur_pagina, meld


def _datum(v: Verzoek, veld: str) -> dt.date | None:
    """An optional date field of the form."""
    tekst = v.form.get(veld, "").strip()
    if not tekst:
        return None
    try:
        return dt.date.fromisoformat(tekst)
    except ValueError:
        raise Veldfout(
            {veld: "Dat is geen datum. Kies een datum, bijvoorbeeld 31-12-2027."}
        ) from None


def _link(v: Verzoek, stap: Stap | None) -> str:
    if stap is None or stap.link is None:
        return ""
    waar = "in Telegram (/lijst) en " if stap.telegram_user_id is not None else ""
    return (
        f" De gemeente vindt het {waar}via deze link (alleen nu zichtbaar; stuur hem door): "
        f"{gemeentelink(v.d.basis_url, stap.link)}"
    )


def _naar(v: Verzoek) -> str:
    return f"/onderzoek/{v.onderzoek_id}/beoordeling#na-het-concept"


@inspecteur_pagina("wederhoor", veld="termijn")
async def wederhoor(v: Verzoek) -> Response:
    """Put the concept to the gemeente until the chosen date (default: the kader's term)."""
    stap = await leg_voor(v.uow, v.d.catalogus, v.onderzoek_id, v.d.vandaag(), _datum(v, "termijn"))
    assert stap.termijn is not None
    return _terug(
        v,
        _naar(v),
        f"Het concept ligt bij de gemeente tot en met {stap.termijn:%d-%m-%Y}.{_link(v, stap)}",
    )


@inspecteur_pagina("reactie", veld="besluit")
async def reactie(v: Verzoek) -> Response:
    """Accept a reaction (with the finding as it should read) or reject it with a reason."""
    besluit = v.form.get("besluit", "")
    reden = grenzen.schoon(v.form.get("reden"))
    bevinding = v.form.get("bevinding", "").strip() or None
    if besluit not in ("aanvaard", "afgewezen"):
        raise Veldfout({"besluit": "Kies of u de reactie overneemt of afwijst."})
    if besluit == "afgewezen" and not reden:
        raise Veldfout({"reden": "Schrijf waarom u de reactie afwijst."})
    nummer = int(v.request.path_params["reactie"])
    regel = await beslis(
        v.uow, v.d.catalogus, v.onderzoek_id, nummer, besluit, reden, bevinding, _door(v)
    )
    woord = "overgenomen" if besluit == "aanvaard" else "afgewezen"
    return _terug(v, _naar(v), f"De reactie over '{regel.indicator}' is {woord}.")


@inspecteur_pagina("publiceren")
async def publiceren(v: Verzoek) -> Response:
    """Publish the vastgesteld report and ask for the improvement plan."""
    p = await publiceer(v.uow, v.d.catalogus, v.onderzoek_id, v.d.vandaag())
    tekst = f"Het rapport is gepubliceerd op {p.gepubliceerd_op:%d-%m-%Y}."
    if p.plan is not None and p.plan.termijn is not None:
        tekst += f" Verbeterplan gevraagd vóór {p.plan.termijn:%d-%m-%Y}.{_link(v, p.plan)}"
    return _terug(v, _naar(v), tekst)


@inspecteur_pagina("vervolg", veld="deadline")
async def vervolg(v: Verzoek) -> Response:
    """Open the follow-up; its page shows the re-invited respondents' links."""
    nieuw = await open_vervolg(
        v.uow, v.d.catalogus, v.onderzoek_id, _datum(v, "deadline"), v.d.vandaag()
    )
    meld(
        v.request,
        f"Vervolgonderzoek {nieuw.onderzoek.id} is geopend; {len(nieuw.uitnodigingen)} "
        f"respondenten zijn opnieuw uitgenodigd.{_link(v, nieuw.voortgang)}",
    )
    return RedirectResponse(f"/onderzoek/{nieuw.onderzoek.id}", status_code=303)
