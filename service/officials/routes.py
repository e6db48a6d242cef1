from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from service.actions.routes import action_list
from service.actions.schemas import ActionOut, OfficialActionQuery
from service.db import SessionDep
from service.errors import NotFound
from service.etags import IfMatch, check_if_match, record_response
from service.idempotency import IdempotencyKey, idempotent_create
from service.keys.auth import Writer
from service.models import Official
from service.officials.queries import get_official, list_officials
from service.officials.schemas import OfficialIn, OfficialOut, OfficialPatch
from service.officials.service import create_official, delete_official, update_official
from service.openapi import CREATE_RESPONSES, DELETE_RESPONSES, LIST_RESPONSES, RECORD_RESPONSES, UPDATE_RESPONSES
from service.pagination import Cursor, Limit, Page, paged, record_id
from service.writes import lock_row

router = APIRouter(prefix="/v1/officials", tags=["officials"])

OfficialId = record_id("official-matthew-miller")


@router.get(
    "", response_model=Page[OfficialOut], summary="List officials", responses=LIST_RESPONSES, name="list_officials"
)
def list_all(session: SessionDep, request: Request, response: Response, limit: Limit = 50, cursor: Cursor = None):
    """Officials who announced or spoke for actions, by id."""
    items, next_cursor = list_officials(session, limit, cursor)
    return paged(request, response, items, next_cursor)


@router.get(
    "/{official_id}",
    response_model=OfficialOut,
    summary="One official",
    responses=RECORD_RESPONSES,
    name="get_official",
)
def get_one(session: SessionDep, request: Request, official_id: OfficialId):
    """An official with the latest title known."""
    official = get_official(session, official_id)
    if official is None:
        raise NotFound("official", official_id)
    return record_response(request, official)


@router.get(
    "/{official_id}/actions",
    response_model=Page[ActionOut],
    summary="Actions an official announced",
    responses=LIST_RESPONSES,
    name="list_official_actions",
)
def actions(
    session: SessionDep,
    request: Request,
    official_id: OfficialId,
    query: Annotated[OfficialActionQuery, Query()],
):
    """What this official announced or spoke for, newest first, with the title held at each time."""
    if get_official(session, official_id) is None:
        raise NotFound("official", official_id)
    return action_list(session, request, query, official=official_id)


@router.post(
    "",
    status_code=201,
    response_model=OfficialOut,
    summary="Create an official",
    responses=CREATE_RESPONSES,
    name="create_official",
)
def create(
    session: SessionDep, request: Request, principal: Writer, body: OfficialIn, idempotency_key: IdempotencyKey = None
):
    """Record a person who announces or speaks for actions. Needs a key of scope `write`."""
    return idempotent_create(
        session,
        principal,
        idempotency_key,
        request,
        body,
        lambda: get_official(session, create_official(session, body)),
        lambda record: f"/v1/officials/{record['id']}",
    )


@router.patch(
    "/{official_id}",
    response_model=OfficialOut,
    summary="Change an official",
    responses=UPDATE_RESPONSES,
    name="update_official",
)
def change(
    session: SessionDep,
    request: Request,
    principal: Writer,
    official_id: OfficialId,
    patch: OfficialPatch,
    if_match: IfMatch = None,
):
    """Replace the fields given; with `If-Match`, only if the official is still at that version."""
    official = lock_row(session, Official, "official", official_id)
    check_if_match(if_match, get_official(session, official_id))
    update_official(session, official, patch)
    return record_response(request, get_official(session, official_id))


@router.delete(
    "/{official_id}", status_code=204, summary="Delete an official", responses=DELETE_RESPONSES, name="delete_official"
)
def remove(session: SessionDep, principal: Writer, official_id: OfficialId, if_match: IfMatch = None):
    """Delete an official no action names any more (409 otherwise)."""
    official = lock_row(session, Official, "official", official_id)
    check_if_match(if_match, get_official(session, official_id))
    delete_official(session, official)
    return Response(status_code=204)
