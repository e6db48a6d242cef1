"""Review: pairs of actors that may be one party, short of the strong evidence on which an import merges them
(`sanctions-tracker xref`), each with its evidence and a score."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.actors.resolution import KIND_GROUPS, survivors
from service.models import Actor, ActorAlias, ActorBirthDate, ActorJudgement, ListEntry
from service.screening.service import name_score, word_rarity
from service.vocabulary import ActorKind


@dataclass(frozen=True)
class Candidate:
    left: str
    right: str
    left_name: str
    right_name: str
    score: float
    evidence: list[str]


# A word held by more names than this says little about who is who: it does not make two actors candidates.
COMMON_WORD = 50
BIRTH_DATE_WEIGHT = 10
COUNTRY_WEIGHT = 5


def candidates(session: Session, threshold: float, limit: int) -> list[Candidate]:
    """Pairs of actors, from different lists (or a list and a curated record) and not judged yet, whose names
    are alike: scored by the screening's name score (each way, the lower), moved up or down by their birth dates
    and countries agreeing or not. Best first."""
    actors = {
        id: (name, kind, country)
        for id, name, kind, country in session.execute(select(Actor.id, Actor.name, Actor.kind, Actor.country))
    }
    merged = survivors(session, actors)
    names: dict[str, set[str]] = defaultdict(set)
    for id, key in session.execute(select(Actor.id, Actor.search_key)):
        names[merged[id]].add(key)
    for id, key in session.execute(select(ActorAlias.actor_id, ActorAlias.search_key)):
        names[merged[id]].add(key)
    lists: dict[str, set[str]] = defaultdict(set)
    for id, list_name in session.execute(select(ListEntry.actor_id, ListEntry.list_name)):
        lists[merged[id]].add(list_name)
    born: dict[str, set[str]] = defaultdict(set)
    for id, day in session.execute(select(ActorBirthDate.actor_id, ActorBirthDate.date)):
        born[merged[id]].add(day)
    judged = {(left, right) for left, right in session.execute(select(ActorJudgement.left_id, ActorJudgement.right_id))}
    words: dict[str, set[str]] = defaultdict(set)
    for id, keys in names.items():
        for key in keys:
            for word in key.split():
                if len(word) >= 3:
                    words[word].add(id)
    shared: Counter[tuple[str, str]] = Counter()
    for holders in words.values():
        if len(holders) <= COMMON_WORD:
            for pair in combinations(sorted(holders), 2):
                shared[pair] += 1
    rarity = word_rarity.get(session)
    found = []
    for (a, b), count in shared.items():
        (name_a, kind_a, country_a), (name_b, kind_b, country_b) = actors[a], actors[b]
        if count < 2 or lists[a] & lists[b] or KIND_GROUPS.get(ActorKind(kind_a)) != KIND_GROUPS.get(ActorKind(kind_b)):
            continue
        if KIND_GROUPS.get(ActorKind(kind_a)) is None or (a, b) in judged:
            continue
        score, key_a, key_b = max(
            (min(name_score(x, y, rarity), name_score(y, x, rarity)), x, y) for x in names[a] for y in names[b]
        )
        evidence = [f"names {key_a!r} and {key_b!r}: {score:g}"]
        if born[a] and born[b]:
            agree = sorted(x for x in born[a] for y in born[b] if x.startswith(y) or y.startswith(x))
            score += BIRTH_DATE_WEIGHT if agree else -BIRTH_DATE_WEIGHT
            evidence.append(f"birth date {agree[0]}" if agree else "birth dates differ")
        if country_a and country_b:
            score += COUNTRY_WEIGHT if country_a == country_b else -COUNTRY_WEIGHT
            evidence.append(f"country {country_a}" if country_a == country_b else "countries differ")
        score = round(min(max(score, 0.0), 100.0), 1)
        if score >= threshold:
            found.append(Candidate(a, b, name_a, name_b, score, evidence))
    found.sort(key=lambda candidate: (-candidate.score, candidate.left, candidate.right))
    return found[:limit]
