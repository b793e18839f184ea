"""Casusniveau (BESLISREGEL.md, "Casusniveau"): the decision rule applied per casus, where the
respondents of one family are the voices, and then the majority of the casussen decides.

Which role is the primary account and which roles speak as one voice comes from the kader's
`beslisregel`; how voices are named comes from the roles (`Namen`, `stem`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from beoordeling.beslisregel import BRUIKBAAR, Besluit, Namen, Stem, Stemmen, beslis, combineer
from beoordeling.invoer import aanduiding, documenten, waarde
from beoordeling.model import Antwoorder, CasusIndicator, Oordeel
from beoordeling.stemmen import dossierstemmen
from beoordeling.taal import getal_woord, hoofdletter, opsomming
from vragenlijsten.antwoorden import Dossierbevinding, Respondent
from vragenlijsten.model import NVT, Bronnen, Indicator, Kader

ZONDER_CASUS = "zonder casus"


@dataclass(frozen=True)
class CasusRespondenten:
    """The respondents of one casus, in file order."""

    label: str
    respondenten: tuple[Respondent, ...]


def casussen_van(
    respondenten: Sequence[Respondent], dossier: Sequence[Dossierbevinding] = ()
) -> list[CasusRespondenten]:
    """The respondents grouped by casus, in the order the casussen first appear; a family
    known only from its dossier comes after them."""
    groepen: dict[str, list[Respondent]] = {}
    for r in respondenten:
        groepen.setdefault(r.casus or ZONDER_CASUS, []).append(r)
    for d in dossier:
        groepen.setdefault(d.casus, [])
    return [CasusRespondenten(label, tuple(rs)) for label, rs in groepen.items()]


def samen(waarden: Sequence[str | None]) -> str | None:
    """One voice for all respondents of a role in one casus. Weighed as in rule 4 (nee 1,
    deels ½): ja when contradiction weighs less than a third, nee when more than two thirds,
    deels in between; without a usable answer, n.v.t. or weet_niet if someone said so."""
    bruikbaar = [w for w in waarden if w in BRUIKBAAR]
    if not bruikbaar:
        for leeg in (NVT, "weet_niet"):
            if leeg in waarden:
                return leeg
        return None
    n = len(bruikbaar)
    t = 2 * bruikbaar.count("nee") + bruikbaar.count("deels")  # in halves, so integers
    if 3 * t < 2 * n:
        return "ja"
    if 3 * t > 4 * n:
        return "nee"
    return "deels"


@dataclass(frozen=True)
class CasusUitkomst:
    """One casus's verdict on one indicator, with what the nota needs to write about it."""

    label: str
    besluit: Besluit
    stemmen: Stemmen
    antwoorden: tuple[Antwoorder, ...]

    def indicator(self, indicator_id: str) -> CasusIndicator:
        """As the casussen part of `stj-beoordeling/1` holds it."""
        b = self.besluit
        return CasusIndicator(indicator_id, b.oordeel, b.regel, b.reden, self.antwoorden)


def _antwoorders(kader: Kader, indicator: Indicator, casus: CasusRespondenten) -> list[Antwoorder]:
    """Who in this casus was asked about the indicator and what they answered, by role only;
    two of the same ("professional") are numbered."""
    gevraagd = [r for r in casus.respondenten if r.rol in indicator.rollen]
    namen = [aanduiding(r, kader.rol(r.rol)) for r in gevraagd]
    lijst = []
    for n, (r, wie) in enumerate(zip(gevraagd, namen, strict=True)):
        if namen.count(wie) > 1:
            wie = f"{wie} {namen[: n + 1].count(wie)}"
        lijst.append(Antwoorder(r.rol, wie, waarde(r.antwoorden.get(indicator.id))))
    return lijst


