"""Writing an action with its links: one code path, whoever writes."""

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import chain, islice
from operator import attrgetter

from sqlalchemy import bindparam, delete, exists, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import InstrumentedAttribute, Session

from service.models import (
    Action,
    ActionSource,
    Actor,
    ActorLink,
    Authority,
    Base,
    Citation,
    Official,
    OfficialLink,
    Quote,
    Source,
)
from service.models.actions import quote_id
from service.models.base import utcnow
from service.resolutions.schemas import resolution_number
from service.writes import (
    Outcome,
    among,
    collector_paused,
    hold_feed_lock,
    insert_rows,
    key_violation,
    keys_checked_per_batch,
    record_change,
    record_changes,
    touch,
    upsert_row,
)


@dataclass(frozen=True)
class SourceRef:
    source_id: str
    quote: str


@dataclass(frozen=True)
class CitationRef:
    authority_id: str
    relation: str
    quote: str
    source_id: str


@dataclass(frozen=True)
class ActorRef:
    actor_id: str
    role: str
    quote: str
    source_id: str


@dataclass(frozen=True)
class OfficialRef:
    official_id: str
    title: str | None
    organisation: str | None
    quote: str
    source_id: str


@dataclass(frozen=True)
class ActionRecord:
    """An action with every reference already resolved to an id."""

    id: str
    type: str
    title: str
    summary: str | None
    date: date
    date_precision: str
    date_text: str | None
    status: str
    sources: frozenset[SourceRef] = field(default_factory=frozenset)
    citations: frozenset[CitationRef] = field(default_factory=frozenset)
    actors: frozenset[ActorRef] = field(default_factory=frozenset)
    officials: frozenset[OfficialRef] = field(default_factory=frozenset)


class _QuoteIds(dict[tuple[str, str], int]):
    """The ids of the passages of a batch's links by (source_id, text), each computed once: a batch's links
    quote a few passages many times."""

    def __missing__(self, key: tuple[str, str]) -> int:
        self[key] = quote_id(*key)
        return self[key]


_FIELDS = ("type", "status", "title", "summary", "date", "date_precision", "date_text")


def put_action(session: Session, record: ActionRecord) -> Outcome:
    fields = {name: getattr(record, name) for name in _FIELDS}
    result = upsert_row(session, Action, record.id, fields)
    session.flush()  # the action row (and any new date) must be in place before links point at it
    links_before = None if result.before is None else links_of(session, record.id)
    outcome = result.outcome
    if links_before != _links_wanted(record):
        _replace_links(session, [record], {} if links_before is None else {record.id: links_before})
        if outcome is Outcome.unchanged:
            touch(result.row)
            outcome = Outcome.changed
    if outcome is not Outcome.unchanged:
        before = None if result.before is None or links_before is None else _snapshot(result.before, links_before)
        record_change(session, "action", record.id, before, _snapshot(fields, _links_wanted(record)))
    return outcome


def snapshot_of(session: Session, action: Action) -> dict:
    """The stored action as the change feed keeps it."""
    return _snapshot(_fields(action), links_of(session, action.id))


def delete_action(session: Session, action: Action) -> None:
    """Delete the action with its links and the quotes no other link quotes, leaving a tombstone in the feed."""
    links = links_of(session, action.id)
    before = _snapshot(_fields(action), links)
    session.execute(delete(Action).where(Action.id == action.id))
    _drop_quotes_left(session, [links], [], _QuoteIds())
    record_change(session, "action", action.id, before, None)


def put_actions(session: Session, records: Iterable[ActionRecord], batch_size: int = 2000) -> Counter:
    """Many actions at once, for loads and imports, a batch at a time: the stored actions and links of a batch
    read in five queries and compared in memory; the new actions inserted with their links by insert_rows, the
    changed ones updated by one executemany and their links replaced (deleted and inserted a table at a time),
    the passages their links quote stored once each and those no link quotes any more deleted, and the batch's
    changes recorded as one set. What is unchanged is read and nothing more. Same rows and changes as calling
    put_action on each."""
    outcomes: Counter = Counter()
    session.flush()  # what the caller added through the ORM (sources, actors) before links point at it
    remaining = iter(records)
    while batch := list(islice(remaining, batch_size)):
        with collector_paused():
            outcomes.update(_put_batch(session, {record.id: record for record in batch}))
    return +outcomes


