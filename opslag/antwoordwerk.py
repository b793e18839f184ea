"""The answering path's statements: each update's unit of work as a few fixed statements for
SQLite and PostgreSQL (claim the update, move the state on, write the answer and its history;
read a state; bind an invitation), run by group commit (opslag.groepscommit) off the ORM. They
write exactly what the ORM would, so the rest of the application reads it back alike.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import asyncpg

from opslag import pg_antwoord
from opslag.antwoorden import Wijziging, als_dict
from opslag.gesprekken import Stand, stand_deadline, stand_status, waarom_dicht
from opslag.groepscommit import Terugdraaien
from vragenlijsten.antwoorden import Antwoord, Bestand

Uitkomst = Literal["geschreven", "dubbel", "verouderd"]

_CLAIM = (
    "INSERT INTO verwerkte_update (update_id, verwerkt) VALUES (?, ?) "
    "ON CONFLICT DO NOTHING RETURNING update_id"
)
_GEEN_INSPECTEUR = (
    "NOT EXISTS (SELECT 1 FROM inspecteur WHERE telegram_user_id = ? AND ingetrokken IS NULL)"
)
_STAND = (
    "UPDATE uitnodiging SET huidig_item = ?, stap = ?, overgeslagen = ?, laatste_activiteit = ?, "
    "gestart = CASE WHEN status = 'uitgenodigd' THEN ? ELSE gestart END, "
    "status = CASE WHEN status = 'uitgenodigd' THEN 'bezig' ELSE status END, "
    f"versie = versie + 1 WHERE id = ? AND versie = ? AND {_GEEN_INSPECTEUR}"
)
_NIEUW = (
    "INSERT INTO antwoord (waarde, toelichting, document, bestand_file_id, bestand_naam, "
    "bestand_grootte, gewijzigd, uitnodiging_id, item_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT DO NOTHING"
)
_WIJZIG = (
    "UPDATE antwoord SET waarde = ?, toelichting = ?, document = ?, bestand_file_id = ?, "
    "bestand_naam = ?, bestand_grootte = ?, gewijzigd = ? WHERE uitnodiging_id = ? AND item_id = ?"
)
_WEG = "DELETE FROM antwoord WHERE uitnodiging_id = ? AND item_id = ?"
_HISTORIE = (
    "INSERT INTO antwoord_historie (uitnodiging_id, item_id, oud, nieuw, wanneer, door) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)
_STAND_KOLOMMEN = (
    "SELECT u.id, g.naam, o.aanpak, o.kader, o.deadline, u.rol, u.organisatie, u.casus, "
    "u.status, u.huidig_item, u.stap, u.overgeslagen, o.status, u.ingetrokken, u.versie, "
    "u.soort, u.vragen, u.termijn "
    "FROM uitnodiging u JOIN onderzoek o ON o.id = u.onderzoek_id "
    "JOIN gemeente g ON g.id = o.gemeente_id "
)
_LAAD = (
    _STAND_KOLOMMEN + f"WHERE u.telegram_user_id = ? AND {_GEEN_INSPECTEUR} "
    "ORDER BY u.laatste_activiteit DESC NULLS LAST, u.id DESC LIMIT 1"
)
_LAAD_UITNODIGING = _STAND_KOLOMMEN + "WHERE u.id = ?"
# Binding an invitation (/start <token>): is the token an inspector's, or the user one?
_INSPECTEURSTOKEN = (
    "SELECT 1 FROM inspecteur WHERE token = ? "
    "UNION ALL SELECT 1 FROM inspecteur WHERE telegram_user_id = ? AND ingetrokken IS NULL"
)
# An interview's invitation is answered by the inspector only, and a step after the concept
# goes to the gemeente's contact directly: their tokens open nothing.
_UITNODIGING = (
    "SELECT u.id, u.telegram_user_id, u.ingetrokken, u.status, o.status, o.deadline "
    "FROM uitnodiging u JOIN onderzoek o ON o.id = u.onderzoek_id "
    "WHERE u.token = ? AND u.bron IS NULL AND u.soort IS NULL"
)
_BIND = (
    "UPDATE uitnodiging SET telegram_user_id = ?, laatste_activiteit = ?, "
    "gestart = CASE WHEN status = 'uitgenodigd' THEN ? ELSE gestart END, "
    "status = CASE WHEN status = 'uitgenodigd' THEN 'bezig' ELSE status END, "
    "versie = versie + 1 WHERE id = ?"
)
_ANTWOORDEN = (
    "SELECT item_id, waarde, toelichting, document, bestand_file_id, bestand_naam, "
    "bestand_grootte FROM antwoord WHERE uitnodiging_id = ? ORDER BY id"
)


def _genummerd(sql: str) -> str:
    """The same statement with PostgreSQL's numbered parameters."""
    teller = iter(range(1, sql.count("?") + 1))
    return re.sub(r"\?", lambda _: f"${next(teller)}", sql)


_PG = {
    sql: _genummerd(sql)
    for sql in (_CLAIM, _LAAD, _LAAD_UITNODIGING, _ANTWOORDEN, _INSPECTEURSTOKEN, _UITNODIGING)
}
_PG[_BIND] = _genummerd(_BIND)


