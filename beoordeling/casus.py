"""Casusniveau (BESLISREGEL.md, "Casusniveau"): the decision rule applied per casus, where the
respondents of one family are the voices, and then the majority of the casussen decides.

Which role is the primary account and which roles speak as one voice comes from the kader's
`beslisregel`; how voices are named comes from the roles (`Namen`, `stem`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from beoordeling.beslisregel import BRUIKBAAR, Besluit, Namen, Stem, Stemmen, beslis
from beoordeling.invoer import aanduiding, documenten, eerste_antwoord, waarde
from beoordeling.model import Antwoorder, CasusIndicator, Oordeel
from beoordeling.taal import getal_woord, hoofdletter, opsomming
from vragenlijsten.antwoorden import Respondent
from vragenlijsten.model import NVT, Indicator, Kader

ZONDER_CASUS = "zonder casus"


@dataclass(frozen=True)
class CasusRespondenten:
    """The respondents of one casus, in file order."""

    label: str
    respondenten: tuple[Respondent, ...]


def casussen_van(respondenten: Sequence[Respondent]) -> list[CasusRespondenten]:
    """The respondents grouped by casus, in the order the casussen first appear."""
    groepen: dict[str, list[Respondent]] = {}
    for r in respondenten:
        groepen.setdefault(r.casus or ZONDER_CASUS, []).append(r)
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
    kader: Kader, indicator: Indicator, casus: CasusRespondenten, namen: Namen
) -> Stemmen:
    """The voices of one casus: the primary account, then per weger role one voice (its
    `stem`) or one voice per respondent, named by role only."""
    regel = kader.beslisregel
    hoofd = None
    if regel.hoofd in indicator.rollen:
        eigen = [r for r in casus.respondenten if r.rol == regel.hoofd]
        antwoord = eerste_antwoord(eigen, indicator.id)
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
        leden = [r for r in casus.respondenten if r.rol == weger.rol]
        if weger.stem is not None:
            if leden:
                waarden = [waarde(r.antwoorden.get(indicator.id)) for r in leden]
                wegers.append(Stem(weger.stem, samen(waarden)))
            continue
        rol = kader.rol(weger.rol)
        for r in leden:
            wie = f"een {rol.enkelvoud}" if rol else r.rol
            wegers.append(Stem(wie, waarde(r.antwoorden.get(indicator.id))))
    return Stemmen(hoofd, tuple(wegers))


def beslis_casus(stemmen: Stemmen, indicator: Indicator, namen: Namen) -> Besluit:
    """Rule C0, then rules 2–6: an indicator that does not apply to this casus is set aside."""
    if indicator.niet_van_toepassing:
        tegen = any(w.waarde in ("nee", "deels") for w in stemmen.wegers)
        hoofd_nvt = stemmen.hoofd is not None and stemmen.hoofd.waarde == NVT
        niemand = stemmen.g() is None and not stemmen.bruikbare_wegers()
        iemand_nvt = hoofd_nvt or any(w.waarde == NVT for w in stemmen.wegers)
        if (hoofd_nvt and not tegen) or (niemand and iemand_nvt):
            wie = namen.hoofd if hoofd_nvt else namen.alle_wegers
            reden = f"Regel C0: volgens {wie} is dit bij dit gezin niet van toepassing."
            return Besluit("niet_van_toepassing", "nvt", reden, ())
    zonder_nvt = Stemmen(
        _zonder_nvt(stemmen.hoofd) if stemmen.hoofd else None,
        tuple(_zonder_nvt(w) for w in stemmen.wegers),
    )
    return beslis(zonder_nvt, indicator.vastlegging, namen)


def _zonder_nvt(stem: Stem) -> Stem:
    """A voice whose n.v.t. does not settle the casus counts as no answer."""
    if stem.waarde != NVT:
        return stem
    return Stem(stem.wie, None, stem.toelichting, stem.documenten)


def per_casus(
    kader: Kader, indicator: Indicator, casussen: Sequence[CasusRespondenten], namen: Namen
) -> list[CasusUitkomst]:
    """The verdict of every casus on one indicator."""
    uitkomsten = []
    for casus in casussen:
        stemmen = stemmen_in_casus(kader, indicator, casus, namen)
        besluit = beslis_casus(stemmen, indicator, namen)
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


def waarom_niet(u: CasusUitkomst, namen: Namen) -> str:
    """Why one casus is a verbeterpunt, in a clause: "de regisseur geeft zelf aan dat …"."""
    g = u.stemmen.g()
    if u.besluit.regel == "2":
        hoe = "niet" if g == "nee" else "slechts deels"
        return f"{namen.hoofd} geeft zelf aan dat dit {hoe} zo is"
    tegen = [w.wie for w in u.stemmen.wegers if w.waarde in ("nee", "deels")]
    wie = opsomming(tegen) or namen.alle_wegers
    if u.besluit.regel == "4":
        werkwoord = "spreken" if len(tegen) != 1 else "spreekt"
        return f"{wie} {werkwoord} {namen.hoofd} tegen"
    if u.besluit.regel == "6":
        return f"{namen.hoofd} gaf geen antwoord en {wie} zien het niet zo"
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
        let_op.extend(f"Bij {u.label} niet: {waarom_niet(u, namen)}." for u in x)
        for u in v:
            let_op.extend(f"Bij {u.label}: {opmerking}" for opmerking in u.besluit.let_op)
    return Besluit(oordeel, "meerderheid", reden, tuple(let_op))


def _wie_ja(uitkomsten: Sequence[CasusUitkomst]) -> tuple[str, bool]:
    """The voices that confirm it, over these casussen: "de regisseur en het gezin"."""
    wie: list[str] = []
    for u in uitkomsten:
        stemmen = ([u.stemmen.hoofd] if u.stemmen.hoofd else []) + list(u.stemmen.wegers)
        for s in stemmen:
            if s.waarde == "ja" and s.wie not in wie:
                wie.append(s.wie)
    return opsomming(wie), len(wie) > 1


def bevinding_over_casussen(
    uitkomsten: Sequence[CasusUitkomst], bewering: str, namen: Namen
) -> str:
    """The finding counted over the families: "Bij twee van de drie gezinnen geven de regisseur
    en het gezin aan dat …. Bij één gezin niet: de regisseur geeft zelf aan dat …"."""
    totaal = len(uitkomsten)
    v = [u for u in uitkomsten if u.besluit.oordeel == "voldoet"]
    x = [u for u in uitkomsten if u.besluit.oordeel == "verbeterpunt"]
    nvt = [u for u in uitkomsten if u.besluit.oordeel == "niet_van_toepassing"]
    leeg = [u for u in uitkomsten if u.besluit.oordeel == "niet_beoordeeld"]
    zinnen = []
    if v:
        wie, meer = _wie_ja(v)
        wie = wie or "de betrokkenen"
        zinnen.append(
            f"Bij {_gezinnen(len(v), totaal)} {'geven' if meer else 'geeft'} {wie} aan "
            f"dat {bewering}."
        )
    if x:
        redenen: dict[str, int] = {}
        for u in x:
            reden = waarom_niet(u, namen)
            redenen[reden] = redenen.get(reden, 0) + 1
        uitleg = "; ".join(
            reden if n == 1 or len(x) == 1 else f"{reden} (bij {getal_woord(n)})"
            for reden, n in redenen.items()
        )
        if v:
            zinnen.append(f"Bij {_gezinnen(len(x), totaal)} niet: {uitleg}.")
        else:
            zinnen.append(
                f"Bij {_gezinnen(len(x), totaal)} blijkt uit de antwoorden niet dat {bewering}: "
                f"{uitleg}."
            )
    if nvt:
        zinnen.append(f"Bij {_gezinnen(len(nvt), totaal)} is dit niet van toepassing.")
    if leeg:
        zinnen.append(f"Bij {_gezinnen(len(leeg), totaal)} is hierover (nog) niets gezegd.")
    if not zinnen:
        return "Er zijn nog geen antwoorden op deze vraag."
    return " ".join(hoofdletter(z) for z in zinnen)
