from fastapi import APIRouter, Request, Response

from service.db import SessionDep
from service.errors import NotFound
from service.etags import IfMatch, check_if_match, record_response
from service.idempotency import IdempotencyKey, idempotent_create
from service.keys.auth import Writer
from service.models import Source
from service.openapi import CREATE_RESPONSES, DELETE_RESPONSES, LIST_RESPONSES, RECORD_RESPONSES, UPDATE_RESPONSES
from service.pagination import Cursor, Limit, Page, paged, record_id
from service.sources.queries import get_source, list_sources
from service.sources.schemas import SourceDetail, SourceIn, SourceOut, SourcePatch
from service.sources.service import create_source, delete_source, update_source
from service.writes import lock_row

router = APIRouter(prefix="/v1/sources", tags=["sources"])

SourceId = record_id("src-2024-10-29-state-briefing")


@router.get("", response_model=Page[SourceOut], summary="List sources", responses=LIST_RESPONSES, name="list_sources")
def list_all(session: SessionDep, request: Request, response: Response, limit: Limit = 50, cursor: Cursor = None):
    """Source documents by id, without their texts."""
    items, next_cursor = list_sources(session, limit, cursor)
    return paged(request, response, items, next_cursor)


@router.get(
    "/{source_id}",
    response_model=SourceDetail,
    summary="One source, with its text",
    responses=RECORD_RESPONSES,
    name="get_source",
)
def get_one(session: SessionDep, request: Request, source_id: SourceId):
    """A source document with its full text, which every quote from it can be found in, and its SHA-256."""
    source = get_source(session, source_id)
    if source is None:
        raise NotFound("source", source_id)
    return record_response(request, source)


@router.post(
    "",
    status_code=201,
    response_model=SourceDetail,
    summary="Create a source",
    responses=CREATE_RESPONSES,
    name="create_source",
)
def create(
    session: SessionDep, request: Request, principal: Writer, body: SourceIn, idempotency_key: IdempotencyKey = None
):
    """Record a source document with its full text, which quotes are then checked against. A text already
    recorded is a 409 naming the source that has it. Needs a key of scope `write`."""
    return idempotent_create(
        session,
        principal,
        idempotency_key,
        request,
        body,
        lambda: get_source(session, create_source(session, body)),
        lambda record: f"/v1/sources/{record['id']}",
    )


@router.patch(
    "/{source_id}",
    response_model=SourceDetail,
    summary="Change a source",
    responses=UPDATE_RESPONSES,
    name="update_source",
)
def change(
    session: SessionDep,
    request: Request,
    principal: Writer,
    source_id: SourceId,
    patch: SourcePatch,
    if_match: IfMatch = None,
):
    """Replace the URL, publisher, title or publication date; the text never changes."""
    source = lock_row(session, Source, "source", source_id)
    check_if_match(if_match, get_source(session, source_id))
    update_source(session, source, patch)
    return record_response(request, get_source(session, source_id))


@router.delete(
    "/{source_id}", status_code=204, summary="Delete a source", responses=DELETE_RESPONSES, name="delete_source"
)
def remove(session: SessionDep, principal: Writer, source_id: SourceId, if_match: IfMatch = None):
    """Delete a source no action cites any more (409 otherwise)."""
    source = lock_row(session, Source, "source", source_id)
    check_if_match(if_match, get_source(session, source_id))
    delete_source(session, source)
    return Response(status_code=204)
