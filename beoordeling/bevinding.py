"""Findings in the factsheet's voice: who says what, counted and anonymous ("de gemeente en twee
netwerkpartners", "één netwerkpartner uit de jeugdzorg"), what the descriptions they gave have
in common, where it is laid down, and a LET OP of one sentence on what differs. A respondent's
own words appear only where an inspector marked them as quotable. The words for the voices come
from the kader (`Namen`), the sentences per indicator from its texts (`IndicatorTekst`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from beoordeling.beslisregel import Besluit, Namen, Stem, Stemmen
from beoordeling.derde_persoon import Wij, derde_persoon, is_zin
from beoordeling.model import Deel
from beoordeling.taal import citaat, getal_woord, hoofdletter, kleine_letter, opsomming, titel, zin
from beoordeling.teksten import Aanvulling, IndicatorTekst, Vergelijk, teksten_van
from beoordeling.vergelijken import komen_overeen
from vragenlijsten.antwoorden import titel_sleutel
from vragenlijsten.model import Kader

# Later groups of a counting sentence (and every group once the claim was stated) refer
# back to it with "dit".
_KORT = {
    "ja": "dat dit zo is",
    "deels": "dat dit maar deels zo is",
    "nee": "dat dit niet zo is",
}
_VERVOLG = {
    "ja": "dat dit wel zo is",
    "deels": "dat dit maar deels zo is",
    "nee": "dat dit niet zo is",
}
GEEN_ANTWOORDEN = "Er zijn nog geen antwoorden op deze vraag."
# A quoted description is cut at a word boundary: the finding compares, it does not reprint.
MAX_OMSCHRIJVING = 160


@dataclass(frozen=True)
class Omschrijvingen:
    """The answers of the hoofd and of each weger to a text question a finding compares."""

    hoofd: str | None
    wegers: tuple[tuple[Stem, str], ...]


def onderwerp(hoofd: bool, wegers: int, wegers_totaal: int, namen: Namen) -> tuple[str, bool]:
    """The subject "de gemeente en twee netwerkpartners" and whether it is plural."""
    delen = [namen.hoofd] if hoofd else []
    if wegers:
        if wegers == wegers_totaal:
            delen.append(
                f"de {namen.weger}" if wegers == 1 else f"de {getal_woord(wegers)} {namen.wegers}"
            )
        else:
            woord = namen.weger if wegers == 1 else namen.wegers
            delen.append(f"{getal_woord(wegers)} {woord}")
    return " en ".join(delen), int(hoofd) + wegers > 1


def _rol(stem: Stem, namen: Namen) -> tuple[str, str]:
    """A weger's role, singular and plural."""
    return (stem.rol[0] or namen.weger, stem.rol[1] or namen.wegers)


def gemengd(stemmen: Sequence[Stem], namen: Namen) -> bool:
    """Whether these wegers are of more than one role."""
    return len({_rol(s, namen) for s in stemmen}) > 1


def benoem(
    hoofd: bool, groep: Sequence[Stem], alle: Sequence[Stem], namen: Namen
) -> tuple[str, bool]:
    """Like `onderwerp`, counted per role where the wegers have several ("de
    wijkteammedewerker, twee cliënten en de partner"); one weger out of several of its role is
    named by sector where it is known. Also whether the subject is plural."""
    delen = [namen.hoofd] if hoofd else []
    delen += _per_rol(groep, alle, namen)
    return opsomming(delen), int(hoofd) + len(groep) > 1


def _per_rol(groep: Sequence[Stem], alle: Sequence[Stem], namen: Namen) -> list[str]:
    """These voices counted per role, out of all voices of that role."""
    delen = []
    for rol in dict.fromkeys(_rol(s, namen) for s in groep):
        eigen = [s for s in groep if _rol(s, namen) == rol]
        totaal = sum(_rol(s, namen) == rol for s in alle)
        n = len(eigen)
        woord = rol[0] if n == 1 else rol[1]
        if n == totaal:
            deel = f"de {woord}" if n == 1 else f"de {getal_woord(n)} {woord}"
        else:
            deel = f"{getal_woord(n)} {woord}"
        if n == 1 and totaal > 1 and eigen[0].sector:
            deel += f" {eigen[0].sector}"
        delen.append(deel)
    return delen


