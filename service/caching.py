"""ETags on single records: a hash of the body, so any change to what the caller would see changes it."""

import hashlib

from fastapi import Request, Response
from pydantic import BaseModel


def record_response(request: Request, record: BaseModel) -> Response:
    body = record.model_dump_json().encode()
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    if _matches(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers={"ETag": etag})
    return Response(body, media_type="application/json", headers={"ETag": etag})


def _matches(header: str | None, etag: str) -> bool:
    if not header:
        return False
    candidates = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    return "*" in candidates or etag in candidates


ETAG_RESPONSES = {
    304: {"description": "Not modified: the `If-None-Match` header names the current `ETag`."},
}
