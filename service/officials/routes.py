from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from service.actions.queries import documents_page
from service.actions.schemas import OfficialActionQuery
from service.api_route import ApiRoute
from service.db import SessionDep
from service.etags import record_response
from service.models import Official
from service.officials.queries import get_official, list_officials
from service.officials.schemas import OfficialIn, OfficialOut, OfficialPatch
from service.officials.service import create_official, delete_official, update_official
from service.pagination import Cursor, Limit, Page, json_page, paged, record_id
from service.record_routes import RecordRoutes, WriteDocs
from service.records import Records

router = APIRouter(prefix="/v1/officials", tags=["officials"], route_class=ApiRoute)

OfficialId = Annotated[str, record_id("official_id", "official-matthew-miller")]
OFFICIALS = Records(
    Official, "official", "/v1/officials/{id}", get_official, create_official, update_official, delete_official
)
routes = RecordRoutes(router, OFFICIALS.kind)


def path_official(session: SessionDep, official_id: OfficialId) -> OfficialOut:
    """The official the path names (404 when there is none)."""
    return get_official(session, official_id)


PathOfficial = Annotated[OfficialOut, Depends(path_official)]


@routes.list(Page[OfficialOut], "List officials")
def list_all(session: SessionDep, request: Request, response: Response, limit: Limit = 50, cursor: Cursor = None):
    """Officials who announced or spoke for actions, by id."""
    return paged(request, response, *list_officials(session, limit, cursor))


@routes.read("/{official_id}", OfficialOut, "One official")
def get_one(request: Request, official: PathOfficial):
    """An official with the latest title known."""
    return record_response(request, official)


@routes.actions("/{official_id}/actions", "Actions an official announced")
def actions(
    session: SessionDep, request: Request, official: PathOfficial, query: Annotated[OfficialActionQuery, Query()]
):
    """What this official announced or spoke for, newest first, with the title held at each time."""
    return json_page(request, *documents_page(session, query, request.app.state.documents, official=official.id))


WRITES = WriteDocs(
    create="Record a person who announces or speaks for actions.",
    update="Replace the fields given.",
    delete="Delete an official no action names any more (409 otherwise).",
)
routes.writes(OFFICIALS, OfficialId, OfficialIn, OfficialPatch, OfficialOut, WRITES)
