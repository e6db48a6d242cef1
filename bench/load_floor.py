"""What SQLite alone costs for the rows of a bulk load: the reference for bench/dataset.py's load rate.

The dataset is loaded through put_actions into one file, as bench/dataset.py loads it. Then the rows that load
wrote for the actions (the actions, their four link tables, the passages they quote, the change feed's rows and
sets) are read back a chunk at a time, untimed, and written into a second file, migrated the same way and
holding the same reference data, by one executemany of ready tuples per table and a commit per chunk: the same
rows, in the same order, chunks, indexes and foreign keys, with the same settings as the loader's connection
and no Python work of a loader's own. The time of those writes is SQLite's own work for the load (with the
driver's binding of each row, which any loader in Python pays): no loader writing these rows can be faster.
Both are run in the same process one after the other, so the load's rate is given as a ratio to this floor.

python -m bench.load_floor --size 1m --dir /tmp/floor
"""

import argparse
import json
import os
import sqlite3
import time
from itertools import islice
from pathlib import Path

from sqlalchemy import event

from bench.dataset import CHUNK, SIZES, _loader_cache, load
from service import migrations
from service.config import Settings
from service.db import make_engine

_LINKS = ("action_sources", "action_authorities", "action_actors", "action_officials")
# The tables put_actions writes, each with how a chunk's rows are read back (`ids` the chunk's action ids, a
# temporary table, read first: CROSS JOIN keeps SQLite from scanning the whole table instead), in the order
# put_actions writes them: the passages, then the actions, then their links. A passage is written by the chunk
# whose links first quote it.
_ROWS = {
    "quotes": "SELECT q.* FROM quotes q JOIN first_quoted f ON f.source_id = q.source_id AND f.id = q.id",
    "actions": "SELECT a.* FROM ids CROSS JOIN actions a ON a.id = ids.id ORDER BY a.rowid",
    **{table: f"SELECT t.* FROM ids CROSS JOIN {table} t ON t.action_id = ids.id" for table in _LINKS},
    "change_sets": "SELECT * FROM change_sets WHERE id IN (SELECT set_id FROM chunk_changes) ORDER BY id",
    "changes": "SELECT c.* FROM changes c JOIN chunk_changes USING (seq) ORDER BY seq",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=list(SIZES), default="100k")
    parser.add_argument("--dir", type=Path, required=True, help="a directory for the two SQLite files")
    args = parser.parse_args()
    size = SIZES[args.size]
    args.dir.mkdir(parents=True, exist_ok=True)
    loaded, replayed = args.dir / "loaded.db", args.dir / "replayed.db"
    for path in (loaded, replayed):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    result = load({"sqlite": f"sqlite:///{loaded}"}, size)["sqlite"]
    seconds, cpu_seconds = _replay(loaded, replayed)
    report = {
        "size": size,
        "load_average": os.getloadavg(),
        "load": {"per_second": round(result.per_second), "per_cpu_second": round(result.per_cpu_second)},
        "sqlite_alone": {"per_second": round(size / seconds), "per_cpu_second": round(size / cpu_seconds)},
        "load_over_sqlite_alone": {
            "wall": round(result.per_second * seconds / size, 3),
            "cpu": round(result.per_cpu_second * cpu_seconds / size, 3),
        },
        "sqlite_alone_us_per_action": round(1e6 * cpu_seconds / size, 1),
    }
    print(json.dumps(report, indent=2))


