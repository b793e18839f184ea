"""Typed SQLAlchemy 2 models: the tables behind onderzoeken, uitnodigingen and antwoorden.

Timestamps are stored in UTC; `UTCDateTime` makes them tz-aware again on read, because SQLite
forgets the zone and PostgreSQL does not, and the code must see the same on both.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from vragenlijsten import grenzen


def nu() -> dt.datetime:
    """The current time in UTC."""
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware UTC datetime on every backend."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        """Store in UTC."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass a timezone-aware value")
        return value.astimezone(dt.UTC)

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        """Read back as UTC-aware."""
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class Basis(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dict[str, Any]: JSON,
        dt.datetime: UTCDateTime,
        dt.date: Date,
    }


class Gemeente(Basis):
    __tablename__ = "gemeente"

    id: Mapped[int] = mapped_column(primary_key=True)
    naam: Mapped[str] = mapped_column(String(grenzen.GEMEENTE), unique=True)


class Onderzoek(Basis):
    """One gemeente + aanpak + kader. A follow-up a year later is a new onderzoek linked to the
    earlier one (`vorige_id`); at most one per gemeente, aanpak and kader is open at a time
    (checked by the service)."""

    __tablename__ = "onderzoek"

    id: Mapped[int] = mapped_column(primary_key=True)
    gemeente_id: Mapped[int] = mapped_column(ForeignKey("gemeente.id"))
    aanpak: Mapped[str] = mapped_column(String(grenzen.AANPAK))
    kader: Mapped[str] = mapped_column(String(50))
    deadline: Mapped[dt.date | None]
    status: Mapped[str] = mapped_column(String(20), default="open")
    beoordeling_status: Mapped[str] = mapped_column(String(20), default="concept")
    vastgesteld_op: Mapped[dt.datetime | None]  # the factsheet's date once vastgesteld
    aangemaakt: Mapped[dt.datetime] = mapped_column(default=nu)
    # Reminder schedule: days before the deadline, at this local time (Europe/Amsterdam).
    herinner_dagen: Mapped[list[int]] = mapped_column(JSON, default=lambda: [7, 2, 0])
    herinner_tijd: Mapped[str] = mapped_column(String(5), default="10:00")
    # Raised by every change to what the assessment reads besides the answers (the onderzoek
    # itself, overrides, evidence; opslag.versies), so a compiled one is kept until then.
    versie: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    # The onderzoek this one follows up (a year later); the rounds are linked by this, not by
    # their names.
    vorige_id: Mapped[int | None] = mapped_column(
        ForeignKey("onderzoek.id", ondelete="SET NULL"), index=True
    )
    gepubliceerd_op: Mapped[dt.datetime | None]  # sent to the gemeente once vastgesteld


class Inspecteur(Basis):
    __tablename__ = "inspecteur"

    id: Mapped[int] = mapped_column(primary_key=True)
    naam: Mapped[str] = mapped_column(String(grenzen.NAAM))
    coordinator: Mapped[bool] = mapped_column(Boolean, default=False)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    telegram_user_id: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    aangemaakt: Mapped[dt.datetime] = mapped_column(default=nu)
    # A multi-step command in progress (/nieuw, /uitnodigen): kept here, not in memory.
    wizard: Mapped[dict[str, Any] | None]
    # Revoked: no longer an inspector (kept for the audit trail).
    ingetrokken: Mapped[dt.datetime | None]


class OnderzoekInspecteur(Basis):
    __tablename__ = "onderzoek_inspecteur"

    onderzoek_id: Mapped[int] = mapped_column(
        ForeignKey("onderzoek.id", ondelete="CASCADE"), primary_key=True
    )
    inspecteur_id: Mapped[int] = mapped_column(
        ForeignKey("inspecteur.id", ondelete="CASCADE"), primary_key=True
    )


