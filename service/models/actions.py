"""Actions and the links that say who took part, under which authority, who announced it, and which
passage of which source says so.

Each link table repeats the action's date (`action_date`) so that "the newest actions citing X / with
actor X / announced by X" is a range scan of one index; a composite foreign key onto `actions (id, date)`
with ON UPDATE CASCADE keeps the copy equal to the action's date, enforced by the database.
Each link's (action_id, source_id) is a foreign key onto `action_sources`: a quote can only come from a
source the action lists.

On SQLite the link tables are WITHOUT ROWID: each is stored in the order of its primary key, with no separate
index for that key, which saves a third of their size and an index insert per link.
"""

from datetime import date

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
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


class ActionSource(Base):
    """A source that reports the action, with the passage that reports it."""

    __tablename__ = "action_sources"
    __table_args__ = (Index("ix_action_sources_source_id", "source_id"), {"sqlite_with_rowid": False})

    action_id: Mapped[str] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"), primary_key=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id", ondelete="RESTRICT"), primary_key=True)
    quote: Mapped[str] = mapped_column(Text)


class _QuotedLink:
    """What each link from an action holds besides what it names: the action (the first column of the primary
    key), a copy of its date, and the passage of one of the action's sources that says so."""

    action_id: Mapped[str] = mapped_column(String(100), primary_key=True, sort_order=-1)
    action_date: Mapped[date] = mapped_column(Date)
    quote: Mapped[str] = mapped_column(Text)
    source_id: Mapped[str] = mapped_column(String(100))


def _link_table(table: str, target: str, *checks: CheckConstraint) -> tuple:
    """A link table's keys onto its action and the action's sources, and its index of the newest actions
    per `target`."""
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
        Index(f"ix_{table}_newest", target, "action_date", "action_id"),
        {"sqlite_with_rowid": False},
    )


class Citation(_QuotedLink, Base):
    """An action's use of an authority: `relation` says how, `quote` where the source says so."""

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
