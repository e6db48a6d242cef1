"""How a record domain declares the routes every domain has (list, read one, create, change, delete): each
decorator gives its operation's status, the answers it documents and its name, made of the verb and the kind of
record (`update_official`, which generated clients name their methods after), so that the domains' routers
answer alike. The path, the answer's model, the summary and the parameters stay in the domain's routes.py."""

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter
from fastapi.types import DecoratedCallable

from service.actions.schemas import ActionOut
from service.openapi import CREATE_RESPONSES, DELETE_RESPONSES, LIST_RESPONSES, RECORD_RESPONSES, UPDATE_RESPONSES
from service.pagination import Page

Decorator = Callable[[DecoratedCallable], DecoratedCallable]


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

    def create(self, response_model: Any, summary: str) -> Decorator:
        return self.router.post(
            "",
            status_code=201,
            response_model=response_model,
            summary=summary,
            responses=CREATE_RESPONSES,
            name=f"create_{self.kind}",
        )

    def update(self, path: str, response_model: Any, summary: str) -> Decorator:
        return self.router.patch(
            path, response_model=response_model, summary=summary, responses=UPDATE_RESPONSES, name=f"update_{self.kind}"
        )

    def delete(self, path: str, summary: str) -> Decorator:
        return self.router.delete(
            path, status_code=204, summary=summary, responses=DELETE_RESPONSES, name=f"delete_{self.kind}"
        )
