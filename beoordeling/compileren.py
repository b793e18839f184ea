"""Compile answers, kader and inspector overrides into an assessment per aanpak and a factsheet.

One compiler for every kader: what the roles mean for the rule (who carries the primary account,
who confirms or contradicts it, whether the rule works per casus) comes from the kader's data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from beoordeling import aanpassen
from beoordeling.beslisregel import Namen, Stem, Stemmen, beslis, namen_van
from beoordeling.bevinding import Omschrijvingen, benoem, bevinding, let_op
from beoordeling.conclusie import Onderbouwing, conclusie
from beoordeling.context import context_van, getal, respondenten_overzicht, tekst
from beoordeling.invoer import documenten, eerste_antwoord, waarde
from beoordeling.model import (
    Beoordeling,
    ConclusieOverride,
    Context,
    EindoordeelOverride,
    Factsheet,
    IndicatorOordeel,
    Override,
    Status,
    Thema,
)
from beoordeling.per_casus import compileer_per_casus
from beoordeling.teksten import IndicatorTekst, Sectoren, indicator_tekst, teksten_van
from beoordeling.themarapport import themarapport
from vragenlijsten.antwoorden import Antwoord, AntwoordenBestand, Respondent
from vragenlijsten.catalogus import laad_kader
from vragenlijsten.model import Indicator, Kader


def laad_beoordelingskader(naam: str) -> Kader:
    """The kader an assessment is compiled against, by name."""
    return laad_kader(naam)


def _stem(
    wie: str,
    a: Antwoord | None,
    sector: str | None = None,
    sleutel: str = "",
    rol: tuple[str, str] = ("", ""),
) -> Stem:
    """One answer as the rule sees it; values outside the scale count as no answer."""
    if a is None:
        return Stem(wie, None, sector=sector, sleutel=sleutel, rol=rol)
    return Stem(
        wie, waarde(a), a.toelichting, documenten(a), sector=sector, sleutel=sleutel, rol=rol
    )


def _sector(r: Respondent, sectoren: Sectoren | None) -> str | None:
    """How reports name a respondent's sector, when it answered the kader's sector question."""
    if sectoren is None:
        return None
    gekozen = r.antwoorden.get(sectoren.vraag)
    code = gekozen.waarde if gekozen is not None else None
    return sectoren.namen.get(code) if isinstance(code, str) else None


def _stemmen(
    kader: Kader,
    indicator: Indicator,
    hoofden: Sequence[Respondent],
    wegers: Sequence[Respondent],
) -> Stemmen:
    """The answers to one indicator of every respondent whose role is asked about it. The
    wegers are anonymous: a role and, where known, a sector, never an organisation."""
    hoofd_rol = kader.beslisregel.hoofd
    rol = kader.rol(hoofd_rol)
    sectoren = teksten_van(kader).sectoren
    hoofd = None
    if hoofd_rol in indicator.rollen:
        eerste = next((r for r in hoofden if indicator.id in r.antwoorden), None)
        hoofd = _stem(
            rol.enkelvoud if rol else hoofd_rol,
            eerste_antwoord(list(hoofden), indicator.id),
            sleutel=eerste.sleutel() if eerste else "",
        )
    gevraagd = []
    for r in wegers:
        if r.rol in indicator.rollen:
            weger = kader.rol(r.rol)
            sector = _sector(r, sectoren)
            wie = " ".join(d for d in (weger.enkelvoud if weger else r.rol, sector) if d)
            woorden = (weger.enkelvoud, weger.meervoud) if weger else ("", "")
            gevraagd.append(
                _stem(wie, r.antwoorden.get(indicator.id), sector, r.sleutel(), woorden)
            )
    return Stemmen(hoofd, tuple(gevraagd))


def _omschrijvingen(
    tekst: IndicatorTekst,
    stemmen: Stemmen,
    hoofden: Sequence[Respondent],
    wegers: Sequence[Respondent],
) -> Omschrijvingen | None:
    """The texts a finding compares (the kader's `vergelijk` question), per voice."""
    if tekst.vergelijk is None:
        return None
    vraag = tekst.vergelijk.vraag
    eigen = eerste_antwoord(list(hoofden), vraag)
    per_sleutel = {r.sleutel(): r.antwoorden.get(vraag) for r in wegers}
    paren = []
    for stem in stemmen.wegers:
        a = per_sleutel.get(stem.sleutel)
        if a is not None and isinstance(a.waarde, str) and a.waarde.strip():
            paren.append((stem, a.waarde))
    hoofd = eigen.waarde if eigen is not None and isinstance(eigen.waarde, str) else None
    return Omschrijvingen(hoofd, tuple(paren))


def _keuzes(tekst: IndicatorTekst, hoofden: Sequence[Respondent]) -> tuple[str, ...]:
    """The hoofd's choices on the question that completes a finding (`aanvulling`)."""
    if tekst.aanvulling is None:
        return ()
    a = eerste_antwoord(list(hoofden), tekst.aanvulling.vraag)
    gekozen = a.waarde if a is not None else None
    return tuple(w for w in gekozen if isinstance(w, str)) if isinstance(gekozen, list) else ()


def compileer(
    kader: Kader,
    antwoorden: AntwoordenBestand,
    overrides: Sequence[Override] = (),
    conclusie_overrides: Sequence[ConclusieOverride] = (),
    status: Status = "concept",
    beleid: Beoordeling | None = None,
    eindoordeel: EindoordeelOverride | None = None,
) -> Beoordeling:
    """The assessment of one aanpak: a verdict with reason and findings per indicator, and
    per theme a conclusion. A draft uses every answer, also of respondents not yet submitted.
    `beleid`: the same gemeente and aanpak on policy level, which a nota relates practice to."""
    if antwoorden.onderzoek.kader != kader.kader:
        raise ValueError(
            f"de antwoorden horen bij kader '{antwoorden.onderzoek.kader}', "
            f"niet bij '{kader.kader}'"
        )
    per_indicator = aanpassen.overrides_per_indicator(kader, overrides)
    per_thema = aanpassen.conclusie_overrides(kader, conclusie_overrides)
    namen = namen_van(kader)
    if kader.beslisregel.per_casus:
        return compileer_per_casus(
            kader, antwoorden, per_indicator, per_thema, status, namen, beleid
        )
    beoordeling = _compileer_per_aanpak(kader, antwoorden, per_indicator, per_thema, status, namen)
    if kader.rapport != "themarapport":
        return beoordeling
    rapport = themarapport(kader, beoordeling, antwoorden, eindoordeel)
    return replace(beoordeling, themarapport=rapport)


def _per_indicator(kader: Kader, namen: Namen, stemmen: Stemmen) -> Namen:
    """In a kader with weger roles of several kinds, the reasons name the voices actually asked
    about this indicator, counted ("de twee partners en de gemeente"), not every weger role."""
    # One voice would need a singular verb in the reasons ("spreekt"); the kader-wide plural
    # words stay then.
    if len(kader.beslisregel.wegers) < 2 or len(stemmen.wegers) < 2:
        return namen
    return replace(namen, alle_wegers=benoem(False, stemmen.wegers, stemmen.wegers, namen)[0])


def _compileer_per_aanpak(
    kader: Kader,
    antwoorden: AntwoordenBestand,
    per_indicator: dict[str, Override],
    per_thema: dict[str, ConclusieOverride],
    status: Status,
    alle_namen: Namen,
) -> Beoordeling:
    """The rule over all respondents of the onderzoek at once (beleidsniveau)."""
    hoofd_rol = kader.beslisregel.hoofd
    hoofden = [r for r in antwoorden.respondenten if r.rol == hoofd_rol]
    # Someone who has not answered anything yet is listed as such, not counted at every
    # indicator as "heeft deze vraag nog niet beantwoord".
    wegers = [r for r in antwoorden.respondenten if r.rol != hoofd_rol and r.antwoorden]
    oordelen: list[IndicatorOordeel] = []
    onderbouwingen: dict[str, list[Onderbouwing]] = {t.naam: [] for t in kader.themas}
    for thema, criterium, indicator in kader.indicatoren():
        stemmen = _stemmen(kader, indicator, hoofden, wegers)
        namen = _per_indicator(kader, alle_namen, stemmen)
        besluit = beslis(stemmen, indicator.vastlegging, namen)
        tekst = indicator_tekst(kader, indicator.id, indicator.tekst)
        override = per_indicator.get(indicator.id)
        tekst_bevinding = bevinding(
            stemmen,
            tekst,
            namen,
            besluit,
            indicator.vastlegging,
            _omschrijvingen(tekst, stemmen, hoofden, wegers),
            _keuzes(tekst, hoofden),
            override.citaten if override else (),
        )
        basis = IndicatorOordeel(
            id=indicator.id,
            thema=thema.naam,
            criterium=criterium.naam,
            indicator=indicator.tekst,
            oordeel=besluit.oordeel,
            reden=besluit.reden,
            bevinding=tekst_bevinding,
            let_op=let_op(stemmen, besluit, tekst, namen),
            aangepast_door_inspecteur=False,
            voorstel=besluit.oordeel,
            regel=besluit.regel,
            operationalisering=indicator.operationalisering,
        )
        oordeel = aanpassen.toepassen(basis, besluit, override)
        oordelen.append(oordeel)
        override_tekst = override.tekst if override else None
        onderbouwingen[thema.naam].append(
            Onderbouwing(oordeel, stemmen, tekst, namen, indicator.vastlegging, override_tekst)
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
        respondenten=respondenten_overzicht(kader, antwoorden.respondenten),
        context=context_van(hoofden),
        indicatoren=tuple(oordelen),
        conclusies=tuple(
            conclusie(t, onderbouwingen[t.naam], per_thema.get(t.naam)) for t in themas
        ),
        rapport=kader.rapport,
        factsheet_teksten=teksten_van(kader).factsheet,
    )


def factsheet(beoordelingen: Sequence[Beoordeling], datum: dt.date) -> Factsheet:
    """One gemeente's factsheet over one or more aanpakken; context comes from their answers.
    `datum` is used only when no assessment carries the date of its onderzoek."""
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
        inwoners=getal(eerste("inwoners")),
        huishoudens_met_kinderen=getal(eerste("huishoudens_met_kinderen")),
        ggsr_gezinnen=getal(eerste("ggsr_gezinnen")),
        ggsr_wijken=tekst(eerste("ggsr_wijken")),
    )
    # Dated by its onderzoeken (the latest), not by the day it is printed.
    eigen = [b.datum for b in beoordelingen if b.datum is not None]
    return Factsheet(
        beoordelingen[0].gemeente, max(eigen) if eigen else datum, context, tuple(beoordelingen)
    )
