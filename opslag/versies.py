"""The invitation's `versie`: raised by every change that matters to a respondent's
conversation, so an instance that answers from a copy in memory (opslag.antwoordpad) notices
that another instance, an inspector or an import changed something, and loads it again.

The answering path raises it itself, in SQL; everything else goes through the ORM, and this
session class raises it on every flush that touches an invitation, its answers or its onderzoek,
so no service has to remember to.
"""

from __future__ import annotations

from itertools import chain
from typing import Any, cast

from sqlalchemy import Table, event, or_, update
from sqlalchemy.orm import Session, UOWTransaction

from opslag.modellen import Antwoord, Onderzoek, Uitnodiging


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
        elif isinstance(obj, Antwoord):
            uitnodigingen.add(obj.uitnodiging_id)
    for obj in chain(session.new, session.deleted):
        if isinstance(obj, Antwoord):
            uitnodigingen.add(obj.uitnodiging_id)
    if uitnodigingen or onderzoeken:
        tabel = cast(Table, Uitnodiging.__table__)
        session.connection().execute(
            update(tabel)
            .where(or_(tabel.c.id.in_(uitnodigingen), tabel.c.onderzoek_id.in_(onderzoeken)))
            .values(versie=tabel.c.versie + 1)
        )
