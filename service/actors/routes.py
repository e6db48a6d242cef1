from typing import Annotated

import anyio
from fastapi import APIRouter, Query, Request, Response

from service.actions.queries import documents_page
from service.actions.schemas import ActorActionQuery
from service.actors.merged import MERGED_RESPONSES, redirect_if_merged
from service.actors.queries import SEARCH_DEPTH, get_actor, list_actors, search_actors, search_page
from service.actors.schemas import ActorDetail, ActorIn, ActorMatch, ActorOut, ActorPatch, ActorStatus
from service.actors.search import find_by_every_word
from service.actors.service import create_actor, delete_actor, update_actor
from service.actors.status import listings_of
from service.api_route import ApiRoute
from service.db import SessionDep, read_in_own_session
from service.errors import InvalidParameter, found
from service.etags import record_response
from service.models import Actor
from service.openapi import LIST_RESPONSES, RECORD_RESPONSES
from service.pagination import Cursor, Filter, Limit, Page, json_page, paged, record_id
from service.record_routes import RecordRoutes, WriteDocs
from service.records import Records
from service.schemas import PRINTABLE
from service.vocabulary import ActorKind

router = APIRouter(prefix="/v1/actors", tags=["actors"], route_class=ApiRoute)

ActorId = Annotated[str, record_id("actor_id", "state-kp")]
ACTORS = Records(Actor, "actor", "/v1/actors/{id}", get_actor, create_actor, update_actor, delete_actor)
routes = RecordRoutes(router, ACTORS.kind)


@routes.list(Page[ActorMatch] | Page[ActorOut], "List or search actors")
async def list_all(
    request: Request,
    response: Response,
    q: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=200,
            pattern=PRINTABLE,
            description="Find by name or alias, forgiving case, accents, punctuation, word order and "
            "transliteration; results ranked best first with a `score`, paged like every list.",
            examples=["North Korea"],
        ),
    ] = None,
    kind: Annotated[ActorKind | None, Query(description="Only actors of this kind.", examples=["person"])] = None,
    country: Annotated[
        str | None, Query(pattern=r"^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2.", examples=["RU"])
    ] = None,
    listed_by: Annotated[
        Filter,
        Query(
            description="Only actors this body (an actor id) has designated: see `/v1/actors/{id}/status`.",
            examples=["body-un-security-council"],
        ),
    ] = None,
    in_force: Annotated[
        bool | None,
        Query(
            description="Only actors with a listing in force now (`true`), or listed once and no more (`false`).",
            examples=[True],
        ),
    ] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
):
    """Actors by name; with `q`, the best matches first."""
    country = country.upper() if country else None
    if q is not None:
        if listed_by is not None or in_force is not None:
            name = "listed_by" if listed_by is not None else "in_force"
            raise InvalidParameter(name, "filters the list of actors, not a search: leave out q, or this")
        return json_page(request, *await _search(request, q, kind, country, limit, cursor))
    listing = (kind, country, listed_by, in_force, limit, cursor)
    session_factory = request.app.state.session_factory
    return paged(
        request, response, *await anyio.to_thread.run_sync(read_in_own_session, session_factory, list_actors, *listing)
    )


async def _search(
    request: Request, q: str, kind: str | None, country: str | None, limit: int, cursor: str | None
) -> tuple[list[str], str | None]:
    """The page's documents and the next cursor. On SQLite, a search that names holding every word of the query
    answer (one look-up of the index, a bounded cost) runs on the event loop: in a worker thread, handing the GIL
    back and forth at each row sqlite3 reads cost it 2.2 ms of CPU against 1.3–1.5 on the loop (1M, 32
    connections). Any other search (a scan, or the near misses of a misspelt query, up to tens of ms) runs in a
    worker thread."""
    session = request.app.state.data_version.loop_session()
    if session is not None:
        with session:
            ranked = find_by_every_word(session, q, kind, country, SEARCH_DEPTH)
            if ranked is not None:
                return search_page(session, ranked, limit, cursor)
    search = (q, kind, country, limit, cursor)
    session_factory = request.app.state.session_factory
    return await anyio.to_thread.run_sync(read_in_own_session, session_factory, search_actors, *search)


@routes.read("/{actor_id}", ActorDetail, "One actor", RECORD_RESPONSES | MERGED_RESPONSES)
def get_one(session: SessionDep, request: Request, actor_id: ActorId):
    """An actor with its kind, country, every alias, and the identifiers and addresses official lists give."""
    if moved := redirect_if_merged(session, request, actor_id):
        return moved
    return record_response(request, get_actor(session, actor_id))


@router.get(
    "/{actor_id}/status",
    response_model=ActorStatus,
    summary="What is in force against an actor",
    responses=LIST_RESPONSES | MERGED_RESPONSES,
    name="get_actor_status",
)
def status(session: SessionDep, request: Request, actor_id: ActorId):
    """For each body that designated the actor (the UN Security Council, OFAC, the EU…): listed since when,
    under which legal basis, delisted when, in force now; each step with its action, and the passage of its
    source that names the actor as the target."""
    if moved := redirect_if_merged(session, request, actor_id):
        return moved
    found(session.get(Actor, actor_id), "actor", actor_id)
    listings = listings_of(session, actor_id)
    return ActorStatus(actor_id=actor_id, in_force=any(listing.in_force for listing in listings), listings=listings)


@routes.actions("/{actor_id}/actions", "Actions an actor takes part in", LIST_RESPONSES | MERGED_RESPONSES)
def actions(session: SessionDep, request: Request, actor_id: ActorId, query: Annotated[ActorActionQuery, Query()]):
    """The actions this actor and the actors merged into it take part in, newest first; `role` narrows to one
    part (imposer, target…)."""
    if moved := redirect_if_merged(session, request, actor_id):
        return moved
    found(session.get(Actor, actor_id), "actor", actor_id)
    return json_page(request, *documents_page(session, query, request.app.state.documents, actor=actor_id))


WRITES = WriteDocs(
    create="Record a state, person, organization, vessel, aircraft or body, with aliases, identifiers and addresses.",
    update="Replace the fields given (a list replaces the whole list).",
    delete="Delete an actor no action names any more (409 otherwise).",
)
routes.writes(ACTORS, ActorId, ActorIn, ActorPatch, ActorDetail, WRITES)
