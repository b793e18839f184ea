"""Plain, immutable data of an assessment: inputs (overrides) and results (verdicts, factsheet)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal, get_args

from beoordeling.indeling import Onderdeel
from beoordeling.proces import Proces, ProcesGegevens
from beoordeling.teksten import FactsheetTeksten
from beoordeling.uitvoering import Bron, Geschreven, Werkwijze

Oordeel = Literal["voldoet", "verbeterpunt", "niet_beoordeeld", "niet_van_toepassing"]
OORDELEN: tuple[str, ...] = get_args(Oordeel)
OORDEEL_LABEL: dict[str, str] = {
    "voldoet": "voldoet",
    "verbeterpunt": "verbeterpunt",
    "niet_beoordeeld": "niet beoordeeld",
    "niet_van_toepassing": "niet van toepassing",
}
Status = Literal["concept", "vastgesteld"]
STATUSSEN: tuple[str, ...] = get_args(Status)

# Which rule of BESLISREGEL.md produced a verdict; "inspecteur" when an override decided it,
# "nvt" when a casus said it does not apply, "meerderheid" for the majority over the casussen,
# "D" when what the inspector saw in the dossier decided.
Regel = Literal["1", "2", "3", "4", "5", "6", "D", "geen", "inspecteur", "nvt", "meerderheid"]
Rapport = Literal["factsheet", "nota", "themarapport"]


# --- inputs ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Override:
    """An inspector's verdict and/or findings text for one indicator."""

    indicator_id: str
    oordeel: str | None
    tekst: str | None
    door: str
    wanneer: dt.datetime
    # The inspector's own LET OP remarks instead of the generated ones (() removes them all).
    let_op: tuple[str, ...] | None = None
    # Respondents (Respondent.sleutel) whose toelichting the finding may quote.
    citaten: tuple[str, ...] = ()
    # The inspector's edits of the finding's parts (Deel.sleutel → own text; None drops it).
    delen: tuple[tuple[str, str | None], ...] = ()


@dataclass(frozen=True)
class ConclusieOverride:
    """An inspector's own "Wat gaat goed?" and/or "Wat kan beter?" for one theme."""

    thema: str
    gaat_goed: list[str] | None
    kan_beter: list[str] | None
    door: str
    wanneer: dt.datetime


# --- results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class EindoordeelOverride:
    """An inspector's own overall judgement of a themarapport; `tekst` replaces the standard
    sentence when given."""

    voldoende: bool
    tekst: str | None
    door: str
    wanneer: dt.datetime


@dataclass(frozen=True)
class Aanpassing:
    """Who changed a draft, and when."""

    door: str
    wanneer: dt.datetime


@dataclass(frozen=True)
class BeleidsVerband:
    """A related indicator of the beleidskader and its verdict on policy level."""

    id: str
    indicator: str
    oordeel: Oordeel


@dataclass(frozen=True)
class DocumentVermelding:
    """A document behind an indicator as the report lists it: its title, whether the inspector
    read it for this indicator and what was found (steunt / steunt_deels / steunt_niet)."""

    titel: str
    steun: str | None  # None: named, not (yet) read for this indicator
    notitie: str | None = None


@dataclass(frozen=True)
class Deel:
    """One part of a finding, and where it came from: the lead respondent's own explanation, a
    document the inspector read, a dossier, who agrees and who does not. The concept shows the
    source of each part; the inspector can edit or drop each one."""

    sleutel: str  # stable across compiles: "toelichting", "document:<titel>", "antwoorden", …
    bron: str  # how the concept marks it: "toelichting van de gemeente", "dossier gezin 1"
    tekst: str
    aangepast: bool = False  # the inspector's own words for this part
    weggelaten: bool = False  # dropped by the inspector: kept for the console, never printed


