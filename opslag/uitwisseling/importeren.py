"""Import a `stj-antwoorden/1` file: check everything first, then store it in one transaction.

A malformed file stores nothing and yields one line naming the respondent and item.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass
from typing import Any, cast

from pydantic import ValidationError
from sqlalchemy import Table, insert

from opslag.antwoorden import als_dict, bewaar_antwoord, wijziging
from opslag.fouten import ImportFout, OngeldigeInvoer
from opslag.modellen import Antwoord as AntwoordRij
from opslag.modellen import AntwoordHistorie, Onderzoek, Uitnodiging, nu
from opslag.onderzoeken import (
    casuslabel,
    controleer_deadline,
    controleer_respondent,
    nieuw_token,
    verplicht_tekst,
)
from opslag.uitwisseling.bewijs import controleer_bewijs, importeer_bewijs, zet_bron
from opslag.uow import UnitOfWork
from vragenlijsten import grenzen
from vragenlijsten.antwoorden import FORMAAT, AntwoordenBestand, Respondent
from vragenlijsten.catalogus import Catalogus
from vragenlijsten.laden import VragenlijstFout
from vragenlijsten.waarden import fout_in_antwoord

_BEKENDE_FOUTEN = {
    "extra_forbidden": "sleutel '{veld}' is onbekend; haal hem weg",
    "missing": "sleutel '{veld}' ontbreekt; voeg hem toe",
    "date_from_datetime_parsing": "datum '{invoer}' is ongeldig; schrijf JJJJ-MM-DD",
    "date_parsing": "datum '{invoer}' is ongeldig; schrijf JJJJ-MM-DD",
    "string_type": "'{veld}' moet tekst zijn",
    "list_type": "'{veld}' moet een lijst zijn",
    "dict_type": "'{veld}' moet een object zijn",
    "model_type": "'{veld}' moet een object zijn",
    "int_type": "'{veld}' moet een heel getal zijn, niet {als_json}",
    "int_from_float": "'{veld}' moet een heel getal zijn, niet {als_json}",
    "less_than_equal": "'{veld}' is te groot ({invoer})",
    "greater_than_equal": "'{veld}' mag niet negatief zijn ({invoer})",
}


# No number in a stj-antwoorden/1 file needs more digits than an id the databases hold (and
# Python refuses to read a whole number of more than 4,300 digits at all).
MAX_CIJFERS = 18


def _geheel(tekst: str) -> int:
    """A whole number from the file, bounded."""
    cijfers = len(tekst.lstrip("-"))
    if cijfers > MAX_CIJFERS:
        raise ImportFout(
            f"een getal van {cijfers} cijfers ({grenzen.citeer(tekst)}); een getal in een "
            f"{FORMAAT}-bestand heeft hooguit {MAX_CIJFERS} cijfers"
        )
    return int(tekst)


def _kommagetal(tekst: str) -> float:
    """A number with a fraction or exponent from the file: bounded and finite."""
    waarde = float(tekst) if len(tekst) <= 2 * MAX_CIJFERS else math.inf
    if not math.isfinite(waarde):
        raise ImportFout(f"het getal {grenzen.citeer(tekst)} is te groot of te lang")
    return waarde


def _geen_constante(tekst: str) -> Any:
    raise ImportFout(f"'{tekst}' is geen getal dat JSON kent; laat het weg of schrijf een getal")


def _zonder_dubbelen(paren: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object; a key written twice is an error (JSON would silently keep the last)."""
    gezien: dict[str, Any] = {}
    for sleutel, waarde in paren:
        if sleutel in gezien:
            raise ImportFout(
                f"sleutel '{grenzen.citeer(sleutel)}' staat twee keer in hetzelfde object; "
                "haal er één weg"
            )
        gezien[sleutel] = waarde
    return gezien


def lees_antwoordenbestand(tekst: str) -> AntwoordenBestand:
    """Parse and structurally check an answers file."""
    try:
        data = json.loads(
            tekst,
            parse_int=_geheel,
            parse_float=_kommagetal,
            parse_constant=_geen_constante,
            object_pairs_hook=_zonder_dubbelen,
        )
    except json.JSONDecodeError as fout:
        raise ImportFout(
            f"geen geldige JSON (regel {fout.lineno}, kolom {fout.colno}: {fout.msg})"
        ) from fout
    except RecursionError as fout:
        raise ImportFout(
            f"de JSON is te diep genest; een {FORMAAT}-bestand heeft hooguit een paar niveaus"
        ) from fout
    if not isinstance(data, dict):
        raise ImportFout(f"geen {FORMAAT}-bestand: verwacht een JSON-object met 'formaat'")
    if data.get("formaat") != FORMAAT:
        raise ImportFout(
            f"onbekend formaat '{grenzen.citeer(data.get('formaat'))}'; verwacht '{FORMAAT}'"
        )
    try:
        return AntwoordenBestand.model_validate(data)
    except ValidationError as fout:
        raise ImportFout(_eerste_fout(fout, data)) from fout


