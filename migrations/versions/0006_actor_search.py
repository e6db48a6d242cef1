"""actor search: a trigram index over every name and alias (FTS5 on SQLite, pg_trgm GIN on PostgreSQL)

Revision ID: 0006
Revises: 0005

`/v1/actors?q=` narrows its candidates to the names sharing a trigram with the query, through this index,
and ranks only those (service/actors/search.py).

SQLite: `actor_names` holds every name (an actor's own, `is_alias` 0, and each alias, 1) with its folded
key and the key without spaces; `actor_names_fts` is an FTS5 index over it (trigram tokenizer, external
content). Triggers on actors and actor_aliases keep `actor_names` current, and triggers on `actor_names` keep
the index current, so every write path (API, seed, import, ingest) is covered without knowing of it. The
names have a table of their own, with an INTEGER PRIMARY KEY, because the index refers to rows by rowid and
VACUUM renumbers the rowids of tables without one (actors and actor_aliases). A later migration that
rebuilds actors or actor_aliases (Alembic's batch mode on SQLite copies the table) must create their
triggers again.

PostgreSQL: GIN trigram indexes on the folded keys, with and without spaces, of actors and aliases; they
serve `LIKE '%…%'`, which the search uses, so no pg_trgm function or operator is named outside this file.
The extension goes where it already is, or into `public`.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_UP = [
    """CREATE TABLE actor_names (
        id INTEGER PRIMARY KEY,
        actor_id VARCHAR(100) NOT NULL,
        is_alias BOOLEAN NOT NULL,
        name VARCHAR(500) NOT NULL,
        search_key VARCHAR(500) NOT NULL,
        spaceless VARCHAR(500) NOT NULL
    )""",
    "CREATE INDEX ix_actor_names_actor ON actor_names (actor_id, is_alias, name)",
    """CREATE VIRTUAL TABLE actor_names_fts USING fts5(
        search_key, spaceless, content='actor_names', content_rowid='id', tokenize='trigram'
    )""",
    """CREATE TRIGGER actor_names_ai AFTER INSERT ON actor_names BEGIN
        INSERT INTO actor_names_fts (rowid, search_key, spaceless) VALUES (new.id, new.search_key, new.spaceless);
    END""",
    """CREATE TRIGGER actor_names_ad AFTER DELETE ON actor_names BEGIN
        INSERT INTO actor_names_fts (actor_names_fts, rowid, search_key, spaceless)
        VALUES ('delete', old.id, old.search_key, old.spaceless);
    END""",
    """CREATE TRIGGER actor_names_au AFTER UPDATE ON actor_names BEGIN
        INSERT INTO actor_names_fts (actor_names_fts, rowid, search_key, spaceless)
        VALUES ('delete', old.id, old.search_key, old.spaceless);
        INSERT INTO actor_names_fts (rowid, search_key, spaceless) VALUES (new.id, new.search_key, new.spaceless);
    END""",
    """CREATE TRIGGER actors_names_ai AFTER INSERT ON actors BEGIN
        INSERT INTO actor_names (actor_id, is_alias, name, search_key, spaceless)
        VALUES (new.id, 0, new.name, new.search_key, replace(new.search_key, ' ', ''));
    END""",
    """CREATE TRIGGER actors_names_au AFTER UPDATE OF name, search_key ON actors BEGIN
        UPDATE actor_names SET name = new.name, search_key = new.search_key,
            spaceless = replace(new.search_key, ' ', '')
        WHERE actor_id = old.id AND is_alias = 0;
    END""",
    """CREATE TRIGGER actors_names_ad AFTER DELETE ON actors BEGIN
        DELETE FROM actor_names WHERE actor_id = old.id;
    END""",
    """CREATE TRIGGER aliases_names_ai AFTER INSERT ON actor_aliases BEGIN
        INSERT INTO actor_names (actor_id, is_alias, name, search_key, spaceless)
        VALUES (new.actor_id, 1, new.alias, new.search_key, replace(new.search_key, ' ', ''));
    END""",
    """CREATE TRIGGER aliases_names_au AFTER UPDATE ON actor_aliases BEGIN
        UPDATE actor_names SET actor_id = new.actor_id, name = new.alias, search_key = new.search_key,
            spaceless = replace(new.search_key, ' ', '')
        WHERE actor_id = old.actor_id AND is_alias = 1 AND name = old.alias;
    END""",
    """CREATE TRIGGER aliases_names_ad AFTER DELETE ON actor_aliases BEGIN
        DELETE FROM actor_names WHERE actor_id = old.actor_id AND is_alias = 1 AND name = old.alias;
    END""",
    """INSERT INTO actor_names (actor_id, is_alias, name, search_key, spaceless)
        SELECT id, 0, name, search_key, replace(search_key, ' ', '') FROM actors
        UNION ALL
        SELECT actor_id, 1, alias, search_key, replace(search_key, ' ', '') FROM actor_aliases""",
]
SQLITE_DOWN = ["DROP TABLE actor_names_fts", "DROP TABLE actor_names"]  # the triggers go with their tables
# ... but the triggers on actors and actor_aliases stay unless dropped by name.
SQLITE_TRIGGERS_ON_OTHER_TABLES = [
    "actors_names_ai",
    "actors_names_au",
    "actors_names_ad",
    "aliases_names_ai",
    "aliases_names_au",
    "aliases_names_ad",
]

POSTGRESQL_INDEXES = {
    "ix_actors_search_key_trgm": ("actors", "search_key"),
    "ix_actors_spaceless_trgm": ("actors", "(replace(search_key, ' ', ''))"),
    "ix_actor_aliases_search_key_trgm": ("actor_aliases", "search_key"),
    "ix_actor_aliases_spaceless_trgm": ("actor_aliases", "(replace(search_key, ' ', ''))"),
}


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_UP:
            op.execute(statement)
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public")
    schema = (
        op.get_bind()
        .exec_driver_sql("SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'pg_trgm'")
        .scalar_one()
    )
    for name, (table, expression) in POSTGRESQL_INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON {table} USING gin ({expression} {schema}.gin_trgm_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in SQLITE_TRIGGERS_ON_OTHER_TABLES:
            op.execute(f"DROP TRIGGER {trigger}")
        for statement in SQLITE_DOWN:
            op.execute(statement)
        return
    # The extension stays: other schemas of the database may use it.
    for name in POSTGRESQL_INDEXES:
        op.execute(f"DROP INDEX {name}")
