"""The change feed kept as compressed change sets: a follower still sees every change once, in commit order, with
the record as it was; the audit still shows each record before and after; migration 0005 keeps the changes
recorded before it."""

from collections import Counter
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from service import migrations
from service.actions.service import stored_action
from service.actions.writes import ActionRecord, ActorRef, CitationRef, SourceRef, put_actions
from service.actors.writes import Identifier, put_actor
from service.changes.queries import audit_entries, changes_after
from service.changes.schemas import SNAPSHOTS
from service.config import Settings
from service.db import make_engine
from service.importers.ofac_csv import import_ofac_csv
from service.importers.un_xml import import_un_xml
from service.models import Action, ChangeSet
from service.seeding.loader import load_seeds
from service.writes import acting_as, record_change
from tests.conftest import SEEDS, client_for, make_key, snapshot
from tests.importers.conftest import OFAC, OFAC_NEWER, run
from tests.test_migrations import SQLITE_SEARCH_TABLES

anyio = pytest.mark.anyio

SOURCE = "src-2024-10-29-state-briefing"
QUOTE = "Matthew Miller"


def bulk(count: int, title: str = "Bulk") -> list[ActionRecord]:
    return [
        ActionRecord(
            id=f"bulk-{n:03d}",
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


def load(url: str, records: list[ActionRecord], batch_size: int) -> None:
    engine = make_engine(Settings(database_url=url))
    with Session(engine) as session:
        acting_as(session, "bulk")
        put_actions(session, records, batch_size=batch_size)
        session.commit()
    engine.dispose()


def stored_snapshots(url: str) -> dict[str, dict]:
    engine = make_engine(Settings(database_url=url))
    with Session(engine) as session:
        found = {
            action.id: stored_action(session, action.id).model_dump(mode="json")
            for action in session.scalars(select(Action).where(Action.id.like("bulk-%")))
        }
    engine.dispose()
    return found


@anyio
async def test_a_follower_paging_through_bulk_sets_sees_each_change_once_in_order(fresh_seeded_url):
    load(fresh_seeded_url, bulk(60), batch_size=25)  # three sets: 25, 25 and 10 changes
    load(fresh_seeded_url, bulk(60)[:50] + bulk(60, title="Renamed")[50:], batch_size=25)  # one set of 10 updates
    seen, last_seq = [], 0
    async for client in client_for(fresh_seeded_url):
        while True:
            page = (await client.get("/v1/changes", params={"after": last_seq, "limit": 7})).json()
            if not page["items"]:
                break
            seen += page["items"]
            last_seq = page["last_seq"]
    seqs = [change["seq"] for change in seen]
    assert seqs == sorted(set(seqs))
    ours = [change for change in seen if change["entity_id"].startswith("bulk-")]
    assert [(c["entity_id"], c["operation"]) for c in ours] == [(f"bulk-{n:03d}", "create") for n in range(60)] + [
        (f"bulk-{n:03d}", "update") for n in range(50, 60)
    ]
    assert ours[0]["record"]["title"] == "Bulk 0" and ours[50]["record"]["title"] == "Bulk 50"
    last_records = {change["entity_id"]: change["record"] for change in ours}
    assert last_records == stored_snapshots(fresh_seeded_url)


@anyio
async def test_the_audit_shows_an_imported_change_before_and_after(fresh_seeded_url):
    run(fresh_seeded_url, import_ofac_csv, OFAC, list_date=date(2021, 6, 1))
    run(fresh_seeded_url, import_ofac_csv, OFAC_NEWER, list_date=date(2021, 7, 1))
    admin = {"Authorization": f"Bearer {make_key(fresh_seeded_url, 'auditor', 'admin')}"}
    async for client in client_for(fresh_seeded_url):
        entries = (await client.get("/v1/audit", params={"entity_id": "ofac-12210"}, headers=admin)).json()["items"]
    assert [(e["operation"], e["who"]) for e in entries] == [
        ("update", "import ofac-csv"),
        ("create", "import ofac-csv"),
    ]
    update, create = entries
    assert "CHONGCHAL CHONGGUK" in update["after"]["weak_aliases"]  # a weak AKA of the newer list's remarks
    assert "CHONGCHAL CHONGGUK" not in update["before"]["weak_aliases"]
    assert update["before"] == create["after"]
    assert create["before"] is None


def test_a_bulk_set_takes_a_small_part_of_its_json(migrated_engine):
    records = bulk(200)
    with Session(migrated_engine) as session:
        load_seeds(session, SEEDS)
        acting_as(session, "bulk")
        put_actions(session, records)
        packed = session.scalar(select(ChangeSet.snapshots).where(ChangeSet.who == "bulk"))
        as_json = sum(len(line.encode()) for line in ChangeSet.unpack(packed))
        assert len(ChangeSet.unpack(packed)) == 200
        assert len(packed) * 4 < as_json
        session.rollback()


def test_a_set_keeps_dates_times_and_any_text_as_they_were_written_before():
    """Snapshots written since the sets went to orjson read back as those json.dumps(default=str) wrote: times
    with a space, not orjson's own T; text with line breaks and accents on one line."""
    at = datetime(2026, 12, 1, 4, 5, 6, 7, tzinfo=UTC)
    before = {"on": date(2021, 7, 1), "at": at, "text": "Kim Jong Ün\nsaid"}
    lines = ChangeSet.unpack(ChangeSet.pack([(None, before), (before, None)]))
    assert lines == [
        '[null,{"on":"2021-07-01","at":"2026-12-01 04:05:06.000007+00:00","text":"Kim Jong Ün\\nsaid"}]',
        '[{"on":"2021-07-01","at":"2026-12-01 04:05:06.000007+00:00","text":"Kim Jong Ün\\nsaid"},null]',
    ]


OLD_CHANGES = [
    # seq (given by the database), at, who, entity, entity_id, operation, before, after: as revision 0003 kept them
    (1, "2026-01-02 03:04:05.000006+00:00", "seed", "source", "s1", "create", None, '{"title": "One"}'),
    (2, "2026-01-02 03:04:06.000000+00:00", "key-a", "source", "s1", "update", '{"title": "One"}', '{"title": "Un"}'),
    (3, "2026-01-02 03:04:07.000000+00:00", "key-a", "source", "s1", "delete", '{"title": "Un"}', None),
]


def test_migration_0005_keeps_the_changes_recorded_before_it_and_gives_them_back(empty_url):
    engine = make_engine(Settings(database_url=empty_url))
    with engine.begin() as connection:
        migrations.upgrade(connection, "0003")
        for row in OLD_CHANGES:
            connection.execute(
                text(
                    "INSERT INTO changes (at, who, entity, entity_id, operation, before, after) "
                    "VALUES (:at, :who, :entity, :entity_id, :operation, :before, :after)"
                ),
                dict(
                    zip(("seq", "at", "who", "entity", "entity_id", "operation", "before", "after"), row, strict=True)
                ),
            )
        migrations.upgrade(connection)
    with Session(engine) as session:
        feed = changes_after(session, 0, 10)
        audit, _ = audit_entries(session, None, "s1", None, 10, None)
        one, un = {"id": "s1", "title": "One"}, {"id": "s1", "title": "Un"}
        assert [(c["seq"], c["operation"], c["record"]) for c in feed] == [
            (1, "create", one),
            (2, "update", un),
            (3, "delete", None),
        ]
        assert [(e["seq"], e["who"], e["before"], e["after"]) for e in audit] == [
            (3, "key-a", un, None),
            (2, "key-a", one, un),
            (1, "seed", None, one),
        ]
        assert audit[2]["at"].replace(tzinfo=UTC) == datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=UTC)
        acting_as(session, "after")  # a new set after the migrated ones: the numbering goes on
        record_change(session, "source", "s2", None, {"title": "Two"})
        session.commit()
        assert [c["seq"] for c in changes_after(session, 3, 10)] == [4]
    with engine.begin() as connection:
        migrations.downgrade(connection, "0003")
        rows = connection.execute(
            text("SELECT seq, who, entity_id, operation, before, after FROM changes ORDER BY seq")
        ).all()
        assert connection.scalar(select(func.count()).select_from(text("changes"))) == 4
    assert [tuple(row) for row in rows[:3]] == [
        (seq, who, entity_id, operation, before, after)
        for seq, _, who, _, entity_id, operation, before, after in OLD_CHANGES
    ]
    assert tuple(rows[3]) == (4, "after", "s2", "create", None, '{"title": "Two"}')
    engine.dispose()


def test_migration_0005_down_and_up_keeps_every_row_and_the_feed(fresh_seeded_url):
    engine = make_engine(Settings(database_url=fresh_seeded_url))
    # The feed's own tables are compared through the feed; the search index is rebuilt with new row ids.
    derived = {"changes", "change_sets", "list_imports", *SQLITE_SEARCH_TABLES}
    data = [t for t in snapshot(fresh_seeded_url) if t not in derived]

    def state():
        rows = snapshot(fresh_seeded_url)
        with Session(engine) as session:
            feed = [(c["seq"], c["entity_id"], c["operation"], c["record"]) for c in changes_after(session, 0, 1000)]
        return {table: rows[table] for table in data}, feed

    before = state()
    with engine.begin() as connection:
        migrations.downgrade(connection, "0003")
        migrations.upgrade(connection)
    assert state() == before
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
            definitions = connection.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name LIKE 'action_%'"
            ).all()
        assert {name for name, sql in definitions if sql.endswith("WITHOUT ROWID")} == {
            "action_sources",
            "action_authorities",
            "action_actors",
            "action_officials",
        }
    engine.dispose()