def _wie(
    hoofd: bool, groep: Sequence[Stem], alle: Sequence[Stem], namen: Namen
) -> tuple[str, bool]:
    """The subject of a clause about these voices."""
    return benoem(hoofd, groep, alle, namen)


def _zonder_herhaling(wie: str, bewering: str, namen: Namen) -> str:
    """Avoid "De gemeente geeft aan dat de gemeente …": the claim then says "zij"."""
    if wie == namen.hoofd and bewering.startswith(f"{namen.hoofd} "):
        return "zij " + bewering[len(namen.hoofd) + 1 :]
    return bewering


def _volgorde(g: str | None) -> tuple[str, ...]:
    """Ja, deels, nee — but the hoofd's own answer first, as the rule starts from it."""
    gewoon = ("ja", "deels", "nee")
    return (g, *(w for w in gewoon if w != g)) if g in gewoon else gewoon


def _als_tekst(tekst: IndicatorTekst | str) -> IndicatorTekst:
    return tekst if isinstance(tekst, IndicatorTekst) else IndicatorTekst(tekst, "")


def iedereen_ja(stemmen: Stemmen) -> bool:
    """Whether every respondent asked answered ja: only then may a finding say "Alle
    ondervraagden" (a voice that stands for several must be unanimous itself)."""
    hoofden = stemmen.hoofdstemmen()
    return (
        bool(hoofden)
        and bool(stemmen.wegers)
        and all(s.waarde == "ja" and s.eensgezind for s in (*hoofden, *stemmen.wegers))
    )


def wie_zegt_wat(
    stemmen: Stemmen,
    tekst: IndicatorTekst | str,
    namen: Namen,
    weglaten: Sequence[Stem] = (),
    kort: bool = False,
    zonder_hoofd: bool = False,
) -> str:
    """The counting sentences: "De gemeente en twee netwerkpartners geven aan dat …; …".
    Voices in `weglaten` are left to the LET OP, so nothing is said twice. `kort`: the claim
    was stated before (a toelichting, a document), so the clauses refer to it as "dit";
    `zonder_hoofd`: the hoofd's own words already stand in the finding."""
    t = _als_tekst(tekst)
    if iedereen_ja(stemmen):
        return "Alle ondervraagden geven aan dat " + ("dit zo is." if kort else f"{t.bewering}.")
    hoofden = () if zonder_hoofd else stemmen.hoofdstemmen()
    enkel = len(stemmen.leden) < 2  # one respondent of the hoofd's role: named as the hoofd
    # By identity: comparing frozen dataclasses field by field made this quadratic in the number
    # of respondents (a third of a 1,000-respondent compile, measured for issue 23).
    laten = {id(p) for p in weglaten}
    wegers = [p for p in stemmen.wegers if id(p) not in laten]
    clausules: list[str] = []
    for waarde in _volgorde(stemmen.g()):
        eigen = [h for h in hoofden if h.waarde == waarde]
        groep = [p for p in wegers if p.waarde == waarde]
        if not (eigen or groep):
            continue
        wie, meer = _wie_met_hoofd(eigen, groep, stemmen, namen, enkel)
        if clausules:
            sjabloon = _VERVOLG[waarde]
        elif kort:
            # The claim was stated just before: the first group confirms or answers it.
            sjabloon = _KORT[waarde]
        else:
            sjabloon = "dat " + _zonder_herhaling(wie, t.vorm(waarde), namen)
        clausules.append(f"{wie} {'geven' if meer else 'geeft'} aan {sjabloon}")
    zinnen = [hoofdletter("; ".join(clausules)) + "."] if clausules else []
    for leeg, enkelvoud, meervoud in (
        ("weet_niet", "weet het niet", "weten het niet"),
        (None, "heeft deze vraag nog niet beantwoord", "hebben deze vraag nog niet beantwoord"),
    ):
        eigen = [h for h in hoofden if h.waarde == leeg]
        groep = [p for p in wegers if p.waarde == leeg]
        if eigen or groep:
            wie, meer = _wie_met_hoofd(eigen, groep, stemmen, namen, enkel)
            zinnen.append(hoofdletter(f"{wie} {meervoud if meer else enkelvoud}."))
    return " ".join(zinnen)


