"""Rendering edge cases (no answers, open respondents, vastgesteld), PDF, national overview."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import random
import re
from pathlib import Path
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
    KAART_BREEDTE,
    PER_DRUKTABEL,
    ThemaBand,
    Uitkomst,
    drukdelen,
    kaart,
    landelijk_overzicht,
    overzicht_csv,
    overzicht_html,
    thema_banden,
    vergelijk,
)
from beoordeling.weergave import SYMBOOL
from vragenlijsten.antwoorden import AntwoordenBestand
from vragenlijsten.model import Kader

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
    assert html.count('data-label="Oordeel"><span class="teken">–</span> niet beoordeeld') == 30
    assert "nog geen respondenten uitgenodigd" in html
    # Context and Beschrijving are the inspector's chapters: without any answer there is no
    # draft, and the concept says what to write.
    assert "Nog te schrijven</strong> (hoofdstuk ‘context’)" in html
    assert "Nog te schrijven</strong> (hoofdstuk ‘beschrijving’)" in html
    md = render_markdown(f)
    assert md.count("| – niet beoordeeld |") == 30
    data = json.loads(render_json(b))
    assert {i["oordeel"] for i in data["indicatoren"]} == {"niet_beoordeeld"}
    assert all(
        c == {"gaat_goed": [], "kan_beter": [], "zinnen": []} for c in data["conclusie"].values()
    )


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
    assert "CONCEPT" not in html and "Grond:" not in html and "Concept" not in html
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
    # The gemeente's own toelichting is part of the finding (it is the audited party).
    md = render_markdown(factsheet([compileer(KADER, a)], DAG))
    regel = next(r for r in md.splitlines() if "zicht heeft op de populatie" in r)
    assert "De gemeente licht toe: “a \\| b<br>c”" in regel and regel.endswith(" |")


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


@pytest.mark.debian("pdf")
def test_pdf() -> None:
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


def test_landelijk_overzicht_volgt_de_koppeling_tussen_rondes() -> None:
    """Linked rounds are one row however the aanpak was renamed; unlinked ones with the same
    names are another row (they are no follow-up of it)."""
    eerder = compileer(KADER, volledig("Aa", 10))
    later = dataclasses.replace(compileer(KADER, volledig("Aa", 11)), aanpak="Nieuwe naam")
    los = compileer(KADER, volledig("Aa", 12))
    o = landelijk_overzicht(
        [
            Uitkomst(dt.date(2025, 1, 1), eerder, reeks=1),
            Uitkomst(dt.date(2026, 1, 1), later, reeks=1),
            Uitkomst(dt.date(2026, 2, 1), los),
        ]
    )
    assert {(r.aanpak, r.datum) for r in o.rijen} == {
        (eerder.aanpak, dt.date(2026, 2, 1)),
        ("Nieuwe naam", dt.date(2026, 1, 1)),
    }
    assert [(v.aanpak, v.van, v.tot) for v in o.verloop] == [
        ("Nieuwe naam", dt.date(2025, 1, 1), dt.date(2026, 1, 1))
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
    assert rijen[0][:5] == ["gemeente", "aanpak", "datum", "status", "tl-omschrijving"]
    assert len(rijen) == 4 and all(len(r) == 34 for r in rijen)
    assert set(c for r in rijen[1:] for c in r[4:]) <= {"✓", "✗", "–", "n.v.t."}
    html = overzicht_html(o, DAG)
    assert html.count("<svg") == 1
    assert html.count('<g class="cel o-') == 3 * 30  # one heat map cell per verdict
    assert html.count('<g class="band">') == 5
    assert "Wat is er veranderd?" in html
    assert html.count("<tr data-indicator=") == 30


def test_overzicht_onderscheidt_concept_van_vastgesteld() -> None:
    vast = compileer(KADER, volledig("Bb", 12), status="vastgesteld")
    o = landelijk_overzicht(
        [Uitkomst(DAG, vast), Uitkomst(DAG, compileer(KADER, volledig("Cc", 13)))]
    )
    assert [(r.gemeente, r.status) for r in o.rijen] == [("Bb", "vastgesteld"), ("Cc", "concept")]
    rijen = list(csv.reader(io.StringIO(overzicht_csv(o))))
    assert [(r[0], r[3]) for r in rijen[1:]] == [("Bb", "vastgesteld"), ("Cc", "concept")]
    html = overzicht_html(o, DAG)
    assert "1 van de 2 aanpakken is nog niet vastgesteld" in html
    # Every place a row is named marks the concept, and only the concept.
    assert (
        html.count("Cc · Sterke Gezinnen (concept)") >= 3
        and "Bb · Sterke Gezinnen (concept)" not in html
    )
    kaartjes = html.split('<article class="kaartje"')[1:]
    assert ["nog niet vastgesteld" in k.split("</h3>")[0] for k in kaartjes] == [False, True]
    # All vastgesteld: no warning at all.
    alleen = overzicht_html(landelijk_overzicht([Uitkomst(DAG, vast)]), DAG)
    assert "nog niet vastgesteld" not in alleen and "(concept)" not in alleen


def test_overzicht_weigert_gemengde_kaders_en_lege_invoer() -> None:
    with pytest.raises(ValueError, match="minstens één"):
        landelijk_overzicht([])
    b = compileer(KADER, volledig("Aa", 1))
    ander = dataclasses.replace(b, kader="wijkteams")
    with pytest.raises(ValueError, match="één kader per overzicht"):
        landelijk_overzicht([Uitkomst(DAG, b), Uitkomst(DAG, ander)])


def _deel(html: str, begin: str, einde: str) -> str:
    """The part of a page from `begin` up to the next `einde`."""
    return html.split(begin, 1)[1].split(einde, 1)[0]


def test_overzicht_kolommen_heten_naar_de_korte_labels_van_het_kader() -> None:
    o = landelijk_overzicht(_reeks())
    kort = [i.kort for _, _, i in KADER.indicatoren()]
    assert all(kort) and [k.kort for k in o.kolommen] == kort
    html = overzicht_html(o, DAG)
    svg = _deel(html, "<svg", "</svg>")
    koppen = re.findall(r'rotate\(-90\)" fill="#1d2430">([^<]+)<title>', svg)
    assert koppen == kort  # not "tl-omschrijving", "tl-populatie", ...
    druk = _deel(html, '<div class="druk">', "<h2>")
    assert re.findall(r'<th class="kort[^"]*"[^>]*><span>([^<]+)</span>', druk) == kort
    kaartje = _deel(html, '<article class="kaartje"', "</article>")
    assert re.findall(r"</span>([^<]+)</li>", kaartje) == kort
    assert not any(f">{k.id}<" in html for k in o.kolommen)
    # The CSV is data and keeps the ids.
    assert overzicht_csv(o).splitlines()[0].split(",")[4:] == [k.id for k in o.kolommen]


def test_overzicht_valt_terug_op_de_volledige_tekst_zonder_kort_label() -> None:
    data = KADER.model_dump()
    data["themas"][0]["criteria"][0]["indicatoren"][0]["kort"] = None
    o = landelijk_overzicht(_reeks(), Kader.model_validate(data))
    eerste = o.kolommen[0]
    assert (
        eerste.kort
        == eerste.indicator
        == "Alle netwerkpartners hanteren dezelfde omschrijving van GGSR"
    )
    assert o.kolommen[1].kort == "Zicht op populatie"


def test_elk_vakje_van_het_overzicht_draagt_zijn_teken() -> None:
    o = landelijk_overzicht(_reeks())
    rij = o.rijen[0]
    o = dataclasses.replace(
        o,
        rijen=(
            dataclasses.replace(rij, oordelen=("niet_van_toepassing", *rij.oordelen[1:])),
            *o.rijen[1:],
        ),
    )
    html = overzicht_html(o, DAG)
    verwacht = [oordeel for r in o.rijen for oordeel in r.oordelen]
    assert {"voldoet", "verbeterpunt", "niet_van_toepassing"} <= set(verwacht)
    svg = _deel(html, "<svg", "</svg>")
    cellen = re.findall(r'<g class="cel o-(\w+)"><rect[^>]*/>\s*<text[^>]*>([^<]+)</text>', svg)
    assert [c for c, _ in cellen] == verwacht
    assert all(teken == SYMBOOL[c] for c, teken in cellen)
    druk = re.findall(r'<td class="cel o-(\w+)[^"]*">([^<]+)</td>', html)
    assert sorted(druk) == sorted((c, SYMBOOL[c]) for c in verwacht)
    kaartjes = _deel(html, '<div class="lijst">', '<div class="druk">')
    tekens = re.findall(r'<li><span class="teken o-(\w+)">([^<]+)</span>', kaartjes)
    assert tekens == [(c, SYMBOOL[c]) for c in verwacht]
    # The legend shows exactly these four swatches, with the same classes and symbols.
    sleutel = _deel(html, '<ul class="sleutel"', "</ul>")
    assert re.findall(r'<span class="teken o-(\w+)">([^<]+)</span>([^<]+)</li>', sleutel) == [
        ("voldoet", "✓", "voldoet"),
        ("verbeterpunt", "✗", "verbeterpunt"),
        ("niet_beoordeeld", "–", "niet beoordeeld"),
        ("niet_van_toepassing", "n.v.t.", "niet van toepassing"),
    ]


def test_overzicht_past_op_het_scherm_met_hele_themanamen() -> None:
    o = landelijk_overzicht(_reeks())
    k = kaart(o, thema_banden(o.kolommen))
    assert len(o.kolommen) == 30 and k.breedte <= KAART_BREEDTE + 2
    assert k.cel >= 22 and k.label >= 160
    for kb in k.banden:
        assert " ".join(kb.regels) == kb.band.thema  # wrapped, never cut ("Gezin cen")
        assert all(len(r) * 6.8 <= kb.band.breedte * k.cel - 7 for r in kb.regels)
    gezin = next(kb for kb in k.banden if kb.band.thema == "Gezin centraal")
    assert gezin.regels == ("Gezin", "centraal")
    assert k.rijlabels == tuple(r.naam for r in o.rijen)
    html = overzicht_html(o, DAG)
    svg = _deel(html, "<svg", "</svg>")
    assert 'font-size="12"' in svg and 'font-size="9"' not in svg
    assert "<script" not in html and "<link" not in html and "url(" not in html
    assert not re.search(r'(src|href)="(?!#)', html)  # self-contained: only in-page links


def test_drukdelen_splitst_alleen_tussen_hele_themas() -> None:
    banden = [ThemaBand(t, 0, b) for t, b in (("A", 3), ("B", 9), ("C", 7), ("D", 10), ("E", 5))]
    delen = drukdelen(banden, 30)
    assert [[b.thema for b in d] for d in delen] == [["A", "B", "C"], ["D", "E"]]  # 19 + 15
    assert [[b.thema for b in d] for d in drukdelen(banden, 40)] == [["A", "B", "C", "D", "E"]]
    breed = [ThemaBand("A", 0, 4), ThemaBand("B", 4, 35), ThemaBand("C", 39, 3)]
    assert [len(d) for d in drukdelen(breed, 30)] == [1, 1, 1]
    assert drukdelen([], 30) == []


def test_overzicht_afdrukken_liggend_en_per_thema() -> None:
    html = overzicht_html(landelijk_overzicht(_reeks()), DAG)
    css = _deel(html, "/* National overview", "</style>")  # after the shared stijl.css
    assert re.search(r"@page \{\s*size: A4 landscape;", css)
    druk = _deel(css, "@media print {", "\n}")
    assert ".druk { display: block; }" in druk and ".kaart," in druk
    # Beleidsniveau's 30 indicators fit one landscape table, with the full theme names above.
    assert PER_DRUKTABEL == 30 and html.count('<table class="matrix">') == 1
    band = _deel(html, '<tr class="band">', "</tr>")
    assert re.findall(r'scope="colgroup">([^<]+)<', band) == [t.naam for t in KADER.themas]
    # Casusniveau has 33: two tables of whole themes, each starting with gemeente · aanpak.
    casus = laad_beoordelingskader("casusniveau")
    zwolle = Path(__file__).parent / "data" / "zwolle-bemoeizorg-jeugd.json"
    b = compileer(casus, AntwoordenBestand.model_validate_json(zwolle.read_text("utf-8")))
    html = overzicht_html(landelijk_overzicht([Uitkomst(DAG, b)]), DAG)
    tabellen = html.split('<table class="matrix">')[1:]
    assert len(tabellen) == 2
    themas = [re.findall(r'scope="colgroup">([^<]+)<', t) for t in tabellen]
    assert themas == [["Toeleiding", "Gezin centraal", "Aanpak"], ["Samenwerking", "Continu"]]
    for t in tabellen:
        assert '<th class="gemeente" scope="col">Gemeente · aanpak</th>' in t
        assert "<thead>" in t  # repeated on every printed page
        assert t.count('<col class="cel">') <= PER_DRUKTABEL
    assert sum(t.count('<td class="cel') for t in tabellen) == 33


def test_overzicht_op_een_telefoon_als_kaartjes() -> None:
    o = landelijk_overzicht(_reeks())
    html = overzicht_html(o, DAG)
    css = _deel(html, "/* National overview", "</style>")
    telefoon = _deel(css, "@media screen and (max-width: 600px) {", "\n}")
    assert "table.aandelen tr { display: grid;" in telefoon
    smal = _deel(css, "@media screen and (max-width: 68rem) {", "\n}")
    assert ".kaart, .kaart-uitleg { display: none; }" in smal
    assert ".kaartjes { display: block; }" in smal
    assert html.count('<article class="kaartje"') == len(o.rijen)
    kaartje = _deel(html, '<article class="kaartje"', "</article>")
    assert re.findall(r"<h4>([^<]+)</h4>", kaartje) == [t.naam for t in KADER.themas]
    assert f'<a href="#aanpak-1">{o.rijen[0].naam}</a>' in html
