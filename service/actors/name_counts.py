"""How many of the actors' names and aliases hold each word and each trigram: the rarities screening weighs a
name's words by (service/screening/service.py), and the counts the fuzzy search picks a query's rarest trigrams
by (search.py).

Kept per version of the data (the change feed's highest `seq`) by service/versioned.py, and brought from one
version to the next by the actors' changes between them rather than counted again: a count of every name costs
160 ms at 20,000 actors, and with a write every 100 ms each screening would pay one.
"""

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.changes.queries import snapshots
from service.folding import fold
from service.models import Actor, ActorAlias, Change
from service.versioned import PerDataVersion

# Past this many changes since the kept version, counting every name again is the cheaper way.
MAX_CHANGES = 2000


@dataclass(frozen=True)
class NameCounts:
    names: int  # names and aliases
    words: Counter[str]  # in how many names each word is
    trigrams: Counter[str]  # in how many names each trigram of their spaceless keys is

    def rarity(self, word: str, default: float) -> float:
        """Inverse document frequency over every name and alias; `default` for a word no name holds."""
        count = self.words.get(word)
        return math.log((self.names + 1) / count) if count else default

    def moved(self, gone: Iterable[str], added: Iterable[str]) -> "NameCounts":
        """These counts with the keys of names gone taken out, those of names added put in."""
        words, trigrams = Counter(self.words), Counter(self.trigrams)
        names = self.names
        for sign, keys in ((-1, gone), (1, added)):
            for key in keys:
                names += sign
                words.update({word: sign for word in set(key.split())})
                trigrams.update({trigram: sign for trigram in key_trigrams(key)})
        # The counts fallen to 0 taken out: only those of the names gone can have (not `+counts`, which goes over
        # every word and trigram in Python, most of a move's time at 20,000 actors).
        for key in gone:
            for counter, parts in ((words, key.split()), (trigrams, key_trigrams(key))):
                for part in parts:
                    if counter.get(part, 1) <= 0:
                        del counter[part]
        return NameCounts(names, words, trigrams)


def key_trigrams(key: str) -> set[str]:
    letters = key.replace(" ", "")
    return {letters[i : i + 3] for i in range(len(letters) - 2)}


def _counted(session: Session) -> NameCounts:
    keys = [*session.scalars(select(Actor.search_key)), *session.scalars(select(ActorAlias.search_key))]
    return NameCounts(0, Counter(), Counter()).moved([], keys)


def _keys(snapshot: dict | None) -> list[str] | None:
    """The folded keys of an actor's snapshot: its name's and its aliases'; None when it does not hold both."""
    if snapshot is None:
        return []
    if "name" not in snapshot or "aliases" not in snapshot:
        return None
    return [fold(name) for name in [snapshot["name"], *snapshot["aliases"]]]


def _moved(session: Session, kept: NameCounts, kept_version: int, version: int) -> NameCounts | None:
    """The counts kept at `kept_version` brought to `version` by the actors' changes between; None when a
    recount is the way."""
    if version < kept_version or version - kept_version > MAX_CHANGES:
        return None
    rows = session.execute(
        select(Change.seq, Change.set_id, Change.position)
        .where(Change.entity == "actor", Change.seq > kept_version, Change.seq <= version)
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
    return kept.moved(gone, added)


# Four versions: the counts are small, and screening reads them under writers (see PerDataVersion).
name_counts = PerDataVersion(_counted, _moved, versions=4)
