from collections import defaultdict

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from service.actors.schemas import ActorMatch, ActorOut
from service.actors.search import find_actors
from service.models import Actor, ActorAlias
from service.pagination import decode_cursor, encode_cursor

_COLUMNS = (Actor.id, Actor.name, Actor.kind, Actor.country)


def list_actors(
    session: Session, kind: str | None, country: str | None, limit: int, cursor: str | None
) -> tuple[list[ActorOut], str | None]:
    query = select(*_COLUMNS).order_by(Actor.name, Actor.id).limit(limit + 1)
    if kind:
        query = query.where(Actor.kind == kind)
    if country:
        query = query.where(Actor.country == country)
    if cursor:
        after = decode_cursor(cursor, "actors", (str, str))
        query = query.where(tuple_(Actor.name, Actor.id) > tuple(after))
    rows = session.execute(query).mappings().all()
    more = len(rows) > limit
    items = _with_aliases(session, rows[:limit])
    return items, encode_cursor("actors", [items[-1].name, items[-1].id]) if more else None


def search_actors(session: Session, q: str, kind: str | None, country: str | None, limit: int) -> list[ActorMatch]:
    matches = find_actors(session, q, kind, country, limit)
    rows = session.execute(select(*_COLUMNS).where(Actor.id.in_([m.actor_id for m in matches]))).mappings().all()
    actors = {actor.id: actor for actor in _with_aliases(session, rows)}
    return [
        ActorMatch(**actors[match.actor_id].model_dump(), score=match.score, matched=match.matched) for match in matches
    ]


def get_actor(session: Session, actor_id: str) -> ActorOut | None:
    rows = session.execute(select(*_COLUMNS).where(Actor.id == actor_id)).mappings().all()
    found = _with_aliases(session, rows)
    return found[0] if found else None


def _with_aliases(session: Session, rows) -> list[ActorOut]:
    aliases: dict[str, list[str]] = defaultdict(list)
    query = (
        select(ActorAlias.actor_id, ActorAlias.alias)
        .where(ActorAlias.actor_id.in_([row["id"] for row in rows]))
        .order_by(ActorAlias.alias)
    )
    for actor_id, alias in session.execute(query):
        aliases[actor_id].append(alias)
    return [ActorOut.model_validate({**row, "aliases": aliases[row["id"]]}) for row in rows]
