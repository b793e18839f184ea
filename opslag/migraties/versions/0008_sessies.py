"""server-side sessions of the web console

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 15:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "websessie",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("inspecteur_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("csrf", sa.String(length=64), nullable=False),
        sa.Column("aangemaakt", sa.DateTime(timezone=True), nullable=False),
        sa.Column("laatst_gezien", sa.DateTime(timezone=True), nullable=False),
        sa.Column("beeindigd", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reden", sa.String(length=20), nullable=True),
        sa.Column("bericht", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["inspecteur_id"], ["inspecteur.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_index("ix_websessie_inspecteur_id", "websessie", ["inspecteur_id"])


def downgrade() -> None:
    op.drop_index("ix_websessie_inspecteur_id", table_name="websessie")
    op.drop_table("websessie")