def _put_batch(session: Session, records: dict[str, ActionRecord]) -> Counter:
    connection = session.connection()
    stored_fields = {
        row[0]: dict(zip(_FIELDS, row[1:], strict=True))
        for row in connection.execute(
            select(Action.id, *(getattr(Action, name) for name in _FIELDS)).where(among(session, Action.id, records))
        )
    }
    stored_links = links_of_many(session, list(stored_fields))
    new: list[ActionRecord] = []
    changed: list[ActionRecord] = []
    relinked: list[ActionRecord] = []
    changes: list[tuple[str, dict | None, dict]] = []
    for id, record in records.items():
        fields, links = _fields(record), _links_wanted(record)
        if id not in stored_fields:
            new.append(record)
            changes.append((id, None, _snapshot(fields, links)))
            continue
        before_fields, before_links = stored_fields[id], stored_links[id]
        if before_fields == fields and before_links == links:
            continue
        changed.append(record)
        if before_links != links:
            relinked.append(record)
        changes.append((id, _snapshot(before_fields, before_links), _snapshot(fields, links)))
    now = utcnow()
    # Links go first (they point at the action's id and date, and at action_sources) and come back last.
    _delete_links(session, [record.id for record in relinked])
    if changed:
        connection.execute(
            update(Action)
            .where(Action.id == bindparam("_id"))
            .values({name: bindparam(name) for name in (*_FIELDS, "updated_at")}),
            [_fields(record) | {"_id": record.id, "updated_at": now} for record in changed],
        )
    action = attrgetter("id", *_FIELDS)
    insert_rows(session, Action, ("id", *_FIELDS, "created_at", "updated_at"), [(*action(r), now, now) for r in new])
    quote_ids = _QuoteIds()
    with keys_checked_per_batch(session, lambda: _parents(session, new + relinked)):
        _insert_links(session, new + relinked, quote_ids)
        record_changes(session, "action", changes)  # its rows point at the set it inserts first
    _drop_quotes_left(session, [stored_links[r.id] for r in relinked], relinked, quote_ids)
    unchanged = len(records) - len(new) - len(changed)
    return Counter({Outcome.added: len(new), Outcome.changed: len(changed), Outcome.unchanged: unchanged})


def _insert_links(session: Session, records: list[ActionRecord], quote_ids: _QuoteIds) -> None:
    """The links of these actions, after the passages of `quote_ids` (theirs added to it) not stored yet."""
    rows = [(r.id, s.source_id, quote_ids[s.source_id, s.quote]) for r in records for s in r.sources]
    tables: list[tuple[type[Base], tuple[str, ...], list[tuple]]] = [
        (ActionSource, ("action_id", "source_id", "quote_id"), rows)
    ]
    for model, attribute, ref_type in _LINKS:
        names = tuple(name for name in _names(ref_type) if name != "quote")
        fields = attrgetter(*names)  # two or more: a tuple
        rows = [
            (r.id, r.date, *fields(link), quote_ids[link.source_id, link.quote])
            for r in records
            for link in getattr(r, attribute)
        ]
        tables.append((model, ("action_id", "action_date", *names, "quote_id"), rows))
    _put_quotes(session, quote_ids)
    for table, columns, rows in tables:
        insert_rows(session, table, columns, rows)


def _parents(session: Session, records: list[ActionRecord]) -> dict[InstrumentedAttribute[str], set[str]]:
    """The records outside the batch that these actions' links point at, for keys_checked_per_batch. The rest
    they point at is the batch's own: the actions, their sources' links, the passages. A link quoting a source
    its action does not list fails here, as its row would."""
    parents: dict[InstrumentedAttribute[str], set[str]] = {
        Source.id: set(),
        Authority.id: set(),
        Actor.id: set(),
        Official.id: set(),
    }
    for record in records:
        listed = {ref.source_id for ref in record.sources}
        if unlisted := {ref.source_id for ref in chain(*_links_wanted(record)[1:])} - listed:
            raise key_violation(session, f"action {record.id} quotes sources it does not list: {sorted(unlisted)}")
        parents[Source.id] |= listed
        parents[Authority.id].update(ref.authority_id for ref in record.citations)
        parents[Actor.id].update(ref.actor_id for ref in record.actors)
        parents[Official.id].update(ref.official_id for ref in record.officials)
    return parents


# The four link tables, those that point at action_sources first: in this order their rows can be deleted.
_LINK_TABLES = (Citation, ActorLink, OfficialLink, ActionSource)


def _delete_links(session: Session, action_ids: list[str]) -> None:
    if not action_ids:
        return
    for model in _LINK_TABLES:
        session.connection().execute(delete(model).where(among(session, model.action_id, action_ids)))


def _replace_links(session: Session, records: list[ActionRecord], before: dict[str, tuple]) -> None:
    """Replace the links of these actions (`before`, those stored of each that has any) and delete the quotes no
    link quotes any more."""
    _delete_links(session, [record.id for record in records])
    quote_ids = _QuoteIds()
    _insert_links(session, records, quote_ids)
    _drop_quotes_left(session, before.values(), records, quote_ids)


def _put_quotes(session: Session, quote_ids: dict[tuple[str, str], int]) -> None:
    """Store these passages, by (source_id, text), with their ids: one stored already is left as it is (its id
    is of its source and text). Under the feed's lock, so that no concurrent writer deletes one meanwhile."""
    if not quote_ids:
        return
    hold_feed_lock(session)
    connection = session.connection()
    insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    rows = [{"source_id": source_id, "id": id, "text": text} for (source_id, text), id in quote_ids.items()]
    connection.execute(insert(Quote).on_conflict_do_nothing(), rows)