def _eerste_fout(fout: ValidationError, data: dict[str, Any]) -> str:
    """The first structural error as one line that names the respondent and item."""
    detail = fout.errors(include_url=False)[0]
    loc = tuple(detail["loc"])
    plek = []
    if len(loc) >= 2 and loc[0] == "respondenten" and isinstance(loc[1], int):
        ruw = data["respondenten"][loc[1]]
        wie = ruw if isinstance(ruw, dict) else {}
        rol, organisatie = (
            grenzen.citeer(wie.get("rol", "?")),
            grenzen.citeer(wie.get("organisatie", "")),
        )
        plek.append(f"respondent {loc[1] + 1} ({rol} '{organisatie}')")
        if len(loc) >= 4 and loc[2] == "antwoorden":
            plek.append(f"vraag '{grenzen.citeer(loc[3])}'")
    elif loc:
        plek.append(grenzen.citeer(loc[0]))
    veld = grenzen.citeer(next((s for s in reversed(loc) if isinstance(s, str)), ""))
    invoer = grenzen.citeer(detail.get("input"))
    if detail["type"] == "literal_error" and veld == "status":
        wat = f"status '{invoer}' bestaat niet; kies uit uitgenodigd, bezig, ingediend"
    elif len(loc) >= 5 and loc[4] == "waarde":  # one of the union's members: say it plainly
        wat = f"waarde {grenzen.citeer(json.dumps(detail['input']))} heeft een ongeldig type"
    elif detail["type"] in _BEKENDE_FOUTEN:
        als_json = grenzen.citeer(json.dumps(detail.get("input"), default=str))
        wat = _BEKENDE_FOUTEN[detail["type"]].format(veld=veld, invoer=invoer, als_json=als_json)
    else:
        wat = f"'{veld}': {detail['msg']}"
    return ": ".join([*plek, wat])


def controleer_antwoordenbestand(catalogus: Catalogus, bestand: AntwoordenBestand) -> None:
    """Every respondent, item and value must exist for the kader and role."""
    kader = bestand.onderzoek.kader
    try:
        catalogus.kader(kader)
        verplicht_tekst(bestand.onderzoek.gemeente, "gemeente", grenzen.GEMEENTE)
        verplicht_tekst(bestand.onderzoek.aanpak, "aanpak", grenzen.AANPAK)
    except (VragenlijstFout, OngeldigeInvoer) as fout:
        raise ImportFout(f"onderzoek: {fout}") from fout
    gezien: set[tuple[str, str | None, str | None]] = set()
    for nummer, r in enumerate(bestand.respondenten, start=1):
        wie = f"respondent {nummer} ({r.label()})"
        try:
            casus = casuslabel(r.casus) if r.casus else None
        except OngeldigeInvoer as fout:
            raise ImportFout(f"{wie}: {fout}") from fout
        sleutel = (r.rol, r.organisatie, casus)
        if sleutel in gezien:
            raise ImportFout(f"{wie}: komt twee keer voor; voeg de antwoorden samen")
        gezien.add(sleutel)
        try:
            controleer_respondent(catalogus, kader, r.rol, r.organisatie, r.casus)
        except (VragenlijstFout, OngeldigeInvoer) as fout:
            raise ImportFout(f"{wie}: {fout}") from fout
        vragenlijst = catalogus.vragenlijst(kader, r.rol)
        for item_id, antwoord in r.antwoorden.items():
            item = vragenlijst.item(item_id)
            if item is None:
                raise ImportFout(
                    f"{wie}: vraag '{grenzen.citeer(item_id)}' bestaat niet voor rol {r.rol}"
                )
            probleem = fout_in_antwoord(item, antwoord)
            if probleem:
                raise ImportFout(f"{wie}: vraag '{item_id}': {probleem}")
    controleer_bewijs(catalogus, bestand)


@dataclass(frozen=True)
class ImportVerslag:
    """What an import did: which onderzoek, whether it was new, and what changed."""

    onderzoek_id: int
    nieuw: bool
    wijzigingen: list[str]


