import json
from collections.abc import Sequence

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from service.changes.schemas import AuditEntry, ChangeOut
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


def changes_after(session: Session, after: int, limit: int) -> list[ChangeOut]:
    rows = session.execute(_CHANGES.where(Change.seq > after).order_by(Change.seq).limit(limit)).all()
    return [
        ChangeOut(
            seq=row.seq, at=row.at, entity=row.entity, entity_id=row.entity_id, operation=row.operation, record=after
        )
        for row, (_, after) in zip(rows, snapshots(session, rows), strict=True)
    ]


def last_change(session: Session) -> int:
    return session.execute(select(func.coalesce(func.max(Change.seq), 0))).scalar_one()


def audit_entries(
    session: Session, entity: str | None, entity_id: str | None, who: str | None, limit: int, cursor: str | None
) -> tuple[list[AuditEntry], str | None]:
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
        AuditEntry(
            seq=row.seq,
            at=row.at,
            who=row.who,
            entity=row.entity,
            entity_id=row.entity_id,
            operation=row.operation,
            before=before,
            after=after,
        )
        for row, (before, after) in zip(rows[:limit], snapshots(session, rows[:limit]), strict=True)
    ]
    return items, encode_cursor("audit", [items[-1].seq]) if len(rows) > limit else None


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
