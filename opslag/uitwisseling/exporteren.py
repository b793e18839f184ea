"""Export an onderzoek's answers: `stj-antwoorden/1` JSON for programs; for people CSV (one row
per answer) and XLSX (a sheet per role with respondents as rows, the long sheet, and the
questions behind the ids), both through the one spreadsheet writer (spreadsheet.py). CSV and
XLSX stream rows from the database to the file, so an export never has to fit in memory."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

from beoordeling.proces import PlanActie
from beoordeling.procesvragen import plan_acties
from opslag.antwoorden import antwoorden_om_te_lezen, naar_antwoord
from opslag.bewijsstukken import documenten_bewijs, dossierbevindingen
from opslag.interviews import bron_van
from opslag.modellen import Uitnodiging
from opslag.onderzoeken import OnderzoekInfo, haal_onderzoek
from opslag.proces import laatste
from opslag.uitwisseling.spreadsheet import (
    Cel,
    Kolom,
    XlsxBlad,
    csv_bestand,
    nieuw_werkboek,
)
from opslag.uow import UnitOfWork
from vragenlijsten.antwoorden import Antwoord, AntwoordenBestand, OnderzoekKop, Respondent
from vragenlijsten.catalogus import Catalogus
from vragenlijsten.gegenereerd import Procesvragen
from vragenlijsten.model import (
    DatumItem,
    DocumentItem,
    Item,
    Kader,
    KernvraagItem,
    KeuzeItem,
    MeerkeuzeItem,
    TekstItem,
    Vragenlijst,
)
from vragenlijsten.waarden import label

# The long format, one row per answer (CSV, and the sheet "antwoorden").
LANG = (
    Kolom("gemeente", 16),
    Kolom("aanpak", 22, omloop=True),
    Kolom("rol", 14),
    Kolom("organisatie", 22, omloop=True),
    Kolom("casus", 10),
    Kolom("item", 26),
    Kolom("vraag", 50, omloop=True),
    Kolom("indicator", 22),
    Kolom("waarde", 40, omloop=True),
    Kolom("toelichting", 50, omloop=True),
    Kolom("document", 30, omloop=True),
    Kolom("laatst gewijzigd", 17),
)
CSV_KOPPEN = tuple(k.kop for k in LANG)


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
    antwoorden = await antwoorden_om_te_lezen(uow, [u.id for u in uitnodigingen])
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


def _waarde(item: Item | None, antwoord: Antwoord) -> Cel:
    """An answer's value as a cell: a number as a number, a date as a date, a code in words."""
    waarde = antwoord.waarde
    if waarde is None:
        return None
    if isinstance(waarde, list):
        return "; ".join(label(item, w) if item else w for w in waarde)
    if isinstance(waarde, str) and isinstance(item, DatumItem):
        try:
            return dt.date.fromisoformat(waarde)
        except ValueError:
            return waarde
    if isinstance(waarde, str):
        return label(item, waarde) if item else waarde
    return waarde


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
    gewijzigd: dt.datetime


async def _stroom(uow: UnitOfWork, onderzoek_id: int) -> AsyncIterator[_Rij]:
    async for uitnodiging, rij in uow.repo.stroom_antwoorden(onderzoek_id):
        yield _Rij(uitnodiging, rij.item_id, naar_antwoord(rij), rij.gewijzigd)


def _lange_rij(onderzoek: OnderzoekInfo, catalogus: Catalogus, r: _Rij) -> list[Cel]:
    u = r.uitnodiging
    kader = catalogus.kader(onderzoek.kader)
    item = catalogus.vragenlijst(onderzoek.kader, u.rol).item(r.item_id)
    # Nothing is an empty cell (not an empty text), so a filter on "(leeg)" finds it.
    return [
        onderzoek.gemeente,
        onderzoek.aanpak,
        u.rol,
        u.organisatie,
        u.casus,
        r.item_id,
        _vraag(item) or None,
        r.item_id if kader.indicator(r.item_id) else None,
        _waarde(item, r.antwoord),
        r.antwoord.toelichting,
        _tekst_document(r.antwoord) or None,
        r.gewijzigd,
    ]


def _vraag(item: Item | None) -> str:
    """A question's text on one line (an item no longer in the questionnaire has none)."""
    return " ".join(item.vraag.split()) if item else ""


async def schrijf_csv(
    uow: UnitOfWork, catalogus: Catalogus, onderzoek_id: int, pad: Path, komma: bool = False
) -> int:
    """One row per answer, in the Dutch Excel dialect (or with commas); returns the number of
    answers written."""
    onderzoek = await haal_onderzoek(uow, onderzoek_id)
    aantal = 0
    with csv_bestand(pad, komma) as blad:
        blad.rij(CSV_KOPPEN)
        async for rij in _stroom(uow, onderzoek_id):
            blad.rij(_lange_rij(onderzoek, catalogus, rij))
            aantal += 1
    return aantal


@dataclass(frozen=True)
class _Kolom:
    kolom: Kolom
    item: Item
    deel: str  # "waarde", "toelichting" or "document"


def _breedte(item: Item) -> tuple[float, bool]:
    """Width and wrapping of an item's value column."""
    if isinstance(item, TekstItem | MeerkeuzeItem | DocumentItem | KeuzeItem):
        return 30, True
    if isinstance(item, DatumItem):
        return 12, False
    return 14, False


