"""Values computed from the whole database (the extractor's name index, the counts of the names' words and
trigrams), kept per database and computed again, or brought forward, only when the data change."""

from collections.abc import Callable
from threading import Lock
from typing import Generic, TypeVar
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session

from service.changes.queries import last_change

T = TypeVar("T")


class PerDataVersion(Generic[T]):
    """`compute(session)`, kept for each database (by its engine) while the change feed's highest `seq` stays the
    same: every write records a change, so an unchanged `seq` means unchanged data. The `seq` is read before
    `compute` reads, so that a write committed meanwhile makes the next call compute again rather than keep an
    older value. One computation at a time per instance: concurrent callers of a new version wait for it.

    The values of the last `versions` versions are kept: under a writer, requests whose transactions began
    before a write still see the version before it, and with one kept, each would make the value of its version
    again in turn with those after it (at 10 writes a second, most of a screening's time). A large value kept
    for one version only costs those requests a computation each, not memory.

    With `move(session, value, kept_version, version)`, a kept value is first brought to the new version from
    the newest kept one by the changes between the two, where that is cheaper than computing it again; None
    from `move` means compute.
    """

    def __init__(
        self,
        compute: Callable[[Session], T],
        move: Callable[[Session, T, int, int], T | None] | None = None,
        versions: int = 1,
    ):
        self.compute = compute
        self.move = move
        self.versions = versions
        self.values: WeakKeyDictionary[Engine | Connection, dict[int, T]] = WeakKeyDictionary()
        self.lock = Lock()

    def get(self, session: Session) -> T:
        database = session.get_bind()
        version = last_change(session)
        with self.lock:
            kept = self.values.setdefault(database, {})
            if version in kept:
                return kept[version]
            newest = max(kept, default=None)
            moved = self.move(session, kept[newest], newest, version) if newest is not None and self.move else None
            value = self.compute(session) if moved is None else moved
            kept[version] = value
            for old in sorted(kept)[: -self.versions]:
                del kept[old]
            return value
