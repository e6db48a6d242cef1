"""change sets: each write's snapshots kept compressed, once per set instead of as JSON on every change row; the
date of the list last imported from each source; on SQLite, the action link tables WITHOUT ROWID

Revision ID: 0005
Revises: 0004
"""

import json
import zlib
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
CHUNK = 5000
# action_sources last: the other three point at it.
LINK_TABLES = ("action_authorities", "action_actors", "action_officials", "action_sources")


def upgrade() -> None:
    op.create_table(
        "change_sets",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("who", sa.String(length=100), nullable=False),
        sa.Column("snapshots", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_sets")),
    )
    with op.batch_alter_table("changes") as batch:
        batch.add_column(sa.Column("set_id", BigId, nullable=True))
        batch.add_column(sa.Column("position", sa.Integer(), nullable=True))
    # Each change recorded so far becomes a set of its own (the set's id its seq), with its snapshots as the
    # application packs them (service/models/changes.py): zlib of a JSON line [before, after].
    connection = op.get_bind()
    changes = sa.table(
        "changes",
        sa.column("seq", BigId),
        sa.column("at", sa.DateTime(timezone=True)),
        sa.column("who", sa.String()),
        sa.column("before", sa.Text()),
        sa.column("after", sa.Text()),
        sa.column("set_id", BigId),
        sa.column("position", sa.Integer()),
    )
    sets = sa.table(
        "change_sets",
        sa.column("id", BigId),
        sa.column("at", sa.DateTime(timezone=True)),
        sa.column("who", sa.String()),
        sa.column("snapshots", sa.LargeBinary()),
    )
    last = 0
    while rows := connection.execute(
        sa.select(changes.c.seq, changes.c.at, changes.c.who, changes.c.before, changes.c.after)
        .where(changes.c.seq > last)
        .order_by(changes.c.seq)
        .limit(CHUNK)
    ).all():
        connection.execute(
            sa.insert(sets),
            [
                {"id": seq, "at": at, "who": who, "snapshots": _pack(before, after)}
                for seq, at, who, before, after in rows
            ],
        )
        last = rows[-1].seq
    connection.execute(sa.update(changes).values(set_id=changes.c.seq, position=0))
    if connection.dialect.name == "postgresql":  # the sets' own numbering continues after the ids given above
        connection.execute(
            sa.text("SELECT setval(pg_get_serial_sequence('change_sets', 'id'), (SELECT max(id) FROM change_sets))")
        )
    with op.batch_alter_table("changes") as batch:
        batch.alter_column("set_id", existing_type=BigId, nullable=False)
        batch.alter_column("position", existing_type=sa.Integer(), nullable=False)
        batch.create_foreign_key(
            op.f("fk_changes_set_id_change_sets"), "change_sets", ["set_id"], ["id"], ondelete="RESTRICT"
        )
        batch.drop_column("at")
        batch.drop_column("who")
        batch.drop_column("before")
        batch.drop_column("after")
    op.create_table(
        "list_imports",
        sa.Column("list_name", sa.String(length=16), nullable=False),
        sa.Column("list_date", sa.Date(), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("list_name IN ('un_sc', 'ofac_sdn')", name=op.f("ck_list_imports_list_name")),
        sa.PrimaryKeyConstraint("list_name", name=op.f("pk_list_imports")),
    )
    for table in LINK_TABLES:
        _rebuild(table, without_rowid=True)


def downgrade() -> None:
    for table in LINK_TABLES:
        _rebuild(table, without_rowid=False)
    op.drop_table("list_imports")
    with op.batch_alter_table("changes") as batch:
        batch.add_column(sa.Column("at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("who", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("before", sa.Text(), nullable=True))
        batch.add_column(sa.Column("after", sa.Text(), nullable=True))
    connection = op.get_bind()
    changes = sa.table(
        "changes",
        sa.column("seq", BigId),
        sa.column("set_id", BigId),
        sa.column("position", sa.Integer()),
        sa.column("at", sa.DateTime(timezone=True)),
        sa.column("who", sa.String()),
        sa.column("before", sa.Text()),
        sa.column("after", sa.Text()),
    )
    sets = sa.table(
        "change_sets",
        sa.column("id", BigId),
        sa.column("at", sa.DateTime(timezone=True)),
        sa.column("who", sa.String()),
        sa.column("snapshots", sa.LargeBinary()),
    )
    last = 0
    while found := connection.execute(
        sa.select(sets.c.id, sets.c.at, sets.c.who, sets.c.snapshots)
        .where(sets.c.id > last)
        .order_by(sets.c.id)
        .limit(100)
    ).all():
        for set_id, at, who, snapshots in found:
            lines = zlib.decompress(snapshots).decode("utf-8").split("\n")
            rows = connection.execute(
                sa.select(changes.c.seq, changes.c.position).where(changes.c.set_id == set_id)
            ).all()
            for seq, position in rows:
                before, after = json.loads(lines[position])
                connection.execute(
                    sa.update(changes)
                    .where(changes.c.seq == seq)
                    .values(at=at, who=who, before=_text(before), after=_text(after))
                )
        last = found[-1].id
    with op.batch_alter_table("changes") as batch:
        batch.alter_column("at", existing_type=sa.DateTime(timezone=True), nullable=False)
        batch.alter_column("who", existing_type=sa.String(length=100), nullable=False)
        batch.drop_constraint(op.f("fk_changes_set_id_change_sets"), type_="foreignkey")
        batch.drop_column("position")
        batch.drop_column("set_id")
    op.drop_table("change_sets")


def _pack(before: str | None, after: str | None) -> bytes:
    line = json.dumps([_parsed(before), _parsed(after)], default=str, ensure_ascii=False)
    return zlib.compress(line.encode("utf-8"), 1)


def _parsed(record: str | None):
    return None if record is None else json.loads(record)


def _text(record) -> str | None:
    return None if record is None else json.dumps(record, sort_keys=True, default=str, ensure_ascii=False)


def _rebuild(table: str, without_rowid: bool) -> None:
    """On SQLite, store a link table with or without rowid: its rows and indexes copied into a table of the same
    definition. Alembic's batch mode cannot be used: its copy renames tables, which rewrites the foreign keys that
    point at them, and foreign keys cannot be switched off inside the migration's transaction. Dropping a table
    with foreign keys on deletes its rows first: the link tables have no ON DELETE action of their own, and only
    action_sources is pointed at (by the other links, without an action), so deferring the foreign keys to the
    commit lets the rows come back under the same name before they are checked."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    bind.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    definition = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).scalar_one()
    indexes = (
        bind.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", (table,)
        )
        .scalars()
        .all()
    )
    definition = definition.removesuffix(" WITHOUT ROWID") + (" WITHOUT ROWID" if without_rowid else "")
    bind.exec_driver_sql(f"CREATE TEMPORARY TABLE copy_of_{table} AS SELECT * FROM {table}")
    bind.exec_driver_sql(f"DROP TABLE {table}")
    bind.exec_driver_sql(definition)
    bind.exec_driver_sql(f"INSERT INTO {table} SELECT * FROM copy_of_{table}")
    bind.exec_driver_sql(f"DROP TABLE copy_of_{table}")
    for index in indexes:
        bind.exec_driver_sql(index)
