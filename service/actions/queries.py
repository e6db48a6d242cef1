"""Reading actions: the filtered, keyset-paged list and the full records of a page.

A list is driven by the most selective index: the citations of a resolution, the links of an actor or an
official, or the actions themselves; each of those indexes is ordered by (date, id), so a page is one
range scan whatever the size of the database. The page's records are then built as JSON by one statement
(actions/documents.py).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any
from urllib.parse import quote

from pydantic import TypeAdapter
from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Exists,
    Integer,
    Select,
    bindparam,
    exists,
    or_,
    select,
    tuple_,
    union_all,
)
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased

from service.actions.documents import DocumentCache, action_documents
from service.actions.schemas import ActionFilters, ActionOut, ActionQuery
from service.actors.resolution import party
from service.errors import InvalidParameter, found
from service.models import Action, ActionSource, Actor, ActorLink, Authority, Citation, Official, OfficialLink, Quote
from service.pagination import decode_cursor, encode_cursor
from service.vocabulary import AuthorityKind


@dataclass(frozen=True)
class ActionPage:
    items: list[ActionOut]
    next_cursor: str | None


def list_actions(session: Session, filters: ActionFilters) -> ActionPage:
    ids, next_cursor = page_ids(session, filters)
    return ActionPage(load_actions(session, ids), next_cursor)


def documents_page(
    session: Session, query: ActionQuery, cache: DocumentCache | None, **fixed: Any
) -> tuple[list[str], str | None]:
    """A page of actions as the JSON documents the database builds, and the next page's cursor; `fixed` are the
    filters a nested path sets (the resolution of /v1/resolutions/{number}/actions), which its query leaves out."""
    filters = ActionFilters.model_construct(**dict(query), **fixed)  # both parts are validated already
    _ids_exist(session, filters)
    ids, next_cursor = page_ids(session, filters)
    return action_documents(session, ids, cache), next_cursor


# Built once: asked before every page filtered by an actor or an official (session.get costs five times more).
_ACTOR_ID = select(Actor.id).where(Actor.id == bindparam("id"))
_OFFICIAL_ID = select(Official.id).where(Official.id == bindparam("id"))


def _ids_exist(session: Session, filters: ActionFilters) -> None:
    """A filter by an actor or official that does not exist would answer an empty list, which reads as "none
    found": say instead that the value is no id (a name, most often) and where ids are found."""
    connection = session.connection()
    if filters.actor is not None and connection.execute(_ACTOR_ID, {"id": filters.actor}).first() is None:
        lookup = f"/v1/actors?q={quote(filters.actor)}"
        raise InvalidParameter("actor", f"no actor has the id {filters.actor!r}; find actors by name with {lookup}")
    if filters.official is not None and connection.execute(_OFFICIAL_ID, {"id": filters.official}).first() is None:
        raise InvalidParameter("official", f"no official has the id {filters.official!r}; /v1/officials lists them")


def page_ids(session: Session, filters: ActionFilters) -> tuple[list[str], str | None]:
    """The ids of one page of actions, in order, and the cursor of the next page (None on the last)."""
    statement, values = _page_statement(session, filters)
    rows = session.connection().execute(statement, values).all()
    more = len(rows) > filters.limit
    rows = rows[: filters.limit]
    last = rows[-1] if more else None
    next_cursor = encode_cursor(f"actions:{filters.sort}", [last[0].isoformat(), last[1]]) if last else None
    return [row[1] for row in rows], next_cursor


def page_query(session: Session, filters: ActionFilters) -> Select[date, str]:
    """The (date, id) keys of one page and one more row (to tell whether another page follows)."""
    statement, values = _page_statement(session, filters)
    return statement.params(values)


def _page_statement(session: Session, filters: ActionFilters) -> tuple[Select, dict]:
    """The statement of this kind of page, and the values of its parameters. One statement is built per
    combination of filters and kept: building and keying a statement of this size costs SQLAlchemy about ten
    times what SQLite spends running it."""
    words = (filters.q or "").split()
    values: dict = {"status": filters.status, "limit": filters.limit + 1}
    for name in ("resolution", "official", "role", "country", "type", "date_from", "date_to"):
        if getattr(filters, name) not in (None, ""):
            values[name] = getattr(filters, name)
    if filters.actor is not None:
        # The actor's party: the actors merged into one answer together (service/actors/resolution.py).
        values |= {f"actor_{index}": member for index, member in enumerate(party(session, filters.actor))}
    if filters.cursor:
        after_day, after_id = decode_cursor(filters.cursor, f"actions:{filters.sort}", (str, str))
        values |= {"after_day": _parse_day(after_day), "after_id": after_id}
    for index, word in enumerate(words):
        values[f"word_{index}"] = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    shape = (frozenset(name for name in values if not name.startswith("word_")), filters.sort, len(words))
    return _statement_of_shape(*shape), values


@lru_cache(maxsize=256)
def _statement_of_shape(given: frozenset[str], sort: str, words: int) -> Select:
    newest_first = sort == "-date"
    ranges = [_keys_in_range(given, words, newest_first, member) for member in range(_ranges(given))]
    if len(ranges) == 1:
        return _page_of(ranges[0], newest_first)
    # A party of several actors: a page of each one's range of its index, merged in page order.
    pages = [select(*_ordered(keys, newest_first).subquery(f"member_{index}").c) for index, keys in enumerate(ranges)]
    return _page_of(select(*union_all(*pages).subquery("party").c), newest_first)


