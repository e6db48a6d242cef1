"""Creating, changing and deleting actions through the API: validate against the database, then write through
the same function the seed loader uses."""

import uuid
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from service.actions.schemas import (
    ActionCreate,
    ActionIn,
    ActionPatch,
    ActionSourceIn,
    ActorRoleIn,
    CitationIn,
    OfficialRoleIn,
)
from service.actions.validation import Known, action_problems, action_record, own_fields
from service.actions.writes import links_of, put_action, snapshot_of
from service.actors.service import create_actor
from service.errors import Conflict, FieldError, InvalidInput, found
from service.models import Action, Authority
from service.models.vocabulary import AuthorityKind
from service.officials.service import create_official
from service.schemas import merged
from service.sources.service import create_source
from service.writes import Outcome, already_exists, record_change


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
    action = ActionIn.model_validate(body.model_dump(exclude={"new_sources", "new_actors", "new_officials"}))
    # The upsert finds the row if a concurrent request committed it after this one began: still a conflict.
    if _write(session, action.model_copy(update={"id": action_id})) is not Outcome.added:
        raise Conflict(already_exists("action", action_id))
    return action_id


def update_action(session: Session, action: Action, patch: ActionPatch) -> None:
    _write(session, merged(ActionIn, current_input(session, action.id).model_dump(), patch))


def delete_action(session: Session, action: Action) -> None:
    before = snapshot_of(session, action)
    session.execute(delete(Action).where(Action.id == action.id))
    record_change(session, "action", action.id, before, None)


def current_input(session: Session, action_id: str) -> ActionIn:
    """The stored action in the form a client writes it."""
    row = found(session.get(Action, action_id), "action", action_id)
    sources, citations, actors, officials = links_of(session, action_id)
    return ActionIn(
        **own_fields(row),
        sources=[ActionSourceIn(source=s.source_id, quote=s.quote) for s in sorted(sources, key=repr)],
        citations=[
            CitationIn(authority=c.authority_id, relation=c.relation, quote=c.quote, source=c.source_id)
            for c in sorted(citations, key=repr)
        ],
        actors=[
            ActorRoleIn(actor=a.actor_id, role=a.role, quote=a.quote, source=a.source_id)
            for a in sorted(actors, key=repr)
        ],
        officials=[
            OfficialRoleIn(
                official=o.official_id, title=o.title, organisation=o.organisation, quote=o.quote, source=o.source_id
            )
            for o in sorted(officials, key=repr)
        ],
    )


def _write(session: Session, action: ActionIn) -> Outcome:
    problems = list(action_problems(action, Known(session), date.today()))
    if problems:
        raise InvalidInput(
            [FieldError(field=".".join(map(str, loc)), location="body", message=message) for loc, message in problems]
        )
    numbers = {c.resolution for c in action.citations if c.resolution is not None}
    resolution_ids = dict(
        session.execute(
            select(Authority.number, Authority.id).where(
                Authority.kind == AuthorityKind.un_resolution, Authority.number.in_(numbers)
            )
        ).all()
    )
    return put_action(session, action_record(action, resolution_ids))
