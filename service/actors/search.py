"""Finding actors by any of their names, forgiving case, accents, punctuation, word order and spelling.

Names are folded to lowercase ASCII words (service.folding: other scripts transliterated). A trigram index over
every name and alias (migration 0006: FTS5 on SQLite, pg_trgm GIN on PostgreSQL) narrows the candidates to
the names holding every word of the query (on SQLite, those the index gives for the rarest trigram of each word,
then checked for the whole words), or for a query no name holds every word of, the names sharing most of its
six rarest trigrams (and, for a screening, those holding every word of it but one); a query of words under three
letters, 'U n so ng Ri', is looked for by a scan first.
rapidfuzz ranks only those.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial

from rapidfuzz import fuzz
from sqlalchemy import (
    ColumnElement,
    Select,
    Subquery,
    and_,
    bindparam,
    case,
    column,
    func,
    literal,
    literal_column,
    or_,
    select,
    table,
    text,
    union_all,
)
from sqlalchemy.orm import Session

from service.actors.name_counts import key_trigrams, name_counts
from service.actors.resolution import survivors
from service.folding import fold
from service.models import Actor, ActorAlias

MIN_SCORE = 70
CANDIDATES = 200  # names ranked per query: the shortest holding every word, or those sharing most trigrams
ALL_BUT_ONE_CANDIDATES = 50  # and per word of a screening's misspelt query, names holding every word but one
MAX_TRIGRAMS = 6  # a misspelt query's candidates: the names sharing most of its 6 rarest trigrams
SHORT_CANDIDATES = 5000  # a query under three letters has no trigram: its names are found by a scan
# Words a query may carry that no name needs to share ("the Kremlin" is "Kremlin").
STOP_WORDS = frozenset({"the", "of", "and", "a", "an", "for", "de", "la", "le", "al", "el"})
BULK_NAMES = 1000  # names written at once past which the trigram index is compacted (compact_name_index)
WORD_MATCH = 80  # each query word must be this close to a word of the name (a letter off in five)


@dataclass(frozen=True)
class Match:
    actor_id: str
    score: float
    matched: str


def score(query_key: str, name_key: str) -> float:
    """0–100. 100: the same words in any order, or the same letters with other word breaks ('Hojin' is
    'Ho-jin'). Otherwise every word of the query must have a close word in the name ('North Korea' is not
    'South Korea', 'Russian Federation' not 'Federation'): then the closer of the whole-name similarity
    and 90 for a name holding all the query's words among others ('Korea Mining' in a longer name)."""
    whole = max(
        fuzz.token_sort_ratio(query_key, name_key),
        fuzz.ratio(query_key.replace(" ", ""), name_key.replace(" ", "")),
    )
    name_words = name_key.split()
    query_words = [word for word in query_key.split() if word not in STOP_WORDS] or query_key.split()
    if not name_words or not query_words:
        return whole
    covered = min(max(_word_score(word, name_word) for name_word in name_words) for word in query_words)
    if covered < WORD_MATCH:
        # A query word with no counterpart: only a near-identical string of letters still counts.
        return whole if whole >= 90 else min(whole, covered)
    return max(whole, 0.9 * covered)


def _word_score(query_word: str, name_word: str) -> float:
    if len(query_word) == 1 and name_word.startswith(query_word):
        return 100.0  # an initial
    if len(query_word) < 4:
        return 100.0 if query_word == name_word else 0.0  # a letter off in a short word is another word
    return fuzz.ratio(query_word, name_word)


def compact_name_index(session: Session) -> None:
    """After a bulk write of names, SQLite's trigram index merged into one segment: each flush of a large write
    leaves a segment of its own, and a query reads every one (19 of them, after a load of 26,000 names, made
    the index lookup twice as slow). 0.1 s for 26,000 names. PostgreSQL's GIN indexes need nothing."""
    if session.get_bind().dialect.name == "sqlite":
        session.connection().exec_driver_sql("INSERT INTO actor_names_fts (actor_names_fts) VALUES ('optimize')")


# How close a name's key is to the query's (0–100), from the two folded keys.
Scorer = Callable[[str, str], float]


