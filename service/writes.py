"""The one way every writer (seed loader, importers, API) creates, updates or deletes a record, so that every
write lands in the change feed with who made it and the record before and after."""

import gc
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, ClassVar, Protocol, TypeVar, cast

from sqlalchemy import ARRAY, ColumnElement, CursorResult, Table, any_, bindparam, insert, select, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import InstrumentedAttribute, QueryableAttribute, Session

from service.errors import Conflict, NotFound
from service.models import Base, Change, ChangeSet
from service.models.base import utcnow
from service.models.changes import Snapshot
from service.vocabulary import Operation

# Any fixed number: the PostgreSQL advisory lock that orders the change feed.
_FEED_LOCK = 7_305_001


class Outcome(StrEnum):
    added = "added"
    changed = "changed"
    unchanged = "unchanged"


@dataclass
class Upserted:
    row: Any
    outcome: Outcome
    before: dict[str, Any] | None  # the written fields as they were; None when the row is new


def acting_as(session: Session, who: str) -> None:
    """Name who the session's writes are made by (an API key's name, `seed`, `import un-xml`…)."""
    session.info["who"] = who


def upsert_row(session: Session, model: type[Base], id: str, values: dict[str, Any]) -> Upserted:
    """Insert the row, or update only the fields that differ, so that writing the same data twice changes
    nothing, not even `updated_at`. Records no change: callers that write links too record one for all."""
    row = session.get(model, id)
    if row is None:
        row = model(id=id, **values)
        session.add(row)
        return Upserted(row, Outcome.added, None)
    before = {field: getattr(row, field) for field in values}
    for field, value in values.items():
        if before[field] != value:
            setattr(row, field, value)
    return Upserted(row, Outcome.unchanged if before == values else Outcome.changed, before)


def put_row(session: Session, model: type[Base], entity: str, id: str, values: dict[str, Any]) -> Outcome:
    """Upsert a record that has no links, and record the change."""
    result = upsert_row(session, model, id, values)
    if result.outcome is not Outcome.unchanged:
        record_change(session, entity, id, result.before, values)
    return result.outcome


def create_row(session: Session, model: type[Base], entity: str, id: str, values: dict[str, Any]) -> None:
    """A new record: an insert, so that one created by a concurrent request meanwhile makes it fail (409)
    instead of being overwritten."""
    if session.get(model, id) is not None:
        raise Conflict(already_exists(entity, id))
    session.add(model(id=id, **values))
    record_change(session, entity, id, None, values)


def already_exists(entity: str, id: str) -> str:
    return f"a {entity} with id {id!r} exists already"


class Record(Protocol):
    """A model of records with a text id and an `updated_at` (actors, actions, authorities…)."""

    id: ClassVar[InstrumentedAttribute[str]]
    updated_at: ClassVar[InstrumentedAttribute[datetime]]


R = TypeVar("R", bound=Record)
K = TypeVar("K")


def lock_row(session: Session, model: type[R], entity: str, id: str) -> R:
    """The row, taken for this transaction before it is read, so that a concurrent writer waits and a check
    of If-Match sees the state this write will change (on SQLite this takes the database's write lock)."""
    # An UPDATE's result is a CursorResult, which has the rowcount; Session.execute is typed for any statement.
    result = cast(
        CursorResult[Any], session.execute(update(model).where(model.id == id).values(updated_at=model.updated_at))
    )
    row = session.get(model, id, populate_existing=True) if result.rowcount else None
    if row is None:
        raise NotFound(entity, id)
    return row


def delete_row(
    session: Session,
    model: type[Base],
    entity: str,
    id: str,
    before: dict[str, Any],
    used_by: list[InstrumentedAttribute[str]],
) -> None:
    """Delete a record nothing points at any more (409 otherwise), leaving a tombstone in the feed."""
    for column in used_by:
        if session.scalar(select(column).where(column == id).limit(1)) is not None:
            raise Conflict(f"the {entity} {id!r} is still used by {column.class_.__tablename__}: remove those first")
    session.delete(session.get(model, id))
    record_change(session, entity, id, before, None)


def touch(row: Any) -> None:
    """Mark a record updated when only its links changed (the ORM sees no column change then)."""
    row.updated_at = utcnow()


def record_change(
    session: Session, entity: str, entity_id: str, before: dict[str, Any] | None, after: dict[str, Any] | None
) -> None:
    record_changes(session, entity, [(entity_id, before, after)])


