"""PostgreSQL: an answer's whole unit of work as one statement, so one round trip, and all or
nothing. Data-modifying CTEs, each step only if the one before it wrote: move the state on (if
the update id is not yet claimed, the version still matches and the user is no active
inspector), claim the update id, write the answer, record its history. A duplicate or a stale
state therefore writes nothing; the counts that come back tell which. An answer row that is not
where the copy in memory said makes the statement fail (a cast that cannot succeed), and so does
a claim another instance made meanwhile (the key's unique violation): then it writes nothing
either, and the caller tells them apart by the error."""

from __future__ import annotations

from opslag.antwoorden import Wijziging

_CLAIM_EN_STAND = """
WITH stand AS (
    UPDATE uitnodiging SET huidig_item = $3, stap = $4, overgeslagen = $5::json,
        laatste_activiteit = $2,
        gestart = CASE WHEN status = 'uitgenodigd' THEN $2 ELSE gestart END,
        status = CASE WHEN status = 'uitgenodigd' THEN 'bezig' ELSE status END,
        versie = versie + 1
    WHERE id = $6 AND versie = $7
        AND NOT EXISTS (SELECT 1 FROM verwerkte_update WHERE update_id = $1)
        AND NOT EXISTS (
            SELECT 1 FROM inspecteur WHERE telegram_user_id = $8 AND ingetrokken IS NULL)
    RETURNING id
), claim AS (
    INSERT INTO verwerkte_update (update_id, verwerkt) SELECT $1, $2 FROM stand
    RETURNING update_id
)"""
_WAARDEN = "$9::json, $10::text, $11::text, $12::varchar, $13::varchar, $14::bigint"
_ANTWOORD = {
    "nieuw": f"""
, antwoord AS (
    INSERT INTO antwoord (waarde, toelichting, document, bestand_file_id, bestand_naam,
        bestand_grootte, gewijzigd, uitnodiging_id, item_id)
    SELECT {_WAARDEN}, $2, id, $15::varchar FROM stand
    RETURNING uitnodiging_id
)""",
    "wijzig": """
, antwoord AS (
    UPDATE antwoord SET waarde = $9::json, toelichting = $10::text, document = $11::text,
        bestand_file_id = $12::varchar, bestand_naam = $13::varchar,
        bestand_grootte = $14::bigint, gewijzigd = $2
    WHERE uitnodiging_id = (SELECT id FROM stand) AND item_id = $15::varchar
    RETURNING uitnodiging_id
)""",
    "weg": """
, antwoord AS (
    DELETE FROM antwoord WHERE uitnodiging_id = (SELECT id FROM stand) AND item_id = $9::varchar
    RETURNING uitnodiging_id
)""",
}
_HISTORIE = """
, historie AS (
    INSERT INTO antwoord_historie (uitnodiging_id, item_id, oud, nieuw, wanneer, door)
    SELECT uitnodiging_id, ${0}::varchar, ${1}::json, ${2}::json, $2, ${3}::varchar FROM antwoord
    RETURNING id
)"""
# Counted: claimed, state moved, and whether the update id had been claimed before.
_TEL = (
    "\nSELECT (SELECT count(*) FROM claim), (SELECT count(*) FROM stand), "
    "EXISTS (SELECT 1 FROM verwerkte_update WHERE update_id = $1)"
)
# With an answer: it and its history must be written whenever the state moved.
# (The failing cast sits in a subquery: a constant one PostgreSQL would evaluate, and fail, while
# planning, whichever branch applies.)
_CONTROLE = (
    ", CASE WHEN (SELECT count(*) FROM stand) = (SELECT count(*) FROM antwoord) "
    "AND (SELECT count(*) FROM stand) = (SELECT count(*) FROM historie) THEN 1 "
    "ELSE (SELECT CAST('antwoord niet zoals verwacht: ' || count(*) AS integer) FROM stand) END"
)


def statement(soort: Wijziging) -> str:
    """The one statement for an answer of this kind (a new row, a changed one, a removed one,
    or only a move)."""
    if soort == "geen":
        return _CLAIM_EN_STAND + _TEL
    eerste = 10 if soort == "weg" else 16  # the history's parameters follow the answer's
    historie = _HISTORIE.format(eerste, eerste + 1, eerste + 2, eerste + 3)
    return _CLAIM_EN_STAND + _ANTWOORD[soort] + historie + _TEL + _CONTROLE


STATEMENTS = {soort: statement(soort) for soort in ("geen", "nieuw", "wijzig", "weg")}
