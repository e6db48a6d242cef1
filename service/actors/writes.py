from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, astuple, dataclass, field, fields
from typing import TypeVar

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.orm import Session

from service.actors.search import BULK_NAMES, compact_name_index
from service.folding import fold
from service.models import Actor, ActorAddress, ActorAlias, ActorBirthDate, ActorIdentifier, ActorWeakAlias
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


@dataclass(frozen=True)
class BirthDate:
    date: str  # YYYY-MM-DD, YYYY-MM or YYYY: as precise as the list gives it


@dataclass(frozen=True)
class WeakAlias:
    alias: str  # a name too broad to screen on alone (service/models/actors.py, ActorWeakAlias)


Item = TypeVar("Item", Identifier, Address, BirthDate, WeakAlias)


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
    birth_dates: Iterable[BirthDate] | None = None,
    weak_aliases: Iterable[WeakAlias] | None = None,
) -> Outcome:
    """Upsert an actor with its aliases and, when given (None leaves them as they are), its identifiers,
    addresses, birth dates and weak aliases; one change records all of it. A weak alias that is also the
    actor's name or one of its aliases is not kept: the stronger name stands."""
    fields = {"name": name, "kind": kind, "country": country}
    result = upsert_row(session, Actor, id, fields | {"search_key": fold(name)})
    new = result.outcome is Outcome.added  # then nothing points at it yet: no need to look
    wanted = set(aliases) - {name}
    current = set() if new else set(session.scalars(select(ActorAlias.alias).where(ActorAlias.actor_id == id)))
    outcome = result.outcome
    links_changed = False
    if wanted != current:
        if not new:
            session.flush()  # the flush orders the inserts after the actor's; this delete must come after it too
            session.execute(delete(ActorAlias).where(ActorAlias.actor_id == id, ActorAlias.alias.in_(current - wanted)))
        session.add_all(ActorAlias(actor_id=id, alias=a, search_key=fold(a)) for a in wanted - current)
        links_changed = True
    details_before, details_after = {}, {}
    for key, model, given in (
        ("identifiers", ActorIdentifier, identifiers),
        ("addresses", ActorAddress, addresses),
        ("birth_dates", ActorBirthDate, birth_dates),
        ("weak_aliases", ActorWeakAlias, None if weak_aliases is None else _weaker(weak_aliases, wanted | {name})),
    ):
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
    """Make the actor's identifiers (or addresses, birth dates, weak aliases) the given ones; return (wanted,
    stored before)."""
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
    """The actor's stored identifiers (or addresses, birth dates, weak aliases)."""
    record = dict(_DETAILS)[model]
    columns = [getattr(model, item.name) for item in fields(record)]
    return {record(*row) for row in session.execute(select(*columns).where(model.actor_id == actor_id))}


def _weaker(weak_aliases: Iterable[WeakAlias], names: set[str]) -> list[WeakAlias]:
    return [weak for weak in weak_aliases if weak.alias not in names]


def _key(model, item) -> tuple:
    return (item.scheme, item.value) if model is ActorIdentifier else astuple(item)[:1]


def _listed(items: set) -> list:
    """Identifiers, addresses, birth dates or weak aliases as the change feed keeps them: as ActorIn takes them
    (a list of one field each is a list of its values)."""
    if all(isinstance(item, BirthDate | WeakAlias) for item in items):
        return sorted(astuple(item)[0] for item in items)
    return sorted((asdict(item) for item in items), key=lambda item: tuple(str(v) for v in item.values()))


@dataclass(frozen=True)
class ActorRecord:
    """An actor as a list gives it: names, identifiers, addresses, birth dates and weak aliases, all of them."""

    id: str
    name: str
    kind: str
    country: str | None
    aliases: tuple[str, ...]
    identifiers: tuple[Identifier, ...]
    addresses: tuple[Address, ...]
    birth_dates: tuple[BirthDate, ...] = ()
    weak_aliases: tuple[WeakAlias, ...] = ()


_DETAILS: tuple[tuple[type[ActorIdentifier | ActorAddress | ActorBirthDate | ActorWeakAlias], type], ...] = (
    (ActorIdentifier, Identifier),
    (ActorAddress, Address),
    (ActorBirthDate, BirthDate),
    (ActorWeakAlias, WeakAlias),
)


@dataclass
class _ActorState:
    """An actor as put_actor compares it: its fields, aliases, and its other details by table."""

    fields: dict[str, str | None]
    aliases: set[str]
    details: dict[type, set]

    @classmethod
    def wanted(cls, record: ActorRecord) -> "_ActorState":
        aliases = set(record.aliases) - {record.name}
        weak_aliases = _weaker(record.weak_aliases, aliases | {record.name})
        return cls(
            {"name": record.name, "kind": record.kind, "country": record.country},
            aliases,
            {
                ActorIdentifier: set(_unique(ActorIdentifier, record.identifiers).values()),
                ActorAddress: set(_unique(ActorAddress, record.addresses).values()),
                ActorBirthDate: set(_unique(ActorBirthDate, record.birth_dates).values()),
                ActorWeakAlias: set(_unique(ActorWeakAlias, weak_aliases).values()),
            },
        )

    def snapshot(self) -> dict:
        return self.fields | {
            "aliases": sorted(self.aliases),
            "identifiers": _listed(self.details[ActorIdentifier]),
            "addresses": _listed(self.details[ActorAddress]),
            "birth_dates": _listed(self.details[ActorBirthDate]),
            "weak_aliases": _listed(self.details[ActorWeakAlias]),
        }