def record_changes(session: Session, entity: str, changes: Sequence[tuple[str, Snapshot, Snapshot]]) -> None:
    """Record the writes of many records of one kind as one set: (id, before, after) each, before None for a
    create and after None for a delete. The set keeps the snapshots, compressed together; each change a row."""
    if not changes:
        return
    who = session.info.get("who")
    if who is None:
        raise RuntimeError("say who writes first: acting_as(session, who)")
    hold_feed_lock(session)
    packed = ChangeSet.pack([(before, after) for _, before, after in changes])
    set_id = session.connection().scalar(
        insert(ChangeSet).values(at=utcnow(), who=who, snapshots=packed).returning(ChangeSet.id)
    )
    insert_rows(
        session,
        Change,
        ("set_id", "position", "entity", "entity_id", "operation"),
        [(set_id, n, entity, id, _operation(before, after)) for n, (id, before, after) in enumerate(changes)],
    )


def among(
    session: Session, column: ColumnElement[K] | QueryableAttribute[K], values: Iterable[K]
) -> ColumnElement[bool]:
    """`column IN values`, for a batch's keys. On PostgreSQL `column = ANY` of one array parameter: one short
    statement, planned as index lookups whatever the batch's size, where an IN of hundreds of parameters on a
    table of a list's size is planned as a scan of the whole table with the list searched at each row."""
    values = list(values)
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, values, type_=ARRAY(column.type)))
    return column.in_(values)


def plan_for_each_batch(session: Session) -> None:
    """On PostgreSQL, plan this transaction's statements for their own parameters. The driver prepares a
    statement run five times, and the server then settles on a generic plan, which for `= ANY` of a batch's keys
    on a table of a list's size is a scan that searches the keys one by one at each row (100 ms a batch, where
    the plan for the keys themselves looks them up by index or hash in 1 ms)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))


def _operation(before: Snapshot, after: Snapshot) -> Operation:
    return Operation.create if before is None else Operation.delete if after is None else Operation.update


def put_rows(session: Session, model: type[Base], entity: str, records: dict[str, dict[str, Any]]) -> Counter:
    """put_row for many records at once (loads and imports): the stored ones read in one query, compared in
    memory, the new ones inserted by insert_rows, the changed ones updated by one executemany, and the changes
    recorded as one set. Keyed by the model's one primary key column; every other column but the timestamps
    given. Same rows and changes as put_row on each."""
    if not records:
        return Counter()
    table = cast(Table, model.__table__)
    (key,) = table.primary_key.columns
    names = list(next(iter(records.values())))
    stored = {
        row[0]: dict(zip(names, row[1:], strict=True))
        for row in session.connection().execute(
            select(key, *(table.c[name] for name in names)).where(among(session, key, records))
        )
    }
    now = utcnow()
    new = [id for id in records if id not in stored]
    changed = [id for id in records if id in stored and stored[id] != records[id]]
    insert_rows(
        session,
        model,
        (key.name, *names, "created_at", "updated_at"),
        [(id, *(records[id][name] for name in names), now, now) for id in new],
    )
    if changed:
        session.connection().execute(
            update(table)
            .where(key == bindparam("_key"))
            .values({name: bindparam(name) for name in (*names, "updated_at")}),
            [records[id] | {"_key": id, "updated_at": now} for id in changed],
        )
    record_changes(
        session, entity, [(id, None, records[id]) for id in new] + [(id, stored[id], records[id]) for id in changed]
    )
    unchanged = len(records) - len(new) - len(changed)
    return +Counter({Outcome.added: len(new), Outcome.changed: len(changed), Outcome.unchanged: unchanged})


def insert_rows(session: Session, model: type[Base], columns: Sequence[str], rows: list[tuple]) -> None:
    """Insert many new rows into one table (bulk loads), each a tuple in the order of `columns`, in the
    session's transaction. Below SQLAlchemy's statement execution, whose handling of each row's parameters
    costs more than the database's own work: PostgreSQL takes the rows by COPY, one stream instead of a
    statement per row; SQLite, whose driver has no COPY, by one executemany, the values first converted as the
    columns' types convert them (dates and times are text there; the values of such columns must be
    hashable). Constraints apply as to any insert; SQLAlchemy's Python-side defaults do not: give those columns."""
    if not rows:
        return
    table = model.__table__
    connection = session.connection()
    dialect = connection.dialect
    quote = dialect.identifier_preparer
    target = f"{quote.format_table(table)} ({', '.join(map(quote.quote, columns))})"
    if dialect.name == "postgresql":
        statement = f"COPY {target} FROM STDIN"
        try:
            driver = connection.connection.driver_connection
            assert driver is not None  # a connection in use holds the driver's
            with driver.cursor() as cursor, cursor.copy(statement) as copy:
                for row in rows:
                    copy.write_row(row)
        except dialect.loaded_dbapi.Error as error:
            # The exception SQLAlchemy raises for the same error in a statement (IntegrityError…).
            raise DBAPIError.instance(statement, None, error, dialect.loaded_dbapi.Error) from error
        return
    # SQLite: the rows taken apart into columns, each distinct value of a column that needs converting converted
    # once (an action's links repeat its date; a batch's rows share one timestamp), and put back together.
    processors = [table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in columns]
    if any(processors):
        converted: list[Iterable] = []
        for process, values in zip(processors, zip(*rows, strict=True), strict=True):
            if process is None:
                converted.append(values)
            else:
                lookup = {value: process(value) for value in set(values)}
                converted.append(map(lookup.__getitem__, values))
        rows = list(zip(*converted, strict=True))
    connection.exec_driver_sql(f"INSERT INTO {target} VALUES ({', '.join('?' * len(columns))})", rows)


