import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from service.actions.writes import as_body
from service.caching import VERSION_SQL
from service.models import Change, ChangeSet
from service.pagination import decode_cursor, encode_cursor

_CHANGES = select(
    Change.seq,
    ChangeSet.at,
    ChangeSet.who,
    Change.entity,
    Change.entity_id,
    Change.operation,
    Change.set_id,
    Change.position,
).join(ChangeSet, ChangeSet.id == Change.set_id)


def changes_after(session: Session, after: int, limit: int) -> list[dict]:
    """The changes after seq `after`, oldest first, as ChangeOut reads them."""
    rows = session.execute(_CHANGES.where(Change.seq > after).order_by(Change.seq).limit(limit)).all()
    return [
        _entry(row, seq=row.seq, at=row.at, record=after)
        for row, (_, after) in zip(rows, snapshots(session, rows), strict=True)
    ]


def last_change(session: Session) -> int:
    """The highest seq of the change feed (0 while it is empty): the version of the data, as the session's
    transaction sees it. Through the driver: asked on every screening, extraction and read of the kept
    documents, where even a prebuilt SQLAlchemy statement costs several times the index lookup."""
    driver: Any = session.connection().connection.dbapi_connection  # sqlite3's or psycopg's; both execute()
    return driver.execute(VERSION_SQL).fetchone()[0] or 0


def audit_entries(
    session: Session, entity: str | None, entity_id: str | None, who: str | None, limit: int, cursor: str | None
) -> tuple[list[dict], str | None]:
    """Newest first."""
    query = _CHANGES.order_by(Change.seq.desc()).limit(limit + 1)
    if entity:
        query = query.where(Change.entity == entity)
    if entity_id:
        query = query.where(Change.entity_id == entity_id)
    if who:
        query = query.where(ChangeSet.who == who)
    if cursor:
        (before,) = decode_cursor(cursor, "audit", (int,))
        query = query.where(Change.seq < before)
    rows = session.execute(query).all()
    items = [
        _entry(row, seq=row.seq, at=row.at, who=row.who, before=before, after=after)
        for row, (before, after) in zip(rows[:limit], snapshots(session, rows[:limit]), strict=True)
    ]
    return items, encode_cursor("audit", [items[-1]["seq"]]) if len(rows) > limit else None


def _entry(row: Row, **fields: Any) -> dict:
    """A feed or audit entry, its snapshots in the vocabulary of the API's bodies."""
    written = {
        name: None if value is None else _as_answered(row.entity, row.entity_id, value)
        for name, value in fields.items()
        if name in ("record", "before", "after")
    }
    return fields | written | {"entity": row.entity, "entity_id": row.entity_id, "operation": row.operation}


def _as_answered(entity: str, entity_id: str, snapshot: dict) -> dict:
    """A stored snapshot as the API writes the record: with its id and, for an action, links named as bodies
    name them."""
    return {"id": entity_id} | (as_body(snapshot) if entity == "action" else snapshot)


def snapshots(session: Session, changes: Sequence[Row]) -> list[list]:
    """[before, after] of each change (rows with `set_id` and `position`): each set read and decompressed once,
    and only the changes' own lines parsed."""
    set_ids = sorted({row.set_id for row in changes})
    lines = {
        set_id: ChangeSet.unpack(packed)
        for set_id, packed in session.execute(
            select(ChangeSet.id, ChangeSet.snapshots).where(ChangeSet.id.in_(set_ids))
        )
    }
    return [json.loads(lines[row.set_id][row.position]) for row in changes]
