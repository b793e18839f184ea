"""The invitation's `versie`: raised by every change that matters to a respondent's
conversation or its assessment, so an instance that answers from a copy in memory
(opslag.antwoordpad) notices that another instance, an inspector or an import changed
something, and loads it again.

The answering path raises it itself, in SQL; everything else goes through the ORM, and this
session class raises it on every flush that touches an invitation, its answers or its onderzoek,
so no service has to remember to.

The onderzoek's `versie` likewise: raised on every flush that touches the onderzoek or a row of
it the assessment reads besides the answers (overrides, documents and what was read in them,
dossier findings, and any table added later that holds an `onderzoek_id`), so a compiled
assessment kept in memory (opslag.beoordelingen) is known to be stale in every process. The
answers count through the invitations' versions; rows that say nothing about the assessment
(the audit log, reminders, who is linked) are left out, so viewing a page does not discard it.
"""

from __future__ import annotations

from itertools import chain
from typing import Any, cast

from sqlalchemy import Table, event, or_, select, update
from sqlalchemy.orm import Session, SessionTransaction, UOWTransaction

from opslag.modellen import (
    Antwoord,
    Audit,
    BewijsDocument,
    DocumentLezing,
    Herinnering,
    HerinnerRonde,
    Onderzoek,
    OnderzoekInspecteur,
    ReactieBesluit,
    Uitnodiging,
)

# Rows of an invitation besides its answers that the assessment reads: the inspector's decision
# on a reaction of the gemeente (its step is an invitation; the report's appendix shows it).
_VAN_UITNODIGING = (Antwoord, ReactieBesluit)

# Rows with an onderzoek_id that the assessment does not read (the answers count through the
# invitations' own versions, raised above).
_NIET_VOOR_BEOORDELING = (Uitnodiging, Audit, HerinnerRonde, Herinnering, OnderzoekInspecteur)


class Sessie(Session):
    """The ORM session of this application: raises versions on flush (see module)."""


@event.listens_for(Sessie, "before_flush")
def _verhoog_versies(session: Session, _context: UOWTransaction, _instances: Any) -> None:
    uitnodigingen: set[int] = set()
    onderzoeken: set[int] = set()
    for obj in session.dirty:
        if not session.is_modified(obj):
            continue
        if isinstance(obj, Uitnodiging):
            # In SQL, not in Python: two writers cannot both write the same next number.
            obj.versie = Uitnodiging.versie + 1
        elif isinstance(obj, Onderzoek):
            onderzoeken.add(obj.id)
        elif isinstance(obj, _VAN_UITNODIGING):
            uitnodigingen.add(obj.uitnodiging_id)
    for obj in chain(session.new, session.deleted):
        if isinstance(obj, _VAN_UITNODIGING):
            uitnodigingen.add(obj.uitnodiging_id)
        elif isinstance(obj, Uitnodiging):
            _gewijzigd(session)
    if any(isinstance(o, Uitnodiging) and session.is_modified(o) for o in session.dirty):
        _gewijzigd(session)
    if uitnodigingen or onderzoeken:
        _gewijzigd(session)
        tabel = cast(Table, Uitnodiging.__table__)
        session.connection().execute(
            update(tabel)
            .where(or_(tabel.c.id.in_(uitnodigingen), tabel.c.onderzoek_id.in_(onderzoeken)))
            .values(versie=tabel.c.versie + 1)
        )
    _verhoog_onderzoeken(session)


def _verhoog_onderzoeken(session: Session) -> None:
    """Raise the version of every onderzoek whose assessment this flush changes."""
    onderzoeken: set[int] = set()
    documenten: set[int] = set()
    gewijzigd = [o for o in session.dirty if session.is_modified(o)]
    for obj in chain(gewijzigd, session.new, session.deleted):
        if isinstance(obj, Onderzoek):
            if obj.id is not None:
                onderzoeken.add(obj.id)
        elif isinstance(obj, DocumentLezing):
            documenten.add(obj.document_id)
        elif isinstance(obj, _NIET_VOOR_BEOORDELING):
            continue
        elif isinstance(getattr(obj, "onderzoek_id", None), int):
            onderzoeken.add(obj.onderzoek_id)
    if onderzoeken or documenten:
        _gewijzigd(session)
        tabel = cast(Table, Onderzoek.__table__)
        van_documenten = select(BewijsDocument.onderzoek_id).where(
            BewijsDocument.id.in_(documenten)
        )
        session.connection().execute(
            update(tabel)
            .where(or_(tabel.c.id.in_(onderzoeken), tabel.c.id.in_(van_documenten)))
            .values(versie=tabel.c.versie + 1)
        )


def _gewijzigd(session: Session) -> None:
    """Note that this transaction raised a version (see `versies_gewijzigd`)."""
    session.info["versies_gewijzigd"] = True


@event.listens_for(Sessie, "after_transaction_end")
def _afgesloten(session: Session, transactie: SessionTransaction) -> None:
    if transactie.parent is None:
        session.info.pop("versies_gewijzigd", None)


def versies_gewijzigd(session: Session) -> bool:
    """Whether this session's transaction changed versions (or invitations) it has not
    committed yet: what is read now may still be rolled back, and those version numbers be
    used again for other content, so it must not be kept beyond it (opslag.beoordelingen)."""
    return bool(session.info.get("versies_gewijzigd"))
