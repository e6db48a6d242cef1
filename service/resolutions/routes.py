from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from service.actions.routes import action_list
from service.actions.schemas import ActionOut, ResolutionActionQuery
from service.db import SessionDep
from service.errors import NotFound
from service.etags import IfMatch, check_if_match, record_response
from service.idempotency import IdempotencyKey, idempotent_create
from service.keys.auth import Writer
from service.models import Authority
from service.openapi import CREATE_RESPONSES, DELETE_RESPONSES, LIST_RESPONSES, RECORD_RESPONSES, UPDATE_RESPONSES
from service.pagination import Cursor, Limit, Page, paged
from service.resolutions.queries import get_resolution, list_resolutions, resolution_exists
from service.resolutions.schemas import ResolutionIn, ResolutionOut, ResolutionPatch, resolution_id
from service.resolutions.service import create_resolution, delete_resolution, update_resolution
from service.schemas import CanonicalInt
from service.writes import lock_row

router = APIRouter(prefix="/v1/resolutions", tags=["resolutions"])

Number = Annotated[
    CanonicalInt, Path(ge=1, le=99999, description="The resolution's number, in digits.", examples=[1718])
]


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
def get_one(session: SessionDep, request: Request, number: Number):
    """A resolution by its number, with its symbol, adoption date and action count."""
    resolution = get_resolution(session, number)
    if resolution is None:
        raise NotFound("resolution", number)
    return record_response(request, resolution)


@router.get(
    "/{number}/actions",
    response_model=Page[ActionOut],
    summary="Actions invoking a resolution",
    responses=LIST_RESPONSES,
    name="list_resolution_actions",
)
def actions(
    session: SessionDep,
    request: Request,
    number: Number,
    query: Annotated[ResolutionActionQuery, Query()],
):
    """Which actions invoke resolution `number`, newest first, with the same filters and paging as
    `/v1/actions`. Each page is one range scan of an index, at any size of database."""
    if not resolution_exists(session, number):
        raise NotFound("resolution", number)
    return action_list(session, request, query, resolution=number)


@router.post(
    "",
    status_code=201,
    response_model=ResolutionOut,
    summary="Add a resolution",
    responses=CREATE_RESPONSES,
    name="create_resolution",
)
def create(
    session: SessionDep, request: Request, principal: Writer, body: ResolutionIn, idempotency_key: IdempotencyKey = None
):
    """Record a UN Security Council resolution so that actions can cite it. Needs a key of scope `write`."""
    return idempotent_create(
        session,
        principal,
        idempotency_key,
        request,
        body,
        lambda: get_resolution(session, create_resolution(session, body)),
        lambda record: f"/v1/resolutions/{record['number']}",
    )


@router.patch(
    "/{number}",
    response_model=ResolutionOut,
    summary="Change a resolution",
    responses=UPDATE_RESPONSES,
    name="update_resolution",
)
def change(
    session: SessionDep,
    request: Request,
    principal: Writer,
    number: Number,
    patch: ResolutionPatch,
    if_match: IfMatch = None,
):
    """Replace the year, adoption date or title; with `If-Match`, only if still at that version."""
    resolution = lock_row(session, Authority, "resolution", resolution_id(number))
    check_if_match(if_match, get_resolution(session, number))
    update_resolution(session, resolution, patch)
    return record_response(request, get_resolution(session, number))


@router.delete(
    "/{number}", status_code=204, summary="Delete a resolution", responses=DELETE_RESPONSES, name="delete_resolution"
)
def remove(session: SessionDep, principal: Writer, number: Number, if_match: IfMatch = None):
    """Delete a resolution no action cites (409 otherwise)."""
    resolution = lock_row(session, Authority, "resolution", resolution_id(number))
    check_if_match(if_match, get_resolution(session, number))
    delete_resolution(session, resolution)
    return Response(status_code=204)
