"""Load kaders and vragenlijsten from YAML and check every rule FORMAAT.md states.

All problems in a file are reported at once, each as
`bestand:regel: plek: wat is er mis; oplossing`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from vragenlijsten.meldingen import vertaal
from vragenlijsten.model import (
    Kader,
    KernvraagItem,
    KeuzeItem,
    MeerkeuzeItem,
    Vragenlijst,
    mogelijke_waarden,
)
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
    """Load one kader file and check that its indicator ids are unique and roles known."""
    data = _lees(pad)
    kader = _valideer(Kader, data, pad.name)
    meldingen: list[str] = []
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
                    if rol not in kader.rollen:
                        meldingen.append(
                            f"{pad.name}:{regel_van(data, (*plek, 'rollen'))}: indicator "
                            f"'{indicator.id}': rol '{rol}' bestaat niet; kies uit "
                            f"{', '.join(kader.rollen)}"
                        )
    if meldingen:
        raise VragenlijstFout(meldingen)
    return kader


def laad_kaders(kader_map: Path = KADER_MAP) -> dict[str, Kader]:
    """Every kader in a folder, by name."""
    kaders = {}
    for pad in sorted(kader_map.glob("*.yaml")):
        kader = laad_kader_bestand(pad)
        kaders[kader.kader] = kader
    return kaders


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
    meldingen = _controleer(vragenlijst, data, pad.name, kaders)
    if meldingen:
        raise VragenlijstFout(meldingen)
    return vragenlijst


def _controleer(vl: Vragenlijst, data: Any, naam: str, kaders: dict[str, Kader]) -> list[str]:
    """The rules a schema cannot express: ids, indicators, conditions, options."""
    kader = kaders.get(vl.kader)
    if kader is None:
        return [
            f"{naam}:{regel_van(data, ('kader',))}: kader '{vl.kader}' bestaat niet; "
            f"kies uit {', '.join(sorted(kaders))}"
        ]
    if vl.rol not in kader.rollen:
        return [
            f"{naam}:{regel_van(data, ('vragenlijst',))}: rol '{vl.rol}' hoort niet bij kader "
            f"'{kader.kader}'; kies uit {', '.join(kader.rollen)}"
        ]
    meldingen: list[str] = []
    eerder: dict[str, int] = {}  # item id -> position, for "earlier item" checks
    regels: dict[str, int] = {}
    positie = 0
    for s, sectie in enumerate(vl.secties):
        if not sectie.items:
            meldingen.append(
                f"{naam}:{regel_van(data, ('secties', s))}: sectie '{sectie.titel}': "
                "heeft geen vragen; voeg vragen toe of haal de sectie weg"
            )
        for i, item in enumerate(sectie.items):
            plek = ("secties", s, "items", i)
            regel = regel_van(data, plek)

            def meld(
                tekst: str,
                *sub: Any,
                _regel: int = regel,
                _plek: tuple[Any, ...] = plek,
                _id: str = item.id,
            ) -> None:
                r = regel_van(data, (*_plek, *sub)) if sub else _regel
                meldingen.append(f"{naam}:{r}: vraag '{_id}': {tekst}")

            if item.id in regels:
                meld(
                    f"id komt twee keer voor (ook op regel {regels[item.id]}); "
                    "geef elke vraag een eigen id",
                    "id",
                )
            regels.setdefault(item.id, regel)
            if isinstance(item, KernvraagItem):
                indicator = kader.indicator(item.id)
                if indicator is None:
                    meld(
                        f"indicator '{item.id}' bestaat niet in kader {kader.kader}; gebruik een "
                        f"indicator-id uit kaders/{kader.kader}.yaml of type 'schaal'",
                        "id",
                    )
                elif vl.rol not in indicator.rollen:
                    meld(
                        f"indicator '{item.id}' wordt in kader {kader.kader} niet aan rol "
                        f"{vl.rol} gevraagd; haal deze kernvraag weg of gebruik type 'schaal'",
                        "id",
                    )
                elif item.document_vraag is not None and not indicator.vastlegging:
                    meld(
                        "document_vraag mag alleen bij een indicator met vastlegging; "
                        "haal document_vraag weg",
                        "document_vraag",
                    )
            if isinstance(item, KeuzeItem | MeerkeuzeItem):
                if len(item.opties) < 2:
                    meld(
                        "opties is leeg of heeft maar één optie; geef minstens twee opties",
                        "opties",
                    )
                codes = [o.waarde for o in item.opties]
                for dubbel in sorted({c for c in codes if codes.count(c) > 1}):
                    meld(
                        f"optie '{dubbel}' komt twee keer voor; geef elke optie een eigen waarde",
                        "opties",
                    )
            if item.type == "getal" and item.min > item.max:
                meld(f"min ({item.min}) is groter dan max ({item.max}); draai ze om", "min")
            if item.toon_als is not None:
                meldingen.extend(
                    _controleer_voorwaarde(
                        vl,
                        item.id,
                        item.toon_als.item,
                        item.toon_als.waarden(),
                        eerder,
                        naam,
                        regel_van(data, (*plek, "toon_als")),
                    )
                )
            eerder[item.id] = positie
            positie += 1
    meldingen.extend(_ontbrekende_kernvragen(vl, kader, data, naam))
    return meldingen


def _controleer_voorwaarde(
    vl: Vragenlijst,
    item_id: str,
    doel: str,
    waarden: list[str],
    eerder: dict[str, int],
    naam: str,
    regel: int,
) -> list[str]:
    """A condition must name an earlier choice item and values it can have."""
    kop = f"{naam}:{regel}: vraag '{item_id}': "
    doel_item = vl.item(doel)
    if doel_item is None:
        return [
            kop + f"toon_als verwijst naar onbekende vraag '{doel}'; verwijs naar een eerdere vraag"
        ]
    if doel not in eerder:
        return [
            kop + f"toon_als verwijst naar vraag '{doel}', die niet eerder komt; "
            f"zet '{doel}' vóór '{item_id}' of verwijs naar een eerdere vraag"
        ]
    mogelijk = mogelijke_waarden(doel_item)
    if mogelijk is None:
        return [
            kop + f"toon_als kan niet afhangen van vraag '{doel}' (type {doel_item.type}); "
            "verwijs naar een vraag van type kernvraag, schaal, keuze of meerkeuze"
        ]
    return [
        kop + f"optie '{w}' bestaat niet; kies uit {', '.join(mogelijk)}"
        for w in waarden
        if w not in mogelijk
    ]


def _ontbrekende_kernvragen(vl: Vragenlijst, kader: Kader, data: Any, naam: str) -> list[str]:
    """Every indicator the role is asked about needs its kernvraag."""
    aanwezig = {i.id for i in vl.items() if isinstance(i, KernvraagItem)}
    regel = regel_van(data, ("secties",))
    return [
        f"{naam}:{regel}: kernvraag voor indicator '{ind.id}' ontbreekt; voeg een vraag toe met "
        f"id: {ind.id} en type: kernvraag (thema {thema.naam})"
        for thema, _, ind in kader.indicatoren()
        if vl.rol in ind.rollen and ind.id not in aanwezig
    ]
