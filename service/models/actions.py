"""Actions and the links that say who took part, under which authority, who announced it, and which
passage of which source says so.

Each link table repeats the action's date (`action_date`) so that "the newest actions citing X / with
actor X / announced by X" is a range scan of one index; a composite foreign key onto `actions (id, date)`
with ON UPDATE CASCADE keeps the copy equal to the action's date, enforced by the database.
Each link's (action_id, source_id) is a foreign key onto `action_sources`: a quote can only come from a
source the action lists.

A link names its passage by `quote_id`: the passage itself is a row of `quotes`, stored once per source and text
however many links quote it (the links of one action mostly quote one sentence, and a source's sentences are
quoted by many actions). Its id is a hash of (source, text), so that a bulk load computes it without a lookup;
the link's key onto it, (source_id, quote_id), makes the quote a passage of the link's own source. The writers
(service/actions/writes.py) delete a quote when the last link quoting it goes: each link table's index on
`quote_id` finds whether one still does (and serves the database's own check of the foreign key).

On SQLite the link tables are WITHOUT ROWID: each is stored in the order of its primary key, with no separate
index for that key, which saves a third of their size and an index insert per link.
"""

import hashlib
from datetime import date

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from service.models.base import Base, Timestamped, one_of
from service.vocabulary import ActionStatus, ActionType, DatePrecision, Relation, Role


class Action(Timestamped, Base):
    __tablename__ = "actions"
    __table_args__ = (
        CheckConstraint(one_of("type", ActionType), name="type"),
        CheckConstraint(one_of("status", ActionStatus), name="status"),
        CheckConstraint(one_of("date_precision", DatePrecision), name="date_precision"),
        UniqueConstraint("id", "date"),  # the target of the links' (action_id, action_date) keys
        Index("ix_actions_date_id", "date", "id"),
        Index("ix_actions_type_date_id", "type", "date", "id"),
    )

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    type: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default=ActionStatus.published)
    title: Mapped[str] = mapped_column(String(1000))
    summary: Mapped[str | None] = mapped_column(Text)
    date: Mapped[date] = mapped_column(Date)
    date_precision: Mapped[str] = mapped_column(String(8))
    date_text: Mapped[str | None] = mapped_column(
        String(500), doc="The words the date was read from ('on Thursday', 'earlier this year')."
    )


# On SQLite an INTEGER (64 bits, like PostgreSQL's BIGINT): a BIGINT column there would not be the table's key.
QuoteId = BigInteger().with_variant(Integer(), "sqlite")


def quote_id(source_id: str, text: str) -> int:
    """The id of this passage of this source: the first 64 bits of the SHA-256 of both, as a signed integer.
    Migration 0008 computes the same in SQL on PostgreSQL; ids never contain the newline between them. Two
    passages of one source with one id (a chance of about n²/2⁶⁵ for n passages: 3e-10 for 100,000) would
    share the first one's row: the writers keep a stored quote as it is."""
    digest = hashlib.sha256(f"{source_id}\n{text}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


class Quote(Base):
    """A passage of a source that links quote, once per source and text."""

    __tablename__ = "quotes"
    __table_args__ = ({"sqlite_with_rowid": False},)

    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id", ondelete="RESTRICT"), primary_key=True)
    id: Mapped[int] = mapped_column(QuoteId, primary_key=True, autoincrement=False)
    text: Mapped[str] = mapped_column(Text)


def _quote_key(table: str) -> tuple[ForeignKeyConstraint, Index]:
    """A link's key onto its quote, and the index that finds the links quoting one."""
    return (
        ForeignKeyConstraint(["source_id", "quote_id"], ["quotes.source_id", "quotes.id"], name=f"fk_{table}_quote"),
        Index(f"ix_{table}_quote_id", "quote_id"),
    )


class ActionSource(Base):
    """A source that reports the action, with the passage that reports it."""

    __tablename__ = "action_sources"
    __table_args__ = (
        Index("ix_action_sources_source_id", "source_id"),
        *_quote_key("action_sources"),
        {"sqlite_with_rowid": False},
    )

    action_id: Mapped[str] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"), primary_key=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id", ondelete="RESTRICT"), primary_key=True)
    quote_id: Mapped[int] = mapped_column(QuoteId)


class _QuotedLink:
    """What each link from an action holds besides what it names: the action (the first column of the primary
    key), a copy of its date, and the passage of one of the action's sources that says so."""

    action_id: Mapped[str] = mapped_column(String(100), primary_key=True, sort_order=-1)
    action_date: Mapped[date] = mapped_column(Date)
    quote_id: Mapped[int] = mapped_column(QuoteId)
    source_id: Mapped[str] = mapped_column(String(100))


def _link_table(table: str, target: str, *checks: CheckConstraint) -> tuple:
    """A link table's keys onto its action, the action's sources and its quote, and its index of the newest
    actions per `target`."""
    return (
        *checks,
        ForeignKeyConstraint(
            ["action_id", "action_date"],
            ["actions.id", "actions.date"],
            ondelete="CASCADE",
            onupdate="CASCADE",
            name=f"fk_{table}_action",
        ),
        ForeignKeyConstraint(
            ["action_id", "source_id"],
            ["action_sources.action_id", "action_sources.source_id"],
            name=f"fk_{table}_action_source",
        ),
        *_quote_key(table),
        Index(f"ix_{table}_newest", target, "action_date", "action_id"),
        {"sqlite_with_rowid": False},
    )


class Citation(_QuotedLink, Base):
    """An action's use of an authority: `relation` says how, `quote_id` where the source says so."""

    __tablename__ = "action_authorities"
    __table_args__ = _link_table(
        "action_authorities", "authority_id", CheckConstraint(one_of("relation", Relation), name="relation")
    )

    authority_id: Mapped[str] = mapped_column(ForeignKey("authorities.id", ondelete="RESTRICT"), primary_key=True)
    relation: Mapped[str] = mapped_column(String(32))


class ActorLink(_QuotedLink, Base):
    """An actor's part in an action: one role per actor and action."""

    __tablename__ = "action_actors"
    __table_args__ = _link_table("action_actors", "actor_id", CheckConstraint(one_of("role", Role), name="role"))

    actor_id: Mapped[str] = mapped_column(ForeignKey("actors.id", ondelete="RESTRICT"), primary_key=True)
    role: Mapped[str] = mapped_column(String(32))


class OfficialLink(_QuotedLink, Base):
    """Who announced or spoke for an action, with the title and organisation the source gives them then."""

    __tablename__ = "action_officials"
    __table_args__ = _link_table("action_officials", "official_id")

    official_id: Mapped[str] = mapped_column(ForeignKey("officials.id", ondelete="RESTRICT"), primary_key=True)
    title: Mapped[str | None] = mapped_column(String(500))
    organisation: Mapped[str | None] = mapped_column(String(300))
