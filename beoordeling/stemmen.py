"""From answers, documents and dossiers to what the rule weighs for one indicator: the primary
account (one respondent, or several combined), the voices that confirm or contradict it (a
respondent of a role invited per casus speaks once per casus), what the inspector saw in the
dossiers as the kader weighs it, and the documents behind it with the inspector's readings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from beoordeling.beslisregel import BRUIKBAAR, DocumentStand, Stem, Stemmen, combineer
from beoordeling.invoer import documenten, waarde
from beoordeling.taal import getal_woord, opsomming
from beoordeling.teksten import Sectoren, teksten_van
from vragenlijsten.antwoorden import (
    Antwoord,
    AntwoordenBestand,
    DocumentBewijs,
    Dossierbevinding,
    Respondent,
    titel_sleutel,
)
from vragenlijsten.model import Indicator, Kader


def _stem(
    wie: str,
    a: Antwoord | None,
    sector: str | None = None,
    sleutel: str = "",
    rol: tuple[str, str] = ("", ""),
    anoniem: bool = False,
    interview: bool = False,
) -> Stem:
    """One answer as the rule sees it; values outside the scale count as no answer."""
    if a is None:
        return Stem(wie, None, sector=sector, sleutel=sleutel, rol=rol, anoniem=anoniem)
    return Stem(
        wie,
        waarde(a),
        a.toelichting,
        documenten(a),
        sector=sector,
        sleutel=sleutel,
        rol=rol,
        anoniem=anoniem,
        interview=interview,
    )


def sector_van(r: Respondent, sectoren: Sectoren | None) -> str | None:
    """How reports name a respondent's sector, when it answered the kader's sector question."""
    if sectoren is None:
        return None
    gekozen = r.antwoorden.get(sectoren.vraag)
    code = gekozen.waarde if gekozen is not None else None
    return sectoren.namen.get(code) if isinstance(code, str) else None


def _interview(r: Respondent) -> bool:
    return r.bron is not None and r.bron.soort == "interview"


def _hoofd(kader: Kader, indicator: Indicator, hoofden: Sequence[Respondent]) -> Stemmen:
    """The primary account: one respondent's answer, or, when several respondents of the
    hoofd's role answered, each of theirs and their combined account (BESLISREGEL.md)."""
    hoofd_rol = kader.beslisregel.hoofd
    if hoofd_rol not in indicator.rollen:
        return Stemmen(None, ())
    rol = kader.rol(hoofd_rol)
    naam = rol.enkelvoud if rol else hoofd_rol
    anoniem = rol is not None and rol.anoniem
    gaven = [r for r in hoofden if indicator.id in r.antwoorden]
    if len(gaven) < 2:
        eerste = gaven[0] if gaven else None
        a = eerste.antwoorden[indicator.id] if eerste else None
        stem = _stem(
            naam,
            a,
            sleutel=eerste.sleutel() if eerste else "",
            anoniem=anoniem,
            interview=eerste is not None and _interview(eerste),
        )
        return Stemmen(stem, ())
    woorden = (rol.persoon(False), rol.persoon(True)) if rol else (naam, naam)
    leden = tuple(
        _stem(
            woorden[0],
            r.antwoorden[indicator.id],
            sleutel=r.sleutel(),
            rol=woorden,
            anoniem=anoniem,
            interview=_interview(r),
        )
        for r in gaven
    )
    samen = combineer([s.waarde for s in leden])
    titels = tuple(dict.fromkeys(d for s in leden for d in s.documenten))
    eens = len({s.waarde for s in leden if s.waarde in BRUIKBAAR}) <= 1
    hoofd = Stem(
        f"de {woorden[1]}",
        samen,
        None,
        titels,
        meervoud=True,
        eensgezind=eens,
        anoniem=anoniem,
        interview=any(s.interview for s in leden),
    )
    return Stemmen(hoofd, (), leden)


