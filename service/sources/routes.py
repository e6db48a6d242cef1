from typing import Annotated

from fastapi import APIRouter, Request, Response

from service.api_route import ApiRoute
from service.db import SessionDep
from service.etags import record_response
from service.models import Source
from service.pagination import Cursor, Limit, Page, paged, record_id
from service.record_routes import RecordRoutes, WriteDocs
from service.records import Records
from service.sources.queries import get_source, list_sources
from service.sources.schemas import SourceDetail, SourceIn, SourceOut, SourcePatch
from service.sources.service import create_source, delete_source, update_source

router = APIRouter(prefix="/v1/sources", tags=["sources"], route_class=ApiRoute)

SourceId = Annotated[str, record_id("source_id", "src-2024-10-29-state-briefing")]
SOURCES = Records(Source, "source", "/v1/sources/{id}", get_source, create_source, update_source, delete_source)
routes = RecordRoutes(router, SOURCES.kind)


@routes.list(Page[SourceOut], "List sources")
def list_all(session: SessionDep, request: Request, response: Response, limit: Limit = 50, cursor: Cursor = None):
    """Source documents by id, without their texts."""
    return paged(request, response, *list_sources(session, limit, cursor))


@routes.read("/{source_id}", SourceDetail, "One source, with its text")
def get_one(session: SessionDep, request: Request, source_id: SourceId):
    """A source document with its full text, which every quote from it can be found in, and its SHA-256."""
    return record_response(request, get_source(session, source_id))


WRITES = WriteDocs(
    create="Record a source document with its full text, which quotes are then checked against. A text already "
    "recorded is a 409 naming the source that has it.",
    update="Replace the URL, publisher, title or publication date; the text never changes.",
    delete="Delete a source no action cites any more (409 otherwise).",
)
routes.writes(SOURCES, SourceId, SourceIn, SourcePatch, SourceDetail, WRITES)
