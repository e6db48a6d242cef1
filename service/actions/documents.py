"""Actions as JSON built by the database: the body of a read, with no row becoming a Python object.

A page of 50 actions is about 400 rows; passing each through the driver, SQLAlchemy, a dict, pydantic and a
JSON encoder costs fifty times what the database spends reading them. Here each action's document is one
string made by one statement: the action's row and, per list, a correlated subquery over its link table's
primary key (each link joined to the passage it quotes by the quotes' key), concatenated in the order and
format `ActionOut.model_dump_json()` writes (field order, nulls, `"2024-10-29T00:00:00Z"` timestamps, escapes).
tests/actions/test_documents.py holds each to the bytes the model writes back, on both databases, for the seeds
and for awkward values; the OpenAPI contract tests keep the shape.
Where a write or an export wants models, actions/queries.load_actions reads these same documents.

The statement is text written per dialect, because the two spell the parts differently: SQLite quotes with
`json_quote` and orders an aggregate by an ordered subquery (3.44 is the first to take ORDER BY inside
`group_concat`); PostgreSQL quotes with `to_json` and orders inside `string_agg`.
"""

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Sequence

import anyio
import psycopg
from sqlalchemy import TextClause, bindparam, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from starlette.requests import Request

from service.changes.queries import last_change
from service.db import read_in_own_session
from service.models import Change
from service.vocabulary import Operation


class _Dialect:
    def value(self, column: str) -> str:
        """A column as a JSON value: a string, a number or null."""
        raise NotImplementedError

    def timestamp(self, column: str) -> str:
        """A UTC timestamp as pydantic writes it: seconds, microseconds only when there are any, and 'Z'."""
        raise NotImplementedError

    def array(self, element: str, tables: str, where: str, order: str) -> str:
        """The JSON array of one element per row, in order."""
        raise NotImplementedError


class _SQLite(_Dialect):
    def value(self, column: str) -> str:
        return f"json_quote({column})"

    def timestamp(self, column: str) -> str:
        # SQLAlchemy stores 'YYYY-MM-DD HH:MM:SS.ffffff' in UTC, without a zone.
        fraction = f"substr({column}, 21)"
        return (
            f"json_quote(replace(substr({column}, 1, 19), ' ', 'T')"
            f" || CASE WHEN {fraction} IN ('', '000000') THEN '' ELSE '.' || {fraction} END || 'Z')"
        )

    def array(self, element: str, tables: str, where: str, order: str) -> str:
        # The outer aggregate keeps the subquery's order: SQLite does not flatten an ordered subquery
        # into an aggregate query.
        return (
            f"(SELECT '[' || coalesce(group_concat(element, ','), '') || ']'"
            f" FROM (SELECT {element} AS element FROM {tables} WHERE {where} ORDER BY {order}))"
        )


class _PostgreSQL(_Dialect):
    def value(self, column: str) -> str:
        return f"coalesce(to_json({column})::text, 'null')"

    def timestamp(self, column: str) -> str:
        utc = f"({column} AT TIME ZONE 'UTC')"
        micro = f"to_char({utc}, 'US')"
        return (
            f"to_json(to_char({utc}, 'YYYY-MM-DD\"T\"HH24:MI:SS')"
            f" || CASE WHEN {micro} = '000000' THEN '' ELSE '.' || {micro} END || 'Z')::text"
        )

    def array(self, element: str, tables: str, where: str, order: str) -> str:
        aggregate = f"string_agg({element}, ',' ORDER BY {order})"
        return f"(SELECT '[' || coalesce({aggregate}, '') || ']' FROM {tables} WHERE {where})"


def _object(fields: Sequence[tuple[str, str]]) -> str:
    """SQL concatenating `{"name":value,...}` from (name, JSON value expression) pairs, in that order."""
    parts = []
    for index, (name, expression) in enumerate(fields):
        parts.append(f"""'{"{" if index == 0 else ","}"{name}":'""")
        parts.append(expression)
    parts.append("'}'")
    return " || ".join(parts)


# Each list of an action's document: its name, its elements' fields as (name, column) in the order
# `ActionOut` writes them, the link table joined to what it names, which links belong, and their order.
_CITATION = ("relation", "c.relation"), ("quote", "q.text"), ("source_id", "c.source_id")


