from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Body, Query, Request, Response

from service.actions.documents import action_documents
from service.actions.queries import get_action, page_ids
from service.actions.schemas import CREATE_EXAMPLES, ActionCreate, ActionFilters, ActionOut, ActionPatch, ActionQuery
from service.actions.service import create_action, delete_action, update_action
from service.db import SessionDep
from service.errors import InvalidParameter, NotFound
from service.etags import IfMatch, check_if_match, document_response, record_response
from service.idempotency import IdempotencyKey, idempotent_create
from service.keys.auth import Writer
from service.models import Action, Actor, Official
from service.openapi import CREATE_RESPONSES, DELETE_RESPONSES, LIST_RESPONSES, RECORD_RESPONSES, UPDATE_RESPONSES
from service.pagination import Page, json_page, record_id
from service.writes import lock_row

router = APIRouter(prefix="/v1/actions", tags=["actions"])

ActionId = record_id("act-2024-10-29-us-condemns-russia-dprk-training")


def action_list(session, request: Request, query: ActionQuery, **fixed) -> Response:
    """A page of actions, built as JSON by the database; `fixed` are the filters a nested path sets (the
    resolution of /v1/resolutions/{number}/actions), which its query model leaves out."""
    filters = ActionFilters.model_construct(**dict(query), **fixed)  # both parts are validated already
    _ids_exist(session, filters)
    ids, next_cursor = page_ids(session, filters)
    return json_page(request, action_documents(session, ids, request.app.state.documents), next_cursor)


def _ids_exist(session, filters: ActionFilters) -> None:
    """A filter by an actor or official that does not exist would answer an empty list, which reads as "none
    found": say instead that the value is no id (a name, most often) and where ids are found."""
    if filters.actor is not None and session.get(Actor, filters.actor) is None:
        lookup = f"/v1/actors?q={quote(filters.actor)}"
        raise InvalidParameter("actor", f"no actor has the id {filters.actor!r}; find actors by name with {lookup}")
    if filters.official is not None and session.get(Official, filters.official) is None:
        raise InvalidParameter("official", f"no official has the id {filters.official!r}; /v1/officials lists them")


@router.get("", response_model=Page[ActionOut], summary="List actions", responses=LIST_RESPONSES, name="list_actions")
def list_all(session: SessionDep, request: Request, filters: Annotated[ActionFilters, Query()]):
    """Actions newest first (`sort=date` for oldest first), each with its resolutions, actors, officials
    and sources. Filters combine with AND. Page with `limit` and the `next_cursor` of the previous page
    (also in the `Link` header)."""
    return action_list(session, request, filters)


@router.get(
    "/{action_id}",
    response_model=ActionOut,
    summary="One action",
    responses=RECORD_RESPONSES,
    name="get_action",
)
def get_one(session: SessionDep, request: Request, action_id: ActionId):
    """One action with all its citations, actors, officials and sources, each fact with its quote.
    Carries an `ETag`; send it back in `If-None-Match` to get 304 while the action is unchanged."""
    found = action_documents(session, [action_id], request.app.state.documents)
    if not found:
        raise NotFound("action", action_id)
    return document_response(request, found[0].encode())


@router.post(
    "",
    status_code=201,
    response_model=ActionOut,
    summary="Create an action",
    responses=CREATE_RESPONSES,
    name="create_action",
)
def create(
    session: SessionDep,
    request: Request,
    principal: Writer,
    body: Annotated[ActionCreate, Body(openapi_examples=CREATE_EXAMPLES)],
    idempotency_key: IdempotencyKey = None,
):
    """Record a new action with its citations, actors, officials and sources, all referenced by id; every
    quote must be found word for word in its source. Needs a key of scope `write`. With an
    `Idempotency-Key`, a retry returns the first answer and writes nothing again."""
    return idempotent_create(
        session,
        principal,
        idempotency_key,
        request,
        body,
        lambda: get_action(session, create_action(session, body)),
        lambda record: f"/v1/actions/{record['id']}",
    )


@router.patch(
    "/{action_id}",
    response_model=ActionOut,
    summary="Change an action",
    responses=UPDATE_RESPONSES,
    name="update_action",
)
def change(
    session: SessionDep,
    request: Request,
    principal: Writer,
    action_id: ActionId,
    patch: ActionPatch,
    if_match: IfMatch = None,
):
    """Replace the fields given (a list replaces the whole list). With `If-Match`, only if the action is
    still at that version. Needs a key of scope `write`."""
    lock_row(session, Action, "action", action_id)
    check_if_match(if_match, get_action(session, action_id))
    update_action(session, action_id, patch)
    return record_response(request, get_action(session, action_id))


@router.delete(
    "/{action_id}", status_code=204, summary="Delete an action", responses=DELETE_RESPONSES, name="delete_action"
)
def remove(session: SessionDep, principal: Writer, action_id: ActionId, if_match: IfMatch = None):
    """Delete the action and its links (its sources, actors and officials stay). The change feed keeps a
    tombstone. With `If-Match`, only if the action is still at that version. Needs a key of scope `write`."""
    lock_row(session, Action, "action", action_id)
    check_if_match(if_match, get_action(session, action_id))
    delete_action(session, action_id)
    return Response(status_code=204)