def _wie_met_hoofd(
    eigen: Sequence[Stem], groep: Sequence[Stem], stemmen: Stemmen, namen: Namen, enkel: bool
) -> tuple[str, bool]:
    """The subject for these hoofd respondents and wegers: the hoofd by its name when it is
    one respondent, else counted like a role ("één van de twee wijkteammedewerkers")."""
    if enkel:
        return _wie(bool(eigen), groep, stemmen.wegers, namen)
    delen = _per_rol(eigen, stemmen.leden, namen) + _per_rol(groep, stemmen.wegers, namen)
    return opsomming(delen), len(eigen) + len(groep) > 1


def _ingekort(tekst: str) -> str:
    """A description short enough to quote in a finding."""
    tekst = " ".join(tekst.split()).rstrip(".")
    if len(tekst) <= MAX_OMSCHRIJVING:
        return tekst
    return tekst[:MAX_OMSCHRIJVING].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def vergelijking(o: Omschrijvingen, v: Vergelijk | None, namen: Namen) -> str:
    """What the descriptions have in common, measured against the hoofd's own."""
    if v is None or not o.hoofd:
        return ""
    zinnen = [hoofdletter(v.hoofd.format(hoofd=namen.hoofd, tekst=citaat(_ingekort(o.hoofd))))]
    zelfde = [s for s, t in o.wegers if komen_overeen(o.hoofd, t)]
    anders = [s for s, t in o.wegers if not komen_overeen(o.hoofd, t)]
    alle = [s for s, _ in o.wegers]
    delen = []
    for groep, wat in ((zelfde, v.zelfde), (anders, v.anders)):
        if groep:
            wie, meer = _wie(False, groep, alle, namen)
            delen.append(f"{wie} {v.meervoud if meer else v.enkelvoud} {wat}")
    if delen:
        zinnen.append(hoofdletter("; ".join(delen)) + ".")
    return " ".join(zinnen)


def aanvulling(keuzes: Sequence[str], a: Aanvulling, namen: Namen) -> str:
    """The hoofd's answer to a related multiple choice, as a sentence (nothing for "none")."""
    genoemd = [a.namen[k] for k in keuzes if k in a.namen and k != a.geen]
    if not genoemd:
        return ""
    return hoofdletter(a.zin.format(hoofd=namen.hoofd, lijst=opsomming(genoemd)))


@dataclass(frozen=True)
class Schrijfwijze:
    """What a finding needs to know besides the answers: the hoofd's words in the third person
    (None: its role is anonymous, its words never appear), how the report names the
    inspectorate, whether this is the concept, and what is at stake when the hoofd's
    respondents disagree."""

    wij: Wij | None = None
    concept: bool = True
    verdeeld: str | None = None


def schrijfwijze(kader: Kader, status: str) -> Schrijfwijze:
    """How findings of this kader are written: the hoofd's words in the third person where
    its role is not anonymous, the inspectorate's name, and the sentence on a split hoofd."""
    rol = kader.rol(kader.beslisregel.hoofd)
    wij = None
    if rol is not None and not rol.anoniem:
        eigen = rol.wij
        wij = (
            Wij(eigen.naam, eigen.bezittelijk, eigen.voornaamwoord)
            if eigen is not None
            else Wij(f"de {rol.enkelvoud}", "zijn", "hij")
        )
    teksten = teksten_van(kader)
    return Schrijfwijze(wij, status == "concept", teksten.verdeeld)