class Uitnodiging(Basis):
    """One invited respondent; ouders are known only by role and casus label, never by name."""

    __tablename__ = "uitnodiging"

    id: Mapped[int] = mapped_column(primary_key=True)
    onderzoek_id: Mapped[int] = mapped_column(
        ForeignKey("onderzoek.id", ondelete="CASCADE"), index=True
    )
    rol: Mapped[str] = mapped_column(String(50))
    organisatie: Mapped[str | None] = mapped_column(String(grenzen.ORGANISATIE))
    casus: Mapped[str | None] = mapped_column(String(grenzen.CASUS))
    token: Mapped[str] = mapped_column(String(64), unique=True)
    telegram_user_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    status: Mapped[str] = mapped_column(String(20), default="uitgenodigd")
    aangemaakt: Mapped[dt.datetime] = mapped_column(default=nu)
    gestart: Mapped[dt.datetime | None]
    ingediend: Mapped[dt.datetime | None]
    laatste_activiteit: Mapped[dt.datetime | None]
    herinneringen: Mapped[int] = mapped_column(Integer, default=0)
    # Where the conversation stands: the item being asked and the step within it
    # (waarde, toelichting, document); None means "the first open item".
    huidig_item: Mapped[str | None] = mapped_column(String(100))
    stap: Mapped[str] = mapped_column(String(20), default="waarde")
    overgeslagen: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Revoked by an inspector: the link no longer works and nothing can be changed.
    ingetrokken: Mapped[dt.datetime | None]
    # Raised by every change to this invitation, its answers or its onderzoek (opslag.versies),
    # so an instance answering from a copy in memory sees that another one moved on.
    versie: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    # "interview": an inspector recorded the answers in a conversation with the respondent
    # (when, and who), not the respondent through Telegram; None: the questionnaire.
    bron: Mapped[str | None] = mapped_column(String(20))
    interview_datum: Mapped[dt.date | None]
    interviewer: Mapped[str | None] = mapped_column(String(grenzen.NAAM))
    # A step after the concept (wederhoor, verbeterplan, voortgang): a questionnaire generated
    # for this onderzoek (`vragen`, the Vragenlijst as data), answered by the gemeente's
    # contact in Telegram or through a web link (only its hash is kept), closed at its own
    # `termijn` rather than the onderzoek's deadline. None: a respondent of the kader.
    soort: Mapped[str | None] = mapped_column(String(20))
    vragen: Mapped[dict[str, Any] | None]
    termijn: Mapped[dt.date | None]
    link_hash: Mapped[str | None] = mapped_column(String(64), unique=True)


class VerwerkteUpdate(Basis):
    """Telegram update ids already handled, so a redelivered update is not applied twice."""

    __tablename__ = "verwerkte_update"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    verwerkt: Mapped[dt.datetime] = mapped_column(default=nu, index=True)


