from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from service.models.base import Base, one_of, utcnow
from service.vocabulary import Scope


class ApiKey(Base):
    """A named credential. Only the SHA-256 of its secret is kept: the secret is shown once, at creation."""

    __tablename__ = "api_keys"
    __table_args__ = (CheckConstraint(one_of("scope", Scope), name="scope"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True, doc="The public part of the key, before its secret.")
    name: Mapped[str] = mapped_column(String(100), unique=True)
    scope: Mapped[str] = mapped_column(String(16))
    secret_sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
