"""/beoordeling N: the inspector walks through the draft verdicts one indicator per message
(confirm, change, or write the finding), then the conclusions per theme; at the end the PDF
factsheet and vaststellen. Every choice is stored at once as an inspector decision."""

from __future__ import annotations

import asyncio
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from beoordeling import Beoordeling
from beoordeling.rapport import maak_rapport, soort
from beoordeling.taal import hoofdletter
from bot import bevindingen
from bot.basis import Context, Verzend, diensten, zeg
from bot.inspecteur import alleen_inspecteur, onderzoek_arg
from gesprek.lengte import MAX_BERICHT, kort
from opslag.audit import leg_vast
from opslag.beoordelingen import (
    OORDELEN,
    BevestigingNodig,
    beoordeel,
    zet_conclusie,
    zet_oordeel,
    zet_status,
)
from opslag.inspecteurs import InspecteurInfo, mag, zet_wizard
from opslag.reacties import wederhoor_stand
from opslag.uow import UnitOfWork

TEKEN = {
    "voldoet": "✓ voldoet",
    "verbeterpunt": "✗ verbeterpunt",
    "niet_beoordeeld": "– niet beoordeeld",
    "niet_van_toepassing": "n.v.t.",
}
KEUZES = {"ok": None, "v": "voldoet", "x": "verbeterpunt", "n": "niet_van_toepassing"}
# Buttons under the summary at the end of the walk: valid whatever step was shown last.
EINDKNOPPEN = ("themas", "pdf", "vast", "vasttoch")
# The steps that wait for typed text, and the step whose buttons are on screen meanwhile.
WACHT_OP_TEKST = {"tekst": "oordeel", "thema_tekst": "thema", "let_op_tekst": "oordeel"}


def _knop(label: str, actie: str, index: int) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=f"b|bo|{actie}|{index}")


@alleen_inspecteur
async def beoordeling_cmd(
    update: Update, context: Context, uow: UnitOfWork, ik: InspecteurInfo
) -> Verzend:
    """/beoordeling N: start at the first indicator."""
    onderzoek_id = onderzoek_arg(context, "beoordeling")
    await mag(uow, ik, onderzoek_id)
    wizard = {"soort": "beoordeling", "onderzoek": onderzoek_id, "index": 0, "stap": "oordeel"}
    return await _toon(update, context, uow, ik, wizard)


async def _toon(
    update: Update, context: Context, uow: UnitOfWork, ik: InspecteurInfo, wizard: dict[str, Any]
) -> Verzend:
    """Store the walk-through's position and show its current step."""
    await zet_wizard(uow, ik.id, wizard)
    b = await beoordeel(uow, diensten(context).catalogus, wizard["onderzoek"])
    i = wizard["index"]
    if wizard["stap"] == "thema":
        return _toon_thema(update, context, b, i)
    if i >= len(b.indicatoren):
        return _toon_einde(update, context, b, wizard["onderzoek"])
    io = b.indicatoren[i]
    regels = [
        f"Indicator {i + 1} van {len(b.indicatoren)} · {io.thema} — {io.criterium}",
        "",
        io.indicator,
        *([f"Operationalisering: {io.operationalisering}"] if io.operationalisering else []),
        "",
        f"{'Oordeel inspecteur' if io.aangepast_door_inspecteur else 'Voorstel'}: "
        f"{TEKEN.get(io.oordeel, io.oordeel)}",
        f"Reden: {io.reden}",
    ]
    if io.per_casus:
        regels.append(
            "Per gezin: "
            + " · ".join(
                f"{label} {TEKEN.get(oordeel, oordeel)}" for label, oordeel in io.per_casus
            )
        )
    regels += ["", f"Bevinding: {io.bevinding}"]
    regels.extend(f"LET OP: {opmerking}" for opmerking in io.let_op)
    knoppen = InlineKeyboardMarkup(
        [
            [_knop("✓ Akkoord", "ok", i), _knop("✎ Eigen bevinding", "tekst", i)],
            [_knop("Voldoet", "v", i), _knop("Verbeterpunt", "x", i), _knop("N.v.t.", "n", i)],
            bevindingen.knoppenrij(i),
            [_knop("Volgende ▶", "volgende", i), _knop("Naar het einde", "einde", i)],
        ]
    )
    return zeg(update, context, kort("\n".join(regels), MAX_BERICHT), knoppen)


def _toon_thema(update: Update, context: Context, b: Beoordeling, i: int) -> Verzend:
    c = b.conclusies[i]
    goed = "\n".join(f"• {t}" for t in c.gaat_goed) or "• (niets)"
    beter = "\n".join(f"• {t}" for t in c.kan_beter) or "• (niets)"
    tekst = (
        f"Conclusie {i + 1} van {len(b.conclusies)}: {c.thema}\n\nWat gaat goed?\n{goed}\n\n"
        f"Wat kan beter?\n{beter}"
    )
    knoppen = InlineKeyboardMarkup(
        [
            [_knop("✓ Akkoord", "tok", i)],
            [_knop("✎ Wat gaat goed", "goed", i), _knop("✎ Wat kan beter", "beter", i)],
        ]
    )
    return zeg(update, context, kort(tekst, MAX_BERICHT), knoppen)


