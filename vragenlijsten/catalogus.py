"""All kaders and vragenlijsten, loaded and checked once at start-up and then passed around.

They come from folders: the user's (`STJ_KADERS`, searched first) and the shipped ones. A folder
holds data files in any layout; each file says by its first key what it is. A kader in a user's
folder replaces a shipped kader with the same id, together with its vragenlijsten and texts.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from vragenlijsten.grenzen import citeer
from vragenlijsten.laden import (
    KADER_MAP,
    VragenlijstFout,
    controleer_beleid,
    dubbel_kader,
    laad_kader_bestand,
    laad_vragenlijst_bestand,
    soort_van,
    yaml_bestanden,
)
from vragenlijsten.model import Kader, Rol, Vragenlijst
from vragenlijsten.yamlregels import lees_yaml, regel_van

OMGEVING = "STJ_KADERS"


@dataclass(frozen=True)
class Catalogus:
    """The kaders by name and the vragenlijsten by (kader, rol)."""

    kaders: dict[str, Kader]
    vragenlijsten: dict[tuple[str, str], Vragenlijst]
    # Per vragenlijst and per texts file: the file it was read from (for `stj kader lijst`).
    bestanden: dict[tuple[str, str], Path] = field(default_factory=dict)

    def kader(self, naam: str) -> Kader:
        """A kader by name; a clear error for an unknown one."""
        try:
            return self.kaders[naam]
        except KeyError:
            raise VragenlijstFout(
                [f"kader '{citeer(naam)}' bestaat niet; kies uit {', '.join(sorted(self.kaders))}"]
            ) from None

    def rol(self, kader: str, rol: str) -> Rol | None:
        """A role of a catalogued kader, if it has it."""
        return self.kader(kader).rol(rol)

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


def kader_mappen() -> list[Path]:
    """Where kaders are looked for: the folders in STJ_KADERS (separated like PATH), then the
    shipped ones."""
    mappen: list[Path] = []
    for deel in os.environ.get(OMGEVING, "").split(os.pathsep):
        if not deel.strip():
            continue
        map_ = Path(deel).expanduser()
        if not map_.is_dir():
            raise VragenlijstFout(
                [
                    f"{OMGEVING}: map '{citeer(deel, 300)}' bestaat niet; geef een map met "
                    "kader- en vragenlijstbestanden, of haal de variabele weg"
                ]
            )
        mappen.append(map_)
    return [*mappen, KADER_MAP]


@dataclass
class _Map:
    """The data files of one folder, sorted by what they hold; `kapot`: the ids of kaders whose
    file has errors (reported once, not again for every file that names the kader)."""

    map_: Path
    kaders: dict[str, Kader]
    vragenlijsten: list[tuple[Path, str]]
    teksten: list[tuple[Path, str]]
    kapot: set[str] = field(default_factory=set)


def _verwijst_naar(pad: Path, sleutel: str) -> object:
    """The value of a top-level key of a data file that may be broken (None if unreadable)."""
    try:
        data = lees_yaml(pad)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    return data.get(sleutel) if isinstance(data, dict) else None


def _kader_id_van_kapot_bestand(pad: Path) -> str | None:
    """The id a broken file seems to define as a kader, read line by line (its YAML may not
    parse): a `kader:` line and no `vragenlijst:` or `teksten:` line."""
    try:
        tekst = pad.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if re.search(r"(?m)^(vragenlijst|teksten):", tekst):
        return None
    gevonden = re.search(r"(?m)^kader:\s*[\"']?([a-z0-9][a-z0-9-]*)", tekst)
    return gevonden[1] if gevonden else None


def _sorteer(map_: Path, meldingen: list[str]) -> _Map:
    """Read a folder's files once: kaders are loaded, the others put aside by their kind."""
    inhoud = _Map(map_, {}, [], [])
    for pad, naam in yaml_bestanden(map_):
        try:
            soort = soort_van(pad, naam)
            if soort == "kader":
                kader = laad_kader_bestand(pad, naam)
                if kader.kader in inhoud.kaders:
                    meldingen.append(dubbel_kader(kader, inhoud.kaders[kader.kader]))
                else:
                    inhoud.kaders[kader.kader] = kader
            elif soort == "vragenlijst":
                inhoud.vragenlijsten.append((pad, naam))
            else:
                inhoud.teksten.append((pad, naam))
        except VragenlijstFout as fout:
            meldingen.extend(fout.meldingen)
            kapot_id = _kader_id_van_kapot_bestand(pad)  # read again only when it failed
            if kapot_id is not None:
                inhoud.kapot.add(kapot_id)
    return inhoud


def _teksten_kader(pad: Path, naam: str, kaders: dict[str, Kader]) -> str:
    """The kader a texts file belongs to (its `teksten:` key), which must be catalogued."""
    data = lees_yaml(pad)
    kader = data.get("teksten")
    if not isinstance(kader, str) or kader not in kaders:
        raise VragenlijstFout(
            [
                f"{naam}:{regel_van(data, ('teksten',))}: teksten: kader '{citeer(str(kader))}' "
                f"bestaat niet; kies uit {', '.join(sorted(kaders))}"
            ]
        )
    return kader


