"""Load kaders and vragenlijsten from YAML and check every rule FORMAAT.md states.

All problems in a file are reported at once, each as
`bestand:regel: plek: wat is er mis; oplossing`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from vragenlijsten.controle import controleer_vragenlijst, met_nvt_knoppen
from vragenlijsten.meldingen import vertaal
from vragenlijsten.model import Kader, Vragenlijst
from vragenlijsten.yamlregels import RegelDict, laad_yaml, regel_van

PAKKET_MAP = Path(__file__).parent
KADER_MAP = PAKKET_MAP / "kaders"


class VragenlijstFout(Exception):
    """A kader or vragenlijst file breaks one or more rules; `meldingen` says where and how."""

    def __init__(self, meldingen: list[str]) -> None:
        super().__init__("\n".join(meldingen))
        self.meldingen = meldingen


def _lees(pad: Path) -> Any:
    """Read and parse a YAML file, turning syntax errors into a located message."""
    try:
        tekst = pad.read_text(encoding="utf-8")
    except OSError as fout:
        raise VragenlijstFout([f"{pad.name}: kan niet gelezen worden ({fout.strerror})"]) from fout
    except UnicodeDecodeError as fout:
        regel = pad.read_bytes()[: fout.start].count(b"\n") + 1
        raise VragenlijstFout(
            [f"{pad.name}:{regel}: het bestand is geen UTF-8-tekst; sla het op als UTF-8"]
        ) from fout
    try:
        data = laad_yaml(tekst)
    except yaml.MarkedYAMLError as fout:
        mark = fout.problem_mark or fout.context_mark
        regel = mark.line + 1 if mark else 1
        probleem = fout.problem or fout.context or "onleesbare YAML"
        raise VragenlijstFout(
            [
                f"{pad.name}:{regel}: YAML-fout: {probleem}; controleer inspringing, "
                "dubbele punten en aanhalingstekens op deze regel"
            ]
        ) from fout
    if not isinstance(data, RegelDict):
        raise VragenlijstFout(
            [
                f"{pad.name}:1: het bestand is leeg of geen blok met sleutels; "
                "begin met 'vragenlijst:' of 'kader:' (zie FORMAAT.md)"
            ]
        )
    return data


M = TypeVar("M", bound=BaseModel)


def _valideer(soort: type[M], data: Any, naam: str) -> M:
    """Validate data against a model; structural errors become located messages."""
    try:
        return soort.model_validate(data)
    except ValidationError as fout:
        raise VragenlijstFout(vertaal(fout, data, naam, soort)) from fout


def laad_kader_bestand(pad: Path) -> Kader:
    """Load one kader file and check what its schema cannot: unique ids, known roles, and a
    decision rule that names roles of the kader."""
    data = _lees(pad)
    kader = _valideer(Kader, data, pad.name)
    meldingen = _controleer_rollen(kader, data, pad.name)
    rollen = ", ".join(kader.rolnamen)
    gezien: set[str] = set()
    for t, thema in enumerate(kader.themas):
        for c, criterium in enumerate(thema.criteria):
            for i, indicator in enumerate(criterium.indicatoren):
                plek = ("themas", t, "criteria", c, "indicatoren", i)
                regel = regel_van(data, plek)
                if indicator.id in gezien:
                    meldingen.append(
                        f"{pad.name}:{regel}: indicator '{indicator.id}': id komt "
                        "twee keer voor; geef elke indicator een eigen id"
                    )
                gezien.add(indicator.id)
                for rol in indicator.rollen:
                    if kader.rol(rol) is None:
                        meldingen.append(
                            f"{pad.name}:{regel_van(data, (*plek, 'rollen'))}: indicator "
                            f"'{indicator.id}': rol '{rol}' bestaat niet; kies uit {rollen}"
                        )
                if indicator.beleid and kader.beleidskader is None:
                    meldingen.append(
                        f"{pad.name}:{regel_van(data, (*plek, 'beleid'))}: indicator "
                        f"'{indicator.id}': beleid verwijst naar een beleidskader, maar het kader "
                        "noemt er geen; zet 'beleidskader:' bovenaan of haal beleid weg"
                    )
    if meldingen:
        raise VragenlijstFout(meldingen)
    return kader


def _controleer_rollen(kader: Kader, data: Any, naam: str) -> list[str]:
    """Role names are unique, and the decision rule uses roles the kader has, each once."""
    meldingen: list[str] = []
    namen = kader.rolnamen
    for r, rol in enumerate(kader.rollen):
        if namen.index(rol.naam) != r:
            meldingen.append(
                f"{naam}:{regel_van(data, ('rollen', r))}: rol '{rol.naam}' komt twee keer voor; "
                "geef elke rol een eigen naam"
            )
    regel = kader.beslisregel
    kies = f"kies uit {', '.join(namen)}"
    if regel.hoofd not in namen:
        meldingen.append(
            f"{naam}:{regel_van(data, ('beslisregel', 'hoofd'))}: beslisregel: hoofd "
            f"'{regel.hoofd}' is geen rol van dit kader; {kies}"
        )
    gebruikt = {regel.hoofd}
    for w, weger in enumerate(regel.wegers):
        plek = f"{naam}:{regel_van(data, ('beslisregel', 'wegers', w))}: beslisregel: weger"
        if weger.rol not in namen:
            meldingen.append(f"{plek} '{weger.rol}' is geen rol van dit kader; {kies}")
        elif weger.rol in gebruikt:
            meldingen.append(
                f"{plek} '{weger.rol}' staat al in de beslisregel; noem elke rol één keer"
            )
        gebruikt.add(weger.rol)
    if regel.per_casus:
        meldingen.extend(
            f"{naam}:{regel_van(data, ('rollen', r))}: rol '{rol.naam}': de beslisregel werkt per "
            "casus, maar deze rol hoort niet bij een casus; zet 'casus: true'"
            for r, rol in enumerate(kader.rollen)
            if not rol.casus
        )
    return meldingen


def laad_kaders(kader_map: Path = KADER_MAP) -> dict[str, Kader]:
    """Every kader in a folder, by name; a kader's beleidskader must be one of them."""
    kaders: dict[str, Kader] = {}
    paden: dict[str, Path] = {}
    for pad in sorted(kader_map.glob("*.yaml")):
        kader = laad_kader_bestand(pad)
        kaders[kader.kader] = kader
        paden[kader.kader] = pad
    meldingen: list[str] = []
    for naam, kader in kaders.items():
        meldingen.extend(_controleer_beleid(kader, paden[naam], kaders))
    if meldingen:
        raise VragenlijstFout(meldingen)
    return kaders


