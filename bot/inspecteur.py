"""Inspector commands in Telegram: /onderzoeken, /status, /herinner, /verleng, /export.
Every one checks the role first; anyone else is refused and the attempt is logged."""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import tempfile
from collections.abc import Awaitable, Callable, Coroutine
from pathlib import Path
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.basis import Context, Verzend, diensten, zeg
from bot.herinneren import verstuur_herinneringen
from bot.links import deeplink
from gesprek.invoer import lees_datum, lees_nummer
from gesprek.teksten import datum_tekst
from opslag.audit import leg_vast
from opslag.fouten import GeenToegang, StjFout
from opslag.gesprekken import herbegin
from opslag.herinneringen import al_herinnerd_regel, plan_nu
from opslag.inspecteurs import InspecteurInfo, inspecteur_van, mag, onderzoeken_van, verleng
from opslag.onderzoeken import status_onderzoek
from opslag.uitwisseling.exporteren import exporteer_bestand, schrijf_csv, schrijf_xlsx
from opslag.uow import UnitOfWork
from opslag.weblinks import inloglink, maak_weblink
from vragenlijsten.laden import VragenlijstFout

log = logging.getLogger("stj.inspecteur")
ALLEEN_INSPECTEURS = "Deze opdracht is alleen voor inspecteurs."
InspecteurHandler = Callable[
    [Update, Context, UnitOfWork, InspecteurInfo], Awaitable[Verzend | None]
]


def _wat(update: Update) -> str:
    """What was attempted: the command typed, or the button's data."""
    if update.callback_query is not None:
        return f"knop {update.callback_query.data or ''}"
    bericht = update.effective_message
    return (bericht.text or "") if bericht else ""


def _onderzoek_van(update: Update, context: Context, ik: InspecteurInfo | None) -> int | None:
    """The onderzoek an action is about: the number after the command, in the button, or of
    the dialog in progress."""
    kandidaten = list(context.args or [])
    if update.callback_query is not None:
        kandidaten += (update.callback_query.data or "").split("|")
    for kandidaat in kandidaten:
        if (nummer := lees_nummer(kandidaat)) is not None:
            return nummer
    onderzoek = (ik.wizard or {}).get("onderzoek") if ik else None
    return onderzoek if isinstance(onderzoek, int) else None


async def _weiger(update: Update, context: Context, tekst: str) -> None:
    """Say why, in the chat (a toast is easy to miss); a button is answered as well, so it
    never keeps spinning."""
    if update.callback_query is not None:
        await update.callback_query.answer()
    if update.effective_chat is not None:
        await context.bot.send_message(update.effective_chat.id, tekst)


def alleen_inspecteur(
    handler: InspecteurHandler,
) -> Callable[[Update, Context, UnitOfWork], Coroutine[Any, Any, Verzend | None]]:
    """Refuse anyone who is not an inspector; turn service errors into a reply. Every attempt
    goes into the audit log: actions with who did them, refusals marked as such. A refused
    or failed action changes nothing: what it wrote before failing is rolled back."""

    @functools.wraps(handler)
    async def controleer(update: Update, context: Context, uow: UnitOfWork) -> Verzend | None:
        gebruiker = update.effective_user
        inspecteur = await inspecteur_van(uow, gebruiker.id) if gebruiker else None
        wat = _wat(update)
        if inspecteur is None:
            wie = f"telegram:{gebruiker.id if gebruiker else '?'}"
            log.warning("geweigerd: %s probeerde %r (update %s)", wie, wat, update.update_id)
            await leg_vast(
                uow, wie, "inspecteursopdracht", _onderzoek_van(update, context, None), wat, True
            )
            return lambda: _weiger(update, context, ALLEEN_INSPECTEURS)
        onderzoek = _onderzoek_van(update, context, inspecteur)
        try:
            verzend = await handler(update, context, uow, inspecteur)
        except (StjFout, VragenlijstFout) as fout:
            await herbegin(uow, update.update_id)
            melding, geweigerd = str(fout), isinstance(fout, GeenToegang)
            await leg_vast(uow, inspecteur.wie, wat[:100], onderzoek, melding, geweigerd)
            return lambda: _weiger(update, context, melding)
        await leg_vast(uow, inspecteur.wie, wat[:100], onderzoek)
        return verzend

    return controleer


