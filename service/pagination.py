"""Keyset pagination: opaque cursors, the page model and the Link header, shared by every list."""

import base64
import binascii
import json
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Path, Query, Request, Response
from pydantic import BaseModel, Field

from service.errors import InvalidParameter
from service.schemas import PRINTABLE

T = TypeVar("T")

# The largest integer both databases store (a signed 64-bit column): any bigger number in a parameter or a
# cursor names nothing, and must be a 422, not a driver's overflow.
MAX_INTEGER = 2**63 - 1


def record_id(name: str, example: str) -> Any:
    """The path parameter `name` holding a record's stable id: `Annotated[str, record_id(name, example)]`."""
    return Path(
        alias=name,
        min_length=1,
        max_length=100,
        pattern=PRINTABLE,
        description="The record's stable id.",
        examples=[example],
    )


Limit = Annotated[int, Query(ge=1, le=500, description="Items per page (1–500).", examples=[50])]
Cursor = Annotated[
    str | None,
    Query(
        max_length=512,
        pattern=PRINTABLE,
        description="Opaque: the `next_cursor` of the previous page.",
        examples=["WyJyZXNvbHV0aW9ucyIsMTg3NF0"],
    ),
]

# A list's filter by an id or a name (a record's, a kind's, a writer's): each list describes its own.
Filter = Annotated[str | None, Query(max_length=100, pattern=PRINTABLE)]


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last page.")


def encode_cursor(kind: str, key: list[Any]) -> str:
    raw = json.dumps([kind, *key], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, kind: str, types: tuple[type, ...]) -> list[Any]:
    """The key a cursor carries, checked against the list it was made for; anything else is a 422."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise InvalidParameter("cursor", "not a cursor this service issued") from None
    if (
        not isinstance(data, list)
        or len(data) != len(types) + 1
        or data[0] != kind
        or not all(
            isinstance(value, expected)
            and not isinstance(value, bool)
            and (not isinstance(value, int) or abs(value) <= MAX_INTEGER)
            for value, expected in zip(data[1:], types, strict=True)
        )
    ):
        raise InvalidParameter("cursor", "not a cursor for this list and order")
    return data[1:]


def paged(request: Request, response: Response, items: list, next_cursor: str | None) -> dict:
    response.headers.update(_link(request, next_cursor))
    return {"items": items, "next_cursor": next_cursor}


def json_page(request: Request, documents: list[str], next_cursor: str | None) -> Response:
    """A page whose items are JSON documents already (built by the database), sent as they are: the bytes
    `paged` and the Page model would give, without validating or encoding them again."""
    body = '{"items":[' + ",".join(documents) + '],"next_cursor":' + json.dumps(next_cursor) + "}"
    return Response(body.encode(), media_type="application/json", headers=_link(request, next_cursor))


def _link(request: Request, next_cursor: str | None) -> dict[str, str]:
    if next_cursor is None:
        return {}
    return {"Link": f'<{request.url.include_query_params(cursor=next_cursor)}>; rel="next"'}
