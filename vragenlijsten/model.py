"""Typed models of a kader (themes → criteria → indicators) and of a vragenlijst (sections → items).

Models are pure data; `laden` builds them from YAML and turns every violation into a message that
names the file, the line, the item, what is wrong and how to fix it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any, Literal, cast

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from vragenlijsten import grenzen

KORT = 30  # characters of an indicator's short label
SCHAAL: tuple[str, ...] = ("ja", "deels", "nee", "weet_niet")
# The answer "not applicable (for this casus)", offered only where the indicator allows it.
NVT = "nvt"
SCHAAL_LABELS: dict[str, str] = {
    "ja": "Ja",
    "deels": "Deels",
    "nee": "Nee",
    "weet_niet": "Weet ik niet",
    NVT: "Niet van toepassing",
}
ID_PATROON = r"^[a-z0-9][a-z0-9-]*$"


class _Strikt(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- kader ---------------------------------------------------------------------------------


class DerdePersoon(_Strikt):
    """How a respondent's "wij" reads in a report's third person: "de gemeente", "haar",
    "zij" (so "Wij hebben onze doelen" becomes "De gemeente heeft haar doelen")."""

    naam: str
    bezittelijk: str
    voornaamwoord: str


class Personen(_Strikt):
    """How reports count several respondents of one role that speaks for one party
    ("twee medewerkers van de gemeente"), where the role's own words name the party."""

    enkelvoud: str
    meervoud: str


class Rol(_Strikt):
    """A respondent role of a kader, and what it means for invitations, chat and reports."""

    naam: Annotated[str, Field(pattern=ID_PATROON)]
    enkelvoud: str  # how reports name one respondent: "netwerkpartner", "regisseur"
    meervoud: str  # and several: "netwerkpartners"
    omschrijving: str  # how the bot names the invitee's role: "regisseur van het gezin"
    # Invited with an organisation; false: never recorded by name or organisation.
    organisatie: bool = True
    casus: bool = False  # invited per casus (a family known only by its label)
    # Reports speak of these respondents by role only and never quote them.
    anoniem: bool = False
    # A choice item whose chosen code names the respondent in reports ("een moeder").
    aanduiding: str | None = None
    # The primary account's own words in the report's third person (its toelichting).
    wij: DerdePersoon | None = None
    # Several respondents of the role, as findings count them; default enkelvoud/meervoud.
    personen: Personen | None = None

    def persoon(self, meer: bool) -> str:
        """One or several respondents of this role, as findings count them."""
        if self.personen is not None:
            return self.personen.meervoud if meer else self.personen.enkelvoud
        return self.meervoud if meer else self.enkelvoud


class Weger(_Strikt):
    """A role whose answers confirm or contradict the primary account."""

    rol: str
    # With a name ("het gezin"), all respondents of the role in one casus count as one voice.
    stem: str | None = None


class Bronnen(_Strikt):
    """Which sources besides the answers the rule reads, and how they weigh (BESLISREGEL.md,
    "Bronnen")."""

    # "oordeel": a document the inspector read (or one named and not yet read) can carry a
    # verdict (rule 3); "bevinding": documents are reported, never decide (practice level).
    document: Literal["oordeel", "bevinding"] = "oordeel"
    # Dossier findings per casus: "beslist" (what the inspector saw in the dossier decides),
    # "weegt_mee" (one more voice per casus), "geen" (this kader has no dossier study).
    dossier: Literal["beslist", "weegt_mee", "geen"] = "geen"


class Beslisregel(_Strikt):
    """What the roles mean for the decision rule (BESLISREGEL.md)."""

    hoofd: str  # the role whose answer carries the primary account
    wegers: list[Weger]
    per_casus: bool = False  # first per casus, then the majority of the casussen decides
    bronnen: Bronnen = Bronnen()


class Indicator(_Strikt):
    id: Annotated[str, Field(pattern=ID_PATROON)]
    tekst: str
    # A few words for where the whole text does not fit: the national overview's columns.
    kort: Annotated[str, Field(min_length=1, max_length=KORT)] | None = None
    rollen: list[str]
    vastlegging: bool = False
    # Respondents may answer "niet van toepassing" (for their casus); it then does not count.
    niet_van_toepassing: bool = False
    # Indicators of the kader's beleidskader that arrange this on policy level.
    beleid: list[str] = []
    # What the inspecties look at to judge it ("In elk geval moet zichtbaar zijn dat …"):
    # shown to inspectors next to the evidence and printed in the report's appendix.
    operationalisering: str | None = None
    # Indicators of the same theme about the same subject: a "Wat gaat goed?" never rests on
    # this one while one of them is a verbeterpunt or has a LET OP.
    verwant: list[str] = []


