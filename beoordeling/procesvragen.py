"""The questionnaires of the steps after the concept, generated per onderzoek and answered with
the same engine as every other (gesprek.motor), in Telegram, by web link or in `stj chat`:

- wederhoor: per theme, which indicators the gemeente wants to react to, then per chosen
  indicator what is factually wrong, and a reaction in general;
- verbeterplan: per verbeterpunt what the gemeente will do, who, and by when;
- voortgang (in a follow-up): per planned action whether it was done, and what came of it.

Item ids are short and numbered (they travel in Telegram's 64-byte button data whatever the
kader's ids are); `indicatoren` ties each item to its indicator. Both are stored with the
invitation when it is made, so what the gemeente answers never shifts under it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from beoordeling.model import OORDEEL_LABEL, Beoordeling
from beoordeling.proces import PlanActie, Reactie, Uitvoering
from beoordeling.taal import datum
from vragenlijsten.antwoorden import Antwoord
from vragenlijsten.gegenereerd import Procesvragen
from vragenlijsten.model import Vragenlijst

SOORTEN = ("wederhoor", "verbeterplan", "voortgang")
ALGEMEEN = "algemeen"
TEKST = 2000  # characters of a reaction or an action
WIE = 300
SYMBOOL = {"voldoet": "✓", "verbeterpunt": "✗", "niet_beoordeeld": "–", "niet_van_toepassing": ""}


def _kort(tekst: str, lengte: int = 48) -> str:
    tekst = " ".join(tekst.split())
    return tekst if len(tekst) <= lengte else tekst[: lengte - 1].rstrip() + "…"


def _lijst(
    soort: str, kader: str, titel: str, inleiding: str, minuten: int, secties: list[Any]
) -> Vragenlijst:
    return Vragenlijst.model_validate(
        {
            "vragenlijst": soort,
            "kader": kader,
            "titel": titel,
            "inleiding": inleiding,
            "duur_minuten": minuten,
            "secties": secties,
        }
    )


def wederhoor_vragen(b: Beoordeling, termijn: dt.date) -> Procesvragen:
    """The reaction to the concept: per theme a choice of its indicators, then a text for each
    chosen one (showing the concept's verdict and finding), and one in general."""
    secties: list[dict[str, Any]] = []
    koppeling: dict[str, str] = {}
    nummer = 0
    for t, thema in enumerate(b.themas, start=1):
        oordelen = b.per_thema(thema.naam)
        opties, items = [], []
        for io in oordelen:
            nummer += 1
            opties.append({"waarde": f"i{nummer}", "label": f"{nummer}. {_kort(io.indicator)}"})
            teken = SYMBOOL.get(io.oordeel, "")
            koppeling[f"r{nummer}"] = io.id
            items.append(
                {
                    "id": f"r{nummer}",
                    "type": "tekst",
                    "max_lengte": TEKST,
                    "toon_als": {"item": f"t{t}", "waarde": f"i{nummer}"},
                    "vraag": f"Indicator {nummer}: {io.indicator}\n\nIn het concept: "
                    f"{teken} {OORDEEL_LABEL[io.oordeel]}.\n{io.bevinding}\n\n"
                    "Wat is hier feitelijk onjuist? Schrijf wat er volgens u moet staan, en "
                    "waarom.",
                }
            )
        if not opties:
            continue
        keuze = {
            "id": f"t{t}",
            "type": "meerkeuze",
            "verplicht": False,
            "opties": opties,
            "vraag": f"{thema.naam}: op welke indicatoren wilt u reageren? Kies ze en daarna "
            "Klaar. Klopt bij dit thema alles feitelijk, kies dan Overslaan.",
        }
        secties.append({"titel": thema.naam, "items": [keuze, *items]})
    secties.append(
        {
            "titel": "Algemeen",
            "items": [
                {
                    "id": ALGEMEEN,
                    "type": "tekst",
                    "verplicht": False,
                    "max_lengte": TEKST,
                    # Words that hold in every channel: the web page has no Overslaan.
                    "vraag": "Wilt u nog iets in het algemeen over het concept zeggen? Dat "
                    "is niet verplicht.",
                }
            ],
        }
    )
    inleiding = (
        f"Samenwerkend Toezicht Jeugd legt het concept van het rapport over '{b.aanpak}' in "
        f"{b.gemeente} aan u voor. Wijs ons op feitelijke onjuistheden: per indicator en in het "
        f"algemeen. U kunt reageren tot en met {datum(termijn)}; met /indienen verstuurt u uw "
        "reactie."
    )
    return Procesvragen(
        _lijst("wederhoor", b.kader, "Reactie op het concept", inleiding, 15, secties), koppeling
    )


def verbeterplan_vragen(b: Beoordeling, deadline: dt.date) -> Procesvragen:
    """Per verbeterpunt of the vastgesteld report: what, who, by when."""
    secties: list[dict[str, Any]] = []
    koppeling: dict[str, str] = {}
    for k, io in enumerate((io for io in b.indicatoren if io.oordeel == "verbeterpunt"), 1):
        for veld in ("wat", "wie", "wanneer"):
            koppeling[f"{veld}{k}"] = io.id
        kop = f"Verbeterpunt {k}: {io.indicator}"
        secties.append(
            {
                "titel": f"Verbeterpunt {k}: {_kort(io.indicator, 60)}",
                "items": [
                    {
                        "id": f"wat{k}",
                        "type": "tekst",
                        "max_lengte": TEKST,
                        "vraag": f"{kop} ({io.thema})\n\nWat gaat u doen? Beschrijf de actie of "
                        "acties.",
                    },
                    {
                        "id": f"wie{k}",
                        "type": "tekst",
                        "max_lengte": WIE,
                        "vraag": f"{kop}\n\nWie is er verantwoordelijk voor? Noem een functie "
                        "of organisatie.",
                    },
                    {
                        "id": f"wanneer{k}",
                        "type": "datum",
                        "vraag": f"{kop}\n\nWanneer is het klaar? Typ een datum, bijvoorbeeld "
                        "31-12-2027.",
                    },
                ],
            }
        )
    inleiding = (
        f"Het rapport over '{b.aanpak}' in {b.gemeente} is vastgesteld. Samenwerkend Toezicht "
        "Jeugd vraagt u per verbeterpunt wat u gaat doen, wie ervoor verantwoordelijk is en "
        f"wanneer het klaar is. Graag vóór {datum(deadline)}; met /indienen verstuurt u het "
        "verbeterplan."
    )
    return Procesvragen(
        _lijst("verbeterplan", b.kader, "Verbeterplan", inleiding, 20, secties), koppeling
    )


def voortgang_vragen(
    kader: str, gemeente: str, aanpak: str, acties: list[PlanActie], deadline: dt.date | None
) -> Procesvragen:
    """A year later, per planned action: was it done, and what came of it."""
    secties: list[dict[str, Any]] = []
    koppeling: dict[str, str] = {}
    for k, a in enumerate(acties, start=1):
        koppeling[f"gedaan{k}"] = koppeling[f"hoe{k}"] = a.indicator_id
        plan = f"Verbeterpunt: {a.indicator}\nUw actie: {a.wat}"
        if a.wie or a.wanneer:
            plan += (
                " ("
                + "; ".join(
                    x
                    for x in (
                        f"wie: {a.wie}" if a.wie else "",
                        f"klaar: {datum(a.wanneer)}" if a.wanneer else "",
                    )
                    if x
                )
                + ")"
            )
        secties.append(
            {
                "titel": f"Actie {k}: {_kort(a.indicator, 60)}",
                "items": [
                    {
                        "id": f"gedaan{k}",
                        "type": "schaal",
                        "vraag": f"{plan}\n\nIs deze actie uitgevoerd?",
                    },
                    {
                        "id": f"hoe{k}",
                        "type": "tekst",
                        "verplicht": False,
                        "max_lengte": TEKST,
                        "vraag": "Wat is er gedaan, en wat heeft het opgeleverd? Dat is niet "
                        "verplicht.",
                    },
                ],
            }
        )
    tot = f" Graag vóór {datum(deadline)}." if deadline else ""
    inleiding = (
        f"Een jaar geleden maakte u een verbeterplan voor '{aanpak}' in {gemeente}. "
        f"Samenwerkend Toezicht Jeugd vraagt u per actie of die is uitgevoerd.{tot} Met "
        "/indienen verstuurt u uw antwoorden."
    )
    return Procesvragen(
        _lijst("voortgang", kader, "Voortgang verbeterplan", inleiding, 10, secties), koppeling
    )


# --- reading the answers back ----------------------------------------------------------------


def reacties(
    p: Procesvragen,
    b: Beoordeling,
    antwoorden: dict[str, Antwoord],
    verstuurd: bool,
    besluiten: dict[str, tuple[str, str | None]],
) -> list[Reactie]:
    """The gemeente's reactions in kader order, the general one last, each with the
    inspector's decision (item id -> (besluit, reden))."""
    uit = []
    for item in p.vragenlijst.items():
        a = antwoorden.get(item.id)
        if a is None or not isinstance(a.waarde, str) or not a.waarde.strip():
            continue
        indicator_id = p.indicator(item.id)
        if indicator_id is None and item.id != ALGEMEEN:
            continue
        naam = "Algemeen"
        if indicator_id is not None:
            try:
                naam = b.oordeel(indicator_id).indicator
            except KeyError:
                naam = indicator_id
        besluit, reden = besluiten.get(item.id, (None, None))
        uit.append(Reactie(indicator_id, naam, a.waarde, verstuurd, besluit, reden))
    return uit


def plan_acties(
    p: Procesvragen, antwoorden: dict[str, Antwoord], namen: dict[str, str]
) -> list[PlanActie]:
    """Per verbeterpunt what the gemeente plans (what is not answered stays None)."""
    uit = []
    k = 1
    while f"wat{k}" in p.indicatoren:
        indicator_id = p.indicatoren[f"wat{k}"]

        def tekst(veld: str) -> str | None:
            a = antwoorden.get(f"{veld}{k}")  # noqa: B023 - used within this iteration
            return a.waarde if a is not None and isinstance(a.waarde, str) else None

        wanneer = tekst("wanneer")
        uit.append(
            PlanActie(
                indicator_id,
                namen.get(indicator_id, indicator_id),
                tekst("wat"),
                tekst("wie"),
                dt.date.fromisoformat(wanneer) if wanneer else None,
            )
        )
        k += 1
    return uit


def uitvoering(p: Procesvragen, antwoorden: dict[str, Antwoord]) -> list[Uitvoering]:
    """Per planned action what the gemeente reports of it."""
    uit = []
    k = 1
    while f"gedaan{k}" in p.indicatoren:
        gedaan = antwoorden.get(f"gedaan{k}")
        hoe = antwoorden.get(f"hoe{k}")
        uit.append(
            Uitvoering(
                p.indicatoren[f"gedaan{k}"],
                gedaan.waarde if gedaan is not None and isinstance(gedaan.waarde, str) else None,
                hoe.waarde if hoe is not None and isinstance(hoe.waarde, str) else None,
            )
        )
        k += 1
    return uit
