"""one-time login links for the web console; documents fetched from Telegram

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "weblink",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("inspecteur_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("aangemaakt", sa.DateTime(timezone=True), nullable=False),
        sa.Column("verloopt", sa.DateTime(timezone=True), nullable=False),
        sa.Column("gebruikt", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["inspecteur_id"], ["inspecteur.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_table(
        "document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uitnodiging_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.String(length=100), nullable=False),
        sa.Column("telegram_file_id", sa.String(length=300), nullable=False),
        sa.Column("naam", sa.String(length=300), nullable=False),
        sa.Column("mime", sa.String(length=100), nullable=False),
        sa.Column("grootte", sa.BigInteger(), nullable=False),
        sa.Column("inhoud", sa.LargeBinary(), nullable=False),
        sa.Column("opgehaald", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["uitnodiging_id"], ["uitnodiging.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("uitnodiging_id", "item_id", "telegram_file_id"),
    )
    op.create_index("ix_document_uitnodiging_id", "document", ["uitnodiging_id"])


def downgrade() -> None:
    op.drop_index("ix_document_uitnodiging_id", table_name="document")
    op.drop_table("document")
    op.drop_table("weblink")