def _toon_einde(update: Update, context: Context, b: Beoordeling, onderzoek_id: int) -> Verzend:
    telling = {k: sum(io.oordeel == k for io in b.indicatoren) for k in TEKEN}
    eigen = sum(io.aangepast_door_inspecteur for io in b.indicatoren)
    tekst = (
        f"Beoordeling {b.gemeente} · {b.aanpak} ({b.status}): "
        f"{telling['voldoet']} ✓, {telling['verbeterpunt']} ✗, "
        f"{telling['niet_beoordeeld']} niet beoordeeld, {telling['niet_van_toepassing']} "
        f"n.v.t.; {eigen} oordelen van de inspecteur."
    )
    knoppen = InlineKeyboardMarkup(
        [
            [_knop("Conclusies per thema", "themas", 0)],
            [_knop("PDF sturen", "pdf", 0), _knop("Vaststellen", "vast", 0)],
        ]
    )
    return zeg(update, context, tekst, knoppen)


async def knop(
    update: Update, context: Context, uow: UnitOfWork, ik: InspecteurInfo, waarde: str
) -> Verzend:
    """A button of the walk-through: b|bo|<actie>|<index>."""
    actie, _, index = waarde.partition("|")
    wizard = dict(ik.wizard or {})
    bezig = wizard.get("soort") == "beoordeling"
    actueel = bezig and str(wizard.get("index")) == index
    # The end-of-walk buttons stay valid; step buttons only for the step on screen.
    if not actueel and not (bezig and actie in EINDKNOPPEN):
        return zeg(
            update,
            context,
            "Deze knop hoort bij een eerdere stap. Typ opnieuw /beoordeling <nummer>.",
        )
    d = diensten(context)
    onderzoek_id, i = int(wizard["onderzoek"]), int(wizard["index"])
    door = f"{ik.naam} (inspecteur {ik.id})"
    # A button while a text was asked for: the inspector chose that instead of typing.
    if wizard["stap"] in WACHT_OP_TEKST:
        wizard["stap"] = WACHT_OP_TEKST[wizard.pop("stap")]
        wizard.pop("veld", None)
    if wizard["stap"] == "thema":
        return await _thema_knop(update, context, uow, ik, wizard, actie)
    if wizard["stap"] == "citaten" and not bevindingen.in_lijst(actie):
        wizard["stap"] = "oordeel"  # a button of the indicator itself: the list is left
    if wizard["stap"] == "citaten" or actie in bevindingen.ACTIES:
        b = await beoordeel(uow, d.catalogus, onderzoek_id)
        if i >= len(b.indicatoren):
            return zeg(update, context, "Deze knop hoort bij een eerdere stap.")
        indicator_id = b.indicatoren[i].id
        if wizard["stap"] == "citaten":
            verder = await bevindingen.citaat_knop(
                update, context, uow, ik, wizard, indicator_id, actie
            )
        else:
            verder = await bevindingen.actie(update, context, uow, ik, wizard, indicator_id, actie)
        return verder or await _toon(update, context, uow, ik, wizard)
    if actie in KEUZES:
        b = await beoordeel(uow, d.catalogus, onderzoek_id)
        if i >= len(b.indicatoren):
            return zeg(update, context, "Deze knop hoort bij een eerdere stap.")
        io = b.indicatoren[i]
        oordeel = KEUZES[actie] or io.oordeel
        # "Akkoord" with "niet beoordeeld": there is no verdict to confirm; go on.
        if oordeel in OORDELEN:
            await zet_oordeel(
                uow, d.catalogus, onderzoek_id, io.id, oordeel, None, door, behoud_tekst=True
            )
        wizard["index"] = i + 1
    elif actie == "tekst":
        wizard["stap"] = "tekst"
        await zet_wizard(uow, ik.id, wizard)
        return zeg(
            update,
            context,
            "Typ de bevinding voor deze indicator (die komt in de factsheet), of /annuleer.",
        )
    elif actie == "volgende":
        wizard["index"] = i + 1
    elif actie == "einde":
        wizard["index"] = 10_000
    elif actie == "themas":
        wizard.update(stap="thema", index=0)
    elif actie in ("vast", "vasttoch"):
        return await _vaststellen(update, context, uow, ik, onderzoek_id, actie == "vasttoch")
    elif actie == "pdf":
        return await _pdf(update, context, uow, onderzoek_id)
    return await _toon(update, context, uow, ik, wizard)


