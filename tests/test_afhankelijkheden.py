"""The lock files: every dependency of pyproject.toml pinned with hashes, within its range, the
two locks agreeing, and this virtualenv holding exactly the pinned versions (`make` installs
from the lock, so a new release next month cannot slip in)."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

MAP = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;\\]+)")


def _pins(bestand: str) -> dict[str, tuple[str, int]]:
    """Name → (version, number of hashes) of a pip-compile lock file."""
    pins: dict[str, tuple[str, int]] = {}
    naam = ""
    for regel in (MAP / bestand).read_text(encoding="utf-8").splitlines():
        if m := PIN.match(regel):
            naam = canonicalize_name(m[1])
            pins[naam] = (m[2], 0)
        elif "--hash=sha256:" in regel and naam:
            versie, hashes = pins[naam]
            pins[naam] = (versie, hashes + 1)
    return pins


def _eisen(extra: bool) -> list[Requirement]:
    project = tomllib.loads((MAP / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    eisen = list(project["dependencies"])
    if extra:
        eisen += project["optional-dependencies"]["test"]
    return [Requirement(e) for e in eisen]


def test_elke_afhankelijkheid_vastgepind_met_hashes_en_binnen_haar_bereik() -> None:
    for bestand, extra in (("requirements.lock", False), ("requirements-test.lock", True)):
        pins = _pins(bestand)
        assert pins and all(hashes > 0 for _, hashes in pins.values()), bestand
        for eis in _eisen(extra):
            naam = canonicalize_name(eis.name)
            assert naam in pins, f"{bestand}: {eis.name} ontbreekt; draai 'make lock'"
            assert eis.specifier.contains(pins[naam][0], prereleases=True), (
                f"{bestand}: {eis.name}=={pins[naam][0]} past niet bij '{eis}'; draai 'make lock'"
            )


def test_de_twee_lockbestanden_zijn_het_eens() -> None:
    looptijd, test = _pins("requirements.lock"), _pins("requirements-test.lock")
    assert {n: v for n, (v, _) in looptijd.items()} == {
        n: test[n][0] for n in looptijd if n in test
    }
    assert set(looptijd) <= set(test)


def test_de_virtualenv_heeft_precies_de_vastgepinde_versies() -> None:
    verschillen = []
    for naam, (versie, _) in _pins("requirements-test.lock").items():
        try:
            geinstalleerd = metadata.version(naam)
        except metadata.PackageNotFoundError:
            geinstalleerd = "niet geïnstalleerd"
        if geinstalleerd != versie:
            verschillen.append(f"{naam}: {geinstalleerd} in plaats van {versie}")
    assert not verschillen, "; ".join(verschillen) + " (draai 'make clean test')"
