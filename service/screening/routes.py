import anyio
from fastapi import APIRouter, Request, Response

from service.api_route import ApiRoute
from service.db import read_in_own_session
from service.errors import problem_responses
from service.screening.schemas import MatchRequest, MatchResponse
from service.screening.service import match

router = APIRouter(tags=["screening"], route_class=ApiRoute)


@router.post(
    "/v1/match",
    response_model=MatchResponse,
    summary="Screen parties against every actor",
    responses=problem_responses(400, 401, 403, 413, 422, 503),
    name="match_parties",
)
async def match_parties(request: Request, body: MatchRequest) -> Response:
    """Each party (a name, and its nationality and identifiers where known; up to 100 at once) scored
    against every actor's names and aliases, forgiving case, accents, punctuation, word order and
    transliteration, its identifiers and its country. Each candidate over `threshold` comes with what matched
    and the listings in force against it: which body, under which legal basis, by which action, quoting which
    passage. Nothing is stored."""
    # A read: one trip to a worker thread, in a session of its own, and the answer written as built. As a route
    # of `def` returning the model, with the session as a dependency, it took a second trip to validate the
    # answer again and FastAPI's resolution of the dependency: about 50 µs a trip, on every screening.
    answer = await anyio.to_thread.run_sync(read_in_own_session, request.app.state.session_factory, match, body)
    return Response(answer.model_dump_json(by_alias=True), media_type="application/json")
