"""A respondent's own words in the report's third person: "Wij hebben geen zicht op de omvang"
becomes "De gemeente heeft geen zicht op de omvang".

Only what can be turned safely is turned: "wij"/"we" with its finite verb next to it (before or
after), "ons"/"onze" as possessive, object or reflexive. A sentence in the first person singular,
a "wij" whose verb stands at the end of a subordinate clause, or a verb whose third person this
module does not know for certain, is not turned: then `derde_persoon` returns None and the
finding quotes the respondent instead (the caller decides). Sentences without "wij" are kept as
they are (a toelichting written as "Gezinnen worden begeleid zolang dat nodig is." needs no
change)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from beoordeling.taal import hoofdletter

# Finite plural → third person singular, for verbs whose form no rule gives.
_ONREGELMATIG = {
    "hebben": "heeft",
    "zijn": "is",
    "kunnen": "kan",
    "willen": "wil",
    "zullen": "zal",
    "mogen": "mag",
    "gaan": "gaat",
    "staan": "staat",
    "slaan": "slaat",
    "doen": "doet",
    "zien": "ziet",
    "komen": "komt",
    "weten": "weet",
    "zetten": "zet",
    "hadden": "had",
    "waren": "was",
    "konden": "kon",
    "wilden": "wilde",
    "zouden": "zou",
    "mochten": "mocht",
    "moesten": "moest",
    "gingen": "ging",
    "deden": "deed",
    "zagen": "zag",
    "kwamen": "kwam",
    "wisten": "wist",
    "kregen": "kreeg",
    "gaven": "gaf",
    "werden": "werd",
    "vonden": "vond",
    "hielden": "hield",
    "namen": "nam",
    "lieten": "liet",
    "brachten": "bracht",
    "dachten": "dacht",
    "zochten": "zocht",
    "stonden": "stond",
    "hanteren": "hanteert",
    "evalueren": "evalueert",
    "organiseren": "organiseert",
    "registreren": "registreert",
    "signaleren": "signaleert",
    "monitoren": "monitort",
    "investeren": "investeert",
    "faciliteren": "faciliteert",
    "coördineren": "coördineert",
    "coordineren": "coordineert",
    "financieren": "financiert",
    "stimuleren": "stimuleert",
    "informeren": "informeert",
    "realiseren": "realiseert",
    "proberen": "probeert",
    "leren": "leert",
    "verbeteren": "verbetert",
    "bevorderen": "bevordert",
    "veranderen": "verandert",
    "regelen": "regelt",
    "handelen": "handelt",
    "ontwikkelen": "ontwikkelt",
    "verzamelen": "verzamelt",
    "behandelen": "behandelt",
    "bespreken": "bespreekt",
    "spreken": "spreekt",
    "geven": "geeft",
    "leven": "leeft",
    "lezen": "leest",
    "maken": "maakt",
    "nemen": "neemt",
    "horen": "hoort",
    "streven": "streeft",
    "bepalen": "bepaalt",
    "betalen": "betaalt",
    "halen": "haalt",
    "ophalen": "haalt op",
    "vragen": "vraagt",
    "dragen": "draagt",
    "slagen": "slaagt",
    "sturen": "stuurt",
    "duren": "duurt",
    "voeren": "voert",
    "uitvoeren": "voert uit",
    "delen": "deelt",
    "spelen": "speelt",
    "stellen": "stelt",
    "zoeken": "zoekt",
    "kijken": "kijkt",
    "merken": "merkt",
    "vinden": "vindt",
    "houden": "houdt",
    "worden": "wordt",
    "bieden": "biedt",
    "laten": "laat",
    "praten": "praat",
    "wachten": "wacht",
    "verwachten": "verwacht",
    "missen": "mist",
    "passen": "past",
    "gebruiken": "gebruikt",
    "zorgen": "zorgt",
    "werken": "werkt",
    "richten": "richt",
    "meten": "meet",
    "treden": "treedt",
    "denken": "denkt",
    "achten": "acht",
    "letten": "let",
    "kosten": "kost",
    "rusten": "rust",
    "beschikken": "beschikt",
}
# Words ending in -en that are not verbs, so "wij" next to them is not a subject-verb pair.
_GEEN_WERKWOORD = {
    "geen",
    "een",
    "tien",
    "hen",
    "open",
    "boven",
    "beneden",
    "binnen",
    "buiten",
    "tussen",
    "volgens",
    "alleen",
    "samen",
    "even",
    "tegen",
    "zeven",
    "negen",
    "onder",
    "echter",
    "indien",
    "wanneer",
    "ten",
    "nooit",
    "gezinnen",
    "kinderen",
    "organisaties",
}
_EERSTE_ENKELVOUD = {"ik", "mij", "me", "mijn", "m'n", "mezelf", "mijzelf"}
_WIJ = {"wij", "we"}
_VOORZETSELS = {
    "op",
    "aan",
    "in",
    "voor",
    "bij",
    "met",
    "over",
    "tot",
    "naar",
    "van",
    "om",
    "door",
    "uit",
    "af",
    "toe",
    "mee",
    "niet",
    "wel",
    "ook",
    "zelf",
    "samen",
    "als",
}
_WOORD = re.compile(r"[A-Za-zÀ-ÿ'’-]+|[0-9]+|\S")
_ZINNEN = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class Wij:
    """The third person that replaces "wij": "de gemeente", "haar", "zij"."""

    naam: str
    bezittelijk: str
    voornaamwoord: str


def derde_persoon(tekst: str, wij: Wij) -> str | None:
    """The text in the third person, or None when a sentence cannot be turned safely."""
    zinnen = [z for z in _ZINNEN.split(" ".join(tekst.split())) if z]
    uit = []
    genoemd = False
    for zin in zinnen:
        omgezet = _zin(zin, wij, genoemd)
        if omgezet is None:
            return None
        genoemd = genoemd or wij.naam in omgezet.lower()
        uit.append(omgezet)
    return " ".join(uit) if uit else None


_GEWONE_VORMEN = {
    "is",
    "wordt",
    "worden",
    "ligt",
    "liggen",
    "loopt",
    "lopen",
    "blijft",
    "blijven",
    "volgt",
    "volgen",
    "speelt",
    "spelen",
    "meet",
    "meten",
    "bestaat",
    "bestaan",
    "zit",
    "zitten",
    "valt",
    "vallen",
}
_ENKELVOUDEN = set(_ONREGELMATIG.values())
_BIJZIN = {"waarin", "die", "dat", "waar", "wie", "welke", "omdat", "als", "wanneer", "zodat"}


def is_zin(tekst: str) -> bool:
    """Whether a text holds a main clause (a part up to a semicolon with a finite verb before
    its first comma or subordinate clause): "Het team gaat erop af." is one,
    "Multiprobleemgezinnen waarin criminaliteit een rol speelt." is a noun phrase, which a
    finding quotes instead."""
    return any(_hoofdzin(deel) for deel in tekst.split(";"))


def _hoofdzin(tekst: str) -> bool:
    """Whether this part opens with a main clause: a finite verb before any comma or
    subordinate clause, or right after a leading subordinate clause ("Als een gezin niet
    meewerkt, kan drang worden ingezet")."""
    woorden = _WOORD.findall(tekst)
    if woorden and woorden[0].lower() in _BIJZIN and "," in woorden:
        na = woorden.index(",") + 1
        return na < len(woorden) and _is_vorm(woorden[na].lower())
    # A Dutch statement never opens with its finite verb, so the first word is not tested.
    for n, woord in enumerate(woorden):
        klein = woord.lower()
        # "Die afspraken zijn er": at the start, "die"/"dat" is a demonstrative.
        if (n and klein in _BIJZIN) or woord in (",", ":", ".", "(", "–"):
            return False
        if n and _is_vorm(klein):
            return True
    return False


def _is_vorm(klein: str) -> bool:
    """Whether a word is a finite verb form this module knows."""
    if klein in _GEWONE_VORMEN or klein in _ONREGELMATIG:
        return True
    return klein in _ENKELVOUDEN or _enkelvoud(klein) is not None


def _zin(zin: str, wij: Wij, eerder_genoemd: bool) -> str | None:
    """One sentence turned, or None. A possessive ("haar beleid") needs the name before it,
    in this sentence or an earlier one."""
    woorden = _WOORD.findall(zin)
    kleine = [w.lower() for w in woorden]
    if any(w in _EERSTE_ENKELVOUD for w in kleine):
        return None
    if not any(w in _WIJ or w in ("ons", "onze", "onszelf") for w in kleine):
        return zin
    uit = list(woorden)
    genoemd = False
    for i, w in enumerate(kleine):
        if w not in _WIJ:
            continue
        werkwoord = _werkwoord_bij(kleine, i)
        if werkwoord is None:
            return None
        j, enkelvoud = werkwoord
        uit[j] = enkelvoud
        uit[i] = wij.voornaamwoord if genoemd else wij.naam
        genoemd = True
        for k in _nevengeschikt(kleine, max(i, j)):
            uit[k] = _enkelvoud(kleine[k]) or uit[k]
    for i, w in enumerate(kleine):
        if w == "onszelf":
            uit[i] = "zichzelf"
        elif w == "onze":
            volgend = kleine[i + 1] if i + 1 < len(kleine) else ""
            uit[i] = "de" if wij.naam.split()[-1] == volgend else wij.bezittelijk
        elif w == "ons":
            uit[i] = _ons(kleine, i, wij, genoemd)
        bezittelijk = uit[i] == wij.bezittelijk and w != wij.bezittelijk
        if bezittelijk and not (eerder_genoemd or wij.naam in " ".join(uit[:i]).lower()):
            return None
    return _zet_samen(uit, zin)


def _ons(kleine: list[str], i: int, wij: Wij, onderwerp: bool) -> str:
    """ "ons": possessive before a noun ("ons beleid" → "haar beleid"), reflexive right after
    the verb of a "wij" clause ("richten ons op" → "richt zich op"), else an object ("voor ons"
    → "voor de gemeente")."""
    volgend = kleine[i + 1] if i + 1 < len(kleine) else ""
    vorig = kleine[i - 1] if i else ""
    if volgend.isalpha() and volgend not in _VOORZETSELS and vorig not in _VOORZETSELS:
        return wij.bezittelijk
    if onderwerp and (vorig in _WIJ or _is_werkwoord(vorig)):
        return "zich"
    return wij.naam


def _werkwoord_bij(kleine: list[str], i: int) -> tuple[int, str] | None:
    """The finite verb agreeing with the "wij" at i, and its third person singular: the word
    right after it (main clause), else right before it (inversion: "Daarom hebben wij")."""
    for j in (i + 1, i - 1):
        if 0 <= j < len(kleine) and j != i:
            enkelvoud = _enkelvoud(kleine[j])
            if enkelvoud is not None:
                return j, enkelvoud
    return None


def _nevengeschikt(kleine: list[str], na: int) -> list[int]:
    """Verbs sharing the subject after "en"/"of" ("Wij evalueren … en stellen het beleid
    bij"): a finite verb right after the conjunction, up to the end of the sentence or a new
    subject."""
    plekken = []
    for k in range(na + 1, len(kleine) - 1):
        if kleine[k] in _WIJ:
            break
        if kleine[k] in ("en", "of") and _is_werkwoord(kleine[k + 1]):
            plekken.append(k + 1)
    return plekken


def _is_werkwoord(woord: str) -> bool:
    return _enkelvoud(woord) is not None


def _enkelvoud(woord: str) -> str | None:
    """The third person singular of a finite plural verb, or None when this is no such verb or
    its form is not certain (stress decides the vowel of "-eren", "-elen": not guessed)."""
    if woord in _ONREGELMATIG:
        return _ONREGELMATIG[woord]
    if woord in _GEEN_WERKWOORD or not woord.isalpha() or not woord.endswith("en"):
        return None
    if len(woord) < 5 or woord.endswith(("eren", "elen", "enen", "ieën")):
        return None
    stam = woord[:-2]
    if stam.endswith("ee") or stam[-1] in "aeiou":
        return None
    if stam[-1] in "td" and stam[-2] not in "aeioulnr" + stam[-1]:
        return None  # werkten, zorgden: a past tense, whose singular is not stem + t
    if len(stam) >= 2 and stam[-1] == stam[-2]:
        stam = stam[:-1]  # zetten → zet, bellen → bel
    elif _open_lettergreep(stam):
        return None  # maken → maakt: the long vowel is known only from the lexicon
    stam = stam[:-1] + {"v": "f", "z": "s"}.get(stam[-1], stam[-1])
    return stam if stam.endswith("t") else stam + "t"


def _open_lettergreep(stam: str) -> bool:
    """Whether the stem's last vowel stood in an open syllable (one vowel, one consonant after
    it, as in "mak-en"): its third person doubles the vowel, which is not derived here."""
    klinkers = "aeiouy"
    return (
        len(stam) >= 2
        and stam[-1] not in klinkers
        and stam[-2] in "aeou"
        and (len(stam) < 3 or stam[-3] not in klinkers)
    )


def _zet_samen(woorden: list[str], origineel: str) -> str:
    """Join the words again with the spacing of the original sentence."""
    uit = []
    rest = origineel
    for oud, nieuw in zip(_WOORD.findall(origineel), woorden, strict=True):
        plek = rest.find(oud)
        uit.append(rest[:plek] + nieuw)
        rest = rest[plek + len(oud) :]
    tekst = "".join(uit) + rest
    return hoofdletter(tekst)
