"""What the bot says. Polite, clear Dutch; for parents plain language (B1)."""

from __future__ import annotations

import datetime as dt

from beoordeling.taal import datum as datum_nl
from opslag.gesprekken import Dicht, Stand
from vragenlijsten.model import Rol

GEEN_UITNODIGING = (
    "Welkom bij de vragenlijsten van Samenwerkend Toezicht Jeugd.\n\n"
    "Om mee te doen heeft u een persoonlijke link nodig. Die krijgt u van de inspecteur, "
    "bijvoorbeeld per e-mail. Open die link, dan begint de vragenlijst vanzelf."
)

HULP = (
    "Zo werkt het:\n"
    "• Ik stel steeds één vraag. Antwoord met de knoppen, of typ uw antwoord.\n"
    "• ◀ Vorige gaat een stap terug. ⏸ Later verder bewaart alles; u gaat verder waar u was.\n"
    "• Elk antwoord wordt meteen bewaard.\n\n"
    "Opdrachten:\n"
    "/verder – ga verder met de volgende vraag\n"
    "/overzicht – zie al uw antwoorden en verander er een\n"
    "/indienen – stuur uw antwoorden in (daarna kunt u niets meer veranderen)\n"
    "/wissen – wis al uw antwoorden (kan alleen vóór het indienen)\n"
    "/lijst – kies een andere vragenlijst, als u er meer heeft\n"
    "/privacy – wat er met uw antwoorden gebeurt\n"
    "/help – deze uitleg"
)

HULP_INSPECTEUR = (
    "Opdrachten voor inspecteurs:\n"
    "/nieuw – open een onderzoek (gemeente, aanpak, kader, deadline)\n"
    "/uitnodigen [nummer] – nodig een respondent uit; u krijgt een link en een QR-code\n"
    "/onderzoeken – uw onderzoeken met hun voortgang\n"
    "/status <nummer> – per respondent: status, voortgang, herinneringen\n"
    "/herinner <nummer> – stuur wie nog bezig is een herinnering\n"
    "/verleng <nummer> <datum> – verschuif de deadline\n"
    "/export <nummer> [json|csv|xlsx] – de antwoorden als bestand\n"
    "/beoordeling <nummer> – loop de conceptoordelen langs, pas ze aan, stuur de PDF\n"
    "/wederhoor <nummer> [datum] – leg het concept aan de gemeente voor\n"
    "/reactie <nummer> – besluit over de reacties van de gemeente: overnemen of afwijzen\n"
    "/publiceer <nummer> – stuur het vastgestelde rapport en vraag het verbeterplan\n"
    "/nieuw vervolg <nummer> [datum] – open het vervolgonderzoek\n"
    "/web – een inloglink voor de webconsole (15 minuten geldig)\n"
    "/annuleer – stop een opdracht die u bent begonnen"
)

PRIVACY = (
    "Privacy\n"
    "• Wij bewaren uw antwoorden, de documenten die u noemt of stuurt, en wanneer u antwoordde. "
    "Van Telegram bewaren wij alleen uw gebruikersnummer, zodat u later verder kunt.\n"
    "• Alleen de inspecteurs van dit onderzoek zien uw antwoorden. Andere respondenten zien ze "
    "niet.\n"
    "• Let op: berichten met een Telegram-bot zijn niet end-to-end versleuteld. Zet er dus geen "
    "namen of andere gegevens van gezinnen in.\n"
    "• Zolang u niet heeft ingediend, kunt u al uw antwoorden wissen met /wissen."
)

# For respondents who take part as private persons (a role without an organisation): B1.
PRIVE_PRIVACY = (
    "Privacy\n"
    "• Wij vragen niet naar uw naam en bewaren die ook niet.\n"
    "• Wij bewaren uw antwoorden en wanneer u antwoordde. Van Telegram bewaren wij alleen een "
    "nummer, zodat u later verder kunt.\n"
    "• Alleen de inspecteurs zien uw antwoorden. Uw hulpverleners zien ze niet.\n"
    "• Let op: berichten met deze bot zijn niet extra beveiligd. Schrijf daarom geen namen op.\n"
    "• Wilt u toch stoppen? Met /wissen haalt u al uw antwoorden weg."
)

