"""evidence besides the answers: documents and what the inspector read in them, dossier
findings per family, interviews, and the inspector's edits of a finding's parts

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 15:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("uitnodiging") as t:
        t.add_column(sa.Column("bron", sa.String(length=20), nullable=True))
        t.add_column(sa.Column("interview_datum", sa.Date(), nullable=True))
        t.add_column(sa.Column("interviewer", sa.String(length=200), nullable=True))
    with op.batch_alter_table("oordeel_aanpassing") as t:
        t.add_column(sa.Column("delen", sa.JSON(), nullable=True))
    op.create_table(
        "bewijs_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("onderzoek_id", sa.Integer(), nullable=False),
        sa.Column("titel", sa.String(length=500), nullable=False),
        sa.Column("sleutel", sa.String(length=500), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("datum", sa.Date(), nullable=True),
        sa.Column("door", sa.String(length=200), nullable=False),
        sa.Column("gewijzigd", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["onderzoek_id"], ["onderzoek.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("onderzoek_id", "sleutel"),
    )
    op.create_index("ix_bewijs_document_onderzoek_id", "bewijs_document", ["onderzoek_id"])
    op.create_table(
        "document_lezing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.String(length=100), nullable=False),
        sa.Column("steun", sa.String(length=20), nullable=False),
        sa.Column("notitie", sa.Text(), nullable=True),
        sa.Column("door", sa.String(length=200), nullable=False),
        sa.Column("wanneer", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["bewijs_document.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("document_id", "indicator_id"),
    )
    op.create_index("ix_document_lezing_document_id", "document_lezing", ["document_id"])
    op.create_table(
        "dossier_bevinding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("onderzoek_id", sa.Integer(), nullable=False),
        sa.Column("casus", sa.String(length=100), nullable=False),
        sa.Column("indicator_id", sa.String(length=100), nullable=False),
        sa.Column("waarde", sa.String(length=10), nullable=False),
        sa.Column("notitie", sa.Text(), nullable=True),
        sa.Column("door", sa.String(length=200), nullable=False),
        sa.Column("wanneer", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["onderzoek_id"], ["onderzoek.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("onderzoek_id", "casus", "indicator_id"),
    )
    op.create_index("ix_dossier_bevinding_onderzoek_id", "dossier_bevinding", ["onderzoek_id"])


def downgrade() -> None:
    op.drop_table("dossier_bevinding")
    op.drop_table("document_lezing")
    op.drop_table("bewijs_document")
    with op.batch_alter_table("oordeel_aanpassing") as t:
        t.drop_column("delen")
    with op.batch_alter_table("uitnodiging") as t:
        t.drop_column("interviewer")
        t.drop_column("interview_datum")
        t.drop_column("bron")