def _eigen_woorden(
    stemmen: Stemmen, namen: Namen, sw: Schrijfwijze, o: Omschrijvingen | None = None
) -> tuple[Deel | None, bool]:
    """The hoofd's own explanation in the report's voice, and whether it stands for the
    hoofd's account (a sentence in the third person: then it opens the finding and the
    counting sentences need not restate it; else it follows them as "… licht toe: “…”")."""
    hoofden = [h for h in stemmen.hoofdstemmen() if (h.toelichting or "").strip()]
    if not hoofden or any(h.anoniem for h in hoofden):
        return None, False
    # The same words as the description the finding compares: said once, there.
    vergeleken = _gewoon(o.hoofd) if o is not None and o.hoofd else None
    if vergeleken and len(hoofden) == 1 and _gewoon(hoofden[0].toelichting or "") in vergeleken:
        return None, False
    enkel = len(stemmen.leden) < 2
    zinnen, staat_voor = [], enkel
    for h in hoofden:
        tekst = (h.toelichting or "").strip()
        omgezet = derde_persoon(tekst, sw.wij) if sw.wij is not None else None
        if omgezet is not None and enkel and is_zin(omgezet):
            zinnen.append(zin(omgezet))
            continue
        wie = namen.hoofd if enkel else f"een {h.rol[0]}"
        zinnen.append(f"{hoofdletter(wie)} licht toe: {citaat(_zonder_slotpunt(tekst))}.")
        staat_voor = False
    return Deel("toelichting", f"toelichting van {namen.hoofd}", " ".join(zinnen)), staat_voor


def _gewoon(tekst: str) -> str:
    return " ".join(tekst.casefold().rstrip(".").split())


def _zonder_slotpunt(tekst: str) -> str:
    return tekst[:-1] if tekst.endswith(".") and not tekst.endswith("..") else tekst


def documentdelen(stemmen: Stemmen, t: IndicatorTekst, sw: Schrijfwijze) -> list[Deel]:
    """What the inspector read in each document (a note in the report's voice, or a sentence
    from the reading), then the documents named and not read."""
    delen = []
    for d in stemmen.documentstanden():
        if d.steun is None:
            continue
        wat = {
            "steunt": "is vastgelegd",
            "steunt_deels": "is maar ten dele vastgelegd",
            "steunt_niet": "is niet vastgelegd",
        }[d.steun]
        tekst = d.notitie or f"In {titel(d.titel)} {wat} dat {t.bewering}."
        delen.append(
            Deel(f"document:{titel_sleutel(d.titel)}", f"document {titel(d.titel)}", zin(tekst))
        )
    ongelezen = [d for d in stemmen.documentstanden() if d.steun is None]
    if ongelezen:
        titels = opsomming([titel(d.titel) for d in ongelezen])
        is_ = "is" if len(ongelezen) == 1 else "zijn"
        tekst = (
            f"{titels} {is_} genoemd, nog niet gelezen."
            if sw.concept
            else f"{titels} {is_} genoemd, maar bij het onderzoek niet ingezien."
        )
        delen.append(Deel(ONGELEZEN, "genoemde documenten", tekst))
    return delen


def dossierdelen(stemmen: Stemmen, t: IndicatorTekst, sw: Schrijfwijze) -> list[Deel]:
    """What the inspector saw in each family's dossier: the note in the report's voice, else
    one sentence per finding (families with the same finding and no note together)."""
    delen = []
    zonder: dict[str, list[str]] = {}
    for d in stemmen.dossiers:
        if d.waarde not in ("ja", "deels", "nee"):
            continue
        if d.toelichting:
            tekst = f"{hoofdletter(d.wie)}: {kleine_letter(zin(d.toelichting))}"
            delen.append(Deel(f"dossier:{d.wie}", f"dossier {d.wie}", tekst))
        else:
            zonder.setdefault(d.waarde, []).append(d.wie)
    for waarde, labels in zonder.items():
        waar = (
            f"het dossier van {labels[0]}"
            if len(labels) == 1
            else f"de dossiers van {opsomming(labels)}"
        )
        tekst = f"In {waar} is te zien dat {t.vorm(waarde)}."
        delen.append(Deel(f"dossier:{'+'.join(labels)}", f"dossier {opsomming(labels)}", tekst))
    return delen


