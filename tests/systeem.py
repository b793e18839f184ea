"""The Debian packages of `.ci/debian-pakketten`: which are missing, installing them when root,
and the line that says what to install otherwise. Standard library only: `make` runs this with
the system's Python before the virtualenv exists.

    python3 -m tests.systeem make          # what creating .venv needs (python3-venv)
    python3 -m tests.systeem test          # everything the tests need
    python3 -m tests.systeem test --streng # CI: a missing package that cannot be installed fails
"""

from __future__ import annotations

import ctypes
import glob
import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

LIJST = Path(__file__).resolve().parents[1] / ".ci" / "debian-pakketten"


@dataclass(frozen=True)
class Pakket:
    naam: str
    voor: str  # what needs it: "make", "postgresql", "pdf", "pdftotext", "browser"
    controles: tuple[str, ...]  # any one of these passing means it is installed


def pakketten(lijst: Path = LIJST) -> list[Pakket]:
    """The packages of the list, in its order."""
    uit = []
    for regel in lijst.read_text(encoding="utf-8").splitlines():
        regel = regel.split("#", 1)[0].strip()
        if regel:
            naam, voor, controle = regel.split()
            uit.append(Pakket(naam, voor, tuple(controle.split("|"))))
    return uit


def _geslaagd(controle: str) -> bool:
    soort, _, wat = controle.partition(":")
    if soort == "opdracht":
        return shutil.which(wat) is not None
    if soort == "bestand":
        return any(os.path.isfile(p) for p in glob.glob(wat))
    if soort == "bibliotheek":
        try:
            ctypes.CDLL(wat)
        except OSError:
            return False
        return True
    if soort == "python":
        return importlib.util.find_spec(wat) is not None
    raise ValueError(f"{LIJST.name}: onbekende controle '{controle}'")


def is_geinstalleerd(pakket: Pakket) -> bool:
    """Whether what the package provides is there (not how it got there)."""
    return any(_geslaagd(c) for c in pakket.controles)


def ontbrekend(voor: Iterable[str] | None = None) -> list[Pakket]:
    """The packages of the list that are missing, for these needs (all when None)."""
    nodig = None if voor is None else set(voor)
    return [
        p for p in pakketten() if (nodig is None or p.voor in nodig) and not is_geinstalleerd(p)
    ]


def installeer_regel(namen: Iterable[str]) -> str:
    """The command a person runs to install these packages."""
    return f"sudo apt-get install {' '.join(namen)}"


def _installeer(namen: list[str]) -> bool:
    """apt-get install as root; False when that is not possible here."""
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        return False
    print(f"installeren uit Debian: {' '.join(namen)}", flush=True)
    omgeving = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for opdracht in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", *namen]):
        if subprocess.run(opdracht, stdout=subprocess.DEVNULL, env=omgeving).returncode != 0:
            return False
    return True


def main(args: list[str]) -> int:
    """Check the packages for the needs named ("make" or "test"), install what is missing when
    root; otherwise say what to install (and fail with --streng)."""
    streng = "--streng" in args
    doel = next((a for a in args if not a.startswith("--")), "test")
    voor = {"make"} if doel == "make" else None
    missen = ontbrekend(voor)
    if missen and _installeer([p.naam for p in missen]):
        missen = ontbrekend(voor)
    if not missen:
        return 0
    namen = [p.naam for p in missen]
    if doel == "make" or streng:
        print(f"fout: Debian-pakketten ontbreken: {' '.join(namen)}; installeer ze met: "
              f"{installeer_regel(namen)}", file=sys.stderr)  # fmt: skip
        return 1
    print(
        f"let op: Debian-pakketten ontbreken: {' '.join(namen)}; de tests die ze nodig hebben "
        f"worden overgeslagen. Installeer ze met: {installeer_regel(namen)}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
