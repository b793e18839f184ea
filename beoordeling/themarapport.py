"""A themarapport (the form of the 2017 wijkteams reports): per theme of the kader what the
inspecties expect, what the gemeente's policy says, what practice shows and the conclusion, then
one overall judgement. Built from an assessment compiled per indicator. The judgement is the
inspector's (`stj eindoordeel`, the console); until then the rule proposes one from the verdicts
(BESLISREGEL.md, "Eindoordeel"), which the concept shows with its count as support."""

from __future__ import annotations

from beoordeling.model import (
    Aanpassing,
    Beoordeling,
    EindoordeelOverride,
    ThemaHoofdstuk,
    Themarapport,
)
from beoordeling.taal import citaat, getal_woord, hoofdletter, kleine_letter, titel
from beoordeling.teksten import Teksten, teksten_van
from vragenlijsten.antwoorden import AntwoordenBestand
from vragenlijsten.model import Kader, Thema


def _beleid(
    kader: Kader, thema: Thema, antwoorden: AntwoordenBestand, geen: str
) -> tuple[str, ...]:
    """What respondents wrote in answer to the theme's policy questions, in question order,
    each said to be theirs ("De gemeente beschrijft haar beleid zo: “…”"); never the words of
    a role the kader keeps anonymous."""
    teksten = []
    for vraag in thema.beleid_vragen:
        for r in antwoorden.respondenten:
            a = r.antwoorden.get(vraag)
            rol = kader.rol(r.rol)
            if a is None or not isinstance(a.waarde, str) or not a.waarde.strip():
                continue
            if rol is None or rol.anoniem:
                continue
            wie = rol.wij.naam if rol.wij else f"de {rol.enkelvoud}"
            teksten.append(
                f"{hoofdletter(wie)} schrijft hierover: {citaat(' '.join(a.waarde.split()))}"
            )
    return tuple(teksten) or (geen,)


def _bij(kader: Kader, indicator_id: str, zin: str) -> str:
    """A LET OP in a list of risks, which does not stand under its indicator: "Bij ‘Alle
    leefgebieden’: twee partners geven aan dat dit maar deels zo is; …". (Its subject is
    generated and lower-case but for the capital, so lowering that is safe.)"""
    indicator = kader.indicator(indicator_id)
    naam = (indicator.kort or indicator.tekst) if indicator else indicator_id
    return f"Bij {titel(naam)}: {kleine_letter(zin)}"


def _hoofdstuk(
    kader: Kader, thema: Thema, b: Beoordeling, antwoorden: AntwoordenBestand, teksten: Teksten
) -> ThemaHoofdstuk:
    """One theme's chapter; its risks are what is at stake at each verbeterpunt (the kader's
    `risico` after the shortfall it follows from) and the LET OPs of its verdicts, each said
    once."""
    t = teksten.themarapport
    assert t is not None
    oordelen = b.per_thema(thema.naam)
    risicos = tuple(
        dict.fromkeys(
            [
                *(
                    f"{tekst.tekort} {tekst.risico}"
                    for o in oordelen
                    if o.oordeel == "verbeterpunt"
                    and (tekst := teksten.indicatoren.get(o.id)) is not None
                    and tekst.risico
                ),
                *(_bij(kader, o.id, zin) for o in oordelen for zin in o.let_op),
            ]
        )
    )
    conclusie = next(c for c in b.conclusies if c.thema == thema.naam)
    return ThemaHoofdstuk(
        thema=thema.naam,
        verwachting=" ".join((thema.verwachting or "").split()),
        beleid=_beleid(kader, thema, antwoorden, t.geen_beleid),
        bevindingen=oordelen,
        risicos=risicos,
        conclusie=conclusie,
        voldoet=sum(o.oordeel == "voldoet" for o in oordelen),
        verbeterpunten=sum(o.oordeel == "verbeterpunt" for o in oordelen),
    )


def eindoordeel(hoofdstukken: tuple[ThemaHoofdstuk, ...]) -> bool | None:
    """Sufficient unless a theme has more verbeterpunten than indicators that voldoen; None
    while no indicator has a verdict."""
    if not any(h.voldoet or h.verbeterpunten for h in hoofdstukken):
        return None
    return all(h.verbeterpunten <= h.voldoet for h in hoofdstukken)


def _onderbouwing(hoofdstukken: tuple[ThemaHoofdstuk, ...]) -> tuple[str, ...]:
    """Per theme in one sentence how its verdicts fell."""
    zinnen = []
    for h in hoofdstukken:
        beoordeeld = h.voldoet + h.verbeterpunten
        if not beoordeeld:
            zinnen.append(f"{h.thema}: nog geen indicator beoordeeld.")
            continue
        van = f"{getal_woord(h.voldoet)} van de {getal_woord(beoordeeld)} beoordeelde indicatoren"
        werkwoord = "voldoet" if h.voldoet == 1 else "voldoen"
        zinnen.append(f"{h.thema}: {van} {werkwoord}.")
    return tuple(hoofdletter(z) for z in zinnen)


def themarapport(
    kader: Kader,
    b: Beoordeling,
    antwoorden: AntwoordenBestand,
    eigen: EindoordeelOverride | None = None,
) -> Themarapport:
    """The themarapport of an assessment whose kader has `rapport: themarapport`; `eigen`: an
    inspector's own eindoordeel, which replaces the rule's."""
    teksten = teksten_van(kader)
    t = teksten.themarapport
    if t is None:
        raise ValueError(
            f"kader {kader.kader} heeft rapport: themarapport maar geen blok 'themarapport:' in "
            "zijn standaardteksten; voeg dat toe (zie FORMAAT.md)"
        )
    hoofdstukken = tuple(_hoofdstuk(kader, th, b, antwoorden, teksten) for th in kader.themas)
    voorstel = eindoordeel(hoofdstukken)
    voldoende = eigen.voldoende if eigen is not None else voorstel
    if voldoende is None:
        oordeel = t.geen_oordeel
    else:
        oordeel = (t.voldoende if voldoende else t.onvoldoende).replace("{gemeente}", b.gemeente)
    if eigen is not None and eigen.tekst:
        oordeel = eigen.tekst
    return Themarapport(
        ondertitel=t.ondertitel,
        hoofdstukken=hoofdstukken,
        voldoende=voldoende,
        eindoordeel=oordeel,
        onderbouwing=_onderbouwing(hoofdstukken),
        bronnen=b.werkwijze.bronnen,
        voorstel=voorstel,
        aanpassing=Aanpassing(eigen.door, eigen.wanneer) if eigen is not None else None,
    )
