"""The draft an inspector's chapter starts from, made from the data only: what was done (the
werkwijze), the verdicts and conclusions (samenvatting, algemene conclusie, aanbevelingen,
onderbouwing, kansen), the answers a chapter quotes (attributed), the list of sources counted by
function, and the follow-up with a real date. No sentence here asserts what no answer, note or
verdict supports; where nothing does, the draft is empty and the concept shows the chapter's
`aanwijzing` instead. Every draft says what it rests on (`grond`), for the concept only."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from beoordeling import voortgang as voortgang_
from beoordeling.indeling import Onderdeel
from beoordeling.model import Beoordeling, Context
from beoordeling.taal import citaat, datum, getal, getal_woord, hoofdletter, maand, opsomming
from beoordeling.taal import titel as titel_van
from beoordeling.uitvoering import Gesproken


@dataclass(frozen=True)
class Opzet:
    """A draft: paragraphs in the chapter markup (beoordeling.opmaak), and what it rests on."""

    alineas: tuple[str, ...] = ()
    grond: tuple[str, ...] = ()

    @property
    def tekst(self) -> str:
        """The draft as one text."""
        return "\n\n".join(self.alineas)


@dataclass(frozen=True)
class Gegevens:
    """What a draft may use: the assessment, the report's date (the vaststelling, in a concept
    the date the report carries), the theme of a per-theme chapter, and the context figures of
    the whole report (a factsheet merges those over its aanpakken)."""

    b: Beoordeling
    datum: dt.date
    thema: str | None = None
    context: Context | None = None


def _aantal(g: Gesproken, n: int, hoofd: str) -> str:
    if n == 1 and g.rol == hoofd:
        return f"de {g.enkelvoud}"
    return f"{getal_woord(n)} {g.enkelvoud if n == 1 else g.meervoud}"


def _periode(data: Sequence[dt.date]) -> str:
    if not data:
        return ""
    if len(data) == 1:
        return f" op {datum(data[0])}"
    eerste, laatste = min(data), max(data)
    van = (
        datum(eerste).removesuffix(f" {eerste.year}")
        if eerste.year == laatste.year
        else datum(eerste)
    )
    return f" tussen {van} en {datum(laatste)}"


def werkwijze(g: Gegevens) -> Opzet:
    """What was done: families, who was interviewed and when, who answered the questionnaire,
    the dossiers studied and the documents read."""
    w, b = g.b.werkwijze, g.b
    hoofd = next((r.rol for r in b.respondenten if r.hoofd), "")
    zinnen = []
    if w.gezinnen:
        zinnen.append(
            f"Onderzocht is de zorg en ondersteuning aan {getal_woord(w.gezinnen)} "
            f"{'gezin' if w.gezinnen == 1 else 'gezinnen'} uit de aanpak {b.aanpak}."
        )
    gesprekken = [r for r in w.rollen if r.interview]
    if gesprekken:
        wie = opsomming([_aantal(r, r.interview, hoofd) for r in gesprekken])
        data = sorted({d for r in gesprekken for d in r.data})
        zinnen.append(f"Er zijn interviews gehouden met {wie}{_periode(data)}.")
    vragenlijst = [r for r in w.rollen if r.vragenlijst]
    if vragenlijst:
        wie = opsomming([_aantal(r, r.vragenlijst, hoofd) for r in vragenlijst])
        zinnen.append(f"De vragenlijst is beantwoord door {wie}.")
    if w.dossiers:
        zinnen.append(
            f"De dossiers van {getal_woord(w.dossiers)} "
            f"{'gezin' if w.dossiers == 1 else 'gezinnen'} zijn bestudeerd."
        )
    if w.gelezen:
        titels = [titel_van(t) for t, _ in w.gelezen]
        lijst = opsomming(
            titels[:6] + ([f"{getal_woord(len(titels) - 6)} andere"] if len(titels) > 6 else [])
        )
        data = [d for _, d in w.gelezen if d]
        periode = f", gelezen {_periode(data).strip()}" if data else ""
        zinnen.append(
            f"Daarnaast {'is het document' if len(titels) == 1 else 'zijn de documenten'} "
            f"{lijst} bestudeerd{periode}."
        )
    alineas = (" ".join(zinnen),) if zinnen else ()
    return Opzet(
        alineas,
        (
            "wie antwoordden en hoe (vragenlijst of interview), de "
            "dossierbevindingen en de gelezen documenten van dit onderzoek",
        ),
    )


def _citaat(wie: str, tekst: str, werkwoord: str = "schrijft hierover") -> str:
    return f"{hoofdletter(wie)} {werkwoord}: {citaat(' '.join(tekst.split()))}"


def antwoorden(g: Gegevens, o: Onderdeel) -> Opzet:
    """The answers to the chapter's questions, each attributed ("… schrijft hierover: “…”",
    with the respondent named as the kader names its role), in question order."""
    alineas = tuple(
        _citaat(u.wie, u.waarde)
        for vraag in o.vragen
        for u in g.b.werkwijze.uitspraken
        if u.vraag == vraag and not u.anoniem
    )
    return Opzet(alineas, (f"de antwoorden op {', '.join(o.vragen)}",))


_ZINSEINDE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def _kern(zin_: str) -> str:
    """The first sentence of a conclusion's point: what falls short, without what the
    inspector read or saw and what is at stake (the chapters themselves say that)."""
    return _ZINSEINDE.split(zin_.strip(), maxsplit=1)[0]


def _conclusies(b: Beoordeling, soort: str, kort: bool = False) -> list[tuple[str, str]]:
    """(theme, sentences) of every theme conclusion that has sentences of this side; `kort`:
    only the first sentence of each."""
    return [
        (c.thema, " ".join(_kern(z) if kort else z for z in getattr(c, soort)))
        for c in b.conclusies
        if getattr(c, soort)
    ]


def samenvatting(g: Gegevens) -> Opzet:
    """The judgement up front, then per theme what falls short, then what goes well."""
    b = g.b
    alineas = []
    r = b.themarapport
    if r is not None and r.voldoende is not None:
        alineas.append(f"**Oordeel** – {r.eindoordeel}")
    alineas += [f"**{thema}** – {zinnen}" for thema, zinnen in _conclusies(b, "kan_beter", True)]
    goed = [z for _, z in _conclusies(b, "gaat_goed", True)]
    if goed:
        alineas.append("**Wat goed gaat** – " + " ".join(goed))
    grond = "het eindoordeel en de conclusies per thema"
    if r is not None and r.aanpassing is None:
        grond += " (het eindoordeel is nog het voorstel van de beslisregel)"
    return Opzet(tuple(alineas), (grond,))


def algemene_conclusie(g: Gegevens) -> Opzet:
    """What goes well and what falls short, from the nota's chapters (or the conclusions per
    theme)."""
    b = g.b
    if b.hoofdstukken:
        goed = [h.conclusie for h in b.hoofdstukken if h.soort == "goed"]
        beter = [h.conclusie for h in b.hoofdstukken if h.soort == "beter"]
        grond = "de conclusies van de hoofdstukken ‘Wat gaat goed?’ en ‘Wat kan beter?’"
    else:
        goed = [z for _, z in _conclusies(b, "gaat_goed", True)]
        beter = [z for _, z in _conclusies(b, "kan_beter", True)]
        grond = "de conclusies per thema"
    alineas = tuple(a for a in (" ".join(goed), *beter) if a)
    return Opzet(alineas, (grond,))


def aanbevelingen(g: Gegevens) -> Opzet:
    """One item per verbeterpunt, with what falls short; the recommendation itself is the
    inspector's."""
    b = g.b
    if b.hoofdstukken:
        items = [f"- **{h.titel}** – {h.conclusie}" for h in b.hoofdstukken if h.soort == "beter"]
    else:
        items = [f"- **{thema}** – {zinnen}" for thema, zinnen in _conclusies(b, "kan_beter", True)]
    return Opzet(("\n".join(items),) if items else (), ("de verbeterpunten",))


