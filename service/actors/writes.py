from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from service.actors.search import search_key
from service.models import Actor, ActorAlias
from service.writes import Outcome, touch, upsert_row


def put_actor(session: Session, id: str, *, name: str, kind: str, country: str | None, aliases: list[str]) -> Outcome:
    actor, outcome = upsert_row(
        session, Actor, id, {"name": name, "kind": kind, "country": country, "search_key": search_key(name)}
    )
    wanted = set(aliases) - {name}
    current = set(session.scalars(select(ActorAlias.alias).where(ActorAlias.actor_id == id)))
    if wanted == current:
        return outcome
    session.flush()  # the actor row must exist before aliases point at it
    session.execute(delete(ActorAlias).where(ActorAlias.actor_id == id, ActorAlias.alias.in_(current - wanted)))
    session.add_all(ActorAlias(actor_id=id, alias=alias, search_key=search_key(alias)) for alias in wanted - current)
    if outcome is Outcome.unchanged:
        touch(actor)
        return Outcome.changed
    return outcome
