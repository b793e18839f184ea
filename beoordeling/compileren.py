"""Compile answers, kader and inspector overrides into an assessment per aanpak and a factsheet.

One compiler for every kader: what the roles mean for the rule (who carries the primary account,
who confirms or contradicts it, whether the rule works per casus) comes from the kader's data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from beoordeling import aanpassen
from beoordeling.beslisregel import (
    Namen,
    Stemmen,
    beslis,
    namen_van,
)
from beoordeling.bevinding import (
    Omschrijvingen,
    aanvulling,
    benoem,
    bevinding_delen,
    let_op,
    schrijfwijze,
)
from beoordeling.conclusie import Onderbouwing, conclusie, tegengesproken
from beoordeling.context import context_van, getal, respondenten_overzicht, tekst
from beoordeling.invoer import eerste_antwoord
from beoordeling.model import (
    Beoordeling,
    ConclusieOverride,
    Context,
    DocumentVermelding,
    EindoordeelOverride,
    Factsheet,
    IndicatorOordeel,
    Override,
    Status,
    Thema,
)
from beoordeling.per_casus import compileer_per_casus
from beoordeling.stemmen import stemmen_van
from beoordeling.taal import kleine_letter
from beoordeling.teksten import IndicatorTekst, indeling_van, indicator_tekst, teksten_van
from beoordeling.themarapport import themarapport
from beoordeling.uitvoering import Geschreven
from beoordeling.werkwijze import werkwijze
from vragenlijsten.antwoorden import (
    AntwoordenBestand,
    Respondent,
)
from vragenlijsten.catalogus import laad_kader
from vragenlijsten.model import Kader


def laad_beoordelingskader(naam: str) -> Kader:
    """The kader an assessment is compiled against, by name."""
    return laad_kader(naam)


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


def _ontbreekt(tekst: IndicatorTekst, namen: Namen, oordeel: str, keuzes: Sequence[str]) -> str:
    """The LET OP of a voldoet where the hoofd names what is still missing (its `aanvulling`
    answer), with what is at stake; "" otherwise."""
    if oordeel != "voldoet" or tekst.aanvulling is None:
        return ""
    zin_ = aanvulling(keuzes, tekst.aanvulling, namen).rstrip(".")
    if not zin_:
        return ""
    if tekst.risico:
        zin_ += f"; {kleine_letter(tekst.risico).rstrip('.')}"
    return zin_ + "."


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
    geschreven: Sequence[Geschreven] = (),
) -> Beoordeling:
    """The assessment of one aanpak: a verdict with reason and findings per indicator, per
    theme a conclusion, and the report's chapters with the inspector's texts (`geschreven`)
    and what was done (for their drafts). A draft uses every answer, also of respondents not
    yet submitted. `beleid`: the same gemeente and aanpak on policy level, which a nota
    relates practice to."""
    b = _compileer(kader, antwoorden, overrides, conclusie_overrides, status, beleid)
    teksten = teksten_van(kader)
    indeling = indeling_van(kader)
    wijze = werkwijze(kader, antwoorden, teksten.functies, indeling)
    b = replace(
        b,
        indeling=indeling,
        geschreven=tuple(geschreven),
        werkwijze=wijze,
        kader_proces=teksten.proces,
    )
    if kader.rapport != "themarapport":
        return b
    return replace(b, themarapport=themarapport(kader, b, antwoorden, eindoordeel))


def _compileer(
    kader: Kader,
    antwoorden: AntwoordenBestand,
    overrides: Sequence[Override],
    conclusie_overrides: Sequence[ConclusieOverride],
    status: Status,
    beleid: Beoordeling | None,
) -> Beoordeling:
    """The verdicts and conclusions, per casus where the kader's rule works that way."""
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
    return _compileer_per_aanpak(kader, antwoorden, per_indicator, per_thema, status, namen)


def _per_indicator(kader: Kader, namen: Namen, stemmen: Stemmen) -> Namen:
    """The words of the reasons for this indicator: several respondents of the hoofd's role
    are counted as such ("de twee wijkteammedewerkers geven samen aan …"), and in a kader with
    weger roles of several kinds the voices actually asked about it ("de twee partners en de
    gemeente"), not every weger role."""
    if len(stemmen.leden) > 1 and stemmen.hoofd is not None:
        namen = replace(namen, hoofd=stemmen.hoofd.wie, hoofd_meervoud=True)
    if len(kader.beslisregel.wegers) < 2 or not stemmen.wegers:
        return namen
    wie = benoem(False, stemmen.wegers, stemmen.wegers, namen)[0]
    return replace(namen, alle_wegers=wie, weger_enkel=len(stemmen.wegers) == 1)


def vermeldingen(stemmen: Stemmen) -> tuple[DocumentVermelding, ...]:
    """The documents behind an indicator, as reports and the JSON list them."""
    return tuple(DocumentVermelding(d.titel, d.steun, d.notitie) for d in stemmen.documentstanden())


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
    sw = schrijfwijze(kader, status)
    oordelen: list[IndicatorOordeel] = []
    onderbouwingen: dict[str, list[Onderbouwing]] = {t.naam: [] for t in kader.themas}
    for thema, criterium, indicator in kader.indicatoren():
        stemmen = stemmen_van(kader, indicator, hoofden, wegers, antwoorden)
        namen = _per_indicator(kader, alle_namen, stemmen)
        besluit = beslis(stemmen, indicator.vastlegging, namen, kader.beslisregel.bronnen)
        tekst = indicator_tekst(kader, indicator.id, indicator.tekst)
        override = per_indicator.get(indicator.id)
        delen = bevinding_delen(
            stemmen,
            tekst,
            namen,
            besluit,
            indicator.vastlegging,
            _omschrijvingen(tekst, stemmen, hoofden, wegers),
            _keuzes(tekst, hoofden),
            override.citaten if override else (),
            sw,
        )
        opmerkingen = let_op(stemmen, besluit, tekst, namen, sw.verdeeld)
        ontbreekt = _ontbreekt(tekst, namen, besluit.oordeel, _keuzes(tekst, hoofden))
        if ontbreekt:
            # What the hoofd itself says is missing stands against its ja: a LET OP, not a
            # sentence beside an unqualified ✓.
            opmerkingen = (*opmerkingen, ontbreekt)
            delen = tuple(d for d in delen if d.sleutel != "aanvulling")
        delen = aanpassen.pas_delen_aan(delen, override)
        basis = IndicatorOordeel(
            id=indicator.id,
            thema=thema.naam,
            criterium=criterium.naam,
            indicator=indicator.tekst,
            oordeel=besluit.oordeel,
            reden=besluit.reden,
            bevinding=aanpassen.tekst_van(delen),
            let_op=opmerkingen,
            aangepast_door_inspecteur=False,
            voorstel=besluit.oordeel,
            regel=besluit.regel,
            operationalisering=indicator.operationalisering,
            delen=delen,
            documenten=vermeldingen(stemmen),
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
            conclusie(
                t,
                onderbouwingen[t.naam],
                per_thema.get(t.naam),
                tegengesproken([o.oordeel for o in onderbouwingen[t.naam]], kader.verwanten),
            )
            for t in themas
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