async def importeer(
    uow: UnitOfWork,
    catalogus: Catalogus,
    bestand: AntwoordenBestand,
    door: str = "import",
    bijwerken: bool = False,
    vandaag: dt.date | None = None,
) -> ImportVerslag:
    """Store a checked file into a new onderzoek; returns what was done.

    An open onderzoek of the same gemeente, aanpak and kader is only updated when asked for
    (`bijwerken`): respondents already there (same role, organisation and casus) get their
    answers updated, with history; others are added with a fresh token; the deadline stays as
    the inspector set it. Every change is reported. With `vandaag`, a new onderzoek's deadline
    may not lie before it, as everywhere else a deadline is set.
    """
    controleer_antwoordenbestand(catalogus, bestand)
    kop = bestand.onderzoek
    gemeente = await uow.repo.gemeente(kop.gemeente, maak=True)
    assert gemeente is not None
    onderzoek = await uow.repo.onderzoek_van(gemeente.id, kop.aanpak, kop.kader)
    wijzigingen: list[str] = []
    nieuw = onderzoek is None
    if onderzoek is None:
        try:
            controleer_deadline(kop.deadline, vandaag)
        except OngeldigeInvoer as fout:
            raise ImportFout(f"onderzoek: {fout}") from fout
        onderzoek = Onderzoek(
            gemeente_id=gemeente.id, aanpak=kop.aanpak, kader=kop.kader, deadline=kop.deadline
        )
        uow.session.add(onderzoek)
        await uow.session.flush()
    elif not bijwerken:
        raise ImportFout(
            f"er is al een open onderzoek naar '{kop.aanpak}' in {kop.gemeente} ({kop.kader}): "
            f"nummer {onderzoek.id}; vul het aan met --bijwerken (u ziet wat er verandert) of "
            f"sluit het eerst met 'stj onderzoek sluit {onderzoek.id}'"
        )
    elif kop.deadline is not None and kop.deadline != onderzoek.deadline:
        wijzigingen.append(
            f"deadline blijft {onderzoek.deadline or 'geen'} (het bestand noemt {kop.deadline}; "
            "verschuif haar met 'stj onderzoek verleng')"
        )
    bestaand = {
        (u.rol, u.organisatie, u.casus): u for u in await uow.repo.uitnodigingen(onderzoek.id)
    }
    nieuwe = []
    for r in bestand.respondenten:
        casus = casuslabel(r.casus) if r.casus else None
        uitnodiging = bestaand.get((r.rol, r.organisatie, casus))
        if uitnodiging is None:
            nieuwe.append((r, casus))
            if not nieuw:
                wijzigingen.append(f"{r.label()}: nieuwe respondent")
            continue
        if uitnodiging.status != r.status:
            wijzigingen.append(f"{r.label()}: status {uitnodiging.status} → {r.status}")
        uitnodiging.status = r.status
        zet_bron(uitnodiging, r)
        if r.status == "ingediend" and uitnodiging.ingediend is None:
            uitnodiging.ingediend = nu()
        gewijzigd = [
            item_id
            for item_id, antwoord in r.antwoorden.items()
            if await bewaar_antwoord(uow, uitnodiging.id, item_id, antwoord, door)
        ]
        if gewijzigd and not nieuw and uitnodiging.id in {u.id for u in bestaand.values()}:
            wijzigingen.append(f"{r.label()}: {len(gewijzigd)} antwoord(en) gewijzigd")
    await _nieuwe_respondenten(uow, onderzoek.id, nieuwe, door)
    bewijs = await importeer_bewijs(uow, onderzoek.id, bestand, door)
    if not nieuw:
        wijzigingen += bewijs
    await uow.commit()
    return ImportVerslag(onderzoek.id, nieuw, wijzigingen)


async def _nieuwe_respondenten(
    uow: UnitOfWork, onderzoek_id: int, nieuwe: list[tuple[Respondent, str | None]], door: str
) -> None:
    """New respondents with their answers, as a few bulk inserts (executemany) instead of a
    round of statements per answer: with nothing stored before, every answer is new and its
    history row says so, exactly as storing them one by one (bewaar_antwoord) would write."""
    if not nieuwe:
        return
    moment = nu()
    rijen = [
        {
            "onderzoek_id": onderzoek_id,
            "rol": r.rol,
            "organisatie": r.organisatie,
            "casus": casus,
            "token": nieuw_token(),
            "status": r.status,
            "ingediend": moment if r.status == "ingediend" else None,
            "bron": r.bron.soort if r.bron else None,
            "interview_datum": r.bron.datum if r.bron else None,
            "interviewer": r.bron.door if r.bron else None,
        }
        for r, casus in nieuwe
    ]
    # Core inserts on the tables: one executemany each (the ORM's bulk insert splits the rows
    # into groups by which of their values are None, a statement per group).
    tabel = cast(Table, Uitnodiging.__table__)
    ids = (
        await uow.session.scalars(
            insert(tabel).returning(tabel.c.id, sort_by_parameter_order=True), rijen
        )
    ).all()
    antwoorden, historie = [], []
    for uitnodiging_id, (r, _casus) in zip(ids, nieuwe, strict=True):
        for item_id, antwoord in r.antwoorden.items():
            if wijziging(None, antwoord) == "geen":
                continue
            b = antwoord.bestand
            antwoorden.append(
                {
                    "uitnodiging_id": uitnodiging_id,
                    "item_id": item_id,
                    "waarde": antwoord.waarde,
                    "toelichting": antwoord.toelichting,
                    "document": antwoord.document,
                    "bestand_file_id": b.telegram_file_id if b else None,
                    "bestand_naam": b.naam if b else None,
                    "bestand_grootte": b.grootte if b else None,
                    "gewijzigd": moment,
                }
            )
            historie.append(
                {
                    "uitnodiging_id": uitnodiging_id,
                    "item_id": item_id,
                    "oud": None,
                    "nieuw": als_dict(antwoord),
                    "wanneer": moment,
                    "door": door,
                }
            )
    if antwoorden:
        await uow.session.execute(insert(cast(Table, AntwoordRij.__table__)), antwoorden)
        await uow.session.execute(insert(cast(Table, AntwoordHistorie.__table__)), historie)
