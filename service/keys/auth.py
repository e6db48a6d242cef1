"""Who a request acts as: the API key in `Authorization: Bearer`, and the scope an operation needs."""

from collections.abc import Callable
from typing import Annotated

import anyio
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from service.db import SessionDep, read_in_own_session
from service.errors import Forbidden, Unauthorized
from service.keys.service import authenticate
from service.principal import Principal
from service.vocabulary import Scope
from service.writes import acting_as

bearer = HTTPBearer(
    auto_error=False, description="An API key, `st_<id>_<secret>`, made by `sanctions-tracker keys create`."
)
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def require(scope: Scope, writes: bool) -> Callable[..., Principal]:
    """A dependency that lets the request through only with an active key of at least `scope`; for a route
    that `writes`, it names that key as the author of the writes."""

    def dependency(session: SessionDep, credentials: Credentials) -> Principal:
        principal = _principal(session, credentials.credentials if credentials else None, scope)
        if writes:
            acting_as(session, principal.name)
        return principal

    return dependency


async def reads_guard(request: Request) -> None:
    """Reads are open unless the REQUIRE_KEY_FOR_READS setting closes them. It reads the header itself rather
    than through `bearer`, so that the OpenAPI document does not claim that open reads need a key. Async and
    without the request's session, so that an open read costs no trip to a worker thread and a route that
    needs no session makes none; the key lookup, when reads are closed, takes a thread and a session."""
    if request.app.state.settings.require_key_for_reads:
        session_factory = request.app.state.session_factory
        token = _bearer_token(request)
        await anyio.to_thread.run_sync(read_in_own_session, session_factory, _principal, token, Scope.read)


async def extract_guard(request: Request, session: SessionDep) -> None:
    """POST /v1/extract is open unless REQUIRE_KEY_FOR_EXTRACT closes it (to keys of scope read or above)."""
    if request.app.state.settings.require_key_for_extract:
        await anyio.to_thread.run_sync(_principal, session, _bearer_token(request), Scope.read)


def _bearer_token(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else None


def _principal(session: Session, token: str | None, scope: Scope) -> Principal:
    if not token:
        raise Unauthorized("this operation needs an API key: Authorization: Bearer <key>")
    principal = authenticate(session, token)
    if principal is None:
        raise Unauthorized("the API key is unknown or revoked")
    if not principal.allows(scope):
        raise Forbidden(f"the key {principal.name!r} has scope {principal.scope}; this needs {scope}")
    return principal


Writer = Annotated[Principal, Depends(require(Scope.write, writes=True))]
AdminReader = Annotated[Principal, Depends(require(Scope.admin, writes=False))]
