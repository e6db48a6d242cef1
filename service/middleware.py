"""ASGI middleware: security headers, a request body limit, and one access log line and metric per request.

Written as plain ASGI (not BaseHTTPMiddleware), so that a streamed response stays streamed and a request pays
no extra task."""

import json
import logging
import time

import secure
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

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


class SecurityHeaders:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
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


class BodyLimit:
    """413 for a body over `max_bytes`, whether announced by Content-Length or streamed in chunks."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._refuse(send)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        body = json.dumps(
            {
                "type": "urn:sanctions-tracker:problem:too-large",
                "title": "Request body too large",
                "status": 413,
                "detail": f"The body exceeds {self.max_bytes} bytes.",
            }
        ).encode()
        headers = [(b"content-type", b"application/problem+json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 413, "headers": headers + API_HEADERS})
        await send({"type": "http.response.body", "body": body})


class AccessLog:
    """One log line and one metric observation per request, with the route's template (not the raw path, so
    that ids do not explode the metric's labels)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
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
