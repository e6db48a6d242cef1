"""Screening: each party scored against every actor by its names, its identifiers and its nationality, the
candidates above the threshold returned with what is in force against them and why."""

import re
from functools import lru_cache, partial
from typing import Literal

from rapidfuzz import fuzz
from sqlalchemy import ColumnExpressionArgument, func, select
from sqlalchemy.orm import Session

from service.actors.name_counts import NameCounts, name_counts
from service.actors.queries import actors_by_id
from service.actors.resolution import members, survivors
from service.actors.schemas import ActorOut
from service.actors.search import find_actors
from service.actors.status import listings_by_actor
from service.folding import fold
from service.models import ActorBirthDate, ActorIdentifier
from service.screening.schemas import Candidate, Evidence, MatchRequest, MatchResponse, MatchResult, Party

# A name scored this far below the threshold may still be lifted over it by its nationality, or its birth date.
NATIONALITY_WEIGHT = 10
BIRTH_DATE_WEIGHT = 10
# How many names to score per candidate kept: the name search ranks them; the other evidence reorders a few.
NAME_CANDIDATES_PER_RESULT = 4
# Two words count as the same when at least this similar (0–100): 'Yusuf' and 'Yousef', 'Omar' and 'Umar'; words of
# up to three letters when at least SHORT_WORD_MATCH ('Ri' and 'Li', 'Gim' and 'Kim'). Below, 'Khan' and 'Aman',
# 'National' and 'Battalion' are other words; spellings of one word with the same consonants are still found
# ('Husayn' and 'Hussein', 'Saeed' and 'Said': see _consonants).
WORD_MATCH = 75
SHORT_WORD_MATCH = 50
# The rarity of a word no name holds.
MAX_RARITY = 10.0


def match(session: Session, request: MatchRequest) -> MatchResponse:
    return MatchResponse(results=[_match_one(session, party, request) for party in request.queries])


def _match_one(session: Session, party: Party, request: MatchRequest) -> MatchResult:
    query_key, counts = fold(party.name), name_counts.get(session)
    # The name index's candidates ranked by this module's score, not by the search's: a search asks each word
    # of the query to be in the name ('Husayn' is not 'Hussein' there), a screening meets other spellings.
    scorer = partial(key_score, counts=counts)
    depth = request.limit * NAME_CANDIDATES_PER_RESULT
    names = {
        found.actor_id: found for found in find_actors(session, party.name, None, None, depth, scorer, near_misses=True)
    }
    identifiers: dict[str, list[str]] = {}
    shared = _shared_identifiers(session, party)
    survivor = survivors(session, {actor_id for actor_id, _ in shared})
    for actor_id, value in shared:
        identifiers.setdefault(survivor[actor_id], []).append(value)
    actors = actors_by_id(session, list(names.keys() | identifiers.keys()))
    born = _birth_dates(session, list(actors)) if party.birth_date else {}
    candidates = []
    for actor_id, actor in actors.items():
        matched = _name_evidence(query_key, actor, counts) if actor_id in names else []
        score = matched[0].score if matched else 0.0
        score, more = _other_evidence(party, actor, born.get(actor_id, []), identifiers.get(actor_id, []), score)
        if score >= request.threshold:
            candidates.append(Candidate(actor=actor, score=score, matched=matched + more, in_force=[]))
    candidates.sort(key=lambda candidate: (-candidate.score, candidate.actor.name, candidate.actor.id))
    kept = candidates[: request.limit]
    listings = listings_by_actor(session, [candidate.actor.id for candidate in kept])
    for candidate in kept:
        candidate.in_force = [listing for listing in listings[candidate.actor.id] if listing.in_force]
    return MatchResult(query=party, candidates=kept)


def _name_evidence(query_key: str, actor: ActorOut, counts: NameCounts) -> list[Evidence]:
    """The actor's name or alias closest to the query."""
    score, best = max((name_score(query_key, name, counts), name) for name in [actor.name, *actor.aliases])
    kind: Literal["name", "alias"] = "name" if best == actor.name else "alias"
    return [Evidence(kind=kind, value=best, score=score)]


def _other_evidence(
    party: Party, actor: ActorOut, born: list[str], identifiers: list[str], score: float
) -> tuple[float, list[Evidence]]:
    """The name's score moved by nationality and birth date agreeing or not, and made 100 by a shared
    identifier; with what matched."""
    matched = []
    if party.nationality and actor.country:
        agrees = party.nationality == actor.country
        score += NATIONALITY_WEIGHT if agrees else -NATIONALITY_WEIGHT
        if agrees:
            matched.append(Evidence(kind="nationality", value=actor.country, score=100))
    if party.birth_date and born:
        agreeing = [day for day in born if day.startswith(party.birth_date) or party.birth_date.startswith(day)]
        score += BIRTH_DATE_WEIGHT if agreeing else -BIRTH_DATE_WEIGHT
        if agreeing:
            matched.append(Evidence(kind="birth_date", value=agreeing[0], score=100))
    for value in identifiers:
        matched.append(Evidence(kind="identifier", value=value, score=100))
        score = 100.0
    return round(min(max(score, 0.0), 100.0), 1), matched


