"""Benchmark of the assessment compiler: 34 and 340 synthetic gemeenten, seeded, full answers.

Run: .venv/bin/python bench/beoordeling.py [--pdf]
Times compiling every assessment, rendering every factsheet to HTML, and building the national
overview (HTML with SVG heat map, and CSV). With --pdf also one factsheet to PDF (WeasyPrint).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

# This script is called beoordeling.py, so its own folder (sys.path[0]) would shadow the package
# of that name; the repository root goes first.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from beoordeling import compileer, factsheet, laad_beoordelingskader, render_html
from beoordeling.formaat import render_json
from beoordeling.model import Beoordeling
from beoordeling.overzicht import (
    Uitkomst,
    landelijk_overzicht,
    overzicht_csv,
    overzicht_html,
)
from beoordeling.weergave import render_markdown, render_pdf
from vragenlijsten.antwoorden import AntwoordenBestand
from vragenlijsten.model import Kader

T = TypeVar("T")
WAARDEN = ("ja", "deels", "nee", "weet_niet")
GEWICHTEN = (0.6, 0.2, 0.12, 0.08)
TOELICHTINGEN = (
    "Dit is afgesproken in het regionale overleg.",
    "In de praktijk gaat dit nog niet altijd goed.",
    "Wordt per gezin bekeken.",
    "Staat in het werkplan van dit jaar.",
)


def _antwoord(rng: random.Random, vastlegging: bool) -> dict[str, Any]:
    waarde = rng.choices(WAARDEN, GEWICHTEN)[0]
    antwoord: dict[str, Any] = {"waarde": waarde}
    if rng.random() < 0.35:
        antwoord["toelichting"] = rng.choice(TOELICHTINGEN)
    if vastlegging and waarde == "ja" and rng.random() < 0.5:
        antwoord["document"] = f"Beleidsnotitie {rng.randint(2010, 2024)}"
    return antwoord


def synthetisch(kader: Kader, rng: random.Random, gemeente: str) -> AntwoordenBestand:
    """A complete stj-antwoorden/1 file: the gemeente and three partners answered everything."""
    respondenten: list[dict[str, Any]] = []
    for rol, organisatie in (
        ("gemeente", f"Gemeente {gemeente}"),
        ("netwerkpartner", "Jeugdzorg Regio"),
        ("netwerkpartner", "GGZ Regio"),
        ("netwerkpartner", "Politie"),
    ):
        antwoorden = {
            i.id: _antwoord(rng, i.vastlegging)
            for _, _, i in kader.indicatoren()
            if rol in i.rollen
        }
        if rol == "gemeente":
            antwoorden |= {
                "inwoners": {"waarde": rng.randint(1_000, 900_000)},
                "huishoudens-met-kinderen": {"waarde": rng.randint(300, 120_000)},
                "ggsr-gezinnen": {"waarde": rng.randint(5, 900)},
                "aanpak-naam": {"waarde": "Sterke Gezinnen"},
                "aanpak-beschrijving": {"waarde": "Een gezinsaanpak met één regisseur. " * 8},
                "aanpak-start": {"waarde": "2024-01-15"},
                "aanpak-gezinnen": {"waarde": rng.randint(5, 200)},
                "netwerkpartners": {"waarde": "Jeugdzorg Regio\nGGZ Regio\nPolitie"},
            }
        respondenten.append(
            {
                "rol": rol,
                "organisatie": organisatie,
                "status": "ingediend",
                "antwoorden": antwoorden,
            }
        )
    return AntwoordenBestand.model_validate(
        {
            "formaat": "stj-antwoorden/1",
            "onderzoek": {"gemeente": gemeente, "aanpak": "Sterke Gezinnen", "kader": kader.kader},
            "respondenten": respondenten,
        }
    )


def _tijd(stap: Callable[[], T]) -> tuple[T, float]:
    begin = time.perf_counter()
    uitkomst = stap()
    return uitkomst, time.perf_counter() - begin


def meet(kader: Kader, aantal: int, pdf: bool) -> None:
    """Time one run over `aantal` gemeenten and print the numbers."""
    rng = random.Random(20260101 + aantal)
    bestanden = [synthetisch(kader, rng, f"Gemeente-{n:03d}") for n in range(aantal)]
    # A tenth of the gemeenten was assessed a year earlier too, for the "what changed" part.
    eerder = [synthetisch(kader, rng, f"Gemeente-{n:03d}") for n in range(0, aantal, 10)]
    vandaag = dt.date(2026, 6, 1)

    def alles_compileren() -> list[Beoordeling]:
        return [compileer(kader, b) for b in bestanden]

    beoordelingen, t_compileer = _tijd(alles_compileren)
    vorige = [compileer(kader, b) for b in eerder]
    htmls, t_html = _tijd(lambda: [render_html(factsheet([b], vandaag)) for b in beoordelingen])
    mds, t_md = _tijd(lambda: [render_markdown(factsheet([b], vandaag)) for b in beoordelingen])
    _, t_json = _tijd(lambda: [render_json(b) for b in beoordelingen])
    uitkomsten = [Uitkomst(vandaag, b) for b in beoordelingen]
    uitkomsten += [Uitkomst(vandaag.replace(year=2025), b) for b in vorige]

    def overzicht_maken() -> tuple[str, str]:
        o = landelijk_overzicht(uitkomsten)
        return overzicht_html(o, vandaag), overzicht_csv(o)

    (o_html, o_csv), t_overzicht = _tijd(overzicht_maken)
    mb = sum(len(h) for h in htmls) / 1e6
    per_stuk = f"{t_compileer / aantal * 1000:.2f} ms/gemeente"
    print(f"\n{aantal} gemeenten × 4 respondenten ({mb:.1f} MB HTML)")
    print(f"  compileren            {t_compileer * 1000:8.0f} ms  ({per_stuk})")
    print(
        f"  factsheets → HTML     {t_html * 1000:8.0f} ms  ({t_html / aantal * 1000:.2f} ms/stuk)"
    )
    print(f"  factsheets → Markdown {t_md * 1000:8.0f} ms")
    print(f"  beoordelingen → JSON  {t_json * 1000:8.0f} ms")
    grootte = f"HTML {len(o_html) / 1e6:.2f} MB, CSV {len(o_csv) / 1e3:.0f} kB"
    print(f"  landelijk overzicht   {t_overzicht * 1000:8.0f} ms  ({grootte})")
    totaal = t_compileer + t_html + t_overzicht
    print(f"  totaal (compileren + HTML + overzicht): {totaal:.2f} s")
    if pdf:
        _, t_pdf = _tijd(lambda: render_pdf(htmls[0]))
        print(f"  één factsheet → PDF   {t_pdf * 1000:8.0f} ms")
    assert len(mds) == aantal


def main() -> None:
    """Run the benchmark for 34 and 340 gemeenten."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pdf", action="store_true", help="ook één factsheet als PDF (WeasyPrint)")
    args = parser.parse_args()
    kader = laad_beoordelingskader("beleidsniveau")
    compileer(kader, synthetisch(kader, random.Random(0), "Opwarmen"))  # load templates and texts
    render_html(
        factsheet([compileer(kader, synthetisch(kader, random.Random(0), "X"))], dt.date.today())
    )
    for aantal in (34, 340):
        meet(kader, aantal, args.pdf)


if __name__ == "__main__":
    main()
