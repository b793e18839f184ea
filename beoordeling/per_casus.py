"""The assessment of a kader whose rule works per casus (casusniveau): per family the rule, then
the majority over the families; the casussen part; the chapters and conclusions of the nota."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from beoordeling import aanpassen
from beoordeling.beslisregel import Namen, Stemmen
from beoordeling.bevinding import Schrijfwijze, documentdelen, dossierdelen, schrijfwijze
from beoordeling.casus import (
    CasusRespondenten,
    CasusUitkomst,
    Samenvatting,
    bevinding_over_casussen,
    casussen_van,
    over_casussen,
    per_casus,
    samenvatting,
)
from beoordeling.conclusie import tegengesproken
from beoordeling.context import context_van, respondenten_overzicht
from beoordeling.hoofdstukken import (
    conclusie_over_casussen,
    hoofdstukken,
    uitkomst_telling,
    verband,
    verbanden,
)
from beoordeling.model import (
    Beoordeling,
    Casus,
    ConclusieOverride,
    Deel,
    DocumentVermelding,
    IndicatorOordeel,
    Override,
    Status,
    Thema,
)
from beoordeling.stemmen import stukken
from beoordeling.teksten import IndicatorTekst, indicator_tekst, teksten_van
from vragenlijsten.antwoorden import AntwoordenBestand
from vragenlijsten.model import Kader


def _casus(
    kader: Kader,
    casus: CasusRespondenten,
    uitkomsten: dict[str, list[CasusUitkomst]],
    plaats: int,
) -> Casus:
    """One family: its respondents (by role only) and its verdict on every indicator."""
    return Casus(
        label=casus.label,
        respondenten=respondenten_overzicht(kader, casus.respondenten, anoniem=True),
        indicatoren=tuple(
            uitkomsten[i.id][plaats].indicator(i.id) for _, _, i in kader.indicatoren()
        ),
    )


def _organisaties(antwoorden: AntwoordenBestand) -> tuple[str, ...]:
    """Who took part, as organisations, sorted and never linked to a family."""
    namen = {r.organisatie.strip() for r in antwoorden.respondenten if r.organisatie}
    return tuple(sorted(n for n in namen if n))


def nota_delen(
    uitkomsten: Sequence[CasusUitkomst],
    tekst: IndicatorTekst,
    s: Samenvatting,
    antwoorden: AntwoordenBestand,
    indicator_id: str,
    sw: Schrijfwijze,
) -> tuple[Deel, ...]:
    """A nota's finding in parts: what the inspector read in documents and noted of the
    families' dossiers, then the verdicts counted over the families (which say where the
    dossier decided)."""
    alle_dossiers = tuple(d for u in uitkomsten for d in u.stemmen.dossiers if d.toelichting)
    bronnen = Stemmen(
        None, (), (), None, stukken((), antwoorden.documenten, indicator_id), alle_dossiers
    )
    delen = documentdelen(bronnen, tekst, sw) + dossierdelen(bronnen, tekst, sw)
    bron = "dossiers en antwoorden" if s.dossier_voldoet or s.dossier_verbeterpunt else "antwoorden"
    delen.append(Deel("antwoorden", bron, bevinding_over_casussen(s, [tekst.bewering])))
    return tuple(delen)


def compileer_per_casus(
    kader: Kader,
    antwoorden: AntwoordenBestand,
    per_indicator: dict[str, Override],
    per_thema: dict[str, ConclusieOverride],
    status: Status,
    namen: Namen,
    beleid: Beoordeling | None,
) -> Beoordeling:
    """The nota's assessment: every indicator judged per casus, then over the casussen."""
    casussen = casussen_van(antwoorden.respondenten, antwoorden.dossier)
    sw = schrijfwijze(kader, status)
    beleid_oordelen = {io.id: io for io in beleid.indicatoren} if beleid else {}
    uitkomsten: dict[str, list[CasusUitkomst]] = {}
    samen: dict[str, tuple[Samenvatting, str]] = {}
    oordelen: list[IndicatorOordeel] = []
    for thema, criterium, indicator in kader.indicatoren():
        eigen = per_casus(kader, indicator, casussen, namen, antwoorden.dossier)
        uitkomsten[indicator.id] = eigen
        besluit = over_casussen(eigen, namen)
        tekst = indicator_tekst(kader, indicator.id, indicator.tekst)
        samen[indicator.id] = (samenvatting(eigen, namen), tekst.bewering)
        override = per_indicator.get(indicator.id)
        delen = aanpassen.pas_delen_aan(
            nota_delen(eigen, tekst, samen[indicator.id][0], antwoorden, indicator.id, sw),
            override,
        )
        basis = IndicatorOordeel(
            id=indicator.id,
            thema=thema.naam,
            criterium=criterium.naam,
            indicator=indicator.tekst,
            oordeel=besluit.oordeel,
            reden=besluit.reden,
            bevinding=aanpassen.tekst_van(delen),
            let_op=besluit.let_op,
            aangepast_door_inspecteur=False,
            voorstel=besluit.oordeel,
            regel=besluit.regel,
            per_casus=uitkomst_telling(eigen),
            beleid=verbanden(indicator.beleid, beleid_oordelen),
            operationalisering=indicator.operationalisering,
            delen=delen,
            documenten=tuple(
                DocumentVermelding(d.titel, d.steun, d.notitie)
                for d in stukken((), antwoorden.documenten, indicator.id)
            ),
        )
        oordeel = aanpassen.toepassen(basis, besluit, override)
        oordelen.append(replace(oordeel, verband=verband(oordeel, oordeel.beleid, len(casussen))))
    teksten = teksten_van(kader)
    themas = tuple(Thema(t.naam, t.omschrijving) for t in kader.themas)
    hoofd = kader.beslisregel.hoofd
    tegen = tegengesproken(oordelen, kader.verwanten)
    return Beoordeling(
        gemeente=antwoorden.onderzoek.gemeente,
        aanpak=antwoorden.onderzoek.aanpak,
        kader=kader.kader,
        kader_titel=kader.titel,
        onderzoeksvraag=kader.onderzoeksvraag,
        status=status,
        themas=themas,
        respondenten=respondenten_overzicht(kader, antwoorden.respondenten, anoniem=True),
        context=context_van([r for r in antwoorden.respondenten if r.rol == hoofd]),
        indicatoren=tuple(oordelen),
        conclusies=tuple(
            conclusie_over_casussen(
                t, [o for o in oordelen if o.thema == t.naam], teksten, per_thema.get(t.naam), tegen
            )
            for t in themas
        ),
        rapport=kader.rapport,
        casussen=tuple(_casus(kader, c, uitkomsten, n) for n, c in enumerate(casussen)),
        hoofdstukken=hoofdstukken(teksten, oordelen, samen, tegen),
        organisaties=_organisaties(antwoorden),
    )
