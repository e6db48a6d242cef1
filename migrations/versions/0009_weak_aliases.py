"""weak aliases: the names a list gives an actor but calls too broad to screen on alone, kept apart from its aliases

Revision ID: 0009
Revises: 0008

A new table only. What the lists imported before this revision called weak stays among the aliases until the
list is imported again: the importers now tell the two apart, and a re-import moves each weak alias across
(a change in the feed, like any other).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from service.folding import fold

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "actor_weak_aliases",
        sa.Column("actor_id", sa.String(length=100), nullable=False),
        sa.Column("alias", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actors.id"], name=op.f("fk_actor_weak_aliases_actor_id_actors"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("actor_id", "alias", name=op.f("pk_actor_weak_aliases")),
    )


def downgrade() -> None:
    # Back among the aliases, where the code before this revision kept them (each once: a name can be both).
    connection = op.get_bind()
    weak = connection.execute(
        sa.text(
            "SELECT actor_id, alias FROM actor_weak_aliases w WHERE NOT EXISTS"
            " (SELECT 1 FROM actor_aliases a WHERE a.actor_id = w.actor_id AND a.alias = w.alias)"
        )
    ).all()
    if weak:
        connection.execute(
            sa.text("INSERT INTO actor_aliases (actor_id, alias, search_key) VALUES (:actor_id, :alias, :key)"),
            [{"actor_id": actor_id, "alias": alias, "key": fold(alias)} for actor_id, alias in weak],
        )
    op.drop_table("actor_weak_aliases")
