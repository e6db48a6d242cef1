from typing import Annotated

from fastapi import APIRouter, Body, Query, Request

from service.actions.documents import served_documents
from service.actions.queries import documents_page, get_action
from service.actions.schemas import CREATE_EXAMPLES, ActionCreate, ActionFilters, ActionOut, ActionPatch
from service.actions.service import create_action, delete_action, update_action
from service.api_route import ApiRoute
from service.db import SessionDep
from service.errors import found
from service.etags import document_response
from service.models import Action
from service.pagination import Page, json_page, record_id
from service.record_routes import RecordRoutes, WriteDocs
from service.records import Records

router = APIRouter(prefix="/v1/actions", tags=["actions"], route_class=ApiRoute)

ActionId = Annotated[str, record_id("action_id", "act-2024-10-29-us-condemns-russia-dprk-training")]
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


WRITES = WriteDocs(
    create="Record a new action with its citations, actors, officials and sources, all referenced by id; every "
    "quote must be found word for word in its source.",
    update="Replace the fields given (a list replaces the whole list).",
    delete="Delete the action and its links (its sources, actors and officials stay). The change feed keeps a "
    "tombstone.",
)
NewAction = Annotated[ActionCreate, Body(openapi_examples=CREATE_EXAMPLES)]
routes.writes(ACTIONS, ActionId, NewAction, ActionPatch, ActionOut, WRITES)