def _citaten(stemmen: Stemmen, citaten: Sequence[str], namen: Namen) -> list[Deel]:
    """The toelichtingen of wegers an inspector marked as quotable, each with an anonymous
    speaker; a role the kader keeps anonymous is never quoted, whatever is marked."""
    delen = []
    for stem in stemmen.wegers:
        if stem.anoniem or stem.sleutel not in citaten:
            continue
        if not (stem.toelichting and stem.toelichting.strip()):
            continue
        if sum(_rol(s, namen) == _rol(stem, namen) for s in stemmen.wegers) == 1:
            wie = f"de {_rol(stem, namen)[0]}"
        else:
            wie = " ".join(d for d in ("een", _rol(stem, namen)[0], stem.sector) if d)
        delen.append(
            Deel(
                f"citaat:{stem.sleutel}",
                f"toelichting van {wie}",
                f"{hoofdletter(wie)} licht toe: {citaat(stem.toelichting)}",
            )
        )
    return delen


GEEN_DOCUMENT = "Een document waarin dit is vastgelegd, is niet genoemd."
ONGELEZEN = "documenten-genoemd"  # the part naming documents not (yet) read


def afwijkers(stemmen: Stemmen, besluit: Besluit) -> tuple[Stem, ...]:
    """The wegers a LET OP speaks for: those answering nee or deels to a voldoet."""
    if besluit.oordeel != "voldoet":
        return ()
    return tuple(p for p in stemmen.wegers if p.waarde in ("nee", "deels"))


def let_op(
    stemmen: Stemmen,
    besluit: Besluit,
    tekst: IndicatorTekst,
    namen: Namen,
    verdeeld: str | None = None,
) -> tuple[str, ...]:
    """One sentence on what differs, and what is at stake; for a verdict without the primary
    account, that it rests on the others alone; when the hoofd's respondents disagree, that
    they do."""
    opmerkingen = []
    if stemmen.verdeeld():
        bruikbaar = [s for s in stemmen.leden if s.waarde in ("ja", "deels", "nee")]
        rol = _rol(stemmen.leden[0], namen)
        telling = "; ".join(
            f"{getal_woord(n)} {'geeft' if n == 1 else 'geven'} aan dat dit "
            f"{ {'ja': 'zo', 'deels': 'maar deels zo', 'nee': 'niet zo'}[w] } is"
            for w in ("ja", "deels", "nee")
            if (n := sum(s.waarde == w for s in bruikbaar))
        )
        zin_ = f"De {rol[1]} verschillen hierover van mening: {telling}"
        if verdeeld:
            zin_ += f"; {verdeeld[:1].lower()}{verdeeld[1:].rstrip('.')}"
        opmerkingen.append(zin_ + ".")
    if besluit.regel == "6":
        wat = (
            "weet het niet"
            if stemmen.hoofd and stemmen.hoofd.waarde == "weet_niet"
            else ("gaf hierover geen antwoord")
        )
        opmerkingen.append(
            hoofdletter(f"{namen.hoofd} {wat}; het oordeel steunt alleen op {namen.alle_wegers}.")
        )
    if besluit.regel == "D" and besluit.oordeel == "voldoet":
        opmerkingen.extend(besluit.let_op)
    tegen = afwijkers(stemmen, besluit) if besluit.regel != "D" else ()
    if tegen:
        waarden = {p.waarde for p in tegen}
        hoe = (
            "niet"
            if waarden == {"nee"}
            else "maar deels"
            if waarden == {"deels"}
            else ("niet of maar deels")
        )
        wie, meer = _wie(False, tegen, stemmen.wegers, namen)
        zin_ = f"{wie} {'geven' if meer else 'geeft'} aan dat dit {hoe} zo is"
        if tekst.risico:
            zin_ += f"; {tekst.risico[:1].lower()}{tekst.risico[1:].rstrip('.')}"
        opmerkingen.append(hoofdletter(zin_) + ".")
    return tuple(opmerkingen)


