from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from service.models.base import Base, one_of, utcnow
from service.models.vocabulary import Operation

# SQLite gives its rowid (and so autoincrement) only to a column declared INTEGER PRIMARY KEY.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class Change(Base):
    """One write to one record: the audit trail and the change feed in one table.

    `seq` is handed out in commit order (writers take a lock before they record a change), so a consumer that
    polls `seq > last seen` misses nothing and sees nothing twice. Deletes keep a row: the tombstone. The
    highest `seq` is therefore the version of the data, which keeps the answer cache (service/caching.py) exact.
    """

    __tablename__ = "changes"
    __table_args__ = (
        CheckConstraint(one_of("operation", Operation), name="operation"),
        Index("ix_changes_entity_entity_id", "entity", "entity_id"),
    )

    seq: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    who: Mapped[str] = mapped_column(String(100), doc="The API key's name, or the CLI command (seed, import).")
    entity: Mapped[str] = mapped_column(String(32), doc="action, actor, official, source, authority or list_entry.")
    entity_id: Mapped[str] = mapped_column(String(100))
    operation: Mapped[str] = mapped_column(String(8))
    before: Mapped[str | None] = mapped_column(Text, doc="The record as JSON before the write; null on create.")
    after: Mapped[str | None] = mapped_column(Text, doc="The record as JSON after the write; null on delete.")


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
