"""Loads that die half way, migrations over data, and many clients at once."""

import asyncio
import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import yaml
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from service import migrations
from service.actions.queries import load_actions
from service.config import Settings
from service.db import make_engine
from service.models import Action
from service.writes import _FEED_LOCK
from tests.conftest import SEEDS, client_for, make_key
from tests.writes.test_actions import counts, new_action


def cursor_of(cursor: str | None) -> dict[str, str]:
    return {} if cursor is None else {"cursor": cursor}


def _big_seed_dir(directory, copies: int):
    """The project's seeds with each action repeated under new ids: a load that takes a while."""
    shutil.copytree(SEEDS, directory)
    actions = yaml.safe_load((SEEDS / "actions.yaml").read_text())
    many = [action | {"id": f"{action['id']}-copy-{n}"} for n in range(copies) for action in actions]
    (directory / "actions.yaml").write_text(yaml.safe_dump(actions + many, allow_unicode=True))


def _writing(url: str) -> bool:
    """Whether another process holds the write lock: SQLite's, or the change feed's on PostgreSQL."""
    if url.startswith("sqlite"):
        probe = sqlite3.connect(url.removeprefix("sqlite:///"), timeout=0)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.rollback()
            return False
        except sqlite3.OperationalError:
            return True
        finally:
            probe.close()
    engine = make_engine(Settings(database_url=url))
    with engine.connect() as connection:
        held = connection.execute(
            text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = :key AND granted"),
            {"key": _FEED_LOCK},
        ).scalar()
    engine.dispose()
    return held > 0


def test_a_seed_killed_half_way_leaves_the_database_as_it_was(fresh_seeded_url, tmp_path):
    big = tmp_path / "big"
    _big_seed_dir(big, copies=400)
    before = counts(fresh_seeded_url)
    load = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "seed", str(big)],
        env=os.environ | {"DATABASE_URL": fresh_seeded_url},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while not _writing(fresh_seeded_url) and load.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert load.poll() is None, "the load ended before it was seen writing"
    load.send_signal(signal.SIGKILL)
    load.wait()
    assert counts(fresh_seeded_url) == before


def test_every_migration_goes_down_and_up_again_over_data(fresh_seeded_url):
    engine = make_engine(Settings(database_url=fresh_seeded_url))
    with Session(engine) as session:
        ids = session.scalars(select(Action.id).order_by(Action.id)).all()
        before = [a.model_dump() for a in load_actions(session, ids)]
    with engine.begin() as connection:
        while migrations.current_revision(connection) != "0001":
            migrations.downgrade(connection, "-1")
        while migrations.current_revision(connection) != migrations.head_revision():
            migrations.upgrade(connection, "+1")
    with Session(engine) as session:
        assert [a.model_dump() for a in load_actions(session, ids)] == before
    engine.dispose()


