"""Compile answers, kader and inspector overrides into an assessment per aanpak and a factsheet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from beoordeling import aanpassen
from beoordeling.beslisregel import Stem, Stemmen, beslis
from beoordeling.bevinding import bevinding
from beoordeling.conclusie import Onderbouwing, conclusie
from beoordeling.model import (
    Beoordeling,
    ConclusieOverride,
    Context,
    Factsheet,
    IndicatorOordeel,
    Override,
    RespondentOverzicht,
    Status,
    Thema,
)
from beoordeling.teksten import indicator_tekst
from vragenlijsten.antwoorden import Antwoord, AntwoordenBestand, Respondent
from vragenlijsten.laden import laad_kader
from vragenlijsten.model import SCHAAL, Indicator, Kader

GEMEENTE = "gemeente"


def laad_beoordelingskader(naam: str) -> Kader:
    """The kader an assessment is compiled against, by name."""
    return laad_kader(naam)


def _naam(r: Respondent, volgnummer: int) -> str:
    """How findings and LET OP name a respondent: its organisation, else its role and number."""
    if r.organisatie and r.organisatie.strip():
        return r.organisatie.strip()
    return GEMEENTE if r.rol == GEMEENTE else f"{r.rol} {volgnummer}"


def _documenten(a: Antwoord) -> tuple[str, ...]:
    """The document an answer names: its title, else the file name of an uploaded file."""
    if a.document and a.document.strip():
        return (a.document.strip(),)
    if a.bestand is not None:
        return (a.bestand.naam or "bijgevoegd bestand",)
    return ()


def _stem(wie: str, a: Antwoord | None) -> Stem:
    """One answer as the rule sees it; values outside the scale count as no answer."""
    if a is None:
        return Stem(wie, None)
    waarde = a.waarde if isinstance(a.waarde, str) and a.waarde in SCHAAL else None
    return Stem(wie, waarde, a.toelichting, _documenten(a))


def _gemeente_antwoord(gemeenten: Sequence[Respondent], item_id: str) -> Antwoord | None:
    """The gemeente's answer; with more than one gemeente respondent the first answer counts."""
    return next((r.antwoorden[item_id] for r in gemeenten if item_id in r.antwoorden), None)


def _stemmen(
    indicator: Indicator, gemeenten: Sequence[Respondent], partners: Sequence[Respondent]
) -> Stemmen:
    """The answers to one indicator of every respondent whose role is asked about it."""
    gemeente = (
        _stem(GEMEENTE, _gemeente_antwoord(gemeenten, indicator.id))
        if GEMEENTE in indicator.rollen
        else None
    )
    gevraagd = [
        _stem(_naam(r, i), r.antwoorden.get(indicator.id))
        for i, r in enumerate(partners, start=1)
        if r.rol in indicator.rollen
    ]
    return Stemmen(gemeente, tuple(gevraagd))


def _getal(waarde: object) -> int | None:
    if isinstance(waarde, bool):
        return None
    if isinstance(waarde, int):
        return waarde
    if isinstance(waarde, str) and waarde.strip().isdigit():
        return int(waarde.strip())
    return None


def _tekst(waarde: object) -> str | None:
    return waarde.strip() or None if isinstance(waarde, str) else None


