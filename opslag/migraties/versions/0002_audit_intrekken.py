"""audit log; revoking inspectors and invitations

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 23:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("wanneer", sa.DateTime(timezone=True), nullable=False),
        sa.Column("wie", sa.String(length=200), nullable=False),
        sa.Column("actie", sa.String(length=100), nullable=False),
        sa.Column("onderzoek_id", sa.Integer(), nullable=True),
        sa.Column("details", sa.Text(), nullable=True),
        sa.Column("geweigerd", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_audit_wanneer", "audit", ["wanneer"])
    op.create_index("ix_audit_onderzoek_id", "audit", ["onderzoek_id"])
    with op.batch_alter_table("inspecteur") as tabel:
        tabel.add_column(sa.Column("ingetrokken", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("uitnodiging") as tabel:
        tabel.add_column(sa.Column("ingetrokken", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("uitnodiging") as tabel:
        tabel.drop_column("ingetrokken")
    with op.batch_alter_table("inspecteur") as tabel:
        tabel.drop_column("ingetrokken")
    op.drop_index("ix_audit_onderzoek_id", table_name="audit")
    op.drop_index("ix_audit_wanneer", table_name="audit")
    op.drop_table("audit")