# On PostgreSQL, as the service runs in production. SQLite lets one writer in at a time and makes the others
# wait at most DB_TIMEOUT_SECONDS, then answers 503 "try again": a write storm from 64 clients is not its job.
@pytest.mark.anyio
@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
async def test_64_clients_reading_and_writing_lose_and_double_nothing(fresh_seeded_url):
    token = make_key(fresh_seeded_url, "load", "write")
    headers = {"Authorization": f"Bearer {token}"}
    created: list[str] = []
    errors: list[str] = []
    deadline = time.monotonic() + 20

    async def client_loop(client, number: int):
        rnd = random.Random(number)
        n = 0
        while time.monotonic() < deadline and n < 25:
            n += 1
            if rnd.random() < 0.4:
                body = {
                    "type": "warning",
                    "title": f"Load {number}-{n}",
                    "date": "2024-01-01",
                    "date_precision": "day",
                    "sources": [{"id": "src-2024-10-29-state-briefing", "quote": "Matthew Miller"}],
                }
                key = {"Idempotency-Key": f"load-{number}-{n}"}
                response = await client.post("/v1/actions", json=body, headers=headers | key)
                if rnd.random() < 0.3:  # a client that retries, as if the answer was lost
                    response = await client.post("/v1/actions", json=body, headers=headers | key)
                if response.status_code == 201:
                    created.append(response.json()["id"])
                else:
                    errors.append(f"POST {response.status_code} {response.text[:200]}")
            else:
                path = rnd.choice(["/v1/actions?limit=20", "/v1/resolutions/1718/actions", "/v1/actors?q=DPRK"])
                response = await client.get(path)
                if response.status_code != 200:
                    errors.append(f"GET {path} {response.status_code}")

    before = counts(fresh_seeded_url)[0]
    async for client in client_for(fresh_seeded_url):
        await asyncio.gather(*(client_loop(client, number) for number in range(64)))
        final, cursor = [], None
        while True:  # every page: more than one page of actions may have been created
            page = (await client.get("/v1/actions", params={"limit": 500, "q": "Load"} | cursor_of(cursor))).json()
            final += page["items"]
            if (cursor := page["next_cursor"]) is None:
                break
    assert errors == []
    unique = set(created)
    assert counts(fresh_seeded_url)[0] == before + len(unique)
    # what was written is exactly what clients were told: same ids, same titles, nothing twice
    stored = sorted((a["id"], a["title"]) for a in final)
    assert [i for i, _ in stored] == sorted(unique)
    digest = hashlib.sha256(json.dumps(sorted(t for _, t in stored)).encode()).hexdigest()
    expected = hashlib.sha256(json.dumps(sorted({t for _, t in stored})).encode()).hexdigest()
    assert digest == expected


@contextmanager
def _write_lock_held(url: str) -> Iterator[None]:
    """The lock every writer waits for, held by another process's connection: SQLite's, or the change feed's."""
    if url.startswith("sqlite"):
        holder = sqlite3.connect(url.removeprefix("sqlite:///"))
        holder.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            holder.rollback()
            holder.close()
        return
    engine = make_engine(Settings(database_url=url))
    with engine.connect() as connection:
        connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _FEED_LOCK})
        try:
            yield
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _FEED_LOCK})
    engine.dispose()


@pytest.mark.anyio
async def test_writers_waiting_for_the_write_lock_leave_readers_their_threads(fresh_seeded_url):
    """Sixty writes queued behind a held write lock: every read is still answered while it is held (writes
    beyond CONCURRENT_WRITES wait without a thread), and every write once it is given back."""
    headers = {"Authorization": f"Bearer {make_key(fresh_seeded_url, 'queue', 'write')}"}
    paths = ["/v1/actions?limit=20", "/v1/resolutions/1718/actions", "/v1/actors?q=DPRK", "/v1/officials"]
    # A writer may wait for the lock for as long as the test holds it: only the threads can be in short supply.
    async for client in client_for(fresh_seeded_url, db_timeout_seconds=40):
        with _write_lock_held(fresh_seeded_url):
            writes = [
                asyncio.create_task(client.post("/v1/actions", json=new_action(title=f"Queued {n}"), headers=headers))
                for n in range(60)
            ]
            await asyncio.sleep(1)  # the writes reach the lock and wait there
            reads = [asyncio.create_task(client.get(path)) for path in paths * 5]
            # Not awaited to the end: a read waiting for a thread held by a writer would wait as long as the lock.
            answered, _ = await asyncio.wait(reads, timeout=20)
            writes_done = sum(write.done() for write in writes)
        answers = await asyncio.gather(*writes, *reads)  # every one, before a failed check ends the test
        assert (len(answered), writes_done) == (len(reads), 0), "reads waited for the writers (or writes ran)"
        assert [read.status_code for read in answers[len(writes) :]] == [200] * len(reads)
        assert sorted(write.json()["title"] for write in answers[: len(writes)]) == sorted(
            f"Queued {n}" for n in range(60)
        )
