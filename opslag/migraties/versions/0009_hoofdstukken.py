"""the inspector's texts of report chapters, with their history

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-08 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "hoofdstuk_tekst",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("onderzoek_id", sa.Integer(), nullable=False),
        sa.Column("naam", sa.String(length=60), nullable=False),
        sa.Column("tekst", sa.Text(), nullable=True),
        sa.Column("door", sa.String(length=200), nullable=False),
        sa.Column("wanneer", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["onderzoek_id"], ["onderzoek.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_hoofdstuk_tekst_onderzoek_id", "hoofdstuk_tekst", ["onderzoek_id"])


def downgrade() -> None:
    op.drop_index("ix_hoofdstuk_tekst_onderzoek_id", table_name="hoofdstuk_tekst")
    op.drop_table("hoofdstuk_tekst")
