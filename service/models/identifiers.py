"""What the official lists say about an actor beyond its names: identifiers and addresses."""

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from service.models.base import Base, one_of
from service.vocabulary import IdentifierScheme


class ActorIdentifier(Base):
    """A number that identifies an actor: a list's reference number, a passport, an IMO number."""

    __tablename__ = "actor_identifiers"
    __table_args__ = (
        CheckConstraint(one_of("scheme", IdentifierScheme), name="scheme"),
        Index("ix_actor_identifiers_scheme_value", "scheme", "value"),  # who holds passport X, IMO Y
    )

    actor_id: Mapped[str] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True)
    scheme: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(String(200), primary_key=True)
    country: Mapped[str | None] = mapped_column(String(200), doc="The issuing country, as the list writes it.")
    note: Mapped[str | None] = mapped_column(Text, doc="What the list adds: the document's kind, issue date, remarks.")


class ActorBirthDate(Base):
    """A birth date a list gives for a person, as precise as the list gives it: '1963-02-09', '1963-02' or
    '1963'. Lists give several where they are unsure; approximate dates and ranges are not kept."""

    __tablename__ = "actor_birth_dates"

    actor_id: Mapped[str] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True)
    date: Mapped[str] = mapped_column(String(10), primary_key=True, doc="YYYY-MM-DD, YYYY-MM or YYYY.")


class ActorAddress(Base):
    """An address a list gives for an actor, as one line."""

    __tablename__ = "actor_addresses"

    actor_id: Mapped[str] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True)
    address: Mapped[str] = mapped_column(String(500), primary_key=True, doc="Street, city, region, country.")
    country: Mapped[str | None] = mapped_column(String(200), doc="The country, as the list writes it.")
    note: Mapped[str | None] = mapped_column(Text)