def _sqlite_json(waarde: Any) -> Any:
    """A JSON column as SQLite returns it: text, or a number (the column's numeric affinity
    turned the text '12' into 12)."""
    return json.loads(waarde) if isinstance(waarde, str) else waarde


def _sqlite_tijd(moment: dt.datetime) -> str:
    """A UTC time as SQLAlchemy stores it in SQLite, so the ORM reads it back alike."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


@dataclass(frozen=True)
class Schrijfopdracht:
    """What one update writes: its claim, the new state, and the answer change, if any."""

    update_id: int
    gebruiker: int
    uitnodiging_id: int
    versie: int
    huidig_item: str | None
    stap: str
    overgeslagen: list[str]
    door: str
    wanneer: dt.datetime
    item_id: str | None = None
    oud: Antwoord | None = None
    nieuw: Antwoord | None = None
    soort: Wijziging = "geen"

    def _waarden(self) -> tuple[Any, ...]:
        """The new answer's columns, as the ORM writes them."""
        a = self.nieuw or Antwoord()
        b = a.bestand
        bestand = (b.telegram_file_id, b.naam, b.grootte) if b else (None, None, None)
        return (json.dumps(a.waarde), a.toelichting, a.document, *bestand)

    def _historie(self) -> tuple[str, str, str]:
        """The history row's old and new answer and who changed it."""
        nieuw = None if self.soort == "weg" else als_dict(self.nieuw)
        return json.dumps(als_dict(self.oud)), json.dumps(nieuw), self.door

    def _rijen(self, tijd: object) -> list[tuple[str, tuple[Any, ...]]]:
        """The statements after the claim, with their parameters (SQLite)."""
        overgeslagen = json.dumps(sorted(self.overgeslagen))
        stand = (self.huidig_item, self.stap, overgeslagen, tijd, tijd)
        rijen: list[tuple[str, tuple[Any, ...]]] = [
            (_STAND, (*stand, self.uitnodiging_id, self.versie, self.gebruiker))
        ]
        if self.soort == "geen" or self.item_id is None:
            return rijen
        sleutel = (self.uitnodiging_id, self.item_id)
        if self.soort == "weg":
            rijen.append((_WEG, sleutel))
        else:
            sql = _NIEUW if self.soort == "nieuw" else _WIJZIG
            rijen.append((sql, (*self._waarden(), tijd, *sleutel)))
        oud, nieuw, door = self._historie()
        rijen.append((_HISTORIE, (*sleutel, oud, nieuw, tijd, door)))
        return rijen

    def sqlite(self, verbinding: sqlite3.Connection) -> Uitkomst:
        """Write on SQLite (in-process: a statement costs no round trip)."""
        tijd = _sqlite_tijd(self.wanneer)
        if verbinding.execute(_CLAIM, (self.update_id, tijd)).fetchone() is None:
            raise Terugdraaien("dubbel")
        for sql, parameters in self._rijen(tijd):
            if verbinding.execute(sql, parameters).rowcount != 1:
                raise Terugdraaien("verouderd")
        return "geschreven"

    async def postgres(self, verbinding: Any) -> Uitkomst:
        """Write on PostgreSQL (asyncpg) in one statement that writes all or nothing
        (opslag.pg_antwoord)."""
        parameters: list[Any] = [self.update_id, self.wanneer, self.huidig_item, self.stap]
        parameters += [json.dumps(sorted(self.overgeslagen)), self.uitnodiging_id, self.versie]
        parameters.append(self.gebruiker)
        if self.soort == "weg":
            parameters.append(self.item_id)
        elif self.soort != "geen":
            parameters += [*self._waarden(), self.item_id]
        if self.soort != "geen":
            parameters += [self.item_id, *self._historie()]
        try:
            tellingen = await verbinding.fetchrow(pg_antwoord.STATEMENTS[self.soort], *parameters)
        except asyncpg.UniqueViolationError as fout:
            # Claimed by another instance meanwhile; any other key: the copy was wrong.
            dubbel = fout.constraint_name == "verwerkte_update_pkey"
            raise Terugdraaien("dubbel" if dubbel else "verouderd") from fout
        except asyncpg.InvalidTextRepresentationError as fout:  # the answer row was not there
            raise Terugdraaien("verouderd") from fout
        geclaimd, verplaatst, al_geclaimd = tellingen[0], tellingen[1], tellingen[2]
        if geclaimd == 1 and verplaatst == 1:
            return "geschreven"
        return "dubbel" if al_geclaimd else "verouderd"

    # One statement that writes all or nothing: safe to run on its own, without a transaction.
    los = True


@dataclass(frozen=True)
class Laad:
    """Read where a user stands now (their most recently active invitation); None when they
    have none, or are an active inspector."""

    gebruiker: int

    # Only reads; the version read with the state guards whatever changes between its reads.
    los = True

    def sqlite(self, verbinding: sqlite3.Connection) -> Stand | None:
        """Read on SQLite."""
        return _sqlite_stand(verbinding, _LAAD, (self.gebruiker, self.gebruiker))

    async def postgres(self, verbinding: Any) -> Stand | None:
        """Read on PostgreSQL (asyncpg)."""
        return await _pg_stand(verbinding, _LAAD, (self.gebruiker, self.gebruiker))


