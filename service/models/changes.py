import zlib
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import BigInteger, CheckConstraint, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from service.models.base import Base, one_of, utcnow
from service.vocabulary import Operation

# SQLite gives its rowid (and so autoincrement) only to a column declared INTEGER PRIMARY KEY.
BigId = BigInteger().with_variant(Integer(), "sqlite")

Snapshot = dict[str, Any] | None


class ChangeSet(Base):
    """The changes one write recorded together (one record, or a batch of a load): who made them, when, and
    every record of them before and after, kept as one compressed document.

    A batch of records written together is alike from one record to the next (the same field names, the same
    sources quoted, the same ids), so compressed as one it takes a small part of its size as JSON: the change
    feed costs storage in proportion to the data it describes, not a copy of it."""

    __tablename__ = "change_sets"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    who: Mapped[str] = mapped_column(String(100), doc="The API key's name, or the CLI command (seed, import).")
    snapshots: Mapped[bytes] = mapped_column(
        LargeBinary, doc="zlib of JSON lines, one per change in position order: [before, after]."
    )

    @staticmethod
    def pack(pairs: list[tuple[Snapshot, Snapshot]]) -> bytes:
        # One line per change, so that reading one change parses its own line only. JSON escapes the line breaks
        # inside strings: a line is always one change. orjson writes a batch's JSON in a sixth of the time the
        # standard library takes (a bulk load's largest cost after the rows); dates and times go to str as
        # json.dumps(default=str) wrote them, so that every snapshot, old or new, reads back the same.
        lines = b"\n".join([orjson.dumps(pair, default=str, option=orjson.OPT_PASSTHROUGH_DATETIME) for pair in pairs])
        return zlib.compress(lines, 1)  # level 1: most of the gain at a fraction of the time

    @staticmethod
    def unpack(snapshots: bytes) -> list[str]:
        """The lines: json.loads of line `position` is that change's [before, after]."""
        return zlib.decompress(snapshots).decode("utf-8").split("\n")


class Change(Base):
    """One write to one record: the audit trail and the change feed in one table.

    `seq` is handed out in commit order (writers take a lock before they record a change), so a consumer that
    polls `seq > last seen` misses nothing and sees nothing twice. Deletes keep a row: the tombstone. The
    highest `seq` is therefore the version of the data, which keeps the answer cache (service/caching.py) exact.
    The record before and after is the `position`th of its set's snapshots.
    """

    __tablename__ = "changes"
    __table_args__ = (
        CheckConstraint(one_of("operation", Operation), name="operation"),
        Index("ix_changes_entity_entity_id", "entity", "entity_id"),
    )

    seq: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    set_id: Mapped[int] = mapped_column(ForeignKey("change_sets.id", ondelete="RESTRICT"))
    position: Mapped[int] = mapped_column(Integer, doc="Which of its set's snapshots is this change's.")
    entity: Mapped[str] = mapped_column(String(32), doc="action, actor, official, source, authority or list_entry.")
    entity_id: Mapped[str] = mapped_column(String(100))
    operation: Mapped[str] = mapped_column(String(8))


class IdempotentRequest(Base):
    """The first answer to a POST carrying an Idempotency-Key, replayed to any repeat of it."""

    __tablename__ = "idempotent_requests"

    key_id: Mapped[str] = mapped_column(
        ForeignKey("api_keys.id", ondelete="CASCADE"), primary_key=True, doc="The API key that sent it."
    )
    idempotency_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    request_sha256: Mapped[str] = mapped_column(String(64), doc="Method, path and body: a reuse must match.")
    status: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
