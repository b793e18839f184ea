"""when an assessment was vastgesteld; an inspector's own LET OP remarks and quotable
toelichtingen per indicator

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("onderzoek") as tabel:
        tabel.add_column(sa.Column("vastgesteld_op", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("oordeel_aanpassing") as tabel:
        tabel.add_column(sa.Column("let_op", sa.JSON(), nullable=True))
        tabel.add_column(sa.Column("citaten", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("oordeel_aanpassing") as tabel:
        tabel.drop_column("citaten")
        tabel.drop_column("let_op")
    with op.batch_alter_table("onderzoek") as tabel:
        tabel.drop_column("vastgesteld_op")
