"""How a record domain declares the routes every domain has (list, read one, create, change, delete): each
decorator gives its operation's status, the answers it documents and its name, made of the verb and the kind of
record (`update_official`, which generated clients name their methods after), so that the domains' routers
answer alike. The reads' paths, models, summaries and parameters stay in the domain's routes.py; the three writes
are the same in every domain but for their models and words, so `writes` declares them from those."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, get_args

from fastapi import APIRouter, Response
from fastapi.params import Path
from fastapi.types import DecoratedCallable

from service.actions.schemas import ActionOut
from service.etags import IfMatch
from service.idempotency import IdempotencyKey
from service.openapi import CREATE_RESPONSES, DELETE_RESPONSES, LIST_RESPONSES, RECORD_RESPONSES, UPDATE_RESPONSES
from service.pagination import Page
from service.records import Records, Write

Decorator = Callable[[DecoratedCallable], DecoratedCallable]
_NEEDS_KEY = "Needs a key of scope `write`."
_ONCE_PER_KEY = "With an `Idempotency-Key`, a retry returns the first answer and writes nothing again."


@dataclass(frozen=True)
class WriteDocs:
    """What a domain's create, change and delete do, each in the domain's words; what every write shares (the
    key it needs, If-Match, Idempotency-Key) `RecordRoutes.writes` adds."""

    create: str
    update: str
    delete: str


class RecordRoutes:
    """The decorators of one domain's routes, on its router; `kind` names its records (`official`)."""

    def __init__(self, router: APIRouter, kind: str):
        self.router = router
        self.kind = kind

    def list(self, response_model: Any, summary: str) -> Decorator:
        return self.router.get(
            "", response_model=response_model, summary=summary, responses=LIST_RESPONSES, name=f"list_{self.kind}s"
        )

    def actions(self, path: str, summary: str, responses: dict = LIST_RESPONSES) -> Decorator:
        """The page of actions a record takes part in, filtered and paged like `/v1/actions`."""
        return self.router.get(
            path, response_model=Page[ActionOut], summary=summary, responses=responses, name=f"list_{self.kind}_actions"
        )

    def read(self, path: str, response_model: Any, summary: str, responses: dict = RECORD_RESPONSES) -> Decorator:
        return self.router.get(
            path, response_model=response_model, summary=summary, responses=responses, name=f"get_{self.kind}"
        )

    def writes(self, records: Records, key_type: Any, new: Any, change: Any, answer: Any, docs: WriteDocs) -> None:
        """POST a new record (body `new`), PATCH one (body `change`) and DELETE one, each answered with the record
        as `answer`. `key_type` annotates the path parameter that finds one record; its `Path` alias is the
        parameter's name in the path (`/{official_id}`)."""

        def create(write: Write, body: new, idempotency_key: IdempotencyKey = None) -> Response:
            return write.create(records, body, idempotency_key)

        def update(write: Write, key: key_type, patch: change, if_match: IfMatch = None) -> Response:
            return write.update(records, key, patch, if_match)

        def delete(write: Write, key: key_type, if_match: IfMatch = None) -> Response:
            return write.delete(records, key, if_match)

        name = next(meta.alias for meta in get_args(key_type)[1:] if isinstance(meta, Path))
        one = f"/{{{name}}}"
        a_record = f"{'an' if self.kind[0] in 'aeiou' else 'a'} {self.kind}"
        if_match = f"With `If-Match`, only if the {self.kind} is still at that version. {_NEEDS_KEY}"
        for method, path, status, verb, description, responses, endpoint in (
            ("POST", "", 201, "Create", f"{docs.create} {_NEEDS_KEY} {_ONCE_PER_KEY}", CREATE_RESPONSES, create),
            ("PATCH", one, 200, "Change", f"{docs.update} {if_match}", UPDATE_RESPONSES, update),
            ("DELETE", one, 204, "Delete", f"{docs.delete} {if_match}", DELETE_RESPONSES, delete),
        ):
            self.router.add_api_route(
                path,
                endpoint,
                methods=[method],
                status_code=status,
                response_model=None if status == 204 else answer,
                summary=f"{verb} {a_record}",
                description=description,
                responses=responses,
                name=f"{endpoint.__name__}_{self.kind}",
            )
