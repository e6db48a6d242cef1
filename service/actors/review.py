"""Review: pairs of actors that may be one party, short of the strong evidence on which an import merges them
(`sanctions-tracker xref`), each with its evidence and a score."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.actors.name_counts import NameCounts, name_counts
from service.actors.resolution import KIND_GROUPS, survivors
from service.models import Actor, ActorAlias, ActorBirthDate, ActorJudgement, ListEntry
from service.screening.service import name_score
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


@dataclass
class _Actors:
    """What review compares, each actor merged into another counted as its survivor."""

    fields: dict[str, tuple[str, str, str | None, str]]  # name, kind, country, the name folded
    names: dict[str, set[str]]  # folded names and aliases
    lists: dict[str, set[str]]
    born: dict[str, set[str]]
    judged: set[tuple[str, str]]

    @classmethod
    def read(cls, session: Session) -> "_Actors":
        fields = {
            id: (name, kind, country, key)
            for id, name, kind, country, key in session.execute(
                select(Actor.id, Actor.name, Actor.kind, Actor.country, Actor.search_key)
            )
        }
        merged = survivors(session, fields)

        def by_survivor(query) -> dict[str, set[str]]:
            found: dict[str, set[str]] = defaultdict(set)
            for id, value in session.execute(query):
                found[merged[id]].add(value)
            return found

        names: dict[str, set[str]] = defaultdict(set)
        for id, (*_, key) in fields.items():
            names[merged[id]].add(key)
        for id, keys in by_survivor(select(ActorAlias.actor_id, ActorAlias.search_key)).items():
            names[id] |= keys
        judged = {
            (left, right) for left, right in session.execute(select(ActorJudgement.left_id, ActorJudgement.right_id))
        }
        return cls(
            fields,
            names,
            by_survivor(select(ListEntry.actor_id, ListEntry.list_name)),
            by_survivor(select(ActorBirthDate.actor_id, ActorBirthDate.date)),
            judged,
        )

    def comparable(self, a: str, b: str) -> bool:
        """Not judged yet, not from one list, and of kinds that can be one party."""
        group_a, group_b = (KIND_GROUPS.get(ActorKind(self.fields[id][1])) for id in (a, b))
        return (
            group_a is not None
            and group_a == group_b
            and not self.lists[a] & self.lists[b]
            and (a, b) not in self.judged
        )


def candidates(session: Session, threshold: float, limit: int) -> list[Candidate]:
    """Pairs of actors, from different lists (or a list and a curated record) and not judged yet, whose names
    are alike: scored by the screening's name score (each way, the lower), moved up or down by their birth dates
    and countries agreeing or not. Best first."""
    actors = _Actors.read(session)
    counts = name_counts.get(session)
    found = [
        candidate
        for a, b in _alike(actors.names)
        if actors.comparable(a, b) and (candidate := _scored(actors, a, b, counts)).score >= threshold
    ]
    found.sort(key=lambda candidate: (-candidate.score, candidate.left, candidate.right))
    return found[:limit]


def _alike(names: dict[str, set[str]]) -> set[tuple[str, str]]:
    """The pairs of actors that share a name, or whose names share two words or more of three letters or more,
    none of them common. A name is a pair's evidence whatever its words: 'OFFICE 39' has one word of three
    letters, and each of 'KOREA MINING DEVELOPMENT TRADING CORPORATION' is in many names."""
    holders_of: dict[str, set[str]] = defaultdict(set)
    words: dict[str, set[str]] = defaultdict(set)
    for id, keys in names.items():
        for key in keys:
            holders_of[key].add(id)
            for word in key.split():
                if len(word) >= 3:
                    words[word].add(id)
    shared: Counter[tuple[str, str]] = Counter()
    for holders in words.values():
        if len(holders) <= COMMON_WORD:
            shared.update(combinations(sorted(holders), 2))
    same_name = {
        pair
        for holders in holders_of.values()
        if len(holders) <= COMMON_WORD
        for pair in combinations(sorted(holders), 2)
    }
    return same_name | {pair for pair, count in shared.items() if count >= 2}


def _scored(actors: _Actors, a: str, b: str, counts: NameCounts) -> Candidate:
    (name_a, _, country_a, own_a), (name_b, _, country_b, own_b) = actors.fields[a], actors.fields[b]
    own = {own_a, own_b}
    # Among names as alike, the actors' own before their aliases: they say best why the pair is proposed.
    score, _, key_a, key_b = max(
        (min(name_score(x, y, counts), name_score(y, x, counts)), (x in own) + (y in own), x, y)
        for x in actors.names[a]
        for y in actors.names[b]
    )
    evidence = [f"names {key_a!r} and {key_b!r}: {score:g}"]
    born_a, born_b = actors.born[a], actors.born[b]
    if born_a and born_b:
        agree = sorted(x for x in born_a for y in born_b if x.startswith(y) or y.startswith(x))
        score += BIRTH_DATE_WEIGHT if agree else -BIRTH_DATE_WEIGHT
        evidence.append(f"birth date {agree[0]}" if agree else "birth dates differ")
    if country_a and country_b:
        score += COUNTRY_WEIGHT if country_a == country_b else -COUNTRY_WEIGHT
        evidence.append(f"country {country_a}" if country_a == country_b else "countries differ")
    return Candidate(a, b, name_a, name_b, round(min(max(score, 0.0), 100.0), 1), evidence)
