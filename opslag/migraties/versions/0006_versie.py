"""a version number per invitation, for answering from memory on several instances

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 06:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("uitnodiging") as tabel:
        tabel.add_column(
            sa.Column("versie", sa.Integer(), nullable=False, server_default=sa.text("0"))
        )


def downgrade() -> None:
    with op.batch_alter_table("uitnodiging") as tabel:
        tabel.drop_column("versie")
