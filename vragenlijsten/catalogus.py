"""All kaders and vragenlijsten, loaded and checked once at start-up and then passed around."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from vragenlijsten.grenzen import citeer
from vragenlijsten.laden import (
    KADER_MAP,
    PAKKET_MAP,
    VragenlijstFout,
    laad_kaders,
    laad_vragenlijst_bestand,
)
from vragenlijsten.model import Kader, Vragenlijst


@dataclass(frozen=True)
class Catalogus:
    """The kaders by name and the vragenlijsten by (kader, rol)."""

    kaders: dict[str, Kader]
    vragenlijsten: dict[tuple[str, str], Vragenlijst]

    def kader(self, naam: str) -> Kader:
        """A kader by name; a clear error for an unknown one."""
        try:
            return self.kaders[naam]
        except KeyError:
            raise VragenlijstFout(
                [f"kader '{citeer(naam)}' bestaat niet; kies uit {', '.join(sorted(self.kaders))}"]
            ) from None

    def rollen(self, kader: str) -> list[str]:
        """The roles with a vragenlijst under this kader, in kader order."""
        return [r for r in self.kader(kader).rolnamen if (kader, r) in self.vragenlijsten]

    def vragenlijst(self, kader: str, rol: str) -> Vragenlijst:
        """The vragenlijst for a role under a kader; a clear error for an unknown role."""
        try:
            return self.vragenlijsten[(kader, rol)]
        except KeyError:
            raise VragenlijstFout(
                [
                    f"rol '{citeer(rol)}' bestaat niet bij kader {kader}; kies uit "
                    f"{', '.join(self.rollen(kader))}"
                ]
            ) from None


def vragenlijst_bestanden(map_: Path) -> list[Path]:
    """The vragenlijst files below a folder (one subfolder per kader; kaders/ excluded)."""
    return sorted(p for p in map_.glob("*/*.yaml") if p.parent.name != "kaders")


def kaders_bij(map_: Path) -> dict[str, Kader]:
    """The kaders for vragenlijsten under this folder: its own kaders/, else the shipped ones."""
    return laad_kaders(map_ / "kaders" if (map_ / "kaders").is_dir() else KADER_MAP)


def laad_catalogus(map_: Path = PAKKET_MAP) -> Catalogus:
    """Load and check every kader and vragenlijst; all problems of all files are reported."""
    kaders = kaders_bij(map_)
    vragenlijsten: dict[tuple[str, str], Vragenlijst] = {}
    meldingen: list[str] = []
    for pad in vragenlijst_bestanden(map_):
        try:
            vl = laad_vragenlijst_bestand(pad, kaders)
        except VragenlijstFout as fout:
            meldingen.extend(fout.meldingen)
            continue
        vragenlijsten[(vl.kader, vl.rol)] = vl
    if meldingen:
        raise VragenlijstFout(meldingen)
    return Catalogus(kaders=kaders, vragenlijsten=vragenlijsten)
