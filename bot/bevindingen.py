"""In /beoordeling, per indicator: the inspector's own LET OP (typed), no LET OP at all, and which
toelichtingen the factsheet may quote (shown with their respondent, toggled by a button). The
walk-through (bot/beoordelen.py) hands these steps over and shows the indicator again after."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.basis import Context, Verzend, diensten, zeg
from gesprek.lengte import MAX_BERICHT, kort
from opslag.beoordelingen import toelichtingen, zet_citaat, zet_let_op
from opslag.inspecteurs import InspecteurInfo, zet_wizard
from opslag.uow import UnitOfWork

# The indicator screen's extra row: actions of this module.
ACTIES = ("letop", "geenletop", "citaten")
VRAAG_LET_OP = (
    "Typ de LET OP voor deze indicator: één zin over wat afwijkt en wat op het spel staat. Die "
    "vervangt de LET OP van de beslisregel. Of /annuleer."
)
# A toelichting is shown in part: the inspector recognises it, the factsheet quotes it whole.
MAX_TOELICHTING = 300


def in_lijst(actie: str) -> bool:
    """Whether a button belongs to the list of toelichtingen ("c<uitnodiging>" or "terug")."""
    return actie == "terug" or (actie[:1] == "c" and actie[1:].isascii() and actie[1:].isdigit())


def knoppenrij(index: int) -> list[InlineKeyboardButton]:
    """The buttons under an indicator for its LET OP and quotes."""
    return [
        InlineKeyboardButton("✎ LET OP", callback_data=f"b|bo|letop|{index}"),
        InlineKeyboardButton("✕ Geen LET OP", callback_data=f"b|bo|geenletop|{index}"),
        InlineKeyboardButton("❝ Citeren", callback_data=f"b|bo|citaten|{index}"),
    ]


async def actie(
    update: Update,
    context: Context,
    uow: UnitOfWork,
    ik: InspecteurInfo,
    wizard: dict[str, Any],
    indicator_id: str,
    wat: str,
) -> Verzend | None:
    """One of ACTIES on the indicator on screen; None when the indicator should be shown again."""
    d = diensten(context)
    if wat == "letop":
        wizard["stap"] = "let_op_tekst"
        await zet_wizard(uow, ik.id, wizard)
        return zeg(update, context, VRAAG_LET_OP)
    if wat == "geenletop":
        await zet_let_op(uow, d.catalogus, wizard["onderzoek"], indicator_id, [], _door(ik))
        return None
    wizard["stap"] = "citaten"
    return await _toon_citaten(update, context, uow, ik, wizard, indicator_id)


async def let_op_tekst(
    context: Context, uow: UnitOfWork, ik: InspecteurInfo, wizard: dict[str, Any],
    indicator_id: str, tekst: str,
) -> None:  # fmt: skip
    """The typed LET OP replaces the rule's own; the indicator is shown again."""
    d = diensten(context)
    await zet_let_op(uow, d.catalogus, wizard["onderzoek"], indicator_id, [tekst], _door(ik))
    wizard["stap"] = "oordeel"


async def citaat_knop(
    update: Update,
    context: Context,
    uow: UnitOfWork,
    ik: InspecteurInfo,
    wizard: dict[str, Any],
    indicator_id: str,
    wat: str,
) -> Verzend | None:
    """In the list of toelichtingen: toggle one ("c<uitnodiging>"), or go back ("terug")."""
    if wat != "terug":
        d = diensten(context)
        uitnodiging_id = int(wat[1:])
        lijst = await toelichtingen(uow, d.catalogus, wizard["onderzoek"], indicator_id)
        gekozen = next((t for t in lijst if t.uitnodiging_id == uitnodiging_id), None)
        if gekozen is None:
            return zeg(update, context, "Deze knop hoort bij een eerdere stap.")
        await zet_citaat(
            uow, d.catalogus, wizard["onderzoek"], indicator_id, uitnodiging_id,
            not gekozen.gemarkeerd, _door(ik),
        )  # fmt: skip
        return await _toon_citaten(update, context, uow, ik, wizard, indicator_id)
    wizard["stap"] = "oordeel"
    return None


async def _toon_citaten(
    update: Update,
    context: Context,
    uow: UnitOfWork,
    ik: InspecteurInfo,
    wizard: dict[str, Any],
    indicator_id: str,
) -> Verzend:
    """The toelichtingen on this indicator, each with a button to quote it or stop quoting."""
    await zet_wizard(uow, ik.id, wizard)
    lijst = await toelichtingen(uow, diensten(context).catalogus, wizard["onderzoek"], indicator_id)
    i = wizard["index"]
    terug = [InlineKeyboardButton("◀ Terug naar de indicator", callback_data=f"b|bo|terug|{i}")]
    if not lijst:
        tekst = "Bij deze indicator is er geen toelichting die het rapport mag citeren."
        return zeg(update, context, tekst, InlineKeyboardMarkup([terug]))
    regels = [
        'Welke toelichtingen mag de factsheet citeren? Zij verschijnen zonder naam ("een '
        'netwerkpartner uit de jeugdzorg licht toe: …"). ✅ = wordt geciteerd.',
        "",
    ]
    knoppen = []
    for n, t in enumerate(lijst, start=1):
        teken = "✅" if t.gemarkeerd else "▫️"
        regels.append(
            f"{teken} {n}. {t.wie} ({t.waarde or '–'}): “{kort(t.tekst, MAX_TOELICHTING)}”"
        )
        actie = "niet citeren" if t.gemarkeerd else "citeren"
        knoppen.append(
            [InlineKeyboardButton(f"{n}: {actie}", callback_data=f"b|bo|c{t.uitnodiging_id}|{i}")]
        )
    knoppen.append(terug)
    return zeg(update, context, kort("\n".join(regels), MAX_BERICHT), InlineKeyboardMarkup(knoppen))


def _door(ik: InspecteurInfo) -> str:
    return f"{ik.naam} (inspecteur {ik.id})"
