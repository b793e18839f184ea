"""a version number per onderzoek, raised by every change to what its assessment reads besides
the answers, so a compiled assessment can be kept until something changes

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 17:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN (SQLite has it): no copy of the table, nothing else touched.
    op.add_column(
        "onderzoek", sa.Column("versie", sa.Integer(), nullable=False, server_default=sa.text("0"))
    )


def downgrade() -> None:
    with op.batch_alter_table("onderzoek") as tabel:
        tabel.drop_column("versie")
