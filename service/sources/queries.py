from sqlalchemy import select
from sqlalchemy.orm import Session

from service.errors import found
from service.models import Source
from service.pagination import decode_cursor, encode_cursor
from service.sources.schemas import SourceDetail, SourceOut

# The list leaves the texts out: they can be long, and the detail has them.
_LIST_COLUMNS = (Source.id, Source.url, Source.publisher, Source.title, Source.published_on, Source.sha256)


def list_sources(session: Session, limit: int, cursor: str | None) -> tuple[list[SourceOut], str | None]:
    query = select(*_LIST_COLUMNS).order_by(Source.id).limit(limit + 1)
    if cursor:
        (after,) = decode_cursor(cursor, "sources", (str,))
        query = query.where(Source.id > after)
    rows = session.execute(query).mappings().all()
    more = len(rows) > limit
    items = [SourceOut.model_validate(dict(row)) for row in rows[:limit]]
    return items, encode_cursor("sources", [items[-1].id]) if more else None


def get_source(session: Session, source_id: str) -> SourceDetail:
    return SourceDetail.model_validate(found(session.get(Source, source_id), "source", source_id))