def find_actors(
    session: Session,
    q: str,
    kind: str | None,
    country: str | None,
    limit: int,
    scorer: Scorer = score,
    near_misses: bool = False,
) -> list[Match]:
    """The actors whose names score at least MIN_SCORE by `scorer` (screening brings its own), best first. With
    `near_misses`, the names holding every word of the query but one and those sharing most trigrams are ranked
    too unless a name holding every word of the query scores 100: a name one letter off the query ('Hassan' for
    'Hasan') is not hidden by its relatives that hold every word ('Hasan' in the name of each of his sons)."""
    query_key = fold(q)
    if not query_key:
        return []
    ranked = partial(_ranked, session, query_key, scorer=scorer, limit=limit)
    words = _indexed_words(query_key)
    # First the names holding every word of the query, which is selective, then, for a misspelt query,
    # the names sharing most of its trigrams.
    if words:
        candidates = _holding_every_word(session, words, kind, country)
    else:  # no word an index of trigrams can look up: scan the names for the query
        candidates = session.connection().execute(_short_query(query_key, kind, country)).all()
    found = ranked(candidates)
    if found and (not near_misses or found[0].score >= 100):
        return found
    if near_misses:
        candidates = [*candidates, *_holding_all_but_one(session, query_key, words, kind, country)]
    fuzzy = _sqlite_trigrams if session.get_bind().dialect.name == "sqlite" else _postgresql_trigrams
    trigrams = _rarest(_trigrams(query_key), name_counts.get(session).trigrams)
    if not trigrams:
        return ranked(candidates)
    return ranked([*candidates, *session.connection().execute(*fuzzy(trigrams, kind, country)).all()])


def _holding_all_but_one(
    session: Session, query_key: str, words: list[str], kind: str | None, country: str | None
) -> list[tuple[str, str, str]]:
    """The names holding every word of the query but one, ALL_BUT_ONE_CANDIDATES per word of it, those of a
    length nearest the query's first, in one look-up: a word spelt otherwise ('saeed Mahmoud IBRAHIM' of 'IBRAHIM
    SAID, Mahmoud') hides a name from the every-word look-up, and the trigrams of a query of common words spelt
    otherwise ('abdullah ABDU' of 'ABDU, Abdallah') are shared by hundreds of names before it. (A name far longer
    or shorter than the query cannot be alike enough, and ordered by length alone, 'ABDU, Abdallah' came after the
    50 shortest names holding 'abdu'.)"""
    if len(words) < 2:
        return []
    if session.get_bind().dialect.name == "sqlite":
        statement = _sqlite_all_but_one(words, name_counts.get(session).trigrams, kind, country, len(query_key))
    else:
        statement = _postgresql_all_but_one(words, kind, country, len(query_key))
    return list(session.connection().execute(*statement).all())


def find_by_every_word(
    session: Session, q: str, kind: str | None, country: str | None, limit: int
) -> list[Match] | None:
    """What find_actors answers (default scorer, no near misses) when names holding every word of the query
    match: one look-up of the index and at most CANDIDATES names ranked, a bounded cost. None when that is not
    the answer: a query of words under three letters, which a scan answers, or one no name holds every word of
    (misspelt), answered by the names sharing most trigrams."""
    query_key = fold(q)
    words = _indexed_words(query_key)
    if not words:
        return None
    return _ranked(session, query_key, _holding_every_word(session, words, kind, country), score, limit) or None


def _indexed_words(query_key: str) -> list[str]:
    """The query's words an index of trigrams can look up: of three letters or more, and not a stop word."""
    return [word for word in query_key.split() if word not in STOP_WORDS and len(word) >= 3]


def _holding_every_word(
    session: Session, words: list[str], kind: str | None, country: str | None
) -> Sequence[tuple[str, str, str]]:
    if session.get_bind().dialect.name == "sqlite":
        # The counts choose which trigrams SQLite's index looks up; PostgreSQL's planner does that itself.
        statement = _sqlite_every_word(words, name_counts.get(session).trigrams, kind, country)
    else:
        statement = _postgresql_every_word(words, kind, country)
    return session.connection().execute(*statement).all()


