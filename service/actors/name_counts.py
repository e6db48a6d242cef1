"""How many of the actors' names and aliases hold each word and each trigram: the rarities screening weighs a
name's words by (service/screening/service.py), and the counts the fuzzy search picks a query's rarest trigrams
by (search.py).

Exact for each version of the data (the change feed's highest `seq`), like service/versioned.py, but brought
from one version to the next by the actors' changes between them rather than counted again: a count of every
name costs 160 ms at 20,000 actors, and with a write every 100 ms each screening would pay one.
"""

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from threading import Lock
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, Engine, select
from sqlalchemy.orm import Session

from service.changes.queries import last_change, snapshots
from service.folding import fold
from service.models import Actor, ActorAlias, Change

# Past this many changes since the kept version, counting every name again is the cheaper way.
MAX_CHANGES = 2000


@dataclass(frozen=True)
class NameCounts:
    version: int
    names: int  # names and aliases
    words: Counter[str]  # in how many names each word is
    trigrams: Counter[str]  # in how many names each trigram of their spaceless keys is

    def rarity(self, word: str, default: float) -> float:
        """Inverse document frequency over every name and alias; `default` for a word no name holds."""
        count = self.words.get(word)
        return math.log((self.names + 1) / count) if count else default

    def moved(self, version: int, gone: Iterable[str], added: Iterable[str]) -> "NameCounts":
        """These counts at `version`: the keys of names gone taken out, those of names added put in."""
        words, trigrams = Counter(self.words), Counter(self.trigrams)
        names = self.names
        for sign, keys in ((-1, gone), (1, added)):
            for key in keys:
                names += sign
                words.update({word: sign for word in set(key.split())})
                trigrams.update({trigram: sign for trigram in key_trigrams(key)})
        return NameCounts(version, names, +words, +trigrams)  # unary +: without the counts fallen to 0


def key_trigrams(key: str) -> set[str]:
    letters = key.replace(" ", "")
    return {letters[i : i + 3] for i in range(len(letters) - 2)}


def _counted(session: Session, version: int) -> NameCounts:
    keys = [*session.scalars(select(Actor.search_key)), *session.scalars(select(ActorAlias.search_key))]
    return NameCounts(version, 0, Counter(), Counter()).moved(version, [], keys)


def _keys(snapshot: dict | None) -> list[str] | None:
    """The folded keys of an actor's snapshot: its name's and its aliases'; None when it does not hold both."""
    if snapshot is None:
        return []
    if "name" not in snapshot or "aliases" not in snapshot:
        return None
    return [fold(name) for name in [snapshot["name"], *snapshot["aliases"]]]


def _moved(session: Session, kept: NameCounts, version: int) -> NameCounts | None:
    """The kept counts brought to `version` by the actors' changes since; None when a recount is the way."""
    if version < kept.version or version - kept.version > MAX_CHANGES:
        return None
    rows = session.execute(
        select(Change.seq, Change.set_id, Change.position)
        .where(Change.entity == "actor", Change.seq > kept.version, Change.seq <= version)
        .order_by(Change.seq)
    ).all()
    gone: list[str] = []
    added: list[str] = []
    for before, after in snapshots(session, rows) if rows else ():
        old, new = _keys(before), _keys(after)
        if old is None or new is None:
            return None
        gone += old
        added += new
    return kept.moved(version, gone, added)


class _KeptCounts:
    """NameCounts for each database (by its engine), one computation at a time."""

    def __init__(self) -> None:
        self.values: WeakKeyDictionary[Engine | Connection, NameCounts] = WeakKeyDictionary()
        self.lock = Lock()

    def get(self, session: Session) -> NameCounts:
        database = session.get_bind()
        version = last_change(session)  # read first: a write committed meanwhile makes the next call move again
        with self.lock:
            kept = self.values.get(database)
            if kept is None or kept.version != version:
                kept = (_moved(session, kept, version) if kept else None) or _counted(session, version)
                self.values[database] = kept
            return kept


name_counts = _KeptCounts()
