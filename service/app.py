"""The FastAPI application: routers, error handlers, and an engine that lives as long as the app."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi_offline import FastAPIOffline

from service import errors
from service.actions.routes import router as actions_router
from service.actors.routes import router as actors_router
from service.config import Settings
from service.db import make_engine, make_session_factory
from service.health import router as health_router
from service.officials.routes import router as officials_router
from service.resolutions.routes import router as resolutions_router
from service.sources.routes import router as sources_router

DESCRIPTION = """
Who did what about sanctions, under which UN Security Council resolution, announced by whom,
according to which source. Every citation, role and official carries the passage of the source that
supports it (`quote`) and the source's id, so any fact can be checked against `/v1/sources/{id}`.

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
    {"name": "health", "description": "Liveness and readiness for orchestrators."},
]


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.engine = make_engine(settings)
        app.state.session_factory = make_session_factory(app.state.engine)
        yield
        app.state.engine.dispose()

    # FastAPIOffline serves the Swagger UI and ReDoc assets from its package: the docs work with no
    # request to any outside host.
    app = FastAPIOffline(
        title="Sanctions-action tracker",
        version="1.0.0",
        description=DESCRIPTION,
        openapi_tags=TAGS,
        lifespan=lifespan,
        swagger_ui_parameters={"validatorUrl": None},  # Swagger UI would otherwise call validator.swagger.io
    )
    errors.install(app)
    for router in (actions_router, resolutions_router, actors_router, officials_router, sources_router, health_router):
        app.include_router(router)
    return app
