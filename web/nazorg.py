"""The console's steps after the concept (POST, each behind the guard with its CSRF check and
audit record): put the concept to the gemeente, decide on a reaction, publish the vastgesteld
report with its improvement plan, open the follow-up. The same services as `stj wederhoor`,
`stj reactie`, `stj publiceer` and `stj onderzoek vervolg`; a step's web link is shown once,
in the message after the action (the database keeps only its hash). A contact who opened
their link in Telegram gets the report as a PDF with the step's button there, as from `stj`
and the bot, when the console can reach Telegram; the message says how that went."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

from starlette.responses import RedirectResponse, Response

from beoordeling.rapport import maak_rapport, soort
from bot.proces import PUBLICATIE, stap_tekst
from opslag.audit import leg_vast
from opslag.beoordelingen import beoordeel
from opslag.fouten import NietGevonden
from opslag.proces import NAAM, Stap, gemeentelink, vervang_link
from opslag.verbeterplan import publiceer
from opslag.vervolg import open_vervolg
from opslag.wederhoor import beslis, leg_voor
from vragenlijsten import grenzen
from web.acties import _door, _terug
from web.formulier import Veldfout
from web.toegang import Verzoek, inspecteur_pagina, meld
from web.zwaar import op_de_achtergrond

log = logging.getLogger("stj.web")
ZONDER_BOT = (
    " Niet verstuurd in Telegram: de console draait zonder de bot (start haar samen met de "
    "bot, of met STJ_TELEGRAM_TOKEN in de omgeving); stuur de link hieronder door."
)


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


async def _naar_gemeente(
    v: Verzoek,
    onderzoek_id: int,
    chat_id: int | None,
    tekst: str,
    stap: Stap | None,
    met_pdf: bool,
) -> str:
    """Send the step to the gemeente's chat as `stj` and the bot do: the report as a PDF (made
    in a worker thread) and the message with the step's button. The sentence for the
    inspector's message, also kept in the audit log."""
    if chat_id is None:
        uitslag = " De contactpersoon van de gemeente opende de bot niet; stuur de link door."
    elif v.d.stapzender is None:
        uitslag = ZONDER_BOT
    else:
        cat = v.d.catalogus
        pdf, naam, zonder = None, "", ""
        if met_pdf:
            b = await op_de_achtergrond(v, lambda uow: beoordeel(uow, cat, onderzoek_id))
            naam = f"{soort([b])}-{b.gemeente}-{b.aanpak}.pdf".replace(" ", "_").replace("/", "_")
            try:
                pdf = await asyncio.to_thread(maak_rapport, [b], "pdf", v.d.vandaag())
            except RuntimeError as fout:  # no PDF without WeasyPrint's Pango: the message alone
                log.warning("geen PDF voor de gemeente: %s", fout)
                zonder = " (zonder PDF: die kan hier niet worden gemaakt)"
        # Telegram may take a while: meanwhile SQLite's one writer is not held for this.
        async with v.uow.zonder_slot():
            probleem = await v.d.stapzender(chat_id, tekst, pdf, naam, stap)
        uitslag = (
            f" Niet verstuurd in Telegram: {probleem}; stuur de link door."
            if probleem
            else f" Verstuurd aan de gemeente in Telegram{zonder}."
        )
    await leg_vast(v.uow, v.ik.wie, "web naar de gemeente", onderzoek_id, uitslag.strip())
    return uitslag


def _naar(v: Verzoek) -> str:
    return f"/onderzoek/{v.onderzoek_id}/beoordeling#na-het-concept"


@inspecteur_pagina("wederhoor", veld="termijn")
async def wederhoor(v: Verzoek) -> Response:
    """Put the concept to the gemeente until the chosen date (default: the kader's term)."""
    stap = await leg_voor(v.uow, v.d.catalogus, v.onderzoek_id, v.d.vandaag(), _datum(v, "termijn"))
    assert stap.termijn is not None and v.onderzoek is not None
    tekst = stap_tekst(stap, v.onderzoek.gemeente, v.onderzoek.aanpak)
    verstuurd = await _naar_gemeente(v, v.onderzoek_id, stap.telegram_user_id, tekst, stap, True)
    return _terug(
        v,
        _naar(v),
        f"Het concept ligt bij de gemeente tot en met {stap.termijn:%d-%m-%Y}.{verstuurd}"
        f"{_link(v, stap)}",
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
    o = p.onderzoek
    bericht = (
        stap_tekst(p.plan, o.gemeente, o.aanpak)
        if p.plan
        else PUBLICATIE.format(gemeente=o.gemeente, aanpak=o.aanpak)
    )
    tekst = f"Het rapport is gepubliceerd op {p.gepubliceerd_op:%d-%m-%Y}."
    if p.plan is not None and p.plan.termijn is not None:
        tekst += f" Verbeterplan gevraagd vóór {p.plan.termijn:%d-%m-%Y}."
    tekst += await _naar_gemeente(v, o.id, p.telegram_user_id, bericht, p.plan, True)
    return _terug(v, _naar(v), tekst + _link(v, p.plan))


@inspecteur_pagina("vervolg", veld="deadline")
async def vervolg(v: Verzoek) -> Response:
    """Open the follow-up; its page shows the re-invited respondents' links."""
    nieuw = await open_vervolg(
        v.uow, v.d.catalogus, v.onderzoek_id, _datum(v, "deadline"), v.d.vandaag()
    )
    o, voortgang = nieuw.onderzoek, nieuw.voortgang
    verstuurd = ""
    if voortgang is not None:
        tekst = stap_tekst(voortgang, o.gemeente, o.aanpak)
        verstuurd = await _naar_gemeente(
            v, o.id, voortgang.telegram_user_id, tekst, voortgang, False
        )
    meld(
        v.request,
        f"Vervolgonderzoek {o.id} is geopend; {len(nieuw.uitnodigingen)} "
        f"respondenten zijn opnieuw uitgenodigd.{verstuurd}{_link(v, voortgang)}",
    )
    return RedirectResponse(f"/onderzoek/{nieuw.onderzoek.id}", status_code=303)


@inspecteur_pagina("nieuwe link")
async def nieuwe_link(v: Verzoek) -> Response:
    """A new web link for an open step (wederhoor or plan); the old one stops working."""
    soort = v.request.path_params["soort"]
    if soort not in ("wederhoor", "verbeterplan"):
        raise NietGevonden("Deze stap bestaat niet.")
    stap = await vervang_link(v.uow, v.onderzoek_id, soort, v.d.vandaag())
    assert stap.link is not None
    await leg_vast(v.uow, v.ik.wie, f"web {soort} nieuwe link", v.onderzoek_id)
    return _terug(
        v,
        _naar(v),
        f"Nieuwe link voor {NAAM[soort]} (alleen nu zichtbaar; de vorige werkt niet meer): "
        f"{gemeentelink(v.d.basis_url, stap.link)}",
    )
