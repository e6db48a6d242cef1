from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from service.actions.queries import get_action, list_actions
from service.actions.schemas import ActionFilters, ActionOut
from service.caching import ETAG_RESPONSES, record_response
from service.db import SessionDep
from service.errors import PROBLEM_RESPONSES, InvalidParameter, NotFound
from service.pagination import Page, paged, record_id

router = APIRouter(prefix="/v1/actions", tags=["actions"], responses=PROBLEM_RESPONSES)

ActionId = record_id("act-2024-10-29-us-condemns-russia-dprk-training")

FiltersDep = Annotated[ActionFilters, Query()]


def action_list(session, request: Request, response: Response, filters: ActionFilters, **fixed) -> dict:
    """A page of actions; `fixed` are the filters a nested path sets (the resolution of
    /v1/resolutions/{number}/actions), which the query string may not contradict."""
    for name, value in fixed.items():
        given = getattr(filters, name)
        if given is not None and given != value:
            raise InvalidParameter(name, f"the path already sets {name} to {value}")
    filters = filters.model_copy(update=fixed)
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise InvalidParameter("date_from", "is after date_to")
    page = list_actions(session, filters)
    return paged(request, response, page.items, page.next_cursor)


@router.get("", response_model=Page[ActionOut], summary="List actions")
def list_all(session: SessionDep, request: Request, response: Response, filters: FiltersDep):
    """Actions newest first (`sort=date` for oldest first), each with its resolutions, actors, officials
    and sources. Filters combine with AND. Page with `limit` and the `next_cursor` of the previous page
    (also in the `Link` header)."""
    return action_list(session, request, response, filters)


@router.get("/{action_id}", response_model=ActionOut, summary="One action", responses=ETAG_RESPONSES)
def get_one(session: SessionDep, request: Request, action_id: ActionId):
    """One action with all its citations, actors, officials and sources, each fact with its quote.
    Carries an `ETag`; send it back in `If-None-Match` to get 304 while the action is unchanged."""
    action = get_action(session, action_id)
    if action is None:
        raise NotFound("action", action_id)
    return record_response(request, action)