def _replay(loaded: Path, replayed: Path) -> tuple[float, float]:
    """Write the loaded file's action rows into a new file a chunk at a time; the seconds and CPU-seconds that
    the writes and commits took."""
    engine = make_engine(Settings(database_url=f"sqlite:///{replayed}"))
    event.listen(engine, "connect", _loader_cache)
    with engine.begin() as connection:
        migrations.upgrade(connection)
    target = engine.raw_connection().driver_connection
    assert isinstance(target, sqlite3.Connection)
    target.isolation_level = None  # transactions as the loader's: begun and committed here
    _copy_reference(target, loaded)
    source = sqlite3.connect(loaded)
    source.execute("CREATE TEMP TABLE ids (id TEXT PRIMARY KEY)")
    source.execute("CREATE TEMP TABLE chunk_changes (seq INTEGER PRIMARY KEY, set_id INTEGER)")
    source.execute("CREATE TEMP TABLE quoted (source_id TEXT, id INTEGER, PRIMARY KEY (source_id, id))")
    source.execute("CREATE TEMP TABLE first_quoted (source_id TEXT, id INTEGER)")
    seconds = cpu_seconds = 0.0
    ids = iter([id for (id,) in source.execute("SELECT id FROM actions ORDER BY rowid")])
    while chunk := tuple(islice(ids, CHUNK)):
        rows = _chunk_rows(source, chunk)
        started, cpu_started = time.perf_counter(), time.process_time()
        target.execute("BEGIN")
        for table, table_rows in rows.items():
            if table_rows:
                marks = ", ".join("?" * len(table_rows[0]))
                target.executemany(f"INSERT INTO {table} VALUES ({marks})", table_rows)
        target.execute("COMMIT")
        seconds += time.perf_counter() - started
        cpu_seconds += time.process_time() - cpu_started
    _check_same(source, target)
    source.close()
    target.close()
    engine.dispose()
    return seconds, cpu_seconds


def _copy_reference(target: sqlite3.Connection, loaded: Path) -> None:
    """Everything the loaded file holds but the rows of the actions' load: the same reference data."""
    target.execute("ATTACH DATABASE ? AS loaded", (str(loaded),))
    target.execute("BEGIN")
    target.execute("DELETE FROM alembic_version")
    tables = [
        name
        for (name,) in target.execute(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name NOT LIKE 'actor_names%'"  # the trigram index, filled by its triggers on actor_aliases
        )
    ]
    for table in tables:
        if table in _ROWS:
            continue
        target.execute(f"INSERT INTO main.{table} SELECT * FROM loaded.{table}")
    target.execute(
        "INSERT INTO main.change_sets SELECT * FROM loaded.change_sets"
        " WHERE id IN (SELECT set_id FROM loaded.changes WHERE entity != 'action')"
    )
    target.execute("INSERT INTO main.changes SELECT * FROM loaded.changes WHERE entity != 'action'")
    target.execute("COMMIT")
    target.execute("DETACH DATABASE loaded")


def _chunk_rows(source: sqlite3.Connection, chunk: tuple[str, ...]) -> dict[str, list[tuple]]:
    source.execute("DELETE FROM ids")
    source.executemany("INSERT INTO ids VALUES (?)", ((id,) for id in chunk))
    source.execute("DELETE FROM chunk_changes")
    source.execute(
        "INSERT INTO chunk_changes SELECT seq, set_id FROM ids CROSS JOIN changes"
        " ON changes.entity = 'action' AND changes.entity_id = ids.id"
    )
    source.execute("DELETE FROM first_quoted")
    links = " UNION ".join(
        f"SELECT source_id, quote_id FROM ids CROSS JOIN {table} ON action_id = ids.id" for table in _LINKS
    )
    source.execute(f"INSERT INTO first_quoted SELECT * FROM ({links}) EXCEPT SELECT * FROM quoted")
    source.execute("INSERT INTO quoted SELECT * FROM first_quoted")
    return {table: source.execute(query).fetchall() for table, query in _ROWS.items()}


def _check_same(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    """The replay wrote the rows the load did, no more, no fewer."""
    for table in _ROWS:
        (expected,) = source.execute(f"SELECT count(*) FROM {table}").fetchone()
        (written,) = target.execute(f"SELECT count(*) FROM {table}").fetchone()
        if written != expected:
            raise SystemExit(f"{table}: {written} rows replayed, {expected} loaded")


if __name__ == "__main__":
    main()
