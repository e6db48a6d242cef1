from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, astuple, dataclass
from typing import TypeVar

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.orm import Session

from service.actors.search import BULK_NAMES, compact_name_index, search_key
from service.models import Actor, ActorAddress, ActorAlias, ActorIdentifier
from service.models.base import utcnow
from service.writes import Outcome, among, insert_rows, record_change, record_changes, touch, upsert_row


@dataclass(frozen=True)
class Identifier:
    scheme: str
    value: str
    country: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Address:
    address: str
    country: str | None = None
    note: str | None = None


Item = TypeVar("Item", Identifier, Address)


def put_actor(
    session: Session,
    id: str,
    *,
    name: str,
    kind: str,
    country: str | None,
    aliases: list[str],
    identifiers: Iterable[Identifier] | None = None,
    addresses: Iterable[Address] | None = None,
) -> Outcome:
    """Upsert an actor with its aliases and, when given (None leaves them as they are), its identifiers and
    addresses; one change records all of it."""
    fields = {"name": name, "kind": kind, "country": country}
    result = upsert_row(session, Actor, id, fields | {"search_key": search_key(name)})
    new = result.outcome is Outcome.added  # then nothing points at it yet: no need to look
    wanted = set(aliases) - {name}
    current = set() if new else set(session.scalars(select(ActorAlias.alias).where(ActorAlias.actor_id == id)))
    outcome = result.outcome
    links_changed = False
    if wanted != current:
        if not new:
            session.flush()  # the flush orders the inserts after the actor's; this delete must come after it too
            session.execute(delete(ActorAlias).where(ActorAlias.actor_id == id, ActorAlias.alias.in_(current - wanted)))
        session.add_all(ActorAlias(actor_id=id, alias=a, search_key=search_key(a)) for a in wanted - current)
        links_changed = True
    details_before, details_after = {}, {}
    for key, model, given in (("identifiers", ActorIdentifier, identifiers), ("addresses", ActorAddress, addresses)):
        if given is None:  # kept as stored; the change still records them, for the feed's record to be whole
            kept = stored = set() if new else _stored_details(session, id, model)
        else:
            kept, stored = _replace_details(session, id, model, given, new)
        details_before[key], details_after[key] = _listed(stored), _listed(kept)
        links_changed |= kept != stored
    if links_changed and outcome is Outcome.unchanged:
        touch(result.row)
        outcome = Outcome.changed
    if outcome is not Outcome.unchanged:
        before = None
        if result.before is not None:
            before = {key: result.before[key] for key in fields} | {"aliases": sorted(current)} | details_before
        record_change(session, "actor", id, before, fields | {"aliases": sorted(wanted)} | details_after)
    return outcome


def _replace_details(session: Session, actor_id: str, model, given: Iterable, new: bool) -> tuple[set, set]:
    """Make the actor's identifiers (or addresses) the given ones; return (wanted, stored before)."""
    wanted = _unique(model, given)
    stored = set() if new else _stored_details(session, actor_id, model)
    kept = set(wanted.values())
    if kept != stored:
        if not new:
            session.flush()  # the flush orders the inserts after the actor's; this delete must come after it too
            session.execute(delete(model).where(model.actor_id == actor_id))
        session.add_all(model(actor_id=actor_id, **asdict(item)) for item in kept)
    return kept, stored


def _stored_details(session: Session, actor_id: str, model) -> set:
    """The actor's stored identifiers (or addresses)."""
    record = Identifier if model is ActorIdentifier else Address
    columns = [getattr(model, name) for name in record.__dataclass_fields__]
    return {record(*row) for row in session.execute(select(*columns).where(model.actor_id == actor_id))}


def _key(model, item) -> tuple:
    return (item.scheme, item.value) if model is ActorIdentifier else (item.address,)


def _listed(items: set) -> list[dict]:
    return sorted((asdict(item) for item in items), key=lambda item: tuple(str(v) for v in item.values()))


@dataclass(frozen=True)
class ActorRecord:
    """An actor as a list gives it: names, identifiers and addresses, all of them."""

    id: str
    name: str
    kind: str
    country: str | None
    aliases: tuple[str, ...]
    identifiers: tuple[Identifier, ...]
    addresses: tuple[Address, ...]


_DETAILS: tuple[tuple[type[ActorIdentifier] | type[ActorAddress], type[Identifier] | type[Address]], ...] = (
    (ActorIdentifier, Identifier),
    (ActorAddress, Address),
)


@dataclass
class _ActorState:
    """An actor as put_actor compares it: its fields, aliases, and identifiers and addresses by table."""

    fields: dict[str, str | None]
    aliases: set[str]
    details: dict[type, set]

    @classmethod
    def wanted(cls, record: ActorRecord) -> "_ActorState":
        return cls(
            {"name": record.name, "kind": record.kind, "country": record.country},
            set(record.aliases) - {record.name},
            {
                ActorIdentifier: set(_unique(ActorIdentifier, record.identifiers).values()),
                ActorAddress: set(_unique(ActorAddress, record.addresses).values()),
            },
        )

    def snapshot(self) -> dict:
        return self.fields | {
            "aliases": sorted(self.aliases),
            "identifiers": _listed(self.details[ActorIdentifier]),
            "addresses": _listed(self.details[ActorAddress]),
        }