@contextmanager
def keys_checked_per_batch(
    session: Session, parents: Callable[[], Mapping[InstrumentedAttribute[str], Iterable[str]]]
) -> Iterator[None]:
    """A bulk write's foreign keys to the parents `parents` gives (each a key column and the keys the rows to be
    written name; asked for only where they are checked here) checked once per key instead of once per row. On
    PostgreSQL the per-row checks are triggers, each a query that locks its parent row: three quarters of the
    time of a bulk load. Here each parent is read and locked as those queries would (FOR KEY SHARE: no one
    deletes it or changes its key before this transaction ends), a missing one fails as a row naming it would,
    and the block's inserts run with the triggers off (session_replication_role, for this transaction until the
    block ends). The block's rows may point at these parents and at rows this transaction wrote itself, nothing
    else, and it may only insert: an update or a delete would lose its cascades. A role that may not set it
    (neither a superuser nor, from PostgreSQL 15, granted SET on it) keeps the per-row checks; so does SQLite,
    whose checks are lookups in the parent's index (turning them off there saved a tenth of a load's time)."""
    if session.get_bind().dialect.name != "postgresql" or not _may_pause_triggers(session):
        yield
        return
    connection = session.connection()
    for key, wanted in parents().items():
        if not (wanted := set(wanted)):
            continue
        found = set(connection.scalars(select(key).where(among(session, key, wanted)).with_for_update(key_share=True)))
        if missing := sorted(wanted - found):
            raise key_violation(session, f"{key.class_.__tablename__} has no {key.key} {', '.join(missing)}")
    connection.exec_driver_sql("SET LOCAL session_replication_role = replica")
    yield  # on a failure the transaction is rolled back, and the setting with it
    connection.exec_driver_sql("SET LOCAL session_replication_role = origin")


def key_violation(session: Session, message: str) -> IntegrityError:
    """The error a row breaking a foreign key raises, for one found before the row is written."""
    return IntegrityError(None, None, session.get_bind().dialect.loaded_dbapi.IntegrityError(message))


def _may_pause_triggers(session: Session) -> bool:
    """Whether the connection's role may set session_replication_role: asked once per database connection (kept
    in its `info`, which lives as long as the connection in the pool), not once per batch."""
    connection = session.connection()
    if "may_pause_triggers" not in connection.info:
        if (connection.dialect.server_version_info or ()) >= (15,):  # SET may be granted on a parameter since 15
            query = "SELECT has_parameter_privilege('session_replication_role', 'SET')"
        else:
            query = "SELECT current_setting('is_superuser') = 'on'"
        connection.info["may_pause_triggers"] = bool(connection.exec_driver_sql(query).scalar())
    return bool(connection.info["may_pause_triggers"])


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off for the span of a bulk write's batch. A batch allocates some hundred
    thousand tuples, dicts and lists, none in a cycle (reference counting frees them all), and each few hundred
    allocations start a collection that walks the young ones, and now and then everything the process holds:
    15% of a load's CPU (bench/dataset.py, 40,000 actions). What cycles a batch leaves are collected once it is
    over. Another thread's batch that pauses it meanwhile finds it paused and leaves it to the first to resume."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def hold_feed_lock(session: Session) -> None:
    """On PostgreSQL, hold a transaction-long lock before taking sequence numbers, so that the feed's numbers
    follow commit order: a consumer reading `seq > n` can never see 7 before 6 commits. From their first change
    to their commit, writers therefore run one at a time, as SQLite's do anyway; readers are never blocked.
    The writers of quotes take it before they add or delete any (service/actions/writes.py)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    transaction = session.get_transaction()
    if session.info.get("feed_locked_in") is not transaction:
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _FEED_LOCK})
        session.info["feed_locked_in"] = transaction
