import uuid

from sqlalchemy.orm import Session

from service.actors.queries import get_actor
from service.actors.schemas import ActorIn, ActorPatch
from service.actors.writes import Address, Identifier, put_actor
from service.errors import Conflict
from service.models import Actor, ActorLink, ListEntry
from service.schemas import merged
from service.writes import Outcome, already_exists, delete_row


def create_actor(session: Session, body: ActorIn) -> str:
    actor_id = body.id or f"actor-{uuid.uuid4().hex}"
    # The upsert finds the row if a concurrent request committed it after this one began: still a conflict.
    if session.get(Actor, actor_id) is not None or _put(session, actor_id, body) is not Outcome.added:
        raise Conflict(already_exists("actor", actor_id))
    return actor_id


def update_actor(session: Session, actor: Actor, patch: ActorPatch) -> None:
    _put(session, actor.id, merged(ActorIn, _current(session, actor.id), patch))


def delete_actor(session: Session, actor: Actor) -> None:
    before = _current(session, actor.id)
    delete_row(session, Actor, "actor", actor.id, before, used_by=[ActorLink.actor_id, ListEntry.actor_id])


def _put(session: Session, actor_id: str, body: ActorIn) -> Outcome:
    return put_actor(
        session,
        actor_id,
        name=body.name,
        kind=body.kind,
        country=body.country,
        aliases=body.aliases,
        identifiers=[Identifier(**i.model_dump()) for i in body.identifiers],
        addresses=[Address(**a.model_dump()) for a in body.addresses],
    )


def _current(session: Session, actor_id: str) -> dict:
    """The stored actor in the form a client writes it."""
    return get_actor(session, actor_id).model_dump(
        include={"name", "kind", "country", "aliases", "identifiers", "addresses"}
    )