def _quoted(link: str) -> str:
    """The join of a link (by its alias) to the passage it quotes: once per source and text in `quotes`."""
    return f" JOIN quotes q ON q.source_id = {link}.source_id AND q.id = {link}.quote_id"


_CITATIONS = "action_authorities c JOIN authorities au ON au.id = c.authority_id" + _quoted("c")
_LISTS: tuple[tuple[str, tuple[tuple[str, str], ...], str, str, str], ...] = (
    (
        "resolutions",
        (("number", "au.number"), ("symbol", "au.symbol"), *_CITATION),
        _CITATIONS,
        "c.action_id = a.id AND au.kind = 'un_resolution'",
        "au.number, au.code",
    ),
    (
        "authorities",
        (("id", "au.id"), ("kind", "au.kind"), ("code", "au.code"), ("title", "au.title"), *_CITATION),
        _CITATIONS,
        "c.action_id = a.id AND au.kind <> 'un_resolution'",
        "au.kind, au.number, au.code",
    ),
    (
        "actors",
        (
            *(("id", "ac.id"), ("name", "ac.name"), ("kind", "ac.kind"), ("country", "ac.country")),
            *(("role", "l.role"), ("quote", "q.text"), ("source_id", "l.source_id")),
        ),
        "action_actors l JOIN actors ac ON ac.id = l.actor_id" + _quoted("l"),
        "l.action_id = a.id",
        "l.role, ac.name, ac.id",
    ),
    (
        "officials",
        (
            *(("id", "o.id"), ("name", "o.name"), ("title", "l.title"), ("organisation", "l.organisation")),
            *(("quote", "q.text"), ("source_id", "l.source_id")),
        ),
        "action_officials l JOIN officials o ON o.id = l.official_id" + _quoted("l"),
        "l.action_id = a.id",
        "o.name, o.id",
    ),
    (
        "sources",
        (
            *(("id", "s.id"), ("url", "s.url"), ("publisher", "s.publisher"), ("title", "s.title")),
            *(("published_on", "s.published_on"), ("quote", "q.text")),
        ),
        "action_sources l JOIN sources s ON s.id = l.source_id" + _quoted("l"),
        "l.action_id = a.id",
        "s.published_on, s.id",
    ),
)
_ACTION_FIELDS = ("id", "type", "status", "title", "summary", "date", "date_precision", "date_text")


def document_sql(dialect_name: str) -> str:
    """The SQL expression of the document of the action `a` (a row of `actions`), on this dialect."""
    dialect = _SQLite() if dialect_name == "sqlite" else _PostgreSQL()
    lists = [
        (name, dialect.array(_object([(field, dialect.value(column)) for field, column in fields]), *rest))
        for name, fields, *rest in _LISTS
    ]
    return _object(
        [
            *((field, dialect.value(f"a.{field}")) for field in _ACTION_FIELDS),
            *lists,
            ("created_at", dialect.timestamp("a.created_at")),
            ("updated_at", dialect.timestamp("a.updated_at")),
        ]
    )


def _statement(dialect_name: str) -> TextClause:
    # The version of the data this statement read, from its own snapshot: what the documents are exact for.
    version = "(SELECT max(seq) FROM changes)"
    document = document_sql(dialect_name)
    return text(f"SELECT a.id, {document}, {version} FROM actions a WHERE a.id IN :ids").bindparams(
        bindparam("ids", expanding=True)
    )


_STATEMENTS = {name: _statement(name) for name in ("sqlite", "postgresql")}
CATCH_UP = 1000  # changes the document cache reads one by one at most; past that (a bulk load), it starts empty
_CHANGES_SINCE = (
    select(Change.entity, Change.entity_id, Change.operation)
    .where(Change.seq > bindparam("after"), Change.seq <= bindparam("upto"))
    .limit(CATCH_UP + 1)
)