@dataclass(frozen=True)
class IndicatorOordeel:
    """The verdict on one indicator with its reason, findings and LET OP remarks."""

    id: str
    thema: str
    criterium: str
    indicator: str
    oordeel: Oordeel
    reden: str
    bevinding: str
    let_op: tuple[str, ...]
    aangepast_door_inspecteur: bool
    # The rule's own verdict, kept next to an override so the factsheet can show both.
    voorstel: Oordeel
    regel: Regel
    aanpassing: Aanpassing | None = None
    # Per casus (label, verdict), in casus order; empty when the rule is not per casus.
    per_casus: tuple[tuple[str, Oordeel], ...] = ()
    # The same subject on policy level, and one sentence relating practice to it.
    beleid: tuple[BeleidsVerband, ...] = ()
    verband: str | None = None
    # What the inspecties look at to judge it (the kader's operationalisering).
    operationalisering: str | None = None
    # The finding's parts (`bevinding` is their text, one part per line), and what is known of
    # the documents behind the indicator.
    delen: tuple[Deel, ...] = ()
    documenten: tuple[DocumentVermelding, ...] = ()
    # In a follow-up: the verdict of the earlier round ("✗ → ✓"); None in a first round.
    eerder: Oordeel | None = None

    def regels(self, concept: bool) -> tuple[tuple[str, str | None], ...]:
        """The finding as a report prints it, a paragraph per part: in a concept each with
        where it came from ("toelichting van de gemeente", "bewerkt door de inspecteur"), in
        the vastgesteld report the text alone."""
        if not self.delen:
            return tuple((r, None) for r in self.bevinding.split("\n") if r)
        return tuple(
            (
                d.tekst,
                (f"{d.bron}, bewerkt door de inspecteur" if d.aangepast else d.bron)
                if concept
                else None,
            )
            for d in self.delen
            if not d.weggelaten
        )


@dataclass(frozen=True)
class ThemaConclusie:
    """Per theme: what goes well and what can be better, as readable sentences, and per
    sentence the indicators it rests on (empty where the inspector wrote it)."""

    thema: str
    omschrijving: str
    gaat_goed: tuple[str, ...]
    kan_beter: tuple[str, ...]
    aanpassing: Aanpassing | None = None
    goed_op: tuple[tuple[str, ...], ...] = ()
    beter_op: tuple[tuple[str, ...], ...] = ()

    @property
    def aangepast_door_inspecteur(self) -> bool:
        """Whether an inspector wrote (part of) this conclusion."""
        return self.aanpassing is not None


@dataclass(frozen=True)
class RespondentOverzicht:
    """Who was asked, how far they got, and whether they submitted."""

    rol: str
    naam: str
    status: str
    beantwoord: int
    gevraagd: int
    rol_label: str = ""  # the role as reports name it: "netwerkpartner"
    hoofd: bool = False  # the role carrying the primary account
    rol_meervoud: str = ""  # and several of them: "netwerkpartners"

    @property
    def ingediend(self) -> bool:
        """Whether the respondent has submitted."""
        return self.status == "ingediend"


@dataclass(frozen=True)
class Context:
    """The gemeente's own figures and its description of the aanpak (only what it answered)."""

    inwoners: int | None = None
    huishoudens_met_kinderen: int | None = None
    ggsr_gezinnen: int | None = None
    ggsr_wijken: str | None = None
    aanpak_naam: str | None = None
    aanpak_beschrijving: str | None = None
    aanpak_start: dt.date | None = None
    aanpak_gezinnen: int | None = None
    netwerkpartners: tuple[str, ...] = ()
    # The typering of the aanpak in a nota van bevindingen.
    aanpak_aanmelding: str | None = None
    aanpak_doel: str | None = None
    aanpak_regie: str | None = None
    aanpak_partijen: str | None = None


@dataclass(frozen=True)
class Antwoorder:
    """Who in a casus answered what, named by role only ("moeder", "professional 2")."""

    rol: str
    wie: str
    waarde: str | None


@dataclass(frozen=True)
class CasusIndicator:
    """The verdict on one indicator for one casus, its reason, and who answered what."""

    id: str
    oordeel: Oordeel
    regel: Regel
    reden: str
    antwoorden: tuple[Antwoorder, ...]


@dataclass(frozen=True)
class Casus:
    """One family of the onderzoek, known only by its label, with its respondents and verdicts."""

    label: str
    respondenten: tuple[RespondentOverzicht, ...]
    indicatoren: tuple[CasusIndicator, ...]


@dataclass(frozen=True)
class Hoofdstuk:
    """A chapter of "Wat gaat goed?" or "Wat kan beter?": a pattern over several indicators."""

    soort: Literal["goed", "beter"]
    titel: str
    norm: str
    themas: tuple[str, ...]
    bevindingen: tuple[str, ...]
    conclusie: str  # rests on `indicatoren`; its kanttekening (if any) on `tegen`
    indicatoren: tuple[str, ...]
    tegen: tuple[str, ...] = ()


@dataclass(frozen=True)
class Thema:
    """A theme of the kader as the factsheet introduces it."""

    naam: str
    omschrijving: str


