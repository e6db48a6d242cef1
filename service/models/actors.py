from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from service.models.base import Base, Timestamped, one_of
from service.vocabulary import ActorKind


class Actor(Timestamped, Base):
    """A state, person, organization, vessel, aircraft or international body."""

    __tablename__ = "actors"
    __table_args__ = (
        CheckConstraint(one_of("kind", ActorKind), name="kind"),
        Index("ix_actors_search_key", "search_key"),
        Index("ix_actors_name_id", "name", "id"),  # the listing order
        Index("ix_actors_country", "country"),
    )

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    name: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(32))
    country: Mapped[str | None] = mapped_column(String(2), doc="ISO 3166-1 alpha-2, where one applies.")
    search_key: Mapped[str] = mapped_column(String(500), doc="The name folded for matching (see actors/search.py).")


class ActorAlias(Base):
    __tablename__ = "actor_aliases"
    __table_args__ = (Index("ix_actor_aliases_search_key", "search_key"),)

    actor_id: Mapped[str] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True)
    alias: Mapped[str] = mapped_column(String(500), primary_key=True)
    search_key: Mapped[str] = mapped_column(String(500))


class ActorWeakAlias(Base):
    """A name a list gives an actor but calls too broad to identify it alone: OFAC's weak AKAs (nicknames, noms
    de guerre, common acronyms), the UN's aliases of low quality, FollowTheMoney's weakAlias. Shown with the actor,
    to confirm a match found otherwise; never searched, screened or linked on, as its list advises."""

    __tablename__ = "actor_weak_aliases"

    actor_id: Mapped[str] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True)
    alias: Mapped[str] = mapped_column(String(500), primary_key=True)
