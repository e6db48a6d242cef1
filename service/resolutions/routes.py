from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from service.actions.routes import FiltersDep, action_list
from service.actions.schemas import ActionOut
from service.caching import ETAG_RESPONSES, record_response
from service.db import SessionDep
from service.errors import PROBLEM_RESPONSES, NotFound
from service.pagination import Cursor, Limit, Page, paged
from service.resolutions.queries import get_resolution, list_resolutions
from service.resolutions.schemas import ResolutionOut

router = APIRouter(prefix="/v1/resolutions", tags=["resolutions"], responses=PROBLEM_RESPONSES)

Number = Annotated[int, Path(ge=1, le=99999, description="The resolution's number.", examples=[1718])]


@router.get("", response_model=Page[ResolutionOut], summary="List resolutions")
def list_all(session: SessionDep, request: Request, response: Response, limit: Limit = 50, cursor: Cursor = None):
    """UN Security Council resolutions by number, each with how many published actions invoke it."""
    items, next_cursor = list_resolutions(session, limit, cursor)
    return paged(request, response, items, next_cursor)


@router.get("/{number}", response_model=ResolutionOut, summary="One resolution", responses=ETAG_RESPONSES)
def get_one(session: SessionDep, request: Request, number: Number):
    """A resolution by its number, with its symbol, adoption date and action count."""
    resolution = get_resolution(session, number)
    if resolution is None:
        raise NotFound("resolution", number)
    return record_response(request, resolution)


@router.get("/{number}/actions", response_model=Page[ActionOut], summary="Actions invoking a resolution")
def actions(session: SessionDep, request: Request, response: Response, number: Number, filters: FiltersDep):
    """Which actions invoke resolution `number`, newest first, with the same filters and paging as
    `/v1/actions`. Each page is one range scan of an index, at any size of database."""
    if get_resolution(session, number) is None:
        raise NotFound("resolution", number)
    return action_list(session, request, response, filters, resolution=number)
