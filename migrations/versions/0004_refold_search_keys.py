"""refold search keys: names in other scripts are transliterated by anyascii instead of ICU

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from service.folding import fold

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Only a name with a character outside ASCII can have folded differently; ASCII names keep their keys.
TABLES = {"actors": ("id", "name"), "actor_aliases": ("actor_id", "alias")}


def upgrade() -> None:
    connection = op.get_bind()
    for table, (key, name) in TABLES.items():
        rows = connection.execute(sa.text(f"SELECT {key}, {name}, search_key FROM {table}")).all()
        changed = [
            {"key": row[0], "name": row[1], "folded": fold(row[1])}
            for row in rows
            if not row[1].isascii() and fold(row[1]) != row[2]
        ]
        if changed:
            connection.execute(
                sa.text(f"UPDATE {table} SET search_key = :folded WHERE {key} = :key AND {name} = :name"), changed
            )


def downgrade() -> None:
    # The keys stay as they are: the ICU transliteration that made the old ones is no longer installed, and a
    # key only serves to find a name, which these keys still do for queries folded the same way.
    pass
