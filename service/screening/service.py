"""Screening: each party scored against every actor by its names, its identifiers and its nationality, the
candidates above the threshold returned with what is in force against them and why."""

import re

from rapidfuzz import fuzz
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.actors.queries import actors_by_id
from service.actors.search import find_actors, search_key
from service.actors.status import listings_of
from service.models import ActorIdentifier
from service.screening.schemas import Candidate, Evidence, MatchRequest, MatchResponse, MatchResult, Party

# A name scored this far below the threshold may still be lifted over it by its nationality.
NATIONALITY_WEIGHT = 10
# How many names to score per candidate kept: the name search ranks them; the other evidence reorders a few.
NAME_CANDIDATES_PER_RESULT = 4


def match(session: Session, request: MatchRequest) -> MatchResponse:
    return MatchResponse(results=[_match_one(session, party, request) for party in request.queries])


def _match_one(session: Session, party: Party, request: MatchRequest) -> MatchResult:
    names = {
        found.actor_id: found
        for found in find_actors(session, party.name, None, None, request.limit * NAME_CANDIDATES_PER_RESULT)
    }
    identifiers: dict[str, list[str]] = {}
    for actor_id, value in _shared_identifiers(session, party):
        identifiers.setdefault(actor_id, []).append(value)
    actors = actors_by_id(session, list(names.keys() | identifiers.keys()))
    candidates = []
    query_key = search_key(party.name)
    for actor_id, actor in actors.items():
        matched, score = [], 0.0
        if actor_id in names:
            score, best = max((name_score(query_key, name), name) for name in [actor.name, *actor.aliases])
            kind = "name" if best == actor.name else "alias"
            matched.append(Evidence(kind=kind, value=best, score=score))
        if party.nationality and actor.country:
            agrees = party.nationality == actor.country
            score += NATIONALITY_WEIGHT if agrees else -NATIONALITY_WEIGHT
            if agrees:
                matched.append(Evidence(kind="nationality", value=actor.country, score=100))
        for value in identifiers.get(actor_id, []):
            matched.append(Evidence(kind="identifier", value=value, score=100))
            score = 100.0
        score = round(min(max(score, 0.0), 100.0), 1)
        if score >= request.threshold:
            candidates.append(Candidate(actor=actor, score=score, matched=matched, in_force=[]))
    candidates.sort(key=lambda candidate: (-candidate.score, candidate.actor.name, candidate.actor.id))
    return MatchResult(
        query=party,
        candidates=[
            candidate.model_copy(update={"in_force": _in_force(session, candidate.actor.id)})
            for candidate in candidates[: request.limit]
        ],
    )


def name_score(query_key: str, name: str) -> float:
    """0–100 for the whole name against the whole query: word order and word breaks forgiven ('Ho-jin Yun',
    'yun hojin'), but not missing words: one generic word ('Federation', 'Bank') is no match for a name that
    holds it, as it may be for a search (service.actors.search.score)."""
    key = search_key(name)
    return round(
        max(fuzz.token_sort_ratio(query_key, key), fuzz.ratio(query_key.replace(" ", ""), key.replace(" ", ""))), 1
    )


def _in_force(session: Session, actor_id: str) -> list:
    return [listing for listing in listings_of(session, actor_id) if listing.in_force]


def _normalised(value: str) -> str:
    return re.sub(r"[^0-9A-Za-z]", "", value).upper()


def _shared_identifiers(session: Session, party: Party) -> list[tuple[str, str]]:
    """(actor id, identifier) for each stored identifier equal to one of the party's, spaces, dashes, dots and
    slashes aside, and of the same scheme where the party gives one."""
    wanted = {_normalised(item.value): item.scheme for item in party.identifiers if _normalised(item.value)}
    if not wanted:
        return []
    stored = ActorIdentifier.value
    for character in " -./":
        stored = func.replace(stored, character, "")
    rows = session.execute(
        select(ActorIdentifier.actor_id, ActorIdentifier.scheme, ActorIdentifier.value).where(
            func.upper(stored).in_(list(wanted))
        )
    ).all()
    return [(actor_id, value) for actor_id, scheme, value in rows if wanted.get(_normalised(value)) in (None, scheme)]
