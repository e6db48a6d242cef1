from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, Field
from sqlalchemy import text

from service import migrations
from service.api_route import OpenRoute
from service.errors import ProblemType, problem, problem_responses
from service.keys.auth import reads_guard
from service.metrics import render

router = APIRouter(tags=["health"], route_class=OpenRoute)


class Health(BaseModel):
    status: str = Field(examples=["ok"])


class Readiness(Health):
    revision: str = Field(description="The database's migration revision.", examples=["0001"])


@router.get(
    "/metrics",
    summary="Prometheus metrics",
    response_class=PlainTextResponse,
    responses=problem_responses(401, 403),
    dependencies=[Depends(reads_guard)],
    name="get_metrics",
)
def metrics(request: Request):
    """Requests and their latency by route, and the database pool, in Prometheus' text format. Each
    worker process answers for itself. Closed with the reads (REQUIRE_KEY_FOR_READS): it tells routes,
    refused keys and the pool."""
    body, content_type = render(request.app.state.engine)
    return Response(body, media_type=content_type)


@router.get("/healthz", response_model=Health, summary="Liveness", name="check_liveness")
async def healthz():
    """The process is up and answering; touches nothing else."""
    return {"status": "ok"}


@router.get(
    "/readyz", response_model=Readiness, summary="Readiness", responses=problem_responses(503), name="check_readiness"
)
def readyz(request: Request):
    """The database answers and is at the latest migration; 503 otherwise, so a load balancer can wait."""
    head = migrations.head_revision()
    try:
        with request.app.state.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            current = migrations.current_revision(connection)
    except Exception:  # any failure to reach the database means "not ready", and is answered as such
        return problem(503, ProblemType.not_ready, "The database is unreachable.")
    if current != head:
        return problem(
            503,
            ProblemType.not_ready,
            f"The database is at revision {current or 'none'}, not {head}: run migrations.",
        )
    return {"status": "ok", "revision": current}
