"""Reading a kader's texts file: where a block stands (file and line) for messages, and the
checks every text of it shares (a sentence, a list of sentences, names per answer code)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from vragenlijsten.laden import VragenlijstFout
from vragenlijsten.yamlregels import RegelDict


@dataclass(frozen=True)
class Plek:
    """Where in a texts file a block stands, for messages: file, line and what it is."""

    bestand: str
    wat: str
    blok: Any

    def fout(self, tekst: str, sleutel: str | None = None) -> VragenlijstFout:
        """A located message: `teksten.yaml:12: 'ct-doelen': 'tekort' ontbreekt; …`."""
        regel = getattr(self.blok, "regel", 1) or 1
        if sleutel is not None and isinstance(self.blok, RegelDict):
            regel = self.blok.sleutel_regels.get(sleutel, regel)
        return VragenlijstFout([f"{self.bestand}:{regel}: {self.wat}: {tekst}"])

    def binnen(self, sleutel: str, wat: str | None = None) -> Plek:
        """The block under a key, named `wat` (default: the key)."""
        blok = self.blok.get(sleutel) if isinstance(self.blok, dict) else None
        if blok is None or not isinstance(blok, dict):
            raise self.fout(f"'{sleutel}' moet een blok met sleutels zijn", sleutel)
        return Plek(self.bestand, f"{self.wat}, {wat or sleutel}", blok)


def tekst(p: Plek, sleutel: str) -> str:
    """A required text under a key, on one line."""
    waarde = p.blok.get(sleutel) if isinstance(p.blok, dict) else None
    if not isinstance(waarde, str) or not waarde.strip():
        raise p.fout(f"'{sleutel}' ontbreekt of is geen tekst; vul een zin in", sleutel)
    return " ".join(waarde.split())


def misschien(p: Plek, sleutel: str) -> str | None:
    """An optional text: absent is None, present must be a sentence."""
    return tekst(p, sleutel) if isinstance(p.blok, dict) and sleutel in p.blok else None


def namen(p: Plek) -> dict[str, str]:
    """Per answer code the words a report uses for it."""
    namen = p.blok.get("namen") if isinstance(p.blok, dict) else None
    if not isinstance(namen, dict) or not all(isinstance(v, str) for v in namen.values()):
        raise p.fout("'namen' moet per antwoordcode een tekst geven", "namen")
    return {str(k): " ".join(v.split()) for k, v in namen.items()}


def lijst(p: Plek, sleutel: str) -> tuple[str, ...]:
    """A required list of sentences under a key."""
    waarde = p.blok.get(sleutel) if isinstance(p.blok, dict) else None
    if not isinstance(waarde, list) or not all(isinstance(t, str) and t.strip() for t in waarde):
        raise p.fout(f"'{sleutel}' moet een lijst van zinnen zijn", sleutel)
    return tuple(" ".join(t.split()) for t in waarde)
