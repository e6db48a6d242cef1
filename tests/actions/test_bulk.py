"""put_actions, the bulk path of loads and imports, ends where put_action one by one would."""

import json
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.actions.queries import load_actions
from service.actions.writes import ActionRecord, ActorRef, CitationRef, SourceRef, put_action, put_actions
from service.models import Change
from service.seeding.loader import load_seeds
from service.writes import Outcome, acting_as
from tests.conftest import SEEDS

SOURCE = "src-2024-10-29-state-briefing"
QUOTE = "Matthew Miller"


def records(count: int, title: str = "Bulk") -> list[ActionRecord]:
    return [
        ActionRecord(
            id=f"bulk-{n}",
            type="designation",
            title=f"{title} {n}",
            summary=None,
            date=date(2020, 1, 1 + n % 28),
            date_precision="day",
            date_text=None,
            status="published",
            sources=frozenset({SourceRef(SOURCE, QUOTE)}),
            citations=frozenset({CitationRef("unscr-1718", "regime", QUOTE, SOURCE)}),
            actors=frozenset({ActorRef("state-kp", "target", QUOTE, SOURCE)}),
        )
        for n in range(count)
    ]


def _state(session: Session, ids: list[str]) -> tuple[list, list]:
    actions = [a.model_dump(exclude={"created_at", "updated_at"}) for a in load_actions(session, ids)]
    changes = session.execute(
        select(Change.entity_id, Change.operation, Change.after).where(Change.entity_id.in_(ids)).order_by(Change.seq)
    ).all()
    return actions, [(entity_id, operation, json.loads(after)) for entity_id, operation, after in changes]


def test_bulk_and_one_by_one_writes_give_the_same_actions_and_changes(migrated_engine):
    with Session(migrated_engine) as session:
        load_seeds(session, SEEDS)
        acting_as(session, "test")
        batch = records(25)
        assert put_actions(session, batch, batch_size=10) == {Outcome.added: 25}
        bulk = _state(session, [r.id for r in batch])
        session.rollback()

        load_seeds(session, SEEDS)
        acting_as(session, "test")
        for record in batch:
            put_action(session, record)
        assert _state(session, [r.id for r in batch]) == bulk


def test_a_second_bulk_load_changes_nothing_and_a_changed_record_is_updated(migrated_engine):
    with Session(migrated_engine) as session:
        load_seeds(session, SEEDS)
        acting_as(session, "test")
        put_actions(session, records(30))
        session.commit()
        count = session.scalar(select(func.count()).select_from(Change))
        assert put_actions(session, records(30), batch_size=7) == {Outcome.unchanged: 30}
        assert session.scalar(select(func.count()).select_from(Change)) == count
        changed = records(30)[:29] + records(31, title="Renamed")[29:]
        assert put_actions(session, changed) == {Outcome.unchanged: 29, Outcome.changed: 1, Outcome.added: 1}
        assert session.scalar(select(func.count()).select_from(Change)) == count + 2
