"""What happens after the concept, as a kader's data says it and as a report shows it: who speaks
for the gemeente (`contact`, one of the kader's roles), the term for its reaction to the concept
(wederhoor) and the deadline of its improvement plan after vaststelling (`proces:` in the texts
file); and per onderzoek the reactions and what the inspector decided, the dates of vaststelling
and publication, and, in a follow-up, the earlier round with its plan and what came of it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from beoordeling.indeling import Termijn, lees_termijn
from beoordeling.tekstdata import Plek, misschien

# Without a `proces:` block: two weeks for the reaction (STJ's usual term), three months for
# the improvement plan.
WEDERHOOR = Termijn(weken=2)
VERBETERPLAN = Termijn(maanden=3)


@dataclass(frozen=True)
class Proces:
    """The kader's process after the concept."""

    contact: str | None = None  # the role whose respondent speaks for the gemeente
    wederhoor: Termijn = WEDERHOOR
    verbeterplan: Termijn = VERBETERPLAN


def lees_proces(p: Plek) -> Proces:
    """The `proces:` block of a texts file, checked (the contact role against the kader when
    the whole file is checked)."""
    return Proces(
        contact=misschien(p, "contact"),
        wederhoor=lees_termijn(p.binnen("wederhoor")) if "wederhoor" in p.blok else WEDERHOOR,
        verbeterplan=(
            lees_termijn(p.binnen("verbeterplan")) if "verbeterplan" in p.blok else VERBETERPLAN
        ),
    )


@dataclass(frozen=True)
class Reactie:
    """One reaction of the gemeente to the concept: about an indicator (None: in general),
    and what the inspector decided (None: not yet)."""

    indicator_id: str | None
    indicator: str  # the indicator's text, or "Algemeen"
    tekst: str
    verstuurd: bool  # the gemeente sent its reaction (not only saved it)
    besluit: str | None = None  # aanvaard, afgewezen
    reden: str | None = None  # why rejected, or what was done with it


@dataclass(frozen=True)
class PlanActie:
    """What the gemeente plans for one verbeterpunt: what, who, by when."""

    indicator_id: str
    indicator: str
    wat: str | None
    wie: str | None
    wanneer: dt.date | None

    @property
    def compleet(self) -> bool:
        """Whether what, who and when are all given."""
        return bool(self.wat and self.wie and self.wanneer)


@dataclass(frozen=True)
class Uitvoering:
    """What the gemeente reports a year later about one planned action: done (ja, deels, nee,
    weet_niet) and what came of it."""

    indicator_id: str
    gedaan: str | None
    toelichting: str | None


@dataclass(frozen=True)
class VorigeRonde:
    """The onderzoek a follow-up follows: its date, its verdicts, its improvement plan and
    what the gemeente now reports about each action."""

    onderzoek_id: int
    datum: dt.date
    oordelen: dict[str, str] = field(default_factory=dict)  # indicator id -> verdict
    acties: tuple[PlanActie, ...] = ()
    uitvoering: tuple[Uitvoering, ...] = ()

    @property
    def verbeterpunten(self) -> tuple[str, ...]:
        """The earlier verbeterpunten, in kader order of the earlier assessment."""
        return tuple(i for i, o in self.oordelen.items() if o == "verbeterpunt")

    def actie(self, indicator_id: str) -> PlanActie | None:
        """The planned action for an earlier verbeterpunt, if the gemeente gave one."""
        return next((a for a in self.acties if a.indicator_id == indicator_id), None)

    def gedaan(self, indicator_id: str) -> Uitvoering | None:
        """What the gemeente reports about that action, if it did."""
        return next((u for u in self.uitvoering if u.indicator_id == indicator_id), None)


@dataclass(frozen=True)
class ProcesGegevens:
    """An onderzoek's steps after the concept, as its report shows them."""

    voorgelegd: dt.date | None = None  # when the concept was put to the gemeente
    termijn: dt.date | None = None  # until when it could react
    reacties: tuple[Reactie, ...] = ()
    vastgesteld_op: dt.date | None = None
    gepubliceerd_op: dt.date | None = None
    plan_deadline: dt.date | None = None
    acties: tuple[PlanActie, ...] = ()  # this round's improvement plan
    vorige: VorigeRonde | None = None

    @property
    def wederhoor(self) -> bool:
        """Whether the concept was put to the gemeente."""
        return self.voorgelegd is not None
