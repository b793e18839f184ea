"""Export an onderzoek's answers: `stj-antwoorden/1` JSON, CSV (one row per answer) and XLSX
(a sheet per role with respondents as rows, plus the long sheet). CSV and XLSX stream rows from
the database to the file, so an export never has to fit in memory."""

from __future__ import annotations

import csv
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Font

from opslag.antwoorden import antwoorden_van, naar_antwoord
from opslag.bewijsstukken import documenten_bewijs, dossierbevindingen
from opslag.interviews import bron_van
from opslag.modellen import Uitnodiging
from opslag.onderzoeken import OnderzoekInfo, haal_onderzoek
from opslag.uow import UnitOfWork
from vragenlijsten.antwoorden import Antwoord, AntwoordenBestand, OnderzoekKop, Respondent
from vragenlijsten.catalogus import Catalogus
from vragenlijsten.model import Item, Kader, KernvraagItem, Vragenlijst

CSV_KOPPEN = (
    "gemeente",
    "aanpak",
    "rol",
    "organisatie",
    "casus",
    "item",
    "indicator",
    "waarde",
    "toelichting",
    "document",
    "laatst gewijzigd",
)


def _volgorde(vragenlijst: Vragenlijst, antwoorden: dict[str, Antwoord]) -> dict[str, Antwoord]:
    """Answers in questionnaire order, so exports read like the form."""
    plaats = {item.id: n for n, item in enumerate(vragenlijst.items())}
    return dict(sorted(antwoorden.items(), key=lambda kv: plaats.get(kv[0], len(plaats))))


async def exporteer_bestand(
    uow: UnitOfWork, catalogus: Catalogus, onderzoek_id: int
) -> AntwoordenBestand:
    """The whole onderzoek as a `stj-antwoorden/1` document (import's exact inverse)."""
    onderzoek = await haal_onderzoek(uow, onderzoek_id)
    uitnodigingen = await uow.repo.uitnodigingen(onderzoek_id)
    antwoorden = await antwoorden_van(uow, [u.id for u in uitnodigingen])
    return AntwoordenBestand(
        formaat="stj-antwoorden/1",
        onderzoek=OnderzoekKop(
            gemeente=onderzoek.gemeente,
            aanpak=onderzoek.aanpak,
            kader=onderzoek.kader,
            deadline=onderzoek.deadline,
        ),
        respondenten=[
            Respondent(
                rol=u.rol,
                organisatie=u.organisatie,
                casus=u.casus,
                status=u.status,
                bron=bron_van(u),
                antwoorden=_volgorde(
                    catalogus.vragenlijst(onderzoek.kader, u.rol), antwoorden[u.id]
                ),
            )
            for u in uitnodigingen
        ],
        documenten=await documenten_bewijs(uow, onderzoek_id),
        dossier=await dossierbevindingen(uow, onderzoek_id),
    )


def _tekst_waarde(antwoord: Antwoord) -> str:
    waarde = antwoord.waarde
    if isinstance(waarde, list):
        return "; ".join(waarde)
    return "" if waarde is None else str(waarde)


def _tekst_document(antwoord: Antwoord) -> str:
    delen = [antwoord.document] if antwoord.document else []
    if antwoord.bestand:
        delen.append(f"(bestand: {antwoord.bestand.naam or antwoord.bestand.telegram_file_id})")
    return " ".join(delen)


@dataclass(frozen=True)
class _Rij:
    uitnodiging: Uitnodiging
    item_id: str
    antwoord: Antwoord
    gewijzigd: str


async def _stroom(uow: UnitOfWork, onderzoek_id: int) -> AsyncIterator[_Rij]:
    async for uitnodiging, rij in uow.repo.stroom_antwoorden(onderzoek_id):
        yield _Rij(
            uitnodiging,
            rij.item_id,
            naar_antwoord(rij),
            rij.gewijzigd.isoformat(timespec="seconds"),
        )


def _lange_rij(onderzoek: OnderzoekInfo, kader: Kader, r: _Rij) -> list[str]:
    u = r.uitnodiging
    indicator = r.item_id if kader.indicator(r.item_id) else ""
    return [
        onderzoek.gemeente,
        onderzoek.aanpak,
        u.rol,
        u.organisatie or "",
        u.casus or "",
        r.item_id,
        indicator,
        _tekst_waarde(r.antwoord),
        r.antwoord.toelichting or "",
        _tekst_document(r.antwoord),
        r.gewijzigd,
    ]


