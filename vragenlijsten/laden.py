"""Load kaders and vragenlijsten from YAML and check every rule FORMAAT.md states.

All problems in a file are reported at once, each as
`bestand:regel: plek: wat is er mis; oplossing`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from vragenlijsten.controle import controleer_vragenlijst, met_nvt_knoppen
from vragenlijsten.meldingen import vertaal
from vragenlijsten.model import Kader, Vragenlijst
from vragenlijsten.yamlregels import RegelDict, lees_yaml, regel_van

# The shipped kaders: one folder per kader with its kader file, vragenlijsten and report texts.
KADER_MAP = Path(__file__).parent / "kaders"
Soort = Literal["kader", "vragenlijst", "teksten"]


class VragenlijstFout(Exception):
    """A kader or vragenlijst file breaks one or more rules; `meldingen` says where and how."""

    def __init__(self, meldingen: list[str]) -> None:
        super().__init__("\n".join(meldingen))
        self.meldingen = meldingen


def _lees(pad: Path, naam: str | None = None) -> Any:
    """Read and parse a YAML file, turning syntax errors into a located message."""
    naam = naam or pad.name
    try:
        data = lees_yaml(pad)
    except OSError as fout:
        raise VragenlijstFout([f"{naam}: kan niet gelezen worden ({fout.strerror})"]) from fout
    except UnicodeDecodeError as fout:
        regel = pad.read_bytes()[: fout.start].count(b"\n") + 1
        raise VragenlijstFout(
            [f"{naam}:{regel}: het bestand is geen UTF-8-tekst; sla het op als UTF-8"]
        ) from fout
    except yaml.MarkedYAMLError as fout:
        mark = fout.problem_mark or fout.context_mark
        regel = mark.line + 1 if mark else 1
        probleem = fout.problem or fout.context or "onleesbare YAML"
        raise VragenlijstFout(
            [
                f"{naam}:{regel}: YAML-fout: {probleem}; controleer inspringing, "
                "dubbele punten en aanhalingstekens op deze regel"
            ]
        ) from fout
    if not isinstance(data, RegelDict):
        raise VragenlijstFout(
            [
                f"{naam}:1: het bestand is leeg of geen blok met sleutels; "
                "begin met 'kader:', 'vragenlijst:' of 'teksten:' (zie FORMAAT.md)"
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


def soort_van(pad: Path, naam: str | None = None) -> Soort:
    """What a data file holds, by its first key: a kader, a vragenlijst or a kader's report
    texts. A kader's files may sit in any folder layout, so the content decides, not the path."""
    data = _lees(pad, naam)
    # A vragenlijst and a texts file name their kader too, so they are recognised first.
    for soort in ("vragenlijst", "teksten", "kader"):
        if soort in data:
            return soort
    raise VragenlijstFout(
        [
            f"{naam or pad.name}:{data.regel}: onbekend soort bestand; begin met 'kader:' "
            "(een toetsingskader), 'vragenlijst:' (een vragenlijst) of 'teksten:' "
            "(standaardteksten van een rapport), zie FORMAAT.md"
        ]
    )


def laad_kader_bestand(pad: Path, naam: str | None = None) -> Kader:
    """Load one kader file and check what its schema cannot: unique ids, known roles, and a
    decision rule that names roles of the kader. `naam`: how messages name the file."""
    naam = naam or pad.name
    data = _lees(pad, naam)
    kader = _valideer(Kader, data, naam)
    kader.herkomst(pad, naam)
    meldingen = _controleer_rollen(kader, data, naam)
    meldingen.extend(_controleer_rapport(kader, data, naam))
    rollen = ", ".join(kader.rolnamen)
    gezien: set[str] = set()
    for t, thema in enumerate(kader.themas):
        for c, criterium in enumerate(thema.criteria):
            for i, indicator in enumerate(criterium.indicatoren):
                plek = ("themas", t, "criteria", c, "indicatoren", i)
                regel = regel_van(data, plek)
                if indicator.id in gezien:
                    meldingen.append(
                        f"{naam}:{regel}: indicator '{indicator.id}': id komt "
                        "twee keer voor; geef elke indicator een eigen id"
                    )
                gezien.add(indicator.id)
                for rol in indicator.rollen:
                    if kader.rol(rol) is None:
                        meldingen.append(
                            f"{naam}:{regel_van(data, (*plek, 'rollen'))}: indicator "
                            f"'{indicator.id}': rol '{rol}' bestaat niet; kies uit {rollen}"
                        )
                if indicator.beleid and kader.beleidskader is None:
                    meldingen.append(
                        f"{naam}:{regel_van(data, (*plek, 'beleid'))}: indicator "
                        f"'{indicator.id}': beleid verwijst naar een beleidskader, maar het kader "
                        "noemt er geen; zet 'beleidskader:' bovenaan of haal beleid weg"
                    )
    meldingen.extend(_controleer_verwant(kader, data, naam))
    if meldingen:
        raise VragenlijstFout(meldingen)
    return kader


