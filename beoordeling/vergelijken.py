"""Do two respondents describe the same thing? A plain comparison of the content words of two
short texts (a target group, the goals of an aanpak), good enough to say "two partners give a
description that agrees with the gemeente's; one gives another" without reading for meaning.

Content words: lower case, letters only, without the commonest Dutch function words and words
shorter than four letters, and with a crude suffix cut so that "problemen" meets "probleem" and
"complexe" meets "complex". Two texts agree when they share at least two content words, making
up at least a third of the shorter text's."""

from __future__ import annotations

import re
from functools import lru_cache

# Dutch function words and words every description of these families uses, so they say
# nothing about whether two descriptions agree.
_STOPWOORDEN = frozenset(
    """aan als alle allemaal ander andere bij daar dan dat deze die dit door een eigen elk en
    er geen heeft hebben het hun hij hoe ieder in is je kan komen kunnen maar meer met mits na
    naar niet nog of om onder ons ook op over per sprake te tot tussen uit van veel voor waar
    wanneer was wat we wel wie wij wil worden wordt zich zij zijn zo zoals zonder waarin waarbij
    waardoor zeer vooral speelt gezin gezinnen aanpak vaak soms kind kinderen""".split()  # noqa: SIM905 - a word list reads best as text
)
_AFGEKAPT = ("heden", "heid", "ingen", "ing", "en", "e", "s")
MIN_GEDEELD = 2
MIN_AANDEEL = 1 / 3


def _stam(woord: str) -> str:
    """A crude Dutch stem: a common suffix cut, a doubled last letter undone."""
    for achter in _AFGEKAPT:
        if woord.endswith(achter) and len(woord) - len(achter) >= 4:
            woord = woord[: -len(achter)]
            break
    if len(woord) > 4 and woord[-1] == woord[-2]:
        woord = woord[:-1]
    return woord


@lru_cache(maxsize=8192)
def kernwoorden(tekst: str) -> frozenset[str]:
    """The stems of a text's content words (remembered: an assessment compares each partner's
    description with the gemeente's, the same texts again and again)."""
    woorden = re.findall(r"[a-zà-ÿ]+", tekst.lower())
    return frozenset(_stam(w) for w in woorden if len(w) >= 4 and w not in _STOPWOORDEN)


def komen_overeen(a: str, b: str) -> bool:
    """Whether two short descriptions say much the same."""
    ka, kb = kernwoorden(a), kernwoorden(b)
    if not ka or not kb:
        return False
    gedeeld = len(ka & kb)
    return gedeeld >= MIN_GEDEELD and gedeeld >= MIN_AANDEEL * min(len(ka), len(kb))
