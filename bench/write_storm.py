"""Reads while a storm of writes happens: 64 clients against a served worker on PostgreSQL, each making 25 requests,
40% of them creating an action (30% of those sent twice with one Idempotency-Key, as a client whose answer was
lost), the others reading one of three lists. The same mix with `CONCURRENT_WRITES` at 40 (every thread of the
worker may hold a write: the service before writes waited for a place) and at the default, in alternate runs of
one process, so that the ratio is measured under the same load.

    python -m bench.write_storm [--rounds 2] [--places 40 2]

BENCH_POSTGRES_URL names the server and database (a schema of its own is made and dropped); the seeds are loaded
into it. Figures: docs/reliability.md."""

import argparse
import asyncio
import os
import random
import statistics
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.orm import Session

from bench.runner import POSTGRES_URL
from bench.servers import serve, uvicorn_flags
from bench.writer import write_key
from service import migrations
from service.config import PROJECT_ROOT, Settings
from service.seeding.loader import load_seeds

PORT = int(os.environ.get("BENCH_PORT", "8766"))
CLIENTS, REQUESTS = 64, 25
READS = ["/v1/actions?limit=20", "/v1/resolutions/1718/actions", "/v1/actors?q=DPRK"]


@contextmanager
def seeded_schema() -> Iterator[str]:
    """The URL of a new schema holding the seeds, dropped afterwards."""
    server = make_url(POSTGRES_URL)
    with create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT").connect() as connection:
        if not connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": server.database}):
            connection.execute(text(f'CREATE DATABASE "{server.database}"'))
    name = f"bench_storm_{uuid.uuid4().hex[:8]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {name}"))
    url = f"{POSTGRES_URL}?options=-csearch_path%3D{name}"
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            migrations.upgrade(connection)
        with Session(engine) as session:
            load_seeds(session, PROJECT_ROOT / "seeds")
            session.commit()
        yield url
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {name} CASCADE"))
        admin.dispose()


async def storm(base: str, token: str, run: str) -> dict:
    """The mix against the server at BASE: read latencies, writes made, failures and the wall time."""
    reads: list[float] = []
    writes: list[float] = []
    failures = 0
    headers = {"Authorization": f"Bearer {token}"}

    async def client_loop(client: httpx.AsyncClient, number: int) -> None:
        nonlocal failures
        rnd = random.Random(number)
        for n in range(REQUESTS):
            started = time.perf_counter()
            if rnd.random() < 0.4:
                body = {
                    "type": "warning",
                    "title": f"Storm {run} {number}-{n}",
                    "date": "2024-01-01",
                    "date_precision": "day",
                    "sources": [{"id": "src-2024-10-29-state-briefing", "quote": "Matthew Miller"}],
                }
                key = {"Idempotency-Key": f"storm-{run}-{number}-{n}"}
                for _ in range(2 if rnd.random() < 0.3 else 1):
                    response = await client.post("/v1/actions", json=body, headers=headers | key)
                failures += response.status_code != 201
                writes.append(time.perf_counter() - started)
            else:
                response = await client.get(rnd.choice(READS))
                failures += response.status_code != 200
                reads.append(time.perf_counter() - started)

    limits = httpx.Limits(max_connections=CLIENTS)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=120) as client:
        started = time.perf_counter()
        await asyncio.gather(*(client_loop(client, number) for number in range(CLIENTS)))
        wall = time.perf_counter() - started
    reads.sort()
    return {
        "wall_s": wall,
        "read_p50_ms": 1000 * statistics.median(reads),
        "read_p95_ms": 1000 * reads[int(0.95 * len(reads))],
        "write_p50_ms": 1000 * statistics.median(writes),
        "writes_per_s": len(writes) / wall,
        "failures": failures,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=2, help="alternate runs of each setting")
    parser.add_argument("--places", type=int, nargs="+", default=[40, 2], help="CONCURRENT_WRITES to compare")
    args = parser.parse_args()
    results: dict[int, list[dict]] = {places: [] for places in args.places}
    # as `sanctions-tracker serve` keeps idle connections: uvicorn's own 5 s races the clients' (KEEP_ALIVE_SECONDS)
    flags = [*uvicorn_flags(), "--timeout-keep-alive", str(Settings().keep_alive_seconds)]
    with seeded_schema() as url:
        token = write_key(url)
        for round_ in range(args.rounds):
            for places in args.places:
                env = {"DATABASE_URL": url, "CONCURRENT_WRITES": str(places), "RESPONSE_CACHE_BYTES": "0"}
                with serve("service.asgi:app", PORT, flags, env, "/healthz") as server:
                    result = asyncio.run(storm(server.base, token, f"{round_}-{places}"))
                results[places].append(result)
                print(
                    f"round {round_ + 1}, CONCURRENT_WRITES={places}: "
                    + ", ".join(f"{k} {v:.1f}" for k, v in result.items())
                )
    reference = args.places[0]
    for places in args.places[1:]:
        ratios = [
            f"{new['read_p50_ms'] / ref['read_p50_ms']:.2f}"
            for new, ref in zip(results[places], results[reference], strict=True)
        ]
        print(f"read median at {places} over {reference}, round by round: {', '.join(ratios)}")


if __name__ == "__main__":
    main()
