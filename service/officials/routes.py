from fastapi import APIRouter, Request, Response

from service.actions.routes import FiltersDep, action_list
from service.actions.schemas import ActionOut
from service.caching import ETAG_RESPONSES, record_response
from service.db import SessionDep
from service.errors import PROBLEM_RESPONSES, NotFound
from service.officials.queries import get_official, list_officials
from service.officials.schemas import OfficialOut
from service.pagination import Cursor, Limit, Page, paged, record_id

router = APIRouter(prefix="/v1/officials", tags=["officials"], responses=PROBLEM_RESPONSES)

OfficialId = record_id("official-matthew-miller")


@router.get("", response_model=Page[OfficialOut], summary="List officials")
def list_all(session: SessionDep, request: Request, response: Response, limit: Limit = 50, cursor: Cursor = None):
    """Officials who announced or spoke for actions, by id."""
    items, next_cursor = list_officials(session, limit, cursor)
    return paged(request, response, items, next_cursor)


@router.get("/{official_id}", response_model=OfficialOut, summary="One official", responses=ETAG_RESPONSES)
def get_one(session: SessionDep, request: Request, official_id: OfficialId):
    """An official with the latest title known."""
    official = get_official(session, official_id)
    if official is None:
        raise NotFound("official", official_id)
    return record_response(request, official)


@router.get("/{official_id}/actions", response_model=Page[ActionOut], summary="Actions an official announced")
def actions(session: SessionDep, request: Request, response: Response, official_id: OfficialId, filters: FiltersDep):
    """What this official announced or spoke for, newest first, with the title held at each time."""
    if get_official(session, official_id) is None:
        raise NotFound("official", official_id)
    return action_list(session, request, response, filters, official=official_id)
