"""Every figure of docs/benchmarks.md in one bounded run: `bench/run [--size 100k|1m]` (see that document).

1. load the synthetic dataset (bench/dataset.py) into a new SQLite file and a new PostgreSQL schema through
   put_actions, timing each;
2. serve the framework ceiling (bench/ceiling.py), the service on SQLite, Datasette on the same file
   (bench/peer.py) and the service on PostgreSQL, one after the other, each by uvicorn with the same flags
   and one worker, and load each endpoint with wrk at 32 connections; the servers' peak RSS;
3. stream every action as JSON lines through the read path (bench/export.py) and record its memory;
4. write the figures to bench/results/SIZE.json and into docs/benchmarks.md, between this size's markers.
"""

import argparse
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from urllib.parse import urlencode

from sqlalchemy import create_engine, make_url, text

from bench import dataset, report
from bench.servers import get_json, serve, uvicorn_flags, wrk
from bench.writer import write_key, writing

ROOT = Path(__file__).resolve().parent.parent
# A database of the benchmark's own: the writers' feed lock (pg_advisory_xact_lock) is per database, and a load
# holding it would make any test or other writer on the same database wait.
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/sanctions_bench")
PORT = int(os.environ.get("BENCH_PORT", "8765"))
WRITES_PER_SECOND = 10


