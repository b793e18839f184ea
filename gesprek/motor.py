"""The conversation over one vragenlijst, without Telegram: which step comes next, what an input
means for it, and when to ask again. Pure: the caller stores what `verwerk` returns, then shows
the next step (see `weergave`). The Telegram adapter and `stj chat` both drive this."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

from gesprek.invoer import lees_datum, lees_getal, lees_nummer
from gesprek.lengte import kort
from vragenlijsten import grenzen
from vragenlijsten.antwoorden import Antwoord, Bestand
from vragenlijsten.grenzen import opslaanbaar
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
    Vragenlijst,
)
from vragenlijsten.waarden import is_beantwoord, label, zichtbare_items

Stap = Literal["waarde", "toelichting", "document"]
STAPPEN: tuple[Stap, ...] = ("waarde", "toelichting", "document")
MAX_BESTAND = 20 * 1024 * 1024  # the Bot API lets a bot download files up to 20 MB
DOCUMENT_SOORTEN = (
    ".pdf",
    ".doc",
    ".docx",
    ".odt",
    ".rtf",
    ".txt",
    ".xls",
    ".xlsx",
    ".ods",
    ".ppt",
    ".pptx",
    ".odp",
    ".jpg",
    ".jpeg",
    ".png",
)
_SCHAAL_TEKST = {
    "ja": "ja",
    "deels": "deels",
    "nee": "nee",
    "weet niet": "weet_niet",
    "weet ik niet": "weet_niet",
    "weet_niet": "weet_niet",
    "?": "weet_niet",
    "nvt": NVT,
    "n.v.t": NVT,
    "niet van toepassing": NVT,
}
TOELICHTING_BIJ_VRAAG = "uw uitleg. Kies nu nog een antwoord."
STEMPEL_LENGTE = 10  # hex digits of Gesprek.stempel: ample against a chance match


@dataclass(frozen=True)
class Positie:
    """Where the respondent is: an item and the step within it."""

    item_id: str
    stap: Stap = "waarde"


@dataclass(frozen=True)
class Invoer:
    """One thing the respondent did: typed text, pressed a button (`actie`), or sent a file."""

    tekst: str | None = None
    actie: str | None = None
    bestand: Bestand | None = None
    mime: str | None = None


@dataclass(frozen=True)
class Opslaan:
    """Store this answer, then go to `volgende` (None: every question has been dealt with)."""

    item_id: str
    antwoord: Antwoord
    bevestiging: str
    volgende: Positie | None
    overgeslagen: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Verplaats:
    """Nothing to store; go to `volgende` (back, skip, done with a multiple choice)."""

    volgende: Positie | None
    bevestiging: str
    overgeslagen: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Herhaal:
    """The input does not fit: say why and ask the same step again."""

    melding: str


@dataclass(frozen=True)
class Pauze:
    """The respondent stops for now."""


Uitkomst = Opslaan | Verplaats | Herhaal | Pauze


class Gesprek:
    """One respondent's questionnaire with the answers given so far."""

    def __init__(
        self,
        vragenlijst: Vragenlijst,
        kader: Kader,
        antwoorden: Mapping[str, Antwoord],
        overgeslagen: Iterable[str] = (),
    ) -> None:
        self.vragenlijst = vragenlijst
        self.kader = kader
        self.antwoorden = dict(antwoorden)
        self.overgeslagen = frozenset(overgeslagen)
        # Worked out once per instance: the answers do not change within one (every change makes
        # a new Gesprek, see `met`), and a single step asks for them several times.
        self._waarden = {k: a.waarde for k, a in self.antwoorden.items()}
        # Shown items, and where each stands among them; counted items and their numbers.
        self._zichtbaar: tuple[list[Item], dict[str, int]] | None = None
        self._geteld: tuple[list[Item], dict[str, int]] | None = None
        # The last conversation `met` made with one answer set (see `na`).
        self._laatste: tuple[str, Antwoord | None, Gesprek] | None = None

    def met(
        self,
        item_id: str | None = None,
        antwoord: Antwoord | None = None,
        overgeslagen: Iterable[str] | None = None,
    ) -> Gesprek:
        """This conversation with one answer set (an empty one removed, as storing it does)
        and/or other skips. What the change cannot affect is shared, not worked out again:
        which items are shown changes only with an answer a condition reads."""
        na = object.__new__(Gesprek)
        na.__dict__.update(self.__dict__)
        na._laatste = None
        if item_id is not None and antwoord is not None:
            na.antwoorden = dict(self.antwoorden)
            na._waarden = dict(self._waarden)
            if antwoord.leeg():
                na.antwoorden.pop(item_id, None)
                na._waarden.pop(item_id, None)
            else:
                na.antwoorden[item_id] = antwoord
                na._waarden[item_id] = antwoord.waarde
            geraakt = item_id in self.vragenlijst.in_voorwaarden()
            if geraakt and na._waarden.get(item_id) != self._waarden.get(item_id):
                na._zichtbaar = na._geteld = None
        if overgeslagen is not None:
            na.overgeslagen = frozenset(overgeslagen)
        elif item_id is not None:
            self._laatste = (item_id, antwoord, na)  # `na` asks for the same one next
        return na

    def na(self, uitkomst: Opslaan | Verplaats) -> Gesprek:
        """This conversation once the outcome has been stored: the next state, without
        rebuilding this one."""
        if isinstance(uitkomst, Opslaan):
            laatste = self._laatste
            if laatste and laatste[0] == uitkomst.item_id and laatste[1] is uitkomst.antwoord:
                return laatste[2].met(overgeslagen=uitkomst.overgeslagen)
            return self.met(uitkomst.item_id, uitkomst.antwoord, uitkomst.overgeslagen)
        return self.met(overgeslagen=uitkomst.overgeslagen)

    # --- where are we ---------------------------------------------------------------------

    def zichtbaar(self) -> list[Item]:
        """The items this respondent is asked, given the answers so far."""
        return list(self._zichtbare()[0])

    def is_zichtbaar(self, item: Item) -> bool:
        """Whether this respondent is asked this item, given the answers so far."""
        return item.id in self._zichtbare()[1]

    def _zichtbare(self) -> tuple[list[Item], dict[str, int]]:
        if self._zichtbaar is None:
            items = zichtbare_items(self.vragenlijst, self._waarden)
            self._zichtbaar = (items, _plaatsen(items))
        return self._zichtbaar

    def is_open(self, item: Item) -> bool:
        """Not answered and not skipped."""
        return item.id not in self.overgeslagen and not is_beantwoord(
            item, self.antwoorden.get(item.id)
        )

    def eerste_open(self, na: str | None = None) -> Positie | None:
        """The first open item after `na` (wrapping round), or None when all are dealt with."""
        items, plaatsen = self._zichtbare()
        start = plaatsen[na] + 1 if na is not None and na in plaatsen else 0
        for item in items[start:] + items[:start]:
            if self.is_open(item):
                return Positie(item.id)
        return None

    def geldig(self, item_id: str | None, stap: str) -> Positie | None:
        """A stored position if it still makes sense (item exists and is shown), else the first
        open item; so an edited vragenlijst or a changed condition never strands anyone."""
        if item_id is not None and stap in STAPPEN:
            item = self.vragenlijst.item(item_id)
            if item is not None and self.is_zichtbaar(item) and stap in self.stappen(item):
                return Positie(item_id, stap)
        return self.eerste_open()

    def stappen(self, item: Item) -> tuple[Stap, ...]:
        """The steps of an item: a kernvraag also asks for a toelichting (unless it is offered
        with the question) and, where the indicator expects it, the document that lays it down."""
        if not isinstance(item, KernvraagItem):
            return ("waarde",)
        indicator = self.kader.indicator(item.id)
        toelichting: tuple[Stap, ...] = ("toelichting",) if item.toelichting == "apart" else ()
        document: tuple[Stap, ...] = (
            ("document",) if indicator is not None and indicator.vastlegging else ()
        )
        return ("waarde", *toelichting, *document)

    def einde(self) -> str | None:
        """The goodbye of a chosen option that ends the questionnaire (declining to take part)."""
        for item in self.zichtbaar():
            antwoord = self.antwoorden.get(item.id)
            if isinstance(item, KeuzeItem) and antwoord is not None:
                gekozen = next((o for o in item.opties if o.waarde == antwoord.waarde), None)
                if gekozen is not None and gekozen.einde:
                    return gekozen.einde
        return None

    def stempel(self) -> str:
        """A short fingerprint of the answers: a confirmation button ("Ja, alles wissen") carries
        it, so a press after the answers changed, or a second press, confirms nothing."""
        inhoud = json.dumps(
            {k: a.model_dump(mode="json") for k, a in sorted(self.antwoorden.items())},
            sort_keys=True,
        )
        return hashlib.sha256(inhoud.encode()).hexdigest()[:STEMPEL_LENGTE]

    def aantal_vragen(self) -> int:
        """How many questions there are, counting sections whose condition is not yet decided."""
        return len(self._met_open())

    def voortgang(self, item_id: str) -> tuple[int, int, str]:
        """(position among the items, number of items, section title); a section whose
        condition is not yet decided counts, so the total does not start at 1."""
        return (
            self.nummer(item_id),
            len(self._met_open()),
            self.vragenlijst.sectie_van(item_id).titel,
        )

    def nummer(self, item_id: str) -> int:
        """The question's number as the respondent sees it ("Vraag 5 van 29"), the same in the
        overview and in /wijzig_5; 0 for an item not counted (hidden by a condition)."""
        return self._getelde()[1].get(item_id, -1) + 1

    def met_nummer(self, nummer: int) -> Item | None:
        """The item that carries this number, if it is shown."""
        items = self._met_open()
        if not 1 <= nummer <= len(items) or not self.is_zichtbaar(items[nummer - 1]):
            return None
        return items[nummer - 1]

    def _met_open(self) -> list[Item]:
        """The items counted, a section whose condition is not yet decided included."""
        return self._getelde()[0]

    def _getelde(self) -> tuple[list[Item], dict[str, int]]:
        if self._geteld is None:
            items = zichtbare_items(self.vragenlijst, self._waarden, open_telt=True)
            self._geteld = (items, _plaatsen(items))
        return self._geteld

    def ontbrekend(self) -> list[Item]:
        """Required items still without an answer (blocking submission)."""
        return [
            i
            for i in self.zichtbaar()
            if i.verplicht and not is_beantwoord(i, self.antwoorden.get(i.id))
        ]

    def vorige(self, positie: Positie) -> Positie | None:
        """One step back: to the previous step of this item, or the previous shown item."""
        item = self._item(positie)
        stappen = self.stappen(item)
        if positie.stap in stappen and stappen.index(positie.stap) > 0:
            return Positie(item.id, stappen[stappen.index(positie.stap) - 1])
        items, plaatsen = self._zichtbare()
        plaats = plaatsen.get(item.id, 0)
        return Positie(items[plaats - 1].id) if plaats > 0 else None

    def _na(self, item: Item, stap: Stap, antwoord: Antwoord | None = None) -> Positie | None:
        """The position after a step, judged with the answers as they will be after it (with
        `antwoord` stored for this item)."""
        stappen = self.stappen(item)
        if stap in stappen and stappen.index(stap) + 1 < len(stappen):
            return Positie(item.id, stappen[stappen.index(stap) + 1])
        na = self if antwoord is None else self.met(item.id, antwoord)
        return na.eerste_open(na=item.id)

    def _item(self, positie: Positie) -> Item:
        item = self.vragenlijst.item(positie.item_id)
        if item is None:
            raise KeyError(positie.item_id)
        return item

    # --- what does an input mean -----------------------------------------------------------

    def verwerk(self, positie: Positie, invoer: Invoer) -> Uitkomst:
        """What this input means at this position."""
        item = self._item(positie)
        if invoer.tekst is not None:
            invoer = replace(invoer, tekst=opslaanbaar(invoer.tekst))
        if invoer.actie == "vorige":
            terug = self.vorige(positie)
            if terug is None:  # the first question shows no "Vorige"; an old button might
                return Herhaal("Dit is de eerste vraag; verder terug kan niet.")
            return Verplaats(terug, "◀ Vorige", self.overgeslagen)
        if invoer.actie == "later":
            return Pauze()
        if invoer.actie == "houden":
            return self._houden(item, positie.stap)
        if positie.stap == "toelichting":
            return self._toelichting(item, invoer)
        if positie.stap == "document":
            return self._document(item, invoer, stap="document")
        if invoer.actie == "overslaan":
            if item.verplicht:
                return Herhaal("Deze vraag is verplicht. Kies of typ een antwoord.")
            overgeslagen = self.overgeslagen | {item.id}
            na = self.met(overgeslagen=overgeslagen)
            return Verplaats(na.eerste_open(na=item.id), "Overgeslagen", overgeslagen)
        if isinstance(item, DocumentItem):
            return self._document(item, invoer, stap="waarde")
        if invoer.bestand is not None:
            return Herhaal("Bij deze vraag hoort geen bestand. Kies of typ een antwoord.")
        if isinstance(item, MeerkeuzeItem):
            return self._meerkeuze(item, invoer)
        if self._toelichting_bij_vraag(item, invoer):
            return self._toelichting(item, invoer)
        waarde = self._lees(item, invoer)
        if isinstance(waarde, Herhaal):
            return waarde
        oud = self.antwoorden.get(item.id) or Antwoord()
        antwoord = oud.model_copy(update={"waarde": waarde})
        return self._opslaan(item, "waarde", antwoord, _toon(item, waarde))

    def bewaard(self, item: Item, stap: Stap) -> bool:
        """Whether this step already holds something (an answer, toelichting or document), so
        that keeping it is a choice ("Houden")."""
        antwoord = self.antwoorden.get(item.id)
        if antwoord is None:
            return False
        if stap == "toelichting":
            return bool(antwoord.toelichting)
        if stap == "document":
            return bool(antwoord.document or antwoord.bestand)
        return not isinstance(item, MeerkeuzeItem) and is_beantwoord(item, antwoord)

    def _houden(self, item: Item, stap: Stap) -> Uitkomst:
        """Keep what the step holds and go on as answering it would: nothing is rewritten."""
        if self.bewaard(item, stap):
            na = self._na(item, stap)
            return Verplaats(na, "Gehouden", self.overgeslagen - {item.id})
        if stap == "waarde":
            return Herhaal("Er is nog geen antwoord om te houden. Kies of typ een antwoord.")
        # Nothing (any more) to keep, as after removing it: go on as without one.
        if stap == "toelichting":
            return self._toelichting(item, Invoer(actie="overslaan"))
        return self._document(item, Invoer(actie="overslaan"), stap)

    def _opslaan(self, item: Item, stap: Stap, antwoord: Antwoord, bevestiging: str) -> Opslaan:
        overgeslagen = self.overgeslagen - {item.id}
        # A confirmation repeats a long answer only in part (2,000 emoji would not fit).
        return Opslaan(
            item.id, antwoord, kort(bevestiging), self._na(item, stap, antwoord), overgeslagen
        )

    @staticmethod
    def _toelichting_bij_vraag(item: Item, invoer: Invoer) -> bool:
        """Typed text at a kernvraag that offers its toelichting with the question, and that is
        not itself an answer ("ja", "weet ik niet")."""
        if not (isinstance(item, KernvraagItem) and item.toelichting == "bij_vraag"):
            return False
        tekst = (invoer.tekst or "").strip()
        return bool(tekst) and _SCHAAL_TEKST.get(tekst.lower().rstrip(".")) is None

    def _lees(self, item: Item, invoer: Invoer) -> str | int | Herhaal:
        """The value of a typed text or pressed button for a single-value item."""
        knop = invoer.actie[2:] if invoer.actie and invoer.actie.startswith("w:") else None
        tekst = (invoer.tekst or "").strip()
        if isinstance(item, KernvraagItem | SchaalItem):
            mogelijk = item.waarden() if isinstance(item, KernvraagItem) else SCHAAL
            gekozen = knop if knop in mogelijk else _SCHAAL_TEKST.get(tekst.lower().rstrip("."))
            if gekozen in mogelijk:
                return gekozen
            namen = [SCHAAL_LABELS[w] for w in SCHAAL]
            if isinstance(item, KernvraagItem) and item.nvt:
                namen.append(item.nvt)
            # Words that hold in every channel: a terminal has no buttons.
            return Herhaal(f"Kies een antwoord: {_of(namen)}.")
        if isinstance(item, KeuzeItem):
            codes = [o.waarde for o in item.opties]
            if knop in codes:
                return knop
            for nummer, optie in enumerate(item.opties, start=1):
                if tekst.lower() in (optie.label.lower(), optie.waarde, str(nummer)):
                    return optie.waarde
            return Herhaal(f"Kies een antwoord: {_of(o.label for o in item.opties)}.")
        if not tekst:
            return Herhaal("Typ uw antwoord.")
        if isinstance(item, TekstItem):
            if len(tekst) > item.max_lengte:
                return Herhaal(
                    f"Uw antwoord is {len(tekst)} tekens lang; het mag maximaal "
                    f"{item.max_lengte} tekens zijn. Wilt u het korter maken?"
                )
            return tekst
        if isinstance(item, GetalItem):
            getal = lees_getal(tekst)
            if getal is None or not item.min <= getal <= item.max:
                return Herhaal(f"Vul een getal tussen {item.min} en {item.max} in.")
            return getal
        if isinstance(item, DatumItem):
            datum = lees_datum(tekst)
            if datum is None:
                return Herhaal("Schrijf de datum als dag-maand-jaar, bijvoorbeeld 15-01-2024.")
            return datum.isoformat()
        raise AssertionError(f"geen lezer voor {item.type}")  # pragma: no cover

    def _meerkeuze(self, item: MeerkeuzeItem, invoer: Invoer) -> Uitkomst:
        oud = self.antwoorden.get(item.id) or Antwoord()
        gekozen = list(oud.waarde) if isinstance(oud.waarde, list) else []
        codes = [o.waarde for o in item.opties]
        if invoer.actie == "klaar":
            if item.verplicht and not gekozen:
                return Herhaal("Kies minstens één antwoord en druk dan op Klaar.")
            return Verplaats(
                self._na(item, "waarde"),
                _toon(item, gekozen) or "Geen keuze",
                self.overgeslagen,
            )
        if invoer.actie and invoer.actie.startswith("m:") and invoer.actie[2:] in codes:
            code = invoer.actie[2:]
            nieuw = [c for c in codes if (c in gekozen) != (c == code)]  # toggle, keep order
            antwoord = oud.model_copy(update={"waarde": nieuw or None})
            return Opslaan(
                item.id,
                antwoord,
                _toon(item, nieuw),
                Positie(item.id),
                self.overgeslagen - {item.id},
            )
        nummers = [s for s in (invoer.tekst or "").replace(",", " ").split() if s]
        if nummers and all(lees_nummer(s, len(codes)) for s in nummers):
            nieuw = [c for n, c in enumerate(codes, start=1) if str(n) in nummers]
            return self._opslaan(
                item, "waarde", oud.model_copy(update={"waarde": nieuw}), _toon(item, nieuw)
            )
        return Herhaal("Kies de antwoorden die passen en daarna Klaar.")

    def _toelichting(self, item: Item, invoer: Invoer) -> Uitkomst:
        if invoer.actie == "overslaan":
            oud = self.antwoorden.get(item.id)
            if oud is not None and oud.toelichting:
                # With one stored, this is the button "Toelichting weghalen" ("Houden" keeps it).
                zonder = oud.model_copy(update={"toelichting": None})
                return self._opslaan(item, "toelichting", zonder, "Toelichting weggehaald")
            return Verplaats(
                self._na(item, "toelichting"),
                "Geen toelichting",
                self.overgeslagen,
            )
        anders = (
            "of kies Houden"
            if self.bewaard(item, "toelichting") and "toelichting" in self.stappen(item)
            else "of kies Geen toelichting"
        )
        if invoer.bestand is not None:
            return Herhaal(
                f"Een bestand kunt u bij de documentvraag sturen. Typ hier uw toelichting, "
                f"{anders}."
            )
        tekst = (invoer.tekst or "").strip()
        if not tekst:
            return Herhaal(f"Typ uw toelichting, {anders}.")
        if len(tekst) > grenzen.TOELICHTING:
            return Herhaal(
                f"Uw toelichting is {len(tekst)} tekens; maximaal {grenzen.TOELICHTING}. Wilt u "
                "haar korter maken?"
            )
        oud = self.antwoorden.get(item.id) or Antwoord()
        antwoord = oud.model_copy(update={"toelichting": tekst})
        if (
            isinstance(item, KernvraagItem)
            and item.toelichting == "bij_vraag"
            and oud.waarde is None
        ):
            # Offered with the question: the toelichting is kept, the answer is still to come.
            return Opslaan(
                item.id, antwoord, TOELICHTING_BIJ_VRAAG, Positie(item.id), self.overgeslagen
            )
        stap: Stap = "toelichting" if "toelichting" in self.stappen(item) else "waarde"
        return self._opslaan(item, stap, antwoord, "uw toelichting")

    def _document(self, item: Item, invoer: Invoer, stap: Stap) -> Uitkomst:
        if invoer.actie == "overslaan":
            if stap == "waarde" and item.verplicht:
                return Herhaal("Deze vraag is verplicht. Typ de titel of stuur het bestand.")
            if stap == "waarde":
                overgeslagen = self.overgeslagen | {item.id}
                na = self.met(overgeslagen=overgeslagen)
                return Verplaats(na.eerste_open(na=item.id), "Overgeslagen", overgeslagen)
            oud = self.antwoorden.get(item.id)
            if oud is not None and (oud.document or oud.bestand):
                zonder = oud.model_copy(update={"document": None, "bestand": None})
                return self._opslaan(item, stap, zonder, "Document weggehaald")
            return Verplaats(self._na(item, stap), "Geen document", self.overgeslagen)
        oud = self.antwoorden.get(item.id) or Antwoord()
        if invoer.bestand is not None:
            probleem = _bestand_probleem(invoer.bestand, invoer.mime)
            if probleem:
                return Herhaal(probleem)
            bestand = _bewaarbaar(invoer.bestand)
            titel = oud.document or bestand.naam or "bestand"
            antwoord = oud.model_copy(update={"bestand": bestand, "document": titel})
            return self._opslaan(item, stap, antwoord, f"bestand “{titel}”")
        tekst = (invoer.tekst or "").strip()
        if not tekst or len(tekst) > grenzen.DOCUMENT:
            return Herhaal(
                f"Typ de titel van het document (maximaal {grenzen.DOCUMENT} tekens) of stuur "
                "het bestand."
            )
        antwoord = oud.model_copy(update={"document": tekst})
        return self._opslaan(item, stap, antwoord, f"document “{tekst}”")


