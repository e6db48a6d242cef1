"""put_actions, the bulk path of loads and imports, ends where put_action one by one would."""

import gc
import re
from datetime import date

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from service.actions.queries import load_actions
from service.actions.writes import (
    ActionRecord,
    ActorRef,
    CitationRef,
    OfficialRef,
    SourceRef,
    put_action,
    put_actions,
)
from service.changes.queries import changes_after
from service.config import Settings
from service.db import make_engine
from service.models import Change
from service.seeding.loader import load_seeds
from service.writes import Outcome, acting_as
from tests.conftest import SEEDS

SOURCE = "src-2024-10-29-state-briefing"
QUOTE = "Matthew Miller"


def records(count: int, title: str = "Bulk") -> list[ActionRecord]:
    return [
        ActionRecord(
            id=f"bulk-{n}",
            type="designation",
            title=f"{title} {n}",
            summary=None,
            date=date(2020, 1, 1 + n % 28),
            date_precision="day",
            date_text=None,
            status="published",
            sources=frozenset({SourceRef(SOURCE, QUOTE)}),
            citations=frozenset({CitationRef("unscr-1718", "regime", QUOTE, SOURCE)}),
            actors=frozenset({ActorRef("state-kp", "target", QUOTE, SOURCE)}),
        )
        for n in range(count)
    ]


def _changes(session: Session, ids: list[str]) -> list[tuple]:
    """The changes to these records as the feed gives them, in order."""
    return [
        (change["entity_id"], change["operation"], change["record"])
        for change in changes_after(session, 0, 1000)
        if change["entity_id"] in ids
    ]


def _state(session: Session, ids: list[str]) -> tuple[list, list]:
    actions = [a.model_dump(exclude={"created_at", "updated_at"}) for a in load_actions(session, ids)]
    return actions, _changes(session, ids)


def test_bulk_and_one_by_one_writes_give_the_same_actions_and_changes(migrated_engine):
    with Session(migrated_engine) as session:
        load_seeds(session, SEEDS)
        acting_as(session, "test")
        batch = records(25)
        assert put_actions(session, batch, batch_size=10) == {Outcome.added: 25}
        bulk = _state(session, [r.id for r in batch])
        session.rollback()

        load_seeds(session, SEEDS)
        acting_as(session, "test")
        for record in batch:
            put_action(session, record)
        assert _state(session, [r.id for r in batch]) == bulk


def test_a_second_bulk_load_changes_nothing_and_a_changed_record_is_updated(migrated_engine):
    with Session(migrated_engine) as session:
        load_seeds(session, SEEDS)
        acting_as(session, "test")
        put_actions(session, records(30))
        session.commit()
        count = session.scalar(select(func.count()).select_from(Change))
        assert put_actions(session, records(30), batch_size=7) == {Outcome.unchanged: 30}
        assert session.scalar(select(func.count()).select_from(Change)) == count
        changed = records(30)[:29] + records(31, title="Renamed")[29:]
        assert put_actions(session, changed) == {Outcome.unchanged: 29, Outcome.changed: 1, Outcome.added: 1}
        assert session.scalar(select(func.count()).select_from(Change)) == count + 2


def _stored(session: Session) -> dict[str, list]:
    """The rows of the actions named full-… and bulk-…, as the driver returns them (a text query: no SQLAlchemy
    type in between), each timestamp by its shape only; and their changes as the feed gives them."""
    id_columns = {
        "actions": "id",
        "action_sources": "action_id",
        "action_authorities": "action_id",
        "action_actors": "action_id",
        "action_officials": "action_id",
    }
    found = {}
    for table, id in id_columns.items():
        result = session.execute(text(f"SELECT * FROM {table} WHERE {id} LIKE 'full-%' OR {id} LIKE 'bulk-%'"))
        rows = [dict(zip(result.keys(), row, strict=True)) for row in result]
        for row in rows:
            for column in ("created_at", "updated_at"):
                if column in row:
                    row[column] = re.sub(r"\d", "0", str(row[column]))
        found[table] = sorted(rows, key=repr)
    ids = [row["id"] for row in found["actions"]]
    found["changes"] = sorted(_changes(session, ids), key=repr)
    return found


