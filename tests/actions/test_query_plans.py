"""Every action list is read from an index in page order: a range scan, never a sort of all matches.

On PostgreSQL the planner prefers a sequential scan and a sort on tables this small, so sequential scans
and sorts are priced out (enable_seqscan/enable_sort off): a plan without a Sort node then proves that an
index gives the rows in page order."""

import itertools
import json

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from service.actions.queries import page_query
from service.actions.schemas import ActionFilters
from service.actors.resolution import merge
from service.config import Settings
from service.db import make_engine
from service.pagination import encode_cursor
from service.writes import acting_as

CURSOR = encode_cursor("actions:-date", ["2024-01-01", "act-x"])

# filters, the index that must drive the page
CASES = [
    ({}, "ix_actions_date_id"),
    ({"sort": "date"}, "ix_actions_date_id"),
    ({"date_from": "2024-01-01", "date_to": "2024-12-31"}, "ix_actions_date_id"),
    ({"type": "warning"}, "ix_actions_type_date_id"),
    ({"resolution": 1718}, "ix_action_authorities_newest"),
    ({"resolution": 1718, "cursor": CURSOR}, "ix_action_authorities_newest"),
    ({"resolution": 1718, "type": "condemnation", "country": "RU", "q": "training"}, "ix_action_authorities_newest"),
    ({"actor": "state-kp"}, "ix_action_actors_newest"),
    ({"actor": "state-kp", "role": "subject", "date_from": "2024-01-01"}, "ix_action_actors_newest"),
    ({"official": "official-matthew-miller", "cursor": CURSOR}, "ix_action_officials_newest"),
]


@pytest.fixture(scope="module")
def engine(seeded_url):
    engine = make_engine(Settings(database_url=seeded_url))
    yield engine
    engine.dispose()


def _sql(session: Session, filters: dict) -> str:
    query = page_query(session, ActionFilters(**filters))
    return str(query.compile(session.get_bind(), compile_kwargs={"literal_binds": True}))


@pytest.mark.parametrize(("filters", "index"), CASES, ids=[json.dumps(f) for f, _ in CASES])
def test_the_page_is_a_range_scan_of_the_right_index(engine, filters, index):
    with Session(engine) as session:
        _assert_range_scan(session, _sql(session, filters), index)


# An actor with others merged into it: a range of the index per actor, merged in page order.
PARTY_CASES = [
    {"actor": "state-kp"},
    {"actor": "state-ru", "sort": "date"},
    {"actor": "state-kp", "role": "subject", "cursor": CURSOR},
    {"actor": "state-kp", "resolution": 1718},
]


@pytest.mark.parametrize("filters", PARTY_CASES, ids=[json.dumps(f) for f in PARTY_CASES])
def test_the_page_of_merged_actors_merges_a_range_scan_of_each(engine, filters):
    with Session(engine) as session:  # closed without a commit: the merge is rolled back
        acting_as(session, "test")
        merge(session, "state-kp", "state-ru")
        sql = _sql(session, filters)
        assert ("UNION ALL" in sql) is ("resolution" not in filters)
        index = "ix_action_authorities_newest" if "resolution" in filters else "ix_action_actors_newest"
        _assert_range_scan(session, sql, index)


def _assert_range_scan(session: Session, sql: str, index: str) -> None:
    if session.get_bind().dialect.name == "sqlite":
        plan = [row[3] for row in session.execute(text(f"EXPLAIN QUERY PLAN {sql}"))]
        # The first step reads the index; of a union merged in order, the first step of each side does.
        drivers = [step for before, step in itertools.pairwise(plan) if before in ("LEFT", "RIGHT")] or plan[:1]
        assert all(index in step for step in drivers), plan
        assert not any("TEMP B-TREE" in step for step in plan), plan
    else:
        session.execute(text("SET LOCAL enable_seqscan = off"))
        session.execute(text("SET LOCAL enable_sort = off"))
        plan = json.dumps(session.execute(text(f"EXPLAIN (FORMAT JSON) {sql}")).scalar())
        assert f'"Index Name": "{index}"' in plan, plan
        assert '"Node Type": "Sort"' not in plan, plan
