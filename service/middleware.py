"""ASGI middleware: the methods every path answers, security headers, a request body limit, and one access log
line and metric per request.

Written as plain ASGI (not BaseHTTPMiddleware), so that a streamed response stays streamed and a request pays
no extra task."""

import logging
import re
import time

import secure
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.routing import Route, compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.errors import ProblemType, problem
from service.metrics import observe_request

log = logging.getLogger("service.access")


def _headers(csp: secure.ContentSecurityPolicy) -> list[tuple[bytes, bytes]]:
    policy = secure.Secure(
        csp=csp,
        hsts=secure.StrictTransportSecurity().max_age(31536000).include_subdomains(),
        referrer=secure.ReferrerPolicy().no_referrer(),
        xcto=secure.XContentTypeOptions().nosniff(),
        xfo=secure.XFrameOptions().deny(),
        permissions=secure.PermissionsPolicy().geolocation().microphone().camera(),
        coop=secure.CrossOriginOpenerPolicy().same_origin(),
    )
    return [(name.lower().encode(), value.encode()) for name, value in policy.headers.items()]


# The API answers JSON only: nothing may run. The docs pages run their own inline bootstrap script and
# ReDoc starts a worker from a blob; everything else still comes from this origin only.
API_HEADERS = _headers(secure.ContentSecurityPolicy().default_src("'none'").frame_ancestors("'none'"))
DOCS_HEADERS = _headers(
    secure.ContentSecurityPolicy()
    .default_src("'self'")
    .script_src("'self'", "'unsafe-inline'")
    .style_src("'self'", "'unsafe-inline'")
    .img_src("'self'", "data:")
    .worker_src("'self'", "blob:")
    .frame_ancestors("'none'")
)
DOCS_PATHS = ("/docs", "/redoc")


class _HTTPMiddleware:
    """A middleware of HTTP requests: anything else the server sends through (lifespan) passes untouched."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.http(scope, receive, send)

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        raise NotImplementedError


class SecurityHeaders(_HTTPMiddleware):
    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        extra = DOCS_HEADERS if scope["path"].startswith(DOCS_PATHS) else API_HEADERS

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyTooLarge(HTTPException):
    """Raised while the body streams in; an HTTPException, so that FastAPI's body parsing passes it on to the
    problem handler as a 413 instead of calling it a malformed body."""

    def __init__(self, max_bytes: int):
        super().__init__(413, f"The body exceeds {max_bytes} bytes.")


class BodyLimit(_HTTPMiddleware):
    """413 for a body over `max_bytes` (or the limit of its path in `per_path`), whether announced by
    Content-Length or streamed in chunks."""

    def __init__(self, app: ASGIApp, max_bytes: int, per_path: dict[str, int]):
        super().__init__(app)
        self.max_bytes, self.per_path = max_bytes, per_path

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit = self.per_path.get(scope["path"], self.max_bytes)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await self._refuse(limit, scope, receive, send)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await self._refuse(limit, scope, receive, send)

    async def _refuse(self, limit: int, scope: Scope, receive: Receive, send: Send) -> None:
        await problem(413, ProblemType.too_large, f"The body exceeds {limit} bytes.")(scope, receive, send)


class MethodSemantics(_HTTPMiddleware):
    """What RFC 9110 asks of every path, which the router alone does not give: HEAD wherever GET is answered
    (the same headers, no body), OPTIONS answered with the methods of the path, and a 405 whose `Allow`
    lists every method of the path, not only those of the first route that matched it."""

    HTTP_METHODS = {"GET", "PUT", "POST", "DELETE", "PATCH"}

    def __init__(self, app: ASGIApp):
        super().__init__(app)
        # The path templates by their first two segments (`/v1/actions`), so that a request is matched against
        # the few templates that can match it instead of every one; built on the first request.
        self.paths: dict[str, list[tuple[re.Pattern[str], set[str]]]] | None = None

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        methods = self._methods_of_path(scope)
        if not methods:  # no such path (404), or one outside the API (the docs): the router answers
            await self.app(scope, receive, send)
            return
        allow = {"Allow": ", ".join(sorted(methods))}
        method = scope["method"]
        if method == "OPTIONS":
            await Response(status_code=204, headers=allow)(scope, receive, send)
        elif method not in methods:
            detail = f"{scope['path']} answers {allow['Allow']}."
            await problem(405, ProblemType.method_not_allowed, detail, headers=allow)(scope, receive, send)
        elif method == "HEAD":
            await self._head(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    @staticmethod
    def _prefix(path: str) -> str:
        return "/".join(path.split("/", 3)[:3])

    def _methods_of_path(self, scope: Scope) -> set[str]:
        if self.paths is None:
            # The OpenAPI document lists every path of the API with all its methods, whichever routers
            # declare them; the routes of the app itself are the docs.
            app = scope["app"]
            templates = [
                (path, {method.upper() for method in operations} & self.HTTP_METHODS)
                for path, operations in app.openapi()["paths"].items()
            ] + [(route.path, set(route.methods or ())) for route in app.router.routes if isinstance(route, Route)]
            self.paths = {}
            for path, methods in templates:
                if "{" in self._prefix(path):
                    raise RuntimeError(f"{path}: a parameter in the first two segments defeats the lookup")
                self.paths.setdefault(self._prefix(path), []).append((compile_path(path)[0], methods))
        path = scope["path"]
        candidates = self.paths.get(self._prefix(path), ())
        methods = set().union(*(methods for pattern, methods in candidates if pattern.match(path)))
        if "GET" in methods:
            methods.add("HEAD")
        return methods | {"OPTIONS"} if methods else methods

    async def _head(self, scope: Scope, receive: Receive, send: Send) -> None:
        # The GET answer without its body: a copy of the scope, so that the server still knows that the
        # request was a HEAD (uvicorn then also sends no body); the route it matched is copied back for the log.
        as_get = dict(scope, method="GET")

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b""})
                return
            await send(message)

        await self.app(as_get, receive, headers_only)
        if "route" in as_get:
            scope["route"] = as_get["route"]


class AccessLog(_HTTPMiddleware):
    """One log line and one metric observation per request, with the route's template (not the raw path, so
    that ids do not explode the metric's labels)."""

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = time.perf_counter()
        status = 500

        async def recording_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, recording_send)
        finally:
            seconds = time.perf_counter() - started
            route = getattr(scope.get("route"), "path", "unmatched")
            observe_request(scope["method"], route, status, seconds)
            log.info(
                "%s %s %s",
                scope["method"],
                scope["path"],
                status,
                extra={
                    "method": scope["method"],
                    "path": scope["path"],
                    "route": route,
                    "status": status,
                    "ms": round(seconds * 1000, 2),
                },
            )