ONBEKEND_BERICHT = (
    "Dit soort bericht kan ik niet verwerken. Antwoord met de knoppen, typ uw antwoord, of "
    "stuur een document als daarom gevraagd wordt. Typ /help voor uitleg."
)
ONBEKENDE_OPDRACHT = "Die opdracht ken ik niet. Typ /help voor de opdrachten die er zijn."
PAUZE = "Prima. Uw antwoorden zijn bewaard. Typ /verder wanneer u verder wilt gaan."
KLAAR = (
    "U heeft alle vragen gehad. Bekijk uw antwoorden met /overzicht en stuur ze in met /indienen."
)
AL_INGEDIEND = (
    "U heeft deze vragenlijst al ingediend. De antwoorden kunnen niet meer veranderen. Wilt u "
    "toch iets aanpassen? Neem dan contact op met de inspecteur."
)
OUDE_KNOP = "Deze knop hoort bij een eerdere vraag."
VERLOPEN = (
    "De termijn voor deze vragenlijst is verlopen ({datum}). Neem contact op met de inspecteur "
    "als u toch nog wilt antwoorden."
)
GESLOTEN = (
    "Dit onderzoek is gesloten. Er kunnen geen antwoorden meer bij en u kunt niets meer "
    "veranderen, indienen of wissen. Dank u wel voor uw medewerking."
)
INGETROKKEN = (
    "Deze uitnodiging is ingetrokken. Neem contact op met de inspecteur als u denkt dat dit "
    "niet klopt."
)
FOUT = (
    "Sorry, er ging aan onze kant iets mis. Uw eerdere antwoorden zijn bewaard. Probeer het zo "
    "nog eens, of typ /verder."
)


def dicht_tekst(reden: Dicht, s: Stand) -> str:
    """Why nothing can be changed any more, in words for the respondent."""
    if reden == "ingediend":
        return AL_INGEDIEND
    if reden == "ingetrokken":
        return INGETROKKEN
    if reden == "gesloten":
        return GESLOTEN
    return VERLOPEN.format(datum=datum_tekst(s.deadline))


def privacy(rol: Rol | None) -> str:
    """The privacy notice: plain language for a private person, else the standard one."""
    return PRIVE_PRIVACY if rol is not None and not rol.organisatie else PRIVACY


def wie(s: Stand, rol: Rol | None) -> str:
    """A one-line description of an invitation, for lists and headers."""
    rol_tekst = rol.omschrijving if rol is not None else s.rol
    extra = f" ({s.organisatie})" if s.organisatie else (f" ({s.casus})" if s.casus else "")
    return f"{s.gemeente} · {s.aanpak} · {rol_tekst}{extra}"


def welkom(s: Stand, rol: Rol | None, duur_minuten: int, inleiding: str, aantal_vragen: int) -> str:
    """The introduction after /start with a valid invitation."""
    deadline = f"\nGraag ingevuld vóór {datum_tekst(s.deadline)}." if s.deadline else ""
    rol_tekst = rol.omschrijving if rol is not None else s.rol
    return (
        f"Welkom! Samenwerkend Toezicht Jeugd (de samenwerkende inspecties voor jeugd) doet "
        f"onderzoek in {s.gemeente} naar de aanpak '{s.aanpak}'. U bent uitgenodigd als "
        f"{rol_tekst}{f' ({s.organisatie})' if s.organisatie else ''}."
        f"\n\n{inleiding.strip()}\n\n"
        f"Het zijn {aantal_vragen} vragen; dat duurt ongeveer {duur_minuten} minuten. U kunt "
        f"altijd stoppen en later verdergaan.{deadline}\n\n{privacy(rol)}"
    )


def datum_tekst(datum: dt.date | None) -> str:
    """A date as people write it: 31 december 2026."""
    return datum_nl(datum) if datum else ""


def verouderde_bevestiging(opdracht: str) -> str:
    """A confirmation pressed after the answers changed, or pressed twice."""
    return (
        "Deze knop hoort bij een eerdere stand van uw antwoorden, dus er is niets veranderd. "
        f"Wilt u het toch? Typ dan opnieuw {opdracht}."
    )