@dataclass(frozen=True)
class ThemaHoofdstuk:
    """One theme of a themarapport: what is expected, what policy says, what practice shows
    (the findings and what is at stake), and the conclusion."""

    thema: str
    verwachting: str
    beleid: tuple[str, ...]
    bevindingen: tuple[IndicatorOordeel, ...]
    risicos: tuple[str, ...]
    conclusie: ThemaConclusie
    voldoet: int
    verbeterpunten: int


@dataclass(frozen=True)
class Themarapport:
    """A report per theme (Verwachting / Beleid / Praktijk / Conclusie) with one overall
    judgement: sufficient, or not yet sufficient and to be improved (BESLISREGEL.md). The
    judgement is the inspector's; until it is given, the rule's proposal stands in the
    concept with its count (`onderbouwing`) as support."""

    ondertitel: str
    hoofdstukken: tuple[ThemaHoofdstuk, ...]
    voldoende: bool | None  # None: too little answered for a judgement
    eindoordeel: str
    onderbouwing: tuple[str, ...]
    bronnen: tuple[Bron, ...]
    # What the rule proposes, and who decided otherwise (an inspector's eindoordeel).
    voorstel: bool | None = None
    aanpassing: Aanpassing | None = None


@dataclass(frozen=True)
class Beoordeling:
    """The assessment of one aanpak of one gemeente under one kader."""

    gemeente: str
    aanpak: str
    kader: str
    kader_titel: str
    onderzoeksvraag: str
    status: Status
    themas: tuple[Thema, ...]
    respondenten: tuple[RespondentOverzicht, ...]
    context: Context
    indicatoren: tuple[IndicatorOordeel, ...]
    conclusies: tuple[ThemaConclusie, ...]
    rapport: Rapport = "factsheet"
    # Casusniveau: the families, the chapters of the nota, and who took part (organisations,
    # never linked to a family).
    casussen: tuple[Casus, ...] = ()
    hoofdstukken: tuple[Hoofdstuk, ...] = ()
    organisaties: tuple[str, ...] = ()
    # The onderzoek's own date (vastgesteld, else its deadline); None for a bare compile.
    datum: dt.date | None = None
    # The kader's fixed factsheet texts, if it has them, and a themarapport's chapters.
    factsheet_teksten: FactsheetTeksten | None = None
    themarapport: Themarapport | None = None
    # The report's chapters (kader data), the inspector's texts of its written chapters, and
    # what was done (for their drafts).
    indeling: tuple[Onderdeel, ...] = ()
    geschreven: tuple[Geschreven, ...] = ()
    werkwijze: Werkwijze = field(default_factory=Werkwijze)
    # What happened after the concept (reactions, dates, plan, the earlier round), and the
    # kader's terms for it.
    proces: ProcesGegevens = field(default_factory=ProcesGegevens)
    kader_proces: Proces = field(default_factory=Proces)

    def tekst_van(self, naam: str) -> Geschreven | None:
        """The inspector's current text of a written chapter, if there is one."""
        return next((g for g in self.geschreven if g.naam == naam and g.tekst), None)

    def oordeel(self, indicator_id: str) -> IndicatorOordeel:
        """The verdict on one indicator; KeyError for an unknown id."""
        for io in self.indicatoren:
            if io.id == indicator_id:
                return io
        raise KeyError(indicator_id)

    def per_thema(self, thema: str) -> tuple[IndicatorOordeel, ...]:
        """The verdicts of one theme, in kader order."""
        return tuple(io for io in self.indicatoren if io.thema == thema)

    @property
    def centraal(self) -> frozenset[str]:
        """The indicators the nota's chapters are built around (highlighted in Bijlage 1)."""
        return frozenset(i for h in self.hoofdstukken for i in h.indicatoren)

    def conclusie(self, thema: str) -> ThemaConclusie:
        """The conclusion of one theme; KeyError for an unknown theme."""
        for c in self.conclusies:
            if c.thema == thema:
                return c
        raise KeyError(thema)


@dataclass(frozen=True)
class Nota:
    """The nota van bevindingen of one aanpak (casusniveau)."""

    datum: dt.date
    beoordeling: Beoordeling

    @property
    def status(self) -> Status:
        """The assessment's status."""
        return self.beoordeling.status


@dataclass(frozen=True)
class Factsheet:
    """One gemeente's factsheet: its context and one assessment per aanpak."""

    gemeente: str
    datum: dt.date
    context: Context
    aanpakken: tuple[Beoordeling, ...]

    @property
    def status(self) -> Status:
        """Vastgesteld only when every aanpak is; otherwise the factsheet is a concept."""
        if self.aanpakken and all(b.status == "vastgesteld" for b in self.aanpakken):
            return "vastgesteld"
        return "concept"
