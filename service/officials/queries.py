from sqlalchemy import select
from sqlalchemy.orm import Session

from service.errors import found
from service.models import Official
from service.officials.schemas import OfficialOut
from service.pagination import decode_cursor, encode_cursor


def list_officials(session: Session, limit: int, cursor: str | None) -> tuple[list[OfficialOut], str | None]:
    query = select(Official).order_by(Official.id).limit(limit + 1)
    if cursor:
        (after,) = decode_cursor(cursor, "officials", (str,))
        query = query.where(Official.id > after)
    rows = session.scalars(query).all()
    more = len(rows) > limit
    items = [OfficialOut.model_validate(row) for row in rows[:limit]]
    return items, encode_cursor("officials", [items[-1].id]) if more else None


def get_official(session: Session, official_id: str) -> OfficialOut:
    return OfficialOut.model_validate(found(session.get(Official, official_id), "official", official_id))
