"""axe-core for the browser tests: the npm package, installed once from the npm registry into
the virtualenv (no browser download; Playwright drives Debian's Chromium), and a check that
runs it on a page with the WCAG 2.1 A and AA rules."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

AXE_VERSIE = "4.14.1"
MAP = Path(sys.prefix) / "share" / f"axe-core-{AXE_VERSIE}"
BESTAND = MAP / "node_modules" / "axe-core" / "axe.min.js"
REGELS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _ontbreekt(melding: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(melding)
    pytest.skip(melding)


def axe_bron() -> str:
    """The source of axe.min.js (installed with npm on first use)."""
    if not BESTAND.exists():
        npm = shutil.which("npm")
        if npm is None:
            _ontbreekt("npm ontbreekt (Debian-pakket 'npm'); nodig om axe-core te installeren")
        assert npm is not None
        MAP.mkdir(parents=True, exist_ok=True)
        uit = subprocess.run(
            [npm, "install", "--prefix", str(MAP), "--no-save", "--no-package-lock",
             "--no-audit", "--no-fund", "--ignore-scripts", f"axe-core@{AXE_VERSIE}"],
            capture_output=True,
            text=True,
            timeout=300,
        )  # fmt: skip
        if uit.returncode != 0 or not BESTAND.exists():
            _ontbreekt(f"axe-core niet geïnstalleerd: {uit.stderr.strip()[-500:]}")
    return BESTAND.read_text(encoding="utf-8")


def schendingen(pagina: Any, bron: str) -> list[str]:
    """axe's WCAG 2.1 A/AA violations on the page now showing, one line each."""
    if not pagina.evaluate("typeof window.axe !== 'undefined'"):
        pagina.add_script_tag(content=bron)
    uitslag = pagina.evaluate(
        "regels => axe.run(document, {runOnly: {type: 'tag', values: regels}})", REGELS
    )
    regels = []
    for v in uitslag["violations"]:
        for knoop in v["nodes"]:
            samenvatting = " ".join(str(knoop.get("failureSummary", "")).split())
            regels.append(f"{v['id']} {knoop['target']}: {samenvatting[:300]}")
    return regels