def laad_catalogus(mappen: Sequence[Path] | None = None) -> Catalogus:
    """Load and check every kader, vragenlijst and texts file of the folders (default: the
    user's, then the shipped); all problems of all files are reported."""
    meldingen: list[str] = []
    inhoud = [_sorteer(m, meldingen) for m in (kader_mappen() if mappen is None else mappen)]
    # The first folder that defines a kader owns it; its files count for that kader, and so do
    # files of folders searched before it (a user's extra vragenlijst for a shipped kader).
    kaders: dict[str, Kader] = {}
    eigenaar: dict[str, int] = {}
    for i, m in enumerate(inhoud):
        for naam, kader in m.kaders.items():
            if naam not in kaders:
                kaders[naam], eigenaar[naam] = kader, i
    meldingen.extend(x for k in kaders.values() for x in controleer_beleid(k, kaders))
    kapot = {k for m in inhoud for k in m.kapot} - set(kaders)
    vragenlijsten: dict[tuple[str, str], Vragenlijst] = {}
    bestanden: dict[tuple[str, str], Path] = {}
    bron: dict[tuple[str, str], tuple[int, str]] = {}
    for i, m in enumerate(inhoud):
        for pad, naam in m.vragenlijsten:
            if _verwijst_naar(pad, "kader") in kapot:
                continue
            try:
                vl = laad_vragenlijst_bestand(pad, kaders, naam)
            except VragenlijstFout as fout:
                meldingen.extend(fout.meldingen)
                continue
            sleutel = (vl.kader, vl.rol)
            if i > eigenaar[vl.kader]:
                continue  # its kader was replaced by one in a folder searched earlier
            if sleutel in bron:
                if bron[sleutel][0] == i:
                    data = lees_yaml(pad)
                    meldingen.append(
                        f"{naam}:{regel_van(data, ('vragenlijst',))}: vragenlijst '{vl.rol}' "
                        f"van kader {vl.kader} staat ook in {bron[sleutel][1]}; houd er één"
                    )
                continue  # the folder searched first wins
            vragenlijsten[sleutel], bestanden[sleutel], bron[sleutel] = vl, pad, (i, naam)
        for pad, naam in m.teksten:
            if _verwijst_naar(pad, "teksten") in kapot:
                continue
            try:
                kader_id = _teksten_kader(pad, naam, kaders)
            except VragenlijstFout as fout:
                meldingen.extend(fout.meldingen)
                continue
            if i <= eigenaar[kader_id] and (kader_id, "") not in bestanden:
                bestanden[(kader_id, "")] = pad
                kaders[kader_id].met_teksten(pad)
    meldingen.extend(
        m for k in kaders.values() for m in _controleer_beleid_vragen(k, vragenlijsten)
    )
    if meldingen:
        raise VragenlijstFout(meldingen)
    return Catalogus(kaders=kaders, vragenlijsten=vragenlijsten, bestanden=bestanden)


def _controleer_beleid_vragen(
    kader: Kader, vragenlijsten: dict[tuple[str, str], Vragenlijst]
) -> list[str]:
    """A theme's beleid_vragen are text questions of one of the kader's vragenlijsten."""
    tekstvragen = {
        i.id
        for (k, _), vl in vragenlijsten.items()
        if k == kader.kader
        for i in vl.items()
        if i.type == "tekst"
    }
    meldingen = []
    for t, thema in enumerate(kader.themas):
        for v, vraag in enumerate(thema.beleid_vragen):
            if vraag not in tekstvragen:
                data = lees_yaml(kader.pad)
                regel = regel_van(data, ("themas", t, "beleid_vragen", v))
                meldingen.append(
                    f"{kader.bestand}:{regel}: thema '{thema.naam}': beleid_vragen '{vraag}' is "
                    "geen tekstvraag in een vragenlijst van dit kader; gebruik het id van een "
                    "vraag met type: tekst"
                )
    return meldingen


def laad_kader(naam: str) -> Kader:
    """One catalogued kader by name, with its report texts (laad_kader("beleidsniveau"))."""
    return laad_catalogus().kader(naam)


def kaders_voor_bestand(pad: Path) -> dict[str, Kader]:
    """The kaders one vragenlijst file may refer to: the catalogued ones and the kader files
    beside it (or in a `kaders/` folder next to its own)."""
    kaders = dict(laad_catalogus().kaders)
    buren = [*sorted(pad.parent.glob("*.yaml")), *sorted(pad.parent.parent.glob("kaders/*.yaml"))]
    for buur in buren:
        try:
            if buur != pad and soort_van(buur) == "kader":
                kader = laad_kader_bestand(buur)
                kaders[kader.kader] = kader
        except VragenlijstFout:
            continue  # a broken neighbour is not the file being checked
    return kaders
