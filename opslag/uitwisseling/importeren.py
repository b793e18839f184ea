"""Import a `stj-antwoorden/1` file: check everything first, then store it in one transaction.

A malformed file stores nothing and yields one line naming the respondent and item.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from opslag.antwoorden import bewaar_antwoord
from opslag.fouten import ImportFout, OngeldigeInvoer
from opslag.modellen import Onderzoek, Uitnodiging, nu
from opslag.onderzoeken import controleer_respondent, nieuw_token
from opslag.uow import UnitOfWork
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
}


def lees_antwoordenbestand(tekst: str) -> AntwoordenBestand:
    """Parse and structurally check an answers file."""
    try:
        data = json.loads(tekst)
    except json.JSONDecodeError as fout:
        raise ImportFout(
            f"geen geldige JSON (regel {fout.lineno}, kolom {fout.colno}: {fout.msg})"
        ) from fout
    if not isinstance(data, dict):
        raise ImportFout(f"geen {FORMAAT}-bestand: verwacht een JSON-object met 'formaat'")
    if data.get("formaat") != FORMAAT:
        raise ImportFout(f"onbekend formaat '{data.get('formaat')}'; verwacht '{FORMAAT}'")
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
        plek.append(
            f"respondent {loc[1] + 1} ({wie.get('rol', '?')} '{wie.get('organisatie', '')}')"
        )
        if len(loc) >= 4 and loc[2] == "antwoorden":
            plek.append(f"vraag '{loc[3]}'")
    elif loc:
        plek.append(str(loc[0]))
    veld = str(next((s for s in reversed(loc) if isinstance(s, str)), ""))
    if detail["type"] == "literal_error" and veld == "status":
        wat = f"status '{detail['input']}' bestaat niet; kies uit uitgenodigd, bezig, ingediend"
    elif detail["type"] in _BEKENDE_FOUTEN:
        wat = _BEKENDE_FOUTEN[detail["type"]].format(veld=veld, invoer=detail.get("input"))
    elif len(loc) >= 5 and loc[4] == "waarde":
        wat = f"waarde {json.dumps(detail['input'])} heeft een ongeldig type"
    else:
        wat = f"'{veld}': {detail['msg']}"
    return ": ".join([*plek, wat])


def controleer_antwoordenbestand(catalogus: Catalogus, bestand: AntwoordenBestand) -> None:
    """Every respondent, item and value must exist for the kader and role."""
    kader = bestand.onderzoek.kader
    try:
        catalogus.kader(kader)
    except VragenlijstFout as fout:
        raise ImportFout(f"onderzoek: {fout}") from fout
    gezien: set[tuple[str, str | None, str | None]] = set()
    for nummer, r in enumerate(bestand.respondenten, start=1):
        wie = f"respondent {nummer} ({r.label()})"
        sleutel = (r.rol, r.organisatie, r.casus)
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
                raise ImportFout(f"{wie}: vraag '{item_id}' bestaat niet voor rol {r.rol}")
            probleem = fout_in_antwoord(item, antwoord)
            if probleem:
                raise ImportFout(f"{wie}: vraag '{item_id}': {probleem}")


async def importeer(
    uow: UnitOfWork, catalogus: Catalogus, bestand: AntwoordenBestand, door: str = "import"
) -> int:
    """Store a checked file into its onderzoek (created when new); returns the onderzoek id.

    A respondent already in the onderzoek (same role, organisation and casus) has its answers
    updated, with history; others are added with a fresh token.
    """
    controleer_antwoordenbestand(catalogus, bestand)
    kop = bestand.onderzoek
    gemeente = await uow.repo.gemeente(kop.gemeente.strip(), maak=True)
    assert gemeente is not None
    onderzoek = await uow.repo.onderzoek_van(gemeente.id, kop.aanpak, kop.kader)
    if onderzoek is None:
        onderzoek = Onderzoek(
            gemeente_id=gemeente.id, aanpak=kop.aanpak, kader=kop.kader, deadline=kop.deadline
        )
        uow.session.add(onderzoek)
        await uow.session.flush()
    elif kop.deadline is not None:
        onderzoek.deadline = kop.deadline
    bestaand = {
        (u.rol, u.organisatie, u.casus): u for u in await uow.repo.uitnodigingen(onderzoek.id)
    }
    for r in bestand.respondenten:
        uitnodiging = bestaand.get((r.rol, r.organisatie, r.casus)) or await _nieuw(
            uow, onderzoek, r
        )
        uitnodiging.status = r.status
        if r.status == "ingediend" and uitnodiging.ingediend is None:
            uitnodiging.ingediend = nu()
        for item_id, antwoord in r.antwoorden.items():
            await bewaar_antwoord(uow, uitnodiging.id, item_id, antwoord, door)
    await uow.commit()
    return onderzoek.id


async def _nieuw(uow: UnitOfWork, onderzoek: Onderzoek, r: Respondent) -> Uitnodiging:
    uitnodiging = Uitnodiging(
        onderzoek_id=onderzoek.id,
        rol=r.rol,
        organisatie=r.organisatie,
        casus=r.casus,
        token=nieuw_token(),
        status=r.status,
    )
    uow.session.add(uitnodiging)
    await uow.session.flush()
    return uitnodiging
