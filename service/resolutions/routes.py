from functools import partial
from typing import Annotated

import anyio
from fastapi import APIRouter, Depends, Path, Query, Request, Response
from sqlalchemy.orm import Session, sessionmaker

from service.actions.documents import DocumentCache
from service.actions.queries import documents_page, page_ids
from service.actions.schemas import ActionFilters, ActionOut, ResolutionActionQuery
from service.db import SessionDep
from service.etags import IfMatch, record_response
from service.idempotency import IdempotencyKey
from service.models import Authority
from service.openapi import CREATE_RESPONSES, DELETE_RESPONSES, LIST_RESPONSES, RECORD_RESPONSES, UPDATE_RESPONSES
from service.pagination import Cursor, Limit, Page, json_page, paged
from service.records import Write
from service.resolutions.queries import get_resolution, list_resolutions, resolution_key
from service.resolutions.schemas import ResolutionIn, ResolutionOut, ResolutionPatch, resolution_id
from service.resolutions.service import create_resolution, delete_resolution, update_resolution
from service.schemas import CanonicalInt

router = APIRouter(prefix="/v1/resolutions", tags=["resolutions"])

Number = Annotated[
    CanonicalInt, Path(ge=1, le=99999, description="The resolution's number, in digits.", examples=[1718])
]
PATH = "/v1/resolutions/{number}"


def path_resolution(session: SessionDep, number: Number) -> ResolutionOut:
    """The resolution the path names (404 when there is none)."""
    return get_resolution(session, number)


PathResolution = Annotated[ResolutionOut, Depends(path_resolution)]


@router.get(
    "",
    response_model=Page[ResolutionOut],
    summary="List resolutions",
    responses=LIST_RESPONSES,
    name="list_resolutions",
)
def list_all(session: SessionDep, request: Request, response: Response, limit: Limit = 50, cursor: Cursor = None):
    """UN Security Council resolutions by number, each with how many published actions invoke it."""
    items, next_cursor = list_resolutions(session, limit, cursor)
    return paged(request, response, items, next_cursor)


@router.get(
    "/{number}",
    response_model=ResolutionOut,
    summary="One resolution",
    responses=RECORD_RESPONSES,
    name="get_resolution",
)
def get_one(request: Request, resolution: PathResolution):
    """A resolution by its number, with its symbol, adoption date and action count."""
    return record_response(request, resolution)


@router.get(
    "/{number}/actions",
    response_model=Page[ActionOut],
    summary="Actions invoking a resolution",
    responses=LIST_RESPONSES,
    name="list_resolution_actions",
)
async def actions(request: Request, number: Number, query: Annotated[ResolutionActionQuery, Query()]):
    """Which actions invoke resolution `number`, newest first, with the same filters and paging as
    `/v1/actions`. Each page is one range scan of an index, at any size of database."""
    return json_page(request, *await _resolution_page(request, number, query))


async def _resolution_page(request: Request, number: int, query: ResolutionActionQuery) -> tuple[list[str], str | None]:
    """The page's documents and the next cursor. The plain list (no filter but the cursor: one range scan of an
    index, `limit` + 1 rows) is read on the event loop on SQLite, and answered there when the document cache
    holds every action of it at the data version read after it; anything else is read in a worker thread."""
    cache: DocumentCache = request.app.state.documents
    plain = query.model_fields_set <= {"limit", "cursor", "sort"}
    session = request.app.state.data_version.loop_session() if plain and cache.max_bytes > 0 else None
    if session is not None:
        with session:
            resolution_key(session, number)  # 404 when there is none
            ids, next_cursor = page_ids(session, ActionFilters.model_construct(**dict(query), resolution=number))
        found = cache.get_at(await request.app.state.data_version.read(), ids)
        if len(found) == len(ids):
            return [found[action_id] for action_id in ids], next_cursor
    return await anyio.to_thread.run_sync(_read_page, request.app.state.session_factory, number, query, cache)


def _read_page(
    session_factory: sessionmaker[Session], number: int, query: ResolutionActionQuery, cache: DocumentCache
) -> tuple[list[str], str | None]:
    with session_factory() as session:  # a read: nothing to commit
        resolution_key(session, number)  # 404 when there is none
        return documents_page(session, query, cache, resolution=number)


@router.post(
    "",
    status_code=201,
    response_model=ResolutionOut,
    summary="Add a resolution",
    responses=CREATE_RESPONSES,
    name="create_resolution",
)
def create(write: Write, body: ResolutionIn, idempotency_key: IdempotencyKey = None):
    """Record a UN Security Council resolution so that actions can cite it. Needs a key of scope `write`."""
    return write.created(
        body, idempotency_key, lambda session: get_resolution(session, create_resolution(session, body)), PATH
    )


@router.patch(
    "/{number}",
    response_model=ResolutionOut,
    summary="Change a resolution",
    responses=UPDATE_RESPONSES,
    name="update_resolution",
)
def change(write: Write, number: Number, patch: ResolutionPatch, if_match: IfMatch = None):
    """Replace the year, adoption date or title; with `If-Match`, only if still at that version."""
    current = partial(get_resolution, write.session, number)
    update_resolution(
        write.session, write.locked(Authority, "resolution", resolution_id(number), if_match, current), patch
    )
    return write.answer(current())


@router.delete(
    "/{number}", status_code=204, summary="Delete a resolution", responses=DELETE_RESPONSES, name="delete_resolution"
)
def remove(write: Write, number: Number, if_match: IfMatch = None):
    """Delete a resolution no action cites (409 otherwise)."""
    current = partial(get_resolution, write.session, number)
    delete_resolution(write.session, write.locked(Authority, "resolution", resolution_id(number), if_match, current))
    return Response(status_code=204)
