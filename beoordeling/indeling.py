"""The chapters of a report form, from a kader's texts file (`indeling:`): in order, each fixed
text (`vast`), generated from the assessment (`gegenereerd`, with what it shows) or written by
the inspector from a draft made of the data (`inspecteur`, with which draft). Checked at load;
every message names file and line. A kader without its own list gets the standard one of its
report form (`indelingen.yaml` beside this module)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from beoordeling.tekstdata import Plek, lijst, misschien, tekst
from vragenlijsten.yamlregels import lees_yaml

STANDAARD = Path(__file__).with_name("indelingen.yaml")
SOORTEN = ("vast", "gegenereerd", "inspecteur")
ALLE = frozenset({"factsheet", "nota", "themarapport"})

# What a generated chapter can show: where it may stand (the report itself, one theme of a
# themarapport, one aanpak of a factsheet) and in which report forms. A chapter backed by other
# data later (the gemeente's reaction) is one more entry here and one macro per format.
GEGENEREERD: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "inhoud": (frozenset({"rapport"}), ALLE),
    "antwoord": (frozenset({"rapport", "aanpak"}), ALLE),
    "goed": (frozenset({"rapport"}), frozenset({"nota"})),
    "beter": (frozenset({"rapport"}), frozenset({"nota"})),
    "oordelen": (frozenset({"rapport"}), frozenset({"nota"})),
    "per-gezin": (frozenset({"rapport"}), frozenset({"nota"})),
    "conclusies": (frozenset({"rapport", "aanpak"}), ALLE),
    "themas": (frozenset({"rapport"}), frozenset({"themarapport"})),
    "verwachting": (frozenset({"thema"}), frozenset({"themarapport"})),
    "beleid": (frozenset({"thema"}), frozenset({"themarapport"})),
    "bevindingen": (frozenset({"thema"}), frozenset({"themarapport"})),
    "risicos": (frozenset({"thema"}), frozenset({"themarapport"})),
    "conclusie": (frozenset({"thema"}), frozenset({"themarapport"})),
    "eindoordeel": (frozenset({"rapport"}), frozenset({"themarapport"})),
    "kader": (frozenset({"rapport"}), frozenset({"themarapport"})),
    "factsheet-inleiding": (frozenset({"rapport"}), frozenset({"factsheet"})),
    "aanpakken": (frozenset({"rapport"}), frozenset({"factsheet"})),
    "deelnemers": (frozenset({"aanpak"}), frozenset({"factsheet"})),
    "tabellen": (frozenset({"aanpak"}), frozenset({"factsheet"})),
    # After the concept: the gemeente's reactions and what became of them; in a follow-up, per
    # earlier verbeterpunt the earlier and the new verdict, the planned action and whether it
    # was done. Left out of a report without a wederhoor, or without an earlier round.
    "reactie": (frozenset({"rapport", "aanpak"}), ALLE),
    "voortgang": (frozenset({"rapport", "aanpak"}), ALLE),
}
# Generated chapters whose parts stand in another scope: one chapter per theme, per aanpak.
OPENT = {"themas": "thema", "aanpakken": "aanpak"}
# The drafts an inspector's chapter can start from (beoordeling/opzet.py), and where.
OPZETTEN: dict[str, frozenset[str]] = {
    "geen": frozenset({"rapport", "thema", "aanpak"}),
    "werkwijze": frozenset({"rapport"}),
    "antwoorden": frozenset({"rapport", "aanpak"}),
    "samenvatting": frozenset({"rapport"}),
    "algemene-conclusie": frozenset({"rapport"}),
    "aanbevelingen": frozenset({"rapport"}),
    "onderbouwing": frozenset({"rapport"}),
    "kansen": frozenset({"rapport"}),
    "bronnen": frozenset({"rapport"}),
    "vervolg": frozenset({"rapport", "aanpak"}),
    "context": frozenset({"rapport"}),
    "beschrijving": frozenset({"aanpak"}),
    "voortgang": frozenset({"rapport", "aanpak"}),
}
# Names a title, fixed text or sentence may contain, per scope.
PLAATSHOUDERS = {
    "rapport": {"gemeente", "aanpak", "kader"},
    "thema": {"gemeente", "aanpak", "kader", "thema"},
    "aanpak": {"gemeente", "aanpak", "kader"},
}
# How messages name where a chapter stands.
WAAR = {
    "rapport": "in de indeling zelf",
    "thema": "binnen een hoofdstuk per thema (themas)",
    "aanpak": "binnen een hoofdstuk per aanpak (aanpakken)",
}
_PLAATSHOUDER = re.compile(r"\{([^{}]*)\}")
_ID = re.compile(r"^[a-z][a-z0-9-]{0,39}$")


@dataclass(frozen=True)
class Termijn:
    """A term after the report's date (vaststelling), optionally up to the first of the next
    month ("vóór 1 mei 2017")."""

    maanden: int = 0
    weken: int = 0
    dagen: int = 0
    afronden: bool = False

    def na(self, datum: dt.date) -> dt.date:
        """The date this term after `datum`."""
        maand = datum.month - 1 + self.maanden
        jaar, maand = datum.year + maand // 12, maand % 12 + 1
        dag = min(datum.day, _dagen_in(jaar, maand))
        einde = dt.date(jaar, maand, dag) + dt.timedelta(weeks=self.weken, days=self.dagen)
        if self.afronden and einde.day != 1:
            volgende = einde.replace(day=1) + dt.timedelta(days=32)
            einde = volgende.replace(day=1)
        return einde


def _dagen_in(jaar: int, maand: int) -> int:
    volgende = dt.date(jaar + maand // 12, maand % 12 + 1, 1)
    return (volgende - dt.timedelta(days=1)).day


@dataclass(frozen=True)
class Onderdeel:
    """One chapter of a report form as the data declares it."""

    id: str
    titel: str
    soort: str  # vast, gegenereerd, inspecteur
    inhoud: str | None = None  # gegenereerd: what it shows
    opzet: str | None = None  # inspecteur: the draft it starts from
    tekst: tuple[str, ...] = ()  # vast: its paragraphs
    aanwijzing: str | None = None  # inspecteur: what to write where the data says nothing
    vraag: str | None = None  # gegenereerd antwoord: the question whose answer it shows
    vragen: tuple[str, ...] = ()  # opzet antwoorden: the questions it quotes
    # The sentence of an answer ({waarde}) or a vervolg ({datum}; {plandatum}: the deadline of
    # the improvement plan).
    zin: str | None = None
    termijn: Termijn | None = None  # opzet vervolg
    delen: tuple[Onderdeel, ...] = ()
    nummer: bool = True  # numbered ("1.3"); false: a heading without number
    bijlage: bool = False  # "Bijlage 2: …"
    kop: bool = True  # false: no heading at all (the factsheet's opening)

    def alle(self) -> tuple[Onderdeel, ...]:
        """This chapter and every chapter within it, in order."""
        return (self, *(o for d in self.delen for o in d.alle()))


def lees_termijn(p: Plek) -> Termijn:
    """A term from its block (maanden, weken, dagen, afronden: maand), checked."""

    def getal(sleutel: str) -> int:
        waarde = p.blok.get(sleutel, 0)
        if isinstance(waarde, bool) or not isinstance(waarde, int) or not 0 <= waarde <= 120:
            raise p.fout(f"'{sleutel}' moet een heel getal van 0 tot 120 zijn", sleutel)
        return waarde

    afronden = p.blok.get("afronden")
    if afronden not in (None, "maand"):
        raise p.fout("'afronden' kan alleen 'maand' zijn (tot de eerste van de maand)", "afronden")
    termijn = Termijn(getal("maanden"), getal("weken"), getal("dagen"), afronden == "maand")
    if not (termijn.maanden or termijn.weken or termijn.dagen):
        raise p.fout("geef 'maanden', 'weken' of 'dagen'", "maanden")
    return termijn


def _plaatshouders(p: Plek, waarde: str, sleutel: str, bereik: str, extra: set[str]) -> str:
    bekend = PLAATSHOUDERS[bereik] | extra
    for naam in _PLAATSHOUDER.findall(waarde):
        if naam not in bekend:
            raise p.fout(
                f"'{{{naam}}}' in '{sleutel}' is onbekend; gebruik {', '.join(sorted(bekend))}",
                sleutel,
            )
    return waarde


def _onderdeel(p: Plek, rapport: str, bereik: str, gezien: set[str]) -> Onderdeel:
    blok = p.blok
    if not isinstance(blok, dict) or not isinstance(blok.get("id"), str):
        raise p.fout("verwacht een hoofdstuk met id, titel en soort")
    p = Plek(p.bestand, f"indeling, hoofdstuk '{blok['id']}'", blok)
    if not _ID.match(blok["id"]):
        raise p.fout("id: kleine letters, cijfers en '-', beginnend met een letter", "id")
    if blok["id"] in gezien:
        raise p.fout("dit id staat al in de indeling; geef elk hoofdstuk een eigen id", "id")
    gezien.add(blok["id"])
    soort = blok.get("soort")
    if soort not in SOORTEN:
        raise p.fout(f"'soort' moet een van {', '.join(SOORTEN)} zijn", "soort")
    inhoud = opzet = None
    binnen = bereik
    if soort == "gegenereerd":
        inhoud = tekst(p, "inhoud")
        if inhoud not in GEGENEREERD:
            raise p.fout(
                f"inhoud '{inhoud}' bestaat niet; kies uit {', '.join(GEGENEREERD)}", "inhoud"
            )
        waar, vormen = GEGENEREERD[inhoud]
        if bereik not in waar or rapport not in vormen:
            hier = [k for k, (w, v) in GEGENEREERD.items() if bereik in w and rapport in v]
            raise p.fout(
                f"inhoud '{inhoud}' past niet {WAAR[bereik]} van een {rapport}; kies uit "
                + ", ".join(hier),
                "inhoud",
            )
        binnen = OPENT.get(inhoud, bereik)
        if inhoud in OPENT and not blok.get("delen"):
            raise p.fout(f"inhoud '{inhoud}' heeft 'delen' nodig: wat er per stuk komt", "delen")
    if soort == "inspecteur":
        opzet = tekst(p, "opzet")
        if opzet not in OPZETTEN:
            raise p.fout(f"opzet '{opzet}' bestaat niet; kies uit {', '.join(OPZETTEN)}", "opzet")
        if bereik not in OPZETTEN[opzet]:
            hier = [k for k, w in OPZETTEN.items() if bereik in w]
            raise p.fout(
                f"opzet '{opzet}' past niet {WAAR[bereik]}; kies uit {', '.join(hier)}", "opzet"
            )
        _plaatshouders(p, tekst(p, "aanwijzing"), "aanwijzing", bereik, {"verbeterpunten"})
    vast = lijst(p, "tekst") if "tekst" in blok else ()
    if vast and soort != "vast":
        raise p.fout("alleen een hoofdstuk met soort vast heeft 'tekst'", "tekst")
    for alinea in vast:
        _plaatshouders(p, alinea, "tekst", bereik, set())
    vragen = lijst(p, "vragen") if "vragen" in blok else ()
    if opzet == "antwoorden" and not vragen:
        raise p.fout("opzet antwoorden heeft 'vragen' nodig: de ids van de vragen", "vragen")
    vraag = misschien(p, "vraag")
    if inhoud == "antwoord" and vraag is None:
        raise p.fout("inhoud antwoord heeft 'vraag' nodig: het id van de vraag", "vraag")
    zin = misschien(p, "zin")
    if zin is not None:
        _plaatshouders(p, zin, "zin", bereik, {"waarde", "datum", "plandatum"})
    termijn = lees_termijn(p.binnen("termijn")) if "termijn" in blok else None
    if opzet == "vervolg" and (termijn is None or zin is None or "{datum}" not in zin):
        raise p.fout("opzet vervolg heeft 'termijn' en een 'zin' met {datum} nodig", "opzet")
    delen = blok.get("delen") or []
    if not isinstance(delen, list):
        raise p.fout("'delen' moet een lijst van hoofdstukken zijn", "delen")
    titel = _plaatshouders(p, tekst(p, "titel"), "titel", binnen, set())
    return Onderdeel(
        id=blok["id"],
        titel=titel,
        soort=soort,
        inhoud=inhoud,
        opzet=opzet,
        tekst=vast,
        aanwijzing=misschien(p, "aanwijzing"),
        vraag=vraag,
        vragen=vragen,
        zin=zin,
        termijn=termijn,
        delen=tuple(
            _onderdeel(Plek(p.bestand, "indeling", d), rapport, binnen, gezien) for d in delen
        ),
        nummer=blok.get("nummer", True) is not False,
        bijlage=blok.get("bijlage") is True,
        kop=blok.get("kop", True) is not False,
    )


def lees_indeling(p: Plek, sleutel: str, rapport: str) -> tuple[Onderdeel, ...]:
    """The `indeling:` of a texts file (or of the standard file), checked."""
    blok = p.blok.get(sleutel) if isinstance(p.blok, dict) else None
    if not isinstance(blok, list) or not blok:
        raise p.fout(f"'{sleutel}' moet een lijst van hoofdstukken zijn", sleutel)
    gezien: set[str] = set()
    return tuple(
        _onderdeel(Plek(p.bestand, "indeling", h), rapport, "rapport", gezien) for h in blok
    )


@cache
def standaard(rapport: str) -> tuple[Onderdeel, ...]:
    """The standard chapters of a report form, for a kader without its own."""
    ruw = lees_yaml(STANDAARD)
    return lees_indeling(Plek("beoordeling/indelingen.yaml", rapport, ruw), rapport, rapport)


def schrijfbaar(
    indeling: tuple[Onderdeel, ...], themas: tuple[str, ...]
) -> list[tuple[str, str, Onderdeel]]:
    """(name, title, chapter) of every chapter an inspector writes, in order: per theme
    "verklaringen-2" with the theme in its title."""
    uit: list[tuple[str, str, Onderdeel]] = []

    def loop(onderdelen: tuple[Onderdeel, ...], achter: str, thema: str | None) -> None:
        for o in onderdelen:
            if o.inhoud == "themas":
                for n, t in enumerate(themas, start=1):
                    loop(o.delen, f"-{n}", t)
                continue
            if o.soort == "inspecteur":
                titel = o.titel.replace("{thema}", thema or "")
                uit.append((o.id + achter, f"{titel} ({thema})" if thema else titel, o))
            loop(o.delen, achter, thema)

    loop(indeling, "", None)
    return uit
