from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import RowMapping, bindparam, exists, select, tuple_
from sqlalchemy.orm import Session

from service.actors.resolution import members
from service.actors.schemas import ActorDetail, ActorMatch, ActorOut, AddressOut, IdentifierOut
from service.actors.search import Match, find_actors
from service.actors.status import listed, listings_of
from service.errors import found
from service.models import Actor, ActorAddress, ActorAlias, ActorBirthDate, ActorIdentifier, ActorMerge, ActorWeakAlias
from service.pagination import decode_cursor, encode_cursor

_COLUMNS = (Actor.id, Actor.name, Actor.kind, Actor.country)


def list_actors(
    session: Session,
    kind: str | None,
    country: str | None,
    listed_by: str | None,
    in_force: bool | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[ActorOut], str | None]:
    query = (
        select(*_COLUMNS)
        .where(~exists().where(ActorMerge.actor_id == Actor.id))  # a merged actor answers through its survivor
        .order_by(Actor.name, Actor.id)
        .limit(limit + 1)
    )
    if listed_by is not None or in_force is not None:
        query = query.where(listed(Actor.id, listed_by, in_force))
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


# Built once: a search reads its page's actors and their aliases, and building a statement costs SQLAlchemy
# more than running it.
_ACTORS_BY_ID = select(*_COLUMNS).where(Actor.id.in_(bindparam("ids", expanding=True)))
_ALIASES_OF = (
    select(ActorAlias.actor_id, ActorAlias.alias)
    .where(ActorAlias.actor_id.in_(bindparam("ids", expanding=True)))
    .order_by(ActorAlias.alias)
)

# How far down the ranking a search can be paged.
SEARCH_DEPTH = 1000


def search_actors(
    session: Session, q: str, kind: str | None, country: str | None, limit: int, cursor: str | None
) -> tuple[list[str], str | None]:
    """A page of the actors matching `q`, best first, as JSON documents, and the next cursor."""
    return search_page(session, find_actors(session, q, kind, country, SEARCH_DEPTH), limit, cursor)


def search_page(session: Session, ranked: list[Match], limit: int, cursor: str | None) -> tuple[list[str], str | None]:
    """The page of `ranked` after `cursor`: each actor as the JSON document of an ActorMatch. The cursor holds the
    rank key of the page's last one, so the next page goes on from there (the ranking is the same for the same
    query and data)."""
    if cursor:
        score, matched, actor_id = decode_cursor(cursor, "actors-search", (float, str, str))
        ranked = [m for m in ranked if (-m.score, m.matched, m.actor_id) > (-score, matched, actor_id)]
    page = ranked[:limit]
    actors = actors_by_id(session, [m.actor_id for m in page])
    documents = [
        ActorMatch.model_construct(**dict(actors[m.actor_id]), score=m.score, matched=m.matched).model_dump_json()
        for m in page
    ]
    last = page[-1] if page else None
    more = len(ranked) > limit
    return documents, encode_cursor(
        "actors-search", [float(last.score), last.matched, last.actor_id]
    ) if more and last else None


def actors_by_id(session: Session, ids: list[str]) -> dict[str, ActorOut]:
    rows = session.connection().execute(_ACTORS_BY_ID, {"ids": ids}).mappings().all()
    return {actor.id: actor for actor in _with_aliases(session, rows)}


def get_actor(session: Session, actor_id: str, with_merged: bool = True) -> ActorDetail:
    """The actor with everything of the actors merged into it: their names among its aliases, their
    identifiers, addresses, birth dates and listings (a merged actor's own id is answered by its survivor's);
    404 when there is none. `with_merged=False`: its own record only, as a write replaces it."""
    row = found(session.execute(select(*_COLUMNS).where(Actor.id == actor_id)).mappings().first(), "actor", actor_id)
    (actor,) = _with_aliases(session, [row], with_merged)
    ids = members(session, [actor_id])[actor_id] if with_merged else [actor_id]
    identifiers = session.execute(
        select(ActorIdentifier.scheme, ActorIdentifier.value, ActorIdentifier.country, ActorIdentifier.note)
        .where(ActorIdentifier.actor_id.in_(ids))
        .distinct()
        .order_by(ActorIdentifier.scheme, ActorIdentifier.value, ActorIdentifier.country, ActorIdentifier.note)
    ).mappings()
    addresses = session.execute(
        select(ActorAddress.address, ActorAddress.country, ActorAddress.note)
        .where(ActorAddress.actor_id.in_(ids))
        .distinct()
        .order_by(ActorAddress.address, ActorAddress.country, ActorAddress.note)
    ).mappings()
    birth_dates = session.scalars(
        select(ActorBirthDate.date).where(ActorBirthDate.actor_id.in_(ids)).distinct().order_by(ActorBirthDate.date)
    )
    weak_aliases = session.scalars(
        select(ActorWeakAlias.alias).where(ActorWeakAlias.actor_id.in_(ids)).distinct().order_by(ActorWeakAlias.alias)
    )
    return ActorDetail(
        **actor.model_dump(),
        identifiers=[IdentifierOut.model_validate(row) for row in identifiers],
        addresses=[AddressOut.model_validate(row) for row in addresses],
        birth_dates=list(birth_dates),
        weak_aliases=[alias for alias in weak_aliases if alias != actor.name and alias not in actor.aliases],
        merged_from=members(session, [actor_id])[actor_id][1:],
        listings=listings_of(session, actor_id),
    )


def _with_aliases(session: Session, rows: Sequence[RowMapping], with_merged: bool = True) -> list[ActorOut]:
    """The actors with their aliases: their own, and the names and aliases of the actors merged into them."""
    ids = [row["id"] for row in rows]
    sets = members(session, ids) if with_merged else {id: [id] for id in ids}
    survivor = {member: id for id, ids in sets.items() for member in ids}
    names: dict[str, set[str]] = defaultdict(set)
    merged = [id for ids in sets.values() for id in ids[1:]]
    if merged:
        for member, name in session.execute(select(Actor.id, Actor.name).where(Actor.id.in_(merged))):
            names[survivor[member]].add(name)
    for member, alias in session.connection().execute(_ALIASES_OF, {"ids": list(survivor)}):
        names[survivor[member]].add(alias)
    return [ActorOut.model_validate({**row, "aliases": sorted(names[row["id"]] - {row["name"]})}) for row in rows]
