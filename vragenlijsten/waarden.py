"""What counts as a valid answer to an item, and which items are shown given earlier answers.

Pure functions over a vragenlijst and a mapping of answers; the importer and the conversation
engine both rely on them, so a value accepted in one place is accepted everywhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from vragenlijsten import grenzen
from vragenlijsten.antwoorden import Antwoord
from vragenlijsten.model import (
    NVT,
    SCHAAL,
    SCHAAL_LABELS,
    DatumItem,
    DocumentItem,
    GetalItem,
    Item,
    Kader,
    KernvraagItem,
    KeuzeItem,
    MeerkeuzeItem,
    SchaalItem,
    TekstItem,
    Voorwaarde,
    Vragenlijst,
)

KERN = (*SCHAAL, NVT)  # the values a kernvraag can hold


def fout_in_antwoord(item: Item, antwoord: Antwoord) -> str | None:
    """Why this answer does not fit the item (Dutch, with the fix), or None if it fits."""
    bestand = antwoord.bestand
    te_lang = (
        grenzen.te_lang(antwoord.toelichting, grenzen.TOELICHTING, "toelichting")
        or grenzen.te_lang(antwoord.document, grenzen.DOCUMENT, "documenttitel")
        or (bestand and grenzen.te_lang(bestand.naam, grenzen.BESTANDSNAAM, "bestandsnaam"))
        or (bestand and grenzen.te_lang(bestand.telegram_file_id, grenzen.BESTAND_ID, "file id"))
    )
    if te_lang:
        return te_lang
    waarde = antwoord.waarde
    if isinstance(item, DocumentItem):
        if waarde is not None:
            return "een documentvraag heeft geen 'waarde'; zet de titel in 'document'"
        if antwoord.document is None and antwoord.bestand is None:
            return "antwoord is leeg; noem het document in 'document'"
        return None
    heeft_document = antwoord.document is not None or antwoord.bestand is not None
    if heeft_document and not isinstance(item, KernvraagItem):
        return "alleen kernvragen en documentvragen hebben een 'document'; haal het weg"
    if waarde is None:
        if isinstance(item, KernvraagItem) and antwoord.toelichting and not heeft_document:
            return None  # explained before choosing (toelichting offered with the question)
        return "antwoord heeft geen 'waarde'; vul een waarde in"
    if isinstance(item, KernvraagItem):
        return _een_van(waarde, item.waarden())
    if isinstance(item, SchaalItem):
        return _een_van(waarde, SCHAAL)
    if isinstance(item, KeuzeItem):
        return _een_van(waarde, tuple(o.waarde for o in item.opties))
    if isinstance(item, MeerkeuzeItem):
        opties = tuple(o.waarde for o in item.opties)
        if not isinstance(waarde, list):
            return f"waarde moet een lijst zijn; kies uit {', '.join(opties)}"
        return next((_een_van(w, opties) for w in waarde if w not in opties), None)
    if isinstance(item, TekstItem):
        if not isinstance(waarde, str):
            return "waarde moet tekst zijn; zet de tekst tussen aanhalingstekens"
        if len(waarde) > item.max_lengte:
            return f"tekst is {len(waarde)} tekens; maximaal {item.max_lengte}"
        return None
    if isinstance(item, GetalItem):
        if not isinstance(waarde, int) or isinstance(waarde, bool):
            return f"waarde '{grenzen.citeer(waarde)}' is geen heel getal; vul een getal in"
        if not item.min <= waarde <= item.max:
            return f"getal {waarde} ligt niet tussen {item.min} en {item.max}"
        return None
    if isinstance(item, DatumItem):
        return _datum_fout(waarde)
    raise AssertionError(f"onbekend itemtype {item.type}")  # pragma: no cover - exhaustive


def _een_van(waarde: object, opties: tuple[str, ...]) -> str | None:
    if isinstance(waarde, str) and waarde in opties:
        return None
    return f"optie '{grenzen.citeer(waarde)}' bestaat niet; kies uit {', '.join(opties)}"


def _datum_fout(waarde: object) -> str | None:
    if isinstance(waarde, str):
        try:
            dt.date.fromisoformat(waarde)
            if len(waarde) == 10:
                return None
        except ValueError:
            pass
    return f"datum '{grenzen.citeer(waarde)}' is ongeldig; schrijf JJJJ-MM-DD"


def voldaan(
    voorwaarde: Voorwaarde | None, waarden: Mapping[str, object], open_telt: bool = False
) -> bool:
    """Whether a toon_als condition holds, given the values of earlier items; with open_telt,
    a condition on a question not yet answered counts as holding (for "Vraag 3 van 24" before
    the answer that decides it)."""
    if voorwaarde is None:
        return True
    gegeven = waarden.get(voorwaarde.item)
    if gegeven is None and open_telt:
        return True
    toegestaan = voorwaarde.waarden()
    if isinstance(gegeven, list):
        return any(w in toegestaan for w in gegeven)
    return gegeven in toegestaan


def zichtbare_items(
    vl: Vragenlijst, waarden: Mapping[str, object], open_telt: bool = False
) -> list[Item]:
    """The items asked of this respondent, in order: their section's condition and their own
    must both hold. With open_telt a section whose condition is not yet decided counts (a
    consent question gates everything after it: "Vraag 1 van 24", not "van 1"); a follow-up
    question still joins the count only once the answer that shows it is given."""
    return [
        item
        for sectie in vl.secties
        if voldaan(sectie.toon_als, waarden, open_telt)
        for item in sectie.items
        if voldaan(item.toon_als, waarden)
    ]


def is_beantwoord(item: Item, antwoord: Antwoord | None) -> bool:
    """Whether an item has a usable answer."""
    if antwoord is None:
        return False
    if isinstance(item, DocumentItem):
        return antwoord.document is not None or antwoord.bestand is not None
    return antwoord.waarde is not None


def voortgang(vl: Vragenlijst, antwoorden: Mapping[str, Antwoord]) -> tuple[int, int]:
    """(answered, total) over the questions this respondent is asked, counted as the chat
    counts them ("Vraag 5 van 29"): what a reminder tells the respondent."""
    waarden = {k: a.waarde for k, a in antwoorden.items()}
    items = zichtbare_items(vl, waarden, open_telt=True)
    return sum(is_beantwoord(i, antwoorden.get(i.id)) for i in items), len(items)


def label(item: Item, code: str) -> str:
    """How a stored code reads for people: "Weet ik niet" for weet_niet, an option's label for
    its code; anything else as it is."""
    if isinstance(item, KernvraagItem) and code == NVT and item.nvt:
        return item.nvt
    if isinstance(item, KernvraagItem | SchaalItem):
        return SCHAAL_LABELS.get(code, code)
    if isinstance(item, KeuzeItem | MeerkeuzeItem):
        return next((o.label for o in item.opties if o.waarde == code), code)
    return code


def kernvragen(kader: Kader, rol: str, antwoorden: Mapping[str, Antwoord]) -> tuple[int, int]:
    """(answered, asked) of a respondent's kernvragen: one per indicator its role is asked about,
    answered when it holds a value of the scale. The one count inspectors see for a respondent,
    in the factsheet, the console, `stj status` and /status alike."""
    gevraagd = [i.id for _, _, i in kader.indicatoren() if rol in i.rollen]
    beantwoord = sum(1 for i in gevraagd if _op_de_schaal(antwoorden.get(i)))
    return beantwoord, len(gevraagd)


def _op_de_schaal(antwoord: Antwoord | None) -> bool:
    return antwoord is not None and isinstance(antwoord.waarde, str) and antwoord.waarde in KERN
