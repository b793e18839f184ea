"""after the concept: wederhoor, publication, the improvement plan and the follow-up

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-12 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("onderzoek") as tabel:
        tabel.add_column(sa.Column("vorige_id", sa.Integer(), nullable=True))
        tabel.add_column(sa.Column("gepubliceerd_op", sa.DateTime(timezone=True), nullable=True))
        tabel.create_foreign_key(
            "fk_onderzoek_vorige_id", "onderzoek", ["vorige_id"], ["id"], ondelete="SET NULL"
        )
        tabel.create_index("ix_onderzoek_vorige_id", ["vorige_id"])
    with op.batch_alter_table("uitnodiging") as tabel:
        tabel.add_column(sa.Column("soort", sa.String(length=20), nullable=True))
        tabel.add_column(sa.Column("vragen", sa.JSON(), nullable=True))
        tabel.add_column(sa.Column("termijn", sa.Date(), nullable=True))
        tabel.add_column(sa.Column("link_hash", sa.String(length=64), nullable=True))
        tabel.create_unique_constraint("uq_uitnodiging_link_hash", ["link_hash"])
    op.create_table(
        "reactie_besluit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uitnodiging_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.String(length=100), nullable=False),
        sa.Column("besluit", sa.String(length=20), nullable=False),
        sa.Column("reden", sa.Text(), nullable=True),
        sa.Column("door", sa.String(length=200), nullable=False),
        sa.Column("wanneer", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["uitnodiging_id"], ["uitnodiging.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("uitnodiging_id", "item_id"),
    )
    op.create_index("ix_reactie_besluit_uitnodiging_id", "reactie_besluit", ["uitnodiging_id"])
    op.create_table(
        "proces_ronde",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uitnodiging_id", sa.Integer(), nullable=False),
        sa.Column("moment", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("gepland_op", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["uitnodiging_id"], ["uitnodiging.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("uitnodiging_id", "moment"),
    )


def downgrade() -> None:
    op.drop_table("proces_ronde")
    op.drop_index("ix_reactie_besluit_uitnodiging_id", table_name="reactie_besluit")
    op.drop_table("reactie_besluit")
    with op.batch_alter_table("uitnodiging") as tabel:
        tabel.drop_constraint("uq_uitnodiging_link_hash", type_="unique")
        for kolom in ("link_hash", "termijn", "vragen", "soort"):
            tabel.drop_column(kolom)
    with op.batch_alter_table("onderzoek") as tabel:
        tabel.drop_index("ix_onderzoek_vorige_id")
        tabel.drop_constraint("fk_onderzoek_vorige_id", type_="foreignkey")
        tabel.drop_column("gepubliceerd_op")
        tabel.drop_column("vorige_id")
