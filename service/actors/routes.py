from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from service.actions.routes import FiltersDep, action_list
from service.actions.schemas import ActionOut
from service.actors.queries import get_actor, list_actors, search_actors
from service.actors.schemas import ActorMatch, ActorOut
from service.caching import ETAG_RESPONSES, record_response
from service.db import SessionDep
from service.errors import PROBLEM_RESPONSES, NotFound
from service.models.vocabulary import ActorKind
from service.pagination import Cursor, Limit, Page, paged, record_id
from service.schemas import PRINTABLE

router = APIRouter(prefix="/v1/actors", tags=["actors"], responses=PROBLEM_RESPONSES)

ActorId = record_id("state-kp")


@router.get("", response_model=Page[ActorMatch] | Page[ActorOut], summary="List or search actors")
def list_all(
    session: SessionDep,
    request: Request,
    response: Response,
    q: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=200,
            pattern=PRINTABLE,
            description="Find by name or alias, forgiving case, accents, punctuation, word order and "
            "transliteration; results ranked best first with a `score`, on one page.",
            examples=["North Korea"],
        ),
    ] = None,
    kind: Annotated[ActorKind | None, Query(description="Only actors of this kind.", examples=["person"])] = None,
    country: Annotated[
        str | None, Query(pattern=r"^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2.", examples=["RU"])
    ] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
):
    """Actors by name; with `q`, the best matches first."""
    country = country.upper() if country else None
    if q is not None:
        return paged(request, response, search_actors(session, q, kind, country, limit), None)
    items, next_cursor = list_actors(session, kind, country, limit, cursor)
    return paged(request, response, items, next_cursor)


@router.get("/{actor_id}", response_model=ActorOut, summary="One actor", responses=ETAG_RESPONSES)
def get_one(session: SessionDep, request: Request, actor_id: ActorId):
    """An actor with its kind, country and every alias."""
    actor = get_actor(session, actor_id)
    if actor is None:
        raise NotFound("actor", actor_id)
    return record_response(request, actor)


@router.get("/{actor_id}/actions", response_model=Page[ActionOut], summary="Actions an actor takes part in")
def actions(session: SessionDep, request: Request, response: Response, actor_id: ActorId, filters: FiltersDep):
    """The actions this actor takes part in, newest first; `role` narrows to one part (imposer, target…)."""
    if get_actor(session, actor_id) is None:
        raise NotFound("actor", actor_id)
    return action_list(session, request, response, filters, actor=actor_id)