def test_bulk_stores_the_rows_and_changes_put_action_stores(migrated_engine):
    with_everything = [
        ActionRecord(
            id=f"full-{n}",
            type="warning",
            title=f"Déclaration {n}",
            summary='Une « déclaration » it\'s "quoted"',
            date=date(2019, 12, 31),
            date_precision="month",
            date_text="en décembre",
            status="draft",
            sources=frozenset({SourceRef(SOURCE, QUOTE)}),
            citations=frozenset(
                {CitationRef("unscr-1718", "regime", QUOTE, SOURCE), CitationRef("unscr-2397", "cites", "a", SOURCE)}
            ),
            actors=frozenset(
                {ActorRef("state-kp", "target", QUOTE, SOURCE), ActorRef("state-us", "imposer", "", SOURCE)}
            ),
            officials=frozenset({OfficialRef("official-matthew-miller", None, "State", QUOTE, SOURCE)}),
        )
        for n in range(3)
    ]
    with Session(migrated_engine) as session:
        load_seeds(session, SEEDS)
        acting_as(session, "test")
        put_actions(session, with_everything + records(5))
        bulk = _stored(session)
        session.rollback()

        load_seeds(session, SEEDS)
        acting_as(session, "test")
        for record in with_everything + records(5):
            put_action(session, record)
        session.flush()
        assert _stored(session) == bulk
        assert [len(bulk[table]) for table in bulk] == [8, 8, 11, 11, 3, 8]


def _naming_an_unknown_actor() -> list[ActionRecord]:
    """Three records, the second of which names an actor no one recorded."""
    unknown = records(3)
    unknown[1] = ActionRecord(**vars(unknown[1]) | {"actors": frozenset({ActorRef("nobody", "target", QUOTE, SOURCE)})})
    return unknown


def _quoting_an_unlisted_source() -> list[ActionRecord]:
    """Three records, the third of which has a link quoting a source the action does not list."""
    unlisted = records(3)
    other = "src-2023-08-01-korea-herald-yonhap"
    unlisted[2] = ActionRecord(
        **vars(unlisted[2]) | {"actors": frozenset({ActorRef("state-kp", "target", "Choe Son Hui", other)})}
    )
    return unlisted


