"""Creating, changing and deleting actions through the API: validate against the database, then write through
the same function the seed loader uses."""

import uuid
from datetime import date

from sqlalchemy.orm import Session

from service.actions.schemas import ActionCreate, ActionIn, ActionPatch, ActionSnapshot
from service.actions.validation import Known, action_problems, action_record, resolution_ids
from service.actions.writes import as_body, put_action, snapshot_of
from service.actions.writes import delete_action as delete_action  # the routes' delete, beside create and update
from service.actors.service import create_actor
from service.errors import Conflict, FieldError, InvalidInput, found
from service.models import Action
from service.officials.service import create_official
from service.schemas import merged
from service.sources.service import create_source
from service.writes import Outcome, already_exists


def create_action(session: Session, body: ActionCreate) -> str:
    """The action and the records it brings along, in the caller's transaction: all of it or, on any
    error, none of it."""
    action_id = body.id or f"act-{uuid.uuid4().hex}"
    if session.get(Action, action_id) is not None:
        raise Conflict(already_exists("action", action_id))
    for source in body.new_sources:
        create_source(session, source)
    for actor in body.new_actors:
        create_actor(session, actor)
    for official in body.new_officials:
        create_official(session, official)
    session.flush()
    # The upsert finds the row if a concurrent request committed it after this one began: still a conflict.
    if _write(session, action_id, body) is not Outcome.added:
        raise Conflict(already_exists("action", action_id))
    return action_id


def update_action(session: Session, action: Action, patch: ActionPatch) -> None:
    _write(session, action.id, merged(ActionIn, stored_action(session, action.id).model_dump(), patch))


def stored_action(session: Session, action_id: str) -> ActionSnapshot:
    """The stored action in the form a client writes it."""
    row = found(session.get(Action, action_id), "action", action_id)
    return ActionSnapshot.model_validate(as_body(snapshot_of(session, row)) | {"id": action_id})


def _write(session: Session, action_id: str, action: ActionIn) -> Outcome:
    problems = list(action_problems(action, Known(session), date.today()))
    if problems:
        raise InvalidInput(
            [FieldError(field=".".join(map(str, loc)), location="body", message=message) for loc, message in problems]
        )
    numbers = [r.number for r in action.resolutions]
    return put_action(session, action_record(action_id, action, resolution_ids(session, numbers)))
