"""What a step looks like, for any front end: the text and the buttons (label + action).

Telegram turns `Knop.actie` into callback data; `stj chat` into numbered choices.
"""

from __future__ import annotations

from dataclasses import dataclass

from gesprek.lengte import kort
from gesprek.motor import Gesprek, Positie, toon_antwoord
from vragenlijsten.antwoorden import Antwoord
from vragenlijsten.model import (
    NVT,
    SCHAAL,
    SCHAAL_LABELS,
    DocumentItem,
    KernvraagItem,
    KeuzeItem,
    MeerkeuzeItem,
    SchaalItem,
)

TOELICHTING_STANDAARD = "Wilt u uw antwoord toelichten? Typ dan uw toelichting."
TOELICHTING_HINT = "(Typ uw toelichting, of kies Geen toelichting.)"
TOELICHTING_HINT_HOUDEN = "(Kies Houden om haar te bewaren, of typ een nieuwe toelichting.)"
TOELICHTING_BIJ_VRAAG = "Wilt u iets uitleggen?"
TOELICHTING_BIJ_VRAAG_HINT = "U mag dat typen, maar het hoeft niet."
DOCUMENT_STANDAARD = "In welk document is dit vastgelegd? Typ de titel of stuur het bestand."
HINTS = {
    "tekst": "Typ uw antwoord.",
    "getal": "Typ een getal.",
    "datum": "Typ een datum, bijvoorbeeld 15-01-2024.",
    "document": "Typ de titel van het document of stuur het bestand.",
}


@dataclass(frozen=True)
class Knop:
    label: str
    actie: str  # "w:<waarde>", "m:<optie>", "klaar", "houden", "overslaan", "vorige", "later"


HOUDEN = Knop("Houden", "houden")


@dataclass(frozen=True)
class Scherm:
    """One step as shown to the respondent."""

    positie: Positie
    voortgang: str
    tekst: str
    knoppen: list[list[Knop]]

    def volledig(self) -> str:
        """Progress line and question in one message."""
        return f"{self.voortgang}\n\n{self.tekst}"


def scherm(gesprek: Gesprek, positie: Positie) -> Scherm:
    """The text and buttons for one step."""
    item = gesprek.vragenlijst.item(positie.item_id)
    assert item is not None
    nummer, totaal, sectie = gesprek.voortgang(item.id)
    voortgang = f"Vraag {nummer} van {totaal} · {sectie}"
    antwoord = gesprek.antwoorden.get(item.id)
    navigatie = [Knop("◀ Vorige", "vorige")] if gesprek.vorige(positie) else []
    # What is stored is kept with one press, offered first: going back and forward through the
    # answers never forces anyone to type an explanation again, or to lose it.
    houden = [[HOUDEN]] if gesprek.bewaard(item, positie.stap) else []
    later = Knop("⏸ Later verder", "later")
    if positie.stap == "toelichting":
        tekst = item.toelichting_vraag if isinstance(item, KernvraagItem) else None
        bewaard = antwoord.toelichting if antwoord else None
        hint = TOELICHTING_HINT_HOUDEN if bewaard else TOELICHTING_HINT
        weg = Knop("Toelichting weghalen" if bewaard else "Geen toelichting", "overslaan")
        return Scherm(
            positie,
            voortgang,
            _met_huidig(
                f"{tekst or TOELICHTING_STANDAARD}\n{hint}", bewaard, "Huidige toelichting"
            ),
            [*houden, [weg], [*navigatie, later]],
        )
    if positie.stap == "document":
        tekst = item.document_vraag if isinstance(item, KernvraagItem) else None
        bewaard = _document(antwoord)
        weg = Knop("Document weghalen" if bewaard else "Geen document", "overslaan")
        return Scherm(
            positie,
            voortgang,
            _met_huidig(tekst or DOCUMENT_STANDAARD, bewaard, "Huidig document"),
            [*houden, [weg], [*navigatie, later]],
        )
    regels = [item.vraag.strip()]
    if item.uitleg:
        regels.append(f"ℹ️ {item.uitleg.strip()}")
    knoppen: list[list[Knop]] = list(houden)
    if isinstance(item, KernvraagItem | SchaalItem):
        labels = [Knop(SCHAAL_LABELS[w], f"w:{w}") for w in SCHAAL]
        knoppen += [labels[:2], labels[2:]]
        if isinstance(item, KernvraagItem) and item.nvt:
            knoppen.append([Knop(item.nvt, f"w:{NVT}")])
        if isinstance(item, KernvraagItem) and item.toelichting == "bij_vraag":
            vraag = (item.toelichting_vraag or TOELICHTING_BIJ_VRAAG).strip()
            regels.append(f"✏️ {vraag} {TOELICHTING_BIJ_VRAAG_HINT}")
    elif isinstance(item, KeuzeItem):
        knoppen += [[Knop(o.label, f"w:{o.waarde}")] for o in item.opties]
    elif isinstance(item, MeerkeuzeItem):
        gekozen = antwoord.waarde if antwoord and isinstance(antwoord.waarde, list) else []
        knoppen = [
            [Knop(("✅ " if o.waarde in gekozen else "▫️ ") + o.label, f"m:{o.waarde}")]
            for o in item.opties
        ]
        knoppen.append([Knop("Klaar ✔", "klaar")])
        regels.append("(Kies alle antwoorden die passen en daarna Klaar.)")
    else:
        regels.append(f"({HINTS[item.type if not isinstance(item, DocumentItem) else 'document']})")
    if not item.verplicht:
        navigatie.append(Knop("Overslaan", "overslaan"))
    navigatie.append(later)
    knoppen.append(navigatie)
    huidig = (
        toon_antwoord(item, antwoord) if antwoord and not isinstance(item, MeerkeuzeItem) else None
    )
    return Scherm(positie, voortgang, _met_huidig("\n".join(regels), huidig), knoppen)


def _met_huidig(tekst: str, huidig: str | None, wat: str = "Huidig antwoord") -> str:
    return f"{tekst}\n\n{wat}: {kort(huidig)}" if huidig else tekst


def _document(antwoord: Antwoord | None) -> str | None:
    """The stored document of an answer: its title, else the name of the file sent."""
    if antwoord is None:
        return None
    if antwoord.document:
        return antwoord.document
    return (antwoord.bestand.naam or "bestand") if antwoord.bestand else None


@dataclass(frozen=True)
class OverzichtRegel:
    nummer: int  # the number of "Vraag N van M", used by /wijzig_<nummer>
    vraag: str
    antwoord: str  # "" when open


def overzicht(gesprek: Gesprek) -> list[tuple[str, list[OverzichtRegel]]]:
    """Every shown item with its answer, per section."""
    zichtbaar = {i.id for i in gesprek.zichtbaar()}
    delen = []
    for sectie in gesprek.vragenlijst.secties:
        regels = []
        for item in sectie.items:
            if item.id not in zichtbaar:
                continue
            tekst = toon_antwoord(item, gesprek.antwoorden.get(item.id))
            if not tekst and item.id in gesprek.overgeslagen:
                tekst = "overgeslagen"
            regels.append(OverzichtRegel(gesprek.nummer(item.id), item.vraag.strip(), tekst))
        if regels:
            delen.append((sectie.titel, regels))
    return delen


def item_met_nummer(gesprek: Gesprek, nummer: int) -> Positie | None:
    """The position for /wijzig_<nummer>, if that item exists and is shown."""
    item = gesprek.met_nummer(nummer)
    return Positie(item.id) if item is not None else None
