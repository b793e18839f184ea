"""an inspector's own overall judgement of a themarapport

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "eindoordeel_aanpassing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("onderzoek_id", sa.Integer(), nullable=False),
        sa.Column("voldoende", sa.Boolean(), nullable=False),
        sa.Column("tekst", sa.Text(), nullable=True),
        sa.Column("door", sa.String(length=200), nullable=False),
        sa.Column("wanneer", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["onderzoek_id"], ["onderzoek.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("onderzoek_id"),
    )


def downgrade() -> None:
    op.drop_table("eindoordeel_aanpassing")
