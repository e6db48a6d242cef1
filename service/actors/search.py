"""Finding actors by any of their names, forgiving case, accents, punctuation, word order and spelling.

Names are folded to lowercase ASCII words (service.folding: other scripts transliterated), candidates are
narrowed in SQL by the query's words, and rapidfuzz ranks them.
"""

from dataclasses import dataclass

from rapidfuzz import fuzz, process
from sqlalchemy import func, or_, select, union_all
from sqlalchemy.orm import Session

from service.folding import fold
from service.models import Actor, ActorAlias

MIN_SCORE = 70
CANDIDATES = 5000  # names scored at most per query; the SQL narrowing keeps real queries far below


def search_key(name: str) -> str:
    """A name as lowercase ASCII words: case, accents, punctuation and scripts folded
    ('Kim Jong-un' and 'KIM JONG UN' give 'kim jong un')."""
    return fold(name)


@dataclass(frozen=True)
class Match:
    actor_id: str
    score: float
    matched: str


def score(query_key: str, name_key: str) -> float:
    """0–100: word order is forgiven (token_sort), so are word breaks ('Hojin' is 'Ho-jin'), and a query
    whose words all stand in a longer name ('Korea Mining') scores up to 90, below any exact name."""
    return max(
        fuzz.token_sort_ratio(query_key, name_key),
        fuzz.ratio(query_key.replace(" ", ""), name_key.replace(" ", "")),
        0.9 * fuzz.token_set_ratio(query_key, name_key),
    )


def find_actors(session: Session, q: str, kind: str | None, country: str | None, limit: int) -> list[Match]:
    query_key = search_key(q)
    if not query_key:
        return []
    names = _names(kind, country)
    words = [word for word in query_key.split() if len(word) >= 3] or query_key.split()
    spaceless = func.replace(names.c.search_key, " ", "")
    narrowed = select(names).where(
        or_(
            *(names.c.search_key.contains(word, autoescape=True) for word in words),
            spaceless.contains(query_key.replace(" ", ""), autoescape=True),
        )
    )
    rows = session.execute(narrowed.limit(CANDIDATES)).all()
    if not rows:
        # A misspelt query shares no word with any name: fall back to scoring every name.
        rows = session.execute(select(names).limit(CANDIDATES)).all()
    best: dict[str, Match] = {}
    scores = _scores(query_key, [row.search_key for row in rows])
    # Best first, and among equals the first row, as process.extract would give them.
    for index, value in sorted(scores.items(), key=lambda item: (-item[1], item[0])):
        row = rows[index]
        if row.actor_id not in best or value > best[row.actor_id].score:
            best[row.actor_id] = Match(row.actor_id, round(value, 1), row.name)
    return sorted(best.values(), key=lambda match: (-match.score, match.matched))[:limit]


def _scores(query_key: str, keys: list[str]) -> dict[int, float]:
    """score(query_key, key) for each key scoring at least MIN_SCORE, by index. Each of score's three
    measures runs over all the keys inside rapidfuzz (a Python call per key and measure would cost several
    times more); a measure under the cutoff cannot be the best of the three when their best reaches it."""
    scores: dict[int, float] = {}

    def keep(values, factor: float = 1.0) -> None:
        for _key, value, index in values:
            value *= factor
            if value >= MIN_SCORE and value > scores.get(index, 0.0):
                scores[index] = value

    keep(process.extract(query_key, keys, scorer=fuzz.token_sort_ratio, limit=None, score_cutoff=MIN_SCORE))
    spaceless = [key.replace(" ", "") for key in keys]
    keep(process.extract(query_key.replace(" ", ""), spaceless, scorer=fuzz.ratio, limit=None, score_cutoff=MIN_SCORE))
    set_cutoff = MIN_SCORE / 0.9 - 0.01  # below the least token_set_ratio whose 0.9 share reaches MIN_SCORE
    keep(process.extract(query_key, keys, scorer=fuzz.token_set_ratio, limit=None, score_cutoff=set_cutoff), 0.9)
    return scores


def _names(kind: str | None, country: str | None):
    """Every (actor_id, name, search_key): the actors' names and their aliases."""
    conditions = []
    if kind:
        conditions.append(Actor.kind == kind)
    if country:
        conditions.append(Actor.country == country)
    primary = select(Actor.id.label("actor_id"), Actor.name.label("name"), Actor.search_key).where(*conditions)
    aliases = (
        select(ActorAlias.actor_id, ActorAlias.alias, ActorAlias.search_key)
        .join(Actor, Actor.id == ActorAlias.actor_id)
        .where(*conditions)
    )
    return union_all(primary, aliases).subquery("names")
