from fastapi import APIRouter

from service.api_route import ApiRoute
from service.db import SessionDep
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
def match_parties(session: SessionDep, body: MatchRequest):
    """Each party (a name, and its nationality and identifiers where known; up to 100 at once) scored
    against every actor's names and aliases, forgiving case, accents, punctuation, word order and
    transliteration, its identifiers and its country. Each candidate over `threshold` comes with what matched
    and the listings in force against it: which body, under which legal basis, by which action, quoting which
    passage. Nothing is stored."""
    return match(session, body)
