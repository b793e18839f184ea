"""The rules of a vragenlijst that its schema cannot express (FORMAAT.md): unique ids, one
kernvraag per indicator of the role, conditions on earlier questions, options, and what the
kader allows (n.v.t. answers, the role's aanduiding). Each problem is one located message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vragenlijsten import grenzen
from vragenlijsten.model import (
    NVT,
    SCHAAL_LABELS,
    Item,
    Kader,
    KernvraagItem,
    KeuzeItem,
    MeerkeuzeItem,
    Voorwaarde,
    Vragenlijst,
    mogelijke_waarden,
)
from vragenlijsten.yamlregels import regel_van

Meld = Callable[..., None]


def controleer_vragenlijst(
    vl: Vragenlijst, data: Any, naam: str, kaders: dict[str, Kader]
) -> list[str]:
    """Every rule a schema cannot express, as `bestand:regel: plek: wat; oplossing` lines."""
    kader = kaders.get(vl.kader)
    if kader is None:
        return [
            f"{naam}:{regel_van(data, ('kader',))}: kader '{vl.kader}' bestaat niet; "
            f"kies uit {', '.join(sorted(kaders))}"
        ]
    if kader.rol(vl.rol) is None:
        return [
            f"{naam}:{regel_van(data, ('vragenlijst',))}: rol '{vl.rol}' hoort niet bij kader "
            f"'{kader.kader}'; kies uit {', '.join(kader.rolnamen)}"
        ]
    meldingen: list[str] = []
    eerder: set[str] = set()  # ids of the items before the current one
    regels: dict[str, int] = {}
    for s, sectie in enumerate(vl.secties):
        if not sectie.items:
            meldingen.append(
                f"{naam}:{regel_van(data, ('secties', s))}: sectie '{sectie.titel}': "
                "heeft geen vragen; voeg vragen toe of haal de sectie weg"
            )
        if sectie.toon_als is not None:
            meldingen.extend(
                _controleer_voorwaarde(
                    vl,
                    f"{naam}:{regel_van(data, ('secties', s, 'toon_als'))}: sectie "
                    f"'{sectie.titel}': ",
                    sectie.items[0].id if sectie.items else sectie.titel,
                    sectie.toon_als,
                    eerder,
                )
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
            _controleer_item(vl, kader, item, meld)
            if item.toon_als is not None:
                meldingen.extend(
                    _controleer_voorwaarde(
                        vl,
                        f"{naam}:{regel_van(data, (*plek, 'toon_als'))}: vraag '{item.id}': ",
                        item.id,
                        item.toon_als,
                        eerder,
                    )
                )
            eerder.add(item.id)
    meldingen.extend(_einde_sluit_af(vl, data, naam))
    meldingen.extend(_aanduiding(vl, kader, data, naam))
    meldingen.extend(_ontbrekende_kernvragen(vl, kader, data, naam))
    return meldingen


def _acties(item: Item) -> list[str]:
    """Every button action a question can show (for the callback-data limit)."""
    acties = ["houden", "overslaan", "vorige", "later", "klaar"]
    if isinstance(item, KernvraagItem):
        acties += [f"w:{w}" for w in item.waarden()]
    if isinstance(item, KeuzeItem):
        acties += [f"w:{o.waarde}" for o in item.opties]
    if isinstance(item, MeerkeuzeItem):
        acties += [f"m:{o.waarde}" for o in item.opties]
    return acties


def _controleer_lengtes(item: Item, meld: Meld) -> None:
    """Texts short enough for one Telegram message, buttons within Telegram's limits."""
    for veld, tekst, grens in (
        ("vraag", item.vraag, grenzen.VRAAG),
        ("uitleg", item.uitleg, grenzen.UITLEG),
        ("nvt", getattr(item, "nvt", None), grenzen.KNOPLABEL),
        ("toelichting_vraag", getattr(item, "toelichting_vraag", None), grenzen.UITLEG),
    ):
        if tekst is not None and len(tekst) > grens:
            meld(f"{veld} is {len(tekst)} tekens lang; maximaal {grens}; maak het korter", veld)
    for optie in getattr(item, "opties", []):
        if len(optie.label) > grenzen.KNOPLABEL:
            meld(
                f"optie '{optie.waarde}': label is {len(optie.label)} tekens lang; maximaal "
                f"{grenzen.KNOPLABEL} (langer past niet op een knop)",
                "opties",
            )
    langste = max(_acties(item), key=len)
    data = grenzen.knopdata(grenzen.MAX_ID, item.id, "w", langste)
    if len(data.encode()) > grenzen.KNOPDATA:
        meld(
            f"id en waarde '{langste.partition(':')[2] or langste}' samen zijn te lang voor een "
            f"Telegram-knop ({len(data.encode())} bytes; maximaal {grenzen.KNOPDATA}); kort "
            "het id of de optiewaarde in",
            "id",
        )