def _datum(waarde: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(waarde) if isinstance(waarde, str) else None
    except ValueError:
        return None


def _context(gemeenten: Sequence[Respondent]) -> Context:
    """The gemeente's context items (FORMAAT.md): only what it answered, nothing assumed."""

    def w(item_id: str) -> object:
        a = _gemeente_antwoord(gemeenten, item_id)
        return None if a is None else a.waarde

    partners = w("netwerkpartners")
    regels: list[object] = (
        list(partners.splitlines())
        if isinstance(partners, str)
        else list(partners)
        if isinstance(partners, list)
        else []
    )
    return Context(
        inwoners=_getal(w("inwoners")),
        huishoudens_met_kinderen=_getal(w("huishoudens-met-kinderen")),
        ggsr_gezinnen=_getal(w("ggsr-gezinnen")),
        ggsr_wijken=_tekst(w("ggsr-wijken")),
        aanpak_naam=_tekst(w("aanpak-naam")),
        aanpak_beschrijving=_tekst(w("aanpak-beschrijving")),
        aanpak_start=_datum(w("aanpak-start")),
        aanpak_gezinnen=_getal(w("aanpak-gezinnen")),
        netwerkpartners=tuple(r.strip() for r in regels if isinstance(r, str) and r.strip()),
    )


def _respondenten(
    kader: Kader, respondenten: Sequence[Respondent]
) -> tuple[RespondentOverzicht, ...]:
    """Per respondent how many of its kernvragen carry an answer, and its status."""
    overzicht = []
    partner_nummer = 0
    for r in respondenten:
        if r.rol != GEMEENTE:
            partner_nummer += 1
        kern = [i.id for _, _, i in kader.indicatoren() if r.rol in i.rollen]
        beantwoord = sum(
            1 for i in kern if i in r.antwoorden and _stem("", r.antwoorden[i]).waarde is not None
        )
        naam = _naam(r, partner_nummer)
        overzicht.append(RespondentOverzicht(r.rol, naam, r.status, beantwoord, len(kern)))
    return tuple(overzicht)


def compileer(
    kader: Kader,
    antwoorden: AntwoordenBestand,
    overrides: Sequence[Override] = (),
    conclusie_overrides: Sequence[ConclusieOverride] = (),
    status: Status = "concept",
) -> Beoordeling:
    """The assessment of one aanpak: a verdict with reason and findings per indicator, and
    per theme a conclusion. A draft uses every answer, also of respondents not yet submitted."""
    if antwoorden.onderzoek.kader != kader.kader:
        raise ValueError(
            f"de antwoorden horen bij kader '{antwoorden.onderzoek.kader}', "
            f"niet bij '{kader.kader}'"
        )
    if GEMEENTE not in kader.rollen:
        raise ValueError(
            f"kader '{kader.kader}' heeft geen rol gemeente; de beslisregel is voor beleidsniveau"
        )
    per_indicator = aanpassen.overrides_per_indicator(kader, overrides)
    per_thema = aanpassen.conclusie_overrides(kader, conclusie_overrides)
    gemeenten = [r for r in antwoorden.respondenten if r.rol == GEMEENTE]
    partners = [r for r in antwoorden.respondenten if r.rol != GEMEENTE]
    oordelen: list[IndicatorOordeel] = []
    onderbouwingen: dict[str, list[Onderbouwing]] = {t.naam: [] for t in kader.themas}
    for thema, criterium, indicator in kader.indicatoren():
        stemmen = _stemmen(indicator, gemeenten, partners)
        besluit = beslis(stemmen, indicator.vastlegging)
        tekst = indicator_tekst(kader.kader, indicator.id, indicator.tekst)
        basis = IndicatorOordeel(
            id=indicator.id,
            thema=thema.naam,
            criterium=criterium.naam,
            indicator=indicator.tekst,
            oordeel=besluit.oordeel,
            reden=besluit.reden,
            bevinding=bevinding(stemmen, tekst.bewering),
            let_op=besluit.let_op,
            aangepast_door_inspecteur=False,
            voorstel=besluit.oordeel,
            regel=besluit.regel,
        )
        override = per_indicator.get(indicator.id)
        oordeel = aanpassen.toepassen(basis, besluit, override)
        oordelen.append(oordeel)
        override_tekst = override.tekst if override else None
        onderbouwingen[thema.naam].append(
            Onderbouwing(oordeel, stemmen, tekst, indicator.vastlegging, override_tekst)
        )
    themas = tuple(Thema(t.naam, t.omschrijving) for t in kader.themas)
    return Beoordeling(
        gemeente=antwoorden.onderzoek.gemeente,
        aanpak=antwoorden.onderzoek.aanpak,
        kader=kader.kader,
        kader_titel=kader.titel,
        onderzoeksvraag=kader.onderzoeksvraag,
        status=status,
        themas=themas,
        respondenten=_respondenten(kader, antwoorden.respondenten),
        context=_context(gemeenten),
        indicatoren=tuple(oordelen),
        conclusies=tuple(
            conclusie(t, onderbouwingen[t.naam], per_thema.get(t.naam)) for t in themas
        ),
    )


def factsheet(beoordelingen: Sequence[Beoordeling], datum: dt.date) -> Factsheet:
    """One gemeente's factsheet over one or more aanpakken; context comes from their answers."""
    if not beoordelingen:
        raise ValueError("een factsheet heeft minstens één beoordeling nodig")
    gemeenten = {b.gemeente for b in beoordelingen}
    if len(gemeenten) > 1:
        raise ValueError(f"één factsheet per gemeente; gekregen: {', '.join(sorted(gemeenten))}")

    def eerste(veld: str) -> object:
        # The gemeente answers these figures per aanpak; the first answer given is used.
        return next(
            (getattr(b.context, veld) for b in beoordelingen if getattr(b.context, veld)),
            None,
        )

    context = Context(
        inwoners=_getal(eerste("inwoners")),
        huishoudens_met_kinderen=_getal(eerste("huishoudens_met_kinderen")),
        ggsr_gezinnen=_getal(eerste("ggsr_gezinnen")),
        ggsr_wijken=_tekst(eerste("ggsr_wijken")),
    )
    return Factsheet(beoordelingen[0].gemeente, datum, context, tuple(beoordelingen))
