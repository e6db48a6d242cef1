"""ASGI middleware: what every exchange gets (a request id, security headers, a request body limit, one access
log line and metric), and the methods every path answers.

Written as plain ASGI (not BaseHTTPMiddleware), so that a streamed response stays streamed and a request pays
no extra task."""

import logging
import re
import time
from secrets import token_hex

import secure
from asgi_correlation_id.context import correlation_id
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


class _HttpMiddleware:
    """Plain ASGI middleware that acts on HTTP requests (`handle`); the lifespan and other scopes pass through."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            await self.handle(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        raise NotImplementedError


class BodyTooLarge(HTTPException):
    """Raised while the body streams in; an HTTPException, so that FastAPI's body parsing passes it on to the
    problem handler as a 413 instead of calling it a malformed body."""

    def __init__(self, max_bytes: int):
        super().__init__(413, f"The body exceeds {max_bytes} bytes.")


class Envelope(_HttpMiddleware):
    """What every HTTP exchange gets, in one layer: a request id (the client's X-Request-ID if it is short and
    printable, else a new one) in the logs' context and on the answer; the security headers; a 413 for a body over
    `max_bytes` (or the limit of its path in `per_path`), whether announced by Content-Length or streamed in
    chunks; and one access log line and metric observation, with the route's template (not the raw path, so that
    ids do not explode the metric's labels).

    One layer rather than one per concern: each layer of plain ASGI costs a call and a wrapped `send` per request,
    and the four together cost more than a kept action's whole answer."""

    def __init__(self, app: ASGIApp, max_bytes: int, per_path: dict[str, int]):
        super().__init__(app)
        self.max_bytes, self.per_path = max_bytes, per_path

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = time.perf_counter()
        incoming_id = declared = None
        for name, value in scope["headers"]:  # one pass over the headers for the two this layer reads
            if name == b"x-request-id" and incoming_id is None:
                incoming_id = value.decode("latin-1")
            elif name == b"content-length":
                declared = value
        request_id = incoming_id if incoming_id and _acceptable_request_id(incoming_id) else token_hex(16)
        if incoming_id and request_id != incoming_id:
            log.warning("X-Request-ID refused (over 128 characters or not printable): made %s", request_id)
        correlation_id.set(request_id)  # what the logs' filter reads (logs.py)
        extra = [*(DOCS_HEADERS if scope["path"].startswith(DOCS_PATHS) else API_HEADERS)]
        extra.append((b"x-request-id", request_id.encode("latin-1")))
        limit = self.per_path.get(scope["path"], self.max_bytes)
        status = received = 0  # no answer started yet; no body bytes yet

        async def enveloping_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        try:
            if declared is not None and (not declared.isdigit() or int(declared) > limit):
                raise BodyTooLarge(limit)
            await self.app(scope, counting_receive, enveloping_send)
        except BodyTooLarge as error:
            if not status:
                await problem(413, ProblemType.too_large, error.detail)(scope, receive, enveloping_send)
        finally:
            _log_request(scope, status or 500, time.perf_counter() - started)


def _acceptable_request_id(value: str) -> bool:
    """An incoming X-Request-ID is kept if it is short and printable (so it is safe in a log line)."""
    return 0 < len(value) <= 128 and value.isascii() and value.isprintable()


def _log_request(scope: Scope, status: int, seconds: float) -> None:
    route = getattr(scope.get("route"), "path", "unmatched")
    observe_request(scope["method"], route, status, seconds)
    if log.isEnabledFor(logging.INFO):  # the line's fields are built only for a log that keeps them
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


class MethodSemantics(_HttpMiddleware):
    """What RFC 9110 asks of every path, which the router alone does not give: HEAD wherever GET is answered
    (the same headers, no body), OPTIONS answered with the methods of the path, and a 405 whose `Allow`
    lists every method of the path, not only those of the first route that matched it."""

    HTTP_METHODS = {"GET", "PUT", "POST", "DELETE", "PATCH"}

    def __init__(self, app: ASGIApp):
        super().__init__(app)
        # The path templates by their first two segments (`/v1/actions`), so that a request is matched against
        # the few templates that can match it instead of every one; built on the first request. Each with the
        # methods it answers, HEAD and OPTIONS included.
        self.paths: dict[str, list[tuple[re.Pattern[str], frozenset[str]]]] | None = None

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        methods = self._methods_of_path(scope)
        method = scope["method"]
        if not methods or (method in methods and method not in ("HEAD", "OPTIONS")):
            # No such path (404), or one outside the API (the docs), or a method its routes answer: the router's.
            await self.app(scope, receive, send)
        elif method == "HEAD" and method in methods:
            await self._head(scope, receive, send)
        else:
            allow = {"Allow": ", ".join(sorted(methods))}
            if method == "OPTIONS":
                await Response(status_code=204, headers=allow)(scope, receive, send)
            else:
                detail = f"{scope['path']} answers {allow['Allow']}."
                await problem(405, ProblemType.method_not_allowed, detail, headers=allow)(scope, receive, send)

    @staticmethod
    def _prefix(path: str) -> str:
        return "/".join(path.split("/", 3)[:3])

    @staticmethod
    def _answered(methods: set[str]) -> frozenset[str]:
        """With HEAD wherever GET is answered, and OPTIONS wherever any method is."""
        if not methods:
            return frozenset()
        return frozenset(methods | {"OPTIONS"} | ({"HEAD"} if "GET" in methods else set()))

    def _methods_of_path(self, scope: Scope) -> frozenset[str]:
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
                self.paths.setdefault(self._prefix(path), []).append((compile_path(path)[0], self._answered(methods)))
        path = scope["path"]
        matched = [methods for pattern, methods in self.paths.get(self._prefix(path), ()) if pattern.match(path)]
        return matched[0] if len(matched) == 1 else frozenset().union(*matched)

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
