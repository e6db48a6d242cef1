import uuid
from typing import Any

from pydantic import BaseModel
from sqlalchemy.orm import Session

from service.actors.queries import get_actor
from service.actors.resolution import members
from service.actors.schemas import ActorIn, ActorPatch
from service.actors.writes import Address, BirthDate, Identifier, WeakAlias, put_actor
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
    current = _current(session, actor.id)
    _put(session, actor.id, merged(ActorIn, current, _without_merged(session, actor.id, current, patch)))


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
        birth_dates=[BirthDate(day) for day in body.birth_dates],
        weak_aliases=[WeakAlias(alias) for alias in body.weak_aliases],
    )


_LISTS = ("aliases", "identifiers", "addresses", "birth_dates", "weak_aliases")


def _without_merged(session: Session, actor_id: str, current: dict[str, Any], patch: ActorPatch) -> ActorPatch:
    """The patch's lists without the items GET adds from the actors merged into this one: the detail a GET
    answered goes back as a PATCH without copying the merged actors' names, identifiers and dates into this
    actor's own record."""
    given = [field for field in _LISTS if getattr(patch, field) is not None]
    if not given or members(session, [actor_id])[actor_id] == [actor_id]:  # nothing merged into it: nothing lent
        return patch
    answered = get_actor(session, actor_id).model_dump(include=set(given))
    lent = {field: [item for item in answered[field] if item not in current[field]] for field in given}
    return patch.model_copy(
        update={field: [item for item in getattr(patch, field) if _dumped(item) not in lent[field]] for field in given}
    )


def _dumped(item: BaseModel | str) -> dict[str, Any] | str:
    return item.model_dump() if isinstance(item, BaseModel) else item


def _current(session: Session, actor_id: str) -> dict[str, Any]:
    """The stored actor in the form a client writes it: its own record, not the actors merged into it."""
    return get_actor(session, actor_id, with_merged=False).model_dump(include={"name", "kind", "country", *_LISTS})
