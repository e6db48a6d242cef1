"""ETags on single records, a hash of the body, so that any change to what the caller would see changes it:
If-None-Match answered with 304, and If-Match checked before a write."""

import hashlib
from typing import Annotated

from fastapi import Header, Request, Response
from pydantic import BaseModel

from service.errors import PreconditionFailed


def etag_of(body: bytes) -> str:
    return f'"{hashlib.sha256(body).hexdigest()[:32]}"'


def record_response(
    request: Request, record: BaseModel, status_code: int = 200, headers: dict[str, str] | None = None
) -> Response:
    return document_response(request, record.model_dump_json().encode(), status_code, headers)


def document_response(
    request: Request, body: bytes, status_code: int = 200, headers: dict[str, str] | None = None
) -> Response:
    """A record's JSON with its ETag, or 304 when If-None-Match names that ETag."""
    etag = etag_of(body)
    if status_code == 200 and matches(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers={"ETag": etag})
    return Response(body, status_code, media_type="application/json", headers={"ETag": etag} | (headers or {}))


def matches(header: str | None, etag: str) -> bool:
    """Whether an If-None-Match or If-Match header names this ETag (or `*`)."""
    if not header:
        return False
    candidates = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    return "*" in candidates or etag in candidates


IfMatch = Annotated[
    str | None,
    Header(
        description="The `ETag` you last read: the write happens only if the record is still at that version "
        "(412 otherwise).",
        examples=['"3f1c0a9e2b7d4c5a8e6f1d2c3b4a5e6f"'],
    ),
]


def check_if_match(if_match: str | None, current: BaseModel) -> None:
    """412 unless If-Match is absent or names the current version. Call with the record's row locked
    (writes.lock_row), so that no other writer can change it between this check and the write."""
    if if_match is not None and not matches(if_match, etag_of(current.model_dump_json().encode())):
        raise PreconditionFailed("the record changed since that ETag was read; read it again")
