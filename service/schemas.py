"""Field types every response shares."""

from datetime import UTC, date, datetime
from typing import Annotated, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints, ValidationError

from service.errors import FieldError, InvalidBody


def _as_utc(moment: datetime) -> datetime:
    # SQLite hands timestamps back without a zone; they were written in UTC.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


UtcDatetime = Annotated[datetime, AfterValidator(_as_utc)]
# A field named `date` shadows the type inside its class body, so the optional type is named out here.
OptionalDate = date | None


class Out(BaseModel):
    """Base of response models: built from database rows by attribute or key."""

    model_config = ConfigDict(from_attributes=True)


# Control characters (NUL above all, which PostgreSQL refuses in text) never belong in a key or a search word.
PRINTABLE = r"^[^\x00-\x1f\x7f]*$"

# Stable ids, as seed files and clients write them: lowercase letters, digits, '.', '_' and '-'.
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]{0,99}$")]
# Free text may hold tabs and newlines, but never NUL: PostgreSQL refuses it in text columns.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, pattern=r"^[^\x00]*$")]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]


class In(BaseModel):
    """Base of input models (seed records, request bodies): unknown fields are errors, not ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


M = TypeVar("M", bound=In)


def merged(model: type[M], current: dict, patch: In) -> M:
    """The stored values with the patch's given fields laid over them, validated as a whole."""
    try:
        return model.model_validate(current | patch.model_dump(exclude_unset=True))
    except ValidationError as error:
        raise InvalidBody(
            [
                FieldError(field=".".join(map(str, e["loc"])) or "body", location="body", message=e["msg"])
                for e in error.errors()
            ]
        ) from None
