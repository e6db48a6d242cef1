"""The field types and base models every domain's schemas share, and the rule that lays a patch over a record."""

import re
from datetime import UTC, date, datetime
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, ValidationError

from service.errors import FieldError, InvalidInput


def _as_utc(moment: datetime) -> datetime:
    # SQLite hands timestamps back without a zone; they were written in UTC.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


UtcDatetime = Annotated[datetime, AfterValidator(_as_utc)]


def _iso_date(value: Any) -> Any:
    # Pydantic would otherwise read a number (0, or "0" in a query) as seconds since 1970.
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    raise ValueError("must be an ISO 8601 date string, YYYY-MM-DD")


IsoDate = Annotated[date, BeforeValidator(_iso_date)]
# A field named `date` shadows the type inside its class body, so the optional type is named out here.
OptionalDate = IsoDate | None


def _canonical_number(value: Any) -> Any:
    # One spelling per number in paths and queries: 1718, never 01718, +1718 or 1718.0.
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and re.fullmatch(r"[1-9][0-9]*", value):
        return int(value)
    raise ValueError("must be a whole number in digits, without sign or leading zeros")


CanonicalInt = Annotated[int, BeforeValidator(_canonical_number)]


class Out(BaseModel):
    """Base of response models: built from database rows by attribute or key."""

    model_config = ConfigDict(from_attributes=True)


# Control characters (NUL above all, which PostgreSQL refuses in text) never belong in a key or a search word.
PRINTABLE = r"^[^\x00-\x1f\x7f]*$"

# Stable ids, as seed files and clients write them: lowercase letters, digits, '.', '_' and '-'.
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]{0,99}$")]
# Names, titles and other one-line values: no control characters, and none of the invisible characters that
# make one name display as another (bidirectional overrides and isolates, marks, the byte order mark).
Name = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True,
        min_length=1,
        max_length=500,
        pattern=r"^[^\x00-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]*$",
    ),
]
# Free text (summaries, quotes, notes) may hold tabs and newlines, but never NUL: PostgreSQL refuses it in text
# columns. A quote is a passage, not a document: the document itself is a source's `text`.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000, pattern=r"^[^\x00]*$")]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]


class In(BaseModel):
    """Base of input models (seed records, request bodies): unknown fields are errors, not ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def read_only() -> Any:
    """A field of the record as answers give it, declared on an input model so that a record read with GET can
    be sent back as it is: validated as the answer's type, then ignored (OpenAPI's `readOnly`). Declared rather
    than let through, so that a misspelt field is still an error."""
    return Field(
        default=None,
        exclude=True,
        description="Read-only: answers carry it; a body may send it back, and it is ignored.",
        json_schema_extra={"readOnly": True},
    )


M = TypeVar("M", bound=In)


def merged(model: type[M], current: dict, patch: In) -> M:
    """The stored values with the patch's given fields laid over them, validated as a whole."""
    try:
        return model.model_validate(current | patch.model_dump(exclude_unset=True))
    except ValidationError as error:
        raise InvalidInput(
            [
                FieldError(field=".".join(map(str, e["loc"])) or "body", location="body", message=e["msg"])
                for e in error.errors()
            ]
        ) from None