def stemmen_in_casus(
    kader: Kader,
    indicator: Indicator,
    casus: CasusRespondenten,
    namen: Namen,
    dossier: Sequence[Dossierbevinding] = (),
) -> Stemmen:
    """The voices of one casus: the primary account (several respondents of its role
    combined), then per weger role one voice (its `stem`) or one voice per respondent, named
    by role only; and what the inspector saw in this family's dossier, as the kader weighs it."""
    regel = kader.beslisregel
    hoofd = None
    leden: tuple[Stem, ...] = ()
    if regel.hoofd in indicator.rollen:
        eigen = [r for r in casus.respondenten if r.rol == regel.hoofd]
        gaven = [r.antwoorden[indicator.id] for r in eigen if indicator.id in r.antwoorden]
        if len(gaven) > 1:
            leden = tuple(Stem(namen.hoofd, waarde(a), None, documenten(a)) for a in gaven)
            hoofd = Stem(namen.hoofd, combineer([s.waarde for s in leden]))
        else:
            antwoord = gaven[0] if gaven else None
            hoofd = Stem(
                namen.hoofd,
                waarde(antwoord),
                None,
                documenten(antwoord) if antwoord else (),
            )
    wegers: list[Stem] = []
    for weger in regel.wegers:
        if weger.rol not in indicator.rollen:
            continue
        leden_rol = [r for r in casus.respondenten if r.rol == weger.rol]
        rol = kader.rol(weger.rol)
        if weger.stem is not None:
            if leden_rol:
                waarden = [waarde(r.antwoorden.get(indicator.id)) for r in leden_rol]
                # "de professionals" is plural, "het gezin" is not: the stem names the role's
                # plural form or not.
                meervoud = rol is not None and weger.stem.split()[-1] == rol.meervoud
                wegers.append(Stem(weger.stem, samen(waarden), meervoud=meervoud))
            continue
        for r in leden_rol:
            wie = f"een {rol.enkelvoud}" if rol else r.rol
            wegers.append(Stem(wie, waarde(r.antwoorden.get(indicator.id))))
    eigen_dossier = [d for d in dossier if d.casus == casus.label]
    beslissend, extra, dossiers = dossierstemmen(kader, indicator, eigen_dossier)
    return Stemmen(hoofd, (*wegers, *extra), leden, beslissend, (), dossiers)


def beslis_casus(
    stemmen: Stemmen, indicator: Indicator, namen: Namen, bronnen: Bronnen | None = None
) -> Besluit:
    """Rule C0, then rules 2–6: an indicator that does not apply to this casus is set aside.
    Reasons name the voices this casus has ("het gezin"), not every role of the kader."""
    aanwezig = list(dict.fromkeys(w.wie for w in stemmen.wegers))
    if aanwezig:
        namen = replace(namen, alle_wegers=opsomming(aanwezig))
    dossier_beslist = stemmen.dossier is not None and stemmen.dossier.waarde in BRUIKBAAR
    if indicator.niet_van_toepassing and not dossier_beslist:
        tegen = any(w.waarde in ("nee", "deels") for w in stemmen.wegers)
        hoofd_nvt = stemmen.hoofd is not None and stemmen.hoofd.waarde == NVT
        niemand = stemmen.g() is None and not stemmen.bruikbare_wegers()
        iemand_nvt = hoofd_nvt or any(w.waarde == NVT for w in stemmen.wegers)
        if (hoofd_nvt and not tegen) or (niemand and iemand_nvt):
            wie = namen.hoofd if hoofd_nvt else namen.alle_wegers
            reden = f"Regel C0: volgens {wie} is dit bij dit gezin niet van toepassing."
            return Besluit("niet_van_toepassing", "nvt", reden, ())
    zonder_nvt = replace(
        stemmen,
        hoofd=_zonder_nvt(stemmen.hoofd) if stemmen.hoofd else None,
        wegers=tuple(_zonder_nvt(w) for w in stemmen.wegers),
    )
    return beslis(zonder_nvt, indicator.vastlegging, namen, bronnen)


def _zonder_nvt(stem: Stem) -> Stem:
    """A voice whose n.v.t. does not settle the casus counts as no answer."""
    return stem if stem.waarde != NVT else replace(stem, waarde=None)


def per_casus(
    kader: Kader,
    indicator: Indicator,
    casussen: Sequence[CasusRespondenten],
    namen: Namen,
    dossier: Sequence[Dossierbevinding] = (),
) -> list[CasusUitkomst]:
    """The verdict of every casus on one indicator."""
    uitkomsten = []
    for casus in casussen:
        stemmen = stemmen_in_casus(kader, indicator, casus, namen, dossier)
        besluit = beslis_casus(stemmen, indicator, namen, kader.beslisregel.bronnen)
        antwoorders = tuple(_antwoorders(kader, indicator, casus))
        uitkomsten.append(CasusUitkomst(casus.label, besluit, stemmen, antwoorders))
    return uitkomsten


# --- over the casussen -----------------------------------------------------------------------


def aantal(n: int, van: int) -> str:
    """How findings count families: "twee van de drie", "alle drie", "het ene"."""
    if n == van:
        return "het ene" if n == 1 else ("beide" if n == 2 else f"alle {getal_woord(n)}")
    return f"{getal_woord(n)} van de {getal_woord(van)}"


def _gezinnen(n: int, van: int) -> str:
    """ "twee van de drie gezinnen", "beide gezinnen", "het ene gezin"."""
    return f"{aantal(n, van)} {'gezin' if n == van == 1 else 'gezinnen'}"


