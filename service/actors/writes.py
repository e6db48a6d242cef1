from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from service.actors.search import search_key
from service.models import Actor, ActorAlias
from service.writes import Outcome, record_change, touch, upsert_row


def put_actor(session: Session, id: str, *, name: str, kind: str, country: str | None, aliases: list[str]) -> Outcome:
    fields = {"name": name, "kind": kind, "country": country}
    result = upsert_row(session, Actor, id, fields | {"search_key": search_key(name)})
    wanted = set(aliases) - {name}
    current = set(session.scalars(select(ActorAlias.alias).where(ActorAlias.actor_id == id)))
    outcome = result.outcome
    if wanted != current:
        session.flush()  # the actor row must exist before aliases point at it
        session.execute(delete(ActorAlias).where(ActorAlias.actor_id == id, ActorAlias.alias.in_(current - wanted)))
        session.add_all(ActorAlias(actor_id=id, alias=a, search_key=search_key(a)) for a in wanted - current)
        if outcome is Outcome.unchanged:
            touch(result.row)
            outcome = Outcome.changed
    if outcome is not Outcome.unchanged:
        before = None
        if result.before is not None:
            before = {key: result.before[key] for key in fields} | {"aliases": sorted(current)}
        record_change(session, "actor", id, before, fields | {"aliases": sorted(wanted)})
    return outcome
