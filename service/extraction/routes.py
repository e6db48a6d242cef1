from fastapi import APIRouter

from service.db import SessionDep
from service.errors import problem_responses
from service.extraction import Draft, ExtractRequest
from service.extraction.service import draft_of

router = APIRouter(prefix="/v1/extract", tags=["extraction"])


@router.post(
    "", response_model=Draft, summary="Read a document into a draft action", responses=problem_responses(400, 422, 503)
)
def extract_draft(session: SessionDep, body: ExtractRequest):
    """Propose the structured action a press statement, briefing or news report describes: its type, date,
    the resolutions it cites, the officials who spoke, the actors and their roles, and the targets, each
    with the sentence it was read from (`quote`) and its place in the text (`span`). Actors are linked to
    the database's actors by name or alias (`actor_id`). Nothing is stored: `sanctions-tracker ingest`
    files a document and its draft for review. Rule-based and deterministic (docs/extraction.md)."""
    return draft_of(session, body.text, body.published_on, body.url)
