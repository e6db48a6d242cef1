"""Finding actors by any of their names, forgiving case, accents, punctuation, word order and spelling.

Names are folded to lowercase ASCII words (normality transliterates other scripts), candidates are
narrowed in SQL by the query's words, and rapidfuzz ranks them.
"""

from dataclasses import dataclass

import normality
from rapidfuzz import fuzz, process
from sqlalchemy import func, or_, select, union_all
from sqlalchemy.orm import Session

from service.models import Actor, ActorAlias

MIN_SCORE = 70
CANDIDATES = 5000  # names scored at most per query; the SQL narrowing keeps real queries far below


def search_key(name: str) -> str:
    """A name as lowercase ASCII words: case, accents, punctuation and scripts folded
    ('Kim Jong-un' and 'KIM JONG UN' give 'kim jong un')."""
    return normality.normalize(name, ascii=True) or ""


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
    keys = [row.search_key for row in rows]
    for _key, value, index in process.extract(
        query_key, keys, scorer=lambda a, b, **_: score(a, b), limit=None, score_cutoff=MIN_SCORE
    ):
        row = rows[index]
        if row.actor_id not in best or value > best[row.actor_id].score:
            best[row.actor_id] = Match(row.actor_id, round(value, 1), row.name)
    return sorted(best.values(), key=lambda match: (-match.score, match.matched))[:limit]


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