def onderbouwing(g: Gegevens) -> Opzet:
    """Per theme what its conclusion says; the rule's count stays support in the concept."""
    b = g.b
    alineas = []
    for c in b.conclusies:
        zinnen = " ".join(_kern(z) for z in (*c.kan_beter, *c.gaat_goed))
        if zinnen:
            alineas.append(f"**{c.thema}** – {zinnen}")
    r = b.themarapport
    grond = ("de conclusies per thema", *(r.onderbouwing if r else ()))
    return Opzet(tuple(alineas), grond)


def kansen(g: Gegevens) -> Opzet:
    """What goes well, as the strengths to build on."""
    goed = [z for c in g.b.conclusies for z in c.gaat_goed]
    return Opzet(
        ("\n".join(f"- {z}" for z in goed),) if goed else (), ("‘Wat gaat goed?’ per thema",)
    )


def bronnen(g: Gegevens) -> Opzet:
    """Who was consulted, counted by function, and the dossiers and documents."""
    w = g.b.werkwijze
    items = [f"- {b.aantal} {b.wie}" for b in w.bronnen]
    if w.dossiers:
        items.append(f"- dossiers van {w.dossiers} {'gezin' if w.dossiers == 1 else 'gezinnen'}")
    items += [f"- document {titel_van(t)}" for t, _ in w.gelezen]
    return Opzet(
        ("\n".join(items),) if items else (),
        ("de respondenten per functie, de dossiers en de gelezen documenten",),
    )


