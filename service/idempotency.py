"""Idempotency-Key: a POST replayed with the same key gets the first answer and writes nothing again.

The key is claimed first thing in the request's transaction, by inserting its row. A concurrent request
with the same key blocks on that row's primary key until the first commits, then fails to insert and
replays the stored answer: exactly one write per key, on PostgreSQL and SQLite alike."""

import hashlib
import json
from collections.abc import Callable
from typing import Annotated

from fastapi import Header, Request, Response
from pydantic import BaseModel
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from service.errors import Conflict
from service.etags import etag_of
from service.models import IdempotentRequest
from service.principal import Principal
from service.schemas import PRINTABLE

IdempotencyKey = Annotated[
    str | None,
    Header(
        min_length=1,
        max_length=200,
        pattern=PRINTABLE,
        description="Any unique string per intended write: a retry with the same key and body returns the first "
        "answer and writes nothing again; the same key with another body is a 409.",
        examples=["6f1d2c3b-retry-safe-create"],
    ),
]


def _fingerprint(request: Request, body: BaseModel) -> str:
    canonical = json.dumps(body.model_dump(mode="json", exclude_unset=True), sort_keys=True)
    return hashlib.sha256(f"{request.method} {request.url.path}\n{canonical}".encode()).hexdigest()


def idempotent_create(
    session: Session,
    principal: Principal,
    key: str | None,
    request: Request,
    body: BaseModel,
    create: Callable[[], BaseModel],
    location: Callable[[dict], str],
) -> Response:
    """Run `create` (which writes `body` and returns the new record) once per key, answering 201 with it."""
    if key is None:
        return _created(create(), location)
    request_fingerprint = _fingerprint(request, body)
    claim = IdempotentRequest(
        key_id=principal.key_id, idempotency_key=key, request_sha256=request_fingerprint, status=0, body=""
    )
    session.add(claim)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        stored = session.get(IdempotentRequest, (principal.key_id, key))
        if stored is None:
            raise  # a constraint other than the key's failed: nothing to replay
        return _replay(stored, key, request_fingerprint, location)
    response = _created(create(), location)
    claim.status, claim.body = response.status_code, bytes(response.body).decode()
    return response


def _created(record: BaseModel, location: Callable[[dict], str]) -> Response:
    return _answer(201, record.model_dump_json().encode(), location)


def _replay(stored: IdempotentRequest, key: str, request_fingerprint: str, location: Callable[[dict], str]) -> Response:
    if stored.request_sha256 != request_fingerprint:
        raise Conflict(f"Idempotency-Key {key!r} was used for a different request")
    response = _answer(stored.status, stored.body.encode(), location)
    response.headers["Idempotent-Replayed"] = "true"
    return response


def _answer(status: int, body: bytes, location: Callable[[dict], str]) -> Response:
    headers = {"ETag": etag_of(body), "Location": location(json.loads(body))}
    return Response(body, status, media_type="application/json", headers=headers)
