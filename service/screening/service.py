"""Screening: each party scored against every actor by its names, its identifiers and its nationality, the
candidates above the threshold returned with what is in force against them and why."""

import re
from functools import lru_cache, partial
from typing import Literal

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein
from sqlalchemy import ColumnExpressionArgument, func, select
from sqlalchemy.orm import Session

from service.actors.name_counts import NameCounts, name_counts
from service.actors.queries import actors_by_id
from service.actors.resolution import members, survivors
from service.actors.schemas import ActorOut
from service.actors.search import MIN_SCORE, find_actors
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
# The most a name loses for the query's words it lacks, and what two words of the same two consonants count for.
QUERY_WORDS_MISSING = 0.25
WEAK_CONSONANTS = 0.5


def match(session: Session, request: MatchRequest) -> MatchResponse:
    return MatchResponse(results=[_match_one(session, party, request) for party in request.queries])


def _match_one(session: Session, party: Party, request: MatchRequest) -> MatchResult:
    query_key, counts = fold(party.name), name_counts.get(session)
    # The name index's candidates ranked by this module's score, not by the search's: a search asks each word
    # of the query to be in the name ('Husayn' is not 'Hussein' there), a screening meets other spellings.
    scorer = partial(key_score, counts=counts, floor=MIN_SCORE)
    depth = request.limit * NAME_CANDIDATES_PER_RESULT
    names = {
        found.actor_id: found for found in find_actors(session, party.name, None, None, depth, scorer, near_misses=True)
    }
    identifiers: dict[str, list[str]] = {}
    shared = _shared_identifiers(session, party)
    survivor = survivors(session, {actor_id for actor_id, _ in shared})
    for actor_id, value in shared:
        identifiers.setdefault(survivor[actor_id], []).append(value)
    found = list(names.keys() | identifiers.keys())
    actors = actors_by_id(session, found) if found else {}  # half the queries screened find nobody
    born = _birth_dates(session, list(actors)) if party.birth_date else {}
    candidates = []
    for actor_id, actor in actors.items():
        matched = _name_evidence(query_key, actor, counts) if actor_id in names else []
        score = matched[0].score if matched else 0.0
        score, more = _other_evidence(party, actor, born.get(actor_id, []), identifiers.get(actor_id, []), score)
        if score >= request.threshold:
            candidates.append(Candidate(actor=actor, score=score, matched=matched + more, in_force=[]))
    # Among equal scores, the name fewest edits from the query first ('Choi Chun Yong': 'Choe Chun Yong', one
    # letter changed, before 'Cho Chun Ryong', one dropped and one added).
    candidates.sort(key=lambda c: (-c.score, _edits(query_key, c), c.actor.name, c.actor.id))
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


def _edits(query_key: str, candidate: Candidate) -> int:
    """Letters changed, added or dropped from the query to the candidate's matched name (0 with none)."""
    names = [evidence.value for evidence in candidate.matched if evidence.kind in ("name", "alias")]
    return Levenshtein.distance(query_key, fold(names[0])) if names else 0


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


def key_score(query_key: str, key: str, counts: NameCounts, floor: float = 0.0) -> float:
    """name_score of a name already folded. A name whose whole-name similarity is under `floor` (the least score
    its caller keeps) comes back with that similarity, which is all its score can be, without its words weighed:
    most of a search's candidates are, and weighing their words was most of a screening's time."""
    query_letters, letters = query_key.replace(" ", ""), key.replace(" ", "")
    if letters == query_letters:
        return 100.0  # the same letters, however the words are broken
    whole = max(fuzz.token_sort_ratio(query_key, key), fuzz.ratio(query_letters, letters))
    if whole < floor:
        return whole
    words, query_words = key.split(), query_key.split()
    # A name whose words are all in the query keeps its score; one whose rare words are missing loses up to half.
    # A query of more words than the name loses up to QUERY_WORDS_MISSING more for those the name lacks: a query
    # may name a middle name the list does not, but 'Wei Hassan' is not a party listed with the alias 'Hassan'.
    # (Of as many words, a word changed is one missing from the name, counted once.)
    covered = _covered(words, query_words, counts)
    query_covered = _covered(query_words, words, counts) if len(query_words) > len(words) else 1.0
    return round(whole * (0.5 + 0.5 * covered) * (1 - QUERY_WORDS_MISSING * (1 - query_covered)), 1)


def _covered(words: list[str], others: list[str], counts: NameCounts) -> float:
    """The share of these words, weighed by their rarity, that the other words hold, each by its evidence."""
    weights = [counts.rarity(word, MAX_RARITY) for word in words]
    others_key = tuple(others)
    found = sum(weight * _evidence(word, others_key) for word, weight in zip(words, weights, strict=True))
    return found / sum(weights) if sum(weights) else 1.0


@lru_cache(maxsize=100_000)
def _evidence(word: str, others: tuple[str, ...]) -> float:
    """The best evidence of the word among the others: a query's words meet the same name words again and again."""
    return max(word_evidence(word, other) for other in others)


def word_evidence(word: str, other: str) -> float:
    """How surely two words are spellings of one (0–1): close, or short and half alike, or of the same consonants.
    Two consonants the same letters ('Said', 'Saeed') count; two made alike ('Miller' and 'Mire' are 'ml' by r/l
    and the double l) count for WEAK_CONSONANTS only."""
    similarity = fuzz.ratio(word, other)
    if similarity >= WORD_MATCH:
        return 1.0
    if len(word) <= 3 and len(other) <= 3:
        return 1.0 if similarity >= SHORT_WORD_MATCH else 0.0
    consonants = _consonants(word)
    if len(consonants) < 2 or consonants != _consonants(other):
        return 0.0
    if len(consonants) > 2 or _consonants(word, alike=False) == _consonants(other, alike=False):
        return 1.0
    return WEAK_CONSONANTS


@lru_cache(maxsize=100_000)
def _consonants(word: str, alike: bool = True) -> str:
    """A word's consonants, as the romanisations of one name most often agree on them: vowels and glides
    dropped, doubled letters made single, and the consonants romanisations write one for another made one
    ('husayn', 'hussein' are 'hsn'; Korean 'chong', 'jong' are 'jnk'); not `alike`, the letters as written."""
    for spellings, one in _SAME_CONSONANT if alike else ():
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
