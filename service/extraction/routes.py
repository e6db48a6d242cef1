import anyio
from fastapi import APIRouter, Depends, Request

from service.api_route import ApiRoute
from service.db import SessionDep
from service.errors import Busy, problem_responses
from service.extraction import Draft, ExtractRequest
from service.extraction.service import draft_of
from service.keys.auth import extract_guard

router = APIRouter(prefix="/v1/extract", tags=["extraction"], route_class=ApiRoute)


@router.post(
    "",
    response_model=Draft,
    summary="Read a document into a draft action",
    responses=problem_responses(400, 401, 403, 413, 422, 503),
    dependencies=[Depends(extract_guard)],
    name="extract_draft",
)
async def extract_draft(request: Request, session: SessionDep, body: ExtractRequest):
    """Propose the structured action a press statement, briefing or news report describes: its type, date,
    the resolutions it cites, the officials who spoke, the actors and their roles, and the targets, each
    with the sentence it was read from (`quote`) and its place in the text (`span`). Actors are linked to
    the database's actors by name or alias (`actor_id`). Nothing is stored: `sanctions-tracker ingest`
    files a document and its draft for review. Rule-based and deterministic (docs/extraction.md).

    Bounded: a body over `EXTRACT_MAX_BYTES` is a 413, an extraction over `EXTRACT_BUDGET_SECONDS` a 503,
    and each worker runs one extraction at a time (`REQUIRE_KEY_FOR_EXTRACT` closes it to anonymous callers)."""
    settings = request.app.state.settings
    with anyio.move_on_after(settings.extract_budget_seconds):
        return await anyio.to_thread.run_sync(
            draft_of,
            session,
            body.text,
            body.published_on,
            body.url,
            limiter=request.app.state.extract_threads,
            abandon_on_cancel=True,
        )
    raise Busy(f"the extraction took longer than its budget of {settings.extract_budget_seconds:g} s; try later")