@dataclass(frozen=True)
class Bind:
    """/start <token>: claim the update, bind the invitation to the user and read its state.
    Whatever is not plainly fine (an inspector's token or user, a token unknown, revoked,
    someone else's, or closed) is left to the ORM path, which says why: `None`."""

    update_id: int
    gebruiker: int
    token: str
    vandaag: dt.date
    wanneer: dt.datetime

    def _bindbaar(self, rij: Any) -> bool:
        if rij is None or rij[2] is not None or rij[1] not in (None, self.gebruiker):
            return False
        deadline = dt.date.fromisoformat(rij[5]) if isinstance(rij[5], str) else rij[5]
        return waarom_dicht(False, False, rij[4], deadline, self.vandaag) is None or (
            rij[3] == "ingediend"
        )

    def sqlite(self, verbinding: sqlite3.Connection) -> Stand | Literal["dubbel"] | None:
        """Bind on SQLite."""
        tijd = _sqlite_tijd(self.wanneer)
        if verbinding.execute(_CLAIM, (self.update_id, tijd)).fetchone() is None:
            raise Terugdraaien("dubbel")
        if verbinding.execute(_INSPECTEURSTOKEN, (self.token, self.gebruiker)).fetchone():
            raise Terugdraaien(None)
        rij = verbinding.execute(_UITNODIGING, (self.token,)).fetchone()
        if not self._bindbaar(rij):
            raise Terugdraaien(None)
        verbinding.execute(_BIND, (self.gebruiker, tijd, tijd, rij[0]))
        return _sqlite_stand(verbinding, _LAAD_UITNODIGING, (rij[0],))

    async def postgres(self, verbinding: Any) -> Stand | Literal["dubbel"] | None:
        """Bind on PostgreSQL (asyncpg)."""
        if await verbinding.fetchval(_PG[_CLAIM], self.update_id, self.wanneer) is None:
            raise Terugdraaien("dubbel")
        if await verbinding.fetchval(_PG[_INSPECTEURSTOKEN], self.token, self.gebruiker):
            raise Terugdraaien(None)
        rij = await verbinding.fetchrow(_PG[_UITNODIGING], self.token)
        if not self._bindbaar(rij):
            raise Terugdraaien(None)
        tijd = self.wanneer
        await verbinding.execute(_PG[_BIND], self.gebruiker, tijd, tijd, rij[0])
        return await _pg_stand(verbinding, _LAAD_UITNODIGING, (rij[0],))


def _sqlite_stand(
    verbinding: sqlite3.Connection, sql: str, sleutel: tuple[Any, ...]
) -> Stand | None:
    rij = verbinding.execute(sql, sleutel).fetchone()
    if rij is None:
        return None
    antwoorden = verbinding.execute(_ANTWOORDEN, (rij[0],)).fetchall()
    return _stand(rij, antwoorden, _sqlite_json)


async def _pg_stand(verbinding: Any, sql: str, sleutel: tuple[Any, ...]) -> Stand | None:
    rij = await verbinding.fetchrow(_PG[sql], *sleutel)
    if rij is None:
        return None
    # SQLAlchemy's codec on this connection has already decoded the JSON columns.
    antwoorden = await verbinding.fetch(_PG[_ANTWOORDEN], rij[0])
    return _stand(tuple(rij), antwoorden, lambda waarde: waarde)


def _datum(waarde: Any) -> dt.date | None:
    """A date column: SQLite keeps dates as text."""
    return dt.date.fromisoformat(waarde) if isinstance(waarde, str) else waarde


def _stand(rij: tuple[Any, ...], antwoorden: list[Any], lees: Callable[[Any], Any]) -> Stand:
    soort = rij[15]
    return Stand(
        uitnodiging_id=rij[0],
        gemeente=rij[1],
        aanpak=rij[2],
        kader=rij[3],
        deadline=stand_deadline(soort, _datum(rij[17]), _datum(rij[4])),
        rol=rij[5],
        organisatie=rij[6],
        casus=rij[7],
        status=rij[8],
        huidig_item=rij[9],
        stap=rij[10],
        overgeslagen=list(lees(rij[11]) or []) if rij[11] is not None else [],
        antwoorden={a[0]: _antwoord(a, lees) for a in antwoorden},
        onderzoek_status=stand_status(soort, rij[12]),
        ingetrokken=rij[13] is not None,
        versie=rij[14],
        soort=soort,
        vragen=lees(rij[16]) if rij[16] is not None else None,
    )


def _antwoord(a: Any, lees: Callable[[Any], Any]) -> Antwoord:
    bestand = Bestand(telegram_file_id=a[4], naam=a[5], grootte=a[6]) if a[4] else None
    waarde = lees(a[1]) if a[1] is not None else None
    return Antwoord(waarde=waarde, toelichting=a[2], document=a[3], bestand=bestand)