def _ranked(
    session: Session, query_key: str, candidates: Sequence[tuple[str, str, str]], scorer: Scorer, limit: int
) -> list[Match]:
    """The candidates' actors scoring at least MIN_SCORE, each by its best name, best first; a name of an actor
    merged into another counts for that one, the survivor."""
    # (A name two look-ups found is scored once.)
    scored = [
        (member_id, name, round(scorer(query_key, name_key), 1))
        for member_id, name, name_key in dict.fromkeys(map(tuple, candidates))
    ]
    kept = [(member_id, name, value) for member_id, name, value in scored if value >= MIN_SCORE]
    survivor = survivors(session, {member_id for member_id, _, _ in kept})  # of the few kept only
    best: dict[str, Match] = {}
    for member_id, name, value in kept:
        actor_id = survivor[member_id]
        if actor_id not in best or value > best[actor_id].score:
            best[actor_id] = Match(actor_id, value, name)
    return sorted(best.values(), key=lambda match: (-match.score, match.matched, match.actor_id))[:limit]


def _rarest(trigrams: list[str], counts: dict[str, int]) -> list[str]:
    """The query's MAX_TRIGRAMS rarest trigrams among the names. The names sharing most of them are those
    sharing most of all its trigrams, nearly always, at a fraction of the cost: the common trigrams ('kim',
    'ali', 'ing') are in thousands of names, each of which the index must then rank. A trigram no name holds
    (a misspelling's) finds nothing: it is left out, not counted among the rarest."""
    held = [trigram for trigram in trigrams if counts.get(trigram)]
    if len(held) <= MAX_TRIGRAMS:
        return held
    return sorted(sorted(held, key=lambda trigram: (counts[trigram], trigram))[:MAX_TRIGRAMS])


def _trigrams(query_key: str) -> list[str]:
    return sorted(key_trigrams(query_key))


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _filters(kind: str | None, country: str | None) -> list[ColumnElement[bool]]:
    conditions = []
    if kind:
        conditions.append(Actor.kind == kind)
    if country:
        conditions.append(Actor.country == country)
    return conditions


_NAMES = table(
    "actor_names", column("id"), column("actor_id"), column("name"), column("search_key"), column("spaceless")
)
_FTS = table("actor_names_fts", column("rowid"), column("rank"))


def _sqlite_every_word(
    words: list[str], counts: dict[str, int], kind: str | None, country: str | None
) -> tuple[Select, dict]:
    """The names holding every word, wherever it stands in the key, across the spaces the key no longer has.
    The index is asked for the rarest trigram of each word only, and the words are then looked for in the few
    names it gives: a phrase of every trigram of each word costs the index several times more, each common
    trigram ('tec', 'ogy') being in a thousand names whose positions it must compare."""
    match = "spaceless : (" + _every_trigram(_rarest_of_each(words, counts)) + ")"
    parameters = {"match": match, "kind": kind, "country": country} | {f"word{i}": w for i, w in enumerate(words)}
    return _sqlite_search("length", bool(kind), bool(country), len(words)), parameters


def _sqlite_all_but_one(
    words: list[str], counts: dict[str, int], kind: str | None, country: str | None, near: int
) -> tuple[Select, dict]:
    """As _sqlite_every_word, every word but one, whichever: the index is asked for the rarest trigrams of all
    the words but each one in turn."""
    rarest = _rarest_of_each(words, counts)
    subsets = [_every_trigram(rarest[:i] + rarest[i + 1 :]) for i in range(len(words))]
    match = "spaceless : (" + " OR ".join(f"({subset})" for subset in subsets) + ")"
    parameters = {"match": match, "kind": kind, "country": country, "near": near}
    parameters |= {f"word{i}": w for i, w in enumerate(words)}
    return _sqlite_search("near", bool(kind), bool(country), len(words)), parameters


def _rarest_of_each(words: list[str], counts: dict[str, int]) -> list[str]:
    return [min(key_trigrams(word), key=lambda trigram: (counts.get(trigram, 0), trigram)) for word in words]


def _every_trigram(trigrams: list[str]) -> str:
    return " AND ".join(_phrase(trigram) for trigram in dict.fromkeys(trigrams))


def _sqlite_trigrams(trigrams: list[str], kind: str | None, country: str | None) -> tuple[Select, dict]:
    # bm25 ranks the names by the trigrams they share, the rarer weighing more and shorter names first.
    match = "spaceless : (" + " OR ".join(_phrase(trigram) for trigram in trigrams) + ")"
    return _sqlite_search("rank", bool(kind), bool(country), 0), {"match": match, "kind": kind, "country": country}


