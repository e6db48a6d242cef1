"""one actor per party: judgements that two actors are (or are not) the same, the merges they add up to, and the
birth dates the lists give for persons

Revision ID: 0007
Revises: 0006

New tables only: `actors` and `actor_aliases` are left as they are (on SQLite, rebuilding them would drop the
triggers of migration 0006).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "actor_birth_dates",
        sa.Column("actor_id", sa.String(length=100), nullable=False),
        sa.Column("date", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actors.id"], name=op.f("fk_actor_birth_dates_actor_id_actors"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("actor_id", "date", name=op.f("pk_actor_birth_dates")),
    )
    op.create_table(
        "actor_judgements",
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("left_id", sa.String(length=100), nullable=False),
        sa.Column("right_id", sa.String(length=100), nullable=False),
        sa.Column("judgement", sa.String(length=16), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=True),
        sa.Column("who", sa.String(length=100), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("judgement IN ('same', 'not_same')", name=op.f("ck_actor_judgements_judgement")),
        sa.CheckConstraint("left_id < right_id", name=op.f("ck_actor_judgements_pair_order")),
        sa.ForeignKeyConstraint(
            ["left_id"], ["actors.id"], name=op.f("fk_actor_judgements_left_id_actors"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["right_id"], ["actors.id"], name=op.f("fk_actor_judgements_right_id_actors"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actor_judgements")),
        sa.UniqueConstraint("left_id", "right_id", name=op.f("uq_actor_judgements_left_id_right_id")),
    )
    op.create_index("ix_actor_judgements_right_id", "actor_judgements", ["right_id"])
    op.create_table(
        "actor_merges",
        sa.Column("actor_id", sa.String(length=100), nullable=False),
        sa.Column("merged_into", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actors.id"], name=op.f("fk_actor_merges_actor_id_actors"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["merged_into"], ["actors.id"], name=op.f("fk_actor_merges_merged_into_actors"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("actor_id", name=op.f("pk_actor_merges")),
    )
    op.create_index("ix_actor_merges_merged_into", "actor_merges", ["merged_into"])


def downgrade() -> None:
    op.drop_index("ix_actor_merges_merged_into", table_name="actor_merges")
    op.drop_table("actor_merges")
    op.drop_index("ix_actor_judgements_right_id", table_name="actor_judgements")
    op.drop_table("actor_judgements")
    op.drop_table("actor_birth_dates")
