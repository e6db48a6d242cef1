"""Actions as JSON built by the database: the body of a read, with no row becoming a Python object.

A page of 50 actions is about 400 rows; passing each through the driver, SQLAlchemy, a dict, pydantic and a
JSON encoder costs fifty times what the database spends reading them. Here each action's document is one
string made by one statement: the action's row and, per list, a correlated subquery over its link table's
primary key, concatenated in the order and format `ActionOut.model_dump_json()` writes (field order, nulls,
`"2024-10-29T00:00:00Z"` timestamps, escapes). tests/actions/test_documents.py holds the two to the same bytes
on both databases, for the seeds and for awkward values; the OpenAPI contract tests keep the shape.

The statement is text written per dialect, because the two spell the parts differently: SQLite quotes with
`json_quote` and orders an aggregate by an ordered subquery (3.44 is the first to take ORDER BY inside
`group_concat`); PostgreSQL quotes with `to_json` and orders inside `string_agg`.
"""

from collections.abc import Sequence

from sqlalchemy import TextClause, bindparam, text
from sqlalchemy.orm import Session


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


def _statement(dialect: _Dialect) -> TextClause:
    v, ts, array = dialect.value, dialect.timestamp, dialect.array
    citations = "action_authorities c JOIN authorities au ON au.id = c.authority_id"
    resolutions = array(
        _object(
            [
                ("number", v("au.number")),
                ("symbol", v("au.symbol")),
                ("relation", v("c.relation")),
                ("quote", v("c.quote")),
                ("source_id", v("c.source_id")),
            ]
        ),
        citations,
        "c.action_id = a.id AND au.kind = 'un_resolution'",
        "au.number, au.code",
    )
    authorities = array(
        _object(
            [
                ("id", v("au.id")),
                ("kind", v("au.kind")),
                ("code", v("au.code")),
                ("title", v("au.title")),
                ("relation", v("c.relation")),
                ("quote", v("c.quote")),
                ("source_id", v("c.source_id")),
            ]
        ),
        citations,
        "c.action_id = a.id AND au.kind <> 'un_resolution'",
        "au.kind, au.number, au.code",
    )
    actors = array(
        _object(
            [
                ("id", v("ac.id")),
                ("name", v("ac.name")),
                ("kind", v("ac.kind")),
                ("country", v("ac.country")),
                ("role", v("l.role")),
                ("quote", v("l.quote")),
                ("source_id", v("l.source_id")),
            ]
        ),
        "action_actors l JOIN actors ac ON ac.id = l.actor_id",
        "l.action_id = a.id",
        "l.role, ac.name, ac.id",
    )
    officials = array(
        _object(
            [
                ("id", v("o.id")),
                ("name", v("o.name")),
                ("title", v("l.title")),
                ("organisation", v("l.organisation")),
                ("quote", v("l.quote")),
                ("source_id", v("l.source_id")),
            ]
        ),
        "action_officials l JOIN officials o ON o.id = l.official_id",
        "l.action_id = a.id",
        "o.name, o.id",
    )
    sources = array(
        _object(
            [
                ("id", v("s.id")),
                ("url", v("s.url")),
                ("publisher", v("s.publisher")),
                ("title", v("s.title")),
                ("published_on", v("s.published_on")),
                ("quote", v("l.quote")),
            ]
        ),
        "action_sources l JOIN sources s ON s.id = l.source_id",
        "l.action_id = a.id",
        "s.published_on, s.id",
    )
    document = _object(
        [
            ("id", v("a.id")),
            ("type", v("a.type")),
            ("status", v("a.status")),
            ("title", v("a.title")),
            ("summary", v("a.summary")),
            ("date", v("a.date")),
            ("date_precision", v("a.date_precision")),
            ("date_text", v("a.date_text")),
            ("resolutions", resolutions),
            ("authorities", authorities),
            ("actors", actors),
            ("officials", officials),
            ("sources", sources),
            ("created_at", ts("a.created_at")),
            ("updated_at", ts("a.updated_at")),
        ]
    )
    return text(f"SELECT a.id, {document} FROM actions a WHERE a.id IN :ids").bindparams(
        bindparam("ids", expanding=True)
    )


_STATEMENTS = {"sqlite": _statement(_SQLite()), "postgresql": _statement(_PostgreSQL())}


def action_documents(session: Session, ids: Sequence[str]) -> list[str]:
    """The JSON document of each of these actions that exists, in the order given: one statement."""
    if not ids:
        return []
    connection = session.connection()
    statement = _STATEMENTS[connection.dialect.name]
    found: dict[str, str] = dict(connection.execute(statement, {"ids": list(ids)}).all())
    return [found[action_id] for action_id in ids if action_id in found]
