"""What a step looks like, for any front end: the text and the buttons (label + action).

Telegram turns `Knop.actie` into callback data; `stj chat` into numbered choices.
"""

from __future__ import annotations

from dataclasses import dataclass

from gesprek.lengte import kort
from gesprek.motor import Gesprek, Positie, toon_antwoord
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

TOELICHTING_STANDAARD = "Wilt u uw antwoord toelichten? Typ uw toelichting als bericht."
TOELICHTING_HINT = "(Typ uw toelichting, of kies Geen toelichting.)"
TOELICHTING_BIJ_VRAAG = "Wilt u iets uitleggen?"
TOELICHTING_BIJ_VRAAG_HINT = "U mag dat typen, maar het hoeft niet."
DOCUMENT_STANDAARD = "In welk document is dit vastgelegd? Typ de titel of stuur het bestand."
HINTS = {
    "tekst": "Typ uw antwoord als bericht.",
    "getal": "Typ een getal.",
    "datum": "Typ een datum, bijvoorbeeld 15-01-2024.",
    "document": "Typ de titel van het document of stuur het bestand.",
}


@dataclass(frozen=True)
class Knop:
    label: str
    actie: str  # "w:<waarde>", "m:<optie>", "klaar", "overslaan", "vorige", "later"


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
    if positie.stap == "toelichting":
        tekst = item.toelichting_vraag if isinstance(item, KernvraagItem) else None
        return Scherm(
            positie,
            voortgang,
            _met_huidig(
                f"{tekst or TOELICHTING_STANDAARD}\n{TOELICHTING_HINT}",
                antwoord.toelichting if antwoord else None,
            ),
            [
                [Knop("Geen toelichting", "overslaan")],
                [*navigatie, Knop("⏸ Later verder", "later")],
            ],
        )
    if positie.stap == "document":
        tekst = item.document_vraag if isinstance(item, KernvraagItem) else None
        return Scherm(
            positie,
            voortgang,
            _met_huidig(tekst or DOCUMENT_STANDAARD, antwoord.document if antwoord else None),
            [[Knop("Geen document", "overslaan")], [*navigatie, Knop("⏸ Later verder", "later")]],
        )
    regels = [item.vraag.strip()]
    if item.uitleg:
        regels.append(f"ℹ️ {item.uitleg.strip()}")
    knoppen: list[list[Knop]] = []
    if isinstance(item, KernvraagItem | SchaalItem):
        labels = [Knop(SCHAAL_LABELS[w], f"w:{w}") for w in SCHAAL]
        knoppen = [labels[:2], labels[2:]]
        if isinstance(item, KernvraagItem) and item.nvt:
            knoppen.append([Knop(item.nvt, f"w:{NVT}")])
        if isinstance(item, KernvraagItem) and item.toelichting == "bij_vraag":
            vraag = (item.toelichting_vraag or TOELICHTING_BIJ_VRAAG).strip()
            regels.append(f"✏️ {vraag} {TOELICHTING_BIJ_VRAAG_HINT}")
    elif isinstance(item, KeuzeItem):
        knoppen = [[Knop(o.label, f"w:{o.waarde}")] for o in item.opties]
    elif isinstance(item, MeerkeuzeItem):
        gekozen = antwoord.waarde if antwoord and isinstance(antwoord.waarde, list) else []
        knoppen = [
            [Knop(("✅ " if o.waarde in gekozen else "▫️ ") + o.label, f"m:{o.waarde}")]
            for o in item.opties
        ]
        knoppen.append([Knop("Klaar ✔", "klaar")])
        regels.append("(Tik op alle antwoorden die passen en druk dan op Klaar.)")
    else:
        regels.append(f"({HINTS[item.type if not isinstance(item, DocumentItem) else 'document']})")
    if not item.verplicht:
        navigatie.append(Knop("Overslaan", "overslaan"))
    navigatie.append(Knop("⏸ Later verder", "later"))
    knoppen.append(navigatie)
    huidig = (
        toon_antwoord(item, antwoord) if antwoord and not isinstance(item, MeerkeuzeItem) else None
    )
    return Scherm(positie, voortgang, _met_huidig("\n".join(regels), huidig), knoppen)


def _met_huidig(tekst: str, huidig: str | None) -> str:
    return f"{tekst}\n\nHuidig antwoord: {kort(huidig)}" if huidig else tekst


@dataclass(frozen=True)
class OverzichtRegel:
    nummer: int  # position in the whole vragenlijst: stable, used by /wijzig_<nummer>
    vraag: str
    antwoord: str  # "" when open


def overzicht(gesprek: Gesprek) -> list[tuple[str, list[OverzichtRegel]]]:
    """Every shown item with its answer, per section."""
    zichtbaar = {i.id for i in gesprek.zichtbaar()}
    nummers = {item.id: n for n, item in enumerate(gesprek.vragenlijst.items(), start=1)}
    delen = []
    for sectie in gesprek.vragenlijst.secties:
        regels = []
        for item in sectie.items:
            if item.id not in zichtbaar:
                continue
            tekst = toon_antwoord(item, gesprek.antwoorden.get(item.id))
            if not tekst and item.id in gesprek.overgeslagen:
                tekst = "overgeslagen"
            regels.append(OverzichtRegel(nummers[item.id], item.vraag.strip(), tekst))
        if regels:
            delen.append((sectie.titel, regels))
    return delen


def item_met_nummer(gesprek: Gesprek, nummer: int) -> Positie | None:
    """The position for /wijzig_<nummer>, if that item exists and is shown."""
    items = gesprek.vragenlijst.items()
    if not 1 <= nummer <= len(items) or not gesprek.is_zichtbaar(items[nummer - 1]):
        return None
    return Positie(items[nummer - 1].id)