class Antwoord(Basis):
    """The current answer of one respondent to one item."""

    __tablename__ = "antwoord"
    __table_args__ = (UniqueConstraint("uitnodiging_id", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uitnodiging_id: Mapped[int] = mapped_column(
        ForeignKey("uitnodiging.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[str] = mapped_column(String(100))
    waarde: Mapped[Any | None] = mapped_column(JSON)
    toelichting: Mapped[str | None] = mapped_column(Text)
    document: Mapped[str | None] = mapped_column(Text)
    bestand_file_id: Mapped[str | None] = mapped_column(String(grenzen.BESTAND_ID))
    bestand_naam: Mapped[str | None] = mapped_column(String(grenzen.BESTANDSNAAM))
    bestand_grootte: Mapped[int | None] = mapped_column(BigInteger)
    gewijzigd: Mapped[dt.datetime] = mapped_column(default=nu)


class AntwoordHistorie(Basis):
    """Every change of an answer: the whole answer before and after, when, and by whom."""

    __tablename__ = "antwoord_historie"

    id: Mapped[int] = mapped_column(primary_key=True)
    uitnodiging_id: Mapped[int] = mapped_column(
        ForeignKey("uitnodiging.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[str] = mapped_column(String(100))
    oud: Mapped[dict[str, Any] | None]
    nieuw: Mapped[dict[str, Any] | None]
    wanneer: Mapped[dt.datetime] = mapped_column(default=nu)
    door: Mapped[str] = mapped_column(String(100))


class OordeelAanpassing(Basis):
    """An inspector's override of one indicator's draft verdict and/or finding."""

    __tablename__ = "oordeel_aanpassing"
    __table_args__ = (UniqueConstraint("onderzoek_id", "indicator_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    onderzoek_id: Mapped[int] = mapped_column(ForeignKey("onderzoek.id", ondelete="CASCADE"))
    indicator_id: Mapped[str] = mapped_column(String(100))
    oordeel: Mapped[str | None] = mapped_column(String(30))
    tekst: Mapped[str | None] = mapped_column(Text)
    # Own LET OP remarks instead of the generated ones (an empty list removes them).
    let_op: Mapped[list[str] | None] = mapped_column(JSON)
    # Invitations whose toelichting on this indicator the finding may quote.
    citaten: Mapped[list[int] | None] = mapped_column(JSON)
    # The inspector's edits of the finding's parts: part key → own text, or null (dropped).
    delen: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    door: Mapped[str] = mapped_column(String(200))
    wanneer: Mapped[dt.datetime] = mapped_column(default=nu)


class BewijsDocument(Basis):
    """A document of an onderzoek as the inspector keeps track of it: named by a respondent or
    added, requested / received / read on a date. `sleutel` is the normalised title, so a
    respondent's "werkplan  2013" is the inspector's 'Werkplan 2013'."""

    __tablename__ = "bewijs_document"
    __table_args__ = (UniqueConstraint("onderzoek_id", "sleutel"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    onderzoek_id: Mapped[int] = mapped_column(
        ForeignKey("onderzoek.id", ondelete="CASCADE"), index=True
    )
    titel: Mapped[str] = mapped_column(String(grenzen.DOCUMENT))
    sleutel: Mapped[str] = mapped_column(String(grenzen.DOCUMENT))
    status: Mapped[str] = mapped_column(String(20))  # opgevraagd, ontvangen, gelezen
    datum: Mapped[dt.date | None]
    door: Mapped[str] = mapped_column(String(200))
    gewijzigd: Mapped[dt.datetime] = mapped_column(default=nu)


class DocumentLezing(Basis):
    """What the inspector read in one document about one indicator."""

    __tablename__ = "document_lezing"
    __table_args__ = (UniqueConstraint("document_id", "indicator_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("bewijs_document.id", ondelete="CASCADE"), index=True
    )
    indicator_id: Mapped[str] = mapped_column(String(100))
    steun: Mapped[str] = mapped_column(String(20))  # steunt, steunt_deels, steunt_niet
    notitie: Mapped[str | None] = mapped_column(Text)
    door: Mapped[str] = mapped_column(String(200))
    wanneer: Mapped[dt.datetime] = mapped_column(default=nu)


class DossierBevinding(Basis):
    """What the inspector saw in one family's dossier about one indicator."""

    __tablename__ = "dossier_bevinding"
    __table_args__ = (UniqueConstraint("onderzoek_id", "casus", "indicator_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    onderzoek_id: Mapped[int] = mapped_column(
        ForeignKey("onderzoek.id", ondelete="CASCADE"), index=True
    )
    casus: Mapped[str] = mapped_column(String(grenzen.CASUS))
    indicator_id: Mapped[str] = mapped_column(String(100))
    waarde: Mapped[str] = mapped_column(String(10))  # ja, deels, nee
    notitie: Mapped[str | None] = mapped_column(Text)
    door: Mapped[str] = mapped_column(String(200))
    wanneer: Mapped[dt.datetime] = mapped_column(default=nu)


class ConclusieAanpassing(Basis):
    """An inspector's own conclusion text for one theme."""

    __tablename__ = "conclusie_aanpassing"
    __table_args__ = (UniqueConstraint("onderzoek_id", "thema"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    onderzoek_id: Mapped[int] = mapped_column(ForeignKey("onderzoek.id", ondelete="CASCADE"))
    thema: Mapped[str] = mapped_column(String(100))
    gaat_goed: Mapped[Any | None] = mapped_column(JSON)
    kan_beter: Mapped[Any | None] = mapped_column(JSON)
    door: Mapped[str] = mapped_column(String(200))
    wanneer: Mapped[dt.datetime] = mapped_column(default=nu)


class EindoordeelAanpassing(Basis):
    """An inspector's own overall judgement of a themarapport (instead of the rule's)."""

    __tablename__ = "eindoordeel_aanpassing"

    id: Mapped[int] = mapped_column(primary_key=True)
    onderzoek_id: Mapped[int] = mapped_column(
        ForeignKey("onderzoek.id", ondelete="CASCADE"), unique=True
    )
    voldoende: Mapped[bool] = mapped_column(Boolean)
    tekst: Mapped[str | None] = mapped_column(Text)
    door: Mapped[str] = mapped_column(String(200))
    wanneer: Mapped[dt.datetime] = mapped_column(default=nu)


class HoofdstukTekst(Basis):
    """One version of an inspector's text of a report chapter (by its name in the kader's
    chapter list). Versions are kept: the latest of a chapter counts, one without text gives
    the chapter back to its draft, and all of them are its history (who, when)."""

    __tablename__ = "hoofdstuk_tekst"

    id: Mapped[int] = mapped_column(primary_key=True)
    onderzoek_id: Mapped[int] = mapped_column(
        ForeignKey("onderzoek.id", ondelete="CASCADE"), index=True
    )
    naam: Mapped[str] = mapped_column(String(grenzen.HOOFDSTUKNAAM))
    tekst: Mapped[str | None] = mapped_column(Text)
    door: Mapped[str] = mapped_column(String(200))
    wanneer: Mapped[dt.datetime] = mapped_column(default=nu)


class ReactieBesluit(Basis):
    """What the inspector decided about one reaction of the gemeente (one answer of a
    wederhoor questionnaire): accepted (the finding may have been edited with it) or rejected
    with a reason. A later decision replaces it; the audit log keeps every one."""

    __tablename__ = "reactie_besluit"
    __table_args__ = (UniqueConstraint("uitnodiging_id", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uitnodiging_id: Mapped[int] = mapped_column(
        ForeignKey("uitnodiging.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[str] = mapped_column(String(100))
    besluit: Mapped[str] = mapped_column(String(20))  # aanvaard, afgewezen
    reden: Mapped[str | None] = mapped_column(Text)
    door: Mapped[str] = mapped_column(String(200))
    wanneer: Mapped[dt.datetime] = mapped_column(default=nu)


class ProcesRonde(Basis):
    """One scheduled reminder moment of a step after the concept (the wederhoor term, the
    improvement plan's deadline); unique per invitation and moment, like HerinnerRonde."""

    __tablename__ = "proces_ronde"
    __table_args__ = (UniqueConstraint("uitnodiging_id", "moment"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uitnodiging_id: Mapped[int] = mapped_column(ForeignKey("uitnodiging.id", ondelete="CASCADE"))
    moment: Mapped[dt.datetime]
    status: Mapped[str] = mapped_column(String(20))  # gepland, ingehaald, overgeslagen
    gepland_op: Mapped[dt.datetime] = mapped_column(default=nu)


class HerinnerRonde(Basis):
    """One scheduled reminder moment of an onderzoek; the unique key lets exactly one instance
    plan it, however many run and however often they restart."""

    __tablename__ = "herinner_ronde"
    __table_args__ = (UniqueConstraint("onderzoek_id", "moment"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    onderzoek_id: Mapped[int] = mapped_column(ForeignKey("onderzoek.id", ondelete="CASCADE"))
    moment: Mapped[dt.datetime]
    status: Mapped[str] = mapped_column(String(20))  # gepland, ingehaald, overgeslagen
    gepland_op: Mapped[dt.datetime] = mapped_column(default=nu)


class Herinnering(Basis):
    """One reminder to one respondent, written before it is sent and claimed atomically."""

    __tablename__ = "herinnering"

    id: Mapped[int] = mapped_column(primary_key=True)
    onderzoek_id: Mapped[int] = mapped_column(
        ForeignKey("onderzoek.id", ondelete="CASCADE"), index=True
    )
    uitnodiging_id: Mapped[int] = mapped_column(
        ForeignKey("uitnodiging.id", ondelete="CASCADE"), index=True
    )
    ronde_id: Mapped[int | None] = mapped_column(ForeignKey("herinner_ronde.id"))
    aangevraagd_door: Mapped[str] = mapped_column(String(100))
    # gepland → bezig (claimed) → verzonden | geblokkeerd | mislukt
    status: Mapped[str] = mapped_column(String(20), default="gepland", index=True)
    aangemaakt: Mapped[dt.datetime] = mapped_column(default=nu)
    geclaimd_door: Mapped[str | None] = mapped_column(String(100))
    geclaimd_op: Mapped[dt.datetime | None]
    afgehandeld: Mapped[dt.datetime | None]
    fout: Mapped[str | None] = mapped_column(Text)


class Audit(Basis):
    """One inspector action or refused attempt: who, what, when, which onderzoek."""

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(primary_key=True)
    wanneer: Mapped[dt.datetime] = mapped_column(default=nu, index=True)
    wie: Mapped[str] = mapped_column(String(grenzen.NAAM))
    actie: Mapped[str] = mapped_column(String(100))
    onderzoek_id: Mapped[int | None] = mapped_column(Integer, index=True)
    details: Mapped[str | None] = mapped_column(Text)
    geweigerd: Mapped[bool] = mapped_column(Boolean, default=False)


class WebLink(Basis):
    """A one-time login link to the web console: only its hash is kept, it expires, and it is
    spent on first use."""

    __tablename__ = "weblink"

    id: Mapped[int] = mapped_column(primary_key=True)
    inspecteur_id: Mapped[int] = mapped_column(ForeignKey("inspecteur.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    aangemaakt: Mapped[dt.datetime] = mapped_column(default=nu)
    verloopt: Mapped[dt.datetime]
    gebruikt: Mapped[dt.datetime | None]


class WebSessie(Basis):
    """A login to the web console, kept on the server: the cookie holds only a random token
    (its hash is stored), so logging out or revoking the inspector ends it everywhere."""

    __tablename__ = "websessie"

    id: Mapped[int] = mapped_column(primary_key=True)
    inspecteur_id: Mapped[int] = mapped_column(
        ForeignKey("inspecteur.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    csrf: Mapped[str] = mapped_column(String(64))
    aangemaakt: Mapped[dt.datetime] = mapped_column(default=nu)
    laatst_gezien: Mapped[dt.datetime] = mapped_column(default=nu)
    beeindigd: Mapped[dt.datetime | None]
    # Why it ended: uitgelogd, verlopen, ingetrokken.
    reden: Mapped[str | None] = mapped_column(String(20))
    # What the next page shows after a form was sent (message, errors per field, the values).
    bericht: Mapped[dict[str, Any] | None]


class Document(Basis):
    """A file a respondent sent through Telegram, fetched once and kept, so inspectors can read
    it after Telegram no longer serves it."""

    __tablename__ = "document"
    __table_args__ = (UniqueConstraint("uitnodiging_id", "item_id", "telegram_file_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uitnodiging_id: Mapped[int] = mapped_column(
        ForeignKey("uitnodiging.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[str] = mapped_column(String(100))
    telegram_file_id: Mapped[str] = mapped_column(String(grenzen.BESTAND_ID))
    naam: Mapped[str] = mapped_column(String(grenzen.BESTANDSNAAM))
    mime: Mapped[str] = mapped_column(String(100))
    grootte: Mapped[int] = mapped_column(BigInteger)
    inhoud: Mapped[bytes] = mapped_column(LargeBinary)
    opgehaald: Mapped[dt.datetime] = mapped_column(default=nu)