def _controleer_verwant(kader: Kader, data: Any, naam: str) -> list[str]:
    """`verwant` names other indicators of the same theme."""
    meldingen = []
    for t, thema in enumerate(kader.themas):
        eigen = {i.id for c in thema.criteria for i in c.indicatoren}
        for c, criterium in enumerate(thema.criteria):
            for i, indicator in enumerate(criterium.indicatoren):
                plek = ("themas", t, "criteria", c, "indicatoren", i, "verwant")
                for v in indicator.verwant:
                    if v == indicator.id or v not in eigen:
                        meldingen.append(
                            f"{naam}:{regel_van(data, plek)}: indicator '{indicator.id}': "
                            f"verwant '{v}' is geen andere indicator van thema '{thema.naam}'; "
                            f"kies uit {', '.join(sorted(eigen - {indicator.id}))}"
                        )
    return meldingen


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
    if regel.bronnen.dossier != "geen" and not any(rol.casus for rol in kader.rollen):
        meldingen.append(
            f"{naam}:{regel_van(data, ('beslisregel', 'bronnen', 'dossier'))}: beslisregel: "
            "dossierbevindingen horen bij een casus, maar geen rol van dit kader heeft 'casus: "
            "true'; zet dossier op geen of geef een rol 'casus: true'"
        )
    if regel.per_casus:
        meldingen.extend(
            f"{naam}:{regel_van(data, ('rollen', r))}: rol '{rol.naam}': de beslisregel werkt per "
            "casus, maar deze rol hoort niet bij een casus; zet 'casus: true'"
            for r, rol in enumerate(kader.rollen)
            if not rol.casus
        )
    return meldingen


def _controleer_rapport(kader: Kader, data: Any, naam: str) -> list[str]:
    """A themarapport describes every theme's expectation (its "Verwachting" section)."""
    if kader.rapport != "themarapport":
        return []
    return [
        f"{naam}:{regel_van(data, ('themas', t))}: thema '{thema.naam}': het rapport is een "
        "themarapport, maar 'verwachting' ontbreekt; schrijf in een paar zinnen wat de inspecties "
        "bij dit thema verwachten"
        for t, thema in enumerate(kader.themas)
        if not (thema.verwachting or "").strip()
    ]


def yaml_bestanden(map_: Path) -> list[tuple[Path, str]]:
    """Every YAML file below a folder, at any depth, with how messages name it (its path
    relative to the folder)."""
    return [(p, p.relative_to(map_).as_posix()) for p in sorted(map_.rglob("*.yaml"))]


def laad_kaders(kader_map: Path = KADER_MAP) -> dict[str, Kader]:
    """Every kader file below a folder, by kader id (other data files are skipped); a kader's
    beleidskader must be one of them."""
    kaders: dict[str, Kader] = {}
    meldingen: list[str] = []
    for pad, naam in yaml_bestanden(kader_map):
        try:
            if soort_van(pad, naam) != "kader":
                continue
            kader = laad_kader_bestand(pad, naam)
        except VragenlijstFout as fout:
            meldingen.extend(fout.meldingen)
            continue
        if kader.kader in kaders:
            meldingen.append(dubbel_kader(kader, kaders[kader.kader]))
            continue
        kaders[kader.kader] = kader
    if meldingen:
        raise VragenlijstFout(meldingen)
    meldingen.extend(m for kader in kaders.values() for m in controleer_beleid(kader, kaders))
    if meldingen:
        raise VragenlijstFout(meldingen)
    return kaders


def dubbel_kader(kader: Kader, eerder: Kader) -> str:
    """Two kader files in one folder with the same id."""
    data = _lees(kader.pad, kader.bestand)
    return (
        f"{kader.bestand}:{regel_van(data, ('kader',))}: kader '{kader.kader}' staat ook in "
        f"{eerder.bestand}; geef elk kader een eigen id achter 'kader:'"
    )


def controleer_beleid(kader: Kader, kaders: dict[str, Kader]) -> list[str]:
    """The beleidskader exists and every indicator's beleid names an indicator of it."""
    if kader.beleidskader is None:
        return []
    data = _lees(kader.pad, kader.bestand)
    naam = kader.bestand
    doel = kaders.get(kader.beleidskader)
    if doel is None:
        return [
            f"{naam}:{regel_van(data, ('beleidskader',))}: beleidskader "
            f"'{kader.beleidskader}' bestaat niet; kies uit {', '.join(sorted(kaders))}"
        ]
    meldingen: list[str] = []
    for t, thema in enumerate(kader.themas):
        for c, criterium in enumerate(thema.criteria):
            for i, indicator in enumerate(criterium.indicatoren):
                plek = ("themas", t, "criteria", c, "indicatoren", i, "beleid")
                meldingen.extend(
                    f"{naam}:{regel_van(data, plek)}: indicator '{indicator.id}': beleid "
                    f"'{b}' bestaat niet in kader {doel.kader}; gebruik een indicator-id uit "
                    f"{doel.bestand}"
                    for b in indicator.beleid
                    if doel.indicator(b) is None
                )
    return meldingen


def laad_vragenlijst_bestand(
    pad: Path, kaders: dict[str, Kader], naam: str | None = None
) -> Vragenlijst:
    """Load one vragenlijst file and check it against its kader."""
    naam = naam or pad.name
    data = _lees(pad, naam)
    vragenlijst = _valideer(Vragenlijst, data, naam)
    meldingen = controleer_vragenlijst(vragenlijst, data, naam, kaders)
    if meldingen:
        raise VragenlijstFout(meldingen)
    return met_nvt_knoppen(vragenlijst, kaders[vragenlijst.kader])