def test_an_actor_written_without_its_identifiers_keeps_them_in_its_feed_record(migrated_engine):
    """The seed loader writes actors without identifiers or addresses (its files have none): the change still
    records the whole actor, those the lists gave included."""
    passport = Identifier("passport", "PS 472330208")
    with Session(migrated_engine) as session:
        acting_as(session, "test")
        put_actor(
            session, "p-kang", name="KANG Mun-kil", kind="person", country=None, aliases=[], identifiers=[passport]
        )
        put_actor(session, "p-kang", name="Kang Mun Kil", kind="person", country=None, aliases=[])
        first, second = changes_after(session, 0, 10)
        assert first["record"]["identifiers"] == second["record"]["identifiers"] == [vars(passport)]
        assert second["record"]["addresses"] == [] and second["record"]["name"] == "Kang Mun Kil"
        session.rollback()


@anyio
async def test_every_record_the_importers_and_merges_write_reads_back_typed(fresh_seeded_url):
    """The feed and the audit validate each record against its kind's model: whatever the seed, both
    importers, a newer list and the merges they make wrote, the whole feed reads back, each record typed."""
    from tests.actors.test_resolution import KANG_OFAC, KANG_UN
    from tests.importers.conftest import UN

    run(fresh_seeded_url, import_un_xml, UN)
    run(fresh_seeded_url, import_un_xml, KANG_UN)
    run(fresh_seeded_url, import_ofac_csv, OFAC, list_date=date(2024, 1, 2))
    run(fresh_seeded_url, import_ofac_csv, OFAC_NEWER, list_date=date(2024, 6, 3))
    run(fresh_seeded_url, import_ofac_csv, KANG_OFAC, list_date=date(2024, 6, 3), programs=["all"])
    admin = {"Authorization": f"Bearer {make_key(fresh_seeded_url, 'auditor', 'admin')}"}
    kinds: Counter[str] = Counter()
    async for client in client_for(fresh_seeded_url):
        after = 0
        while (page := await client.get("/v1/changes", params={"after": after, "limit": 1000})).json()["items"]:
            assert page.status_code == 200, page.text
            kinds.update(change["entity"] for change in page.json()["items"])
            after = page.json()["last_seq"]
        audit = await client.get("/v1/audit", params={"limit": 500}, headers=admin)
        assert audit.status_code == 200, audit.text
    assert set(kinds) == set(SNAPSHOTS)  # every kind of record the feed can carry was read back