def _labels(uitkomsten: Sequence[CasusUitkomst]) -> str:
    return opsomming([u.label for u in uitkomsten])


def _werkwoord(stemmen: Sequence[Stem], enkel: str, meervoud: str) -> str:
    """The verb agreeing with these voices: "het gezin spreekt", "de professionals spreken"."""
    return meervoud if len(stemmen) != 1 or stemmen[0].meervoud else enkel


def waarom_niet(u: CasusUitkomst, namen: Namen) -> str:
    """Why one casus is a verbeterpunt, in a clause: "de regisseur geeft zelf aan dat …"."""
    g = u.stemmen.g()
    if u.besluit.regel == "D" and u.stemmen.dossier is not None:
        hoe = "niet" if u.stemmen.dossier.waarde == "nee" else "maar deels"
        return f"in het dossier is te zien dat dit {hoe} zo is"
    if u.besluit.regel == "2":
        hoe = "niet" if g == "nee" else "slechts deels"
        return f"{namen.hoofd} geeft zelf aan dat dit {hoe} zo is"
    tegen = [w for w in u.stemmen.wegers if w.waarde in ("nee", "deels")]
    wie = opsomming([w.wie for w in tegen]) or namen.alle_wegers
    if u.besluit.regel == "4":
        return f"{wie} {_werkwoord(tegen, 'spreekt', 'spreken')} {namen.hoofd} tegen"
    if u.besluit.regel == "6":
        zien = _werkwoord(tegen, "ziet", "zien")
        return f"{namen.hoofd} gaf geen antwoord en {wie} {zien} het niet zo"
    return u.besluit.reden.rstrip(".")


def over_casussen(uitkomsten: Sequence[CasusUitkomst], namen: Namen) -> Besluit:
    """The majority of the casussen decides; n.v.t. and unjudged casussen do not count, and a
    tie is a verbeterpunt (BESLISREGEL.md, rule C)."""
    totaal = len(uitkomsten)
    v = [u for u in uitkomsten if u.besluit.oordeel == "voldoet"]
    x = [u for u in uitkomsten if u.besluit.oordeel == "verbeterpunt"]
    nvt = [u for u in uitkomsten if u.besluit.oordeel == "niet_van_toepassing"]
    leeg = [u for u in uitkomsten if u.besluit.oordeel == "niet_beoordeeld"]
    opmerkingen = []
    if nvt:
        opmerkingen.append(f"niet van toepassing bij {_labels(nvt)}")
    if leeg:
        opmerkingen.append(f"geen bruikbare antwoorden bij {_labels(leeg)}")
    bij = f" ({'; '.join(opmerkingen)}; dat telt niet mee)" if opmerkingen else ""
    if not v and not x:
        if nvt and not leeg:
            reden = f"Regel C: bij geen van de gezinnen van toepassing{bij}."
            return Besluit("niet_van_toepassing", "nvt", reden, ())
        reden = "Geen bruikbare antwoorden: bij geen van de gezinnen is hierover iets gezegd."
        return Besluit("niet_beoordeeld", "geen", reden, ())
    telling = []
    if v:
        telling.append(f"bij {_gezinnen(len(v), totaal)} voldoet dit ({_labels(v)})")
    if x:
        telling.append(f"bij {_gezinnen(len(x), totaal)} niet ({_labels(x)})")
    oordeel: Oordeel = "voldoet" if len(v) > len(x) else "verbeterpunt"
    gelijk = "; bij gelijke stand wordt het een verbeterpunt" if len(v) == len(x) else ""
    reden = f"Regel C: de meerderheid van de gezinnen beslist: {' en '.join(telling)}{bij}{gelijk}."
    let_op: list[str] = []
    if oordeel == "voldoet":
        if x:
            let_op.append(f"Bij {_labels(x)} voldoet dit niet.")
        # The same remark in several families is said once, for all of them.
        per_opmerking: dict[str, list[str]] = {}
        for u in v:
            for opmerking in u.besluit.let_op:
                per_opmerking.setdefault(opmerking, []).append(u.label)
        let_op.extend(
            f"Bij {opsomming(labels)}: {opmerking[:1].lower()}{opmerking[1:]}"
            for opmerking, labels in per_opmerking.items()
        )
    return Besluit(oordeel, "meerderheid", reden, tuple(let_op))


