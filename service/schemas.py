"""Field types every response shares."""

from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict


def _as_utc(moment: datetime) -> datetime:
    # SQLite hands timestamps back without a zone; they were written in UTC.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


UtcDatetime = Annotated[datetime, AfterValidator(_as_utc)]


class Out(BaseModel):
    """Base of response models: built from database rows by attribute or key."""

    model_config = ConfigDict(from_attributes=True)


# Control characters (NUL above all, which PostgreSQL refuses in text) never belong in a key or a search word.
PRINTABLE = r"^[^\x00-\x1f\x7f]*$"