def _controleer_item(vl: Vragenlijst, kader: Kader, item: Item, meld: Meld) -> None:
    """The rules for one item: lengths, its indicator (kernvraag) and its options (keuze)."""
    _controleer_lengtes(item, meld)
    if isinstance(item, KernvraagItem):
        indicator = kader.indicator(item.id)
        if indicator is None:
            meld(
                f"indicator '{item.id}' bestaat niet in kader {kader.kader}; gebruik een "
                f"indicator-id uit {kader.bestand} of type 'schaal'",
                "id",
            )
        elif vl.rol not in indicator.rollen:
            meld(
                f"indicator '{item.id}' wordt in kader {kader.kader} niet aan rol "
                f"{vl.rol} gevraagd; haal deze kernvraag weg of gebruik type 'schaal'",
                "id",
            )
        else:
            if item.document_vraag is not None and not indicator.vastlegging:
                meld(
                    "document_vraag mag alleen bij een indicator met vastlegging; "
                    "haal document_vraag weg",
                    "document_vraag",
                )
            if item.nvt is not None and not indicator.niet_van_toepassing:
                meld(
                    f"nvt mag alleen bij een indicator die 'niet van toepassing' toestaat; haal "
                    f"nvt weg of zet niet_van_toepassing: true bij '{item.id}' in "
                    f"{kader.bestand}",
                    "nvt",
                )
    if isinstance(item, KeuzeItem | MeerkeuzeItem):
        if len(item.opties) < 2:
            meld("opties is leeg of heeft maar één optie; geef minstens twee opties", "opties")
        codes = [o.waarde for o in item.opties]
        for dubbel in sorted({c for c in codes if codes.count(c) > 1}):
            meld(
                f"optie '{dubbel}' komt twee keer voor; geef elke optie een eigen waarde", "opties"
            )
        if isinstance(item, MeerkeuzeItem) and any(o.einde for o in item.opties):
            meld("einde kan alleen bij een keuzevraag (één antwoord); haal einde weg", "opties")
    if item.type == "getal" and item.min > item.max:
        meld(f"min ({item.min}) is groter dan max ({item.max}); draai ze om", "min")


def _controleer_voorwaarde(
    vl: Vragenlijst, kop: str, item_id: str, voorwaarde: Voorwaarde, eerder: set[str]
) -> list[str]:
    """A condition must name an earlier choice item and values it can have."""
    doel = voorwaarde.item
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
        for w in voorwaarde.waarden()
        if w not in mogelijk
    ]


def _verborgen_bij(voorwaarde: Voorwaarde | None, item_id: str, waarde: str) -> bool:
    """Whether this condition hides its item once `item_id` is answered with `waarde`."""
    return (
        voorwaarde is not None and voorwaarde.item == item_id and waarde not in voorwaarde.waarden()
    )


def _einde_sluit_af(vl: Vragenlijst, data: Any, naam: str) -> list[str]:
    """An option that ends the questionnaire must hide every question after it."""
    meldingen = []
    items = vl.items()
    for n, item in enumerate(items):
        if not isinstance(item, KeuzeItem):
            continue
        for optie in item.opties:
            if optie.einde is None:
                continue
            nog = next(
                (
                    later
                    for later in items[n + 1 :]
                    if not _verborgen_bij(vl.sectie_van(later.id).toon_als, item.id, optie.waarde)
                    and not _verborgen_bij(later.toon_als, item.id, optie.waarde)
                ),
                None,
            )
            if nog is not None:
                s = vl.secties.index(vl.sectie_van(item.id))
                i = vl.secties[s].items.index(item)
                meldingen.append(
                    f"{naam}:{regel_van(data, ('secties', s, 'items', i, 'opties'))}: vraag "
                    f"'{item.id}': optie '{optie.waarde}' beëindigt de vragenlijst, maar vraag "
                    f"'{nog.id}' wordt daarna nog gesteld; geef de sectie van '{nog.id}' "
                    f"toon_als: {{item: {item.id}, waarde: …}} zonder '{optie.waarde}'"
                )
    return meldingen


def _aanduiding(vl: Vragenlijst, kader: Kader, data: Any, naam: str) -> list[str]:
    """The role's aanduiding (how reports name a respondent) must be a choice item here."""
    rol = kader.rol(vl.rol)
    if rol is None or rol.aanduiding is None:
        return []
    if isinstance(vl.item(rol.aanduiding), KeuzeItem):
        return []
    return [
        f"{naam}:{regel_van(data, ('secties',))}: rol '{rol.naam}' heeft in "
        f"{kader.bestand} aanduiding '{rol.aanduiding}', maar deze vragenlijst heeft geen "
        f"keuzevraag met dat id; voeg die toe of haal aanduiding weg"
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


def met_nvt_knoppen(vl: Vragenlijst, kader: Kader) -> Vragenlijst:
    """The vragenlijst with the standard "niet van toepassing" label on every kernvraag whose
    indicator allows it and that has no label of its own (models are frozen, so rebuilt)."""

    def aangevuld(item: Item) -> Item:
        indicator = kader.indicator(item.id) if isinstance(item, KernvraagItem) else None
        mag = indicator is not None and indicator.niet_van_toepassing
        if isinstance(item, KernvraagItem) and mag and item.nvt is None:
            return item.model_copy(update={"nvt": SCHAAL_LABELS[NVT]})
        return item

    secties = [s.model_copy(update={"items": [aangevuld(i) for i in s.items]}) for s in vl.secties]
    return vl.model_copy(update={"secties": secties})
