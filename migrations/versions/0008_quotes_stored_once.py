"""quotes stored once: each passage a row of `quotes`, keyed by its source and a hash of (source, text); the four
link tables hold its `quote_id` instead of the text

Revision ID: 0008
Revises: 0007

Most of an action's links quote the same sentence, and a source's sentences are quoted by many actions: the
links repeated ~170 characters each, half of what an action took. The id is computed here as the application
computes it (service/models/actions.quote_id): on SQLite by that function registered with the connection, on
PostgreSQL by the same SHA-256 in SQL.
"""

import hashlib
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

QuoteId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
LINK_TABLES = ("action_authorities", "action_actors", "action_officials", "action_sources")
# The first 64 bits of SHA-256(source_id + newline + text), big-endian, as a signed integer.
POSTGRESQL_KEY = (
    "('x' || left(encode(sha256(convert_to(source_id || E'\\n' || quote, 'UTF8')), 'hex'), 16))::bit(64)::bigint"
)
# The column as migration 0001 wrote it, and the key onto quotes, in SQLite's stored table definitions.
SQLITE_QUOTE = "\tquote TEXT NOT NULL, \n"
SQLITE_QUOTE_ID = "\tquote_id INTEGER NOT NULL, \n"


def _quote_id(source_id: str, text: str) -> int:
    digest = hashlib.sha256(f"{source_id}\n{text}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def upgrade() -> None:
    op.create_table(
        "quotes",
        sa.Column("source_id", sa.String(length=100), nullable=False),
        sa.Column("id", QuoteId, autoincrement=False, nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_quotes_source_id_sources"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("source_id", "id", name=op.f("pk_quotes")),
        sqlite_with_rowid=False,
    )
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    if sqlite:
        bind.connection.driver_connection.create_function("quote_key", 2, _quote_id, deterministic=True)
    key = "quote_key(source_id, quote)" if sqlite else POSTGRESQL_KEY
    passages = " UNION ".join(f"SELECT source_id, quote FROM {table}" for table in LINK_TABLES)
    bind.exec_driver_sql(f"INSERT INTO quotes (source_id, id, text) SELECT source_id, {key}, quote FROM ({passages}) p")
    for table in LINK_TABLES:
        if sqlite:
            _rebuild(table, key, _with_quote_id)
        else:
            op.add_column(table, sa.Column("quote_id", sa.BigInteger(), nullable=True))
            bind.exec_driver_sql(f"UPDATE {table} SET quote_id = {key}")
            op.alter_column(table, "quote_id", existing_type=sa.BigInteger(), nullable=False)
            op.drop_column(table, "quote")
            op.create_foreign_key(f"fk_{table}_quote", table, "quotes", ["source_id", "quote_id"], ["source_id", "id"])
        op.create_index(f"ix_{table}_quote_id", table, ["quote_id"])


def downgrade() -> None:
    bind = op.get_bind()
    text = "(SELECT q.text FROM quotes q WHERE q.source_id = {table}.source_id AND q.id = {table}.quote_id)"
    for table in LINK_TABLES:
        op.drop_index(f"ix_{table}_quote_id", table_name=table)
        if bind.dialect.name == "sqlite":
            _rebuild(table, text.format(table=f"copy_of_{table}"), _with_quote)
        else:
            op.add_column(table, sa.Column("quote", sa.Text(), nullable=True))
            bind.exec_driver_sql(f"UPDATE {table} SET quote = {text.format(table=table)}")
            op.alter_column(table, "quote", existing_type=sa.Text(), nullable=False)
            op.drop_constraint(f"fk_{table}_quote", table, type_="foreignkey")
            op.drop_column(table, "quote_id")
    op.drop_table("quotes")


def _with_quote_id(table: str, definition: str) -> str:
    assert SQLITE_QUOTE in definition, f"{table}: not the definition migration 0001 wrote"
    head, closing, tail = definition.replace(SQLITE_QUOTE, SQLITE_QUOTE_ID).rpartition("\n)")
    key = f"CONSTRAINT fk_{table}_quote FOREIGN KEY(source_id, quote_id) REFERENCES quotes (source_id, id)"
    return f"{head}, \n\t{key}{closing}{tail}"


def _with_quote(table: str, definition: str) -> str:
    key = f", \n\tCONSTRAINT fk_{table}_quote FOREIGN KEY(source_id, quote_id) REFERENCES quotes (source_id, id)"
    assert SQLITE_QUOTE_ID in definition and key in definition, f"{table}: not the definition upgrade() wrote"
    return definition.replace(key, "").replace(SQLITE_QUOTE_ID, SQLITE_QUOTE)


def _rebuild(table: str, value: str, redefined) -> None:
    """On SQLite, a link table made again from its stored definition as `redefined` rewrites it, its rows copied
    with `value` (SQL over the old row) in place of the column swapped, and its indexes made again. As in
    migration 0005, not by Alembic's batch mode (its copy renames tables, which rewrites the foreign keys that
    point at them), and with the foreign keys checked at commit: dropping action_sources empties it first, while
    the other links still point at it."""
    bind = op.get_bind()
    bind.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    # The table's definition first, then its indexes (those SQLite made itself have no SQL).
    stored = "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL ORDER BY type = 'index'"
    definition, *indexes = bind.exec_driver_sql(stored, (table,)).scalars().all()
    columns = [row[1] for row in bind.exec_driver_sql(f"PRAGMA table_info({table})")]
    selected = ", ".join(value if column in ("quote", "quote_id") else column for column in columns)
    bind.exec_driver_sql(f"CREATE TEMPORARY TABLE copy_of_{table} AS SELECT * FROM {table}")
    bind.exec_driver_sql(f"DROP TABLE {table}")
    bind.exec_driver_sql(redefined(table, definition))
    bind.exec_driver_sql(f"INSERT INTO {table} SELECT {selected} FROM copy_of_{table}")
    bind.exec_driver_sql(f"DROP TABLE copy_of_{table}")
    for index in indexes:
        bind.exec_driver_sql(index)