def _drop_quotes_left(
    session: Session, before: Iterable[tuple], records: list[ActionRecord], quote_ids: _QuoteIds
) -> None:
    """Delete the quotes of the links `before` (each an action's four sets, as _links_wanted) that these records'
    links no longer quote, nor any other link."""
    kept = _quote_keys(map(_links_wanted, records), quote_ids)
    _drop_unquoted(session, _quote_keys(before, quote_ids) - kept)


def _drop_unquoted(session: Session, keys: set[tuple[str, int]]) -> None:
    """Delete the quotes of these (source_id, id) that no link quotes any more: each link table's index on
    quote_id answers for each. By source, the first column of the quotes' key."""
    by_source = defaultdict(list)
    for source_id, id in keys:
        by_source[source_id].append(id)
    if by_source:
        hold_feed_lock(session)
    unquoted = [
        ~exists().where(model.source_id == Quote.source_id, model.quote_id == Quote.id) for model in _LINK_TABLES
    ]
    for source_id, ids in by_source.items():
        query = delete(Quote).where(Quote.source_id == source_id, among(session, Quote.id, ids), *unquoted)
        session.connection().execute(query)


def _quote_keys(links: Iterable[tuple], quote_ids: _QuoteIds) -> set[tuple[str, int]]:
    """The (source_id, quote id) of each quote of these links (each an action's four sets, as _links_wanted),
    each passage hashed once with those of `quote_ids`."""
    refs = chain.from_iterable(chain.from_iterable(links))
    return {(ref.source_id, quote_ids[ref.source_id, ref.quote]) for ref in refs}


_LINKS = (
    (Citation, "citations", CitationRef),
    (ActorLink, "actors", ActorRef),
    (OfficialLink, "officials", OfficialRef),
)


def _fields(record: ActionRecord | Action) -> dict:
    return {name: getattr(record, name) for name in _FIELDS}


def _names(ref_type: type) -> tuple[str, ...]:
    """A reference's fields: its link table's columns, with the text of its quote in place of the quote's id."""
    return tuple(f.name for f in dataclasses.fields(ref_type))


def _snapshot(fields: dict, links: tuple) -> dict:
    """An action as the change feed keeps it: its fields and its links, each list in the order of the linked
    record's id (one link per action and record: the order is total)."""
    return fields | {
        name: [vars(ref) for ref in sorted(refs, key=linked_id)]
        for (name, linked_id), refs in zip(_LINKED_IDS.items(), links, strict=True)
    }


_LINKED_IDS = {
    "sources": attrgetter("source_id"),
    "citations": attrgetter("authority_id"),
    "actors": attrgetter("actor_id"),
    "officials": attrgetter("official_id"),
}


def as_body(snapshot: dict) -> dict:
    """A snapshot as the feed keeps it (links named as their tables' columns) in the vocabulary of the API's
    bodies and answers (ActionSnapshot): resolutions cited by number, other authorities and the linked records
    by `id`."""

    def renamed(links: list[dict], key: str) -> list[dict]:
        return [{"id": link[key]} | {k: v for k, v in link.items() if k != key} for link in links]

    numbered = [(resolution_number(c["authority_id"]), c) for c in snapshot["citations"]]
    return {name: value for name, value in snapshot.items() if name not in _LINKED_IDS} | {
        "resolutions": [
            {"number": number} | {k: v for k, v in c.items() if k != "authority_id"}
            for number, c in sorted((n, c) for n, c in numbered if n is not None)
        ],
        "authorities": renamed([c for n, c in numbered if n is None], "authority_id"),
        "actors": renamed(snapshot["actors"], "actor_id"),
        "officials": renamed(snapshot["officials"], "official_id"),
        "sources": renamed(snapshot["sources"], "source_id"),
    }


def _links_wanted(record: ActionRecord) -> tuple:
    return (record.sources, record.citations, record.actors, record.officials)


def links_of(session: Session, action_id: str) -> tuple:
    return links_of_many(session, [action_id])[action_id]


def links_of_many(session: Session, action_ids: list[str]) -> dict[str, tuple]:
    """The stored links of each action, as put_action compares them: one query per link table."""
    found: dict[str, tuple[set, ...]] = {id: (set(), set(), set(), set()) for id in action_ids}
    if action_ids:
        tables: tuple[tuple[type[ActionSource | Citation | ActorLink | OfficialLink], type], ...] = (
            (ActionSource, SourceRef),
            (Citation, CitationRef),
            (ActorLink, ActorRef),
            (OfficialLink, OfficialRef),
        )
        for index, (model, ref_type) in enumerate(tables):
            # The passage by a subquery per link, not a join: for a batch's few hundred links PostgreSQL's
            # planner preferred hashing every passage (14 ms a query on OFAC's list, against 3 ms).
            text = (
                select(Quote.text)
                .where(Quote.source_id == model.source_id, Quote.id == model.quote_id)
                .scalar_subquery()
            )
            columns = [text if name == "quote" else getattr(model, name) for name in _names(ref_type)]
            query = select(model.action_id, *columns).where(among(session, model.action_id, action_ids))
            for action_id, *values in session.execute(query):
                found[action_id][index].add(ref_type(*values))
    return {id: tuple(map(frozenset, links)) for id, links in found.items()}
