from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from service.actions.routes import action_list
from service.actions.schemas import ActionOut, ActorActionQuery
from service.actors.queries import get_actor, list_actors, search_actors
from service.actors.schemas import ActorDetail, ActorIn, ActorMatch, ActorOut, ActorPatch
from service.actors.service import create_actor, delete_actor, update_actor
from service.caching import ETAG_RESPONSES, IfMatch, check_if_match, record_response
from service.db import SessionDep
from service.errors import PROBLEM_RESPONSES, WRITE_RESPONSES, NotFound
from service.idempotency import IdempotencyKey, idempotent_create
from service.keys.auth import Writer
from service.models import Actor
from service.models.vocabulary import ActorKind
from service.pagination import Cursor, Limit, Page, paged, record_id
from service.schemas import PRINTABLE
from service.writes import lock_row

router = APIRouter(prefix="/v1/actors", tags=["actors"])

ActorId = record_id("state-kp")


@router.get(
    "", response_model=Page[ActorMatch] | Page[ActorOut], summary="List or search actors", responses=PROBLEM_RESPONSES
)
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


@router.get(
    "/{actor_id}", response_model=ActorDetail, summary="One actor", responses=PROBLEM_RESPONSES | ETAG_RESPONSES
)
def get_one(session: SessionDep, request: Request, actor_id: ActorId):
    """An actor with its kind, country, every alias, and the identifiers and addresses official lists give."""
    actor = get_actor(session, actor_id)
    if actor is None:
        raise NotFound("actor", actor_id)
    return record_response(request, actor)


@router.get(
    "/{actor_id}/actions",
    response_model=Page[ActionOut],
    summary="Actions an actor takes part in",
    responses=PROBLEM_RESPONSES,
)
def actions(
    session: SessionDep,
    request: Request,
    actor_id: ActorId,
    query: Annotated[ActorActionQuery, Query()],
):
    """The actions this actor takes part in, newest first; `role` narrows to one part (imposer, target…)."""
    if get_actor(session, actor_id) is None:
        raise NotFound("actor", actor_id)
    return action_list(session, request, query, actor=actor_id)


@router.post("", status_code=201, response_model=ActorDetail, summary="Create an actor", responses=WRITE_RESPONSES)
def create(
    session: SessionDep, request: Request, principal: Writer, body: ActorIn, idempotency_key: IdempotencyKey = None
):
    """Record a state, person, organization, vessel, aircraft or body with its aliases, identifiers and
    addresses. Needs a key of scope `write`."""
    return idempotent_create(
        session,
        principal,
        idempotency_key,
        request,
        body,
        lambda: get_actor(session, create_actor(session, body)),
        lambda record: f"/v1/actors/{record['id']}",
    )


@router.patch("/{actor_id}", response_model=ActorDetail, summary="Change an actor", responses=WRITE_RESPONSES)
def change(
    session: SessionDep,
    request: Request,
    principal: Writer,
    actor_id: ActorId,
    patch: ActorPatch,
    if_match: IfMatch = None,
):
    """Replace the fields given (a list replaces the whole list); with `If-Match`, only if still at that
    version."""
    lock_row(session, Actor, "actor", actor_id)
    check_if_match(if_match, get_actor(session, actor_id))
    update_actor(session, actor_id, patch)
    return record_response(request, get_actor(session, actor_id))


@router.delete("/{actor_id}", status_code=204, summary="Delete an actor", responses=WRITE_RESPONSES)
def remove(session: SessionDep, principal: Writer, actor_id: ActorId, if_match: IfMatch = None):
    """Delete an actor no action names any more (409 otherwise)."""
    lock_row(session, Actor, "actor", actor_id)
    check_if_match(if_match, get_actor(session, actor_id))
    delete_actor(session, actor_id)
    return Response(status_code=204)
