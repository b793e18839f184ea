"""Typed models of a kader (themes → criteria → indicators) and of a vragenlijst (sections → items).

Models are pure data; `laden` builds them from YAML and turns every violation into a message that
names the file, the line, the item, what is wrong and how to fix it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHAAL: tuple[str, ...] = ("ja", "deels", "nee", "weet_niet")
SCHAAL_LABELS: dict[str, str] = {
    "ja": "Ja",
    "deels": "Deels",
    "nee": "Nee",
    "weet_niet": "Weet ik niet",
}
ID_PATROON = r"^[a-z0-9][a-z0-9-]*$"


class _Strikt(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- kader ---------------------------------------------------------------------------------


class Indicator(_Strikt):
    id: Annotated[str, Field(pattern=ID_PATROON)]
    tekst: str
    rollen: list[str]
    vastlegging: bool = False


class Criterium(_Strikt):
    naam: str
    indicatoren: list[Indicator]


class Thema(_Strikt):
    naam: str
    omschrijving: str
    criteria: list[Criterium]


class Kader(_Strikt):
    kader: str
    titel: str
    onderzoeksvraag: str
    rollen: list[str]
    themas: list[Thema]

    def indicatoren(self) -> Iterator[tuple[Thema, Criterium, Indicator]]:
        """Every indicator with its theme and criterion, in kader order."""
        for thema in self.themas:
            for criterium in thema.criteria:
                for indicator in criterium.indicatoren:
                    yield thema, criterium, indicator

    def indicator(self, indicator_id: str) -> Indicator | None:
        """The indicator with this id, if the kader has it."""
        for _, _, indicator in self.indicatoren():
            if indicator.id == indicator_id:
                return indicator
        return None


# --- vragenlijst ---------------------------------------------------------------------------


class Optie(_Strikt):
    waarde: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]
    label: str


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
    max_lengte: Annotated[int, Field(gt=0)] = 2000


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
        return next((i for i in self.items() if i.id == item_id), None)

    def sectie_van(self, item_id: str) -> Sectie:
        """The section holding an item."""
        return next(s for s in self.secties if any(i.id == item_id for i in s.items))


def mogelijke_waarden(item: Item) -> tuple[str, ...] | None:
    """The values a condition on this item may test, or None if it cannot be conditioned on."""
    if isinstance(item, KernvraagItem | SchaalItem):
        return SCHAAL
    if isinstance(item, KeuzeItem | MeerkeuzeItem):
        return tuple(o.waarde for o in item.opties)
    return None
