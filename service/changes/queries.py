from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.changes.schemas import AuditEntry, ChangeOut
from service.models import Change
from service.pagination import decode_cursor, encode_cursor


def changes_after(session: Session, after: int, limit: int) -> list[ChangeOut]:
    rows = session.execute(
        select(Change.seq, Change.at, Change.entity, Change.entity_id, Change.operation, Change.after.label("record"))
        .where(Change.seq > after)
        .order_by(Change.seq)
        .limit(limit)
    ).mappings()
    return [ChangeOut.model_validate(dict(row)) for row in rows]


def last_change(session: Session) -> int:
    return session.scalar(select(func.coalesce(func.max(Change.seq), 0)))


def audit_entries(
    session: Session, entity: str | None, entity_id: str | None, who: str | None, limit: int, cursor: str | None
) -> tuple[list[AuditEntry], str | None]:
    """Newest first."""
    query = select(Change).order_by(Change.seq.desc()).limit(limit + 1)
    if entity:
        query = query.where(Change.entity == entity)
    if entity_id:
        query = query.where(Change.entity_id == entity_id)
    if who:
        query = query.where(Change.who == who)
    if cursor:
        (before,) = decode_cursor(cursor, "audit", (int,))
        query = query.where(Change.seq < before)
    rows = session.scalars(query).all()
    items = [AuditEntry.model_validate(row) for row in rows[:limit]]
    return items, encode_cursor("audit", [items[-1].seq]) if len(rows) > limit else None
