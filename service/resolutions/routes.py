from typing import Annotated

import anyio
from fastapi import APIRouter, Path, Query, Request, Response
from sqlalchemy.orm import Session

from service.actions.documents import DocumentCache
from service.actions.queries import documents_page, page_ids
from service.actions.schemas import ActionFilters, ResolutionActionQuery
from service.api_route import ApiRoute
from service.db import SessionDep, read_in_own_session
from service.etags import record_response
from service.models import Authority
from service.pagination import Cursor, Limit, Page, json_page, paged
from service.record_routes import RecordRoutes, WriteDocs
from service.records import Records
from service.resolutions.queries import get_resolution, list_resolutions, resolution_key
from service.resolutions.schemas import ResolutionIn, ResolutionOut, ResolutionPatch, resolution_id
from service.resolutions.service import create_resolution, delete_resolution, update_resolution
from service.schemas import CanonicalInt

router = APIRouter(prefix="/v1/resolutions", tags=["resolutions"], route_class=ApiRoute)

Number = Annotated[
    CanonicalInt,
    Path(alias="number", ge=1, le=99999, description="The resolution's number, in digits.", examples=[1718]),
]
RESOLUTIONS = Records(
    Authority,
    "resolution",
    "/v1/resolutions/{number}",
    get_resolution,
    create_resolution,
    update_resolution,
    delete_resolution,
    row_id=resolution_id,
)
routes = RecordRoutes(router, RESOLUTIONS.kind)


@routes.list(Page[ResolutionOut], "List resolutions")
def list_all(session: SessionDep, request: Request, response: Response, limit: Limit = 50, cursor: Cursor = None):
    """UN Security Council resolutions by number, each with how many published actions invoke it."""
    return paged(request, response, *list_resolutions(session, limit, cursor))


@routes.read("/{number}", ResolutionOut, "One resolution")
def get_one(session: SessionDep, request: Request, number: Number):
    """A resolution by its number, with its symbol, adoption date and action count."""
    return record_response(request, get_resolution(session, number))


@routes.actions("/{number}/actions", "Actions invoking a resolution")
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
    session_factory = request.app.state.session_factory
    return await anyio.to_thread.run_sync(read_in_own_session, session_factory, _documents_page, number, query, cache)


def _documents_page(
    session: Session, number: int, query: ResolutionActionQuery, cache: DocumentCache
) -> tuple[list[str], str | None]:
    resolution_key(session, number)  # 404 when there is none
    return documents_page(session, query, cache, resolution=number)


WRITES = WriteDocs(
    create="Record a UN Security Council resolution so that actions can cite it.",
    update="Replace the year, adoption date or title.",
    delete="Delete a resolution no action cites (409 otherwise).",
)
routes.writes(RESOLUTIONS, Number, ResolutionIn, ResolutionPatch, ResolutionOut, WRITES)
