"""Memory of the exports (FtM, CSV, JSON lines) at any size: flat, or growing with the number of actions?

Loads the synthetic dataset of bench/dataset.py (through put_actions) into a database once, then runs each export
in a process of its own, writing to /dev/null, and reports the resident memory (RSS) before the first page, after
each tenth of the actions, and at its peak, with the time taken and the bytes written.

    python -m bench.export_memory --size 100000                  # SQLite file /tmp/export_memory_100000.db
    python -m bench.export_memory --size 1000000 --formats ftm
    python -m bench.export_memory --url postgresql://postgres@127.0.0.1:5432/bench --size 100000

A database that already holds the dataset of that size is reused; the figures go to docs/export.md.
"""

import argparse
import json
import subprocess
import sys
import time

from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.orm import Session

from service.config import Settings
from service.db import make_engine
from service.models import Action


def rss_mb(field: str = "VmRSS") -> float:
    """Resident memory now (VmRSS), or at its highest so far (VmHWM: unlike getrusage's ru_maxrss, not
    inherited from the parent process through exec)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    return 0.0


def count_actions(url: str) -> int:
    engine = make_engine(Settings(database_url=url))
    try:
        with Session(engine) as session:
            return session.scalar(select(func.count()).select_from(Action))
    except (OperationalError, ProgrammingError):
        return 0
    finally:
        engine.dispose()


def ensure_dataset(url: str, size: int) -> None:
    found = count_actions(url)
    if found == size:
        print(f"reusing {url}: {size:,} actions", file=sys.stderr)
        return
    if found:
        raise SystemExit(f"{url} holds {found:,} actions, not {size:,}: give another --db or --url")
    from bench.dataset import load

    started = time.perf_counter()
    load({"bench": url}, size, progress=lambda message: print(message, file=sys.stderr))
    print(f"loaded {size:,} actions in {time.perf_counter() - started:,.0f} s", file=sys.stderr)


def measure(url: str, format: str) -> dict:
    """One export, in this process: the figures of one run."""
    from service.actions.schemas import ActionFilters
    from service.export.pages import read_snapshot
    from service.export.service import Format, export_chunks

    engine = make_engine(Settings(database_url=url))
    total = count_actions(url)
    baseline = rss_mb()
    samples: list[float] = []
    done = 0

    def on_page(n: int) -> None:
        nonlocal done
        done += n
        while len(samples) < 10 and done >= total * (len(samples) + 1) / 10:
            samples.append(round(rss_mb(), 1))

    written = 0
    started = time.perf_counter()
    with Session(engine) as session, open("/dev/null", "w", encoding="utf-8") as sink:
        read_snapshot(session)
        for chunk in export_chunks(session, Format(format), ActionFilters(), on_page):
            sink.write(chunk)
            written += len(chunk.encode("utf-8"))
    seconds = time.perf_counter() - started
    engine.dispose()
    return {
        "format": format,
        "actions": done,
        "seconds": round(seconds, 1),
        "actions_per_second": round(done / seconds),
        "megabytes_written": round(written / 1e6, 1),
        "rss_before_mb": round(baseline, 1),
        "rss_each_tenth_mb": samples,
        "peak_rss_mb": round(max([rss_mb("VmHWM"), *samples]), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="Actions in the dataset (default 100,000).")
    parser.add_argument("--db", help="SQLite file (default /tmp/export_memory_SIZE.db).")
    parser.add_argument("--url", help="A database URL instead of a SQLite file (e.g. PostgreSQL).")
    parser.add_argument("--formats", nargs="+", default=["ftm", "csv", "jsonl"], choices=["ftm", "csv", "jsonl"])
    parser.add_argument("--measure", choices=["ftm", "csv", "jsonl"], help=argparse.SUPPRESS)  # the child's run
    args = parser.parse_args()
    url = args.url or f"sqlite:///{args.db or f'/tmp/export_memory_{args.size}.db'}"
    if args.measure:
        print(json.dumps(measure(url, args.measure)))
        return
    ensure_dataset(url, args.size)
    results = []
    for format in args.formats:
        child = [sys.executable, "-m", "bench.export_memory", "--url", url, "--measure", format]
        output = subprocess.run(child, check=True, capture_output=True, text=True).stdout
        results.append(json.loads(output))
        print(json.dumps(results[-1]), file=sys.stderr)
    print(json.dumps({"size": args.size, "database": url.split(":")[0], "results": results}, indent=2))


if __name__ == "__main__":
    main()
