"""What a report knows of how its onderzoek was carried out, besides the verdicts: who took part
and how, what was read and seen, the answers its chapters quote, and the inspector's texts of
the chapters they write (plain data; beoordeling.werkwijze fills it from the answers file)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Bron:
    """Who was consulted: a role and how many of its respondents answered."""

    aantal: int
    wie: str  # "wijkteammedewerker" or "wijkteammedewerkers", as the number needs


@dataclass(frozen=True)
class Geschreven:
    """An inspector's text of one chapter (by its name in the kader's chapter list), with who
    wrote it and when; `tekst` None: given back to the draft."""

    naam: str
    tekst: str | None
    door: str
    wanneer: dt.datetime


@dataclass(frozen=True)
class Gesproken:
    """How many respondents of one role took part, and how: through the questionnaire or in
    an interview (with its dates), and how many have not submitted."""

    rol: str
    enkelvoud: str
    meervoud: str
    vragenlijst: int
    interview: int
    open: int
    data: tuple[dt.date, ...] = ()


@dataclass(frozen=True)
class Uitspraak:
    """A respondent's answer to a question a report's chapter shows or quotes."""

    vraag: str
    rol: str
    wie: str  # how the report names the respondent: "de gemeente", "een regisseur"
    waarde: str
    anoniem: bool = False  # of a role whose own words a report never quotes


@dataclass(frozen=True)
class Werkwijze:
    """What was done in the onderzoek, as its answers, interviews and evidence record it: the
    drafts of the werkwijze and of the list of sources are made from this."""

    rollen: tuple[Gesproken, ...] = ()
    gezinnen: int = 0  # families (casussen) respondents answered about
    dossiers: int = 0  # families whose dossier the inspector studied
    gelezen: tuple[tuple[str, dt.date | None], ...] = ()  # documents read, with the date
    # The list of sources: per role and function how many respondents answered.
    bronnen: tuple[Bron, ...] = ()
    # The answers a chapter shows or quotes (an anonymous role's are never quoted).
    uitspraken: tuple[Uitspraak, ...] = ()
    # How reports name the primary account in its own answers ("de gemeente").
    hoofd: str = ""
