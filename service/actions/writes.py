"""Writing an action with its links: one code path, whoever writes."""

import dataclasses
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from operator import attrgetter

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from service.models import Action, ActionSource, ActorLink, Citation, OfficialLink
from service.models.base import utcnow
from service.writes import Outcome, insert_rows, record_change, record_creations, touch, upsert_row


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


_FIELDS = ("type", "status", "title", "summary", "date", "date_precision", "date_text")


def put_action(session: Session, record: ActionRecord) -> Outcome:
    fields = {name: getattr(record, name) for name in _FIELDS}
    result = upsert_row(session, Action, record.id, fields)
    session.flush()  # the action row (and any new date) must be in place before links point at it
    links_before = None if result.before is None else links_of(session, record.id)
    outcome = result.outcome
    if links_before != _links_wanted(record):
        _replace_links(session, record)
        if outcome is Outcome.unchanged:
            touch(result.row)
            outcome = Outcome.changed
    if outcome is not Outcome.unchanged:
        before = None if result.before is None else _snapshot(result.before, links_before)
        record_change(session, "action", record.id, before, _snapshot(fields, _links_wanted(record)))
    return outcome


def snapshot_of(session: Session, action: Action) -> dict:
    """The stored action as the change feed keeps it."""
    fields = {name: getattr(action, name) for name in _FIELDS}
    return _snapshot(fields, links_of(session, action.id))


def put_actions(session: Session, records: Iterable[ActionRecord], batch_size: int = 2000) -> Counter:
    """Many actions at once, for loads and imports: the ones whose id is new go in by insert_rows, a table at a
    time (with their links and their changes); the others through put_action, one by one. Same rows and
    changes as calling put_action on each, at a fraction of the round trips and of the work per row."""
    outcomes: Counter = Counter()
    remaining = iter(records)
    while batch := list(islice(remaining, batch_size)):
        ids = [record.id for record in batch]
        existing = set(session.scalars(select(Action.id).where(Action.id.in_(ids))))
        new = [record for record in batch if record.id not in existing]
        for record in batch:
            if record.id in existing:
                outcomes[put_action(session, record)] += 1
        if new:
            _insert_new(session, new)
            outcomes[Outcome.added] += len(new)
    return outcomes


def _insert_new(session: Session, records: list[ActionRecord]) -> None:
    now = utcnow()
    action = attrgetter("id", *_FIELDS)
    columns = ("id", *_FIELDS, "created_at", "updated_at")
    insert_rows(session, Action, columns, [(*action(r), now, now) for r in records])
    names = _names(SourceRef)
    ref = attrgetter(*names)
    rows = [(r.id, *ref(source)) for r in records for source in r.sources]
    insert_rows(session, ActionSource, ("action_id", *names), rows)
    for model, attribute, ref_type in (
        (Citation, "citations", CitationRef),
        (ActorLink, "actors", ActorRef),
        (OfficialLink, "officials", OfficialRef),
    ):
        names = _names(ref_type)
        ref = attrgetter(*names)
        rows = [(r.id, r.date, *ref(link)) for r in records for link in getattr(r, attribute)]
        insert_rows(session, model, ("action_id", "action_date", *names), rows)
    record_creations(
        session,
        "action",
        [(r.id, _snapshot({name: getattr(r, name) for name in _FIELDS}, _links_wanted(r))) for r in records],
    )


def _names(ref_type: type) -> tuple[str, ...]:
    """A reference's fields, which are its link table's columns (each has two or more, so attrgetter of them
    gives a tuple)."""
    return tuple(f.name for f in dataclasses.fields(ref_type))


def _snapshot(fields: dict, links: tuple) -> dict:
    """An action as the change feed keeps it: its fields and its links, in a stable order."""
    names = ("sources", "citations", "actors", "officials")
    return fields | {name: sorted(map(vars, refs), key=repr) for name, refs in zip(names, links, strict=True)}


def _links_wanted(record: ActionRecord) -> tuple:
    return (record.sources, record.citations, record.actors, record.officials)


def links_of(session: Session, action_id: str) -> tuple:
    def rows(*columns):
        return session.execute(select(*columns).where(columns[0].table.c.action_id == action_id)).all()

    return (
        frozenset(SourceRef(*row) for row in rows(ActionSource.source_id, ActionSource.quote)),
        frozenset(
            CitationRef(*row)
            for row in rows(Citation.authority_id, Citation.relation, Citation.quote, Citation.source_id)
        ),
        frozenset(
            ActorRef(*row) for row in rows(ActorLink.actor_id, ActorLink.role, ActorLink.quote, ActorLink.source_id)
        ),
        frozenset(
            OfficialRef(*row)
            for row in rows(
                OfficialLink.official_id,
                OfficialLink.title,
                OfficialLink.organisation,
                OfficialLink.quote,
                OfficialLink.source_id,
            )
        ),
    )


def _replace_links(session: Session, record: ActionRecord) -> None:
    # The links point at action_sources, so they go first and come back last.
    for model in (Citation, ActorLink, OfficialLink, ActionSource):
        session.execute(delete(model).where(model.action_id == record.id))
    session.add_all(ActionSource(action_id=record.id, **vars(ref)) for ref in record.sources)
    session.flush()
    day = record.date
    session.add_all(Citation(action_id=record.id, action_date=day, **vars(ref)) for ref in record.citations)
    session.add_all(ActorLink(action_id=record.id, action_date=day, **vars(ref)) for ref in record.actors)
    session.add_all(OfficialLink(action_id=record.id, action_date=day, **vars(ref)) for ref in record.officials)
    session.flush()