def _wegers(kader: Kader, indicator: Indicator, wegers: Sequence[Respondent]) -> tuple[Stem, ...]:
    """The voices that confirm or contradict the hoofd, anonymous: a role and, where known, a
    sector, never an organisation. Respondents of a role invited per casus (clients, parents)
    speak once per casus, however many of them answered."""
    sectoren = teksten_van(kader).sectoren
    gevraagd: list[Stem] = []
    per_casus: dict[tuple[str, str], list[Respondent]] = {}
    for r in wegers:
        if r.rol not in indicator.rollen:
            continue
        weger = kader.rol(r.rol)
        if weger is not None and weger.casus and r.casus:
            per_casus.setdefault((r.rol, r.casus), []).append(r)
            continue
        sector = sector_van(r, sectoren)
        wie = " ".join(d for d in (weger.enkelvoud if weger else r.rol, sector) if d)
        woorden = (weger.enkelvoud, weger.meervoud) if weger else ("", "")
        gevraagd.append(
            _stem(
                wie,
                r.antwoorden.get(indicator.id),
                sector,
                r.sleutel(),
                woorden,
                anoniem=weger is not None and weger.anoniem,
                interview=_interview(r),
            )
        )
    for (rol_naam, _casus), leden in per_casus.items():
        weger = kader.rol(rol_naam)
        assert weger is not None  # only roles of the kader are grouped
        stemmen = [_stem(weger.enkelvoud, r.antwoorden.get(indicator.id)) for r in leden]
        if len(stemmen) == 1:
            gevraagd.append(
                replace(
                    stemmen[0],
                    sleutel=leden[0].sleutel(),
                    rol=(weger.enkelvoud, weger.meervoud),
                    anoniem=weger.anoniem,
                    interview=_interview(leden[0]),
                )
            )
            continue
        waarden = [s.waarde for s in stemmen]
        gevraagd.append(
            Stem(
                weger.enkelvoud,
                combineer(waarden),
                rol=(weger.enkelvoud, weger.meervoud),
                sleutel=leden[0].sleutel(),
                anoniem=weger.anoniem,
                eensgezind=len({w for w in waarden if w in BRUIKBAAR}) <= 1,
                interview=any(_interview(r) for r in leden),
            )
        )
    return tuple(gevraagd)


def dossierstemmen(
    kader: Kader, indicator: Indicator, dossier: Sequence[Dossierbevinding]
) -> tuple[Stem | None, tuple[Stem, ...], tuple[Stem, ...]]:
    """What the inspector saw in the dossiers about one indicator, as the kader weighs it:
    the deciding finding (`beslist`: the majority over the families, a tie read against the
    claim), the extra voices (`weegt_mee`: one per family), and every finding for the text."""
    eigen = [d for d in dossier if d.indicator == indicator.id]
    zichtbaar = tuple(Stem(d.casus, d.waarde, d.notitie) for d in eigen)
    if not eigen:
        return None, (), zichtbaar
    soort = kader.beslisregel.bronnen.dossier
    if soort == "beslist":
        waar = "in het dossier" if len(eigen) == 1 else "in de dossiers"
        waarden = [d.waarde for d in eigen]
        if len(set(waarden)) > 1:
            waar += f" ({_getelde_waarden(waarden)})"
        return Stem(waar, combineer(waarden)), (), zichtbaar
    if soort == "weegt_mee":
        return (
            None,
            tuple(
                Stem(f"het dossier van {d.casus}", d.waarde, d.notitie, rol=("dossier", "dossiers"))
                for d in eigen
            ),
            zichtbaar,
        )
    return None, (), ()


def _getelde_waarden(waarden: Sequence[str]) -> str:
    """ "twee keer nee en één keer ja"."""
    return opsomming(
        [
            f"{getal_woord(waarden.count(w))} keer {w}"
            for w in ("ja", "deels", "nee")
            if w in waarden
        ]
    )


def stukken(
    genoemd: Sequence[str], bewijs: Sequence[DocumentBewijs], indicator_id: str
) -> tuple[DocumentStand, ...]:
    """The documents behind one indicator: each title respondents named with the inspector's
    reading of it for this indicator (if any), then documents the inspector read for it that
    nobody named here."""
    per_sleutel = {titel_sleutel(d.titel): d for d in bewijs}
    gezien: set[str] = set()
    lijst = []
    for titel_ in genoemd:
        sleutel = titel_sleutel(titel_)
        if sleutel in gezien:
            continue
        gezien.add(sleutel)
        record = per_sleutel.get(sleutel)
        lezing = record.lezingen.get(indicator_id) if record else None
        lijst.append(
            DocumentStand(
                record.titel if record else titel_,
                lezing.steun if lezing else None,
                lezing.notitie if lezing else None,
            )
        )
    for d in bewijs:
        lezing = d.lezingen.get(indicator_id)
        if lezing is not None and titel_sleutel(d.titel) not in gezien:
            lijst.append(DocumentStand(d.titel, lezing.steun, lezing.notitie, genoemd=False))
    return tuple(lijst)


def stemmen_van(
    kader: Kader,
    indicator: Indicator,
    hoofden: Sequence[Respondent],
    wegers: Sequence[Respondent],
    antwoorden: AntwoordenBestand,
) -> Stemmen:
    """Everything said, read and seen about one indicator, for the rule and the finding."""
    basis = _hoofd(kader, indicator, hoofden)
    beslissend, extra, dossiers = dossierstemmen(kader, indicator, antwoorden.dossier)
    zonder_documenten = Stemmen(
        basis.hoofd,
        _wegers(kader, indicator, wegers) + extra,
        basis.leden,
        beslissend,
        (),
        dossiers,
    )
    return replace(
        zonder_documenten,
        stukken=stukken(zonder_documenten.documenten(), antwoorden.documenten, indicator.id),
    )