def vervolg(g: Gegevens, o: Onderdeel) -> Opzet:
    """The follow-up with its date: the kader's term after the report's date; {plandatum}: the
    deadline of the improvement plan (the kader's `proces`), the one the plan is asked for."""
    assert o.termijn is not None and o.zin is not None
    wanneer = o.termijn.na(g.datum)
    zin = o.zin.format(
        gemeente=g.b.gemeente,
        aanpak=g.b.aanpak,
        kader=g.b.kader_titel,
        datum=datum(wanneer),
        plandatum=datum(g.b.kader_proces.verbeterplan.na(g.datum)),
    )
    return Opzet(
        (zin,), (f"de termijn uit het kader na de datum van het rapport ({datum(g.datum)})",)
    )


def voortgang(g: Gegevens) -> Opzet:
    """The paragraph on progress since the earlier round (beoordeling.voortgang)."""
    tekst = voortgang_.alinea(g.b)
    return Opzet((tekst,) if tekst else (), (voortgang_.GROND,))


def context(g: Gegevens) -> Opzet:
    """The primary account's own figures (the gemeente's): inhabitants, households, families
    and where they live."""
    c = g.context or g.b.context
    wie = g.b.werkwijze.hoofd
    zinnen = []
    if c.inwoners:
        zinnen.append(f"{g.b.gemeente} heeft {getal(c.inwoners)} inwoners.")
    if c.huishoudens_met_kinderen:
        zinnen.append(
            f"Er wonen {getal(c.huishoudens_met_kinderen)} meerpersoonshuishoudens met kinderen."
        )
    if c.ggsr_gezinnen:
        zinnen.append(
            f"{hoofdletter(wie)} schat dat ongeveer {getal(c.ggsr_gezinnen)} gezinnen voldoen "
            "aan de omschrijving van een gezin met geringe sociale redzaamheid."
        )
    if c.ggsr_wijken:
        zinnen.append(_citaat(wie, c.ggsr_wijken, "zegt over waar deze gezinnen vooral wonen"))
    return Opzet((" ".join(zinnen),) if zinnen else (), (f"de contextvragen van {wie}",))


def beschrijving(g: Gegevens) -> Opzet:
    """The aanpak as the primary account described it, attributed, and its start and size."""
    c = g.b.context
    wie = g.b.werkwijze.hoofd
    alineas = []
    if c.aanpak_beschrijving:
        alineas.append(_citaat(wie, c.aanpak_beschrijving, "beschrijft de aanpak zo"))
    feiten = []
    if c.aanpak_start:
        feiten.append(f"De aanpak is gestart in {maand(c.aanpak_start)}.")
    if c.aanpak_gezinnen:
        feiten.append(
            f"Volgens {wie} krijgen op dit moment ongeveer {getal(c.aanpak_gezinnen)} "
            "gezinnen ondersteuning vanuit deze aanpak."
        )
    if feiten:
        alineas.append(" ".join(feiten))
    return Opzet(tuple(alineas), (f"de beschrijving, startdatum en omvang die {wie} gaf",))


_MAKERS: dict[str, Callable[[Gegevens], Opzet]] = {
    "werkwijze": werkwijze,
    "samenvatting": samenvatting,
    "algemene-conclusie": algemene_conclusie,
    "aanbevelingen": aanbevelingen,
    "onderbouwing": onderbouwing,
    "kansen": kansen,
    "bronnen": bronnen,
    "context": context,
    "beschrijving": beschrijving,
    "voortgang": voortgang,
}


def maak_opzet(o: Onderdeel, g: Gegevens) -> Opzet:
    """The draft of one inspector's chapter."""
    if o.opzet == "antwoorden":
        return antwoorden(g, o)
    if o.opzet == "vervolg":
        return vervolg(g, o)
    maker = _MAKERS.get(o.opzet or "")
    return maker(g) if maker else Opzet()


def aanwijzing(o: Onderdeel, g: Gegevens) -> str | None:
    """What the inspector must write, with the theme's verbeterpunten where it asks for them."""
    if o.aanwijzing is None:
        return None
    tekort = [
        f"‘{i.indicator.rstrip('.')}’"
        for i in (g.b.per_thema(g.thema) if g.thema else ())
        if i.oordeel == "verbeterpunt"
    ]
    return o.aanwijzing.format(
        gemeente=g.b.gemeente,
        aanpak=g.b.aanpak,
        kader=g.b.kader_titel,
        thema=g.thema or "",
        verbeterpunten=opsomming(tekort) if tekort else "geen verbeterpunten bij dit thema",
    )
