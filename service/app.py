"""The FastAPI application: routers, error handlers, and an engine that lives as long as the app."""

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import anyio
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi_offline import FastAPIOffline

from service import errors, openapi
from service.actions.documents import DocumentCache
from service.actions.routes import router as actions_router
from service.actors.routes import router as actors_router
from service.api_route import ApiRoute, OpenRoute
from service.caching import DataVersion, ResponseCache
from service.changes.routes import router as changes_router
from service.config import Settings
from service.db import make_engine, make_session_factory
from service.export.routes import router as export_router
from service.extraction.routes import router as extraction_router
from service.health import router as health_router
from service.middleware import Envelope, MethodSemantics
from service.officials.routes import router as officials_router
from service.resolutions.routes import router as resolutions_router
from service.screening.routes import router as screening_router
from service.sources.routes import router as sources_router

DESCRIPTION = """
Who did what about sanctions, under which UN Security Council resolution, announced by whom,
according to which source. Every citation, role and official carries the passage of the source that
supports it (`quote`) and the source's id, so any fact can be checked against `/v1/sources/{id}`.

Reads are open (unless the service requires a key for them); writes need `Authorization: Bearer <api key>`
of scope `write`, the audit trail one of scope `admin`. A POST with an `Idempotency-Key` may be retried
safely; PATCH and DELETE honour `If-Match`. Every write lands in `/v1/changes`.

Lists are newest first and paged by cursor: pass `next_cursor` back as `cursor` (also in the `Link`
header). Errors are `application/problem+json`; validation errors name each bad field in `errors`.
"""

TAGS = [
    {
        "name": "actions",
        "description": "Designations, condemnations, joint statements, warnings, vetoes, reports, denials.",
    },
    {"name": "resolutions", "description": "UN Security Council resolutions and the actions invoking them."},
    {"name": "actors", "description": "States, people, organizations, vessels and bodies, found by any name."},
    {"name": "officials", "description": "Who announced or spoke for each action."},
    {"name": "sources", "description": "The documents every fact is quoted from."},
    {"name": "screening", "description": "Names, identifiers and nationalities matched against every actor."},
    {"name": "extraction", "description": "Read a document into a draft action, with the sentence behind each field."},
    {"name": "export", "description": "Every action out, streamed: FollowTheMoney entities, CSV, JSON lines."},
    {"name": "changes", "description": "The change feed for followers, and the audit trail for admins."},
    {"name": "health", "description": "Liveness and readiness for orchestrators."},
]


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.settings = settings
        app.state.engine = make_engine(settings)
        app.state.session_factory = make_session_factory(app.state.engine)
        # Writes wait for a place on the event loop, holding neither a thread nor a connection (db.writer_slot);
        # those that have one commit on threads of their own, never behind a route waiting for the feed's lock.
        app.state.writers = anyio.Semaphore(settings.concurrent_writes)
        app.state.commit_threads = anyio.CapacityLimiter(settings.concurrent_writes)
        # The threads FastAPI runs synchronous routes in (anyio's default limiter, 40 unless set).
        threads = anyio.to_thread.current_default_thread_limiter()
        threads.total_tokens = settings.worker_threads or (8 if app.state.engine.dialect.name == "sqlite" else 40)
        # One extraction at a time per worker: it is pure Python, and more would only share the same core.
        app.state.extract_threads = anyio.CapacityLimiter(1)
        app.state.data_version = DataVersion(app.state.engine)
        app.state.documents = DocumentCache(settings.document_cache_bytes)
        yield
        await app.state.data_version.close()
        app.state.engine.dispose()

    app = _application(lifespan)
    errors.install(app)
    openapi.install(app)
    _add_middleware(app, settings)
    for router, route_class in (
        (actions_router, ApiRoute),
        (resolutions_router, ApiRoute),
        (actors_router, ApiRoute),
        (officials_router, ApiRoute),
        (sources_router, ApiRoute),
        (changes_router, ApiRoute),
        (extraction_router, ApiRoute),
        (screening_router, ApiRoute),
        (export_router, ApiRoute),
        (health_router, OpenRoute),
    ):
        # The checks every route makes are in its class (api_route.py): a router made without it would skip them.
        if router.route_class is not route_class:
            raise TypeError(f"the router of {router.prefix or router.tags} must make {route_class.__name__}s")
        app.include_router(router)
    return app


def _application(lifespan: Callable[[FastAPI], AbstractAsyncContextManager[None]]) -> FastAPI:
    # FastAPIOffline serves the Swagger UI and ReDoc assets from its package: the docs work with no
    # request to any outside host.
    return FastAPIOffline(
        title="Sanctions-action tracker",
        version=openapi.VERSION,
        description=DESCRIPTION,
        openapi_tags=TAGS,
        lifespan=lifespan,
        swagger_ui_parameters={"validatorUrl": None},  # Swagger UI would otherwise call validator.swagger.io
        # Each route's name (list_actions, list_resolution_actions…) is its operationId: what a generated client
        # calls the method, instead of FastAPI's default of name, path and method run together.
        generate_unique_id_function=lambda route: route.name,
        # One schema per model for bodies and answers alike: the feed's records are the bodies that write them,
        # and a generated client would otherwise get two classes of one name (the answers leave out the
        # read-only fields, which the schema marks readOnly).
        separate_input_output_schemas=False,
    )


def _add_middleware(app: FastAPI, settings: Settings) -> None:
    # The last added runs first: the envelope sets the request id before anything logs, and puts its headers on
    # every answer; CORS answers its preflight OPTIONS before MethodSemantics answers a plain one; the answer cache runs
    # last, so that what it keeps is the same for every caller (no CORS, no request id) and HEAD shares it.
    app.add_middleware(ResponseCache, max_bytes=settings.response_cache_bytes)
    app.add_middleware(MethodSemantics)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PATCH", "DELETE"],
            allow_headers=[
                "Authorization",
                "Content-Type",
                "Idempotency-Key",
                "If-Match",
                "If-None-Match",
                "X-Request-ID",
            ],
            expose_headers=["ETag", "Link", "Location", "X-Request-ID"],
        )
    extract_limit = min(settings.extract_max_bytes, settings.max_body_bytes)
    app.add_middleware(Envelope, max_bytes=settings.max_body_bytes, per_path={"/v1/extract": extract_limit})