def _plaatsen(items: list[Item]) -> dict[str, int]:
    """Where each item stands in the list (its first place)."""
    plaatsen: dict[str, int] = {}
    for n, item in enumerate(items):
        plaatsen.setdefault(item.id, n)
    return plaatsen


def _of(labels: Iterable[str]) -> str:
    """ "a, b of c"."""
    *voor, laatste = labels
    return f"{', '.join(voor)} of {laatste}" if voor else laatste


def _bewaarbaar(bestand: Bestand) -> Bestand:
    """A sent file as it can be stored: a very long name shortened, its extension kept."""
    naam = bestand.naam
    if naam is not None and len(naam) > grenzen.BESTANDSNAAM:
        _, punt, soort = naam.rpartition(".")
        achter = f"{punt}{soort}" if punt and len(soort) <= 10 else ""
        naam = naam[: grenzen.BESTANDSNAAM - len(achter) - 1] + "…" + achter
    return bestand.model_copy(update={"naam": naam})


def _bestand_probleem(bestand: Bestand, mime: str | None) -> str | None:
    """Why a sent file cannot be accepted as a document, or None."""
    if bestand.grootte is not None and bestand.grootte > MAX_BESTAND:
        mb = bestand.grootte / 1024 / 1024
        return (
            f"Dit bestand is te groot ({mb:.0f} MB). Stuur een bestand tot 20 MB, of typ "
            "alleen de titel van het document."
        )
    naam = (bestand.naam or "").lower()
    if not naam.endswith(DOCUMENT_SOORTEN) and not (mime or "").startswith(
        ("application/pdf", "image/", "text/plain")
    ):
        return (
            "Dit soort bestand kan ik niet aannemen. Stuur een PDF, Word-, Excel- of "
            "OpenDocument-bestand of een foto, of typ alleen de titel."
        )
    return None


def _toon(item: Item, waarde: object) -> str:
    """How a value reads back to the respondent."""
    if isinstance(waarde, list):
        return ", ".join(label(item, str(w)) for w in waarde)
    if isinstance(item, DatumItem) and isinstance(waarde, str):
        jaar, maand, dag = waarde.split("-")
        return f"{int(dag)}-{int(maand)}-{jaar}"
    return label(item, waarde) if isinstance(waarde, str) else str(waarde)


def toon_antwoord(item: Item, antwoord: Antwoord | None) -> str:
    """A stored answer in words, for the overview."""
    if antwoord is None:
        return ""
    delen = [] if antwoord.waarde is None else [_toon(item, antwoord.waarde)]
    if antwoord.toelichting:
        delen.append(f"toelichting: {antwoord.toelichting}")
    if antwoord.document:
        delen.append(f"document: {antwoord.document}")
    return " · ".join(delen)