def _kolommen(vragenlijst: Vragenlijst, kader: Kader) -> list[_Kolom]:
    kolommen = []
    for item in vragenlijst.items():
        vraag = _vraag(item)
        if item.type == "document":
            kolommen.append(_Kolom(Kolom(item.id, 30, True, vraag), item, "document"))
            continue
        breedte, omloop = _breedte(item)
        kolommen.append(_Kolom(Kolom(item.id, breedte, omloop, vraag), item, "waarde"))
        if isinstance(item, KernvraagItem):
            kop = f"{item.id} toelichting"
            kolommen.append(_Kolom(Kolom(kop, 40, True, vraag), item, "toelichting"))
            indicator = kader.indicator(item.id)
            if indicator is not None and indicator.vastlegging:
                kop = f"{item.id} document"
                kolommen.append(_Kolom(Kolom(kop, 30, True, vraag), item, "document"))
    return kolommen


def _cel_waarde(k: _Kolom, antwoord: Antwoord | None) -> Cel:
    if antwoord is None:
        return None
    if k.deel == "toelichting":
        return antwoord.toelichting
    if k.deel == "document":
        return _tekst_document(antwoord) or None
    return _waarde(k.item, antwoord)


WIE = (Kolom("organisatie", 24, omloop=True), Kolom("casus", 10), Kolom("status", 12))
VRAGEN = (
    Kolom("rol", 14),
    Kolom("item", 22),
    Kolom("soort", 11),
    Kolom("vraag", 70, omloop=True),
    Kolom("indicator", 70, omloop=True),
    Kolom("antwoorden", 40, omloop=True),
)


def _schrijf_vragen(blad: XlsxBlad, rol: str, vragenlijst: Vragenlijst, kader: Kader) -> None:
    """The questions behind the ids of a role's columns, with the indicator each one asks for."""
    for item in vragenlijst.items():
        indicator = kader.indicator(item.id)
        opties = getattr(item, "opties", None)
        if isinstance(item, KernvraagItem):
            keuzes = [label(item, w) for w in item.waarden()]
        else:
            keuzes = [o.label for o in opties] if opties else []
        blad.rij(
            [
                rol,
                item.id,
                item.type,
                _vraag(item),
                " ".join(indicator.tekst.split()) if indicator else None,
                "; ".join(keuzes) or None,
            ]
        )


async def schrijf_xlsx(uow: UnitOfWork, catalogus: Catalogus, onderzoek_id: int, pad: Path) -> int:
    """A sheet per role (respondents × items, question text as header note), the long sheet, a
    sheet "vragen" with every question behind the ids and, once asked for, the gemeente's
    improvement plan per verbeterpunt ("verbeterplan")."""
    onderzoek = await haal_onderzoek(uow, onderzoek_id)
    kader = catalogus.kader(onderzoek.kader)
    werkboek = nieuw_werkboek()
    bladen, kolommen = {}, {}
    for rol in catalogus.rollen(onderzoek.kader):
        vragenlijst = catalogus.vragenlijst(onderzoek.kader, rol)
        kolommen[rol] = _kolommen(vragenlijst, kader)
        bladen[rol] = XlsxBlad(werkboek, rol, [*WIE, *(k.kolom for k in kolommen[rol])], vast=1)
    lang = XlsxBlad(werkboek, "antwoorden", LANG, vast=0)
    vragen = XlsxBlad(werkboek, "vragen", VRAGEN, vast=2)
    for rol in catalogus.rollen(onderzoek.kader):
        _schrijf_vragen(vragen, rol, catalogus.vragenlijst(onderzoek.kader, rol), kader)

    def schrijf_respondent(u: Uitnodiging, antwoorden: dict[str, Antwoord]) -> None:
        bladen[u.rol].rij(
            [
                u.organisatie,
                u.casus,
                u.status,
                *(_cel_waarde(k, antwoorden.get(k.item.id)) for k in kolommen[u.rol]),
            ]
        )

    wachtrij = list(await uow.repo.uitnodigingen(onderzoek_id))
    huidig: tuple[Uitnodiging, dict[str, Antwoord]] | None = None
    aantal = 0
    async for rij in _stroom(uow, onderzoek_id):
        lang.rij(_lange_rij(onderzoek, catalogus, rij))
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
    plan = await _verbeterplan(uow, catalogus, onderzoek.kader, onderzoek_id)
    if plan is not None:
        blad = XlsxBlad(werkboek, "verbeterplan", PLAN, vast=1)
        for a in plan:
            blad.rij([a.indicator_id, a.indicator, a.wat, a.wie, a.wanneer])
        blad.sluit()
    for blad in (*bladen.values(), lang, vragen):
        blad.sluit()
    werkboek.save(pad)
    return aantal


PLAN = (
    Kolom("indicator", 22),
    Kolom("verbeterpunt", 50, omloop=True),
    Kolom("wat", 60, omloop=True),
    Kolom("wie", 24, omloop=True),
    Kolom("wanneer", 12),
)


async def _verbeterplan(
    uow: UnitOfWork, catalogus: Catalogus, kader: str, onderzoek_id: int
) -> list[PlanActie] | None:
    """The gemeente's improvement plan per verbeterpunt (None before one was asked for)."""
    stap = await laatste(uow, onderzoek_id, "verbeterplan")
    u = await uow.session.get(Uitnodiging, stap.uitnodiging_id) if stap else None
    if u is None or u.vragen is None:
        return None
    namen = {i.id: i.tekst for _, _, i in catalogus.kader(kader).indicatoren()}
    antwoorden = (await antwoorden_om_te_lezen(uow, [u.id]))[u.id]
    return plan_acties(Procesvragen.uit_data(u.vragen), antwoorden, namen)