def name_score(query_key: str, name: str, counts: NameCounts) -> float:
    """0–100 for the whole name against the whole query: word order and word breaks forgiven ('Ho-jin Yun',
    'yun hojin'), but not missing words, and the less so the rarer they are: a query of common words
    ('Bureau', 'Trading Company') is no match for a name whose rare word it lacks ('Bureau 39'), as it may be for
    a search (service.actors.search.score)."""
    return key_score(query_key, fold(name), counts)


def key_score(query_key: str, key: str, counts: NameCounts) -> float:
    """name_score of a name already folded."""
    if key.replace(" ", "") == query_key.replace(" ", ""):
        return 100.0  # the same letters, however the words are broken
    whole = max(fuzz.token_sort_ratio(query_key, key), fuzz.ratio(query_key.replace(" ", ""), key.replace(" ", "")))
    words, query_words = key.split(), query_key.split()
    weights = [counts.rarity(word, MAX_RARITY) for word in words]
    found = sum(
        weight
        for word, weight in zip(words, weights, strict=True)
        if any(same_word(word, other) for other in query_words)
    )
    covered = found / sum(weights) if sum(weights) else 1.0
    # A name whose words are all in the query keeps its score; one whose rare words are missing loses up to half.
    return round(whole * (0.5 + 0.5 * covered), 1)


def same_word(word: str, other: str) -> bool:
    """Whether two words may be spellings of one: close, or short and half alike, or of the same consonants."""
    similarity = fuzz.ratio(word, other)
    if similarity >= WORD_MATCH:
        return True
    if len(word) <= 3 and len(other) <= 3:
        return similarity >= SHORT_WORD_MATCH
    consonants = _consonants(word)
    return len(consonants) >= 2 and consonants == _consonants(other)


@lru_cache(maxsize=100_000)
def _consonants(word: str) -> str:
    """A word's consonants, as the romanisations of one name most often agree on them: vowels and glides
    dropped, doubled letters made single, and the consonants romanisations write one for another made one
    ('husayn', 'hussein' are 'hsn'; Korean 'chong', 'jong' are 'jnk')."""
    for spellings, one in _SAME_CONSONANT:
        word = re.sub(spellings, one, word)
    return re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouyw]", "", word))


# McCune–Reischauer and Revised Romanisation of Korean (ch/j, k/g, t/d, p/b, r/l), and Arabic's kh, q and k.
_SAME_CONSONANT = [("ch", "j"), ("kh|q|g", "k"), ("d", "t"), ("b", "p"), ("r", "l")]


def _birth_dates(session: Session, actor_ids: list[str]) -> dict[str, list[str]]:
    """Each actor's birth dates, and those of the actors merged into it, in order."""
    sets = members(session, actor_ids)
    survivor = {member: id for id, ids in sets.items() for member in ids}
    found: dict[str, list[str]] = {}
    query = (
        select(ActorBirthDate.actor_id, ActorBirthDate.date)
        .where(ActorBirthDate.actor_id.in_(list(survivor)))
        .order_by(ActorBirthDate.date)
    )
    for member, day in session.execute(query):
        found.setdefault(survivor[member], []).append(day)
    return found


def _normalised(value: str) -> str:
    return re.sub(r"[^0-9A-Za-z]", "", value).upper()


def _shared_identifiers(session: Session, party: Party) -> list[tuple[str, str]]:
    """(actor id, identifier) for each stored identifier equal to one of the party's, spaces, dashes, dots and
    slashes aside, and of the same scheme where the party gives one."""
    wanted = {_normalised(item.value): item.scheme for item in party.identifiers if _normalised(item.value)}
    if not wanted:
        return []
    stored: ColumnExpressionArgument[str] = ActorIdentifier.value
    for character in " -./":
        stored = func.replace(stored, character, "")
    rows = session.execute(
        select(ActorIdentifier.actor_id, ActorIdentifier.scheme, ActorIdentifier.value).where(
            func.upper(stored).in_(list(wanted))
        )
    ).all()
    return [(actor_id, value) for actor_id, scheme, value in rows if wanted.get(_normalised(value)) in (None, scheme)]
