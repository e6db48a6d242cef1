from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, astuple, dataclass

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.orm import Session

from service.actors.search import search_key
from service.models import Actor, ActorAddress, ActorAlias, ActorIdentifier
from service.models.base import utcnow
from service.writes import Outcome, insert_rows, record_change, record_changes, touch, upsert_row


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
        if given is None:
            continue
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
    record = Identifier if model is ActorIdentifier else Address
    names = [name for name in record.__dataclass_fields__]
    wanted = _unique(model, given)
    stored: set = set()
    if not new:
        columns = [getattr(model, name) for name in names]
        stored = {record(*row) for row in session.execute(select(*columns).where(model.actor_id == actor_id))}
    kept = set(wanted.values())
    if kept != stored:
        if not new:
            session.flush()  # the flush orders the inserts after the actor's; this delete must come after it too
            session.execute(delete(model).where(model.actor_id == actor_id))
        session.add_all(model(actor_id=actor_id, **asdict(item)) for item in kept)
    return kept, stored


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


def put_actors(session: Session, records: list[ActorRecord]) -> Counter:
    """put_actor for many actors at once (imports): their stored fields, aliases, identifiers and addresses read
    in four queries and compared in memory; what is new inserted by insert_rows, what changed updated, deleted
    and inserted a table at a time, and the changes recorded as one set. Same rows and changes as put_actor on
    each."""
    ids = [record.id for record in records]
    connection = session.connection()
    stored = {
        id: {"name": name, "kind": kind, "country": country}
        for id, name, kind, country in connection.execute(
            select(Actor.id, Actor.name, Actor.kind, Actor.country).where(Actor.id.in_(ids))
        )
    }
    aliases: dict[str, set[str]] = {id: set() for id in stored}
    for id, alias in connection.execute(
        select(ActorAlias.actor_id, ActorAlias.alias).where(ActorAlias.actor_id.in_(ids))
    ):
        aliases[id].add(alias)
    details: dict[type, dict[str, set]] = {}
    for model, record_type in ((ActorIdentifier, Identifier), (ActorAddress, Address)):
        found: dict[str, set] = {id: set() for id in stored}
        columns = [getattr(model, name) for name in record_type.__dataclass_fields__]
        for id, *values in connection.execute(select(model.actor_id, *columns).where(model.actor_id.in_(ids))):
            found[id].add(record_type(*values))
        details[model] = found
    now = utcnow()
    outcomes: Counter = Counter()
    changes, new, updated = [], [], []
    alias_rows, gone_aliases, detail_rows, redone = (
        [],
        [],
        {ActorIdentifier: [], ActorAddress: []},
        {ActorIdentifier: [], ActorAddress: []},
    )
    for record in records:
        fields = {"name": record.name, "kind": record.kind, "country": record.country}
        wanted_aliases = set(record.aliases) - {record.name}
        wanted = {
            ActorIdentifier: set(_unique(ActorIdentifier, record.identifiers).values()),
            ActorAddress: set(_unique(ActorAddress, record.addresses).values()),
        }
        after = fields | {
            "aliases": sorted(wanted_aliases),
            "identifiers": _listed(wanted[ActorIdentifier]),
            "addresses": _listed(wanted[ActorAddress]),
        }
        if record.id not in stored:
            new.append(record)
            alias_rows += [(record.id, alias) for alias in wanted_aliases]
            for model, items in wanted.items():
                detail_rows[model] += [(record.id, item) for item in items]
            changes.append((record.id, None, after))
            outcomes[Outcome.added] += 1
            continue
        current = aliases[record.id]
        kept = {model: details[model][record.id] for model in wanted}
        if stored[record.id] == fields and current == wanted_aliases and kept == wanted:
            outcomes[Outcome.unchanged] += 1
            continue
        updated.append(record)
        alias_rows += [(record.id, alias) for alias in wanted_aliases - current]
        gone_aliases += [(record.id, alias) for alias in current - wanted_aliases]
        for model, items in wanted.items():
            if items != kept[model]:
                redone[model].append(record.id)
                detail_rows[model] += [(record.id, item) for item in items]
        before = stored[record.id] | {
            "aliases": sorted(current),
            "identifiers": _listed(kept[ActorIdentifier]),
            "addresses": _listed(kept[ActorAddress]),
        }
        changes.append((record.id, before, after))
        outcomes[Outcome.changed] += 1
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
                {
                    "_id": r.id,
                    "name": r.name,
                    "kind": r.kind,
                    "country": r.country,
                    "key": search_key(r.name),
                    "now": now,
                }
                for r in updated
            ],
        )
    if gone_aliases:
        connection.execute(
            delete(ActorAlias).where(ActorAlias.actor_id == bindparam("id"), ActorAlias.alias == bindparam("alias")),
            [{"id": id, "alias": alias} for id, alias in gone_aliases],
        )
    insert_rows(
        session, ActorAlias, ("actor_id", "alias", "search_key"), [(id, a, search_key(a)) for id, a in alias_rows]
    )
    for model, record_type in ((ActorIdentifier, Identifier), (ActorAddress, Address)):
        if redone[model]:
            connection.execute(delete(model).where(model.actor_id.in_(redone[model])))
        names = tuple(record_type.__dataclass_fields__)
        insert_rows(session, model, ("actor_id", *names), [(id, *astuple(item)) for id, item in detail_rows[model]])
    record_changes(session, "actor", changes)
    return +outcomes


def _unique(model, given: Iterable) -> dict[tuple, object]:
    """One item per primary key: the first the list gives."""
    wanted: dict[tuple, object] = {}
    for item in given:
        wanted.setdefault(_key(model, item), item)
    return wanted
