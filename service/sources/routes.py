from fastapi import APIRouter, Request, Response

from service.caching import ETAG_RESPONSES, record_response
from service.db import SessionDep
from service.errors import PROBLEM_RESPONSES, NotFound
from service.pagination import Cursor, Limit, Page, paged, record_id
from service.sources.queries import get_source, list_sources
from service.sources.schemas import SourceDetail, SourceOut

router = APIRouter(prefix="/v1/sources", tags=["sources"], responses=PROBLEM_RESPONSES)

SourceId = record_id("src-2024-10-29-state-briefing")


@router.get("", response_model=Page[SourceOut], summary="List sources")
def list_all(session: SessionDep, request: Request, response: Response, limit: Limit = 50, cursor: Cursor = None):
    """Source documents by id, without their texts."""
    items, next_cursor = list_sources(session, limit, cursor)
    return paged(request, response, items, next_cursor)


@router.get("/{source_id}", response_model=SourceDetail, summary="One source, with its text", responses=ETAG_RESPONSES)
def get_one(session: SessionDep, request: Request, source_id: SourceId):
    """A source document with its full text, which every quote from it can be found in, and its SHA-256."""
    source = get_source(session, source_id)
    if source is None:
        raise NotFound("source", source_id)
    return record_response(request, source)
