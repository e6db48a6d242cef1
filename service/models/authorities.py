from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from service.models.base import Base, Timestamped, one_of
from service.vocabulary import AuthorityKind


class Authority(Timestamped, Base):
    """A legal basis an action can rest on: a UN Security Council resolution, an executive order,
    a sanctions program (OFAC tag) or a regime (EU, UK)."""

    __tablename__ = "authorities"
    __table_args__ = (
        UniqueConstraint("kind", "code"),
        CheckConstraint(one_of("kind", AuthorityKind), name="kind"),
        # Resolutions are addressed by number in every path of the API.
        Index("ix_authorities_kind_number", "kind", "number"),
    )

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    code: Mapped[str] = mapped_column(String(100), doc="Natural key within its kind: '1718', '13382', 'DPRK3'.")
    number: Mapped[int | None] = mapped_column(Integer)
    symbol: Mapped[str | None] = mapped_column(String(100), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    issuer: Mapped[str | None] = mapped_column(String(200))
    year: Mapped[int | None] = mapped_column(Integer)
    adopted_on: Mapped[date | None] = mapped_column(Date)
    parent_id: Mapped[str | None] = mapped_column(
        ForeignKey("authorities.id", ondelete="RESTRICT"), doc="A program's executive order, for example."
    )