class DocumentCache:
    """The documents of single actions, per worker, kept exact by the change feed.

    A document is made of its action's row and links and of the actors, officials, sources and authorities
    it names; every write of those records a change (service/writes.py). Before documents are taken from
    here, the changes since the last look are read: a change to an action evicts its document; a record
    created changes no existing document (nothing named it yet); any other change (a rename of an actor, a
    corrected source, a kind of record this class does not know) empties the cache. A document is stored
    only if the statement that built it read the version the cache has caught up with, so one built from
    an older snapshot is never kept after a newer change was applied. Like the answer cache, a change made
    behind the service's back (plain SQL, no change row) is not seen."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.documents: OrderedDict[str, str] = OrderedDict()
        self.size = 0
        self.version: int | None = None  # the change the cache has caught up with
        self.lock = threading.Lock()

    def catch_up(self, session: Session) -> None:
        current = last_change(session)
        with self.lock:
            if current == self.version:
                return
            if self.version is None or current < self.version:
                self._clear(current)  # a first look, or a database started again
                return
            changes = session.connection().execute(_CHANGES_SINCE, {"after": self.version, "upto": current}).all()
            if len(changes) > CATCH_UP:
                self._clear(current)
                return
            for entity, entity_id, operation in changes:
                if entity == "action":
                    self._evict(entity_id)
                elif operation != Operation.create and entity != "list_entry":
                    self._clear(current)
                    return
            self.version = current

    def get_at(self, version: int | None, ids: Sequence[str]) -> dict[str, str]:
        """The documents held of these ids if the cache has caught up with exactly this version (none else)."""
        if version is None or version != self.version:
            return {}
        return self.get(ids)

    def get(self, ids: Sequence[str]) -> dict[str, str]:
        with self.lock:
            found = {action_id: self.documents[action_id] for action_id in ids if action_id in self.documents}
            for action_id in found:
                self.documents.move_to_end(action_id)
            return found

    def put(self, documents: dict[str, str], version: int | None) -> None:
        with self.lock:
            if version != self.version:
                return  # built at another version than the one caught up with: not known to be exact
            for action_id, document in documents.items():
                self._evict(action_id)
                self.documents[action_id] = document
                self.size += len(document)
            while self.size > self.max_bytes:
                _, oldest = self.documents.popitem(last=False)
                self.size -= len(oldest)

    def _evict(self, action_id: str) -> None:
        document = self.documents.pop(action_id, None)
        if document is not None:
            self.size -= len(document)

    def _clear(self, version: int) -> None:
        self.documents.clear()
        self.size = 0
        self.version = version


def action_documents(session: Session, ids: Sequence[str], cache: DocumentCache | None = None) -> list[str]:
    """The JSON document of each of these actions that exists, in the order given: from the cache where it
    holds them, the rest by one statement."""
    if not ids:
        return []
    found: dict[str, str] = {}
    if cache is not None and cache.max_bytes > 0:
        cache.catch_up(session)
        found = cache.get(ids)
    missing = [action_id for action_id in ids if action_id not in found]
    if missing:
        connection = session.connection()
        rows = connection.execute(_STATEMENTS[connection.dialect.name], {"ids": missing}).all()
        built = {action_id: document for action_id, document, _version in rows}
        if cache is not None and cache.max_bytes > 0 and rows:
            cache.put(built, rows[0][2])
        found |= built
    return [found[action_id] for action_id in ids if action_id in found]


async def served_documents(request: Request, ids: Sequence[str]) -> list[str]:
    """`action_documents` for an async route: without leaving the event loop when the cache holds every one at
    the data version read now (on SQLite a read through the driver, on PostgreSQL one shared by the requests
    waiting for it; caching.DataVersion), otherwise in a worker thread, by a session of its own. A hop to a
    thread and back costs a read from the cache several times its own work, and a sync route always makes one;
    so does the request's session dependency (service/db.py), which a read that may need no session at all
    does without."""
    cache: DocumentCache = request.app.state.documents
    if cache.max_bytes > 0:
        try:
            version = await request.app.state.data_version.read()
        except (SQLAlchemyError, sqlite3.Error, psycopg.Error):
            version = None  # the thread meets the same failure, and the route answers it (503)
        found = cache.get_at(version, ids)
        if len(found) == len(ids):
            return [found[action_id] for action_id in ids]
    session_factory = request.app.state.session_factory
    return await anyio.to_thread.run_sync(read_in_own_session, session_factory, action_documents, ids, cache)
