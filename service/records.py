"""What the domains' routes do around a write of one record: take the session, the caller's key and the request
in one dependency, lock the row and check If-Match, and answer with the record and its ETag. (A read's 404 is
errors.found, which the domains' queries raise.) Only routes import this module: it takes the keys domain's
Writer."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Request, Response
from pydantic import BaseModel
from sqlalchemy.orm import Session

from service.db import SessionDep, WriterSlot
from service.etags import check_if_match, record_response
from service.idempotency import idempotent_create
from service.keys.auth import Writer
from service.principal import Principal
from service.writes import R, lock_row

K = TypeVar("K", str, int)


@dataclass(frozen=True)
class Records(Generic[K, R]):
    """One domain's records as its write routes handle them, each found by its key `K` (an id, or a
    resolution's number): the table and the name a 404 gives, the path of one record with the answer's fields in
    braces (`/v1/actors/{id}`), how the API reads one, and the domain's create, update and delete, which every
    other writer calls too."""

    model: type[R]
    kind: str
    path: str
    read: Callable[[Session, K], BaseModel]
    create: Callable[[Session, Any], K]
    update: Callable[[Session, R, Any], None]
    delete: Callable[[Session, R], None]
    # The id of the row a key names: a resolution's is made from its number (resolution_id).
    row_id: Callable[[K], str] = str


class RecordWrite:
    """A create, change or delete of one record: the request's session, the key that makes the write (scope
    `write`, checked before anything is read) and the request, whose answer carries the record's ETag."""

    # The slot first: FastAPI takes dependencies in the order declared and ends them in reverse, so the
    # write waits for its slot before it takes a session, and gives it back after the commit.
    def __init__(self, _slot: WriterSlot, session: SessionDep, request: Request, principal: Writer):
        self.session: Session = session
        self.request = request
        self.principal: Principal = principal

    def create(self, records: Records, body: BaseModel, idempotency_key: str | None) -> Response:
        """201 with the record written from `body`, and its path in Location. Once per Idempotency-Key: a retry
        gets the first answer."""
        return idempotent_create(
            self.session,
            self.principal,
            idempotency_key,
            self.request,
            body,
            lambda: records.read(self.session, records.create(self.session, body)),
            lambda record: records.path.format_map(record),
        )

    def update(self, records: Records[K, R], key: K, patch: BaseModel, if_match: str | None) -> Response:
        """200 with the record as changed by `patch`, and its new ETag."""
        current = partial(records.read, self.session, key)
        records.update(self.session, self._locked(records, key, if_match, current), patch)
        return record_response(self.request, current())

    def delete(self, records: Records[K, R], key: K, if_match: str | None) -> Response:
        """204 once the record is deleted (the domain's delete refuses with 409 one still referred to)."""
        records.delete(self.session, self._locked(records, key, if_match, partial(records.read, self.session, key)))
        return Response(status_code=204)

    def _locked(self, records: Records[K, R], key: K, if_match: str | None, current: Callable[[], BaseModel]) -> R:
        """The row, locked for this transaction (404 when there is none), once If-Match is found to name the
        version `current` reads (412 otherwise): no other writer can change it between the check and the write."""
        row = lock_row(self.session, records.model, records.kind, records.row_id(key))
        check_if_match(if_match, current())
        return row


Write = Annotated[RecordWrite, Depends()]
