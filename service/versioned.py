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

    With `move(session, value, kept_version, version)`, a kept value is first brought to the new version from
    the changes between the two, where that is cheaper than computing it again; None from `move` means compute.
    """

    def __init__(self, compute: Callable[[Session], T], move: Callable[[Session, T, int, int], T | None] | None = None):
        self.compute = compute
        self.move = move
        self.values: WeakKeyDictionary[Engine | Connection, tuple[int, T]] = WeakKeyDictionary()
        self.lock = Lock()

    def get(self, session: Session) -> T:
        database = session.get_bind()
        version = last_change(session)
        with self.lock:
            kept = self.values.get(database)
            if kept is None or kept[0] != version:
                moved = self.move(session, kept[1], kept[0], version) if kept and self.move else None
                kept = (version, self.compute(session) if moved is None else moved)
                self.values[database] = kept
            return kept[1]