def _ordered(keys: Select, newest_first: bool) -> Select:
    day, action_id = keys.selected_columns
    return keys.order_by(*((day.desc(), action_id.desc()) if newest_first else (day.asc(), action_id.asc())))


def _page_of(keys: Select, newest_first: bool) -> Select:
    return _ordered(keys, newest_first).limit(bindparam("limit", type_=Integer))


def _keys_in_range(given: frozenset[str], words: int, newest_first: bool, member: int) -> Select[date, str]:
    query, day, action_id = _driven_query(given, words, member)
    if "date_from" in given:
        query = query.where(day >= bindparam("date_from"))
    if "date_to" in given:
        query = query.where(day <= bindparam("date_to"))
    if "after_day" in given:
        key = tuple_(bindparam("after_day", type_=day.type), bindparam("after_id", type_=action_id.type))
        query = query.where(tuple_(day, action_id) < key if newest_first else tuple_(day, action_id) > key)
    return query


def _parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidParameter("cursor", "not a cursor this service issued") from None


def _party_size(given: frozenset[str]) -> int:
    return sum(name.startswith("actor_") for name in given)


def _ranges(given: frozenset[str]) -> int:
    """How many ranges of an index a page merges: one per actor of the party when their links drive it."""
    return 1 if "resolution" in given else max(_party_size(given), 1)


def _link_conditions(given: frozenset[str], link: type[ActorLink]) -> list[ColumnElement[bool]]:
    """What the actor filters ask of a link to an actor, but which actor: its role, its actor's country."""
    conditions = []
    if "role" in given:
        conditions.append(link.role == bindparam("role"))
    if "country" in given:
        conditions.append(link.actor_id.in_(select(Actor.id).where(Actor.country == bindparam("country"))))
    return conditions


def _driven_query(
    given: frozenset[str], words: int, member: int = 0
) -> tuple[Select[date, str], InstrumentedAttribute[date], InstrumentedAttribute[str]]:
    """The select of (date, id) keys, from the index that narrows the list most, with every filter given. A
    list of a party of several actors is driven by each one's links in turn (`member`, see _statement_of_shape)."""
    actors = [bindparam(f"actor_{index}", type_=ActorLink.actor_id.type) for index in range(_party_size(given))]
    actor_conditions = _link_conditions(given, ActorLink)
    if actors:
        actor_conditions.append(ActorLink.actor_id.in_(actors))

    if "resolution" in given:
        # A scalar subquery rather than a query of its own: one round trip, and the index is still entered
        # at the resolution's id (the subquery is evaluated once, before the scan).
        authority_id = (
            select(Authority.id)
            .where(Authority.kind == AuthorityKind.un_resolution, Authority.number == bindparam("resolution"))
            .scalar_subquery()
        )
        day, action_id = Citation.action_date, Citation.action_id
        query: Select[date, str] = select(day, action_id).where(Citation.authority_id == authority_id)
    elif actors:
        day, action_id = ActorLink.action_date, ActorLink.action_id
        query = select(day, action_id).where(ActorLink.actor_id == actors[member], *_link_conditions(given, ActorLink))
        if member:
            # An action linked to several of the party is read from the first one's links only.
            earlier = aliased(ActorLink)
            query = query.where(
                ~exists().where(
                    earlier.action_id == action_id,
                    earlier.actor_id.in_(actors[:member]),
                    *_link_conditions(given, earlier),
                )
            )
        actor_conditions = []
    elif "official" in given:
        day, action_id = OfficialLink.action_date, OfficialLink.action_id
        query = select(day, action_id).where(OfficialLink.official_id == bindparam("official"))
    else:
        day, action_id = Action.date, Action.id
        query = select(day, action_id)

    if action_id is not Action.id:
        query = query.join(Action, Action.id == action_id)
    query = query.where(Action.status == bindparam("status"))
    if "type" in given:
        query = query.where(Action.type == bindparam("type"))
    if actor_conditions:
        query = query.where(exists().where(ActorLink.action_id == Action.id, *actor_conditions))
    if "official" in given and action_id is not OfficialLink.action_id:
        query = query.where(
            exists().where(OfficialLink.action_id == Action.id, OfficialLink.official_id == bindparam("official"))
        )
    for index in range(words):
        query = query.where(_mentions(bindparam(f"word_{index}")))
    return query, day, action_id


def _mentions(pattern: BindParameter[str]) -> ColumnElement[bool]:
    def quoted(model: type[ActionSource | Citation | ActorLink | OfficialLink]) -> Exists:
        # aliased: the list may be driven by this very link table, and must not correlate with it
        link = aliased(model)
        return exists().where(
            link.action_id == Action.id,
            Quote.source_id == link.source_id,
            Quote.id == link.quote_id,
            Quote.text.ilike(pattern, escape="\\"),
        )

    return or_(
        Action.title.ilike(pattern, escape="\\"),
        Action.summary.ilike(pattern, escape="\\"),
        *(quoted(model) for model in (ActionSource, Citation, ActorLink, OfficialLink)),
    )


def get_action(session: Session, action_id: str) -> ActionOut:
    loaded = load_actions(session, [action_id])
    return found(loaded[0] if loaded else None, "action", action_id)


_PAGE = TypeAdapter(list[ActionOut])


def load_actions(session: Session, ids: Sequence[str]) -> list[ActionOut]:
    """The full records of these actions that exist, in the order given: the documents the database builds
    (actions/documents.py), read as models in one validation."""
    return _PAGE.validate_json(f"[{','.join(action_documents(session, ids))}]")