class Criterium(_Strikt):
    naam: str
    indicatoren: list[Indicator]


class Thema(_Strikt):
    naam: str
    omschrijving: str
    # A themarapport's "Verwachting": what the inspecties expect under this theme.
    verwachting: str | None = None
    # A themarapport's "Beleid": the text question(s) whose answers describe the policy.
    beleid_vragen: list[str] = []
    criteria: list[Criterium]


class Kader(_Strikt):
    kader: str
    titel: str
    # A short name where the title does not fit, such as a button in Telegram's /nieuw.
    kort: Annotated[str, Field(min_length=1, max_length=KORT)] | None = None
    onderzoeksvraag: str
    rollen: list[Rol]
    beslisregel: Beslisregel
    # The report: a factsheet per gemeente (a verdict per indicator), a nota van bevindingen
    # per aanpak (casusniveau), or a themarapport (per theme Verwachting / Beleid / Praktijk /
    # Conclusie and one overall judgement).
    rapport: Literal["factsheet", "nota", "themarapport"] = "factsheet"
    # The kader whose verdicts the report relates practice to (through Indicator.beleid).
    beleidskader: str | None = None
    themas: list[Thema]
    # Where it was read from (set by the loader): messages name `bestand`; the report texts of
    # the kader (a `teksten:` file beside it) are read from `teksten`.
    _bestand: str = PrivateAttr(default="")
    _pad: Path = PrivateAttr(default=Path())
    _teksten: Path | None = PrivateAttr(default=None)

    def herkomst(self, pad: Path, bestand: str) -> None:
        """Record where the kader was read from (the loader calls this)."""
        self._pad, self._bestand = pad, bestand

    def met_teksten(self, pad: Path) -> None:
        """Record the file with the kader's report texts (the catalogue calls this)."""
        self._teksten = pad

    @property
    def aantal_indicatoren(self) -> int:
        """How many indicators the kader has."""
        return sum(1 for _ in self.indicatoren())

    @property
    def bestand(self) -> str:
        """How messages name the kader's file: "wijkteams/kader.yaml"."""
        return self._bestand or f"{self.kader}.yaml"

    @property
    def pad(self) -> Path:
        """The kader's file."""
        return self._pad

    @property
    def teksten(self) -> Path | None:
        """The file with the kader's report texts, if it has one."""
        return self._teksten

    @property
    def rolnamen(self) -> list[str]:
        """The names of the roles, in kader order."""
        return [r.naam for r in self.rollen]

    def rol(self, naam: str) -> Rol | None:
        """The role with this name, if the kader has it."""
        return next((r for r in self.rollen if r.naam == naam), None)

    def indicatoren(self) -> Iterator[tuple[Thema, Criterium, Indicator]]:
        """Every indicator with its theme and criterion, in kader order."""
        for thema in self.themas:
            for criterium in thema.criteria:
                for indicator in criterium.indicatoren:
                    yield thema, criterium, indicator

    def verwanten(self, indicator_id: str) -> tuple[str, ...]:
        """The indicators declared to be about the same subject as this one (`verwant`, either
        way round), in kader order; the loader keeps them within one theme."""
        verwant: set[str] = set()
        for _, _, i in self.indicatoren():
            if i.id == indicator_id:
                verwant.update(i.verwant)
            elif indicator_id in i.verwant:
                verwant.add(i.id)
        return tuple(i.id for _, _, i in self.indicatoren() if i.id in verwant)

    def indicator(self, indicator_id: str) -> Indicator | None:
        """The indicator with this id, if the kader has it."""
        index = _index(self, self.themas, lambda: {i.id: i for _, _, i in self.indicatoren()})
        return cast(Indicator | None, index.get(indicator_id))


# --- vragenlijst ---------------------------------------------------------------------------


def _index(model: BaseModel, bron: object, bouw: Callable[[], Any], naam: str = "_index") -> Any:
    """A lookup table over a frozen model, built once. Every step of a conversation looks up
    items and indicators; a linear search each time was measurable. It is kept beside the
    fields (equality and dumps ignore it) together with the list it was built from, so a copy
    with other sections (model_copy) builds its own."""
    opgeslagen = model.__dict__.get(naam)
    if opgeslagen is None or opgeslagen[0] is not bron:
        opgeslagen = (bron, bouw())
        model.__dict__[naam] = opgeslagen
    return opgeslagen[1]


class Optie(_Strikt):
    waarde: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]
    label: str
    # Choosing this option ends the questionnaire (declining to take part, say): this text says
    # goodbye, and the loader checks that no later question is asked after it.
    einde: str | None = None