def onderzoek_arg(context: Context, opdracht: str) -> int:
    """The onderzoek number after a command, or a clear error."""
    nummer = lees_nummer(context.args[0]) if context.args else None
    if nummer is None:
        raise StjFout(
            f"Geef het nummer van het onderzoek, bijvoorbeeld /{opdracht} 3. Zie /onderzoeken."
        )
    return nummer


def _deadline_tekst(deadline: dt.date | None, vandaag: dt.date) -> str:
    if deadline is None:
        return "geen deadline"
    dagen = (deadline - vandaag).days
    if dagen < 0:
        return f"deadline verlopen ({datum_tekst(deadline)})"
    return "deadline vandaag" if dagen == 0 else f"deadline over {dagen} dag{'en' * (dagen != 1)}"


@alleen_inspecteur
async def onderzoeken(
    update: Update, context: Context, uow: UnitOfWork, ik: InspecteurInfo
) -> Verzend:
    """/onderzoeken: the inspector's onderzoeken with a one-line summary each."""
    vandaag = diensten(context).vandaag()
    lijst = await onderzoeken_van(uow, ik)
    if not lijst:
        return zeg(update, context, "U heeft nog geen onderzoeken. Open er een met /nieuw.")
    regels = [
        f"{o.id}. {o.gemeente} · {o.aanpak} ({o.kader}): {o.ingediend}/{o.respondenten} "
        f"ingediend, {_deadline_tekst(o.deadline, vandaag)}"
        for o in lijst
    ]
    return zeg(
        update, context, "Uw onderzoeken:\n" + "\n".join(regels) + "\n\nDetails: /status <nummer>"
    )


@alleen_inspecteur
async def status(update: Update, context: Context, uow: UnitOfWork, ik: InspecteurInfo) -> Verzend:
    """/status N: per respondent status, progress, activity, reminders; links for those who
    never started (the bot cannot write to them)."""
    onderzoek_id = onderzoek_arg(context, "status")
    await mag(uow, ik, onderzoek_id)
    info, regels = await status_onderzoek(uow, diensten(context).catalogus, onderzoek_id)
    vandaag = diensten(context).vandaag()
    kop = (
        f"Onderzoek {info.id}: {info.gemeente} · {info.aanpak} ({info.kader}), "
        f"{_deadline_tekst(info.deadline, vandaag)}\n{info.ingediend}/{info.respondenten} "
        "ingediend"
    )
    gestart, nooit = [], []
    for r in regels:
        if r.interview:
            gestart.append(f"• {r.wie}: {r.interview}, {r.status}, {r.beantwoord}/{r.totaal}")
            continue
        if r.status == "uitgenodigd":
            nooit.append(f"• {r.wie}: {deeplink(r.token, context.bot.username)}")
            continue
        actief = (
            f", laatst actief {r.laatste_activiteit.astimezone(dt.UTC):%d-%m %H:%M} UTC"
            if r.laatste_activiteit
            else ""
        )
        gestart.append(
            f"• {r.wie}: {r.status}, {r.kernvragen} van {r.kernvragen_totaal} kernvragen{actief}, "
            f"{r.herinneringen} herinnering(en)"
        )
    delen = [kop, *gestart]
    if nooit:
        delen.append(
            "\nNog niet begonnen (de bot kan hen geen bericht sturen; stuur de link opnieuw):"
        )
        delen.extend(nooit)
    knoppen = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    "Herinner wie nog bezig is", callback_data=f"b|herinner|{onderzoek_id}"
                )
            ]
        ]
    )
    return zeg(update, context, "\n".join(delen), knoppen)


@alleen_inspecteur
async def herinner(
    update: Update, context: Context, uow: UnitOfWork, ik: InspecteurInfo
) -> Verzend:
    """/herinner N: remind every bound respondent who has not submitted, then report."""
    onderzoek_id = onderzoek_arg(context, "herinner")
    return await herinner_onderzoek(update, context, uow, ik, onderzoek_id)


