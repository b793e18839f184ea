"""Rendering edge cases (no answers, open respondents, vastgesteld), PDF, national overview."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import random
from typing import Any

import pytest

from beoordeling import (
    Override,
    compileer,
    factsheet,
    laad_beoordelingskader,
    naar_json,
    render_html,
    render_json,
    render_markdown,
    render_pdf,
)
from beoordeling.model import Beoordeling
from beoordeling.overzicht import (
    Uitkomst,
    landelijk_overzicht,
    overzicht_csv,
    overzicht_html,
    vergelijk,
)
from vragenlijsten.antwoorden import AntwoordenBestand

KADER = laad_beoordelingskader("beleidsniveau")
DAG = dt.date(2026, 6, 1)


def bestand(gemeente: str, respondenten: list[dict[str, Any]]) -> AntwoordenBestand:
    return AntwoordenBestand.model_validate(
        {
            "formaat": "stj-antwoorden/1",
            "onderzoek": {
                "gemeente": gemeente,
                "aanpak": "Sterke Gezinnen",
                "kader": "beleidsniveau",
            },
            "respondenten": respondenten,
        }
    )


def volledig(gemeente: str, zaad: int, status: str = "ingediend") -> AntwoordenBestand:
    """The gemeente and two partners answer every kernvraag at random (seeded)."""
    rng = random.Random(zaad)
    respondenten = []
    for rol, naam in (
        ("gemeente", f"Gemeente {gemeente}"),
        ("netwerkpartner", "GGZ"),
        ("netwerkpartner", "Politie"),
    ):
        antwoorden = {
            i.id: {"waarde": rng.choice(["ja", "ja", "deels", "nee", "weet_niet"])}
            for _, _, i in KADER.indicatoren()
            if rol in i.rollen
        }
        respondenten.append(
            {"rol": rol, "organisatie": naam, "status": status, "antwoorden": antwoorden}
        )
    return bestand(gemeente, respondenten)


def test_zonder_antwoorden_rendert_alles_zonder_fout() -> None:
    b = compileer(KADER, bestand("Leegstad", []))
    f = factsheet([b], DAG)
    html = render_html(f)
    assert html.count('data-oordeel="niet_beoordeeld"') == 30
    assert html.count('<span class="teken">–</span> niet beoordeeld') == 30
    assert "nog geen respondenten uitgenodigd" in html
    assert "geen gegevens over inwoners" in html
    assert "geen beschrijving van deze aanpak" in html
    md = render_markdown(f)
    assert md.count("| – niet beoordeeld |") == 30
    data = json.loads(render_json(b))
    assert {i["oordeel"] for i in data["indicatoren"]} == {"niet_beoordeeld"}
    assert all(c == {"gaat_goed": [], "kan_beter": []} for c in data["conclusie"].values())


def test_wie_nog_niet_indiende_staat_in_de_factsheet() -> None:
    a = bestand(
        "Voorbeeldstad",
        [
            {
                "rol": "gemeente",
                "organisatie": "Gemeente Voorbeeldstad",
                "antwoorden": {"tl-populatie": {"waarde": "ja"}},
            },
            {
                "rol": "netwerkpartner",
                "organisatie": "GGZ & Co <Noord>",
                "status": "bezig",
                "antwoorden": {"tl-omschrijving": {"waarde": "deels"}},
            },
        ],
    )
    html = render_html(factsheet([compileer(KADER, a)], DAG))
    assert "Nog niet ingediend:" in html
    assert "GGZ &amp; Co &lt;Noord&gt;" in html  # escaped, never raw
    assert "bezig,\n    1 van 24 kernvragen beantwoord" in html or "1 van 24 kernvragen" in html
    md = render_markdown(factsheet([compileer(KADER, a)], DAG))
    assert "**Nog niet ingediend:**" in md and "1 van 24 kernvragen beantwoord" in md


def test_vastgestelde_factsheet_toont_geen_grond_en_geen_conceptmelding() -> None:
    b = compileer(KADER, volledig("Vaststad", 1), status="vastgesteld")
    f = factsheet([b], DAG)
    assert f.status == "vastgesteld"
    html = render_html(f)
    assert "VASTGESTELD" in html and "CONCEPT" not in html and "Grond:" not in html
    gemengd = factsheet([b, compileer(KADER, volledig("Vaststad", 2))], DAG)
    assert gemengd.status == "concept"


def test_factsheet_is_per_gemeente() -> None:
    with pytest.raises(ValueError, match="één factsheet per gemeente"):
        factsheet([compileer(KADER, volledig("A", 1)), compileer(KADER, volledig("B", 1))], DAG)
    with pytest.raises(ValueError):
        factsheet([], DAG)


def test_markdown_tabelcellen_blijven_heel() -> None:
    a = bestand(
        "Pijpstad",
        [
            {
                "rol": "gemeente",
                "antwoorden": {"tl-populatie": {"waarde": "ja", "toelichting": "a | b\nc"}},
            }
        ],
    )
    md = render_markdown(factsheet([compileer(KADER, a)], DAG))
    regel = next(r for r in md.splitlines() if "zicht heeft op de populatie" in r)
    assert "a \\| b<br>c" in regel and regel.endswith(" |")


def test_json_override_velden() -> None:
    moment = dt.datetime(2026, 3, 12, 9, 30, tzinfo=dt.UTC)
    b = compileer(
        KADER,
        volledig("Jsonstad", 3),
        [Override("co-duur", "voldoet", None, "J. de Vries", moment)],
    )
    data = naar_json(b)
    duur = next(i for i in data["indicatoren"] if i["id"] == "co-duur")
    assert duur["aangepast_door_inspecteur"] is True
    assert duur["aanpassing"]["door"] == "J. de Vries"
    assert duur["aanpassing"]["wanneer"] == "2026-03-12T09:30:00+00:00"
    assert json.loads(render_json(b)) == data


def test_pdf() -> None:
    pytest.importorskip("weasyprint")
    html = render_html(factsheet([compileer(KADER, volledig("Pdfstad", 4))], DAG))
    pdf = render_pdf(html)
    assert pdf.startswith(b"%PDF")


def _reeks() -> list[Uitkomst]:
    eerder = compileer(KADER, volledig("Aa", 10))
    later = compileer(KADER, volledig("Aa", 11))
    return [
        Uitkomst(dt.date(2027, 1, 1), later),  # given out of order on purpose
        Uitkomst(dt.date(2025, 1, 1), eerder),
        Uitkomst(DAG, compileer(KADER, volledig("Bb", 12))),
        Uitkomst(DAG, compileer(KADER, volledig("Cc", 13))),
    ]


def test_landelijk_overzicht_matrix_en_aandelen() -> None:
    uitkomsten = _reeks()
    o = landelijk_overzicht(uitkomsten)
    assert [r.gemeente for r in o.rijen] == ["Aa", "Bb", "Cc"]
    assert o.rijen[0].datum == dt.date(2027, 1, 1)  # the latest onderzoek is the row
    assert len(o.kolommen) == 30 and all(len(r.oordelen) == 30 for r in o.rijen)
    laatste: list[Beoordeling] = [
        uitkomsten[0].beoordeling,
        uitkomsten[2].beoordeling,
        uitkomsten[3].beoordeling,
    ]
    for i, k in enumerate(o.kolommen):
        oordelen = [b.oordeel(k.id).oordeel for b in laatste]
        a = o.per_indicator[i]
        assert a.verbeterpunten == oordelen.count("verbeterpunt")
        assert a.beoordeeld == oordelen.count("verbeterpunt") + oordelen.count("voldoet")
    assert sum(a.verbeterpunten for a in o.per_thema) == sum(
        a.verbeterpunten for a in o.per_indicator
    )
    assert [a.naam for a in o.per_thema] == [t.naam for t in KADER.themas]


def test_landelijk_overzicht_wat_is_veranderd() -> None:
    uitkomsten = _reeks()
    o = landelijk_overzicht(uitkomsten)
    assert len(o.verloop) == 1
    v = o.verloop[0]
    assert (v.gemeente, v.van, v.tot) == ("Aa", dt.date(2025, 1, 1), dt.date(2027, 1, 1))
    assert v.wijzigingen == vergelijk(uitkomsten[1].beoordeling, uitkomsten[0].beoordeling)
    assert v.wijzigingen  # different seeds give different answers
    for w in v.wijzigingen:
        assert w.was == uitkomsten[1].beoordeling.oordeel(w.indicator_id).oordeel
        assert w.nu == uitkomsten[0].beoordeling.oordeel(w.indicator_id).oordeel != w.was


def test_landelijk_overzicht_als_csv_en_html() -> None:
    o = landelijk_overzicht(_reeks())
    rijen = list(csv.reader(io.StringIO(overzicht_csv(o))))
    assert rijen[0][:4] == ["gemeente", "aanpak", "datum", "tl-omschrijving"]
    assert len(rijen) == 4 and all(len(r) == 33 for r in rijen)
    assert set(c for r in rijen[1:] for c in r[3:]) <= {"✓", "✗", "–", "n.v.t."}
    html = overzicht_html(o, DAG)
    assert html.count("<svg") == 1
    assert html.count('<rect x="') == 3 * 30 + 5  # cells + one band per theme
    assert "Wat is er veranderd?" in html
    assert html.count("<tr data-indicator=") == 30


def test_overzicht_weigert_gemengde_kaders_en_lege_invoer() -> None:
    with pytest.raises(ValueError, match="minstens één"):
        landelijk_overzicht([])
    b = compileer(KADER, volledig("Aa", 1))
    ander = dataclasses.replace(b, kader="wijkteams")
    with pytest.raises(ValueError, match="één kader per overzicht"):
        landelijk_overzicht([Uitkomst(DAG, b), Uitkomst(DAG, ander)])
