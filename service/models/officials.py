from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from service.models.base import Base, Timestamped


class Official(Timestamped, Base):
    """A person who announces or speaks for an action. The name is empty for an unnamed spokesperson;
    the title here is the latest known, the one held at the time sits on each action link."""

    __tablename__ = "officials"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    name: Mapped[str | None] = mapped_column(String(300))
    title: Mapped[str | None] = mapped_column(String(500))
    organisation: Mapped[str | None] = mapped_column(String(300))
    country: Mapped[str | None] = mapped_column(String(2))