def put_actors(session: Session, records: list[ActorRecord]) -> Counter:
    """put_actor for many actors at once (imports): their stored fields, aliases, identifiers and addresses read
    in four queries and compared in memory; what is new inserted by insert_rows, what changed updated, deleted
    and inserted a table at a time, and the changes recorded as one set. Same rows and changes as put_actor on
    each."""
    stored = _stored_actors(session, [record.id for record in records])
    new: list[ActorRecord] = []
    updated: list[ActorRecord] = []
    changes: list[tuple[str, dict | None, dict]] = []
    aliases_added: list[tuple[str, str]] = []
    aliases_gone: list[dict[str, str]] = []
    details_redone: dict[type, list[str]] = {model: [] for model, _ in _DETAILS}
    details_added: dict[type, list[tuple]] = {model: [] for model, _ in _DETAILS}
    for record in records:
        wanted, before = _ActorState.wanted(record), stored.get(record.id)
        if before == wanted:
            continue
        (new if before is None else updated).append(record)
        current = set() if before is None else before.aliases
        aliases_added += [(record.id, alias) for alias in wanted.aliases - current]
        aliases_gone += [{"id": record.id, "alias": alias} for alias in current - wanted.aliases]
        for model, _ in _DETAILS:
            if before is None or wanted.details[model] != before.details[model]:
                if before is not None:
                    details_redone[model].append(record.id)
                details_added[model] += [(record.id, *astuple(item)) for item in wanted.details[model]]
        changes.append((record.id, None if before is None else before.snapshot(), wanted.snapshot()))
    now, connection = utcnow(), session.connection()
    insert_rows(
        session,
        Actor,
        ("id", "name", "kind", "country", "search_key", "created_at", "updated_at"),
        [(r.id, r.name, r.kind, r.country, search_key(r.name), now, now) for r in new],
    )
    if updated:
        connection.execute(
            update(Actor)
            .where(Actor.id == bindparam("_id"))
            .values(name=bindparam("name"), kind=bindparam("kind"), country=bindparam("country"))
            .values(search_key=bindparam("key"), updated_at=bindparam("now")),
            [
                {"_id": r.id, "name": r.name, "kind": r.kind, "country": r.country, "key": search_key(r.name)}
                | {"now": now}
                for r in updated
            ],
        )
    if aliases_gone:
        connection.execute(
            delete(ActorAlias).where(ActorAlias.actor_id == bindparam("id"), ActorAlias.alias == bindparam("alias")),
            aliases_gone,
        )
    insert_rows(
        session, ActorAlias, ("actor_id", "alias", "search_key"), [(id, a, search_key(a)) for id, a in aliases_added]
    )
    for model, record_type in _DETAILS:
        if details_redone[model]:
            connection.execute(delete(model).where(among(session, model.actor_id, details_redone[model])))
        insert_rows(session, model, ("actor_id", *record_type.__dataclass_fields__), details_added[model])
    record_changes(session, "actor", changes)
    if len(new) + len(updated) + len(aliases_added) >= BULK_NAMES:
        compact_name_index(session)
    return +Counter(
        {
            Outcome.added: len(new),
            Outcome.changed: len(updated),
            Outcome.unchanged: len(records) - len(new) - len(updated),
        }
    )


def _stored_actors(session: Session, ids: list[str]) -> dict[str, _ActorState]:
    """The stored actors of these ids, in four queries."""
    connection = session.connection()
    query = select(Actor.id, Actor.name, Actor.kind, Actor.country).where(among(session, Actor.id, ids))
    stored = {
        id: _ActorState(
            {"name": name, "kind": kind, "country": country}, set(), {model: set() for model, _ in _DETAILS}
        )
        for id, name, kind, country in connection.execute(query)
    }
    if not stored:  # new actors only: nothing of theirs to read (a round trip saved per table)
        return stored
    aliases = select(ActorAlias.actor_id, ActorAlias.alias).where(among(session, ActorAlias.actor_id, ids))
    for id, alias in connection.execute(aliases):
        stored[id].aliases.add(alias)
    for model, record_type in _DETAILS:
        columns = [getattr(model, name) for name in record_type.__dataclass_fields__]
        query = select(model.actor_id, *columns).where(among(session, model.actor_id, ids))
        for id, *values in connection.execute(query):
            stored[id].details[model].add(record_type(*values))
    return stored


def _unique(model, given: Iterable[Item]) -> dict[tuple, Item]:
    """One item per primary key: the first the list gives."""
    wanted: dict[tuple, Item] = {}
    for item in given:
        wanted.setdefault(_key(model, item), item)
    return wanted