def put_actors(session: Session, records: list[ActorRecord]) -> Counter:
    """put_actor for many actors at once (imports): their stored fields, aliases and other details read a
    table at a time and compared in memory; what is new inserted by insert_rows, what changed updated, deleted
    and inserted a table at a time, and the changes recorded as one set. Same rows and changes as put_actor on
    each."""
    stored = _stored_actors(session, [record.id for record in records])
    batch = _ActorBatch()
    for record in records:
        wanted, before = _ActorState.wanted(record), stored.get(record.id)
        if before != wanted:
            batch.take(record, wanted, before)
    batch.write(session)
    record_changes(session, "actor", batch.changes)
    if len(batch.new) + len(batch.updated) + len(batch.aliases_added) >= BULK_NAMES:
        compact_name_index(session)
    return +Counter(
        {
            Outcome.added: len(batch.new),
            Outcome.changed: len(batch.updated),
            Outcome.unchanged: len(records) - len(batch.new) - len(batch.updated),
        }
    )


@dataclass
class _ActorBatch:
    """What put_actors writes: the new and changed actors, and their rows to add and to take away."""

    new: list[ActorRecord] = field(default_factory=list)
    updated: list[ActorRecord] = field(default_factory=list)
    changes: list[tuple[str, dict | None, dict | None]] = field(default_factory=list)
    aliases_added: list[tuple[str, str]] = field(default_factory=list)
    aliases_gone: list[dict[str, str]] = field(default_factory=list)
    details_redone: dict[type, list[str]] = field(default_factory=lambda: {model: [] for model, _ in _DETAILS})
    details_added: dict[type, list[tuple]] = field(default_factory=lambda: {model: [] for model, _ in _DETAILS})

    def take(self, record: ActorRecord, wanted: _ActorState, before: _ActorState | None) -> None:
        (self.new if before is None else self.updated).append(record)
        current = set() if before is None else before.aliases
        self.aliases_added += [(record.id, alias) for alias in wanted.aliases - current]
        self.aliases_gone += [{"id": record.id, "alias": alias} for alias in current - wanted.aliases]
        for model, _ in _DETAILS:
            if before is None or wanted.details[model] != before.details[model]:
                if before is not None:
                    self.details_redone[model].append(record.id)
                self.details_added[model] += [(record.id, *astuple(item)) for item in wanted.details[model]]
        self.changes.append((record.id, None if before is None else before.snapshot(), wanted.snapshot()))

    def write(self, session: Session) -> None:
        now, connection = utcnow(), session.connection()
        insert_rows(
            session,
            Actor,
            ("id", "name", "kind", "country", "search_key", "created_at", "updated_at"),
            [(r.id, r.name, r.kind, r.country, fold(r.name), now, now) for r in self.new],
        )
        if self.updated:
            connection.execute(
                update(Actor)
                .where(Actor.id == bindparam("_id"))
                .values(name=bindparam("name"), kind=bindparam("kind"), country=bindparam("country"))
                .values(search_key=bindparam("key"), updated_at=bindparam("now")),
                [
                    {"_id": r.id, "name": r.name, "kind": r.kind, "country": r.country, "key": fold(r.name), "now": now}
                    for r in self.updated
                ],
            )
        if self.aliases_gone:
            gone = delete(ActorAlias).where(
                ActorAlias.actor_id == bindparam("id"), ActorAlias.alias == bindparam("alias")
            )
            connection.execute(gone, self.aliases_gone)
        aliases = [(id, alias, fold(alias)) for id, alias in self.aliases_added]
        insert_rows(session, ActorAlias, ("actor_id", "alias", "search_key"), aliases)
        for model, record_type in _DETAILS:
            if self.details_redone[model]:
                connection.execute(delete(model).where(among(session, model.actor_id, self.details_redone[model])))
            columns = ("actor_id", *(item.name for item in fields(record_type)))
            insert_rows(session, model, columns, self.details_added[model])


def _stored_actors(session: Session, ids: list[str]) -> dict[str, _ActorState]:
    """The stored actors of these ids, a query per table."""
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
        columns = [getattr(model, item.name) for item in fields(record_type)]
        details = select(model.actor_id, *columns).where(among(session, model.actor_id, ids))
        for id, *values in connection.execute(details):
            stored[id].details[model].add(record_type(*values))
    return stored


def _unique(model, given: Iterable[Item]) -> dict[tuple, Item]:
    """One item per primary key: the first the list gives."""
    wanted: dict[tuple, Item] = {}
    for item in given:
        wanted.setdefault(_key(model, item), item)
    return wanted
