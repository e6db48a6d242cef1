"""What the domains' routes do around a write of one record: take the session, the caller's key and the request
in one dependency, lock the row and check If-Match, and answer with the record and its ETag. (A read's 404 is
errors.found, which the domains' queries raise.) Only routes import this module: it takes the keys domain's
Writer."""

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request
from pydantic import BaseModel
from sqlalchemy.orm import Session

from service.db import SessionDep
from service.etags import check_if_match, record_response
from service.idempotency import idempotent_create
from service.keys.auth import Writer
from service.principal import Principal
from service.writes import R, lock_row


class RecordWrite:
    """A create, change or delete of one record: the request's session, the key that makes the write (scope
    `write`, checked before anything is read) and the request, whose answer carries the record's ETag."""

    def __init__(self, session: SessionDep, request: Request, principal: Writer):
        self.session: Session = session
        self.request = request
        self.principal: Principal = principal

    def created(self, body: BaseModel, key: str | None, create: Callable[[Session], BaseModel], path: str):
        """201 with the record `create` writes and returns; `path` the record's, with its fields in braces
        (`/v1/actors/{id}`). Once per Idempotency-Key `key`: a retry gets the first answer."""
        return idempotent_create(
            self.session,
            self.principal,
            key,
            self.request,
            body,
            lambda: create(self.session),
            lambda record: path.format_map(record),
        )

    def locked(self, model: type[R], kind: str, id: str, if_match: str | None, current: Callable[[], BaseModel]) -> R:
        """The row, locked for this transaction (404 when there is none), once If-Match is found to name the
        version `current` reads (412 otherwise): no other writer can change it between the check and the write."""
        row = lock_row(self.session, model, kind, id)
        check_if_match(if_match, current())
        return row

    def answer(self, record: BaseModel):
        """The record as written, with its new ETag."""
        return record_response(self.request, record)


Write = Annotated[RecordWrite, Depends()]