@dataclass(frozen=True)
class Samenvatting:
    """What the families say about one indicator, counted, in parts a sentence is made of.
    Indicators with equal summaries can be told in one sentence."""

    totaal: int
    voldoet: int
    verbeterpunt: int
    nvt: int
    leeg: int
    wie_ja: str  # the voices confirming it in the families where it holds
    meer: bool  # whether wie_ja takes a plural verb
    waarom: str  # why not, in the families where it does not hold
    # Where the inspector's dossier study decided every family of one side: the sentence then
    # says it was seen in the dossier, not heard in the answers.
    dossier_voldoet: bool = False
    dossier_verbeterpunt: bool = False


def samenvatting(uitkomsten: Sequence[CasusUitkomst], namen: Namen) -> Samenvatting:
    """Count the families per verdict and say who confirms it and why it fails elsewhere."""
    v = [u for u in uitkomsten if u.besluit.oordeel == "voldoet"]
    x = [u for u in uitkomsten if u.besluit.oordeel == "verbeterpunt"]
    wie: list[Stem] = []
    for u in v:
        for stem in ([u.stemmen.hoofd] if u.stemmen.hoofd else []) + list(u.stemmen.wegers):
            if stem.waarde == "ja" and stem.wie not in [w.wie for w in wie]:
                wie.append(stem)
    redenen = [(u.besluit.regel, waarom_niet(u, namen)) for u in x]
    verschillend = list(dict.fromkeys(r for _, r in redenen))
    if len(verschillend) > 1 and all(regel == "2" for regel, _ in redenen):
        # "niet" in one family and "slechts deels" in another: one clause for both.
        waarom = f"{namen.hoofd} geeft zelf aan dat dit niet of slechts deels zo is"
    elif len(verschillend) > 1:
        waarom = "; ".join(
            f"{r} (bij {getal_woord(sum(r == ander for _, ander in redenen))})"
            for r in verschillend
        )
    else:
        waarom = verschillend[0] if verschillend else ""
    return Samenvatting(
        totaal=len(uitkomsten),
        voldoet=len(v),
        verbeterpunt=len(x),
        nvt=sum(u.besluit.oordeel == "niet_van_toepassing" for u in uitkomsten),
        leeg=sum(u.besluit.oordeel == "niet_beoordeeld" for u in uitkomsten),
        wie_ja=opsomming([w.wie for w in wie]) or "de betrokkenen",
        meer=len(wie) != 1 or wie[0].meervoud,
        waarom=waarom,
        dossier_voldoet=bool(v) and not wie and all(u.besluit.regel == "D" for u in v),
        dossier_verbeterpunt=bool(x) and all(u.besluit.regel == "D" for u in x),
    )


def _dat(beweringen: Sequence[str], voegwoord: str) -> str:
    """ "dat A, dat B en dat C"."""
    return opsomming([f"dat {b}" for b in beweringen], voegwoord)


def bevinding_over_casussen(s: Samenvatting, beweringen: Sequence[str]) -> str:
    """The finding counted over the families, for one indicator or for several that the
    families judged alike: "Bij twee van de drie gezinnen geven de regisseur en het gezin aan
    dat …. Bij één van de drie gezinnen niet: de regisseur geeft zelf aan dat …"."""
    zinnen = []
    if s.voldoet and s.dossier_voldoet:
        zinnen.append(
            f"Bij {_gezinnen(s.voldoet, s.totaal)} is in het dossier te zien "
            f"{_dat(beweringen, 'en')}."
        )
    elif s.voldoet:
        zinnen.append(
            f"Bij {_gezinnen(s.voldoet, s.totaal)} {'geven' if s.meer else 'geeft'} {s.wie_ja} "
            f"aan {_dat(beweringen, 'en')}."
        )
    if s.verbeterpunt and s.dossier_verbeterpunt:
        zinnen.append(
            f"Bij {_gezinnen(s.verbeterpunt, s.totaal)} is in het dossier niet te zien "
            f"{_dat(beweringen, 'of')}."
        )
    elif s.verbeterpunt:
        if s.voldoet:
            zinnen.append(f"Bij {_gezinnen(s.verbeterpunt, s.totaal)} niet: {s.waarom}.")
        else:
            zinnen.append(
                f"Bij {_gezinnen(s.verbeterpunt, s.totaal)} blijkt uit de antwoorden niet "
                f"{_dat(beweringen, 'of')}: {s.waarom}."
            )
    dit = "dit" if len(beweringen) == 1 else "dit alles"
    if s.nvt:
        zinnen.append(f"Bij {_gezinnen(s.nvt, s.totaal)} is {dit} niet van toepassing.")
    if s.leeg:
        zinnen.append(f"Bij {_gezinnen(s.leeg, s.totaal)} is hierover (nog) niets gezegd.")
    if not zinnen:
        return "Er zijn nog geen antwoorden op deze vraag."
    return " ".join(hoofdletter(z) for z in zinnen)