async def herinner_onderzoek(
    update: Update, context: Context, uow: UnitOfWork, ik: InspecteurInfo, onderzoek_id: int
) -> Verzend:
    """Plan (recorded and claimed) now; send in the background at Telegram's pace; report."""
    await mag(uow, ik, onderzoek_id)
    d = diensten(context)
    plan = await plan_nu(uow, d.catalogus, onderzoek_id, f"inspecteur:{ik.id}", d.vandaag())
    chat_id = update.effective_chat.id if update.effective_chat else 0
    bot = context.bot

    async def versturen() -> None:
        telling = await verstuur_herinneringen(
            bot, d.sessions, plan.te_versturen, d.tempo, d.vandaag()
        )
        regels = [
            f"Herinneringen voor onderzoek {onderzoek_id}:",
            f"• verstuurd: {telling.verzonden}",
            f"• overgeslagen (al ingediend): {len(plan.al_ingediend)}",
            f"• niet bereikbaar (nooit begonnen): {len(plan.nooit_gestart)}",
            f"• mislukt (bot geblokkeerd of chat weg): {telling.geblokkeerd}",
        ]
        if plan.al_herinnerd:
            regels.append(f"• {al_herinnerd_regel(plan)}")
        if telling.mislukt:
            regels.append(f"• mislukt (andere fout): {telling.mislukt}")
        regels.extend(
            f"  – {r.wie}: {deeplink(r.token, context.bot.username)}" for r in plan.nooit_gestart
        )
        await bot.send_message(chat_id, "\n".join(regels))

    async def start() -> None:
        await bot.send_message(
            chat_id,
            f"Ik stuur {len(plan.te_versturen)} herinnering(en); "
            "u krijgt een overzicht als ze weg zijn.",
        )
        # Thousands of reminders take minutes at 30/s: do not hold up this chat meanwhile.
        context.application.create_task(versturen(), update=update)

    return start


@alleen_inspecteur
async def verleng_cmd(
    update: Update, context: Context, uow: UnitOfWork, ik: InspecteurInfo
) -> Verzend:
    """/verleng N JJJJ-MM-DD: move the deadline (and so the reminder schedule)."""
    onderzoek_id = onderzoek_arg(context, "verleng")
    await mag(uow, ik, onderzoek_id)
    args = context.args or []
    datum = lees_datum(args[1]) if len(args) > 1 else None
    if datum is None:
        return zeg(update, context, "Geef de nieuwe deadline, bijvoorbeeld /verleng 3 31-01-2027.")
    info = await verleng(uow, onderzoek_id, datum, diensten(context).vandaag())
    return zeg(
        update,
        context,
        f"De deadline van onderzoek {info.id} ({info.gemeente} · "
        f"{info.aanpak}) is nu {datum_tekst(datum)}.",
    )


@alleen_inspecteur
async def export(update: Update, context: Context, uow: UnitOfWork, ik: InspecteurInfo) -> Verzend:
    """/export N [json|csv|xlsx]: the answers as a file; written to a temporary file as a
    stream, never built in memory."""
    onderzoek_id = onderzoek_arg(context, "export")
    info = await mag(uow, ik, onderzoek_id)
    args = context.args or []
    formaat = args[1].lower() if len(args) > 1 else "xlsx"
    if formaat not in ("json", "csv", "xlsx"):
        return zeg(update, context, "Kies json, csv of xlsx, bijvoorbeeld /export 3 csv.")
    catalogus = diensten(context).catalogus
    map_ = Path(tempfile.mkdtemp(prefix="stj-export-"))
    naam = f"stj-{info.gemeente}-{info.aanpak}.{formaat}".replace(" ", "_").replace("/", "_")
    pad = map_ / naam
    if formaat == "json":
        bestand = await exporteer_bestand(uow, catalogus, onderzoek_id)
        with pad.open("w", encoding="utf-8") as uit:
            json.dump(bestand.naar_json(), uit, ensure_ascii=False, indent=2)
    elif formaat == "csv":
        await schrijf_csv(uow, catalogus, onderzoek_id, pad)
    else:
        await schrijf_xlsx(uow, catalogus, onderzoek_id, pad)
    chat_id = update.effective_chat.id if update.effective_chat else 0

    async def stuur() -> None:
        try:
            with pad.open("rb") as inhoud:
                await context.bot.send_document(
                    chat_id, inhoud, filename=naam, caption=f"Antwoorden onderzoek {onderzoek_id}"
                )
        finally:
            pad.unlink(missing_ok=True)
            map_.rmdir()

    return stuur


@alleen_inspecteur
async def web_cmd(update: Update, context: Context, uow: UnitOfWork, ik: InspecteurInfo) -> Verzend:
    """/web: a one-time login link to the web console (15 minutes, single use)."""
    basis = diensten(context).web_url
    if not basis:
        return zeg(update, context, "De webconsole is hier niet ingesteld (STJ_WEB_URL ontbreekt).")
    link = inloglink(basis, await maak_weblink(uow, ik.id))
    return zeg(
        update,
        context,
        f"Uw inloglink voor de webconsole; hij werkt één keer en is 15 minuten geldig:\n{link}",
    )