@pytest.mark.parametrize("breaking", [_naming_an_unknown_actor, _quoting_an_unlisted_source])
def test_a_bulk_load_breaking_a_key_fails_as_any_insert_would_and_writes_nothing(migrated_engine, breaking):
    with Session(migrated_engine) as session:
        load_seeds(session, SEEDS)
        acting_as(session, "test")
        with pytest.raises(IntegrityError):
            put_actions(session, breaking())
        session.rollback()
        assert session.scalar(select(func.count()).select_from(text("actions")).where(text("id LIKE 'bulk-%'"))) == 0


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_a_bulk_load_leaves_its_sessions_triggers_on(migrated_engine):
    """On PostgreSQL the per-row key checks are off for the span of a batch's inserts only: a later write in the
    same transaction is checked row by row again."""
    with Session(migrated_engine) as session:
        load_seeds(session, SEEDS)
        acting_as(session, "test")
        put_actions(session, records(3))
        assert session.scalar(text("SHOW session_replication_role")) == "origin"
        with pytest.raises(IntegrityError):
            session.execute(text("UPDATE action_actors SET actor_id = 'nobody' WHERE action_id = 'bulk-1'"))
        session.rollback()


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_a_bulk_load_keeps_the_actors_it_links_from_being_deleted_until_it_commits(migrated_url):
    engine = make_engine(Settings(database_url=migrated_url))
    with Session(engine) as session:
        load_seeds(session, SEEDS)
        session.commit()
        acting_as(session, "test")
        put_actions(session, records(3))
        with engine.connect() as other:
            other.execute(text("SET lock_timeout = '200ms'"))
            with pytest.raises(OperationalError, match="lock timeout"):
                other.execute(text("DELETE FROM actors WHERE id = 'state-kp'"))
        session.commit()
    engine.dispose()


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_a_role_that_may_not_turn_triggers_off_loads_with_the_per_row_checks(migrated_url):
    schema = migrated_url.rsplit("%3D", 1)[1]
    role = f"loader_{schema}"
    admin = make_engine(Settings(database_url=migrated_url))
    with admin.begin() as connection:
        load_seeds(Session(bind=connection), SEEDS)
        connection.execute(text(f"CREATE ROLE {role} LOGIN"))
        connection.execute(text(f"GRANT USAGE ON SCHEMA {schema} TO {role}"))
        connection.execute(text(f"GRANT ALL ON ALL TABLES IN SCHEMA {schema} TO {role}"))
        connection.execute(text(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA {schema} TO {role}"))
    loader = make_engine(Settings(database_url=migrated_url.replace("postgres@", f"{role}@")))
    try:
        with Session(loader) as session:
            acting_as(session, "test")
            assert put_actions(session, records(3)) == {Outcome.added: 3}
            with pytest.raises(IntegrityError):
                put_actions(session, _naming_an_unknown_actor())
            session.rollback()
    finally:
        loader.dispose()
        with admin.begin() as connection:
            connection.execute(text(f"DROP OWNED BY {role}"))
            connection.execute(text(f"DROP ROLE {role}"))
        admin.dispose()


def test_a_bulk_load_leaves_the_cycle_collector_on_after_a_batch_and_after_a_failure(migrated_engine):
    unknown = _naming_an_unknown_actor()
    with Session(migrated_engine) as session:
        load_seeds(session, SEEDS)
        acting_as(session, "test")
        assert put_actions(session, records(3)) == {Outcome.added: 3}
        assert gc.isenabled()
        with pytest.raises(IntegrityError):
            put_actions(session, unknown)
        assert gc.isenabled()
        session.rollback()


def test_a_bulk_load_leaves_a_paused_cycle_collector_paused(migrated_engine):
    with Session(migrated_engine) as session:
        load_seeds(session, SEEDS)
        acting_as(session, "test")
        gc.disable()
        try:
            put_actions(session, records(3))
            assert not gc.isenabled()
        finally:
            gc.enable()
        session.rollback()


def test_bulk_updates_of_fields_date_and_links_store_what_put_action_stores(migrated_engine):
    """Existing actions changed in every way a batch can change them: a field, the date (which the links repeat),
    links added and removed, or nothing; one by one and in bulk, the same rows and the same changes."""
    first = records(6)
    second = [
        first[0],
        ActionRecord(**vars(first[1]) | {"title": "Renamed"}),
        ActionRecord(**vars(first[2]) | {"date": date(2021, 3, 4)}),
        ActionRecord(
            **vars(first[3])
            | {"actors": frozenset({ActorRef("state-us", "imposer", QUOTE, SOURCE)}), "date": date(2018, 1, 1)}
        ),
        ActionRecord(**vars(first[4]) | {"citations": frozenset()}),
        ActionRecord(
            **vars(first[5])
            | {"officials": frozenset({OfficialRef("official-matthew-miller", None, None, QUOTE, SOURCE)})}
        ),
    ]
    with Session(migrated_engine) as session:
        load_seeds(session, SEEDS)
        acting_as(session, "test")
        put_actions(session, first)
        assert put_actions(session, second, batch_size=4) == {Outcome.unchanged: 1, Outcome.changed: 5}
        bulk = _stored(session)
        session.rollback()

        load_seeds(session, SEEDS)
        acting_as(session, "test")
        for record in first + second:
            put_action(session, record)
        session.flush()
        assert _stored(session) == bulk
    updates = [record for entity_id, operation, record in bulk["changes"] if operation == "update"]
    assert len(updates) == 5 and {record["date"] for record in updates} >= {"2021-03-04", "2018-01-01"}
    assert [str(row["action_date"]) for row in bulk["action_actors"] if row["action_id"] == "bulk-3"] == ["2018-01-01"]
