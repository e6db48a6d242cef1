from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response

from service.db import SessionDep
from service.etags import IfMatch, record_response
from service.idempotency import IdempotencyKey
from service.models import Source
from service.openapi import CREATE_RESPONSES, DELETE_RESPONSES, LIST_RESPONSES, RECORD_RESPONSES, UPDATE_RESPONSES
from service.pagination import Cursor, Limit, Page, paged, record_id
from service.records import Records, Write
from service.sources.queries import get_source, list_sources
from service.sources.schemas import SourceDetail, SourceIn, SourceOut, SourcePatch
from service.sources.service import create_source, delete_source, update_source

router = APIRouter(prefix="/v1/sources", tags=["sources"])

SourceId = Annotated[str, record_id("src-2024-10-29-state-briefing")]
SOURCES = Records(Source, "source", "/v1/sources/{id}", get_source, create_source, update_source, delete_source)


def path_source(session: SessionDep, source_id: SourceId) -> SourceDetail:
    """The source the path names (404 when there is none)."""
    return get_source(session, source_id)


PathSource = Annotated[SourceDetail, Depends(path_source)]


@router.get("", response_model=Page[SourceOut], summary="List sources", responses=LIST_RESPONSES, name="list_sources")
def list_all(session: SessionDep, request: Request, response: Response, limit: Limit = 50, cursor: Cursor = None):
    """Source documents by id, without their texts."""
    return paged(request, response, *list_sources(session, limit, cursor))


@router.get(
    "/{source_id}",
    response_model=SourceDetail,
    summary="One source, with its text",
    responses=RECORD_RESPONSES,
    name="get_source",
)
def get_one(request: Request, source: PathSource):
    """A source document with its full text, which every quote from it can be found in, and its SHA-256."""
    return record_response(request, source)


@router.post(
    "",
    status_code=201,
    response_model=SourceDetail,
    summary="Create a source",
    responses=CREATE_RESPONSES,
    name="create_source",
)
def create(write: Write, body: SourceIn, idempotency_key: IdempotencyKey = None):
    """Record a source document with its full text, which quotes are then checked against. A text already
    recorded is a 409 naming the source that has it. Needs a key of scope `write`."""
    return write.create(SOURCES, body, idempotency_key)


@router.patch(
    "/{source_id}",
    response_model=SourceDetail,
    summary="Change a source",
    responses=UPDATE_RESPONSES,
    name="update_source",
)
def change(write: Write, source_id: SourceId, patch: SourcePatch, if_match: IfMatch = None):
    """Replace the URL, publisher, title or publication date; the text never changes."""
    return write.update(SOURCES, source_id, patch, if_match)


@router.delete(
    "/{source_id}", status_code=204, summary="Delete a source", responses=DELETE_RESPONSES, name="delete_source"
)
def remove(write: Write, source_id: SourceId, if_match: IfMatch = None):
    """Delete a source no action cites any more (409 otherwise)."""
    return write.delete(SOURCES, source_id, if_match)
