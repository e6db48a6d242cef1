from collections.abc import Iterable
from dataclasses import asdict, dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from service.actors.search import search_key
from service.models import Actor, ActorAddress, ActorAlias, ActorIdentifier
from service.writes import Outcome, record_change, touch, upsert_row


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
    wanted: dict[tuple, object] = {}
    for item in given:
        wanted.setdefault(_key(model, item), item)  # one row per primary key: the first the list gives
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