@lru_cache(maxsize=32)
def _sqlite_search(order: str, by_kind: bool, by_country: bool, words: int) -> Select:
    """Built once per order, filters and number of words held (parameters `word0`…; for the order "near", all but
    one of them), with the MATCH expression a parameter: building a statement costs SQLAlchemy about as much as
    SQLite spends on the index."""
    held = [func.instr(_NAMES.c.spaceless, bindparam(f"word{i}")) > 0 for i in range(words)]
    query = (
        select(_NAMES.c.actor_id, _NAMES.c.name, _NAMES.c.search_key)
        .select_from(_FTS.join(_NAMES, _NAMES.c.id == _FTS.c.rowid))
        .where(text("actor_names_fts MATCH :match"))
        .where(*held if order != "near" else [_count(held) >= words - 1])
        .order_by(_ORDERS[order])
        .limit(ALL_BUT_ONE_CANDIDATES * words if order == "near" else CANDIDATES)
    )
    if by_kind or by_country:
        query = query.join(Actor, Actor.id == _NAMES.c.actor_id)
    if by_kind:
        query = query.where(Actor.kind == bindparam("kind"))
    if by_country:
        query = query.where(Actor.country == bindparam("country"))
    return query


_ORDERS = {
    "length": func.length(_NAMES.c.search_key),
    "near": func.abs(func.length(_NAMES.c.search_key) - bindparam("near")),
    "rank": _FTS.c.rank,
}


def _count(conditions: list[ColumnElement[bool]]) -> ColumnElement[int]:
    """How many of the conditions hold."""
    return sum((case((condition, 1), else_=0) for condition in conditions), literal(0))


def _spaceless(names: Subquery) -> ColumnElement[str]:
    # Literals, not parameters: the indexed expression is replace(search_key, ' ', '').
    return func.replace(names.c.search_key, literal_column("' '"), literal_column("''"))


def _postgresql_every_word(words: list[str], kind: str | None, country: str | None) -> tuple[Select, dict]:
    # Each LIKE is served by the GIN trigram index of the spaceless key.
    names = _names(kind, country)
    spaceless = _spaceless(names)
    query = (
        select(names.c.actor_id, names.c.name, names.c.search_key)
        .where(*(spaceless.contains(word, autoescape=True) for word in words))
        .order_by(func.length(names.c.search_key), names.c.name)
        .limit(CANDIDATES)
    )
    return query, {}


def _postgresql_all_but_one(words: list[str], kind: str | None, country: str | None, near: int) -> tuple[Select, dict]:
    names = _names(kind, country)
    spaceless = _spaceless(names)
    held = [spaceless.contains(word, autoescape=True) for word in words]
    query = (
        select(names.c.actor_id, names.c.name, names.c.search_key)
        .where(or_(*(and_(*held[:i], *held[i + 1 :]) for i in range(len(words)))))
        .order_by(func.abs(func.length(names.c.search_key) - near), names.c.name)
        .limit(ALL_BUT_ONE_CANDIDATES * len(words))
    )
    return query, {}


def _postgresql_trigrams(trigrams: list[str], kind: str | None, country: str | None) -> tuple[Select, dict]:
    # The names sharing most trigrams first, the shorter among equals (as bm25 does on SQLite).
    names = _names(kind, country)
    spaceless = _spaceless(names)
    contains = [spaceless.contains(trigram, autoescape=True) for trigram in trigrams]
    query = (
        select(names.c.actor_id, names.c.name, names.c.search_key)
        .where(or_(*contains))
        .order_by(_count(contains).desc(), func.length(names.c.search_key), names.c.name)
        .limit(CANDIDATES)
    )
    return query, {}


def _short_query(query_key: str, kind: str | None, country: str | None) -> Select:
    names = _names(kind, country)
    return (
        select(names.c.actor_id, names.c.name, names.c.search_key)
        .where(names.c.search_key.contains(query_key, autoescape=True))
        .limit(SHORT_CANDIDATES)
    )


def _names(kind: str | None, country: str | None) -> Subquery:
    """Every (actor_id, name, search_key): the actors' names and their aliases."""
    conditions = _filters(kind, country)
    primary = select(Actor.id.label("actor_id"), Actor.name.label("name"), Actor.search_key).where(*conditions)
    aliases = (
        select(ActorAlias.actor_id, ActorAlias.alias, ActorAlias.search_key)
        .join(Actor, Actor.id == ActorAlias.actor_id)
        .where(*conditions)
    )
    return union_all(primary, aliases).subquery("names")