def _controleer_beleid(kader: Kader, pad: Path, kaders: dict[str, Kader]) -> list[str]:
    """The beleidskader exists and every indicator's beleid names an indicator of it."""
    if kader.beleidskader is None:
        return []
    data = _lees(pad)
    doel = kaders.get(kader.beleidskader)
    if doel is None:
        return [
            f"{pad.name}:{regel_van(data, ('beleidskader',))}: beleidskader "
            f"'{kader.beleidskader}' bestaat niet; kies uit {', '.join(sorted(kaders))}"
        ]
    meldingen: list[str] = []
    for t, thema in enumerate(kader.themas):
        for c, criterium in enumerate(thema.criteria):
            for i, indicator in enumerate(criterium.indicatoren):
                plek = ("themas", t, "criteria", c, "indicatoren", i, "beleid")
                meldingen.extend(
                    f"{pad.name}:{regel_van(data, plek)}: indicator '{indicator.id}': beleid "
                    f"'{b}' bestaat niet in kader {doel.kader}; gebruik een indicator-id uit "
                    f"kaders/{doel.kader}.yaml"
                    for b in indicator.beleid
                    if doel.indicator(b) is None
                )
    return meldingen


def laad_kader(naam: str, kader_map: Path = KADER_MAP) -> Kader:
    """One kader by name, e.g. laad_kader("beleidsniveau")."""
    pad = kader_map / f"{naam}.yaml"
    if not pad.exists():
        bekend = ", ".join(sorted(p.stem for p in kader_map.glob("*.yaml")))
        raise VragenlijstFout([f"kader '{naam}' bestaat niet; kies uit {bekend}"])
    return laad_kader_bestand(pad)


def laad_vragenlijst_bestand(pad: Path, kaders: dict[str, Kader]) -> Vragenlijst:
    """Load one vragenlijst file and check it against its kader."""
    data = _lees(pad)
    vragenlijst = _valideer(Vragenlijst, data, pad.name)
    meldingen = controleer_vragenlijst(vragenlijst, data, pad.name, kaders)
    if meldingen:
        raise VragenlijstFout(meldingen)
    return met_nvt_knoppen(vragenlijst, kaders[vragenlijst.kader])