async def schrijf_csv(uow: UnitOfWork, catalogus: Catalogus, onderzoek_id: int, pad: Path) -> int:
    """One row per answer; returns the number of answers written."""
    onderzoek = await haal_onderzoek(uow, onderzoek_id)
    kader = catalogus.kader(onderzoek.kader)
    aantal = 0
    with pad.open("w", newline="", encoding="utf-8-sig") as uit:  # BOM: Excel reads UTF-8 right
        schrijver = csv.writer(uit)
        schrijver.writerow(CSV_KOPPEN)
        async for rij in _stroom(uow, onderzoek_id):
            schrijver.writerow(_lange_rij(onderzoek, kader, rij))
            aantal += 1
    return aantal


@dataclass(frozen=True)
class _Kolom:
    kop: str
    item: Item
    deel: str  # "waarde", "toelichting" or "document"


def _kolommen(vragenlijst: Vragenlijst, kader: Kader) -> list[_Kolom]:
    kolommen = []
    for item in vragenlijst.items():
        if item.type == "document":
            kolommen.append(_Kolom(item.id, item, "document"))
            continue
        kolommen.append(_Kolom(item.id, item, "waarde"))
        if isinstance(item, KernvraagItem):
            kolommen.append(_Kolom(f"{item.id} toelichting", item, "toelichting"))
            indicator = kader.indicator(item.id)
            if indicator is not None and indicator.vastlegging:
                kolommen.append(_Kolom(f"{item.id} document", item, "document"))
    return kolommen


def _cel_waarde(antwoord: Antwoord | None, deel: str) -> str | int:
    if antwoord is None:
        return ""
    if deel == "toelichting":
        return antwoord.toelichting or ""
    if deel == "document":
        return _tekst_document(antwoord)
    return antwoord.waarde if isinstance(antwoord.waarde, int) else _tekst_waarde(antwoord)


async def schrijf_xlsx(uow: UnitOfWork, catalogus: Catalogus, onderzoek_id: int, pad: Path) -> int:
    """A sheet per role (respondents × items, question text as header note) and the long sheet."""
    onderzoek = await haal_onderzoek(uow, onderzoek_id)
    kader = catalogus.kader(onderzoek.kader)
    werkboek = Workbook(write_only=True)
    vet = Font(bold=True)
    bladen, kolommen = {}, {}
    for rol in catalogus.rollen(onderzoek.kader):
        vragenlijst = catalogus.vragenlijst(onderzoek.kader, rol)
        blad = werkboek.create_sheet(title=rol)
        kolommen[rol] = _kolommen(vragenlijst, kader)
        koppen = []
        for kop in ("organisatie", "casus", "status", *(k.kop for k in kolommen[rol])):
            cel = WriteOnlyCell(blad, value=kop)
            cel.font = vet
            koppen.append(cel)
        for cel, kolom in zip(koppen[3:], kolommen[rol], strict=True):
            cel.comment = Comment(kolom.item.vraag, "STJ-intake")
        blad.append(koppen)
        bladen[rol] = blad
    lang = werkboek.create_sheet(title="antwoorden")
    lang.append(list(CSV_KOPPEN))

    def schrijf_respondent(u: Uitnodiging, antwoorden: dict[str, Antwoord]) -> None:
        bladen[u.rol].append(
            [
                u.organisatie or "",
                u.casus or "",
                u.status,
                *(_cel_waarde(antwoorden.get(k.item.id), k.deel) for k in kolommen[u.rol]),
            ]
        )

    wachtrij = list(await uow.repo.uitnodigingen(onderzoek_id))
    huidig: tuple[Uitnodiging, dict[str, Antwoord]] | None = None
    aantal = 0
    async for rij in _stroom(uow, onderzoek_id):
        lang.append(_lange_rij(onderzoek, kader, rij))
        aantal += 1
        if huidig is None or huidig[0].id != rij.uitnodiging.id:
            if huidig is not None:
                schrijf_respondent(*huidig)
            # Respondents without answers come before this one in id order: give them a row too.
            while wachtrij and wachtrij[0].id < rij.uitnodiging.id:
                schrijf_respondent(wachtrij.pop(0), {})
            if wachtrij and wachtrij[0].id == rij.uitnodiging.id:
                wachtrij.pop(0)
            huidig = (rij.uitnodiging, {})
        huidig[1][rij.item_id] = rij.antwoord
    if huidig is not None:
        schrijf_respondent(*huidig)
    for u in wachtrij:
        schrijf_respondent(u, {})
    werkboek.save(pad)
    return aantal