def log(message: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {message}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(prog="bench/run", description="Speed, scale and memory of the service.")
    parser.add_argument("--size", choices=sorted(dataset.SIZES), default="1m", help="Actions in the dataset.")
    parser.add_argument(
        "--workdir",
        type=Path,
        default=Path(os.environ.get("TMPDIR", "/tmp")) / "sanctions-bench",
        help="Where the SQLite files go (about 6 GB at 1m).",
    )
    parser.add_argument("--seconds", type=int, default=10, help="Measured seconds of each wrk run.")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only.")
    parser.add_argument(
        "--postgres-budget",
        type=float,
        default=300,
        help="Seconds of loading PostgreSQL may take; it stops at the chunk past them (default 300).",
    )
    parser.add_argument("--reuse", action="store_true", help="Keep the databases a previous run loaded (no load).")
    parser.add_argument("--no-export", action="store_true", help="Skip the export measurement.")
    parser.add_argument("--access-log", action="store_true", help="Serve with uvicorn's access log on.")
    parser.add_argument("--loop", default="auto", help="uvicorn --loop (auto: uvloop when installed).")
    parser.add_argument("--http", default="auto", help="uvicorn --http (auto: httptools when installed).")
    parser.add_argument("--label", default="", help="A word saying what this run measures, shown with its figures.")
    parser.add_argument("--results", type=Path, help="Where the JSON goes (default bench/results/SIZE.json).")
    parser.add_argument("--no-doc", action="store_true", help="Leave docs/benchmarks.md as it is.")
    args = parser.parse_args()

    size = dataset.SIZES[args.size]
    started = time.monotonic()
    args.workdir.mkdir(parents=True, exist_ok=True)
    sqlite_path = args.workdir / f"bench-{args.size}.db"
    urls = {"sqlite": f"sqlite:///{sqlite_path}"}
    if not args.no_postgres:
        urls["postgresql"] = f"{POSTGRES_URL}?options=-csearch_path%3Dbench_{args.size}"
    flags = uvicorn_flags(args.access_log, args.loop, args.http)
    results: dict = {
        "size": args.size,
        "actions": size,
        "label": args.label,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "versions": versions(),
        "uvicorn_flags": " ".join(flags),
        "wrk": f"1 thread, 32 connections, {args.seconds} s after a 2 s warm-up",
        "load_average": {"start": round(os.getloadavg()[0], 2)},
    }

    if args.reuse:
        log(f"reusing the {args.size} databases in {args.workdir} and schema bench_{args.size}")
        previous = report.read(args.results or ROOT / "bench" / "results" / f"{args.size}.json")
        results["load"] = previous.get("load", {})
    else:
        fresh_databases(args.size, sqlite_path, urls)
        log(f"loading {size:,} actions into {', '.join(urls)}")
        loaded = dataset.load(urls, size, {"postgresql": args.postgres_budget}, progress=log)
        results["load"] = {
            name: {
                "actions": r.actions,
                "seconds": round(r.seconds, 1),
                "per_second": round(r.per_second),
                "cpu_seconds": round(r.cpu_seconds, 1),
                "per_cpu_second": round(r.per_cpu_second),
            }
            for name, r in loaded.items()
        }
        settle(urls)
    results["databases"] = databases(sqlite_path, urls)

    paths = read_paths(size)
    results["reads"] = {}
    log("ceiling: bare FastAPI")
    with serve("bench.ceiling:app", PORT, flags, {}, "/ping") as server:
        results["reads"]["ceiling"] = {"ping": wrk(server, ["/ping"], args.seconds).as_dict()}
    # Each database twice: as deployed (repeated reads answered by the answer cache) and with that cache off,
    # where every request is computed: what a first visit, or a stream of different questions, costs.
    for name, url in urls.items():
        for variant, cache in ((name, {}), (f"{name}-uncached", {"RESPONSE_CACHE_BYTES": "0"})):
            log(f"service on {variant}")
            with serve("service.asgi:app", PORT, flags, {"DATABASE_URL": url} | cache, "/healthz") as server:
                paths["headline_deep"] = [deep_page(server.base, paths["headline"][0], rows=1000)]
                # Ids this database holds (a PostgreSQL load may stop at its budget): no 404 in the figures.
                held = results["databases"][name]["actions"]
                paths["action"] = [f"/v1/actions/bench-{n:07d}" for n in range(0, held, max(1, held // 1000))]
                runs = {}
                for endpoint, endpoint_paths in paths.items():
                    if not cache:  # one request per path first: the run measures answers from the cache
                        for path in endpoint_paths:
                            get_json(server.base + path)
                    runs[endpoint] = wrk(server, endpoint_paths, args.seconds).as_dict()
                    log(f"  {endpoint}: {runs[endpoint]['requests_per_second']:,.0f} req/s")
                if not cache:
                    # As deployed, while a writer adds an unrelated actor WRITES_PER_SECOND times a second.
                    writer = writing(server.base, write_key(url), WRITES_PER_SECOND)
                    runs["headline_writes"] = wrk(server, paths["headline"], args.seconds, beside=writer).as_dict()
                    writes = writer.writes
                    runs["headline_writes"] |= {"writes": writes.made, "write_errors": writes.failed}
                    during = runs["headline_writes"]["requests_per_second"]
                    log(f"  headline with {writes.made} writes: {during:,.0f} req/s")
                runs["peak_rss_mb"] = round(server.peak_rss_mb(), 1)
            results["reads"][variant] = runs
    if "postgresql" in urls:
        log("ceiling of PostgreSQL: bare FastAPI and one psycopg query")
        dsn = make_url(urls["postgresql"]).set(drivername="postgresql").render_as_string(hide_password=False)
        with serve("bench.pg_ceiling:app", PORT, flags, {"BENCH_PG_DSN": dsn}, "/ping") as server:
            results["reads"]["postgresql-ceiling"] = {
                "headline": wrk(server, paths["headline"], args.seconds).as_dict()
            }
    log("peer: Datasette on the same SQLite file")
    datasette_env = {"DATASETTE_DB": str(sqlite_path)}
    with serve("bench.peer:app", PORT, flags, datasette_env, "/-/versions.json") as server:
        peer = {}
        for query in ("newest_citing", "newest_citing_rows"):
            path = f"/{sqlite_path.stem}/{query}.json?" + urlencode({"number": 1718, "_shape": "array"})
            assert len(get_json(server.base + path)) == 50, f"Datasette's {query} did not give 50 rows"
            peer[query] = wrk(server, [path], args.seconds).as_dict()
        peer["peak_rss_mb"] = round(server.peak_rss_mb(), 1)
    results["reads"]["datasette"] = peer

    if not args.no_export:
        log("export: every action as JSON lines through list_actions")
        done = subprocess.run(
            [sys.executable, "-m", "bench.export", urls["sqlite"]],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=1800,
            check=True,
        )
        results["export"] = json.loads(done.stdout.strip().splitlines()[-1])
        log(f"  {results['export']['per_second']:,} actions/s, peak RSS {results['export']['peak_rss_mb']} MB")

    results["minutes"] = round((time.monotonic() - started) / 60, 1)
    results["load_average"]["end"] = round(os.getloadavg()[0], 2)
    path = args.results or ROOT / "bench" / "results" / f"{args.size}.json"
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(results, indent=2) + "\n")
    print(report.markdown(results))
    if not args.no_doc:
        report.update_document(ROOT / "docs" / "benchmarks.md", results)
        log("docs/benchmarks.md updated")
    log(f"done in {results['minutes']} min; figures in {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def fresh_databases(size: str, sqlite_path: Path, urls: dict[str, str]) -> None:
    """A new SQLite file, and this size's own PostgreSQL schema dropped and made again (no other is touched), in
    the benchmark's own database, made if missing."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{sqlite_path}{suffix}").unlink(missing_ok=True)
    if "postgresql" in urls:
        server = make_url(POSTGRES_URL)
        admin = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            exists = text("SELECT 1 FROM pg_database WHERE datname = :name")
            if not connection.scalar(exists, {"name": server.database}):
                connection.execute(text(f'CREATE DATABASE "{server.database}"'))
        admin.dispose()
        engine = create_engine(POSTGRES_URL)
        with engine.begin() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS bench_{size} CASCADE"))
            connection.execute(text(f"CREATE SCHEMA bench_{size}"))
        engine.dispose()


def settle(urls: dict[str, str]) -> None:
    """What follows any bulk load: SQLite's WAL folded into the file, PostgreSQL's statistics and visibility
    map brought up to date (autovacuum would do it within minutes)."""
    with sqlite3.connect(urls["sqlite"].removeprefix("sqlite:///")) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    if "postgresql" in urls:
        engine = create_engine(urls["postgresql"], isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text("VACUUM ANALYZE"))
        engine.dispose()


def databases(sqlite_path: Path, urls: dict[str, str]) -> dict:
    """How many actions each database holds, and its size on disk (tables and indexes)."""
    found = {}
    for name, url in urls.items():
        engine = create_engine(url)
        with engine.connect() as connection:
            actions = connection.scalar(text("SELECT count(*) FROM actions"))
            if name == "sqlite":
                size = sqlite_path.stat().st_size
            else:
                size = connection.scalar(
                    text(
                        "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c "
                        "JOIN pg_namespace n ON n.oid = c.relnamespace "
                        "WHERE n.nspname = current_schema() AND c.relkind = 'r'"
                    )
                )
        engine.dispose()
        found[name] = {"actions": actions, "mb": round(int(size) / 10**6)}
    return found


def read_paths(size: int) -> dict[str, list[str]]:
    """The paths of each read endpoint; the actor is the one in most actions, the search a company's name."""
    ref = dataset.reference(size)
    actor = ref.states[0][0]  # the first actor: the heaviest of the long tail
    company = next(name for _, name, kind, _, _ in ref.actors if kind == "organization")
    return {
        "headline": ["/v1/resolutions/1718/actions?limit=50"],
        "actor_since": ["/v1/actions?" + urlencode({"actor": actor, "date_from": "2020-01-01"})],
        "action": [],  # the ids the database holds, when its server starts
        "actor_search": ["/v1/actors?" + urlencode({"q": " ".join(company.split()[:2])})],
    }


def deep_page(base: str, path: str, rows: int) -> str:
    """The path of the page starting ROWS rows in, reached by following next_cursor as a client would."""
    page = get_json(base + path)
    seen = len(page["items"])
    while seen < rows:
        page = get_json(base + path + "&" + urlencode({"cursor": page["next_cursor"]}))
        seen += len(page["items"])
    return path + "&" + urlencode({"cursor": page["next_cursor"]})


def machine() -> dict:
    def run(*command: str) -> str:
        return subprocess.run(command, capture_output=True, text=True, check=False).stdout.strip()

    cpu = next(
        (line.split(":", 1)[1].strip() for line in run("lscpu").splitlines() if line.startswith("Model name")),
        platform.processor(),
    )
    return {
        "nproc": run("nproc"),
        "cpu": cpu,
        "memory": run("free", "-h").splitlines()[1].split()[1],
        "free_h": run("free", "-h"),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "postgresql": run("psql", "--version"),
    }


def versions() -> dict:
    packages = ("fastapi", "starlette", "uvicorn", "pydantic", "sqlalchemy", "psycopg", "datasette")
    found = {}
    for name in (*packages, "uvloop", "httptools"):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            continue
    return found


if __name__ == "__main__":
    if shutil.which("wrk") is None:
        sys.exit("bench/run needs wrk: apt-get install -y wrk")
    main()
