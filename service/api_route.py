"""The checks a route makes before its own work, run by its handler: that reads are open or the key may read, and
that the query names only parameters of the route. In the route's class rather than declared as a dependency of
its router: FastAPI resolves each dependency level at a cost (about 25 µs a request) several times that of both
checks, which need none of what it resolves."""

from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, ClassVar

from fastapi import Request, Response
from fastapi.routing import APIRoute

from service.keys.auth import reads_guard
from service.parameters import known_query_only

Check = Callable[[Request], Awaitable[None]]


class CheckedRoute(APIRoute):
    """A route whose handler awaits each of `checks` in turn, then FastAPI's own handler (the request's
    dependencies, the body, the route). What a check raises is answered like anything the route raises
    (problem+json, by the app's handlers)."""

    checks: ClassVar[tuple[Check, ...]] = ()

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()
        checks = self.checks

        async def checked(request: Request) -> Response:
            for check in checks:
                await check(request)
            return await handle(request)

        return checked


class ApiRoute(CheckedRoute):
    """A route of the API (`/v1/…`): closed with the reads (REQUIRE_KEY_FOR_READS), no unknown query parameter."""

    checks = (reads_guard, known_query_only)


class OpenRoute(CheckedRoute):
    """A route that stays open when reads are closed (liveness and readiness, for orchestrators); no unknown query
    parameter."""

    checks = (known_query_only,)
