"""/reactie N: the inspector decides on the gemeente's reactions to the concept in Telegram, as
with `stj reactie` and in the console (the same service, opslag.wederhoor.beslis). Each open
reaction comes as a message with its indicator, the gemeente's words and two buttons:
Overnemen asks for the finding as it should read (or keeps it), Afwijzen asks for the reason.
A button carries the moment the reaction was last changed: a press or a typed answer that no
longer matches the reaction (decided meanwhile, changed by the gemeente) records nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.basis import Context, Verzend, diensten, stuur_tekst, zeg
from bot.inspecteur import alleen_inspecteur, onderzoek_arg
from gesprek.invoer import lees_nummer
from gesprek.lengte import MAX_BERICHT, kort
from opslag.audit import leg_vast
from opslag.fouten import StjFout
from opslag.inspecteurs import InspecteurInfo, mag, zet_wizard
from opslag.reacties import ReactieRegel, reacties_van
from opslag.uow import UnitOfWork
from opslag.wederhoor import beslis

WOORD = {"aanvaard": "overgenomen", "afgewezen": "afgewezen"}
VERLOPEN = "Deze knop hoort bij een eerdere stap. Typ opnieuw /reactie {onderzoek}."
GEWIJZIGD = (
    "Deze reactie is intussen veranderd of er is al over besloten. Bekijk de open reacties "
    "opnieuw met /reactie {onderzoek}."
)


@dataclass(frozen=True)
class Knop:
    """What a button of a reaction says: the choice, the onderzoek, the reaction, and the
    moment the reaction was last changed when the button was made."""

    keuze: str  # ja (Overnemen), nee (Afwijzen), houd (keep the finding)
    onderzoek: int
    nummer: int
    stempel: str

    def data(self) -> str:
        """The button's callback data (well under Telegram's 64 bytes)."""
        return f"b|re|{self.keuze}|{self.onderzoek}|{self.nummer}|{self.stempel}"


def stempel(regel: ReactieRegel) -> str:
    """The moment the reaction was last changed, to microseconds, as digits."""
    return regel.gewijzigd.strftime("%Y%m%d%H%M%S%f")


def lees_knop(waarde: str) -> Knop | None:
    """The button behind `b|re|`, or None when it is not one of ours."""
    delen = waarde.split("|")
    if len(delen) != 4 or delen[0] not in ("ja", "nee", "houd"):
        return None
    onderzoek, nummer = lees_nummer(delen[1]), lees_nummer(delen[2])
    if onderzoek is None or nummer is None or not delen[3].isdigit():
        return None
    return Knop(delen[0], onderzoek, nummer, delen[3])


def reactie_tekst(regel: ReactieRegel) -> str:
    """One reaction as the inspector reads it."""
    return f"Reactie {regel.nummer} · {regel.indicator}\n\n{regel.tekst}"


def reactie_knoppen(regel: ReactieRegel, onderzoek: int) -> InlineKeyboardMarkup:
    """Overnemen and Afwijzen under one reaction."""
    s = stempel(regel)
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    "Overnemen", callback_data=Knop("ja", onderzoek, regel.nummer, s).data()
                ),
                InlineKeyboardButton(
                    "Afwijzen", callback_data=Knop("nee", onderzoek, regel.nummer, s).data()
                ),
            ]
        ]
    )


@alleen_inspecteur
async def reactie_cmd(
    update: Update, context: Context, uow: UnitOfWork, ik: InspecteurInfo
) -> Verzend:
    """/reactie N: the open reactions of onderzoek N, each with its buttons."""
    onderzoek = onderzoek_arg(context, "reactie")
    await mag(uow, ik, onderzoek)
    open_ = [r for r in await reacties_van(uow, diensten(context).catalogus, onderzoek) if r.open]
    if not open_:
        return zeg(
            update, context, f"Onderzoek {onderzoek} heeft geen open reacties van de gemeente."
        )
    chat_id = update.effective_chat.id if update.effective_chat else 0

    async def stuur() -> None:
        await context.bot.send_message(
            chat_id, f"{len(open_)} open reactie(s) bij onderzoek {onderzoek}. Kies per reactie."
        )
        for regel in open_:
            tekst = kort(reactie_tekst(regel), MAX_BERICHT)
            await stuur_tekst(context.bot, chat_id, tekst, reactie_knoppen(regel, onderzoek))

    return stuur


async def _huidig(context: Context, uow: UnitOfWork, k: Knop) -> ReactieRegel | None:
    """The reaction the button was made for, if it is still open and unchanged."""
    regels = await reacties_van(uow, diensten(context).catalogus, k.onderzoek)
    regel = next((r for r in regels if r.nummer == k.nummer), None)
    if regel is None or not regel.open or stempel(regel) != k.stempel:
        return None
    return regel


async def knop(
    update: Update, context: Context, uow: UnitOfWork, ik: InspecteurInfo, waarde: str
) -> Verzend:
    """A button of a reaction: b|re|<keuze>|<onderzoek>|<reactie>|<stempel>."""
    k = lees_knop(waarde)
    if k is None:
        return zeg(update, context, "Deze knop ken ik niet. Typ /help.")
    await mag(uow, ik, k.onderzoek)
    wizard = dict(ik.wizard or {})
    if k.keuze == "houd" and (
        wizard.get("soort") != "reactie"
        or wizard.get("stap") != "bevinding"
        or (wizard.get("onderzoek"), wizard.get("nummer")) != (k.onderzoek, k.nummer)
    ):
        return zeg(update, context, VERLOPEN.format(onderzoek=k.onderzoek))
    regel = await _huidig(context, uow, k)
    if regel is None:
        return zeg(update, context, GEWIJZIGD.format(onderzoek=k.onderzoek))
    if k.keuze == "houd" or (k.keuze == "ja" and regel.indicator_id is None):
        # Keeping the finding, or a general reaction (which has no finding): decided now.
        return await _beslis(update, context, uow, ik, k, "aanvaard", None, None)
    stap = "bevinding" if k.keuze == "ja" else "reden"
    await zet_wizard(
        uow,
        ik.id,
        {"soort": "reactie", "stap": stap, "onderzoek": k.onderzoek, "nummer": k.nummer,
         "stempel": k.stempel},
    )  # fmt: skip
    if stap == "reden":
        return zeg(
            update,
            context,
            f"Waarom wijst u reactie {k.nummer} af? Typ de reden (die komt in de bijlage van het "
            "rapport), of /annuleer.",
        )
    houd = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    "Bevinding ongewijzigd",
                    callback_data=Knop("houd", k.onderzoek, k.nummer, k.stempel).data(),
                )
            ]
        ]
    )
    return zeg(
        update,
        context,
        f"Typ de bevinding bij '{regel.indicator}' zoals die na de reactie moet luiden, of "
        "kies Bevinding ongewijzigd. /annuleer stopt.",
        houd,
    )


async def tekst(
    update: Update, context: Context, uow: UnitOfWork, ik: InspecteurInfo, waarde: str
) -> Verzend:
    """Typed text in the dialog: the finding (Overnemen) or the reason (Afwijzen)."""
    wizard: dict[str, Any] = dict(ik.wizard or {})
    k = Knop("tekst", int(wizard["onderzoek"]), int(wizard["nummer"]), str(wizard["stempel"]))
    await mag(uow, ik, k.onderzoek)
    if await _huidig(context, uow, k) is None:
        await zet_wizard(uow, ik.id, None)
        return zeg(update, context, GEWIJZIGD.format(onderzoek=k.onderzoek))
    if not waarde:
        raise StjFout("Typ de tekst als bericht, of /annuleer.")
    if wizard["stap"] == "reden":
        return await _beslis(update, context, uow, ik, k, "afgewezen", waarde, None)
    return await _beslis(update, context, uow, ik, k, "aanvaard", None, waarde)


async def _beslis(
    update: Update,
    context: Context,
    uow: UnitOfWork,
    ik: InspecteurInfo,
    k: Knop,
    besluit: str,
    reden: str | None,
    bevinding: str | None,
) -> Verzend:
    """Record the decision through the service, clear the dialog, say what is left."""
    await zet_wizard(uow, ik.id, None)
    door = f"{ik.naam} (inspecteur {ik.id}, Telegram)"
    cat = diensten(context).catalogus
    regel = await beslis(uow, cat, k.onderzoek, k.nummer, besluit, reden, bevinding, door)
    await leg_vast(uow, ik.wie, "reactie", k.onderzoek, f"reactie {k.nummer}: {besluit}")
    nog = sum(r.open for r in await reacties_van(uow, cat, k.onderzoek))
    verder = (
        f"Nog {nog} open reactie(s): /reactie {k.onderzoek}."
        if nog
        else "Er zijn geen open reacties meer."
    )
    return zeg(
        update,
        context,
        f"De reactie over '{regel.indicator}' is {WOORD[besluit]}. {verder}",
    )