class Voorwaarde(_Strikt):
    item: str
    waarde: str | list[str]

    def waarden(self) -> list[str]:
        """The accepted values as a list."""
        return [self.waarde] if isinstance(self.waarde, str) else list(self.waarde)


class _ItemBasis(_Strikt):
    id: Annotated[str, Field(pattern=ID_PATROON)]
    vraag: str
    uitleg: str | None = None
    verplicht: bool = True
    toon_als: Voorwaarde | None = None


class KernvraagItem(_ItemBasis):
    type: Literal["kernvraag"]
    toelichting_vraag: str | None = None
    document_vraag: str | None = None
    # "apart": a separate prompt after the answer; "bij_vraag": offered with the question, so a
    # typed text is the toelichting and a button the answer, in either order.
    toelichting: Literal["apart", "bij_vraag"] = "apart"
    # The label of the "niet van toepassing" button; only where the indicator allows it (the
    # loader fills in the standard label there).
    nvt: str | None = None

    def waarden(self) -> tuple[str, ...]:
        """The values this kernvraag accepts."""
        return (*SCHAAL, NVT) if self.nvt else SCHAAL


class SchaalItem(_ItemBasis):
    type: Literal["schaal"]


class KeuzeItem(_ItemBasis):
    type: Literal["keuze"]
    opties: list[Optie]


class MeerkeuzeItem(_ItemBasis):
    type: Literal["meerkeuze"]
    opties: list[Optie]


class TekstItem(_ItemBasis):
    type: Literal["tekst"]
    max_lengte: Annotated[int, Field(gt=0, le=grenzen.TEKST)] = 2000


class GetalItem(_ItemBasis):
    type: Literal["getal"]
    min: int
    max: int


class DatumItem(_ItemBasis):
    type: Literal["datum"]


class DocumentItem(_ItemBasis):
    type: Literal["document"]


Item = Annotated[
    KernvraagItem
    | SchaalItem
    | KeuzeItem
    | MeerkeuzeItem
    | TekstItem
    | GetalItem
    | DatumItem
    | DocumentItem,
    Field(discriminator="type"),
]
ITEM_TYPES: tuple[str, ...] = (
    "kernvraag",
    "schaal",
    "keuze",
    "meerkeuze",
    "tekst",
    "getal",
    "datum",
    "document",
)


class Sectie(_Strikt):
    titel: str
    items: list[Item]
    toon_als: Voorwaarde | None = None  # the whole section is asked only under this condition


class Vragenlijst(_Strikt):
    vragenlijst: str
    kader: str
    titel: str
    inleiding: str
    duur_minuten: Annotated[int, Field(gt=0)]
    secties: list[Sectie]

    @property
    def rol(self) -> str:
        """The role this vragenlijst is for."""
        return self.vragenlijst

    def items(self) -> list[Item]:
        """Every item in order."""
        return [item for sectie in self.secties for item in sectie.items]

    def item(self, item_id: str) -> Item | None:
        """The item with this id, if any."""
        return self._per_id().get(item_id, (None, None))[0]

    def sectie_van(self, item_id: str) -> Sectie:
        """The section holding an item."""
        sectie = self._per_id().get(item_id, (None, None))[1]
        if sectie is None:
            raise KeyError(item_id)
        return sectie

    def _per_id(self) -> dict[str, tuple[Item, Sectie]]:
        def bouw() -> dict[str, tuple[Item, Sectie]]:
            per_id: dict[str, tuple[Item, Sectie]] = {}
            for sectie in self.secties:
                for item in sectie.items:
                    per_id.setdefault(item.id, (item, sectie))
            return per_id

        return cast(dict[str, tuple[Item, Sectie]], _index(self, self.secties, bouw))

    def in_voorwaarden(self) -> frozenset[str]:
        """The items a condition (toon_als) reads: only a change to one of their answers can
        change which items are shown."""

        def bouw() -> frozenset[str]:
            voorwaarden = [s.toon_als for s in self.secties]
            voorwaarden += [i.toon_als for s in self.secties for i in s.items]
            return frozenset(v.item for v in voorwaarden if v is not None)

        return cast(frozenset[str], _index(self, self.secties, bouw, "_in_voorwaarden"))


def mogelijke_waarden(item: Item) -> tuple[str, ...] | None:
    """The values a condition on this item may test, or None if it cannot be conditioned on."""
    if isinstance(item, KernvraagItem):
        return item.waarden()
    if isinstance(item, SchaalItem):
        return SCHAAL
    if isinstance(item, KeuzeItem | MeerkeuzeItem):
        return tuple(o.waarde for o in item.opties)
    return None
