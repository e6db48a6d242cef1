"""How many single-party screenings `POST /v1/match` answers a second, over HTTP, against `sanctions-tracker serve`
with one worker, on a database of about 20,000 actors; beside `/healthz` measured the same way in the same run
(the machine is shared and noisy: the ratio and the server's CPU time per request are the figures to compare).

The database: the seed data, the UN list of lists/ (every regime) and OFAC's 2021 SDN set of lists/ (about 10,000
actors with the keepers and the seed's), then GENERATED actors up to --actors: persons and organisations whose
names are words of the listed names drawn at random (fixed seed), with ids `generated-NNNNN` and nothing else,
so that the name index and the word rarities have a list's shape at twice its size. They are labelled as such
in the ids and in docs/matching.md; nothing else reads them.

The load: wrk (one thread, --connections keep-alive connections, as the other benchmarks of bench/ load their
servers), each connection sending its next request as soon as the last is answered, for --seconds after a 2 s
warm-up. Until 2026-12-01 the clients were httpx's, in this process: on the two shared cores they held
/v1/match at 185-195 a second with the worker 58-60% busy (docs/matching.md). The queries: half listed names in
the variants screening meets (case, word order, hyphens), half generated names that no actor holds, round robin.
Then the same load again while a writer adds a new actor --write-rate times a second through the API (each
write is a new version of the data: the name index grows, the word rarities and trigram counts kept per version
are computed again), as a ratio to the figure without writes of the same run.

    .venv/bin/python bench/match_speed.py [--actors 20000] [--seconds 20] [--connections 8]
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.servers import Server, wrk  # noqa: E402
from bench.writer import write_key, writing  # noqa: E402
from service import migrations  # noqa: E402
from service.actors.writes import ActorRecord, put_actors  # noqa: E402
from service.config import Settings  # noqa: E402
from service.db import make_engine  # noqa: E402
from service.importers.ofac_csv import import_ofac_csv  # noqa: E402
from service.importers.un_xml import import_un_xml  # noqa: E402
from service.models import Actor  # noqa: E402
from service.seeding.loader import load_seeds  # noqa: E402
from service.writes import acting_as  # noqa: E402

OFAC_LIST_DATE = date(2021, 7, 1)  # the benchmarks' stand-in date of lists/ofac_sdn_2021 (see lists/README.md)


def build(url: str, actors: int, rng: random.Random) -> tuple[int, list[str]]:
    """Migrate, seed, import both lists and add generated actors up to `actors`; the actor count and the listed
    names of persons and organisations."""
    engine = make_engine(Settings(database_url=url))
    with engine.begin() as connection:
        migrations.upgrade(connection)
    with Session(engine) as session:
        load_seeds(session, ROOT / "seeds")
        import_un_xml(session, ROOT / "lists" / "un_consolidated.xml", regimes=["all"])
        import_ofac_csv(session, ROOT / "lists" / "ofac_sdn_2021", list_date=OFAC_LIST_DATE)
        session.commit()
        listed = session.execute(select(Actor.name, Actor.kind).where(Actor.kind.in_(["person", "organization"])))
        names = [(name, kind) for name, kind in listed]
        count = session.query(Actor).count()
        words = {
            kind: [word for name, k in names if k == kind for word in name.replace(",", "").split()]
            for kind in ("person", "organization")
        }
        generated = []
        for number in range(max(0, actors - count)):
            kind = "person" if number % 2 else "organization"
            name = " ".join(rng.choice(words[kind]) for _ in range(rng.choice((2, 3, 3, 4))))
            generated.append(ActorRecord(f"generated-{number:05d}", name, kind, None, (), (), ()))
        acting_as(session, "bench match_speed (generated actors)")
        put_actors(session, generated)
        session.commit()
        count = session.query(Actor).count()
    engine.dispose()
    return count, [name for name, _ in names]


def queries(listed: list[str], rng: random.Random, size: int = 400) -> list[dict]:
    """Half listed names in a variant, half names made of listed words that no actor holds."""
    chosen = rng.sample(listed, size // 2)
    variants = []
    for number, name in enumerate(chosen):
        words = name.replace(",", "").split()
        variant = [name.title(), " ".join(reversed(words)), name.replace("-", " ").lower(), name][number % 4]
        variants.append({"name": variant})
    words = [word for name in listed for word in name.replace(",", "").split()]
    unlisted = [{"name": " ".join(rng.choice(words) for _ in range(3))} for _ in range(size // 2)]
    return [party for pair in zip(variants, unlisted, strict=True) for party in pair]


def measure(
    server: Server,
    paths: list[str],
    bodies: list[dict] | None,
    seconds: float,
    connections: int,
    beside: writing | None = None,
) -> dict:
    """wrk's figures of one load (bench/servers.py; `beside` from its warm-up to its end), with what was
    answered: requests less socket errors and answers other than 2xx or 3xx."""
    result = wrk(server, paths, seconds, connections, beside=beside, bodies=bodies)
    return {
        "requests_per_second": result.requests_per_second,
        "answered": result.requests - result.errors,
        "errors": result.errors,
        "p50_ms": result.p50_ms,
        "p99_ms": result.p99_ms,
        "server_cpu_ms_per_request": result.cpu_ms_per_request,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--actors", type=int, default=20_000)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument("--write-rate", type=float, default=10, help="Writes a second during the last load.")
    parser.add_argument("--output", type=Path, help="Write the figures as JSON here too.")
    arguments = parser.parse_args()
    rng = random.Random(19)
    with tempfile.TemporaryDirectory(prefix="match-speed-") as directory:
        url = f"sqlite:///{directory}/bench.db"
        started = time.monotonic()
        actors, listed = build(url, arguments.actors, rng)
        print(f"database: {actors} actors ({time.monotonic() - started:.0f} s to build)", flush=True)
        bodies = [{"queries": [party]} for party in queries(listed, rng)]
        paths = ["/v1/match"] * len(bodies)
        command = [sys.executable, "-m", "service.cli", "serve", "--port", str(arguments.port), "--workers", "1"]
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=os.environ | {"DATABASE_URL": url},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        server = Server(process, f"http://127.0.0.1:{arguments.port}")
        try:
            for _ in range(300):
                try:
                    httpx.get(server.base + "/healthz")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            health = measure(server, ["/healthz"], None, arguments.seconds, arguments.connections)
            match = measure(server, paths, bodies, arguments.seconds, arguments.connections)
            writer = writing(server.base, write_key(url), arguments.write_rate)
            match_writing = measure(server, paths, bodies, arguments.seconds, arguments.connections, writer)
            match_writing |= {"writes": writer.writes.made, "failed_writes": writer.writes.failed}
        finally:
            process.terminate()
            process.wait(timeout=30)
    figures = {
        "actors": actors,
        "connections": arguments.connections,
        "seconds": arguments.seconds,
        "healthz": health,
        "match": match,
        "match_over_healthz": round(match["requests_per_second"] / health["requests_per_second"], 3),
        "write_rate": arguments.write_rate,
        "match_while_writing": match_writing,
        "writing_over_not": round(match_writing["requests_per_second"] / match["requests_per_second"], 3),
        "cpu_count": os.cpu_count(),
        "load_average": os.getloadavg(),
    }
    print(json.dumps(figures, indent=2))
    if arguments.output:
        arguments.output.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
