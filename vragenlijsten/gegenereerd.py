"""A questionnaire generated for one onderzoek (the steps after the concept, see
beoordeling/procesvragen.py) as it is stored with its invitation: the vragenlijst itself and
which indicator each of its items is about."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from vragenlijsten.model import Vragenlijst


@dataclass(frozen=True)
class Procesvragen:
    """A generated questionnaire and which indicator each of its items is about."""

    vragenlijst: Vragenlijst
    indicatoren: dict[str, str]

    def als_data(self) -> dict[str, Any]:
        """As stored with the invitation (JSON)."""
        return {
            "vragenlijst": self.vragenlijst.model_dump(mode="json", exclude_defaults=True),
            "indicatoren": self.indicatoren,
        }

    @classmethod
    def uit_data(cls, data: dict[str, Any]) -> Procesvragen:
        """Back from what was stored."""
        return cls(Vragenlijst.model_validate(data["vragenlijst"]), dict(data["indicatoren"]))

    def indicator(self, item_id: str) -> str | None:
        """The indicator an item is about (None: the general reaction, or a choice item)."""
        return self.indicatoren.get(item_id)