async def _vaststellen(
    update: Update,
    context: Context,
    uow: UnitOfWork,
    ik: InspecteurInfo,
    onderzoek_id: int,
    toch: bool,
) -> Verzend:
    """Vaststellen; while something is still open, first say what, with a button to go on."""
    try:
        d = diensten(context)
        bevestigd = await zet_status(
            uow, onderzoek_id, "vastgesteld", vandaag=d.vandaag(), toch=toch, catalogus=d.catalogus
        )
    except BevestigingNodig as fout:
        knoppen = [[_knop("Toch vaststellen", "vasttoch", 0)]]
        tekst = (
            "Nog niet alles is af:\n"
            + "\n".join(f"• {punt}" for punt in fout.voorbehouden)
            + "\n\nWilt u de beoordeling toch vaststellen?"
        )
        return zeg(update, context, tekst, InlineKeyboardMarkup(knoppen))
    if bevestigd:
        await leg_vast(uow, ik.wie, "vaststellen bevestigd", onderzoek_id, "; ".join(bevestigd))
    # Whether the gemeente could react to the concept is part of the record.
    wederhoor = (await wederhoor_stand(uow, d.catalogus, onderzoek_id, d.vandaag())).regel()
    await leg_vast(uow, ik.wie, "wederhoor bij vaststellen", onderzoek_id, wederhoor)
    await uow.commit()
    return zeg(
        update,
        context,
        f"De beoordeling van onderzoek {onderzoek_id} is vastgesteld.\n{hoofdletter(wederhoor)}.",
    )


async def _thema_knop(
    update: Update,
    context: Context,
    uow: UnitOfWork,
    ik: InspecteurInfo,
    wizard: dict[str, Any],
    actie: str,
) -> Verzend:
    b = await beoordeel(uow, diensten(context).catalogus, wizard["onderzoek"])
    if actie in ("goed", "beter"):
        wizard["veld"] = actie
        wizard["stap"] = "thema_tekst"
        await zet_wizard(uow, ik.id, wizard)
        kop = "Wat gaat goed?" if actie == "goed" else "Wat kan beter?"
        thema = b.conclusies[wizard["index"]].thema
        return zeg(
            update,
            context,
            f"Typ de tekst voor '{kop}' bij {thema}; elke regel wordt een alinea. Of /annuleer.",
        )
    wizard["index"] += 1
    if wizard["index"] >= len(b.conclusies):
        wizard.update(stap="oordeel", index=len(b.indicatoren))
    return await _toon(update, context, uow, ik, wizard)


async def tekst(
    update: Update, context: Context, uow: UnitOfWork, ik: InspecteurInfo, waarde: str
) -> Verzend:
    """Typed text in the walk-through: a finding for an indicator or a conclusion text."""
    wizard = dict(ik.wizard or {})
    d = diensten(context)
    b = await beoordeel(uow, d.catalogus, wizard["onderzoek"])
    door = f"{ik.naam} (inspecteur {ik.id})"
    lijst = b.conclusies if wizard["stap"] == "thema_tekst" else b.indicatoren
    if wizard["stap"] not in WACHT_OP_TEKST or not 0 <= wizard["index"] < len(lijst):
        return zeg(update, context, "Kies een van de knoppen hierboven, of /annuleer.")
    if wizard["stap"] == "tekst":
        io = b.indicatoren[wizard["index"]]
        await zet_oordeel(uow, d.catalogus, wizard["onderzoek"], io.id, io.oordeel, waarde, door)
        wizard.update(stap="oordeel", index=wizard["index"] + 1)
    elif wizard["stap"] == "let_op_tekst":
        io = b.indicatoren[wizard["index"]]
        await bevindingen.let_op_tekst(context, uow, ik, wizard, io.id, waarde)
    elif wizard["stap"] == "thema_tekst":
        thema = b.conclusies[wizard["index"]].thema
        regels = [r for r in waarde.splitlines() if r.strip()]
        veld = wizard.pop("veld")
        await zet_conclusie(
            uow,
            d.catalogus,
            wizard["onderzoek"],
            thema,
            regels if veld == "goed" else None,
            regels if veld == "beter" else None,
            door,
        )
        wizard["stap"] = "thema"
    return await _toon(update, context, uow, ik, wizard)


async def _pdf(update: Update, context: Context, uow: UnitOfWork, onderzoek_id: int) -> Verzend:
    b = await beoordeel(uow, diensten(context).catalogus, onderzoek_id)
    vandaag = diensten(context).vandaag()
    chat_id = update.effective_chat.id if update.effective_chat else 0
    wat = soort([b])
    naam = f"{wat}-{b.gemeente}-{b.aanpak}.pdf".replace(" ", "_").replace("/", "_")

    async def maak_en_stuur() -> None:
        # WeasyPrint takes seconds (more under load): off the event loop, and as a task of its
        # own, so this inspector's next messages do not wait for it either.
        try:
            pdf = await asyncio.to_thread(maak_rapport, [b], "pdf", vandaag)
        except RuntimeError as fout:  # no PDF without WeasyPrint's Pango: say so, not nothing
            await context.bot.send_message(chat_id, f"De PDF kan niet worden gemaakt: {fout}.")
            return
        await context.bot.send_document(
            chat_id,
            pdf,
            filename=naam,
            caption=f"{wat[:1].upper()}{wat[1:]} {b.gemeente} · {b.aanpak} ({b.status})",
        )

    async def begin() -> None:
        await context.bot.send_message(
            chat_id, f"De PDF van de {wat} wordt gemaakt; u krijgt hem zo."
        )
        context.application.create_task(maak_en_stuur(), update=update)

    return begin