def bevinding_delen(
    stemmen: Stemmen,
    tekst: IndicatorTekst,
    namen: Namen,
    besluit: Besluit,
    vastlegging: bool = False,
    omschrijvingen: Omschrijvingen | None = None,
    keuzes: Sequence[str] = (),
    citaten: Sequence[str] = (),
    sw: Schrijfwijze | None = None,
) -> tuple[Deel, ...]:
    """The finding in parts, in this order: what the hoofd explained (in the report's third
    person), what the inspector read in documents and saw in dossiers, who agrees and who does
    not (counted, anonymous; the claim itself is restated only when nothing else was said),
    what their descriptions have in common, what the hoofd adds, and marked quotes."""
    sw = sw or Schrijfwijze()
    if stemmen.hoofd is None and not stemmen.wegers and not stemmen.dossiers:
        return (Deel("geen", "antwoorden", GEEN_ANTWOORDEN),)
    eigen, staat_voor = _eigen_woorden(stemmen, namen, sw, omschrijvingen)
    documenten = documentdelen(stemmen, tekst, sw)
    genoemd = [d for d in documenten if d.sleutel == ONGELEZEN]
    # What was found comes first; the counted answers refer back to it ("dit").
    delen: list[Deel] = [eigen] if eigen is not None and staat_voor else []
    delen += [d for d in documenten if d.sleutel != ONGELEZEN]
    delen += dossierdelen(stemmen, tekst, sw)
    # After what was read or seen contradicts them, the answers say in full what they claim.
    tegengesproken = besluit.regel in ("3", "D") and besluit.oordeel == "verbeterpunt"
    kort = bool(delen) and not (tegengesproken and not staat_voor)
    telling = wie_zegt_wat(stemmen, tekst, namen, afwijkers(stemmen, besluit), kort, staat_voor)
    if telling:
        interview = any(s.interview for s in _alle(stemmen))
        bron = "antwoorden en interviews" if interview else "antwoorden"
        delen.append(Deel("antwoorden", bron, telling))
    if eigen is not None and not staat_voor:
        delen.append(eigen)
    delen += genoemd
    if vastlegging and besluit.oordeel == "voldoet" and not stemmen.documentstanden():
        delen.append(Deel("geen-document", "antwoorden", GEEN_DOCUMENT))
    v = vergelijking(omschrijvingen, tekst.vergelijk, namen) if omschrijvingen else ""
    if v:
        delen.append(Deel("vergelijking", "antwoorden", v))
    if tekst.aanvulling is not None and (a := aanvulling(keuzes, tekst.aanvulling, namen)):
        delen.append(Deel("aanvulling", f"antwoord van {namen.hoofd}", a))
    delen += _citaten(stemmen, citaten, namen)
    return tuple(delen) or (Deel("geen", "antwoorden", GEEN_ANTWOORDEN),)


def _alle(stemmen: Stemmen) -> tuple[Stem, ...]:
    return (*stemmen.hoofdstemmen(), *stemmen.wegers)


def bevinding(
    stemmen: Stemmen,
    tekst: IndicatorTekst,
    namen: Namen,
    besluit: Besluit,
    vastlegging: bool = False,
    omschrijvingen: Omschrijvingen | None = None,
    keuzes: Sequence[str] = (),
    citaten: Sequence[str] = (),
    sw: Schrijfwijze | None = None,
) -> str:
    """The whole findings text, one part per line (see `bevinding_delen`)."""
    delen = bevinding_delen(
        stemmen, tekst, namen, besluit, vastlegging, omschrijvingen, keuzes, citaten, sw
    )
    return "\n".join(d.tekst for d in delen)
