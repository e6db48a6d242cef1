import json
from collections import Counter

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.orm import Session

from service import migrations
from service.actions.documents import action_documents
from service.actors.writes import WeakAlias, put_actor
from service.config import Settings
from service.db import make_engine
from service.folding import fold
from service.models import Base
from service.models.actions import quote_id
from service.seeding.loader import load_seeds
from service.writes import acting_as
from tests.conftest import SEEDS

TABLES = {
    "actions",
    "action_sources",
    "action_authorities",
    "action_actors",
    "action_officials",
    "quotes",
    "actors",
    "actor_aliases",
    "actor_identifiers",
    "actor_addresses",
    "actor_birth_dates",
    "actor_weak_aliases",
    "actor_judgements",
    "actor_merges",
    "list_entries",
    "authorities",
    "officials",
    "sources",
    "api_keys",
    "changes",
    "change_sets",
    "list_imports",
    "idempotent_requests",
}


# The actor search's trigram index on SQLite (migration 0006): a table of names kept by triggers and its FTS5
# index with FTS5's own tables, described by the migration alone (the models have no virtual tables).
SQLITE_SEARCH_TABLES = {
    "actor_names",
    "actor_names_fts",
    "actor_names_fts_config",
    "actor_names_fts_data",
    "actor_names_fts_docsize",
    "actor_names_fts_idx",
}
# and on PostgreSQL its GIN indexes, which the models cannot name without pg_trgm's operator class
POSTGRESQL_SEARCH_INDEXES = {
    "ix_actors_search_key_trgm",
    "ix_actors_spaceless_trgm",
    "ix_actor_aliases_search_key_trgm",
    "ix_actor_aliases_spaceless_trgm",
}


def _tables(connection) -> set[str]:
    return set(inspect(connection).get_table_names()) - {"alembic_version"} - SQLITE_SEARCH_TABLES


def _described_by_the_models(object, name, type_, reflected, compare_to) -> bool:
    return not (reflected and name in SQLITE_SEARCH_TABLES | POSTGRESQL_SEARCH_INDEXES)


def test_migrations_go_up_down_and_up_again_one_revision_at_a_time(empty_url):
    engine = make_engine(Settings(database_url=empty_url))
    with engine.begin() as connection:
        migrations.upgrade(connection)
        assert _tables(connection) == TABLES
        head = migrations.head_revision()
        assert migrations.current_revision(connection) == head
        stops = []
        while migrations.current_revision(connection) is not None:
            stops.append((migrations.current_revision(connection), _tables(connection)))
            migrations.downgrade(connection, "-1")
        assert _tables(connection) == set()
        for revision, tables in reversed(stops):
            migrations.upgrade(connection, "+1")
            assert (migrations.current_revision(connection), _tables(connection)) == (revision, tables)
        assert len(stops) >= 2
    engine.dispose()


# Each list of an action's document, and the link table that holds it.
LISTS = {
    "sources": "action_sources",
    "resolutions": "action_authorities",
    "authorities": "action_authorities",
    "actors": "action_actors",
    "officials": "action_officials",
}


def test_migration_0008_moves_the_passages_into_each_link_and_back_into_quotes_stored_once(empty_url):
    engine = make_engine(Settings(database_url=empty_url))
    with engine.begin() as connection:
        migrations.upgrade(connection)
    with Session(engine) as session:
        load_seeds(session, SEEDS)
        session.commit()
        ids = session.execute(text("SELECT id FROM actions ORDER BY id")).scalars().all()
        documents = action_documents(session, ids)
    quoted = Counter(
        (table, document["id"], link.get("source_id", link.get("id")), link["quote"])
        for document in map(json.loads, documents)
        for name, table in LISTS.items()
        for link in document[name]
    )
    with engine.begin() as connection:
        migrations.downgrade(connection, "0007")
        in_links = Counter(
            (table, *row)
            for table in set(LISTS.values())
            for row in connection.execute(text(f"SELECT action_id, source_id, quote FROM {table}"))
        )
        assert in_links == quoted
        migrations.upgrade(connection)
        stored = {tuple(row) for row in connection.execute(text("SELECT source_id, id, text FROM quotes"))}
    assert stored == {(source, quote_id(source, quote), quote) for _, _, source, quote in quoted}
    assert len(stored) < quoted.total()  # the seeds' links share passages
    with Session(engine) as session:
        assert action_documents(session, ids) == documents
    engine.dispose()


def test_migration_0009_puts_weak_aliases_back_among_the_aliases_on_the_way_down(empty_url):
    engine = make_engine(Settings(database_url=empty_url))
    with engine.begin() as connection:
        migrations.upgrade(connection)
    with Session(engine) as session:
        acting_as(session, "test")
        put_actor(
            session,
            "org-cartel",
            name="SINALOA CARTEL",
            kind="organization",
            country="MX",
            aliases=["CARTEL DE SINALOA"],
            weak_aliases=[WeakAlias("FEDERATION"), WeakAlias("ALLIANCE")],
        )
        session.commit()
    with engine.begin() as connection:
        migrations.downgrade(connection, "0008")
        aliases = connection.execute(text("SELECT alias, search_key FROM actor_aliases ORDER BY alias")).all()
        assert [tuple(row) for row in aliases] == [
            ("ALLIANCE", fold("ALLIANCE")),
            ("CARTEL DE SINALOA", fold("CARTEL DE SINALOA")),
            ("FEDERATION", fold("FEDERATION")),
        ]
        migrations.upgrade(connection)
    engine.dispose()


def test_models_and_migrations_agree(migrated_engine):
    with migrated_engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": _described_by_the_models}
        )
        assert compare_metadata(context, Base.metadata) == []


def test_sqlite_connections_use_wal_and_enforce_foreign_keys(tmp_path):
    engine = make_engine(Settings(database_url=f"sqlite:///{tmp_path / 'x.db'}"))
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def test_a_plain_postgresql_url_is_driven_by_psycopg3():
    assert Settings(database_url="postgresql://u@h/db").database_url == "postgresql+psycopg://u@h/db"
