from typing import Annotated

from fastapi import APIRouter, Body, Query, Request

from service.actions.documents import served_documents
from service.actions.queries import documents_page, get_action
from service.actions.schemas import CREATE_EXAMPLES, ActionCreate, ActionFilters, ActionOut, ActionPatch
from service.actions.service import create_action, delete_action, update_action
from service.api_route import ApiRoute
from service.db import SessionDep
from service.errors import found
from service.etags import IfMatch, document_response
from service.idempotency import IdempotencyKey
from service.models import Action
from service.pagination import Page, json_page, record_id
from service.record_routes import RecordRoutes
from service.records import Records, Write

router = APIRouter(prefix="/v1/actions", tags=["actions"], route_class=ApiRoute)

ActionId = Annotated[str, record_id("act-2024-10-29-us-condemns-russia-dprk-training")]
ACTIONS = Records(Action, "action", "/v1/actions/{id}", get_action, create_action, update_action, delete_action)
routes = RecordRoutes(router, ACTIONS.kind)


async def action_document(request: Request, action_id: str) -> str:
    """The action the path names, as the JSON document the database builds (404 when there is none). Async: a
    document the cache holds at the current data version is served without a hop to a worker thread, and
    without a session. Called by the route rather than declared as its dependency: FastAPI's resolution of a
    dependency costs more than a kept document's lookup."""
    documents = await served_documents(request, [action_id])
    return found(documents[0] if documents else None, "action", action_id)


@routes.list(Page[ActionOut], "List actions")
def list_all(session: SessionDep, request: Request, filters: Annotated[ActionFilters, Query()]):
    """Actions newest first (`sort=date` for oldest first), each with its resolutions, actors, officials
    and sources. Filters combine with AND. Page with `limit` and the `next_cursor` of the previous page
    (also in the `Link` header)."""
    return json_page(request, *documents_page(session, filters, request.app.state.documents))


@routes.read("/{action_id}", ActionOut, "One action")
async def get_one(request: Request, action_id: ActionId):
    """One action with all its citations, actors, officials and sources, each fact with its quote.
    Carries an `ETag`; send it back in `If-None-Match` to get 304 while the action is unchanged."""
    return document_response(request, (await action_document(request, action_id)).encode())


@routes.create(ActionOut, "Create an action")
def create(
    write: Write,
    body: Annotated[ActionCreate, Body(openapi_examples=CREATE_EXAMPLES)],
    idempotency_key: IdempotencyKey = None,
):
    """Record a new action with its citations, actors, officials and sources, all referenced by id; every
    quote must be found word for word in its source. Needs a key of scope `write`. With an
    `Idempotency-Key`, a retry returns the first answer and writes nothing again."""
    return write.create(ACTIONS, body, idempotency_key)


@routes.update("/{action_id}", ActionOut, "Change an action")
def change(write: Write, action_id: ActionId, patch: ActionPatch, if_match: IfMatch = None):
    """Replace the fields given (a list replaces the whole list). With `If-Match`, only if the action is
    still at that version. Needs a key of scope `write`."""
    return write.update(ACTIONS, action_id, patch, if_match)


@routes.delete("/{action_id}", "Delete an action")
def remove(write: Write, action_id: ActionId, if_match: IfMatch = None):
    """Delete the action and its links (its sources, actors and officials stay). The change feed keeps a
    tombstone. With `If-Match`, only if the action is still at that version. Needs a key of scope `write`."""
    return write.delete(ACTIONS, action_id, if_match)
